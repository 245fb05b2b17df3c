// 应急动员 /console/mobilisation: the emergencies of the reader's area and one emergency's board
// (posts covered, people on duty now, hazards open and handled, alerts of shifts soon uncovered),
// the map of its responsibility zones and duty posts, its posts and shifts, the day's roster
// (printable), its hazards and, once ended, its report. Street and district admins declare and
// end emergencies; those who run one draw zones, set up posts and add shifts.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import type { Emergency } from '@server/modules/mobilisation/mobilisation.schemas.ts'
import { emergencyKindWords, levelWords, postKindWords } from '@server/modules/mobilisation/mobilisation.messages.ts'
import { api } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import { useLevel } from '../../auth.tsx'
import { PageTheme, StatusTag } from '../../common.tsx'
import { EmergencyMap, type MapPost, type MapZone } from './emergencyMaps.tsx'
import { DeclareModal, EndModal, PostModal, ZoneModal } from './EmergencyForms.tsx'
import { PostsTab, ReportTab, time } from './EmergencyTabs.tsx'
import './mobilisation.css'

interface Board {
  posts: { total: number; coveredNow: number; vanguard: number }
  onDutyNow: { id: string; name: string; post: { name: string }; since: string | null }[]
  hazards: { open: number; handled: number }
  alerts: { shiftId: string; post: { name: string }; startsAt: string; held: number; needed: number }[]
  zones: MapZone[]; postsOnMap: MapPost[]
  teams: number; branches: number
}
interface Roster { posts: { id: string; name: string; kind: keyof typeof postKindWords; shifts: { id: string; startsAt: string; endsAt: string; needed: number; people: { name: string; checkedIn: boolean }[] }[] }[] }
interface Hazard { id: string; caseId: string; priority: keyof typeof levelWords; description: string; handled: boolean; post: { name: string } | null; reportedBy: { name: string }; createdAt: string }

export default function MobilisationPage() {
  const level = useLevel()
  const list = useQuery({ queryKey: ['emergencies'], queryFn: () => api<{ items: Emergency[] }>('/emergencies?limit=50') })
  const [picked, setPicked] = useState<string | null>(null)
  const [declaring, setDeclaring] = useState(false)
  const id = picked ?? list.data?.items[0]?.id ?? null
  const e = list.data?.items.find((x) => x.id === id)
  return (
    <PageTheme>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap className="no-print">
        <Space wrap>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>应急动员</Typography.Title>
          <Select aria-label="应急事件" style={{ minWidth: 340 }} value={id ?? undefined} onChange={setPicked} placeholder="选择应急事件"
            options={(list.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${emergencyKindWords[x.kind]}${x.endedAt ? '，已结束' : ''}）` }))} />
          {e && <StatusTag tone={e.endedAt ? 'muted' : 'danger'}>{e.endedAt ? `已结束 · ${dayjs(e.endedAt).format('YYYY-MM-DD')}` : `进行中 · ${levelWords[e.level]}`}</StatusTag>}
        </Space>
        {level >= roleLevels.street_admin! && <Button type="primary" danger icon={<PlusOutlined />} onClick={() => setDeclaring(true)}>发起应急动员</Button>}
      </Space>
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
      {list.data && !id && <Card><Empty description="暂无应急事件" /></Card>}
      {e && <EmergencyBoard key={e.id} e={e} />}
      <DeclareModal open={declaring} onClose={() => setDeclaring(false)} onDeclared={setPicked} />
    </PageTheme>
  )
}

function EmergencyBoard({ e }: { e: Emergency }) {
  const id = e.id
  const board = useQuery({ queryKey: ['emergency-board', id], queryFn: () => api<Board>(`/emergencies/${id}/board`), refetchInterval: 60_000 })
  const [date, setDate] = useState(() => (e.endedAt ? dayjs(e.startedAt).add(1, 'day') : dayjs()))
  const roster = useQuery({ queryKey: ['emergency-roster', id, date.format('YYYY-MM-DD')], queryFn: () => api<Roster>(`/emergencies/${id}/roster?date=${date.format('YYYY-MM-DD')}`) })
  const hazards = useQuery({ queryKey: ['emergency-hazards', id], queryFn: () => api<{ items: Hazard[] }>(`/emergencies/${id}/hazards`) })
  const [modal, setModal] = useState<'zone' | 'post' | 'end' | null>(null)
  const [tab, setTab] = useState('map')
  const b = board.data
  const close = () => setModal(null)
  return (
    <div className={tab === 'roster' ? 'print-roster' : undefined}>
      <Card size="small" className="no-print" style={{ marginBottom: 16 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space direction="vertical" size={0}>
            <Typography.Text strong>{e.name}</Typography.Text>
            <Typography.Text type="secondary">
              {e.org.name} · {emergencyKindWords[e.kind]} · 标签「{e.tag}」 · 发起人 {e.declaredBy.name} · {dayjs(e.startedAt).format('YYYY-MM-DD HH:mm')} 起
              {e.endedAt ? ` 至 ${dayjs(e.endedAt).format('YYYY-MM-DD HH:mm')}` : ''}
            </Typography.Text>
          </Space>
          <Space wrap>
            {e.canManage && <Button onClick={() => setModal('zone')}>划定责任区</Button>}
            {e.canManage && <Button type="primary" onClick={() => setModal('post')}>设立点位</Button>}
            {e.canEnd && <Button danger onClick={() => setModal('end')}>结束应急</Button>}
          </Space>
        </Space>
        {e.summary && <Typography.Paragraph style={{ margin: '8px 0 0' }}><Typography.Text type="secondary">总结：</Typography.Text>{e.summary}</Typography.Paragraph>}
      </Card>
      {b && (
        <Row gutter={16} style={{ marginBottom: 16 }} className="no-print">
          <Col span={6}><Card><Statistic title={e.endedAt ? '值守点位' : '点位在岗（当前）'} value={e.endedAt ? b.posts.total : b.posts.coveredNow} suffix={e.endedAt ? '个' : `/ ${b.posts.total}`} /></Card></Col>
          <Col span={6}><Card><Statistic title="当前在岗人员" value={b.onDutyNow.length} /></Card></Col>
          <Col span={6}><Card><Statistic title="险情 处置中 / 已处置" value={b.hazards.open} suffix={`/ ${b.hazards.handled}`} /></Card></Col>
          <Col span={6}><Card><Statistic title="突击队 / 临时党支部 / 先锋岗" value={`${b.teams} / ${b.branches} / ${b.posts.vanguard}`} /></Card></Col>
        </Row>
      )}
      {b?.alerts.map((a) => <Alert key={a.shiftId} className="no-print" type="warning" showIcon style={{ marginBottom: 8 }} title={`「${a.post.name}」${time(a.startsAt)} 班次缺人：${a.held}/${a.needed}`} />)}
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={[
          { key: 'map', label: '责任区地图', children: b ? <EmergencyMap zones={b.zones} posts={b.postsOnMap} area={e.area} ended={!!e.endedAt} /> : null },
          { key: 'posts', label: '点位与班次', children: <PostsTab emergency={e} /> },
          {
            key: 'roster', label: '值班表',
            children: (
              <>
                <Space style={{ marginBottom: 8 }} className="no-print">
                  <DatePicker aria-label="日期" value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
                  <Button onClick={() => window.print()}>打印值班表</Button>
                </Space>
                <h3 className="print-only">{e.name} · 值班表 · {date.format('YYYY年M月D日')}</h3>
                <Table rowKey="id" size="small" pagination={false} dataSource={(roster.data?.posts ?? []).flatMap((p) => p.shifts.map((s) => ({ ...s, post: p.name, kind: p.kind })))}
                  columns={[
                    { title: '点位', dataIndex: 'post', render: (v: string, r) => <>{v} <Tag>{postKindWords[r.kind]}</Tag></> },
                    { title: '班次', render: (_, r) => `${time(r.startsAt)}–${time(r.endsAt)}` },
                    { title: '人数', render: (_, r) => `${r.people.length}/${r.needed}` },
                    { title: '值守人员', render: (_, r) => r.people.map((p) => <StatusTag key={p.name} tone={p.checkedIn ? 'success' : 'muted'}>{p.name}</StatusTag>) },
                  ]} />
              </>
            ),
          },
          {
            key: 'duty', label: '当前在岗',
            children: <Table rowKey={(r) => `${r.id}-${r.post.name}`} size="small" pagination={false} dataSource={b?.onDutyNow ?? []} locale={{ emptyText: e.endedAt ? '应急已结束' : '当前无人在岗' }}
              columns={[{ title: '姓名', dataIndex: 'name' }, { title: '点位', render: (_, r) => r.post.name }, { title: '签到时间', render: (_, r) => (r.since ? time(r.since) : '—') }]} />,
          },
          {
            key: 'hazards', label: `险情（${(b?.hazards.open ?? 0) + (b?.hazards.handled ?? 0)}）`,
            children: <Table rowKey="id" size="small" dataSource={hazards.data?.items ?? []}
              columns={[
                { title: '事件', render: (_, r) => <a href={`/console/cases/${r.caseId}`}>#{r.caseId}</a> },
                { title: '描述', dataIndex: 'description' },
                { title: '优先级', render: (_, r) => <StatusTag tone={r.priority === 'urgent' ? 'danger' : 'warning'}>{levelWords[r.priority]}</StatusTag> },
                { title: '点位', render: (_, r) => r.post?.name ?? '—' },
                { title: '上报人', render: (_, r) => r.reportedBy.name },
                { title: '上报时间', render: (_, r) => time(r.createdAt) },
                { title: '状态', render: (_, r) => (r.handled ? <StatusTag tone="success">已处置</StatusTag> : <StatusTag tone="danger">处置中</StatusTag>) },
              ]} />,
          },
          ...(e.endedAt ? [{ key: 'report', label: '总结与表彰', children: <ReportTab emergency={e} /> }] : []),
        ]} />
      </Card>
      <ZoneModal emergency={e} open={modal === 'zone'} onClose={close} />
      <PostModal emergency={e} zones={b?.zones ?? []} open={modal === 'post'} onClose={close} />
      <EndModal emergency={e} open={modal === 'end'} onClose={close} />
    </div>
  )
}
