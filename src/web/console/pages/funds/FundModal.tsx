// Registering a fund (POST /funds): source, name, amount, the governance share of service funds.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Form, Input, InputNumber, Modal, Select } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors } from '../../common.tsx'
import { sourceWords, useFundLabels } from './labels.ts'

export function FundModal({ orgId, year }: { orgId: string; year: number }) {
  const L = useFundLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm()
  const source = Form.useWatch('source', form)
  const save = async () => {
    const v = await form.validateFields()
    try {
      await api('/funds', { method: 'POST', body: { orgId, year, ...v, note: v.note || undefined, governanceMinPct: v.source === 'service' ? v.governanceMinPct : undefined } })
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
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{L.addFund}</Button>
      <Modal title={L.addFund} open={open} onOk={save} onCancel={() => setOpen(false)} okText={L.save} cancelText={L.cancel} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ source: 'service', governanceMinPct: 20 }}>
          <Form.Item name="source" label={L.source} rules={[{ required: true }]}>
            <Select options={Object.entries(sourceWords).filter(([k]) => k !== 'co_building').map(([k, v]) => ({ value: k, label: v[lang] }))} />
          </Form.Item>
          <Form.Item name="name" label={L.name} rules={[{ required: true, min: 2 }]}><Input maxLength={40} /></Form.Item>
          <Form.Item name="amountYuan" label={L.amount} rules={[{ required: true }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
          {source === 'service' && <Form.Item name="governanceMinPct" label={`${L.rule}（%）`}><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item>}
          <Form.Item name="note" label={L.note}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </>
  )
}
