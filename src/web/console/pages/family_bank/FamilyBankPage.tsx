// 家风银行 moderation: the queue of mottos and stories waiting (approve, or reject with a reason the
// depositor is told), every deposit in the caller's area by state and kind, and the public counts
// of a community or street; one tab each.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Input, Modal, Row, Select, Space, Statistic, Table, Tabs, Typography } from 'antd'
import type { Deposit, DepositKind, DepositState } from '@server/modules/family_bank/family_bank.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect, PageTheme, StatusTag, useLabels, type Tone } from '../../common.tsx'

const labels = {
  zh: {
    title: '家风银行', queue: '待审核', all: '全部存单', counts: '展示统计', kind: '类型', motto: '家训', story: '家风故事', family: '家庭', depositor: '存入人', community: '社区',
    content: '内容', state: '状态', at: '存入时间', approve: '通过', reject: '不通过', withdraw: '撤下', reason: '不通过的原因（会告知存入人）', none: '没有家风存单',
    noneWaiting: '没有待审核的家风存单', scope: '范围', mottos: '家训', stories: '家风故事', families: '存入家庭', pick: '选择社区或街道查看公开展示的数量', publicPage: '公开展示页',
    pending: '待审核', published: '已展示', rejected: '未通过', withdrawn: '已撤回',
  },
  en: {
    title: 'Family tradition bank', queue: 'Waiting', all: 'All deposits', counts: 'Public counts', kind: 'Kind', motto: 'Motto', story: 'Story', family: 'Family', depositor: 'Depositor', community: 'Community',
    content: 'Content', state: 'State', at: 'Deposited', approve: 'Approve', reject: 'Reject', withdraw: 'Take down', reason: 'Why not (the depositor is told)', none: 'No deposits',
    noneWaiting: 'Nothing waiting', scope: 'Area', mottos: 'Mottos', stories: 'Stories', families: 'Families', pick: 'Choose a community or street to see its public counts', publicPage: 'Public page',
    pending: 'Waiting', published: 'Published', rejected: 'Rejected', withdrawn: 'Withdrawn',
  },
}
const tones: Record<DepositState, Tone> = { pending: 'warning', published: 'success', rejected: 'danger', withdrawn: 'muted' }

function Deposits({ queue }: { queue: boolean }) {
  const L = useLabels(labels)
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [state, setState] = useState<DepositState | undefined>()
  const [kind, setKind] = useState<DepositKind | undefined>()
  const [orgId, setOrgId] = useState<string | undefined>()
  const [rejecting, setRejecting] = useState<Deposit | null>(null)
  const [reason, setReason] = useState('')
  const list = useCursorPages<Deposit>(['family-bank', queue, state, kind, orgId], '/family-bank/deposits', (s) => {
    if (queue) s.set('state', 'pending')
    else if (state) s.set('state', state)
    if (kind) s.set('kind', kind)
    if (orgId) s.set('orgId', orgId)
  })
  const act = async (d: Deposit, action: 'approve' | 'reject' | 'withdraw', body?: unknown) => {
    try {
      await api(`/family-bank/deposits/${d.id}/${action}`, { method: 'POST', body: body ?? {} })
      await queryClient.invalidateQueries({ queryKey: ['family-bank'] })
      void message.success(`${L[action]}：${d.familyLabel}`)
      return true
    } catch (err) {
      void message.error(errorMessage(err))
      return false
    }
  }
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        {!queue && <Select allowClear aria-label={L.state} placeholder={L.state} style={{ width: 120 }} value={state} onChange={setState}
          options={(['pending', 'published', 'rejected', 'withdrawn'] as const).map((s) => ({ value: s, label: L[s] }))} />}
        <Select allowClear aria-label={L.kind} placeholder={L.kind} style={{ width: 120 }} value={kind} onChange={setKind} options={[{ value: 'motto', label: L.motto }, { value: 'story', label: L.story }]} />
        <OrgSelect allowClear aria-label={L.scope} placeholder={L.scope} style={{ width: 240 }} value={orgId} onChange={setOrgId} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Deposit> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{queue ? L.noneWaiting : L.none}</EmptyText> }}
        columns={[
          { title: L.kind, key: 'kind', width: 90, render: (_, d) => (d.kind === 'motto' ? L.motto : L.story) },
          { title: L.content, key: 'content', render: (_, d) => (
            <div>{d.title && <Typography.Text strong>{d.title}</Typography.Text>}
              <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>{d.body}</Typography.Paragraph>
              {d.reason && <Typography.Text type="danger">{d.reason}</Typography.Text>}</div>
          ) },
          { title: L.family, dataIndex: 'familyLabel', width: 90 },
          { title: L.depositor, key: 'depositor', width: 110, render: (_, d) => d.depositor.name },
          { title: L.community, key: 'community', width: 140, render: (_, d) => d.community.name },
          { title: L.state, key: 'state', width: 90, render: (_, d) => <StatusTag tone={tones[d.state]}>{L[d.state]}</StatusTag> },
          { title: L.at, key: 'at', width: 150, render: (_, d) => formatTime(d.createdAt) },
          { title: '', key: 'actions', width: 150, render: (_, d) => (
            <Space>
              {d.actions.includes('approve') && <Button type="primary" size="small" onClick={() => void act(d, 'approve')}>{L.approve}</Button>}
              {d.actions.includes('reject') && <Button size="small" danger onClick={() => { setReason(''); setRejecting(d) }}>{L.reject}</Button>}
              {!queue && d.state === 'published' && d.actions.includes('withdraw') && <Button size="small" onClick={() => void act(d, 'withdraw')}>{L.withdraw}</Button>}
            </Space>
          ) },
        ]} />
      <Modal open={rejecting !== null} title={`${L.reject}：${rejecting?.title ?? rejecting?.body.slice(0, 20) ?? ''}`} okText={L.reject} okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onCancel={() => setRejecting(null)} onOk={() => void act(rejecting!, 'reject', { reason: reason.trim() }).then((ok) => ok && setRejecting(null))}>
        <Input.TextArea aria-label={L.reason} placeholder={L.reason} rows={3} maxLength={200} showCount value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </div>
  )
}

interface Counts { org: { name: string }; mottos: number; stories: number; families: number; byCommunity: { community: { id: string; name: string }; mottos: number; stories: number }[] }

function CountsTab() {
  const L = useLabels(labels)
  const [orgId, setOrgId] = useState<string | undefined>()
  const c = useQuery({ queryKey: ['family-bank', 'counts', orgId], queryFn: () => api<Counts>(`/family-bank/public/counts?orgId=${orgId}`), enabled: orgId !== undefined })
  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <OrgSelect aria-label={L.scope} placeholder={L.pick} style={{ width: 320 }} value={orgId} onChange={setOrgId} />
        {orgId && <Button href={`/h5/family-bank?orgId=${orgId}`} target="_blank">{L.publicPage}</Button>}
      </Space>
      {c.data && (
        <Row gutter={[16, 16]}>
          <Col xs={8}><Card><Statistic title={L.mottos} value={c.data.mottos} /></Card></Col>
          <Col xs={8}><Card><Statistic title={L.stories} value={c.data.stories} /></Card></Col>
          <Col xs={8}><Card><Statistic title={L.families} value={c.data.families} /></Card></Col>
          <Col span={24}>
            <Table rowKey={(r) => r.community.id} size="small" pagination={false} dataSource={c.data.byCommunity}
              columns={[{ title: L.community, key: 'c', render: (_, r) => r.community.name }, { title: L.mottos, dataIndex: 'mottos', align: 'right' }, { title: L.stories, dataIndex: 'stories', align: 'right' }]} />
          </Col>
        </Row>
      )}
    </div>
  )
}

export default function FamilyBankPage() {
  const L = useLabels(labels)
  const [params, setParams] = useSearchParams()
  const tab = ['all', 'counts'].includes(params.get('tab') ?? '') ? params.get('tab')! : 'queue'
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Tabs activeKey={tab} destroyOnHidden onChange={(k) => setParams(k === 'queue' ? {} : { tab: k }, { replace: true })}
        items={[{ key: 'queue', label: L.queue, children: <Deposits queue /> }, { key: 'all', label: L.all, children: <Deposits queue={false} /> }, { key: 'counts', label: L.counts, children: <CountsTab /> }]} />
    </PageTheme>
  )
}
