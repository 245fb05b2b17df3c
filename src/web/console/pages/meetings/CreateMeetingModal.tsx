// A cadre starts a meeting: where (the node), what kind, title, time, a venue room of the node
// (booked with it) or a free place, quorum and open registration. The meeting page follows.
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { api, type Page } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors, OrgSelect } from '../../common.tsx'
import { kindWords, useMeetingLabels } from './labels.ts'

interface Values { orgId: string; kind: string; title: string; when: [Dayjs, Dayjs]; roomId?: string; place?: string; quorumCount?: number; openRegistration?: boolean; description?: string }
interface VenueWithRooms { id: string; name: string; rooms: { id: string; name: string; capacity: number }[] }

export function CreateMeetingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = useMeetingLabels()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const orgId = Form.useWatch('orgId', form)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const venues = useQuery({
    queryKey: ['meetings', 'rooms', orgId],
    queryFn: () => api<Page<VenueWithRooms>>(`/venues?orgId=${orgId}&limit=50`),
    enabled: !!orgId,
  })
  const rooms = (venues.data?.items ?? []).flatMap((v) => v.rooms.map((r) => ({ value: r.id, label: `${v.name}·${r.name}（${r.capacity} 人）` })))
  const submit = async (v: Values) => {
    setBusy(true)
    setError(null)
    try {
      const made = await api<Meeting>('/meetings', {
        method: 'POST',
        body: {
          orgId: v.orgId, kind: v.kind, title: v.title, startsAt: v.when[0].toISOString(), endsAt: v.when[1].toISOString(), roomId: v.roomId || undefined,
          place: v.place || undefined, quorumCount: v.quorumCount ?? undefined, openRegistration: v.openRegistration ?? false, description: v.description || undefined,
        },
      })
      await queryClient.invalidateQueries({ queryKey: ['meetings'] })
      form.resetFields()
      onClose()
      navigate(`/meetings/${made.id}`)
    } catch (err) {
      setError(applyFieldErrors(form, err, ['orgId', 'kind', 'title', 'roomId', 'place', 'quorumCount', 'description']))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open={open} title={L.create} onCancel={onClose} okText={L.submit} confirmLoading={busy} onOk={() => form.submit()} width={600} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}
        initialValues={{ kind: 'council_hall', when: [dayjs().add(3, 'day').hour(19).minute(0).second(0), dayjs().add(3, 'day').hour(21).minute(0).second(0)] }}>
        <Form.Item name="orgId" label={L.org} rules={[{ required: true, message: L.scope }]}>
          <OrgSelect placeholder={L.scope} />
        </Form.Item>
        <Form.Item name="kind" label={L.kind} rules={[{ required: true }]}>
          <Select options={Object.entries(kindWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
        </Form.Item>
        <Form.Item name="title" label={L.titleField} rules={[{ required: true, min: 2, max: 120 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="when" label={L.time} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="roomId" label={L.room} extra={L.roomHint}>
          <Select allowClear placeholder={L.noRoom} options={rooms} loading={venues.isFetching} />
        </Form.Item>
        <Form.Item name="place" label={L.place} extra={L.placeHint}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="quorumCount" label={L.quorumCount}>
          <InputNumber min={1} max={10000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="openRegistration" valuePropName="checked">
          <Checkbox>{L.openRegistration}</Checkbox>
        </Form.Item>
        <Form.Item name="description" label={L.description}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
