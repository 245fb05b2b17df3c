// The rewards catalogue (publish, restock, withdraw), the redemptions to hand over (by code) or
// cancel, and the earning rules (district admins edit them).
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { api } from '../../../shared/api.ts'
import type { PointsRule, Redemption, Reward } from '@server/modules/points/points.schemas.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect } from '../../common.tsx'
import { FormDrawer, useFormSubmit } from '../visits/parts.tsx'
import { fill, usePointsLabels } from './labels.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'

const PAGE_SIZE = 50

export function Rewards({ canWrite }: { canWrite: boolean }) {
  const L = usePointsLabels()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [includeInactive, setIncludeInactive] = useState(false)
  const [publishing, setPublishing] = useState(false)
  const [restocking, setRestocking] = useState<Reward | null>(null)
  const list = useCursorPages<Reward>(['points', 'rewards', { includeInactive }], '/points/rewards', (s) => {
    if (includeInactive) s.set('includeInactive', 'true')
  }, { pageSize: PAGE_SIZE })
  const rows = list.items
  async function setActive(r: Reward, active: boolean) {
    try {
      await api(`/points/rewards/${r.id}`, { method: 'PATCH', body: { active } })
      await queryClient.invalidateQueries({ queryKey: ['points', 'rewards'] })
    } catch (err) {
      modal.error({ title: errorMessage(err) })
    }
  }
  const columns: ColumnsType<Reward> = [
    { title: L.reward, key: 'name', render: (_, r) => <div><div>{r.name}</div>{r.description && <div style={{ color: '#595959', fontSize: 12 }}>{r.description}</div>}</div> },
    { title: L.merchant, key: 'merchant', render: (_, r) => r.merchant?.name ?? L.noMerchant },
    { title: L.publishOrg, key: 'org', render: (_, r) => r.org.name },
    { title: L.points, dataIndex: 'points', width: 100, align: 'right' },
    { title: L.stock, dataIndex: 'stock', width: 80, align: 'right' },
    { title: L.active, key: 'active', width: 90, render: (_, r) => (r.active ? <Tag color="green">{L.onShelf}</Tag> : <Tag>{L.offShelf}</Tag>) },
    ...(canWrite ? [{
      title: L.actions, key: 'actions', width: 170,
      render: (_: unknown, r: Reward) => (
        <Space>
          <Button size="small" onClick={() => setRestocking(r)}>{L.restock}</Button>
          <Button size="small" onClick={() => void setActive(r, !r.active)}>{r.active ? L.withdraw : L.putBack}</Button>
        </Space>
      ),
    }] : []),
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        {canWrite ? <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>{L.includeInactive}</Checkbox> : <span />}
        {canWrite && <Button type="primary" onClick={() => setPublishing(true)}>{L.publish}</Button>}
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Reward> rowKey="id" columns={columns} dataSource={rows} pagination={list.pagination} size="middle" scroll={{ x: 900 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      <PublishDrawer open={publishing} onClose={() => setPublishing(false)} />
      {restocking && <RestockModal reward={restocking} onClose={() => setRestocking(null)} onDone={() => message.success(L.restocked)} />}
    </div>
  )
}

interface PublishForm { name: string; description?: string; points: number; stock: number; orgId: string; merchantUnitId?: string }

function PublishDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = usePointsLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<PublishForm>()
  const merchants = useQuery({ queryKey: ['points', 'merchants'], queryFn: () => api<{ items: { id: string; name: string; org: { name: string } }[] }>('/points/merchants'), enabled: open })
  const { submit, error, busy } = useFormSubmit(form, () => ['name', 'description', 'points', 'stock', 'orgId', 'merchantUnitId'], async (v) => {
    await api('/points/rewards', { method: 'POST', body: { ...v, description: v.description?.trim() || undefined } })
    message.success(L.published)
    await queryClient.invalidateQueries({ queryKey: ['points', 'rewards'] })
    form.resetFields()
    onClose()
  })
  return (
    <FormDrawer title={L.publishTitle} open={open} onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ stock: 10, points: 100 }}>
        <Form.Item name="name" label={L.name} rules={[{ required: true, message: fill(L.required, { field: L.name }) }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="description" label={L.description}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        <Space size={24}>
          <Form.Item name="points" label={L.points} rules={[{ required: true, message: fill(L.required, { field: L.points }) }]}><InputNumber min={1} max={1000000} precision={0} /></Form.Item>
          <Form.Item name="stock" label={L.stock} rules={[{ required: true, message: fill(L.required, { field: L.stock }) }]}><InputNumber min={0} max={100000} precision={0} /></Form.Item>
        </Space>
        <Form.Item name="orgId" label={L.publishOrg} extra={L.publishOrgExtra} rules={[{ required: true, message: fill(L.required, { field: L.publishOrg }) }]}><OrgSelect /></Form.Item>
        <Form.Item name="merchantUnitId" label={L.merchant}>
          <Select allowClear placeholder={L.noMerchant} options={(merchants.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.org.name}）` }))} />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}

function RestockModal({ reward, onClose, onDone }: { reward: Reward; onClose: () => void; onDone: () => void }) {
  const L = usePointsLabels()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ restock: number }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['restock'], async (v) => {
    await api(`/points/rewards/${reward.id}`, { method: 'PATCH', body: { restock: v.restock } })
    await queryClient.invalidateQueries({ queryKey: ['points', 'rewards'] })
    onDone()
    onClose()
  })
  return (
    <Modal title={`${L.restockTitle} · ${reward.name}`} open onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} okText={L.save} cancelText={L.cancel} destroyOnHidden>
      <Typography.Paragraph>{L.stock}：{reward.stock}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="restock" label={L.restock} rules={[{ required: true, message: fill(L.required, { field: L.restock }) }]}><InputNumber min={-100000} max={100000} precision={0} /></Form.Item>
      </Form>
    </Modal>
  )
}

export function Redemptions({ canWrite }: { canWrite: boolean }) {
  const L = usePointsLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<string | undefined>('pending')
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState<Redemption | null>(null)
  const list = useCursorPages<Redemption>(['points', 'redemptions', { status }], '/points/redemptions', (s) => {
    if (status) s.set('status', status)
  }, { pageSize: PAGE_SIZE })
  const rows = list.items
  async function confirm() {
    setCodeError(null)
    try {
      const r = await api<Redemption>('/points/redemptions/confirm', { method: 'POST', body: { code: code.trim() } })
      message.success(fill(L.confirmed, { reward: `${r.reward.name} × ${r.quantity}（${r.person.name}）` }))
      setCode('')
      await queryClient.invalidateQueries({ queryKey: ['points'] })
    } catch (err) {
      setCodeError(errorMessage(err))
    }
  }
  const columns: ColumnsType<Redemption> = [
    { title: L.redeemedAt, dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    { title: L.reward, key: 'reward', render: (_, r) => `${r.reward.name} × ${r.quantity}` },
    { title: L.merchant, key: 'merchant', render: (_, r) => r.merchant?.name ?? r.org.name },
    { title: L.redeemer, key: 'person', render: (_, r) => r.person.name },
    { title: L.points, dataIndex: 'points', width: 90, align: 'right' },
    { title: L.code, dataIndex: 'code', width: 110 },
    { title: L.active, key: 'status', width: 100, render: (_, r) => <Tag color={r.status === 'pending' ? 'blue' : r.status === 'handed_over' ? 'green' : undefined}>{L.status[r.status]}</Tag> },
    { title: L.handledBy, key: 'handled', width: 160, render: (_, r) => (r.handledBy ? `${r.handledBy.name} ${formatTime(r.handledAt)}` : '') },
    ...(canWrite ? [{
      title: L.actions, key: 'actions', width: 110,
      render: (_: unknown, r: Redemption) => r.status === 'pending' ? <Button size="small" danger onClick={() => setCancelling(r)}>{L.cancelRedemption}</Button> : null,
    }] : []),
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.filterStatus} placeholder={L.allStatus} allowClear value={status} onChange={setStatus} style={{ width: 160 }}
          options={Object.entries(L.status).map(([value, label]) => ({ value, label }))} />
        <Space.Compact>
          <Input aria-label={L.confirmByCode} placeholder={L.confirmPlaceholder} value={code} onChange={(e) => setCode(e.target.value)} maxLength={8} style={{ width: 160 }} onPressEnter={() => void confirm()} />
          <Button type="primary" disabled={!/^\d{8}$/.test(code.trim())} onClick={() => void confirm()}>{L.confirm}</Button>
        </Space.Compact>
      </Flex>
      {codeError && <Alert type="error" showIcon title={codeError} style={{ marginBottom: 16 }} role="alert" />}
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Redemption> rowKey="id" columns={columns} dataSource={rows} pagination={list.pagination} size="middle" scroll={{ x: 1000 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      {cancelling && <CancelModal redemption={cancelling} onClose={() => setCancelling(null)} />}
    </div>
  )
}

function CancelModal({ redemption, onClose }: { redemption: Redemption; onClose: () => void }) {
  const L = usePointsLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ reason: string }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['reason'], async (v) => {
    await api(`/points/redemptions/${redemption.id}/cancel`, { method: 'POST', body: { reason: v.reason } })
    message.success(L.cancelled)
    await queryClient.invalidateQueries({ queryKey: ['points'] })
    onClose()
  })
  return (
    <Modal title={L.cancelTitle} open onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ danger: true, loading: busy }} okText={L.cancelRedemption} cancelText={L.cancel} destroyOnHidden>
      <Typography.Paragraph>{redemption.reward.name} × {redemption.quantity} · {redemption.person.name}</Typography.Paragraph>
      <Typography.Paragraph style={{ color: '#595959' }}>{L.cancelIntro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={L.reason} rules={[{ required: true, min: 2, message: fill(L.required, { field: L.reason }) }]}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  )
}

export function Rules({ canEdit }: { canEdit: boolean }) {
  const L = usePointsLabels()
  const [editing, setEditing] = useState<PointsRule | null>(null)
  const rules = useQuery({ queryKey: ['points', 'rules'], queryFn: () => api<{ items: PointsRule[] }>('/points/rules') })
  const columns: ColumnsType<PointsRule> = [
    { title: L.ruleName, key: 'name', render: (_, r) => <div><div>{r.name}</div>{r.description && <div style={{ color: '#595959', fontSize: 12 }}>{r.description}</div>}</div> },
    { title: L.ruleDirection, key: 'direction', width: 80, render: (_, r) => <Tag color={r.direction === 'earn' ? 'green' : 'red'}>{L.direction[r.direction]}</Tag> },
    { title: L.rulePoints, key: 'points', width: 140, render: (_, r) => `${r.points} ${L.unit[r.unit]}` },
    { title: L.active, key: 'active', width: 80, render: (_, r) => (r.active ? L.enabled : L.disabled) },
    ...(canEdit ? [{ title: L.actions, key: 'actions', width: 90, render: (_: unknown, r: PointsRule) => <Button size="small" onClick={() => setEditing(r)}>{L.edit}</Button> }] : []),
  ]
  return (
    <div>
      {rules.error && <Alert type="error" showIcon title={errorMessage(rules.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<PointsRule> rowKey="code" columns={columns} dataSource={rules.data?.items ?? []} pagination={false} size="middle" loading={rules.isFetching} />
      {editing && <RuleModal rule={editing} onClose={() => setEditing(null)} />}
    </div>
  )
}

function RuleModal({ rule, onClose }: { rule: PointsRule; onClose: () => void }) {
  const L = usePointsLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ name: string; points: number; active: boolean }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['name', 'points', 'active'], async (v) => {
    await api(`/points/rules/${rule.code}`, { method: 'PATCH', body: v })
    message.success(L.ruleSaved)
    await queryClient.invalidateQueries({ queryKey: ['points', 'rules'] })
    onClose()
  })
  return (
    <Modal title={`${L.editRule} · ${rule.name}`} open onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} okText={L.save} cancelText={L.cancel} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: rule.name, points: rule.points, active: rule.active }}>
        <Form.Item name="name" label={L.ruleName} rules={[{ required: true, message: fill(L.required, { field: L.ruleName }) }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="points" label={`${L.rulePoints}（${L.unit[rule.unit]}）`} rules={[{ required: true, message: fill(L.required, { field: L.rulePoints }) }]}><InputNumber min={1} max={100000} precision={0} /></Form.Item>
        <Form.Item name="active" label={L.enabled} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  )
}
