// The venue registry: filters by kind and words, the venue drawer, and the form to register or
// edit a venue (kind and its level or station kind, managing node, entrance on the map, weekly
// hours, amenities, services, who it serves).
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, TimePicker } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import type { Venue, VenueCreate } from '@server/modules/venues/venues.schemas.ts'
import { amenityWords, audienceWords, kindLabel, serviceTypeWords, stationKindWords, venueKindWords, venueLevelWords, weekdayWords } from '@server/modules/venues/venues.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { download, EmptyText, errorMessage, OrgSelect, StatusTag } from '../../common.tsx'
import { useHomeScope, useOwnNode, ALL_ORGS } from '../../auth.tsx'
import { FormDrawer, useFormSubmit } from '../visits/parts.tsx'
import type { UploadFile } from 'antd'
import { PhotoUpload } from '../cases/CaseActions.tsx'
import { ImportModal } from '../../ImportModal.tsx'
import { LocationPicker } from '../volunteers/LocationPicker.tsx'
import { format, useVenueLabels } from './labels.ts'
import { VenueDrawer } from './VenueDrawer.tsx'

export function VenueList() {
  const L = useVenueLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const home = useHomeScope()
  const [kind, setKind] = useState<string | undefined>()
  const [q, setQ] = useState('')
  const [orgId, setOrgId] = useState<string | undefined>(home && home.id !== ALL_ORGS ? home.id : undefined)
  const [open, setOpen] = useState<Venue | null>(null)
  const [editing, setEditing] = useState<Venue | 'new' | null>(null)
  const [importing, setImporting] = useState(false)
  const list = useCursorPages<Venue>(['venues', 'list', { kind, q, orgId }], '/venues', (s) => {
    if (kind) s.set('kind', kind)
    if (q.trim()) s.set('q', q.trim())
    if (orgId) s.set('orgId', orgId)
  })
  const remove = async (v: Venue) => {
    try {
      await api(`/venues/${v.id}`, { method: 'DELETE' })
      void message.success(L.deleted)
      await queryClient.invalidateQueries({ queryKey: ['venues'] })
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  const columns: ColumnsType<Venue> = [
    { title: L.name, dataIndex: 'name', render: (name: string, v) => <Button type="link" style={{ padding: 0, color: '#0958d9' }} onClick={() => setOpen(v)}>{name}</Button> },
    { title: L.kind, key: 'kind', width: 150, render: (_, v) => kindLabel(v, lang) },
    { title: L.org, key: 'org', width: 140, render: (_, v) => v.org.name },
    { title: L.address, dataIndex: 'address', ellipsis: true },
    { title: L.status, key: 'status', width: 150, render: (_, v) => v.openStatus.open
      ? <StatusTag tone="success">{L.open}{v.openStatus.closesAt ? ` · ${format(L.closesAt, { time: dayjs(v.openStatus.closesAt).format('HH:mm') })}` : ''}</StatusTag>
      : <StatusTag tone="muted">{v.openStatus.opensAt ? format(L.opensAt, { time: dayjs(v.openStatus.opensAt).format('M-D HH:mm') }) : L.closed}</StatusTag> },
    { title: L.rooms, key: 'rooms', width: 90, render: (_, v) => format(L.roomsCount, { n: v.rooms.length }) },
    { title: '', key: 'actions', width: 130, render: (_, v) => v.canManage && (
      <Space>
        <Button size="small" onClick={() => setEditing(v)}>{L.edit}</Button>
        <Popconfirm title={format(L.deleteAsk, { name: v.name })} onConfirm={() => void remove(v)}><Button size="small" danger>{L.delete}</Button></Popconfirm>
      </Space>
    ) },
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <Input.Search aria-label={L.search} placeholder={L.search} allowClear onSearch={setQ} style={{ width: 220 }} />
          <Select aria-label={L.kind} placeholder={L.allKinds} allowClear value={kind} onChange={setKind} style={{ width: 160 }}
            options={Object.entries(venueKindWords).map(([value, w]) => ({ value, label: w[lang] }))} />
          <OrgSelect aria-label={L.org} placeholder={L.org} allowClear value={orgId} onChange={(v) => setOrgId(v ?? undefined)} style={{ width: 200 }} known={home && home.id !== ALL_ORGS ? [{ value: home.id, label: home.name }] : []} />
        </Flex>
        <Space wrap>
          <Button onClick={() => download('/venues/import-template', '服务阵地导入模板.xlsx').catch((e) => message.error(errorMessage(e)))}>{L.template}</Button>
          <Button onClick={() => setImporting(true)}>{L.importFile}</Button>
          <Button onClick={() => download('/venues/export', '服务阵地.xlsx', { orgId, kind }).catch((e) => message.error(errorMessage(e)))}>{L.export}</Button>
          <Button type="primary" onClick={() => setEditing('new')}>{L.newVenue}</Button>
        </Space>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Venue> rowKey="id" columns={columns} dataSource={list.items} pagination={list.pagination} size="middle" scroll={{ x: 1000 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      {open && <VenueDrawer venueId={open.id} onClose={() => setOpen(null)} />}
      {editing && <VenueForm venue={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportModal endpoint="/venues/import" rowsInvalidCode="VENUE_IMPORT_ROWS_INVALID" labels={L} defaultOrgId={orgId} onClose={() => setImporting(false)} onImported={(n) => {
        void message.success(format(L.imported, { n }))
        setImporting(false)
        void queryClient.invalidateQueries({ queryKey: ['venues'] })
      }} />}
    </div>
  )
}

interface FormValues {
  kind: VenueCreate['kind']
  level?: string | null
  stationKind?: string | null
  name: string
  orgId: string
  address: string
  entrance: { lng: number; lat: number }
  phone?: string
  areaM2?: number | null
  description?: string
  days: { open?: Dayjs | null; close?: Dayjs | null }[]
  closedOnHolidays: boolean
  photos?: UploadFile[]
  exceptions: { date?: Dayjs | null; closed?: boolean; time?: [Dayjs, Dayjs] | null; note?: string }[]
  amenities: string[]
  services: string[]
  tags: string[]
  audiences: string[]
}

function VenueForm({ venue, onClose }: { venue: Venue | null; onClose: () => void }) {
  const L = useVenueLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const home = useHomeScope()
  const own = useOwnNode()
  const [form] = Form.useForm<FormValues>()
  const kind = Form.useWatch('kind', form)
  const { submit, error, busy } = useFormSubmit(form, () => ['kind', 'level', 'stationKind', 'name', 'orgId', 'address', 'entrance', 'phone', 'areaM2', 'amenities', 'services', 'tags', 'audiences'], async (v) => {
    const body = {
      kind: v.kind, level: v.kind === 'party_service_center' ? v.level ?? null : null, stationKind: v.kind === 'station' ? v.stationKind ?? null : null,
      name: v.name, orgId: v.orgId, address: v.address, entrance: v.entrance, phone: v.phone?.trim() || null, areaM2: v.areaM2 ?? null, description: v.description?.trim() || null,
      hours: { weekly: v.days.flatMap((d, i) => (d.open && d.close ? [{ day: i + 1, open: d.open.format('HH:mm'), close: d.close.format('HH:mm') }] : [])), exceptions: exceptionsOf(v.exceptions), closedOnHolidays: v.closedOnHolidays },
      amenities: v.amenities, services: v.services, tags: v.tags, audiences: v.audiences,
      photoIds: (v.photos ?? []).filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id),
    }
    await api(venue ? `/venues/${venue.id}` : '/venues', { method: venue ? 'PATCH' : 'POST', body })
    void message.success(L.saved)
    await queryClient.invalidateQueries({ queryKey: ['venues'] })
    onClose()
  })
  const day = (i: number) => venue?.hours.weekly.find((w) => w.day === i + 1)
  const initial: Partial<FormValues> = venue
    ? { ...venue, level: venue.level, stationKind: venue.stationKind, phone: venue.phone ?? undefined, description: venue.description ?? undefined,
      days: weekdayWords.map((_, i) => ({ open: day(i) ? dayjs(day(i)!.open, 'HH:mm') : null, close: day(i) ? dayjs(day(i)!.close, 'HH:mm') : null })),
      closedOnHolidays: venue.hours.closedOnHolidays,
      photos: venue.photos.map((ph) => ({ uid: ph.id, name: ph.id, status: 'done' as const, url: ph.thumbUrl, response: { id: ph.id } })),
      exceptions: venue.hours.exceptions.map((e) => ({ date: dayjs(e.date), closed: !!e.closed, time: e.open && e.close ? [dayjs(e.open, 'HH:mm'), dayjs(e.close, 'HH:mm')] as [Dayjs, Dayjs] : null, note: e.note })) }
    : { kind: 'station', stationKind: 'red', orgId: home && home.id !== ALL_ORGS ? home.id : own?.value, amenities: ['rest', 'drinking_water'], services: [], tags: [], audiences: ['everyone'],
      days: weekdayWords.map(() => ({ open: dayjs('08:00', 'HH:mm'), close: dayjs('20:00', 'HH:mm') })), closedOnHolidays: false, exceptions: [] }
  const options = (words: Record<string, { zh: string; en: string }>) => Object.entries(words).map(([value, w]) => ({ value, label: w[lang] }))
  return (
    <FormDrawer title={venue ? venue.name : L.newVenue} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} requiredMark>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={L.kind} rules={[{ required: true }]} style={{ minWidth: 180 }}><Select options={options(venueKindWords)} /></Form.Item>
          {kind === 'party_service_center' && <Form.Item name="level" label={L.level} rules={[{ required: true }]} style={{ minWidth: 140 }}><Select options={options(venueLevelWords)} /></Form.Item>}
          {kind === 'station' && <Form.Item name="stationKind" label={L.stationKind} rules={[{ required: true }]} style={{ minWidth: 140 }}><Select options={options(stationKindWords)} /></Form.Item>}
        </Flex>
        <Form.Item name="name" label={L.name} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="orgId" label={L.org} rules={[{ required: true }]}><OrgSelect known={venue ? [{ value: venue.org.id, label: venue.org.name }] : home && home.id !== ALL_ORGS ? [{ value: home.id, label: home.name }] : own ? [own] : []} /></Form.Item>
        <Form.Item name="address" label={L.address} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="entrance" label={L.entrance} rules={[{ required: true }]}><LocationPicker label={L.entrance} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="phone" label={L.phone}><Input maxLength={30} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="areaM2" label={L.area}><InputNumber min={1} max={1000000} style={{ width: 160 }} /></Form.Item>
        </Flex>
        <Form.Item label={L.hours} extra={L.hoursHint}>
          {weekdayWords.map((d, i) => (
            <Flex key={i} gap={8} align="center" style={{ marginBottom: 6 }}>
              <span style={{ width: 40 }}>{d[lang]}</span>
              <Form.Item name={['days', i, 'open']} noStyle><TimePicker format="HH:mm" minuteStep={15} placeholder={L.openTime} aria-label={`${d[lang]} ${L.openTime}`} /></Form.Item>
              <span>–</span>
              <Form.Item name={['days', i, 'close']} noStyle><TimePicker format="HH:mm" minuteStep={15} placeholder={L.closeTime} aria-label={`${d[lang]} ${L.closeTime}`} /></Form.Item>
            </Flex>
          ))}
        </Form.Item>
        <Form.Item name="closedOnHolidays" valuePropName="checked"><Switch checkedChildren={L.closedOnHolidays} unCheckedChildren={L.closedOnHolidays} /></Form.Item>
        <Form.Item label={L.exceptions} extra={L.exceptionsHint}>
          <Form.List name="exceptions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="center" wrap style={{ marginBottom: 6 }}>
                    <Form.Item name={[f.name, 'date']} noStyle rules={[{ required: true, message: L.exceptionDate }]}><DatePicker aria-label={L.exceptionDate} /></Form.Item>
                    <Form.Item name={[f.name, 'closed']} valuePropName="checked" noStyle><Checkbox>{L.closedDay}</Checkbox></Form.Item>
                    <Form.Item name={[f.name, 'time']} noStyle><TimePicker.RangePicker format="HH:mm" minuteStep={15} aria-label={L.exceptionHours} /></Form.Item>
                    <Form.Item name={[f.name, 'note']} noStyle><Input placeholder={L.exceptionNote} aria-label={L.exceptionNote} maxLength={50} style={{ width: 160 }} /></Form.Item>
                    <Button onClick={() => remove(f.name)}>{L.delete}</Button>
                  </Flex>
                ))}
                <Button onClick={() => add({ closed: true })}>{L.addException}</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="amenities" label={L.amenities}><Checkbox.Group options={options(amenityWords)} /></Form.Item>
        <Form.Item name="services" label={L.services}><Checkbox.Group options={options(serviceTypeWords)} /></Form.Item>
        <Form.Item name="tags" label={L.tags}><Select mode="tags" tokenSeparators={[',', '，']} /></Form.Item>
        <Form.Item name="audiences" label={L.audiences} rules={[{ required: true, type: 'array', min: 1 }]}><Checkbox.Group options={options(audienceWords)} /></Form.Item>
        <Form.Item name="photos" label={L.photos}>
          <PhotoUpload addLabel={L.addPhoto} />
        </Form.Item>
        <Form.Item name="description" label={L.description}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </FormDrawer>
  )
}

/** The form's dated exceptions as the API takes them: closed that day, or other hours. */
function exceptionsOf(rows: FormValues['exceptions'] | undefined) {
  return (rows ?? []).filter((e) => e.date).map((e) => ({
    date: e.date!.format('YYYY-MM-DD'),
    ...(e.closed || !e.time ? { closed: true } : { open: e.time[0].format('HH:mm'), close: e.time[1].format('HH:mm') }),
    ...(e.note?.trim() ? { note: e.note.trim() } : {}),
  }))
}
