// 召开组织生活会: a Party meeting of the chosen organisation (POST /party-orgs/:id/meetings): kind,
// title, time, a venue room (booked with it) or a place, the agenda, whether to invite the
// members; the one meeting page follows.
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { meetingKinds, partyMeetingKindCodes } from '@server/modules/meetings/meetings.kinds.ts'
import { api, type Page } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors } from '../../common.tsx'
import { usePartyLifeLabels } from './labels.ts'

interface Values { kind: string; title: string; when: [Dayjs, Dayjs]; roomId?: string; place?: string; agenda?: string; inviteMembers: boolean }
interface VenueWithRooms { id: string; name: string; rooms: { id: string; name: string; capacity: number }[] }

export function CreatePartyMeetingModal({ partyOrgId, open, onClose }: { partyOrgId: string; open: boolean; onClose: () => void }) {
  const L = usePartyLifeLabels()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const venues = useQuery({ queryKey: ['party-life', 'rooms', partyOrgId], queryFn: () => api<Page<VenueWithRooms>>(`/venues?orgId=${partyOrgId}&limit=50`), enabled: open })
  const rooms = (venues.data?.items ?? []).flatMap((v) => v.rooms.map((r) => ({ value: r.id, label: `${v.name}·${r.name}（${r.capacity} 人）` })))
  const submit = async (v: Values) => {
    setBusy(true)
    setError(null)
    try {
      const agenda = (v.agenda ?? '').split('\n').map((s) => s.trim()).filter(Boolean).map((text) => ({ text }))
      const made = await api<Meeting>(`/party-orgs/${partyOrgId}/meetings`, {
        method: 'POST',
        body: { kind: v.kind, title: v.title, startsAt: v.when[0].toISOString(), endsAt: v.when[1].toISOString(), roomId: v.roomId || undefined, place: v.place || undefined, agenda, inviteMembers: v.inviteMembers },
      })
      await queryClient.invalidateQueries({ queryKey: ['party-life'] })
      form.resetFields()
      onClose()
      navigate(`/meetings/${made.id}`)
    } catch (err) {
      setError(applyFieldErrors(form, err, ['kind', 'title', 'roomId', 'place']))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open={open} title={L.createMeeting} onCancel={onClose} okText={L.submit} confirmLoading={busy} onOk={() => form.submit()} width={600} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}
        initialValues={{ kind: 'branch_committee', inviteMembers: true, when: [dayjs().add(3, 'day').hour(19).minute(0).second(0), dayjs().add(3, 'day').hour(21).minute(0).second(0)] }}>
        <Form.Item name="kind" label={L.kind} rules={[{ required: true }]}>
          <Select options={partyMeetingKindCodes.map((k) => ({ value: k, label: meetingKinds[k][lang] }))} />
        </Form.Item>
        <Form.Item name="title" label={L.meetingTitle} rules={[{ required: true, min: 2, max: 120 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="when" label={L.time} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="roomId" label={L.room}>
          <Select allowClear placeholder={L.noRoom} options={rooms} loading={venues.isFetching} />
        </Form.Item>
        <Form.Item name="place" label={L.place}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="agenda" label={L.agenda}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="inviteMembers" valuePropName="checked">
          <Checkbox>{L.inviteMembers}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  )
}
