// A street's, district's or city's month: each child's report (state, who acted and when, on time
// or late), the children the approval still waits for, named, the 审批/验收 button (enabled only
// when nobody waits) and, on a child that reported, the 开放修改 dialog of the level above.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Popconfirm, Table, Tooltip, Typography } from 'antd'
import type { ReportOverview } from '@server/modules/statistics/statistics.schemas.ts'
import { api } from '../../../shared/api.ts'
import { applyFieldErrors, EmptyText, errorMessage, formatTime, StatusTag } from '../../common.tsx'
import { useReportLabels } from './reportLabels.ts'
import { stateTone, Timeliness } from './reportParts.tsx'

type Child = ReportOverview['children'][number]

export function ChildrenCard({ overview }: { overview: ReportOverview }) {
  const L = useReportLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [unlocking, setUnlocking] = useState<Child | null>(null)
  const { org, period, lock, waiting } = overview
  const what = org.kind === 'street' ? L.approve : L.accept
  // The node itself may act: the month is over, and it is not locked (or its lock has a live exception).
  const free = !lock || lock.reason === 'period_closed' || (!!lock.unlockedUntil && lock.by?.orgId === org.id)
  const canAct = overview.ended && free && waiting.length === 0 && overview.children.length > 0

  async function approve() {
    setBusy(true)
    setError(null)
    try {
      await api('/statistics/approvals', { method: 'POST', body: { orgId: org.id, period } })
      void message.success(`${org.name} ${period} ${L.approved(what)}`)
      await queryClient.invalidateQueries({ queryKey: ['statistics'] })
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{L.children}</Typography.Title>}
      extra={(
        <Popconfirm title={L.approveConfirm(what, period)} okText={what} cancelText={L.cancel} onConfirm={() => approve()} disabled={!canAct}>
          <Button type="primary" loading={busy} disabled={!canAct}>{what}</Button>
        </Popconfirm>
      )}>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {overview.ended && overview.children.length > 0 && (waiting.length > 0
        ? <Alert type="warning" showIcon role="status" style={{ marginBottom: 12 }} title={L.waiting(waiting.length, waiting.map((w) => w.name).join('、'))} />
        : overview.state === 'open' && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={org.kind === 'street' ? L.allIn : L.allInAccept} />)}
      <Table<Child> size="middle" rowKey="orgId" pagination={false} dataSource={overview.children} locale={{ emptyText: <EmptyText>{L.noChildren}</EmptyText> }}
        columns={[
          { key: 'name', title: L.child, dataIndex: 'name' },
          { key: 'state', title: L.state, render: (_, c) => <StatusTag tone={stateTone[c.state] ?? 'muted'}>{L.states[c.state]}</StatusTag> },
          { key: 'by', title: L.actedBy, render: (_, c) => c.actedBy?.name ?? <EmptyText>{L.notYet}</EmptyText> },
          { key: 'at', title: L.actedAt, render: (_, c) => (c.actedAt ? formatTime(c.actedAt) : <EmptyText>{L.notYet}</EmptyText>) },
          { key: 'onTime', title: L.timeliness, render: (_, c) => <Timeliness onTime={c.onTime} L={L} /> },
          {
            key: 'action', title: L.action, render: (_, c) => c.state === 'open' ? null : (
              <Tooltip title={free ? undefined : L.unlockBlocked}>
                <Button size="small" disabled={!free} onClick={() => setUnlocking(c)} aria-label={`${L.unlock}：${c.name}`}>{L.unlock}</Button>
              </Tooltip>
            ),
          },
        ]} />
      <UnlockDialog child={unlocking} period={period} onClose={() => setUnlocking(null)} />
    </Card>
  )
}

function UnlockDialog({ child, period, onClose }: { child: Child | null; period: string; onClose: () => void }) {
  const L = useReportLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ reason: string; hours: number }>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function save(v: { reason: string; hours: number }) {
    if (!child) return
    setBusy(true)
    setError(null)
    try {
      await api('/statistics/unlocks', { method: 'POST', body: { orgId: child.orgId, period, reason: v.reason, hours: v.hours } })
      void message.success(L.unlocked(child.name))
      form.resetFields()
      onClose()
      await queryClient.invalidateQueries({ queryKey: ['statistics'] })
    } catch (err) {
      setError(applyFieldErrors(form, err, ['reason', 'hours']))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open={child !== null} title={child ? L.unlockTitle(child.name, period) : ''} okText={L.unlockOk} cancelText={L.cancel} confirmLoading={busy}
      onOk={() => form.submit()} onCancel={() => { setError(null); onClose() }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{L.unlockIntro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ hours: 24 }} onFinish={(v) => void save(v)} preserve={false}>
        <Form.Item name="reason" label={L.reason} extra={L.reasonHelp} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: L.reasonRequired }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Flex gap={12} align="end">
          <Form.Item name="hours" label={L.hours} extra={L.hoursHelp} rules={[{ required: true, message: L.hoursHelp }]}>
            <InputNumber min={1} max={168} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  )
}
