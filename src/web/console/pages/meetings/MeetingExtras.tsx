// Three parts of the meeting page: moving a planned meeting (a new time and/or room: the booking
// is cancelled and made again, all or nothing; a conflict answers 409 and nothing changes), the
// topic picker of agenda items (the deliberation topics of the meeting's node), and the photos of
// the meeting as a gallery (upload, remove; PUT /meetings/:id/photos replaces the list).
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, DatePicker, Form, Image, Input, Modal, Select, Space, Typography, Upload } from 'antd'
import { CalendarOutlined, CloseOutlined, UploadOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { api, type Page } from '../../../shared/api.ts'
import { uploadPhoto } from '../../../shared/cases.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors, errorMessage } from '../../common.tsx'
import { useMeetingLabels } from './labels.ts'
import { useMeetingAction } from './actions.ts'

interface VenueWithRooms { id: string; name: string; rooms: { id: string; name: string; capacity: number }[] }
interface MoveValues { when: [Dayjs, Dayjs]; roomId?: string | null; place?: string }

export function MoveButton({ m }: { m: Meeting }) {
  const L = useMeetingLabels()
  const act = useMeetingAction(m.id)
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [form] = Form.useForm<MoveValues>()
  const venues = useQuery({ queryKey: ['meetings', 'rooms', m.org.id], queryFn: () => api<Page<VenueWithRooms>>(`/venues?orgId=${m.org.id}&limit=50`), enabled: open })
  const rooms = (venues.data?.items ?? []).flatMap((v) => v.rooms.map((r) => ({ value: r.id, label: `${v.name}·${r.name}（${r.capacity} 人）` })))
  // A room replaces the place: the place field is only for a meeting without a booked room.
  const roomChosen = !!Form.useWatch('roomId', form)
  if (!m.can.manage || m.state !== 'planned') return null
  const submit = async () => {
    setError(null)
    const v = await form.validateFields()
    const body = {
      startsAt: v.when[0].toISOString(), endsAt: v.when[1].toISOString(),
      roomId: v.roomId || null,
      ...(v.roomId ? { place: null } : v.place?.trim() ? { place: v.place.trim() } : {}),
    }
    try {
      await api(`/meetings/${m.id}`, { method: 'PATCH', body })
      await act('', undefined, 'GET')
      setOpen(false)
    } catch (err) {
      setError(applyFieldErrors(form, err, ['startsAt', 'endsAt', 'roomId', 'place']))
    }
  }
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={() => { setError(null); form.setFieldsValue({ when: [dayjs(m.startsAt), dayjs(m.endsAt)], roomId: m.room?.id ?? null, place: m.place ?? '' }); setOpen(true) }}>{L.move}</Button>
      <Modal open={open} title={L.move} okText={L.moveOk} onCancel={() => setOpen(false)} onOk={() => void submit()} width={560} destroyOnHidden>
        <Typography.Paragraph type="secondary">{L.moveHint}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="when" label={L.time} rules={[{ required: true, message: L.time }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="roomId" label={L.room}>
            <Select allowClear placeholder={L.noRoom} options={rooms} loading={venues.isFetching} aria-label={L.room} />
          </Form.Item>
          <Form.Item name="place" label={L.placeOther} extra={L.placeOtherHint}><Input maxLength={200} disabled={roomChosen} /></Form.Item>
        </Form>
      </Modal>
    </>
  )
}

interface TopicRow { id: string; title: string; state: string }

/** A select of the meeting node's deliberation topics (value: the topic id). */
export function TopicPicker({ orgId, value, onChange, known, ...rest }: { orgId: string; value?: string; onChange?: (v: string | undefined) => void; known: { id: string; title: string }[]; 'aria-label'?: string }) {
  const L = useMeetingLabels()
  const [q, setQ] = useState('')
  const found = useQuery({
    queryKey: ['meetings', 'topics', orgId, q],
    queryFn: () => api<Page<TopicRow>>(`/topics?orgId=${orgId}&limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  })
  const options = new Map<string, string>(known.map((k) => [k.id, k.title]))
  for (const t of found.data?.items ?? []) options.set(t.id, t.title)
  return (
    <Select allowClear showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={(v) => onChange?.(v ?? undefined)} loading={found.isFetching}
      placeholder={L.pickTopic} aria-label={rest['aria-label'] ?? L.pickTopic} notFoundContent={L.noTopics}
      options={[...options].map(([id, title]) => ({ value: id, label: title }))} />
  )
}

export function PhotosCard({ m }: { m: Meeting }) {
  const L = useMeetingLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const act = useMeetingAction(m.id)
  const [busy, setBusy] = useState(false)
  const editable = m.can.manage && m.state !== 'cancelled'
  const add = async (file: File) => {
    setBusy(true)
    try {
      const photo = await uploadPhoto(file, lang === 'en' ? 'en' : 'zh-CN')
      await act('/photos', { photoIds: [...m.photoIds.filter((p) => p !== photo.id), photo.id] }, 'PUT')
    } catch (err) {
      void message.error(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title={`${L.photos}${m.photos.length ? `（${m.photos.length}）` : ''}`} size="small"
      extra={editable && (
        <Upload accept="image/jpeg,image/png,image/webp" showUploadList={false} beforeUpload={(f) => { void add(f); return false }}>
          <Button size="small" icon={<UploadOutlined />} loading={busy}>{L.addPhoto}</Button>
        </Upload>
      )}>
      {m.photos.length === 0 ? <Typography.Text type="secondary">{L.noPhotos}</Typography.Text> : (
        <Image.PreviewGroup>
          <Space wrap size={12} aria-label={L.photos}>
            {m.photos.map((p, i) => (
              <div key={p.id} style={{ position: 'relative' }}>
                <Image src={p.thumbUrl} preview={{ src: p.url }} width={160} height={120} style={{ objectFit: 'cover', borderRadius: 6 }} alt={`${L.photos} ${i + 1}`} />
                {editable && (
                  <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={`${L.removePhoto} ${i + 1}`} style={{ position: 'absolute', top: 4, right: 4 }}
                    onClick={() => void act('/photos', { photoIds: m.photoIds.filter((x) => x !== p.id) }, 'PUT')} />
                )}
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </Card>
  )
}
