// One venue for its managers: what the red map shows, its rooms with their rules (add, change,
// remove, print the check-in QR code, last 30 days' use), and the week calendar of bookings.
import { useEffect, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Checkbox, DatePicker, Descriptions, Drawer, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import QRCode from 'qrcode'
import type { Booking, Room, RoomInput, Venue } from '@server/modules/venues/venues.schemas.ts'
import { amenityWords, audienceWords, bookingStateLabels, kindLabel, serviceTypeWords, weekdayWords } from '@server/modules/venues/venues.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage } from '../../common.tsx'
import { FormError, useFormSubmit } from '../visits/parts.tsx'
import { format, useVenueLabels } from './labels.ts'

interface Calendar {
  days: { date: string; hours: { open: string; close: string }[] }[]
  rooms: { id: string; name: string }[]
  bookings: Booking[]
}

const stateColor: Record<string, string> = { pending: 'gold', confirmed: 'red', no_show: 'default' }

export function VenueDrawer({ venueId, onClose }: { venueId: string; onClose: () => void }) {
  const L = useVenueLabels()
  const { lang } = useI18n()
  const venue = useQuery({ queryKey: ['venues', venueId], queryFn: () => api<Venue>(`/venues/${venueId}`) })
  const v = venue.data
  const [from, setFrom] = useState(() => dayjs().startOf('day'))
  const calendar = useQuery({ queryKey: ['venues', venueId, 'calendar', from.format('YYYY-MM-DD')], queryFn: () => api<Calendar>(`/venues/${venueId}/calendar?from=${from.format('YYYY-MM-DD')}&days=7`), enabled: !!v?.canManage })
  const [room, setRoom] = useState<Room | 'new' | null>(null)
  const words = (list: string[], dict: Record<string, { zh: string; en: string }>) => list.map((x) => dict[x]?.[lang] ?? x).join('、') || '—'
  return (
    <Drawer title={v?.name ?? ''} open onClose={onClose} size={1060}>
      {v && (
        <>
          <Descriptions column={2} size="small" bordered items={[
            { key: 'kind', label: L.kind, children: kindLabel(v, lang) },
            { key: 'org', label: L.org, children: `${v.org.name}${v.unit ? ` · ${v.unit.name}` : ''}` },
            { key: 'address', label: L.address, children: v.address, span: 2 },
            { key: 'hours', label: L.hours, span: 2, children: weekdayWords.map((d, i) => {
              const spans = v.hours.weekly.filter((w) => w.day === i + 1)
              return `${d[lang]} ${spans.length ? spans.map((s) => `${s.open}–${s.close}`).join('，') : L.closed}`
            }).join('；') + (v.hours.closedOnHolidays ? `；${L.closedOnHolidays}` : '') },
            { key: 'amenities', label: L.amenities, children: words(v.amenities, amenityWords) },
            { key: 'services', label: L.services, children: [words(v.services, serviceTypeWords), ...v.tags].join('、') },
            { key: 'audiences', label: L.audiences, children: words(v.audiences, audienceWords) },
            { key: 'phone', label: L.phone, children: v.phone ?? '—' },
          ]} />
          <Flex justify="space-between" align="center" style={{ marginTop: 24 }}>
            <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{L.roomRules}</Typography.Title>
            {v.canManage && <Button onClick={() => setRoom('new')}>{L.addRoom}</Button>}
          </Flex>
          <RoomsTable venue={v} onEdit={setRoom} />
          {v.canManage && (
            <>
              <Flex justify="space-between" align="center" style={{ marginTop: 24 }}>
                <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{L.weekCalendar}</Typography.Title>
                <Space>
                  <Button onClick={() => setFrom(from.subtract(7, 'day'))}>{L.prevWeek}</Button>
                  <DatePicker value={from} allowClear={false} onChange={(d) => d && setFrom(d.startOf('day'))} aria-label={L.weekCalendar} />
                  <Button onClick={() => setFrom(from.add(7, 'day'))}>{L.nextWeek}</Button>
                </Space>
              </Flex>
              {calendar.data && <WeekGrid calendar={calendar.data} />}
            </>
          )}
          {room && <RoomForm venue={v} room={room === 'new' ? null : room} onClose={() => setRoom(null)} />}
        </>
      )}
    </Drawer>
  )
}

function RoomsTable({ venue, onEdit }: { venue: Venue; onEdit: (r: Room) => void }) {
  const L = useVenueLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [qr, setQr] = useState<Room | null>(null)
  const remove = async (r: Room) => {
    try {
      await api(`/rooms/${r.id}`, { method: 'DELETE' })
      await queryClient.invalidateQueries({ queryKey: ['venues'] })
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <>
      <Table<Room> rowKey="id" size="small" pagination={false} dataSource={venue.rooms} style={{ marginTop: 12 }} columns={[
        { title: L.roomName, dataIndex: 'name', width: 120 },
        { title: L.capacity, dataIndex: 'capacity', width: 80 },
        { title: L.approval, dataIndex: 'approval', width: 90, render: (a: boolean) => (a ? L.approval : L.noApproval) },
        { title: `${L.minMinutes}–${L.maxMinutes}`, key: 'dur', width: 120, render: (_, r) => `${r.minMinutes}–${r.maxMinutes}` },
        { title: L.bufferAfter, dataIndex: 'bufferAfterMinutes', width: 100 },
        { title: L.quota, dataIndex: 'monthlyQuotaHours', width: 110, render: (q: number | null) => q ?? '—' },
        { title: L.usage, key: 'usage', width: 230, render: (_, r) => <Usage room={r} /> },
        { title: '', key: 'actions', width: 200, render: (_, r) => venue.canManage && (
          <Space>
            <Button size="small" onClick={() => onEdit(r)}>{L.edit}</Button>
            <Button size="small" onClick={() => setQr(r)}>{L.checkinQr}</Button>
            <Popconfirm title={format(L.deleteAsk, { name: r.name })} onConfirm={() => void remove(r)}><Button size="small" danger>{L.delete}</Button></Popconfirm>
          </Space>
        ) },
      ]} />
      {qr && <CheckinQr room={qr} onClose={() => setQr(null)} />}
    </>
  )
}

function Usage({ room }: { room: Room }) {
  const L = useVenueLabels()
  const from = dayjs().subtract(30, 'day').format('YYYY-MM-DD')
  const to = dayjs().format('YYYY-MM-DD')
  const usage = useQuery({ queryKey: ['rooms', room.id, 'usage', from], queryFn: () => api<{ bookings: number; bookedHours: number; occupancyRate: number; noShowRate: number }>(`/rooms/${room.id}/usage?from=${from}&to=${to}`), retry: false })
  if (!usage.data) return '—'
  const pct = (x: number) => `${Math.round(x * 100)}%`
  return format(L.usageLine, { n: usage.data.bookings, hours: usage.data.bookedHours, rate: pct(usage.data.occupancyRate), noShow: pct(usage.data.noShowRate) })
}

function CheckinQr({ room, onClose }: { room: Room; onClose: () => void }) {
  const L = useVenueLabels()
  const code = useQuery({ queryKey: ['rooms', room.id, 'code'], queryFn: () => api<{ code: string }>(`/rooms/${room.id}/checkin-code`) })
  const [svg, setSvg] = useState('')
  const url = code.data ? new URL(`/h5/my-bookings?room=${room.id}&code=${code.data.code}`, window.location.origin).href : null
  useEffect(() => {
    if (url) void QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(setSvg)
  }, [url])
  return (
    <Modal open title={`${room.name} · ${L.checkinQr}`} onCancel={onClose} footer={<Button onClick={onClose}>{L.close}</Button>}>
      <p>{L.checkinQrHint}</p>
      {svg && <div role="img" aria-label={L.checkinQr} data-url={url ?? ''} style={{ width: 260, margin: '0 auto' }} dangerouslySetInnerHTML={{ __html: svg }} />}
      <p style={{ textAlign: 'center' }}><a href={`/api/v1/rooms/${room.id}/calendar.ics`}>{L.feed}</a></p>
    </Modal>
  )
}

function WeekGrid({ calendar }: { calendar: Calendar }) {
  const { lang } = useI18n()
  const L = useVenueLabels()
  return (
    <div role="table" aria-label={L.weekCalendar} style={{ display: 'grid', gridTemplateColumns: `120px repeat(${calendar.days.length}, 1fr)`, border: '1px solid #f0f0f0', marginTop: 12, fontSize: 12 }}>
      <div role="columnheader" style={{ padding: 6, background: '#fafafa' }}>{L.roomName}</div>
      {calendar.days.map((d) => (
        <div role="columnheader" key={d.date} style={{ padding: 6, background: '#fafafa', borderLeft: '1px solid #f0f0f0' }}>
          <strong>{dayjs(d.date).format('M/D')} {weekdayWords[(dayjs(d.date).day() + 6) % 7]![lang]}</strong>
          <div style={{ color: '#8c8c8c' }}>{d.hours.map((h) => `${h.open}–${h.close}`).join(' ') || L.closed}</div>
        </div>
      ))}
      {calendar.rooms.map((r) => (
        <div role="row" key={r.id} style={{ display: 'contents' }}>
          <div role="rowheader" style={{ padding: 6, borderTop: '1px solid #f0f0f0' }}>{r.name}</div>
          {calendar.days.map((d) => (
            <div role="cell" key={d.date} style={{ padding: 4, borderTop: '1px solid #f0f0f0', borderLeft: '1px solid #f0f0f0', minHeight: 48 }}>
              {calendar.bookings.filter((b) => b.room.id === r.id && dayjs(b.start).format('YYYY-MM-DD') === d.date).map((b) => (
                <Tag key={b.id} color={stateColor[b.state]} style={{ display: 'block', marginBottom: 4, whiteSpace: 'normal' }} title={`${b.booker.name}${b.bookerUnit ? `（${b.bookerUnit.name}）` : ''}`}>
                  {dayjs(b.start).format('HH:mm')}–{dayjs(b.end).format('HH:mm')} {b.purpose}{b.state !== 'confirmed' ? ` · ${bookingStateLabels[b.state]![lang]}` : ''}
                </Tag>
              ))}
            </div>
          ))}
        </div>
      ))}
    </div>
  )
}

function RoomForm({ venue, room, onClose }: { venue: Venue; room: Room | null; onClose: () => void }) {
  const L = useVenueLabels()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<RoomInput & { blackout: dayjs.Dayjs[] }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['name', 'capacity', 'minMinutes', 'maxMinutes'], async (v) => {
    const { blackout, ...rest } = v
    const body = { ...rest, blackoutDays: (blackout ?? []).map((d) => d.format('YYYY-MM-DD')) }
    await api(room ? `/rooms/${room.id}` : `/venues/${venue.id}/rooms`, { method: room ? 'PATCH' : 'POST', body })
    await queryClient.invalidateQueries({ queryKey: ['venues'] })
    onClose()
  })
  const initial = room
    ? { ...room, blackout: room.blackoutDays.map((d) => dayjs(d)) }
    : { capacity: 20, bookerKinds: ['resident', 'unit'], approval: false, holdHours: 48, leadMinutes: 60, maxAdvanceDays: 60, minMinutes: 30, maxMinutes: 240, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, monthlyQuotaHours: null, blackout: [] }
  const n = (name: keyof RoomInput, label: string, min: number, max: number) => (
    <Form.Item name={name} label={label} style={{ width: 150 }}><InputNumber min={min} max={max} style={{ width: '100%' }} /></Form.Item>
  )
  return (
    <Modal open width={720} title={room ? room.name : L.addRoom} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={L.save}>
      <FormError error={error} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Flex gap={12} wrap>
          <Form.Item name="name" label={L.roomName} rules={[{ required: true, min: 2 }]} style={{ width: 220 }}><Input maxLength={50} /></Form.Item>
          {n('capacity', L.capacity, 1, 10000)}
          <Form.Item name="approval" label={L.approval} valuePropName="checked"><Switch /></Form.Item>
        </Flex>
        <Form.Item name="bookerKinds" label={L.bookerKinds} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={[{ value: 'resident', label: L.bookerResident }, { value: 'unit', label: L.bookerUnit }]} />
        </Form.Item>
        <Flex gap={12} wrap>
          {n('minMinutes', L.minMinutes, 15, 1440)}
          {n('maxMinutes', L.maxMinutes, 15, 1440)}
          {n('leadMinutes', L.leadMinutes, 0, 43200)}
          {n('maxAdvanceDays', L.maxAdvanceDays, 1, 366)}
          {n('bufferBeforeMinutes', L.bufferBefore, 0, 240)}
          {n('bufferAfterMinutes', L.bufferAfter, 0, 240)}
          {n('monthlyQuotaHours', L.quota, 1, 744)}
        </Flex>
        <Form.Item name="blackout" label={L.blackoutDays}><DatePicker multiple style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  )
}
