// The receipt table of one notice (GET /broadcasts/:id/receipts): unopened first, filtered by
// receipt state, channel, or the calls and door visits still to record; a call or visit is ticked
// off with its outcome (and the answer the person gave).
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Table } from 'antd'
import type { Broadcast, Channel, Receipt, ReceiptStage } from '@server/modules/broadcasts/broadcasts.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage, formatTime, StatusTag } from '../../common.tsx'
import { channelWords, outcomeWords, stageWords, useBroadcastLabels } from './labels.ts'

export function ReceiptTable({ broadcast }: { broadcast: Broadcast }) {
  const L = useBroadcastLabels()
  const { lang } = useI18n()
  const [stage, setStage] = useState<ReceiptStage | undefined>()
  const [channel, setChannel] = useState<Channel | undefined>()
  const [toTick, setToTick] = useState(false)
  const [ticking, setTicking] = useState<Receipt | null>(null)
  const { modal, message } = App.useApp()
  const reveal = async (r: Receipt) => {
    try {
      const { phone } = await api<{ phone: string | null }>(`/broadcasts/${broadcast.id}/receipts/${r.id}/phone`, { method: 'POST', body: {} })
      modal.info({ title: `${r.person.name}`, content: phone ? <a href={`tel:${phone}`} style={{ fontSize: 20 }}>{phone}</a> : '—' })
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  const list = useCursorPages<Receipt>(['broadcasts', 'receipts', broadcast.id, stage, channel, toTick], `/broadcasts/${broadcast.id}/receipts`, (s) => {
    if (stage) s.set('stage', stage)
    if (channel) s.set('channel', channel)
    if (toTick) s.set('toTick', 'true')
  })
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <strong>{L.receipts}</strong><span style={{ color: '#595959' }}>（{L.unopenedFirst}）</span>
        <Select allowClear aria-label={L.stage} placeholder={L.allStages} style={{ width: 120 }} value={stage} onChange={setStage}
          options={Object.entries(stageWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        <Select allowClear aria-label={L.channel} placeholder={L.allChannels} style={{ width: 130 }} value={channel} onChange={setChannel}
          options={Object.entries(channelWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        <Checkbox checked={toTick} onChange={(e) => setToTick(e.target.checked)}>{L.toTick}</Checkbox>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} role="alert" />}
      <Table<Receipt> rowKey="id" size="small" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.noReceipts}</EmptyText> }}
        columns={[
          { title: L.person, key: 'person', width: 110, render: (_, r) => r.person.name },
          { title: L.phone, key: 'phone', width: 120, render: (_, r) => r.phoneMask ?? '—' },
          { title: L.where, key: 'org', width: 150, render: (_, r) => r.org?.name ?? '—' },
          { title: L.channel, key: 'channel', width: 90, render: (_, r) => channelWords[r.channel][lang] },
          { title: L.stage, key: 'stage', width: 90, render: (_, r) => <StatusTag tone={stageWords[r.stage].tone}>{stageWords[r.stage][lang]}</StatusTag> },
          { title: L.ackChoice, key: 'ack', width: 90, render: (_, r) => r.ackChoice ?? '—' },
          { title: L.opened, key: 'openedAt', width: 140, render: (_, r) => formatTime(r.acknowledgedAt ?? r.openedAt) || '—' },
          { title: L.call, key: 'call', width: 140, render: (_, r) => (r.call.outcome ? `${outcomeWords[r.call.outcome][lang]}${r.call.tickedBy ? `（${r.call.tickedBy.name}）` : ''}` : '—') },
          { title: L.handedTo, key: 'handed', width: 100, render: (_, r) => r.handedTo?.name ?? '—' },
          { title: '', key: 'actions', width: 180, render: (_, r) => (broadcast.state === 'sent' && (r.channel === 'call' || r.handedTo) && r.stage !== 'acknowledged' ? (
            <Space size={4}>
              {r.phoneMask && <Button size="small" onClick={() => void reveal(r)}>{L.revealPhone}</Button>}
              <Button size="small" onClick={() => setTicking(r)}>{L.tick}</Button>
            </Space>
          ) : null) },
        ]} />
      <TickModal broadcast={broadcast} receipt={ticking} onClose={() => setTicking(null)} />
    </div>
  )
}

function TickModal({ broadcast, receipt, onClose }: { broadcast: Broadcast; receipt: Receipt | null; onClose: () => void }) {
  const L = useBroadcastLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ outcome: string; ackChoice?: string; note?: string }>()
  const outcome = Form.useWatch('outcome', form)
  const submit = async (v: { outcome: string; ackChoice?: string; note?: string }) => {
    try {
      await api(`/broadcasts/${broadcast.id}/receipts/${receipt!.id}/tick`, { method: 'POST', body: { ...v, note: v.note || undefined } })
      await queryClient.invalidateQueries({ queryKey: ['broadcasts'] })
      void message.success(L.tick)
      form.resetFields()
      onClose()
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <Modal open={!!receipt} title={`${L.tick}：${receipt?.person.name ?? ''}`} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ outcome: receipt?.handedTo ? 'visited' : 'reached' }}>
        <Form.Item name="outcome" label={L.outcome} rules={[{ required: true }]}>
          <Select options={Object.entries(outcomeWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        </Form.Item>
        {broadcast.ackRequired && (outcome === 'reached' || outcome === 'visited') && (
          <Form.Item name="ackChoice" label={L.answer}>
            <Select allowClear options={broadcast.ackOptions.map((o) => ({ value: o, label: o }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={L.note}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  )
}
