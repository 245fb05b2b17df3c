// 学习教育: the organisation's study courses (党史学习教育, 书记培训…) and their sessions; cadres add
// courses and sessions and record attendance (present with hours, or absent with a reason) for
// the organisation's members; members' hours of the year.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Table } from 'antd'
import type { z } from 'zod'
import type { courseSchema, courseSummarySchema, memberSchema, sessionSchema, studyHoursSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage, formatTime, linkStyle } from '../../common.tsx'
import { courseKindWords, usePartyLifeLabels } from './labels.ts'

type Course = z.infer<typeof courseSchema>
type Session = z.infer<typeof sessionSchema>
type Row = { personId: string; name: string; present: boolean; hours?: number; absenceReason?: string }

function AttendanceDrawer({ partyOrgId, sessionId, canManage, onClose }: { partyOrgId: string; sessionId: string; canManage: boolean; onClose: () => void }) {
  const L = usePartyLifeLabels()
  const queryClient = useQueryClient()
  const session = useQuery({ queryKey: ['party-life', 'session', sessionId], queryFn: () => api<Session>(`/study-sessions/${sessionId}`) })
  const members = useQuery({ queryKey: ['party-life', 'members', partyOrgId], queryFn: () => api<z.infer<typeof memberSchema>[]>(`/party-orgs/${partyOrgId}/members`) })
  const [edits, setEdits] = useState<Record<string, Row>>({})
  const [error, setError] = useState<string | null>(null)
  const rows: Row[] = (members.data ?? []).map((m) => {
    const had = session.data?.attendance.find((a) => a.person.id === m.person.id)
    return edits[m.person.id] ?? { personId: m.person.id, name: m.person.name, present: had?.present ?? true, hours: had?.present ? had.hours : undefined, absenceReason: had?.absenceReason ?? undefined }
  })
  const set = (r: Row, patch: Partial<Row>) => setEdits({ ...edits, [r.personId]: { ...r, ...patch } })
  const save = async () => {
    setError(null)
    try {
      await api(`/study-sessions/${sessionId}/attendance`, { method: 'POST', body: { entries: rows.map((r) => ({ personId: r.personId, present: r.present, hours: r.present ? r.hours : undefined, absenceReason: r.present ? undefined : r.absenceReason })) } })
      await queryClient.invalidateQueries({ queryKey: ['party-life'] })
      onClose()
    } catch (err) { setError(errorMessage(err)) }
  }
  return (
    <Drawer open title={`${session.data?.course ?? ''} · ${session.data?.title ?? ''} · ${L.attendance}`} onClose={onClose} size={720}
      extra={canManage && <Button type="primary" onClick={() => void save()}>{L.save}</Button>}>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Table rowKey="personId" size="small" pagination={false} dataSource={rows}
        columns={[
          { title: L.person, dataIndex: 'name' },
          { title: L.present, key: 'p', width: 70, render: (_, r) => <Checkbox aria-label={`${r.name} ${L.present}`} disabled={!canManage} checked={r.present} onChange={(e) => set(r, { present: e.target.checked })} /> },
          { title: L.hours, key: 'h', width: 110, render: (_, r) => (r.present ? <InputNumber aria-label={`${r.name} ${L.hours}`} disabled={!canManage} size="small" min={0.5} max={24} step={0.5} placeholder={String(session.data?.hours ?? '')} value={r.hours} onChange={(v) => set(r, { hours: v ?? undefined })} /> : '—') },
          { title: L.absenceReason, key: 'r', render: (_, r) => (r.present ? '' : <Input aria-label={`${r.name} ${L.absenceReason}`} disabled={!canManage} size="small" maxLength={200} value={r.absenceReason} onChange={(e) => set(r, { absenceReason: e.target.value })} />) },
        ]} />
    </Drawer>
  )
}

function CourseCard({ partyOrgId, courseId, canManage, onOpen }: { partyOrgId: string; courseId: string; canManage: boolean; onOpen: (id: string) => void }) {
  const L = usePartyLifeLabels()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const found = useQuery({ queryKey: ['party-life', 'course', courseId], queryFn: () => api<Course>(`/study-courses/${courseId}`) })
  const add = async (v: { title: string; when: { toISOString(): string }; hours: number; teacher?: string }) => {
    setError(null)
    try {
      await api(`/study-courses/${courseId}/sessions`, { method: 'POST', body: { title: v.title, startsAt: v.when.toISOString(), hours: v.hours, teacher: v.teacher || undefined } })
      form.resetFields()
      await queryClient.invalidateQueries({ queryKey: ['party-life'] })
    } catch (err) { setError(errorMessage(err)) }
  }
  return (
    <>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
      <Table rowKey="id" size="small" pagination={false} dataSource={found.data?.sessions ?? []} locale={{ emptyText: <EmptyText>—</EmptyText> }}
        columns={[
          { title: L.sessions, key: 't', render: (_, s) => <Button type="link" style={{ ...linkStyle, padding: 0 }} onClick={() => onOpen(s.id)}>{s.title}</Button> },
          { title: L.time, key: 'w', width: 150, render: (_, s) => formatTime(s.startsAt) },
          { title: L.hours, dataIndex: 'hours', width: 60 },
          { title: L.teacher, key: 'teacher', width: 100, render: (_, s) => s.teacher ?? '—' },
          { title: `${L.present}/${L.absent}`, key: 'pa', width: 90, render: (_, s) => `${s.present}/${s.absent}` },
        ]} />
      {canManage && (
        <Form form={form} layout="inline" style={{ marginTop: 8 }} initialValues={{ hours: 2 }} onFinish={(v) => void add(v)}>
          <Form.Item name="title" rules={[{ required: true, min: 2, message: L.sessions }]}><Input placeholder={L.sessions} aria-label={L.sessions} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="when" rules={[{ required: true, message: L.time }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" aria-label={L.time} /></Form.Item>
          <Form.Item name="hours"><InputNumber min={0.5} max={24} step={0.5} aria-label={L.hours} addonAfter={L.hours} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="teacher"><Input placeholder={L.teacher} aria-label={L.teacher} style={{ width: 110 }} /></Form.Item>
          <Button htmlType="submit">{L.addSession}</Button>
        </Form>
      )}
    </>
  )
}

export function StudyTab({ partyOrgId, year, canManage }: { partyOrgId: string; year: number; canManage: boolean }) {
  const L = usePartyLifeLabels()
  const { lang } = useI18n()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [session, setSession] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const courses = useQuery({ queryKey: ['party-life', 'courses', partyOrgId, year], queryFn: () => api<z.infer<typeof courseSummarySchema>[]>(`/study-courses?orgId=${partyOrgId}&year=${year}`) })
  const hours = useQuery({ queryKey: ['party-life', 'hours', partyOrgId, year], queryFn: () => api<z.infer<typeof studyHoursSchema>>(`/party-orgs/${partyOrgId}/study-hours?year=${year}`) })
  const create = async (v: { title: string; kind: string }) => {
    setError(null)
    try {
      await api('/study-courses', { method: 'POST', body: { orgId: partyOrgId, kind: v.kind, title: v.title, year } })
      form.resetFields(['title'])
      await queryClient.invalidateQueries({ queryKey: ['party-life'] })
    } catch (err) { setError(errorMessage(err)) }
  }
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {canManage && (
        <Form form={form} layout="inline" initialValues={{ kind: 'party_history' }} onFinish={(v) => void create(v)}>
          <Form.Item name="kind"><Select aria-label={L.courseKind} style={{ width: 150 }} options={Object.entries(courseKindWords).map(([k, v]) => ({ value: k, label: v[lang] }))} /></Form.Item>
          <Form.Item name="title" rules={[{ required: true, min: 2, message: L.courseTitle }]}><Input placeholder={L.courseTitle} aria-label={L.courseTitle} style={{ width: 260 }} /></Form.Item>
          <Button type="primary" htmlType="submit">{L.newCourse}</Button>
        </Form>
      )}
      {(error || courses.error) && <Alert type="error" showIcon title={error ?? errorMessage(courses.error)} role="alert" />}
      {(courses.data ?? []).map((c) => (
        <Card key={c.id} size="small" title={`${c.title}（${courseKindWords[c.kind][lang]}）`} extra={`${c.sessions} ${L.sessions} · ${c.hours} ${L.hours}`}>
          <CourseCard partyOrgId={partyOrgId} courseId={c.id} canManage={canManage} onOpen={setSession} />
        </Card>
      ))}
      <Card size="small" title={`${L.memberHours} · ${year}`}>
        <Table rowKey={(m) => m.person.id} size="small" dataSource={hours.data?.members ?? []} pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[{ title: L.person, key: 'n', render: (_, m) => m.person.name }, { title: L.sessions, dataIndex: 'sessions', width: 80 }, { title: L.hours, dataIndex: 'hours', width: 80 }]} />
      </Card>
      {session && <AttendanceDrawer partyOrgId={partyOrgId} sessionId={session} canManage={canManage} onClose={() => setSession(null)} />}
    </Space>
  )
}
