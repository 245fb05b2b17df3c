// Completing a project under way (POST /projects/:id/complete): photos of the result uploaded as
// they are picked (POST /attachments, as the other modules' photo fields) and what was done; the
// photos then show on the public page. Also 不予实施 of a proposal (POST /projects/:id/reject).
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Form, Input, type UploadFile } from 'antd'
import { api, ApiError } from '../../../shared/api.ts'
import { applyFieldErrors, errorMessage } from '../../common.tsx'
import { PhotoUpload } from '../cases/CaseActions.tsx'
import { useFundLabels } from './labels.ts'

export function ProjectComplete({ id }: { id: string }) {
  const L = useFundLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ photos?: UploadFile[]; note: string }>()
  const save = async () => {
    const v = await form.validateFields()
    const evidencePhotoIds = (v.photos ?? []).filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id)
    try {
      await api(`/projects/${id}/complete`, { method: 'POST', body: { evidencePhotoIds, note: v.note } })
      await queryClient.invalidateQueries({ queryKey: ['funds'] })
      form.resetFields()
      void message.success(L.saved)
    } catch (err) {
      const rest = applyFieldErrors(form, err, ['note'])
      if (rest) void message.error(rest)
    }
  }
  return (
    <Card size="small" title={L.complete} data-testid="project-complete">
      <Form form={form} layout="vertical">
        <Form.Item name="photos" label={L.evidence} valuePropName="value"
          rules={[{ validator: (_, v?: UploadFile[]) => ((v ?? []).some((f) => f.status === 'done') ? Promise.resolve() : Promise.reject(new Error(L.needPhoto))) }]}>
          <PhotoUpload id="project-evidence" addLabel={L.addPhoto} />
        </Form.Item>
        <Form.Item name="note" label={L.completeNote} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Button type="primary" onClick={save}>{L.complete}</Button>
      </Form>
    </Card>
  )
}

export function ProjectReject({ id }: { id: string }) {
  const L = useFundLabels()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const open = () => {
    let reason = ''
    void modal.confirm({
      title: L.reject,
      content: <Input.TextArea aria-label={L.rejectReason} placeholder={L.rejectReason} rows={2} maxLength={200} onChange={(e) => { reason = e.target.value }} />,
      okText: L.reject, cancelText: L.cancel, okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api(`/projects/${id}/reject`, { method: 'POST', body: { reason } })
          await queryClient.invalidateQueries({ queryKey: ['funds'] })
          void message.success(L.saved)
        } catch (err) {
          const details = err instanceof ApiError ? Object.values(err.fieldErrors()) : []
          void message.error(details[0] ?? errorMessage(err))
          throw err
        }
      },
    })
  }
  return <Button danger onClick={open}>{L.reject}</Button>
}
