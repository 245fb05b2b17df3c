// Create or edit a secretary's project or responsibility-list item: node, kind, years, title,
// owner, responsible unit or department, and (on creation) its milestones.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space } from 'antd'
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import type { Dayjs } from 'dayjs'
import type { SecretaryProjectDetail } from '@server/modules/secretary_projects/secretary_projects.schemas.ts'
import { api } from '../../../shared/api.ts'
import { applyFieldErrors, OrgSelect, PersonSelect } from '../../common.tsx'
import { useProjectLabels } from './labels.ts'

type Values = { orgId?: string; kind: 'project' | 'duty'; yearFrom: number; yearTo?: number; title: string; description?: string; ownerId: string; department?: string; milestones?: { title: string; dueOn: Dayjs }[] }

export function ProjectForm({ project, orgId, onClose, onSaved }: { project?: SecretaryProjectDetail; orgId?: string; onClose: () => void; onSaved?: (id: string) => void }) {
  const L = useProjectLabels()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const kind = Form.useWatch('kind', form) ?? project?.kind ?? 'project'
  const year = new Date().getFullYear()
  const submit = async () => {
    const v = await form.validateFields()
    setBusy(true)
    setError(null)
    try {
      const common = { title: v.title, description: v.description || undefined, ownerId: v.ownerId, department: v.department || undefined, yearFrom: v.yearFrom, yearTo: v.kind === 'duty' || project?.kind === 'duty' ? v.yearTo : undefined }
      const saved = project
        ? await api<SecretaryProjectDetail>(`/secretary-projects/${project.id}`, { method: 'PATCH', body: { ...common, description: v.description || null, department: v.department || null } })
        : await api<SecretaryProjectDetail>('/secretary-projects', { method: 'POST', body: { ...common, orgId: v.orgId, kind: v.kind, milestones: (v.milestones ?? []).map((m) => ({ title: m.title, dueOn: m.dueOn.format('YYYY-MM-DD') })) } })
      message.success(L.saved)
      await qc.invalidateQueries({ queryKey: ['secretary-projects'] })
      onSaved?.(saved.id)
      onClose()
    } catch (err) {
      setError(applyFieldErrors(form, err, ['orgId', 'kind', 'yearFrom', 'yearTo', 'title', 'ownerId', 'department', 'description']))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open width={640} title={project ? `${L.edit}：${project.title}` : L.create} okText={L.save} cancelText={L.cancel} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={project
        ? { kind: project.kind, yearFrom: project.yearFrom, yearTo: project.yearTo, title: project.title, description: project.description ?? '', ownerId: project.owner.id, department: project.department ?? '' }
        : { orgId, kind: 'project', yearFrom: year, yearTo: year + 2, milestones: [] }}>
        {!project && (
          <>
            <Form.Item name="orgId" label={L.org} rules={[{ required: true, message: L.orgRule }]}><OrgSelect id="sp-org" placeholder={L.org} /></Form.Item>
            <Form.Item name="kind" label={L.kind} extra={L.kindHint}>
              <Radio.Group optionType="button" options={[{ value: 'project', label: L.kinds.project }, { value: 'duty', label: L.kinds.duty }]} />
            </Form.Item>
          </>
        )}
        <Space size={16}>
          <Form.Item name="yearFrom" label={kind === 'duty' ? L.yearFrom : L.year} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
          {kind === 'duty' && <Form.Item name="yearTo" label={L.yearTo}><InputNumber min={2000} max={2100} /></Form.Item>}
        </Space>
        <Form.Item name="title" label={L.titleLabel} rules={[{ required: true, min: 2, message: L.titleRule }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="ownerId" label={L.owner} rules={[{ required: true, message: L.ownerRule }]}>
          <PersonSelect id="sp-owner" placeholder={L.owner} known={project ? [{ value: project.owner.id, label: project.owner.name }] : []} />
        </Form.Item>
        <Form.Item name="department" label={L.department}><Input maxLength={60} /></Form.Item>
        <Form.Item name="description" label={L.description}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        {!project && (
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <Form.Item label={L.milestones}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'title']} rules={[{ required: true, min: 2, message: L.titleRule }]}><Input placeholder={L.milestoneTitle} style={{ width: 300 }} maxLength={100} /></Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true, message: L.dueOn }]}><DatePicker placeholder={L.dueOn} /></Form.Item>
                    <MinusCircleOutlined aria-label={L.cancel} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{L.addMilestone}</Button>
              </Form.Item>
            )}
          </Form.List>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  )
}
