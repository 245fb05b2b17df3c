// One-button devices (一键通): the devices of the reader's area with their last heartbeat (silent
// ones marked and filterable), registering a device to a resident (its secret shown once), the
// calls with their escalation steps.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import type { z } from 'zod'
import type { deviceCreatedSchema, deviceSchema, DeviceCreate, pressSchema } from '@server/modules/orders/orders.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, PersonSelect, StatusTag } from '../../common.tsx'
import { FormDrawer, useFormSubmit } from '../visits/parts.tsx'
import { useOrderLabels } from './labels.ts'
import { useCatalogue } from './OrderBoard.tsx'

type Device = z.infer<typeof deviceSchema>
type Press = z.infer<typeof pressSchema>

export function Devices() {
  const L = useOrderLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [silent, setSilent] = useState(false)
  const [q, setQ] = useState('')
  const [adding, setAdding] = useState(false)
  const [secret, setSecret] = useState<{ serial: string; secret: string } | null>(null)
  const list = useCursorPages<Device>(['devices', { silent, q }], '/devices', (s) => {
    if (silent) s.set('silent', 'true')
    if (q.trim()) s.set('q', q.trim())
  })
  const presses = useCursorPages<Press>(['device-presses'], '/device-presses', () => {})
  const rotate = async (d: Device) => {
    try {
      const r = await api<z.infer<typeof deviceCreatedSchema>>(`/devices/${d.id}/secret`, { method: 'POST' })
      setSecret({ serial: r.serial, secret: r.secret })
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  const pressWord: Record<Press['state'], string> = { pending: L.pressPending, cancelled: L.pressCancelled, ordered: L.pressOrdered, acknowledged: L.pressAcknowledged }
  return (
    <div>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
        <Input.Search allowClear style={{ width: 240 }} placeholder={`${L.serial} / ${L.owner}`} aria-label={L.serial} onSearch={setQ} />
        <Checkbox checked={silent} onChange={(e) => setSilent(e.target.checked)}>{L.silentOnly}</Checkbox>
        <div style={{ flex: 1 }} />
        <Button type="primary" onClick={() => setAdding(true)}>{L.newDevice}</Button>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Device> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.noOrders}</EmptyText> }}
        columns={[
          { title: L.serial, dataIndex: 'serial', width: 150 },
          { title: L.owner, key: 'person', render: (_, d) => `${d.person.name}（${d.org.name}）` },
          { title: L.kind, key: 'kind', width: 110, render: (_, d) => (d.kind === 'button' ? L.button : L.phone) },
          { title: L.defaultItem, key: 'item', render: (_, d) => d.defaultItem.name },
          { title: L.lastSeen, key: 'seen', width: 170, render: (_, d) => (d.silent ? <StatusTag tone="danger">{d.lastSeenAt ? dayjs(d.lastSeenAt).format('MM-DD HH:mm') : L.never} · {L.silent}</StatusTag> : dayjs(d.lastSeenAt).format('MM-DD HH:mm')) },
          { title: L.battery, key: 'battery', width: 70, render: (_, d) => (d.battery === null ? '—' : `${d.battery}%`) },
          { title: L.presses, dataIndex: 'presses', width: 80 },
          { title: '', key: 'actions', width: 110, render: (_, d) => <Button size="small" onClick={() => void rotate(d)}>{L.rotate}</Button> },
        ]} />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.pressLog}</Typography.Title>
      <Table<Press> rowKey="id" size="small" dataSource={presses.items} pagination={presses.pagination} loading={presses.isFetching}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: L.owner, key: 'p', render: (_, p) => `${p.person.name}（${p.device.serial}）` },
          { title: L.placedAt, key: 'at', width: 150, render: (_, p) => dayjs(p.receivedAt).format('MM-DD HH:mm:ss') },
          { title: L.pressState, key: 's', width: 110, render: (_, p) => pressWord[p.state] },
          { title: L.press, key: 'steps', render: (_, p) => p.steps.map((s) => `${dayjs(s.at).format('HH:mm')} ${s.step}`).join(' → ') || '—' },
          { title: L.acknowledge, key: 'ack', width: 160, render: (_, p) => (p.acknowledgedBy ? `${p.acknowledgedBy.name} ${dayjs(p.acknowledgedAt).format('HH:mm')}` : '—') },
        ]} />
      {adding && <DeviceForm onClose={() => setAdding(false)} onSaved={async (r) => { setAdding(false); setSecret(r); await queryClient.invalidateQueries({ queryKey: ['devices'] }) }} />}
      <Modal open={!!secret} title={L.secretOnce} onCancel={() => setSecret(null)} onOk={() => setSecret(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        {secret && <><p>{L.serial}：{secret.serial}</p><Typography.Paragraph copyable code style={{ fontSize: 16 }}>{secret.secret}</Typography.Paragraph></>}
      </Modal>
    </div>
  )
}

type Values = DeviceCreate & { ladder: DeviceCreate['ladder'] }

function DeviceForm({ onClose, onSaved }: { onClose: () => void; onSaved: (r: { serial: string; secret: string }) => Promise<void> }) {
  const L = useOrderLabels()
  const catalogue = useCatalogue()
  const [form] = Form.useForm<Values>()
  const { submit, error, busy } = useFormSubmit(form, () => ['serial', 'personId', 'defaultItemId', 'cancelWindowS', 'dutyPhone'], async (v) => {
    const r = await api<z.infer<typeof deviceCreatedSchema>>('/devices', { method: 'POST', body: { ...v, dutyPhone: v.dutyPhone?.trim() || undefined, contacts: (v.contacts ?? []).filter((c) => c?.name && c?.phone) } })
    await onSaved({ serial: r.serial, secret: r.secret })
  })
  return (
    <FormDrawer title={L.newDevice} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}
        initialValues={{ kind: 'button', cancelWindowS: 10, ladder: { grid: 60, nearby: 180, duty: 300, family: 600 }, contacts: [{}] }}>
        <Flex gap={12}>
          <Form.Item name="serial" label={L.serial} rules={[{ required: true }]} style={{ flex: 1 }}><Input maxLength={40} /></Form.Item>
          <Form.Item name="kind" label={L.kind} style={{ width: 160 }}><Select options={[{ value: 'button', label: L.button }, { value: 'phone', label: L.phone }]} /></Form.Item>
        </Flex>
        <Form.Item name="personId" label={L.owner} rules={[{ required: true }]}><PersonSelect /></Form.Item>
        <Form.Item name="defaultItemId" label={L.defaultItem} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={(catalogue.data?.items ?? []).filter((i) => !i.retired).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="cancelWindowS" label={L.cancelWindow}><InputNumber min={0} max={60} /></Form.Item>
          <Form.Item name="dutyPhone" label={L.dutyPhone}><Input maxLength={20} /></Form.Item>
        </Flex>
        <div style={{ marginBottom: 8 }}>{L.ladder}</div>
        <Flex gap={12} wrap>
          <Form.Item name={['ladder', 'grid']} label={L.ladderGrid}><InputNumber min={0} max={3600} /></Form.Item>
          <Form.Item name={['ladder', 'nearby']} label={L.ladderNearby}><InputNumber min={0} max={3600} /></Form.Item>
          <Form.Item name={['ladder', 'duty']} label={L.ladderDuty}><InputNumber min={0} max={7200} /></Form.Item>
          <Form.Item name={['ladder', 'family']} label={L.ladderFamily}><InputNumber min={0} max={7200} /></Form.Item>
        </Flex>
        <div style={{ marginBottom: 8 }}>{L.contacts}</div>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'name']}><Input placeholder={L.contactName} aria-label={L.contactName} maxLength={20} /></Form.Item>
                  <Form.Item name={[f.name, 'relation']}><Input placeholder={L.relation} aria-label={L.relation} maxLength={10} style={{ width: 90 }} /></Form.Item>
                  <Form.Item name={[f.name, 'phone']}><Input placeholder={L.contactPhone} aria-label={L.contactPhone} maxLength={11} /></Form.Item>
                  <Button onClick={() => remove(f.name)}>×</Button>
                </Space>
              ))}
              {fields.length < 5 && <Button onClick={() => add({})}>{L.addContact}</Button>}
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  )
}
