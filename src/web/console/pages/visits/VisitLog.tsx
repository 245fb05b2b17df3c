// The visit log (newest first, page by page) and the drawer to log a visit, optionally against
// one of the caller's open tasks.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Cascader, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Space, Table } from 'antd'
import { useNavigate } from 'react-router'
import { useCategoryTree } from '../cases/parts.tsx'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { api, type Page } from '../../../shared/api.ts'
import type { Visit, VisitTask } from '@server/modules/visits/visits.schemas.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect } from '../../common.tsx'
import { FormDrawer, LoadMore, useFormSubmit } from './parts.tsx'
import { useMe } from '../../auth.tsx'
import { useVisitLabels } from './labels.ts'
import { useCursorList } from '../../../shared/useCursorList.ts'

const PAGE_SIZE = 50

export function VisitLog() {
  const L = useVisitLabels()
  const [kind, setKind] = useState<string | undefined>()
  const [open, setOpen] = useState(false)
  const [reporting, setReporting] = useState<Visit | null>(null)
  const list = useCursorList<Visit>(['visits', 'list', { kind }], '/visits', (s) => {
    if (kind) s.set('kind', kind)
  }, { pageSize: PAGE_SIZE })
  const rows = list.items
  const columns: ColumnsType<Visit> = [
    { title: L.visitedAt, dataIndex: 'visitedAt', width: 150, render: (v: string) => formatTime(v) },
    { title: L.kindLabel, key: 'kind', width: 150, render: (_, v) => `${L.kind[v.kind]} · ${L.mode[v.mode]}` },
    { title: L.place, key: 'place', width: 200, render: (_, v) => (v.community && v.community.id !== v.org.id ? `${v.community.name} › ${v.org.name}` : v.org.name) },
    { title: L.visitor, key: 'visitor', width: 180, render: (_, v) => (v.visitorOrg ? `${v.visitor.name}（${v.visitorOrg.name}）` : v.visitor.name) },
    { title: `${L.households} / ${L.people}`, key: 'counts', width: 120, render: (_, v) => `${v.households} / ${v.people}` },
    { title: L.note, dataIndex: 'note', ellipsis: true },
    { title: L.actions, key: 'actions', width: 120, render: (_, v) => <Button size="small" onClick={() => setReporting(v)}>{L.toCase}</Button> },
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.filterKind} placeholder={L.allKinds} allowClear value={kind} onChange={setKind} style={{ width: 160 }}
          options={Object.entries(L.kind).map(([value, label]) => ({ value, label }))} />
        <Button type="primary" onClick={() => setOpen(true)}>{L.newVisit}</Button>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Visit> rowKey="id" columns={columns} dataSource={rows} pagination={false} size="middle" scroll={{ x: 900 }}
        loading={list.isFetching && !list.isFetchingNextPage} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.emptyLog}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
      <NewVisitDrawer open={open} onClose={() => setOpen(false)} />
      {reporting && <VisitCaseDrawer visit={reporting} onClose={() => setReporting(null)} />}
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
  orgId: string
  visitedAt: Dayjs
  households: number
  people: number
  note: string
}

const FIELD_PATHS = ['kind', 'mode', 'taskId', 'orgId', 'visitedAt', 'households', 'people', 'note', 'visitorOrgId']

function NewVisitDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = useVisitLabels()
  const { message } = App.useApp()
  const me = useMe().data!
  const queryClient = useQueryClient()
  const [form] = Form.useForm<VisitForm>()
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
  const knownOrgs = [...new Map([
    ...me.roles.map((r) => [r.orgId, r.orgName ?? r.orgId] as const),
    ...tasks.map((x) => [x.community.id, x.community.name] as const),
  ])].map(([value, label]) => ({ value, label }))

  const { submit, error, busy } = useFormSubmit(form, () => FIELD_PATHS, async (v) => {
    await api<Visit>('/visits', {
      method: 'POST',
      body: { kind: v.kind, mode: v.mode, orgId: v.orgId, visitedAt: v.visitedAt.toISOString(), households: v.households, people: v.people, note: v.note, ...(v.taskId ? { taskId: v.taskId } : {}) },
    })
    message.success(L.saved)
    form.resetFields()
    await queryClient.invalidateQueries({ queryKey: ['visits'] })
    onClose()
  })

  return (
    <FormDrawer title={L.newVisit} open={open} onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form<VisitForm> form={form} layout="vertical" onFinish={submit} requiredMark="optional"
        initialValues={{ kind: nightNow() ? 'night' : 'home', mode: 'active', visitedAt: dayjs(), households: 1, people: 1 }}
        onValuesChange={(changed: Partial<VisitForm>) => {
          const task = changed.taskId ? tasks.find((x) => x.id === changed.taskId) : undefined
          if (task) form.setFieldsValue({ orgId: task.community.id, kind: task.schedule.kind })
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
        <Form.Item name="orgId" label={L.place} extra={L.placeExtra} rules={[req(L.place)]}>
          <OrgSelect known={knownOrgs} />
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
      </Form>
    </FormDrawer>
  )
}

/** A visit logged in the evening or at night is a 民情夜访 by default; by day, a home visit (issue 13). */
function nightNow(): boolean {
  const hour = dayjs().hour()
  return hour >= 18 || hour < 6
}
