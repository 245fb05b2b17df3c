// 手工积分审核: every manual award and deduction in the caller's scope, newest first, filtered by
// state (pending by default). Those above the review line wait here until a second cadre approves
// them (which posts them) or rejects them with a reason; the server says which ones the caller
// may decide (`canDecide`: not their own, and in their scope).
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { api } from '../../../shared/api.ts'
import type { ManualAwardRecord } from '@server/modules/points/points.schemas.ts'
import { EmptyText, errorMessage, formatTime, StatusTag } from '../../common.tsx'
import { useFormSubmit } from '../visits/parts.tsx'
import { fill, usePointsLabels } from './labels.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'

const PAGE_SIZE = 50
const tone = { pending: 'warning', posted: 'success', rejected: 'muted' } as const

export function ManualReview() {
  const L = usePointsLabels()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<string | undefined>('pending')
  const [rejecting, setRejecting] = useState<ManualAwardRecord | null>(null)
  const list = useCursorPages<ManualAwardRecord>(['points', 'manual-awards', { status }], '/points/manual-awards', (s) => {
    if (status) s.set('status', status)
  }, { pageSize: PAGE_SIZE })
  const rows = list.items
  async function approve(m: ManualAwardRecord) {
    try {
      await api(`/points/manual-awards/${m.id}/approve`, { method: 'POST' })
      message.success(L.approved)
      await queryClient.invalidateQueries({ queryKey: ['points'] })
    } catch (err) {
      modal.error({ title: errorMessage(err) })
    }
  }
  const columns: ColumnsType<ManualAwardRecord> = [
    { title: L.enteredAt, dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    { title: L.recipient, key: 'recipient', width: 130, render: (_, m) => m.person?.name ?? m.unit?.name },
    { title: L.rule, key: 'rule', width: 120, render: (_, m) => `${m.rule.name} × ${m.quantity}` },
    { title: L.amount, dataIndex: 'points', width: 80, align: 'right', render: (n: number, m) => <span style={{ color: m.direction === 'earn' ? '#237804' : '#a8071a' }}>{m.direction === 'earn' ? `+${n}` : -n}</span> },
    { title: L.reason, dataIndex: 'reason' },
    { title: L.enteredBy, key: 'by', width: 140, render: (_, m) => <div><div>{m.awardedBy.name}</div><div style={{ color: '#595959', fontSize: 12 }}>{m.org.name}</div></div> },
    {
      title: L.decision, key: 'decision', width: 190,
      render: (_, m) => (
        <div>
          <StatusTag tone={tone[m.status]}>{L.manualStatus[m.status]}</StatusTag>
          {m.status !== 'pending' && <div style={{ color: '#595959', fontSize: 12 }}>{m.decidedBy ? `${m.decidedBy.name} · ${formatTime(m.decidedAt)}` : L.atOnce}</div>}
          {m.rejectReason && <div style={{ fontSize: 12 }}>{L.rejectReason}：{m.rejectReason}</div>}
        </div>
      ),
    },
    {
      title: L.actions, key: 'actions', width: 150,
      render: (_, m) => m.canDecide ? (
        <Space>
          <Popconfirm title={L.approveConfirm} okText={L.approve} cancelText={L.cancel} onConfirm={() => approve(m)}>
            <Button size="small" type="primary">{L.approve}</Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setRejecting(m)}>{L.reject}</Button>
        </Space>
      ) : null,
    },
  ]
  return (
    <div>
      <Typography.Paragraph style={{ color: '#595959' }}>{L.reviewIntro}</Typography.Paragraph>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.filterStatus} placeholder={L.allStatus} allowClear value={status} onChange={setStatus} style={{ width: 160 }}
          options={Object.entries(L.manualStatus).map(([value, label]) => ({ value, label }))} />
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<ManualAwardRecord> rowKey="id" columns={columns} dataSource={rows} pagination={list.pagination} size="middle" scroll={{ x: 1100 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      {rejecting && <RejectModal award={rejecting} onClose={() => setRejecting(null)} />}
    </div>
  )
}

function RejectModal({ award, onClose }: { award: ManualAwardRecord; onClose: () => void }) {
  const L = usePointsLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ reason: string }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['reason'], async (v) => {
    await api(`/points/manual-awards/${award.id}/reject`, { method: 'POST', body: { reason: v.reason } })
    message.success(L.rejected)
    await queryClient.invalidateQueries({ queryKey: ['points', 'manual-awards'] })
    onClose()
  })
  return (
    <Modal title={L.rejectTitle} open onCancel={onClose} onOk={() => form.submit()} okText={L.reject} okButtonProps={{ danger: true, loading: busy }} cancelText={L.cancel} destroyOnHidden>
      <Typography.Paragraph>{award.person?.name ?? award.unit?.name} · {award.rule.name} · {award.direction === 'earn' ? `+${award.points}` : -award.points}</Typography.Paragraph>
      <Typography.Paragraph style={{ color: '#595959' }}>{award.reason}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={L.rejectReason} extra={L.reasonExtra} rules={[{ required: true, min: 2, message: fill(L.required, { field: L.rejectReason }) }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
