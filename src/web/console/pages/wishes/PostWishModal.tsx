// A cadre posts a wish for a resident who cannot do it on a phone (a child, an elderly person, a
// family in difficulty): whose wish, the community whose wall shows it, what is wished. It waits
// for moderation like any other.
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd'
import { useState } from 'react'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors, OrgSelect, PersonSelect } from '../../common.tsx'
import { beneficiaryWords, categoryWords, useWishLabels } from './labels.ts'

interface Values { wisherId: string; orgId: string; beneficiary: string; category: string; title: string; story?: string; valueYuan: number; expiresOn?: Dayjs }

export function PostWishModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = useWishLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (v: Values) => {
    setBusy(true)
    setError(null)
    try {
      await api('/wishes', { method: 'POST', body: { ...v, story: v.story || undefined, expiresOn: v.expiresOn?.format('YYYY-MM-DD') } })
      await queryClient.invalidateQueries({ queryKey: ['wishes'] })
      void message.success(L.posted)
      form.resetFields()
      onClose()
    } catch (err) {
      setError(applyFieldErrors(form, err, ['wisherId', 'orgId', 'beneficiary', 'category', 'title', 'story', 'valueYuan', 'expiresOn']))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open={open} title={L.post} onCancel={onClose} okText={L.submit} confirmLoading={busy} onOk={() => form.submit()} width={560} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ beneficiary: 'elderly', category: 'daily', expiresOn: dayjs().add(60, 'day') }}>
        <Form.Item name="wisherId" label={L.forWhom} rules={[{ required: true, message: L.pickPerson }]}>
          <PersonSelect placeholder={L.pickPerson} />
        </Form.Item>
        <Form.Item name="orgId" label={L.community} rules={[{ required: true, message: L.pickCommunity }]}>
          <OrgSelect placeholder={L.pickCommunity} />
        </Form.Item>
        <Form.Item name="beneficiary" label={L.beneficiary} rules={[{ required: true }]}>
          <Select options={Object.entries(beneficiaryWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        </Form.Item>
        <Form.Item name="category" label={L.category} rules={[{ required: true }]}>
          <Select options={Object.entries(categoryWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        </Form.Item>
        <Form.Item name="title" label={L.titleField} rules={[{ required: true, min: 4, max: 40 }]}>
          <Input placeholder={L.titleHint} maxLength={40} />
        </Form.Item>
        <Form.Item name="story" label={L.story} extra={L.storyHint}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="valueYuan" label={L.value} rules={[{ required: true }]}>
          <InputNumber min={1} step={10} precision={2} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="expiresOn" label={L.expiresOn}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
