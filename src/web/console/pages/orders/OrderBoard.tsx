// The order board (12345-style work-order list): orders of the reader's area by state, with the
// overdue ones marked; filters by state, item and node; a click opens the order drawer. Cadres
// place an order for a resident after a phone call (代下单) from here.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Segmented, Select, Table, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs from 'dayjs'
import type { Order, OrderState, ServiceItem } from '@server/modules/orders/orders.schemas.ts'
import { channelLabels, stateLabels } from '@server/modules/orders/orders.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { applyFieldErrors, EmptyText, errorMessage, OrgSelect, PersonSelect, StatusTag, type Tone } from '../../common.tsx'
import { useHomeScope, ALL_ORGS } from '../../auth.tsx'
import { useOrderLabels } from './labels.ts'
import { OrderDrawer } from './OrderDrawer.tsx'

const STATES: OrderState[] = ['placed', 'accepted', 'open', 'assigned', 'in_progress', 'completed', 'confirmed', 'refused', 'merged', 'cancelled']
export const stateTone: Record<OrderState, Tone> = {
  placed: 'warning', accepted: 'warning', open: 'info', assigned: 'info', in_progress: 'info', completed: 'success',
  confirmed: 'success', refused: 'muted', merged: 'muted', cancelled: 'muted',
}

export function OrderStateTag({ state }: { state: OrderState }) {
  const { lang } = useI18n()
  return <StatusTag tone={stateTone[state]}>{stateLabels[state][lang]}</StatusTag>
}

export function useCatalogue() {
  return useQuery({ queryKey: ['service-items', 'all'], queryFn: () => api<{ items: ServiceItem[] }>('/service-items') })
}

export function OrderBoard() {
  const L = useOrderLabels()
  const { lang } = useI18n()
  const home = useHomeScope()
  const [state, setState] = useState<OrderState | 'all'>('placed')
  const [itemId, setItemId] = useState<string | undefined>()
  const [orgId, setOrgId] = useState<string | undefined>(home && home.id !== ALL_ORGS ? home.id : undefined)
  const [overdue, setOverdue] = useState(false)
  const [open, setOpen] = useState<string | null>(null)
  const [placing, setPlacing] = useState(false)
  const catalogue = useCatalogue()
  const list = useCursorPages<Order>(['orders', 'board', { state, itemId, orgId, overdue }], '/orders', (s) => {
    s.set('view', 'manage')
    if (state !== 'all') s.set('state', state)
    if (itemId) s.set('itemId', itemId)
    if (orgId) s.set('orgId', orgId)
    if (overdue) s.set('overdue', 'true')
  })
  const columns: ColumnsType<Order> = [
    { title: '#', dataIndex: 'id', width: 80, render: (id: string) => <Button type="link" style={{ padding: 0, color: '#0958d9' }} onClick={() => setOpen(id)}>{id}</Button> },
    { title: L.item, key: 'item', render: (_, o) => <span>{o.urgent && <Tag color="red">{L.urgent}</Tag>}{o.item.name}</span> },
    { title: L.requester, key: 'requester', width: 110, render: (_, o) => o.requester.name },
    { title: L.address, dataIndex: 'address', ellipsis: true },
    { title: L.channel, key: 'channel', width: 110, render: (_, o) => channelLabels[o.channel][lang] },
    { title: L.state, key: 'state', width: 100, render: (_, o) => <OrderStateTag state={o.state} /> },
    { title: L.assignee, key: 'assignee', width: 120, render: (_, o) => o.assignee?.name ?? '—' },
    { title: L.placedAt, key: 'createdAt', width: 130, render: (_, o) => dayjs(o.createdAt).format('MM-DD HH:mm') },
    { title: L.due, key: 'due', width: 130, render: (_, o) => o.dueAt ? (o.overdue ? <StatusTag tone="danger">{L.overdue}</StatusTag> : dayjs(o.dueAt).format('MM-DD HH:mm')) : '—' },
  ]
  return (
    <div>
      <Flex gap={12} wrap style={{ marginBottom: 12 }} align="center">
        <Segmented<OrderState | 'all'> value={state} onChange={setState}
          options={[{ value: 'all', label: L.all }, ...STATES.map((s) => ({ value: s, label: stateLabels[s][lang] }))]} />
      </Flex>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
        <OrgSelect value={orgId} onChange={(v) => setOrgId(v as string | undefined)} allowClear style={{ width: 220 }} placeholder={L.org} />
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} placeholder={L.item} value={itemId} onChange={setItemId}
          options={(catalogue.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} aria-label={L.item} />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>{L.overdueOnly}</Checkbox>
        <div style={{ flex: 1 }} />
        <Button type="primary" onClick={() => setPlacing(true)}>{L.placeFor}</Button>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Order> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching} columns={columns}
        rowClassName={(o) => (o.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.noOrders}</EmptyText> }} />
      {open && <OrderDrawer orderId={open} onClose={() => setOpen(null)} />}
      <PlaceFor open={placing} onClose={() => setPlacing(false)} items={catalogue.data?.items ?? []} onPlaced={(id) => { setPlacing(false); setOpen(id) }} />
    </div>
  )
}

/** 代下单: a cadre orders for a resident who phoned in. */
function PlaceFor({ open, onClose, items, onPlaced }: { open: boolean; onClose: () => void; items: ServiceItem[]; onPlaced: (id: string) => void }) {
  const L = useOrderLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ onBehalfOf: string; itemId: string; note?: string }>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (v: { onBehalfOf: string; itemId: string; note?: string }) => {
    setBusy(true)
    setError(null)
    try {
      const o = await api<Order>('/orders', { method: 'POST', body: { itemId: v.itemId, onBehalfOf: v.onBehalfOf, note: v.note?.trim() || undefined } })
      void message.success(L.saved)
      await queryClient.invalidateQueries({ queryKey: ['orders'] })
      form.resetFields()
      onPlaced(o.id)
    } catch (err) {
      setError(applyFieldErrors(form, err, ['onBehalfOf', 'itemId', 'note']))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open={open} title={L.placeForTitle} onCancel={onClose} okText={L.submit} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="onBehalfOf" label={L.resident} rules={[{ required: true }]}><PersonSelect placeholder={L.resident} /></Form.Item>
        <Form.Item name="itemId" label={L.item} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={items.filter((i) => !i.retired).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="note" label={L.note}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  )
}
