// 应急动员 /console/mobilisation: the emergencies of the reader's area and one emergency's board
// (posts covered, people on duty now, hazards open and handled, alerts of shifts soon uncovered),
// its posts and shifts, the day's roster (printable), and its hazards.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Tabs, Tag } from 'antd'
import dayjs from 'dayjs'
import type { Emergency } from '@server/modules/mobilisation/mobilisation.schemas.ts'
import { emergencyKindWords, levelWords, postKindWords } from '@server/modules/mobilisation/mobilisation.messages.ts'
import { api } from '../../../shared/api.ts'
import { PageTheme } from '../../common.tsx'

interface Board {
  posts: { total: number; coveredNow: number; vanguard: number }
  onDutyNow: { id: string; name: string; post: { name: string }; since: string | null }[]
  hazards: { open: number; handled: number }
  alerts: { shiftId: string; post: { name: string }; startsAt: string; held: number; needed: number }[]
  teams: number; branches: number
}
interface Roster { posts: { id: string; name: string; kind: keyof typeof postKindWords; shifts: { id: string; startsAt: string; endsAt: string; needed: number; people: { name: string; checkedIn: boolean }[] }[] }[] }
interface Hazard { id: string; caseId: string; priority: keyof typeof levelWords; description: string; handled: boolean; post: { name: string } | null; reportedBy: { name: string }; createdAt: string }
const time = (iso: string) => dayjs(iso).format('MM-DD HH:mm')

export default function MobilisationPage() {
  const list = useQuery({ queryKey: ['emergencies'], queryFn: () => api<{ items: Emergency[] }>('/emergencies?limit=50') })
  const [picked, setPicked] = useState<string | null>(null)
  const id = picked ?? list.data?.items[0]?.id ?? null
  const e = list.data?.items.find((x) => x.id === id)
  return (
    <PageTheme>
      <Space style={{ marginBottom: 16 }} wrap>
        <h2 style={{ margin: 0 }}>应急动员</h2>
        <Select aria-label="应急事件" style={{ minWidth: 320 }} value={id ?? undefined} onChange={setPicked} placeholder="选择应急事件"
          options={(list.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${emergencyKindWords[x.kind]}${x.endedAt ? '，已结束' : ''}）` }))} />
        {e && <Tag color={e.endedAt ? 'default' : 'red'}>{e.endedAt ? '已结束' : `进行中 · ${levelWords[e.level]}`}</Tag>}
      </Space>
      {list.data && !id && <Empty description="暂无应急事件" />}
      {id && <EmergencyBoard id={id} />}
    </PageTheme>
  )
}

function EmergencyBoard({ id }: { id: string }) {
  const board = useQuery({ queryKey: ['emergency-board', id], queryFn: () => api<Board>(`/emergencies/${id}/board`), refetchInterval: 60_000 })
  const [date, setDate] = useState(dayjs())
  const roster = useQuery({ queryKey: ['emergency-roster', id, date.format('YYYY-MM-DD')], queryFn: () => api<Roster>(`/emergencies/${id}/roster?date=${date.format('YYYY-MM-DD')}`) })
  const hazards = useQuery({ queryKey: ['emergency-hazards', id], queryFn: () => api<{ items: Hazard[] }>(`/emergencies/${id}/hazards`) })
  const b = board.data
  return (
    <>
      {b && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={6}><Card><Statistic title="点位在岗（当前）" value={b.posts.coveredNow} suffix={`/ ${b.posts.total}`} /></Card></Col>
          <Col span={6}><Card><Statistic title="当前在岗人员" value={b.onDutyNow.length} /></Card></Col>
          <Col span={6}><Card><Statistic title="险情 处置中 / 已处置" value={b.hazards.open} suffix={`/ ${b.hazards.handled}`} /></Card></Col>
          <Col span={6}><Card><Statistic title="突击队 / 临时党支部 / 先锋岗" value={`${b.teams} / ${b.branches} / ${b.posts.vanguard}`} /></Card></Col>
        </Row>
      )}
      {b?.alerts.map((a) => <Alert key={a.shiftId} type="warning" showIcon style={{ marginBottom: 8 }} message={`「${a.post.name}」${time(a.startsAt)} 班次缺人：${a.held}/${a.needed}`} />)}
      <Tabs items={[
        {
          key: 'roster', label: '值班表',
          children: (
            <>
              <Space style={{ marginBottom: 8 }}>
                <DatePicker aria-label="日期" value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
                <Button onClick={() => window.print()}>打印值班表</Button>
              </Space>
              <Table rowKey="id" size="small" pagination={false} dataSource={(roster.data?.posts ?? []).flatMap((p) => p.shifts.map((s) => ({ ...s, post: p.name, kind: p.kind })))}
                columns={[
                  { title: '点位', dataIndex: 'post', render: (v: string, r) => <>{v} <Tag>{postKindWords[r.kind]}</Tag></> },
                  { title: '班次', render: (_, r) => `${time(r.startsAt)}–${time(r.endsAt)}` },
                  { title: '人数', render: (_, r) => `${r.people.length}/${r.needed}` },
                  { title: '值守人员', render: (_, r) => r.people.map((p) => <Tag key={p.name} color={p.checkedIn ? 'green' : undefined}>{p.name}</Tag>) },
                ]} />
            </>
          ),
        },
        {
          key: 'duty', label: '当前在岗',
          children: <Table rowKey={(r) => `${r.id}-${r.post.name}`} size="small" pagination={false} dataSource={b?.onDutyNow ?? []}
            columns={[{ title: '姓名', dataIndex: 'name' }, { title: '点位', render: (_, r) => r.post.name }, { title: '签到时间', render: (_, r) => (r.since ? time(r.since) : '—') }]} />,
        },
        {
          key: 'hazards', label: '险情',
          children: <Table rowKey="id" size="small" dataSource={hazards.data?.items ?? []}
            columns={[
              { title: '事件', render: (_, r) => <a href={`/console/cases/${r.caseId}`}>#{r.caseId}</a> },
              { title: '描述', dataIndex: 'description' },
              { title: '优先级', render: (_, r) => <Tag color={r.priority === 'urgent' ? 'red' : 'orange'}>{levelWords[r.priority]}</Tag> },
              { title: '点位', render: (_, r) => r.post?.name ?? '—' },
              { title: '状态', render: (_, r) => (r.handled ? <Tag color="green">已处置</Tag> : <Tag color="red">处置中</Tag>) },
            ]} />,
        },
      ]} />
    </>
  )
}
