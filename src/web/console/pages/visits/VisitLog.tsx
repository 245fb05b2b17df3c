// The visit log (newest first, 20 a page with the total) and the drawer to log a visit, optionally
// against one of the caller's open tasks: the place picked community → estate → building, the
// residents met, photos and the visitor's location, checked against the place once saved.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Cascader, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, type UploadFile } from 'antd'
import { useNavigate } from 'react-router'
import { useCategoryTree } from '../cases/parts.tsx'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { api, type Page } from '../../../shared/api.ts'
import type { Visit, VisitTask } from '@server/modules/visits/visits.schemas.ts'
import type { Resident } from '@server/modules/residents/residents.schemas.ts'
import { EmptyText, errorMessage, formatTime } from '../../common.tsx'
import { useDebounced } from '../../../shared/useDebounced.ts'
import { FormDrawer, useFormSubmit } from './parts.tsx'
import { useVisitLabels } from './labels.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { buildingsOf, PlacePicker, placeId, usePlaces } from '../../places.tsx'
import { PhotoUpload } from '../cases/CaseActions.tsx'
import { VisitTopicsDrawer } from './VisitTopics.tsx'

type VisitLabels = ReturnType<typeof useVisitLabels>

/** The place check as a tag: green at the place, blue near it, red further away. */
function PlaceCheck({ v, L }: { v: Visit; L: VisitLabels }) {
  const c = v.placeCheck
  if (!c) return <span style={{ color: '#595959', fontSize: 12 }}>{L.checkNone}</span>
  if (c.status === 'inside') return <Tag color="success">{L.checkInside}</Tag>
  return <Tag color={c.status === 'near' ? 'processing' : 'error'}>{(c.status === 'near' ? L.checkNear : L.checkAway).replace('{m}', String(c.distanceM))}</Tag>
}

function residentsText(v: Visit, L: VisitLabels) {
  if (v.residents.length === 0) return '—'
  const names = v.residents.slice(0, 3).map((r) => r.name).join('、')
  return v.residents.length > 3 ? L.residentsMore.replace('{names}', names).replace('{n}', String(v.residents.length)) : names
}

export function VisitLog() {
  const L = useVisitLabels()
  const [kind, setKind] = useState<string | undefined>()
  const [open, setOpen] = useState(false)
  const [reporting, setReporting] = useState<Visit | null>(null)
  const [raising, setRaising] = useState<Visit | null>(null)
  const list = useCursorPages<Visit>(['visits', 'list', { kind }], '/visits', (s) => {
    if (kind) s.set('kind', kind)
  })
  const rows = list.items
  const columns: ColumnsType<Visit> = [
    { title: L.visitedAt, dataIndex: 'visitedAt', width: 140, render: (v: string) => formatTime(v) },
    { title: L.kindLabel, key: 'kind', width: 150, render: (_, v) => `${L.kind[v.kind]} · ${L.mode[v.mode]}` },
    {
      title: `${L.place} · ${L.placeCheck}`,
      key: 'place',
      width: 210,
      render: (_, v) => (
        <>
          <div>{v.community && v.community.id !== v.org.id ? `${v.community.name} › ${v.org.name}` : v.org.name}</div>
          <PlaceCheck v={v} L={L} />
        </>
      ),
    },
    { title: L.visitor, key: 'visitor', width: 140, render: (_, v) => (v.visitorOrg ? `${v.visitor.name}（${v.visitorOrg.name}）` : v.visitor.name) },
    {
      title: `${L.households} / ${L.people}`,
      key: 'counts',
      width: 170,
      render: (_, v) => (
        <>
          <div>{v.households} / {v.people}</div>
          {v.residents.length > 0 && <div style={{ color: '#595959', fontSize: 12 }}>{residentsText(v, L)}</div>}
        </>
      ),
    },
    { title: L.note, dataIndex: 'note', ellipsis: true },
    { title: L.actions, key: 'actions', width: 180, render: (_, v) => (
      <Flex gap={8}><Button size="small" onClick={() => setReporting(v)}>{L.toCase}</Button><Button size="small" onClick={() => setRaising(v)}>{L.toTopic}</Button></Flex>
    ) },
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.filterKind} placeholder={L.allKinds} allowClear value={kind} onChange={setKind} style={{ width: 160 }}
          options={Object.entries(L.kind).map(([value, label]) => ({ value, label }))} />
        <Button type="primary" onClick={() => setOpen(true)}>{L.newVisit}</Button>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Visit> rowKey="id" columns={columns} dataSource={rows} pagination={list.pagination} size="middle" scroll={{ x: 1190 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.emptyLog}</EmptyText> }} />
      <NewVisitDrawer open={open} onClose={() => setOpen(false)} />
      {reporting && <VisitCaseDrawer visit={reporting} onClose={() => setReporting(null)} />}
      {raising && <VisitTopicsDrawer visit={raising} onClose={() => setRaising(null)} />}
    </div>
  )
}

interface VisitCaseForm {
  category: string[]
  description: string
  address?: string
}

/** A problem found on a visit becomes a case linked to it, placed where the visit was. */
function VisitCaseDrawer({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const L = useVisitLabels()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const tree = useCategoryTree()
  const [form] = Form.useForm<VisitCaseForm>()
  const { submit, error, busy } = useFormSubmit(form, () => ['categoryCode', 'description', 'address', 'location'], async (v) => {
    const created = await api<{ id: string }>(`/visits/${visit.id}/cases`, {
      method: 'POST',
      body: { categoryCode: v.category[v.category.length - 1], description: v.description, ...(v.address?.trim() ? { address: v.address.trim() } : {}) },
    })
    message.success(L.caseCreated.replace('{id}', created.id))
    onClose()
    navigate(`/cases/${created.id}`)
  })
  return (
    <FormDrawer title={L.toCaseTitle} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <p>{L.toCaseIntro.replace('{place}', visit.org.name)}</p>
      <Form<VisitCaseForm> form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="category" label={L.caseCategory} rules={[{ required: true, message: L.required.replace('{field}', L.caseCategory) }]}>
          <Cascader options={tree} placeholder={L.caseCategory} />
        </Form.Item>
        <Form.Item name="description" label={L.caseDescription} rules={[{ required: true, min: 2, message: L.required.replace('{field}', L.caseDescription) }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="address" label={L.caseAddress}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}

interface VisitForm {
  kind: string
  mode: string
  taskId?: string
  place: string[]
  residentIds?: string[]
  visitedAt: Dayjs
  households: number
  people: number
  note: string
  photoIds?: UploadFile[]
}

const FIELD_PATHS = ['kind', 'mode', 'taskId', 'place', 'residentIds', 'visitedAt', 'households', 'people', 'note', 'visitorOrgId', 'photoIds', 'location']

/**
 * The residents of the place picked, searched by name: a building's or grid's or community's
 * through GET /residents?orgId=, an estate's as its community's residents in the estate's buildings.
 * Picking them fills the households and people counts.
 */
function ResidentPicker({ place, value, onChange, onPicked, L, id }: {
  place: string[] | undefined
  value?: string[]
  onChange?: (v: string[]) => void
  onPicked: (residents: Resident[]) => void
  L: VisitLabels
  id?: string
}) {
  const [q, setQ] = useState('')
  const term = useDebounced(q.trim())
  const [chosen, setChosen] = useState<Map<string, Resident>>(new Map())
  const places = usePlaces(place?.[0])
  const target = placeId(place)
  const estate = !!place && place.length >= 2 && places.data?.estates.some((e) => e.id === place[1]) && place.length === 2
  const base = estate ? place![0] : target
  const allowed = estate ? new Set(buildingsOf(places.data, place).map((b) => b.id)) : null
  const found = useQuery({
    queryKey: ['residents', 'visit-pick', base, term],
    queryFn: () => api<Page<Resident>>(`/residents?orgId=${base}&limit=100${term ? `&q=${encodeURIComponent(term)}` : ''}`),
    enabled: !!base,
  })
  const options = (found.data?.items ?? []).filter((r) => !allowed || allowed.has(r.org.id))
  const label = (r: Resident) => `${r.name} · ${r.org.name}${r.household ? ` ${r.household}` : ''}`
  return (
    <Select
      id={id}
      mode="multiple"
      disabled={!base}
      placeholder={base ? L.residentsSearch : L.residentsPick}
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      options={[...new Map([...chosen.values(), ...options].map((r) => [r.id, { value: r.id, label: label(r) }])).values()]}
      onChange={(ids: string[]) => {
        const known = new Map([...chosen, ...options.map((r) => [r.id, r] as const)])
        const picked = ids.map((i) => known.get(i)).filter((r): r is Resident => !!r)
        setChosen(new Map(picked.map((r) => [r.id, r])))
        onChange?.(ids)
        onPicked(picked)
      }}
    />
  )
}

function NewVisitDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = useVisitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<VisitForm>()
  const place = Form.useWatch('place', form)
  const [location, setLocation] = useState<{ lng: number; lat: number; accuracy: number } | null>(null)
  const [locating, setLocating] = useState<string | null>(null)
  const openTasks = useQuery({
    queryKey: ['visits', 'openTasks'],
    queryFn: async () => {
      const [late, pending] = await Promise.all(['late', 'pending'].map((s) => api<Page<VisitTask>>(`/visit-tasks?status=${s}&limit=200`)))
      return [...late!.items, ...pending!.items]
    },
    enabled: open,
  })
  const tasks = openTasks.data ?? []
  const req = (field: string) => ({ required: true, message: L.required.replace('{field}', field) })
  const taskCommunities = [...new Map(tasks.map((x) => [x.community.id, x.community] as const)).values()]

  const { submit, error, busy } = useFormSubmit(form, () => FIELD_PATHS, async (v) => {
    const photoIds = (v.photoIds ?? []).filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id)
    await api<Visit>('/visits', {
      method: 'POST',
      body: {
        kind: v.kind, mode: v.mode, orgId: placeId(v.place), visitedAt: v.visitedAt.toISOString(), households: v.households, people: v.people, note: v.note,
        ...(v.taskId ? { taskId: v.taskId } : {}),
        ...(v.residentIds?.length ? { residentIds: v.residentIds } : {}),
        ...(photoIds.length ? { photoIds } : {}),
        ...(location ? { location: { lng: location.lng, lat: location.lat } } : {}),
      },
    })
    message.success(L.saved)
    form.resetFields()
    setLocation(null)
    await queryClient.invalidateQueries({ queryKey: ['visits'] })
    onClose()
  })

  function locate() {
    if (!navigator.geolocation) return setLocating(L.locateFailed.replace('{reason}', 'GPS'))
    setLocating('…')
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocation({ lng: p.coords.longitude, lat: p.coords.latitude, accuracy: Math.round(p.coords.accuracy) })
        setLocating(null)
      },
      (e) => setLocating(L.locateFailed.replace('{reason}', e.message)),
      { enableHighAccuracy: true, timeout: 15_000 },
    )
  }

  return (
    <FormDrawer title={L.newVisit} open={open} onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form<VisitForm> form={form} layout="vertical" onFinish={submit} requiredMark="optional"
        initialValues={{ kind: nightNow() ? 'night' : 'home', mode: 'active', visitedAt: dayjs(), households: 1, people: 1 }}
        onValuesChange={(changed: Partial<VisitForm>) => {
          const task = changed.taskId ? tasks.find((x) => x.id === changed.taskId) : undefined
          if (task) form.setFieldsValue({ place: [task.community.id], kind: task.schedule.kind, residentIds: [] })
          if (changed.place) form.setFieldsValue({ residentIds: [] })
        }}>
        {tasks.length > 0 && (
          <Form.Item name="taskId" label={L.task} extra={L.taskExtra}>
            <Select allowClear placeholder={L.noTask}
              options={tasks.map((x) => ({ value: x.id, label: `${x.schedule.name} · ${x.visitorOrg.name} → ${x.community.name}（${L.dueOn} ${x.dueOn}${x.status === 'late' ? ` · ${L.status.late}` : ''}）` }))} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={L.kindLabel} rules={[req(L.kindLabel)]}>
          <Radio.Group optionType="button" options={Object.entries(L.kind).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="mode" label={L.modeLabel} rules={[req(L.modeLabel)]}>
          <Select options={Object.entries(L.mode).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="place" label={L.place} extra={L.placeExtra} rules={[req(L.place)]}>
          <PlacePicker known={taskCommunities} />
        </Form.Item>
        <Form.Item name="residentIds" label={L.residents} extra={L.residentsExtra}>
          <ResidentPicker place={place} L={L} onPicked={(picked) => {
            if (picked.length === 0) return
            const households = new Set(picked.map((r) => `${r.org.id}|${r.household ?? r.id}`)).size
            form.setFieldsValue({ households, people: picked.length })
          }} />
        </Form.Item>
        <Form.Item name="visitedAt" label={L.visitedAt} rules={[req(L.visitedAt)]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 220 }} />
        </Form.Item>
        <Space size={24}>
          <Form.Item name="households" label={L.households} rules={[req(L.households)]}>
            <InputNumber min={0} max={10000} precision={0} />
          </Form.Item>
          <Form.Item name="people" label={L.people} rules={[req(L.people)]}>
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={L.note} extra={L.noteExtra} rules={[req(L.note), { min: 2, message: L.noteExtra }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="photoIds" label={L.photos} valuePropName="value">
          <PhotoUpload addLabel={L.addPhoto} />
        </Form.Item>
        <Form.Item label={L.location} extra={L.locationExtra}>
          <Flex gap={12} align="center" wrap>
            <Button onClick={locate} loading={locating === '…'}>{L.locate}</Button>
            <span role="status" style={{ color: locating && locating !== '…' ? '#cf1322' : '#389e0d' }}>
              {location ? L.located.replace('{m}', String(location.accuracy)) : locating !== '…' ? locating : ''}
            </span>
          </Flex>
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}

/** A visit logged in the evening or at night is a 民情夜访 by default; by day, a home visit (issue 13). */
function nightNow(): boolean {
  const hour = dayjs().hour()
  return hour >= 18 || hour < 6
}
