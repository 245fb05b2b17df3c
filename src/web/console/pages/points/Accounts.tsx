// Points accounts in the caller's scope with their balances, an account's postings (with the
// reversal of one transaction), and the drawer for a manual award or deduction against a rule.
import { useRef, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { api } from '../../../shared/api.ts'
import type { ManualAwardRecord, PointsAccount, PointsRule, PointsTransaction, Posting } from '@server/modules/points/points.schemas.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect, PersonSelect } from '../../common.tsx'
import { FormDrawer, useFormSubmit } from '../visits/parts.tsx'
import { fill, usePointsLabels } from './labels.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'

const PAGE_SIZE = 50

/** getRandomValues works on plain http too, where crypto.randomUUID does not exist. */
export function newIdempotencyKey(): string {
  return 'web-' + Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')
}

export function Accounts({ canWrite }: { canWrite: boolean }) {
  const L = usePointsLabels()
  const [ownerKind, setOwnerKind] = useState<string | undefined>()
  const [viewing, setViewing] = useState<PointsAccount | null>(null)
  const [awarding, setAwarding] = useState(false)
  const list = useCursorPages<PointsAccount>(['points', 'accounts', { ownerKind }], '/points/accounts', (s) => {
    if (ownerKind) s.set('ownerKind', ownerKind)
  }, { pageSize: PAGE_SIZE })
  const rows = list.items
  const columns: ColumnsType<PointsAccount> = [
    { title: L.owner, key: 'owner', render: (_, a) => a.owner.name },
    { title: L.kindLabel, key: 'kind', width: 110, render: (_, a) => <Tag>{L.ownerKind[a.ownerKind]}</Tag> },
    { title: L.org, key: 'org', render: (_, a) => a.org.name },
    { title: L.balance, dataIndex: 'balance', width: 120, align: 'right', render: (b: number, a) => <span title={a.ownerKind === 'org' ? L.issuerNote : undefined}>{b.toLocaleString()}</span> },
    { title: L.openedAt, dataIndex: 'createdAt', width: 160, render: (v: string) => formatTime(v) },
    { title: L.actions, key: 'actions', width: 100, render: (_, a) => <Button size="small" onClick={() => setViewing(a)}>{L.view}</Button> },
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.filterKind} placeholder={L.allKinds} allowClear value={ownerKind} onChange={setOwnerKind} style={{ width: 160 }}
          options={Object.entries(L.ownerKind).map(([value, label]) => ({ value, label }))} />
        {canWrite && <Button type="primary" onClick={() => setAwarding(true)}>{L.newAward}</Button>}
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<PointsAccount> rowKey="id" columns={columns} dataSource={rows} pagination={list.pagination} size="middle" scroll={{ x: 800 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      {viewing && <AccountDrawer account={viewing} canWrite={canWrite} onClose={() => setViewing(null)} />}
      <AwardDrawer open={awarding} onClose={() => setAwarding(false)} />
    </div>
  )
}

function AccountDrawer({ account, canWrite, onClose }: { account: PointsAccount; canWrite: boolean; onClose: () => void }) {
  const L = usePointsLabels()
  const [reversing, setReversing] = useState<Posting | null>(null)
  const [detail, setDetail] = useState<string | null>(null)
  const current = useQuery({ queryKey: ['points', 'account', account.id], queryFn: () => api<PointsAccount>(`/points/accounts/${account.id}`) })
  const postings = useCursorPages<Posting>(['points', 'postings', account.id], `/points/accounts/${account.id}/postings`, undefined, { pageSize: PAGE_SIZE })
  const rows = postings.items
  const columns: ColumnsType<Posting> = [
    { title: L.at, dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    { title: L.kindLabel, key: 'kind', width: 90, render: (_, p) => L.txKind[p.kind] },
    { title: L.memo, key: 'memo', render: (_, p) => <Space size={4} wrap><Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setDetail(p.transactionId)}>{p.memo}</Button>{p.reversed && <Tag color="orange">{L.reversed}</Tag>}</Space> },
    { title: L.amount, dataIndex: 'amount', width: 90, align: 'right', render: (n: number) => <span style={{ color: n > 0 ? '#237804' : '#a8071a' }}>{n > 0 ? `+${n}` : n}</span> },
    ...(canWrite ? [{
      title: L.actions, key: 'actions', width: 90,
      render: (_: unknown, p: Posting) => (p.kind === 'award' || p.kind === 'deduction') && !p.reversed ? <Button size="small" danger onClick={() => setReversing(p)}>{L.reverse}</Button> : null,
    }] : []),
  ]
  return (
    <Drawer title={`${account.owner.name} · ${L.postings}`} open onClose={onClose} size="large" destroyOnHidden>
      <Typography.Paragraph>
        {L.balance}：<Typography.Text strong style={{ fontSize: 20 }}>{(current.data?.balance ?? account.balance).toLocaleString()}</Typography.Text>
        {account.ownerKind === 'org' && <Typography.Text type="secondary" style={{ marginLeft: 12, color: '#595959' }}>{L.issuerNote}</Typography.Text>}
      </Typography.Paragraph>
      <Table<Posting> rowKey="id" columns={columns} dataSource={rows} pagination={postings.pagination} size="small"
        loading={postings.isFetching} locale={{ emptyText: postings.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      {reversing && <ReverseModal posting={reversing} onClose={() => setReversing(null)} />}
      {detail && <TransactionModal id={detail} onClose={() => setDetail(null)} />}
    </Drawer>
  )
}

function TransactionModal({ id, onClose }: { id: string; onClose: () => void }) {
  const L = usePointsLabels()
  const tx = useQuery({ queryKey: ['points', 'transaction', id], queryFn: () => api<PointsTransaction>(`/points/transactions/${id}`) })
  const t = tx.data
  return (
    <Modal title={L.transaction} open onCancel={onClose} footer={null} destroyOnHidden>
      {tx.error && <Alert type="error" showIcon title={errorMessage(tx.error)} role="alert" />}
      {t && (
        <div>
          <Typography.Paragraph>{L.txKind[t.kind]} · {t.memo}</Typography.Paragraph>
          <Typography.Paragraph>{t.rule ? `${L.rule}：${t.rule.name}` : ''}{t.quantity !== null ? ` × ${t.quantity}` : ''}</Typography.Paragraph>
          <Typography.Paragraph>{L.org}：{t.org.name} · {L.createdBy}：{t.createdBy?.name ?? L.system} · {formatTime(t.createdAt)}</Typography.Paragraph>
          <Table rowKey="accountId" size="small" pagination={false} dataSource={t.postings}
            columns={[
              { title: L.owner, key: 'o', render: (_, p) => `${p.owner.name}（${L.ownerKind[p.ownerKind]}）` },
              { title: L.amount, dataIndex: 'amount', align: 'right' },
            ]} />
        </div>
      )}
    </Modal>
  )
}

function ReverseModal({ posting, onClose }: { posting: Posting; onClose: () => void }) {
  const L = usePointsLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ reason: string }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['reason'], async (v) => {
    await api(`/points/transactions/${posting.transactionId}/reverse`, { method: 'POST', body: { reason: v.reason } })
    message.success(L.reversedOk)
    await queryClient.invalidateQueries({ queryKey: ['points'] })
    onClose()
  })
  return (
    <Modal title={L.reverseTitle} open onCancel={onClose} onOk={() => form.submit()} okText={L.reverse} okButtonProps={{ danger: true, loading: busy }} cancelText={L.cancel} destroyOnHidden>
      <Typography.Paragraph>{posting.memo}（{posting.amount > 0 ? `+${posting.amount}` : posting.amount}）</Typography.Paragraph>
      <Typography.Paragraph style={{ color: '#595959' }}>{L.reverseIntro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={L.reason} extra={L.reasonExtra} rules={[{ required: true, min: 2, message: fill(L.required, { field: L.reason }) }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface AwardForm { personId: string; ruleCode: string; quantity: number; orgId: string; reason: string }

function AwardDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = usePointsLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<AwardForm>()
  const rules = useQuery({ queryKey: ['points', 'rules'], queryFn: () => api<{ items: PointsRule[] }>('/points/rules'), enabled: open })
  // One key per award being entered: a double click or a retry after a timeout posts once.
  const key = useRef(newIdempotencyKey())
  const { submit, error, busy } = useFormSubmit(form, () => ['personId', 'ruleCode', 'quantity', 'orgId', 'reason'], async (v) => {
    // Posted at once (the transaction), or above the review line and waiting for someone else (the entry).
    const answer = await api<PointsTransaction | ManualAwardRecord>('/points/awards', { method: 'POST', body: { ...v, idempotencyKey: key.current } })
    key.current = newIdempotencyKey()
    if ('status' in answer) message.info(fill(L.awardPending, { points: answer.points }))
    else message.success(fill(L.awardOk, { points: answer.postings.find((p) => p.ownerKind !== 'org')?.amount ?? 0 }))
    await queryClient.invalidateQueries({ queryKey: ['points'] })
    form.resetFields()
    onClose()
  })
  return (
    <FormDrawer title={L.awardTitle} open={open} onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ quantity: 1 }}>
        <Form.Item name="personId" label={L.person} rules={[{ required: true, message: fill(L.required, { field: L.person }) }]}>
          <PersonSelect />
        </Form.Item>
        <Form.Item name="ruleCode" label={L.rule} rules={[{ required: true, message: fill(L.required, { field: L.rule }) }]}>
          <Select options={(rules.data?.items ?? []).filter((r) => r.active).map((r) => ({
            value: r.code, label: `${r.name}（${L.direction[r.direction]} ${r.points} 分 ${L.unit[r.unit]}）`,
          }))} />
        </Form.Item>
        <Form.Item name="quantity" label={L.quantity} rules={[{ required: true, message: fill(L.required, { field: L.quantity }) }]}>
          <InputNumber min={0.01} max={1000} step={1} precision={2} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="orgId" label={L.awardOrg} extra={L.awardOrgExtra} rules={[{ required: true, message: fill(L.required, { field: L.awardOrg }) }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="reason" label={L.reason} extra={L.reasonExtra} rules={[{ required: true, min: 2, message: fill(L.required, { field: L.reason }) }]}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}
