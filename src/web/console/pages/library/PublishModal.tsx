// Publishing a practice: the node, title, text and tags, and optionally a template of a kind this
// installation imports (a visit schedule's rule is entered field by field; other kinds as JSON).
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, InputNumber, Modal, Select } from 'antd'
import { api } from '../../../shared/api.ts'
import { applyFieldErrors, OrgSelect } from '../../common.tsx'
import { useLibraryLabels } from './labels.ts'
import { DocumentsField } from './DocumentsField.tsx'
import type { DocumentFile } from '../../../shared/documents.ts'

interface Values { orgId: string; title: string; body: string; tags?: string[]; files?: DocumentFile[]; kind?: string; visit?: { name: string; kind: 'night' | 'home'; dayOfMonth: number; graceDays: number }; payload?: string }

export function PublishModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = useLibraryLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const kind = Form.useWatch('kind', form)
  const kinds = useQuery({ queryKey: ['library', 'kinds'], queryFn: () => api<{ items: { kind: string; label: string; importAt: string }[] }>('/library/template-kinds'), enabled: open })
  const submit = async () => {
    const v = await form.validateFields()
    const payload = v.kind === 'visit_schedule' ? v.visit : v.kind && v.payload ? JSON.parse(v.payload) as unknown : undefined
    try {
      await api('/library/practices', { method: 'POST', body: { orgId: v.orgId, title: v.title, body: v.body, tags: v.tags ?? [], fileIds: (v.files ?? []).map((f) => f.id), ...(v.kind ? { template: { kind: v.kind, payload } } : {}) } })
      await queryClient.invalidateQueries({ queryKey: ['library'] })
      void message.success(`${L.publish}：${v.title}`)
      form.resetFields()
      onClose()
    } catch (err) {
      const rest = applyFieldErrors(form, err, ['orgId', 'title', 'body', 'tags', 'files'])
      if (rest) void message.error(rest)
    }
  }
  return (
    <Modal open={open} title={L.publish} width={720} onCancel={onClose} onOk={() => void submit()} okText={L.publish} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ visit: { kind: 'night', dayOfMonth: 1, graceDays: 7 } }}>
        <Form.Item name="orgId" label={L.orgField} rules={[{ required: true }]}><OrgSelect placeholder={L.orgField} /></Form.Item>
        <Form.Item name="title" label={L.titleField} rules={[{ required: true, min: 4, max: 60 }]}><Input maxLength={60} showCount /></Form.Item>
        <Form.Item name="body" label={L.body} rules={[{ required: true, min: 20 }]}><Input.TextArea rows={8} maxLength={20000} showCount /></Form.Item>
        <Form.Item name="tags" label={L.tags}><Select mode="tags" maxCount={8} tokenSeparators={[',', '，', ' ']} open={false} /></Form.Item>
        <Form.Item name="files" label={L.files}><DocumentsField /></Form.Item>
        <Form.Item name="kind" label={L.templateKind}>
          <Select allowClear placeholder={L.noTemplate} options={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: `${k.label}（${k.importAt}）` }))} />
        </Form.Item>
        {kind === 'visit_schedule' && (
          <>
            <Form.Item name={['visit', 'name']} label={L.visitName} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name={['visit', 'kind']} label={L.visitKind}><Select options={[{ value: 'night', label: L.night }, { value: 'home', label: L.home }]} /></Form.Item>
            <Form.Item name={['visit', 'dayOfMonth']} label={L.dayOfMonth}><InputNumber min={1} max={28} /></Form.Item>
            <Form.Item name={['visit', 'graceDays']} label={L.graceDays}><InputNumber min={0} max={27} /></Form.Item>
          </>
        )}
        {kind && kind !== 'visit_schedule' && (
          <Form.Item name="payload" label="JSON" rules={[{ required: true, validator: async (_, v: string) => { JSON.parse(v) } }]}><Input.TextArea rows={6} /></Form.Item>
        )}
      </Form>
    </Modal>
  )
}
