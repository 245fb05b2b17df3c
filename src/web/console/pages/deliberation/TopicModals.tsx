// The forms of a topic: collecting a new one, completing the current stage (output, participants,
// parties), opening a vote, merging into a similar topic, rejecting with a reason.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd'
import dayjs from 'dayjs'
import type { SourceKind, Topic, TopicSummary } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api, type Page } from '../../../shared/api.ts'
import { errorMessage, OrgSelect } from '../../common.tsx'
import { useDelibLabels } from './labels.ts'

function useSubmit(onClose: () => void) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return async (run: () => Promise<unknown>) => {
    try {
      await run()
      await queryClient.invalidateQueries({ queryKey: ['topics'] })
      await queryClient.invalidateQueries({ queryKey: ['votes'] })
      await queryClient.invalidateQueries({ queryKey: ['resolutions'] })
      onClose()
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
}

/** Collecting a topic; from a case or an order (转为议题) it carries its `source` and starts filled in. */
export function ProposeModal({ open, onClose, onCreated, source, initial }: {
  open: boolean; onClose: () => void; onCreated: (id: string) => void
  source?: { kind: SourceKind; id: string }; initial?: { orgId?: string; title?: string; body?: string }
}) {
  const L = useDelibLabels()
  const [form] = Form.useForm()
  const submit = useSubmit(onClose)
  return (
    <Modal open={open} title={source ? L.raiseTopic : L.propose} onCancel={onClose} destroyOnHidden okText={source ? L.raiseTopic : L.propose}
      onOk={() => form.validateFields().then((v) => submit(async () => onCreated((await api<{ id: string }>('/topics', { method: 'POST', body: { ...v, ...(source ? { source } : {}) } })).id)))}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="orgId" label={L.orgField} rules={[{ required: true }]}><OrgSelect placeholder={L.scope} /></Form.Item>
        <Form.Item name="title" label={L.titleField} rules={[{ required: true, min: 4 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="body" label={L.body} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  )
}

export function AdvanceModal({ open, topic, onClose }: { open: boolean; topic: Topic; onClose: () => void }) {
  const L = useDelibLabels()
  const [form] = Form.useForm()
  const submit = useSubmit(onClose)
  const stage = topic.stages[topic.stageIndex]
  return (
    <Modal open={open} title={`${L.advance}：${stage?.name ?? ''}`} onCancel={onClose} destroyOnHidden
      onOk={() => form.validateFields().then((v) => submit(() => api(`/topics/${topic.id}/advance`, { method: 'POST', body: { ...v, output: v.output || undefined } })))}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ parties: stage?.parties ?? [] }}>
        <Form.Item name="output" label={L.output} rules={[{ required: stage?.output !== 'none' }]}><Input.TextArea rows={5} placeholder={L.outputHint} maxLength={10000} /></Form.Item>
        {stage?.quorum ? <Form.Item name="attendees" label={`${L.attendees}（≥${stage.quorum}）`} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item> : null}
        <Form.Item name="parties" label={L.parties}><Select mode="tags" options={(stage?.parties ?? []).map((p) => ({ value: p, label: p }))} /></Form.Item>
      </Form>
    </Modal>
  )
}

export function VoteCreateModal({ open, topic, onClose }: { open: boolean; topic: Topic; onClose: () => void }) {
  const L = useDelibLabels()
  const [form] = Form.useForm()
  const submit = useSubmit(onClose)
  return (
    <Modal open={open} title={L.newVote} onCancel={onClose} destroyOnHidden
      onOk={() => form.validateFields().then((v) => submit(() => api(`/topics/${topic.id}/votes`, { method: 'POST', body: { mode: v.mode, quorumPercent: v.quorumPercent, thresholdPercent: v.thresholdPercent, ...(v.opensAt ? { opensAt: v.opensAt.toISOString() } : {}), closesAt: v.closesAt.toISOString() } })))}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ mode: 'secret', quorumPercent: 50, thresholdPercent: 50, closesAt: dayjs().add(7, 'day').hour(18).minute(0) }}>
        <Form.Item name="mode" label={L.mode}><Radio.Group options={[{ value: 'secret', label: L.secret }, { value: 'open', label: L.open }]} /></Form.Item>
        <Form.Item name="quorumPercent" label={L.quorum}><InputNumber min={0} max={100} addonAfter="%" /></Form.Item>
        <Form.Item name="thresholdPercent" label={L.threshold}><InputNumber min={0} max={99.99} addonAfter="%" /></Form.Item>
        <Form.Item name="opensAt" label={L.opensAt} extra={L.opensAtHint}><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="closesAt" label={L.closesAt} rules={[{ required: true }]}><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
      </Form>
    </Modal>
  )
}

export function MergeModal({ open, topic, onClose }: { open: boolean; topic: Topic; onClose: () => void }) {
  const L = useDelibLabels()
  const [form] = Form.useForm()
  const submit = useSubmit(onClose)
  const others = useQuery({ queryKey: ['topics', 'mergeable', topic.org.id], enabled: open, queryFn: () => api<Page<TopicSummary>>(`/topics?orgId=${topic.org.id}&limit=100`) })
  const options = (others.data?.items ?? []).filter((o) => o.id !== topic.id && (o.state === 'proposed' || o.state === 'deliberating')).map((o) => ({ value: o.id, label: o.title }))
  return (
    <Modal open={open} title={L.merge} onCancel={onClose} destroyOnHidden
      onOk={() => form.validateFields().then((v) => submit(() => api(`/topics/${topic.id}/merge`, { method: 'POST', body: v })))}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="intoId" label={L.mergeInto} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={options} loading={others.isPending} /></Form.Item>
        <Form.Item name="note" label={L.reason}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  )
}

export function RejectModal({ open, topic, onClose }: { open: boolean; topic: Topic; onClose: () => void }) {
  const L = useDelibLabels()
  const [form] = Form.useForm()
  const submit = useSubmit(onClose)
  return (
    <Modal open={open} title={L.reject} onCancel={onClose} destroyOnHidden okButtonProps={{ danger: true }}
      onOk={() => form.validateFields().then((v) => submit(() => api(`/topics/${topic.id}/reject`, { method: 'POST', body: v })))}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={L.reason} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  )
}
