// 楼栋长 /console/building-leaders: the buildings of a node with their leader in post (the people
// module's building_leader role), coverage figures per community (buildings with a leader, with a
// Party member as leader: 应配尽配), appointing or replacing a leader (POST /people/:id/roles, then
// ending the former one's role), and the printable stairwell card of each building.
import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Col, Form, Input, Modal, Progress, Row, Segmented, Space, Statistic, Table, Typography } from 'antd'
import type { z } from 'zod'
import type { coverageSchema, leaderRowSchema } from '@server/modules/building_leaders/building_leaders.schemas.ts'
import { api } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import { useMe } from '../../auth.tsx'
import { applyFieldErrors, OrgSelect, PageTheme, PersonSelect, StatusTag, type Person } from '../../common.tsx'

type Row = z.infer<typeof leaderRowSchema>
type Coverage = z.infer<typeof coverageSchema>
const pct = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0)

export default function BuildingLeadersPage() {
  const me = useMe().data!
  const home = useMemo(() => [...me.roles].filter((r) => (roleLevels[r.role] ?? 0) >= roleLevels.grid_worker!)
    .sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0], [me])
  const [orgId, setOrgId] = useState<string | undefined>(home?.orgId)
  const [filter, setFilter] = useState<'all' | 'none' | 'noCard'>('all')
  const [q, setQ] = useState('')
  const [appointing, setAppointing] = useState<Row | null>(null)
  const list = useQuery({ queryKey: ['building-leaders', orgId], enabled: !!orgId, queryFn: () => api<{ items: Row[] }>(`/building-leaders?orgId=${orgId}`) })
  const coverage = useQuery({ queryKey: ['building-leaders', 'coverage', orgId], enabled: !!orgId, retry: false, queryFn: () => api<Coverage>(`/building-leaders/coverage?orgId=${orgId}`) })
  const rows = (list.data?.items ?? []).filter((r) => (filter === 'none' ? !r.leader : filter === 'noCard' ? r.leader && !r.hasCard : true))
    .filter((r) => !q || `${r.building.where}${r.building.name}${r.leader?.name ?? ''}`.includes(q))
  const t = coverage.data?.total
  return (
    <PageTheme>
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>楼栋长“三亮”</Typography.Title>
        <OrgSelect aria-label="辖区" style={{ minWidth: 260 }} value={orgId} onChange={setOrgId} placeholder="选择街道或社区" known={home ? [{ value: home.orgId, label: home.orgName ?? home.orgId }] : []} />
      </Space>
      {t && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={6}><Card><Statistic title="楼栋总数" value={t.buildings} suffix="栋" /></Card></Col>
          <Col span={6}><Card><Statistic title="已配楼栋长" value={t.withLeader} suffix={`栋 · ${pct(t.withLeader, t.buildings)}%`} /></Card></Col>
          <Col span={6}><Card><Statistic title="党员楼栋长" value={t.partyMemberLeader} suffix={`栋 · ${pct(t.partyMemberLeader, t.buildings)}%`} /></Card></Col>
          <Col span={6}><Card><Statistic title="未配楼栋长" value={t.buildings - t.withLeader} suffix="栋" valueStyle={{ color: t.buildings > t.withLeader ? '#cf1322' : undefined }} /></Card></Col>
        </Row>
      )}
      {coverage.data && coverage.data.rows.length > 0 && (
        <Card size="small" title="各社区配备情况（应配尽配）" style={{ marginBottom: 16 }}>
          <Table rowKey={(r) => r.org.id} size="small" pagination={false} dataSource={coverage.data.rows}
            columns={[
              { title: '社区', render: (_, r) => r.org.name },
              { title: '楼栋', dataIndex: 'buildings' },
              { title: '已配楼栋长', render: (_, r) => <Space style={{ width: 220 }}><Progress percent={pct(r.withLeader, r.buildings)} size="small" style={{ width: 140 }} />{r.withLeader}</Space> },
              { title: '党员楼栋长', render: (_, r) => <Space style={{ width: 220 }}><Progress percent={pct(r.partyMemberLeader, r.buildings)} size="small" strokeColor="#c8102e" style={{ width: 140 }} />{r.partyMemberLeader}</Space> },
            ]} />
        </Card>
      )}
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Segmented value={filter} onChange={(v) => setFilter(v as typeof filter)} options={[{ value: 'all', label: '全部楼栋' }, { value: 'none', label: '未配楼栋长' }, { value: 'noCard', label: '未亮名片' }]} />
          <Input.Search aria-label="搜索楼栋或姓名" placeholder="搜索楼栋或姓名" allowClear onSearch={setQ} style={{ width: 240 }} />
        </Space>
        {list.error && <Alert type="error" showIcon title={(list.error as Error).message} style={{ marginBottom: 12 }} />}
        <Table rowKey={(r) => r.building.id} size="small" loading={list.isFetching} dataSource={rows} pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 栋` }}
          columns={[
            { title: '楼栋', render: (_, r) => <Space direction="vertical" size={0}><Typography.Text>{r.building.name}</Typography.Text><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.building.where}</Typography.Text></Space> },
            { title: '楼栋长', render: (_, r) => (r.leader ? <Space>{r.leader.name}{r.partyMember && <StatusTag tone="danger">党员</StatusTag>}</Space> : <StatusTag tone="warning">未配</StatusTag>) },
            { title: '三亮名片', render: (_, r) => (!r.leader ? '—' : r.hasCard ? <StatusTag tone="success">已亮</StatusTag> : <StatusTag tone="muted">未填写</StatusTag>) },
            {
              title: '操作', width: 220, render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setAppointing(r)}>{r.leader ? '更换' : '任命'}</Button>
                  {r.leader && <Link to={`/building-leaders/${r.building.id}/card`}>打印名片</Link>}
                </Space>
              ),
            },
          ]} />
      </Card>
      {appointing && <AppointModal row={appointing} onClose={() => setAppointing(null)} />}
    </PageTheme>
  )
}

/** Appoints a building leader; replacing one ends the former leader's role from today. */
function AppointModal({ row, onClose }: { row: Row; onClose: () => void }) {
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ personId: string }>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit({ personId }: { personId: string }) {
    setBusy(true)
    setError(null)
    try {
      if (row.leader && personId === row.leader.id) throw new Error('新楼栋长与现任相同')
      await api(`/people/${personId}/roles`, { method: 'POST', body: { role: 'building_leader', orgId: row.building.id } })
      if (row.leader) {
        const former = await api<Person>(`/people/${row.leader.id}`)
        const role = former.roles.find((x) => x.role === 'building_leader' && x.orgId === row.building.id && x.active)
        if (role) await api(`/people/${row.leader.id}/roles/${role.id}`, { method: 'DELETE' })
      }
      await queryClient.invalidateQueries({ queryKey: ['building-leaders'] })
      onClose()
    } catch (err) {
      setError(applyFieldErrors(form, err, ['personId']))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open title={`${row.leader ? '更换' : '任命'}楼栋长：${row.building.name}`} okText={row.leader ? '更换' : '任命'} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      {row.leader && <Typography.Paragraph>现任楼栋长：{row.leader.name}{row.partyMember ? '（党员）' : ''}。更换后现任的楼栋长角色即日起结束。</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="personId" label="新楼栋长" rules={[{ required: true, message: '请选择人员' }]} extra="优先选择住在本楼栋的党员（应配尽配）">
          <PersonSelect aria-label="新楼栋长" placeholder="搜索姓名" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
