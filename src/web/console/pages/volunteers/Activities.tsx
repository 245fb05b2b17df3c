// The activities list (not ended / ended / all), publishing and editing an activity, cancelling it,
// and the drawer where an organiser runs one (sign-ups, the check-in screen, attendance).
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { api, type Page } from '../../../shared/api.ts'
import type { Activity, Team } from '@server/modules/volunteers/volunteers.schemas.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect, StatusTag } from '../../common.tsx'
import { FormDrawer, useFormSubmit } from '../visits/parts.tsx'
import { useMe } from '../../auth.tsx'
import { useVolunteerLabels } from './labels.ts'
import { LocationPicker, type LngLat } from './LocationPicker.tsx'
import { ActivityDrawer } from './ActivityDrawer.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'

type When = 'upcoming' | 'past' | 'all'

export function PhaseTag({ a }: { a: Pick<Activity, 'status' | 'phase'> }) {
  const L = useVolunteerLabels()
  if (a.status === 'cancelled') return <StatusTag tone="danger">{L.cancelled}</StatusTag>
  return <StatusTag tone={a.phase === 'ongoing' ? 'success' : a.phase === 'upcoming' ? 'info' : 'muted'}>{L.phase[a.phase]}</StatusTag>
}

export function Activities() {
  const L = useVolunteerLabels()
  const [when, setWhen] = useState<When>('upcoming')
  const [editing, setEditing] = useState<Activity | 'new' | null>(null)
  const [managing, setManaging] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState<Activity | null>(null)
  const list = useCursorPages<Activity>(['volunteers', 'activities', { when }], '/activities')
  const rows = list.items
  const columns: ColumnsType<Activity> = [
    { title: L.time, key: 'time', width: 170, render: (_, a) => `${formatTime(a.startsAt)} – ${dayjs(a.endsAt).format('HH:mm')}` },
    { title: L.activityTitle, key: 'title', render: (_, a) => <Space size={4} wrap><span>{a.title}</span><PhaseTag a={a} /></Space> },
    { title: L.org, key: 'org', width: 200, render: (_, a) => (a.team ? `${a.org.name} · ${a.team.name}` : a.org.name) },
    { title: L.place, dataIndex: 'place', width: 220, ellipsis: true },
    { title: L.seats, key: 'seats', width: 110, render: (_, a) => `${a.confirmed} / ${a.capacity}` },
    { title: L.waitlist, dataIndex: 'waitlisted', width: 70 },
    {
      title: L.actions, key: 'actions', width: 220, render: (_, a) => a.canManage && (
        <Space size={4}>
          <Button size="small" type="primary" onClick={() => setManaging(a.id)}>{L.manage}</Button>
          {a.status === 'published' && a.phase !== 'ended' && <Button size="small" onClick={() => setEditing(a)}>{L.edit}</Button>}
          {a.status === 'published' && a.phase !== 'ended' && <Button size="small" danger onClick={() => setCancelling(a)}>{L.cancelActivity}</Button>}
        </Space>
      ),
    },
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Radio.Group optionType="button" value={when} onChange={(e) => setWhen(e.target.value as When)}
          options={(['upcoming', 'past', 'all'] as const).map((w) => ({ value: w, label: L.when[w] }))} />
        <Button type="primary" onClick={() => setEditing('new')}>{L.newActivity}</Button>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Activity> rowKey="id" columns={columns} dataSource={rows} pagination={list.pagination} size="middle" scroll={{ x: 1100 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      {editing && <ActivityForm activity={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {managing && <ActivityDrawer id={managing} onClose={() => setManaging(null)} />}
      {cancelling && <CancelModal activity={cancelling} onClose={() => setCancelling(null)} />}
    </div>
  )
}

function CancelModal({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const L = useVolunteerLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function send() {
    setBusy(true)
    setError(null)
    try {
      await api(`/activities/${activity.id}/cancel`, { method: 'POST', body: { reason } })
      message.success(L.activityCancelled)
      await queryClient.invalidateQueries({ queryKey: ['volunteers'] })
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open title={`${L.cancelActivity}：${activity.title}`} onCancel={onClose} onOk={() => void send()} okButtonProps={{ danger: true, loading: busy }} okText={L.cancelActivity} cancelText={L.cancel}>
      <p>{L.cancelConfirm}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Input.TextArea aria-label={L.cancelReason} placeholder={L.cancelReason} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={3} />
    </Modal>
  )
}

interface ActivityFormValues {
  orgId: string
  teamId?: string | null
  venueId?: string | null
  title: string
  time: [Dayjs, Dayjs]
  place: string
  location: LngLat
  capacity: number
  skillNeeds?: { skill: string; count: number }[]
  maxHours?: number | null
  description?: string
}

const FIELD_PATHS = ['orgId', 'teamId', 'venueId', 'title', 'startsAt', 'endsAt', 'place', 'location', 'capacity', 'skillNeeds', 'maxHours', 'description']

function ActivityForm({ activity, onClose }: { activity: Activity | null; onClose: () => void }) {
  const L = useVolunteerLabels()
  const { message } = App.useApp()
  const me = useMe().data!
  const queryClient = useQueryClient()
  const [form] = Form.useForm<ActivityFormValues>()
  const teams = useQuery({ queryKey: ['volunteers', 'teams', 'all'], queryFn: () => api<Page<Team>>('/volunteer-teams?limit=200') })
  const req = (field: string) => ({ required: true, message: L.required.replace('{field}', field) })
  const known = me.roles.map((r) => ({ value: r.orgId, label: r.orgName ?? r.orgId }))
  const { submit, error, busy } = useFormSubmit(form, () => FIELD_PATHS, async (v) => {
    const body = {
      teamId: v.teamId ?? null, venueId: v.venueId ?? null, title: v.title, place: v.place, location: v.location, capacity: v.capacity,
      startsAt: v.time[0].toISOString(), endsAt: v.time[1].toISOString(), skillNeeds: (v.skillNeeds ?? []).filter((n) => n?.skill),
      maxHours: v.maxHours ?? null, description: v.description ?? '',
    }
    if (activity) await api(`/activities/${activity.id}`, { method: 'PATCH', body })
    else await api('/activities', { method: 'POST', body: { ...body, orgId: v.orgId } })
    message.success(L.saved)
    await queryClient.invalidateQueries({ queryKey: ['volunteers'] })
    onClose()
  })
  const initial: Partial<ActivityFormValues> = activity
    ? {
        orgId: activity.org.id, teamId: activity.team?.id ?? null, venueId: activity.venue?.id ?? null, title: activity.title, time: [dayjs(activity.startsAt), dayjs(activity.endsAt)],
        place: activity.place, location: activity.location, capacity: activity.capacity, skillNeeds: activity.skillNeeds.map(({ skill, count }) => ({ skill, count })),
        maxHours: activity.maxHours, description: activity.description,
      }
    : { capacity: 10, skillNeeds: [], orgId: known[0]?.value }
  return (
    <FormDrawer title={activity ? L.editActivity : L.newActivity} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form<ActivityFormValues> form={form} layout="vertical" onFinish={submit} requiredMark="optional" initialValues={initial}>
        <Form.Item name="orgId" label={L.org} extra={L.orgExtra} rules={[req(L.org)]}>
          {activity ? <Select disabled options={[{ value: activity.org.id, label: activity.org.name }]} /> : <OrgSelect known={known} />}
        </Form.Item>
        <Form.Item name="teamId" label={L.team}>
          <Select allowClear placeholder={L.noTeam} options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.name}（${t.org.name}）` }))} />
        </Form.Item>
        <Form.Item name="venueId" label={L.venue} extra={L.venueExtra}>
          <VenueSelect known={activity?.venue ?? null} onPicked={(v) => {
            // Held at a venue: its name and door fill the place and the map point when they are empty.
            if (!form.getFieldValue('place')) form.setFieldValue('place', v.name)
            if (!form.getFieldValue('location')) form.setFieldValue('location', v.entrance)
          }} />
        </Form.Item>
        <Form.Item name="title" label={L.activityTitle} rules={[req(L.activityTitle), { min: 2, message: L.required.replace('{field}', L.activityTitle) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="time" label={L.time} rules={[req(L.time)]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="place" label={L.place} rules={[req(L.place)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="location" label={L.location} extra={L.locationExtra} rules={[req(L.location)]}>
          <LocationPicker label={L.location} />
        </Form.Item>
        <Space size={24} wrap>
          <Form.Item name="capacity" label={L.capacity} rules={[req(L.capacity)]}>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item name="maxHours" label={L.maxHours} extra={L.maxHoursExtra}>
            <InputNumber min={0.5} max={72} step={0.5} />
          </Form.Item>
        </Space>
        <Form.List name="skillNeeds">
          {(fields, { add, remove }) => (
            <Form.Item label={L.skillNeeds}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[f.name, 'skill']} rules={[req(L.skill)]} noStyle><Input placeholder={L.skill} maxLength={20} style={{ width: 180 }} /></Form.Item>
                  <Form.Item name={[f.name, 'count']} rules={[req(L.count)]} noStyle><InputNumber placeholder={L.count} min={1} max={1000} precision={0} /></Form.Item>
                  <Button onClick={() => remove(f.name)}>{L.remove}</Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ count: 1 })}>{L.addSkill}</Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="description" label={L.description}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}

/** A venue by a word of its name or address (the red map's list), for "held at". */
function VenueSelect({ value, onChange, known, onPicked }: { value?: string | null; onChange?: (v: string | null) => void; known: { id: string; name: string } | null; onPicked: (v: { name: string; entrance: { lng: number; lat: number } }) => void }) {
  const L = useVolunteerLabels()
  const [q, setQ] = useState('')
  const found = useQuery({ queryKey: ['venues', 'pick', q], queryFn: () => api<Page<{ id: string; name: string; address: string; entrance: { lng: number; lat: number } }>>(`/venues?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}`) })
  const items = found.data?.items ?? []
  const options = [...(known && !items.some((v) => v.id === known.id) ? [{ value: known.id, label: known.name }] : []), ...items.map((v) => ({ value: v.id, label: `${v.name}（${v.address}）` }))]
  return (
    <Select allowClear showSearch={{ filterOption: false, onSearch: setQ }} placeholder={L.noVenue} value={value ?? undefined} options={options}
      onChange={(id?: string) => {
        onChange?.(id ?? null)
        const v = items.find((x) => x.id === id)
        if (v) onPicked(v)
      }} />
  )
}
