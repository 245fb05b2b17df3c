// Registering a fund (POST /funds: source, name, amount, the governance share of service funds) and
// editing one (PATCH /funds/:id: name, amount, share and note; never below what projects hold).
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Form, Input, InputNumber, Modal, Select } from 'antd'
import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import type { Fund } from '@server/modules/funds/funds.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors } from '../../common.tsx'
import { money, sourceWords, useFundLabels } from './labels.ts'

/** A new fund of the node and year, or (with `fund`) an edit of that one. */
export function FundModal({ orgId, year, fund }: { orgId?: string; year?: number; fund?: Fund }) {
  const L = useFundLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm()
  const watched = Form.useWatch('source', form)
  const source = fund?.source ?? watched
  const title = fund ? `${L.editFund}：${fund.name}` : L.addFund
  const save = async () => {
    const v = await form.validateFields()
    const governanceMinPct = source === 'service' ? v.governanceMinPct : undefined
    try {
      if (fund) await api(`/funds/${fund.id}`, { method: 'PATCH', body: { name: v.name, amountYuan: v.amountYuan, note: v.note ?? '', governanceMinPct } })
      else await api('/funds', { method: 'POST', body: { orgId, year, ...v, note: v.note || undefined, governanceMinPct } })
      await queryClient.invalidateQueries({ queryKey: ['funds'] })
      void message.success(L.saved)
      setOpen(false)
      form.resetFields()
    } catch (err) {
      const rest = applyFieldErrors(form, err, ['source', 'name', 'amountYuan', 'governanceMinPct', 'note'])
      if (rest) void message.error(rest)
    }
  }
  return (
    <>
      {fund
        ? <Button size="small" icon={<EditOutlined />} aria-label={`${L.edit} ${fund.name}`} onClick={(e) => { e.stopPropagation(); setOpen(true) }}>{L.edit}</Button>
        : <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{L.addFund}</Button>}
      <Modal title={title} open={open} onOk={save} onCancel={() => setOpen(false)} okText={L.save} cancelText={L.cancel} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}
          initialValues={fund ? { name: fund.name, amountYuan: fund.amountYuan, governanceMinPct: fund.governanceMinPct, note: fund.note ?? '' } : { source: 'service', governanceMinPct: 20 }}>
          {fund
            ? <Form.Item label={L.source}><Input value={sourceWords[fund.source][lang]} disabled /></Form.Item>
            : <Form.Item name="source" label={L.source} rules={[{ required: true }]}>
                <Select options={Object.entries(sourceWords).filter(([k]) => k !== 'co_building').map(([k, v]) => ({ value: k, label: v[lang] }))} />
              </Form.Item>}
          <Form.Item name="name" label={L.name} rules={[{ required: true, min: 2 }]}><Input maxLength={40} /></Form.Item>
          <Form.Item name="amountYuan" label={L.amount} rules={[{ required: true }]}
            extra={fund && fund.committedYuan > 0 ? L.notBelow(money(fund.committedYuan)) : undefined}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          {source === 'service' && <Form.Item name="governanceMinPct" label={`${L.rule}（%）`}><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item>}
          <Form.Item name="note" label={L.note}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </>
  )
}
