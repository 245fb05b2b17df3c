// Tabs of an emergency on the 应急动员 page: its duty posts with their shifts (add shifts, show the
// post's rotating check-in QR code), and, once ended, the report: who served and how long, the
// hazards, the temporary branches' records, the commendations proposed.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Button, Card, Descriptions, Empty, Modal, Space, Statistic, Table, Typography } from 'antd'
import type { Emergency, Post } from '@server/modules/mobilisation/mobilisation.schemas.ts'
import { postKindWords } from '@server/modules/mobilisation/mobilisation.messages.ts'
import { api } from '../../../shared/api.ts'
import { StatusTag } from '../../common.tsx'
import { CommendModal, ShiftsModal } from './EmergencyForms.tsx'
import { roleLevels } from '../../../shared/roles.ts'
import { useLevel } from '../../auth.tsx'

export const time = (iso: string) => dayjs(iso).format('MM-DD HH:mm')

export function PostsTab({ emergency }: { emergency: Emergency }) {
  const posts = useQuery({ queryKey: ['emergency-posts', emergency.id], queryFn: () => api<{ items: Post[] }>(`/emergencies/${emergency.id}/posts`) })
  const [adding, setAdding] = useState<Post | null>(null)
  const [qr, setQr] = useState<Post | null>(null)
  if (posts.data && posts.data.items.length === 0) return <Empty description={emergency.canManage ? '还没有值守点位，点击上方“设立点位”' : '没有值守点位'} />
  return (
    <>
      <Table rowKey="id" size="small" loading={posts.isPending} dataSource={posts.data?.items ?? []} pagination={false}
        expandable={{
          expandedRowRender: (p) => (
            <Table rowKey="id" size="small" pagination={false} dataSource={p.shifts}
              columns={[
                { title: '班次', render: (_, s) => `${time(s.startsAt)}–${time(s.endsAt)}` },
                { title: '人数', render: (_, s) => <StatusTag tone={s.held >= s.needed ? 'success' : 'warning'}>{s.held}/{s.needed}</StatusTag> },
                { title: '值守人员', render: (_, s) => s.people.map((x) => <StatusTag key={x.signupId} tone={x.checkedInAt ? 'success' : 'muted'}>{x.name}{x.source === 'assigned' ? '（指派）' : ''}</StatusTag>) },
              ]} />
          ),
        }}
        columns={[
          { title: '点位', render: (_, p) => <Space>{p.name}{p.vanguard && <StatusTag tone="danger">先锋岗</StatusTag>}</Space> },
          { title: '类型', render: (_, p) => postKindWords[p.kind] },
          { title: '责任区', render: (_, p) => p.zone?.name ?? '—' },
          { title: '突击队', render: (_, p) => p.team?.name ?? '—' },
          { title: '班次', render: (_, p) => `${p.shifts.length} 个` },
          { title: '当前', render: (_, p) => (emergency.endedAt ? <StatusTag tone="muted">已结束</StatusTag> : p.coveredNow ? <StatusTag tone="success">在岗 {p.onDutyNow} 人</StatusTag> : <StatusTag tone="danger">缺人</StatusTag>) },
          {
            title: '操作', render: (_, p) => (
              <Space>
                {emergency.canManage && <Button size="small" onClick={() => setAdding(p)}>添加班次</Button>}
                {!emergency.endedAt && <Button size="small" onClick={() => setQr(p)}>签到码</Button>}
              </Space>
            ),
          },
        ]} />
      <ShiftsModal post={adding} open={!!adding} onClose={() => setAdding(null)} />
      {qr && <CheckinCodeModal post={qr} onClose={() => setQr(null)} />}
    </>
  )
}

function CheckinCodeModal({ post, onClose }: { post: Post; onClose: () => void }) {
  const code = useQuery({ queryKey: ['emergency-code', post.id], queryFn: () => api<{ svg: string; expiresAt: string }>(`/emergency-posts/${post.id}/checkin-code`), refetchInterval: 25_000 })
  return (
    <Modal open title={`${post.name} · 签到二维码`} onCancel={onClose} footer={null} width={360}>
      {code.data && <div aria-label="签到二维码" role="img" style={{ width: 280, margin: '0 auto' }} dangerouslySetInnerHTML={{ __html: code.data.svg }} />}
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>每 30 秒更换，值守人员用手机扫码到岗签到</Typography.Paragraph>
    </Modal>
  )
}

interface Report {
  served: { id: string; name: string; shifts: number; hours: number; commendation: string | null }[]
  totalHours: number
  hazards: { total: number; handled: number }
  branches: { id: string; name: string; secretary: { name: string }; members: { name: string }[]; closedAt: string | null; record: string | null }[]
}

export function ReportTab({ emergency }: { emergency: Emergency }) {
  const report = useQuery({ queryKey: ['emergency-report', emergency.id], queryFn: () => api<Report>(`/emergencies/${emergency.id}/report`) })
  const [commending, setCommending] = useState(false)
  const level = useLevel()
  const r = report.data
  if (!r) return null
  return (
    <>
      <Space size={48} style={{ marginBottom: 16 }}>
        <Statistic title="参与值守" value={r.served.length} suffix="人" />
        <Statistic title="值守总时长" value={r.totalHours} suffix="小时" />
        <Statistic title="险情 已处置 / 总数" value={r.hazards.handled} suffix={`/ ${r.hazards.total}`} />
        <Statistic title="推荐表彰" value={r.served.filter((p) => p.commendation).length} suffix="人" />
      </Space>
      {emergency.summary && <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }} items={[{ key: 's', label: '应急总结', children: emergency.summary }]} />}
      {r.branches.map((b) => (
        <Card key={b.id} size="small" title={`${b.name}（书记：${b.secretary.name}，党员 ${b.members.length} 名）`} extra={b.closedAt ? <StatusTag tone="muted">已撤销 · 记录保留</StatusTag> : <StatusTag tone="danger">运行中</StatusTag>} style={{ marginBottom: 16 }}>
          {b.record ?? <Typography.Text type="secondary">无工作记录</Typography.Text>}
        </Card>
      ))}
      <Space style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>参与人员和时长</Typography.Text>
        {level >= roleLevels.community_cadre! && <Button size="small" onClick={() => setCommending(true)}>推荐表彰</Button>}
      </Space>
      <Table rowKey="id" size="small" dataSource={r.served} pagination={{ pageSize: 10 }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '值守班次', dataIndex: 'shifts' },
          { title: '时长（小时）', dataIndex: 'hours' },
          { title: '表彰推荐', render: (_, p) => (p.commendation ? <Space><StatusTag tone="warning">推荐表彰</StatusTag>{p.commendation}</Space> : '—') },
        ]} />
      <CommendModal emergencyId={emergency.id} people={r.served} open={commending} onClose={() => setCommending(false)} />
    </>
  )
}
