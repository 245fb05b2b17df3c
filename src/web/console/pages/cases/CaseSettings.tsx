// /cases/settings (district admins and above): the two-level taxonomy with its time limits,
// revisit days and the department each category escalates to, and the working-day calendar
// the handling limits count with.
import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tabs, Typography, message } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api, ApiError } from '../../../shared/api.ts'
import type { Category } from '../../../shared/cases.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, PageTheme, StatusTag, useLabels } from '../../common.tsx'

/** A category as the server answers it (the shared contract; not copied by hand). */
type CategoryFull = Category

interface CalendarDay {
  day: string
  workday: boolean
  note: string | null
}

const L = {
  zh: {
    title: '事件类别与时限',
    tabCategories: '类别与时限',
    tabCalendar: '工作日历',
    code: '代码',
    name: '名称',
    accept: '受理时限',
    handle: '办理时限',
    revisit: '回头看',
    department: '上报部门',
    status: '状态',
    hours: (n: number) => `${n} 小时`,
    days: (n: number, working: boolean) => `${n} 个${working ? '工作日' : '自然日'}`,
    revisitDays: (n: number) => (n === 0 ? '不回头看' : `销号后 ${n} 天`),
    inherited: '同上级类别',
    active: '启用',
    inactive: '停用',
    hidden: '不公开',
    edit: '编辑',
    add: '新增类别',
    save: '保存',
    saved: '已保存',
    nameEn: '英文名称',
    acceptHours: '受理时限（小时）',
    handleDays: '办理时限（天）',
    workingDays: '按工作日计算',
    revisitDaysLabel: '销号后几天回头看（0 = 不回头看）',
    departmentLabel: '上报到的职能部门',
    publicLabel: '居民可选（随手拍、Open311）',
    activeLabel: '启用',
    codeHelp: '小写字母、数字、下划线；子类别写作“上级代码.子代码”，如 environment.garbage',
    year: '年份',
    day: '日期',
    kind: '类型',
    note: '说明',
    workday: '调休上班',
    holiday: '放假',
    addDay: '添加',
    remove: '恢复为平常',
    calendarHelp: '只列出与“周一至周五上班、周末休息”不同的日子。办理时限按工作日计算的类别会跳过放假日。',
    dayRequired: '请选择日期',
    weekday: (d: number) => `（${'日一二三四五六'[d]}）`,
  },
  en: {
    title: 'Case categories and time limits',
    tabCategories: 'Categories and limits',
    tabCalendar: 'Working-day calendar',
    code: 'Code',
    name: 'Name',
    accept: 'Accept within',
    handle: 'Handle within',
    revisit: 'Revisit',
    department: 'Department',
    status: 'Status',
    hours: (n: number) => `${n} h`,
    days: (n: number, working: boolean) => `${n} ${working ? 'working days' : 'days'}`,
    revisitDays: (n: number) => (n === 0 ? 'none' : `${n} days after closing`),
    inherited: 'as its parent',
    active: 'Active',
    inactive: 'Inactive',
    hidden: 'Not public',
    edit: 'Edit',
    add: 'New category',
    save: 'Save',
    saved: 'Saved',
    nameEn: 'English name',
    acceptHours: 'Accept within (hours)',
    handleDays: 'Handle within (days)',
    workingDays: 'Count working days',
    revisitDaysLabel: 'Revisit after closing (days; 0 = none)',
    departmentLabel: 'Department escalations go to',
    publicLabel: 'Residents may choose it (reports, Open311)',
    activeLabel: 'Active',
    codeHelp: 'Lower-case letters, digits, underscores; a subcategory is "parent.child", e.g. environment.garbage',
    year: 'Year',
    day: 'Day',
    kind: 'Kind',
    note: 'Note',
    workday: 'Make-up working day',
    holiday: 'Day off',
    addDay: 'Add',
    remove: 'Back to normal',
    calendarHelp: 'Only days that differ from "Monday to Friday working, weekends off" are listed. Categories counted in working days skip days off.',
    dayRequired: 'Choose a day',
    weekday: (d: number) => ` (${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d]})`,
  },
}

function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = Object.values(err.fieldErrors())
    return fields.length ? `${err.message}：${fields.join('；')}` : err.message
  }
  return String(err)
}

function CategoryDrawer({ category, parents, departments, onClose }: { category: CategoryFull | 'new'; parents: CategoryFull[]; departments: { value: string; label: string }[]; onClose: () => void }) {
  const t = useLabels(L)
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const isNew = category === 'new'
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      isNew
        ? api('/case-categories', { method: 'POST', body: values })
        : api(`/case-categories/${category.code}`, { method: 'PATCH', body: { ...values, code: undefined } }),
    onSuccess: async () => {
      void message.success(t.saved)
      await queryClient.invalidateQueries({ queryKey: ['case-categories'] })
      onClose()
    },
  })
  const initial = isNew ? { acceptHours: 24, handleDays: 3, workingDays: true, revisitDays: 7, public: true, active: true, sort: 0 } : category
  return (
    <Drawer open title={isNew ? t.add : `${t.edit}：${category.name}`} width={480} onClose={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate({ ...v, departmentId: v.departmentId ?? null })}>
        <Form.Item name="code" label={t.code} extra={t.codeHelp} rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]{1,30}(\.[a-z0-9_]{1,30})?$/, message: t.codeHelp }]}>
          <Input disabled={!isNew} list="case-category-parents" />
        </Form.Item>
        <datalist id="case-category-parents">{parents.map((p) => <option key={p.code} value={`${p.code}.`}>{p.name}</option>)}</datalist>
        <Form.Item name="name" label={t.name} rules={[{ required: true, max: 50 }]}><Input /></Form.Item>
        <Form.Item name="nameEn" label={t.nameEn} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Space size="large" wrap>
          <Form.Item name="acceptHours" label={t.acceptHours} rules={[{ required: true }]}><InputNumber min={1} max={720} /></Form.Item>
          <Form.Item name="handleDays" label={t.handleDays} rules={[{ required: true }]}><InputNumber min={1} max={365} /></Form.Item>
          <Form.Item name="workingDays" label={t.workingDays} valuePropName="checked"><Switch /></Form.Item>
        </Space>
        <Form.Item name="revisitDays" label={t.revisitDaysLabel} rules={[{ required: true }]}><InputNumber min={0} max={365} /></Form.Item>
        <Form.Item name="departmentId" label={t.departmentLabel}>
          <Select allowClear showSearch optionFilterProp="label" options={departments} placeholder={t.inherited} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="public" label={t.publicLabel} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="active" label={t.activeLabel} valuePropName="checked"><Switch /></Form.Item>
        </Space>
        {save.error && <Alert type="error" showIcon message={errorMessage(save.error)} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t.save}</Button>
      </Form>
    </Drawer>
  )
}

function Categories() {
  const t = useLabels(L)
  const { lang } = useI18n()
  const [editing, setEditing] = useState<CategoryFull | 'new' | null>(null)
  // Every top category starts open; the user may fold some.
  const [folded, setFolded] = useState<string[]>([])
  const categories = useQuery({ queryKey: ['case-categories', 'all'], queryFn: () => api<{ items: CategoryFull[] }>('/case-categories?all=true') })
  const departments = useQuery({ queryKey: ['orgs', 'departments'], queryFn: () => api<{ items: { id: string; name: string }[] }>('/orgs?kind=department&limit=200') })
  const departmentOptions = (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))
  const departmentName = (id: string | null) => (id ? departmentOptions.find((d) => d.value === id)?.label ?? id : null)
  const items = categories.data?.items ?? []
  const tree = items.filter((c) => !c.parentCode).map((top) => ({ ...top, key: top.code, children: items.filter((c) => c.parentCode === top.code).map((c) => ({ ...c, key: c.code })) }))
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setEditing('new')}>{t.add}</Button>
      </Space>
      {categories.error && <Alert type="error" showIcon message={errorMessage(categories.error)} />}
      <Table
        rowKey="code"
        loading={categories.isPending}
        dataSource={tree}
        pagination={false}
        expandable={{
          expandedRowKeys: tree.map((c) => c.code).filter((code) => !folded.includes(code)),
          onExpand: (open, c) => setFolded((f) => (open ? f.filter((x) => x !== c.code) : [...f, c.code])),
        }}
        locale={{ emptyText: <EmptyText>—</EmptyText> }}
        columns={[
          // Names only: the code is the system's key, entered once when a category is created (issue 13).
          { title: t.name, key: 'name', render: (_, c) => <span>{lang === 'zh' ? c.name : c.nameEn}</span> },
          { title: t.accept, key: 'accept', render: (_, c) => t.hours(c.acceptHours) },
          { title: t.handle, key: 'handle', render: (_, c) => t.days(c.handleDays, c.workingDays) },
          { title: t.revisit, key: 'revisit', render: (_, c) => t.revisitDays(c.revisitDays) },
          { title: t.department, key: 'department', render: (_, c) => departmentName(c.departmentId) ?? <EmptyText>{c.parentCode ? t.inherited : '—'}</EmptyText> },
          { title: t.status, key: 'status', render: (_, c) => <Space size={4}>{c.active ? <StatusTag tone="success">{t.active}</StatusTag> : <StatusTag tone="muted">{t.inactive}</StatusTag>}{!c.public && <StatusTag tone="muted">{t.hidden}</StatusTag>}</Space> },
          { title: '', key: 'edit', render: (_, c) => <Button size="small" onClick={() => setEditing(c)}>{t.edit}</Button> },
        ]}
      />
      {editing && <CategoryDrawer category={editing} parents={items.filter((c) => !c.parentCode)} departments={departmentOptions} onClose={() => setEditing(null)} />}
    </>
  )
}

function Calendar() {
  const t = useLabels(L)
  const queryClient = useQueryClient()
  const [year, setYear] = useState(dayjs().year())
  const [day, setDay] = useState<Dayjs | null>(null)
  const [workday, setWorkday] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const days = useQuery({ queryKey: ['calendar-days', year], queryFn: () => api<{ items: CalendarDay[] }>(`/calendar-days?year=${year}`) })
  const set = useMutation({
    mutationFn: (v: { day: string; workday: boolean | null; note?: string }) => api(`/calendar-days/${v.day}`, { method: 'PUT', body: { workday: v.workday, ...(v.note ? { note: v.note } : {}) } }),
    onSuccess: async () => {
      setError(null)
      setDay(null)
      setNote('')
      await queryClient.invalidateQueries({ queryKey: ['calendar-days'] })
    },
    onError: (err) => setError(errorMessage(err)),
  })
  return (
    <>
      <Typography.Paragraph type="secondary">{t.calendarHelp}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label={t.year} value={year} onChange={setYear} options={[-1, 0, 1].map((d) => ({ value: dayjs().year() + d, label: String(dayjs().year() + d) }))} />
        <DatePicker aria-label={t.day} value={day} onChange={setDay} />
        <Select aria-label={t.kind} value={workday} onChange={setWorkday} style={{ width: 160 }} options={[{ value: false, label: t.holiday }, { value: true, label: t.workday }]} />
        <Input aria-label={t.note} placeholder={t.note} value={note} onChange={(e) => setNote(e.target.value)} maxLength={50} style={{ width: 180 }} />
        <Button type="primary" loading={set.isPending} onClick={() => (day ? set.mutate({ day: day.format('YYYY-MM-DD'), workday, note: note.trim() || undefined }) : setError(t.dayRequired))}>{t.addDay}</Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="day"
        size="small"
        loading={days.isPending}
        dataSource={days.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyText>—</EmptyText> }}
        columns={[
          { title: t.day, dataIndex: 'day', render: (d: string) => `${d}${t.weekday(dayjs(d).day())}` },
          { title: t.kind, dataIndex: 'workday', render: (w: boolean) => (w ? <StatusTag tone="info">{t.workday}</StatusTag> : <StatusTag tone="danger">{t.holiday}</StatusTag>) },
          { title: t.note, dataIndex: 'note', render: (n: string | null) => n ?? <EmptyText>—</EmptyText> },
          { title: '', key: 'remove', render: (_, d) => <Button size="small" onClick={() => set.mutate({ day: d.day, workday: null })}>{t.remove}</Button> },
        ]}
      />
    </>
  )
}

export default function CaseSettingsPage() {
  const t = useLabels(L)
  return (
    <PageTheme>
      <Typography.Title level={3}>{t.title}</Typography.Title>
      <Tabs items={[{ key: 'categories', label: t.tabCategories, children: <Categories /> }, { key: 'calendar', label: t.tabCalendar, children: <Calendar /> }]} />
    </PageTheme>
  )
}
