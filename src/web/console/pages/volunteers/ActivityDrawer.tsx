// Running one activity: its sign-ups with the waitlist (cancel one), the on-site check-in screen
// with the rotating QR code (it refreshes itself when the code changes), and the attendance list
// with no-shows and the organiser's hand confirmation.
import { useEffect, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Popconfirm, Select, Space, Table, Tabs, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import QRCode from 'qrcode'
import { api, type Page } from '../../../shared/api.ts'
import type { Activity, Attendance, CheckInCode, Signup } from '@server/modules/volunteers/volunteers.schemas.ts'
import { EmptyText, errorMessage, formatTime, StatusTag } from '../../common.tsx'
import { FormError, LoadMore, useFormSubmit } from '../visits/parts.tsx'
import { useVolunteerLabels } from './labels.ts'
import { PhaseTag } from './Activities.tsx'
import { useCursorList } from '../../../shared/useCursorList.ts'

export function ActivityDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const L = useVolunteerLabels()
  const activity = useQuery({ queryKey: ['volunteers', 'activity', id], queryFn: () => api<Activity>(`/activities/${id}`) })
  const a = activity.data
  return (
    <Drawer open onClose={onClose} size="large" title={a ? a.title : ' '} destroyOnHidden>
      {activity.error && <Alert type="error" showIcon title={errorMessage(activity.error)} role="alert" />}
      {a && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }} items={[
            { key: 's', label: L.status, children: <PhaseTag a={a} /> },
            { key: 't', label: L.time, children: `${formatTime(a.startsAt)} – ${dayjs(a.endsAt).format('HH:mm')}` },
            { key: 'p', label: L.place, children: a.place },
            { key: 'c', label: L.seats, children: `${a.confirmed} / ${a.capacity}（${L.waitlist} ${a.waitlisted}）` },
            ...(a.skillNeeds.length ? [{ key: 'k', label: L.skillNeeds, children: a.skillNeeds.map((n) => `${n.skill} ${n.covered}/${n.count}`).join('，') }] : []),
          ]} />
          <Tabs destroyOnHidden items={[
            { key: 'signups', label: L.signups, children: <Signups activity={a} /> },
            ...(a.status === 'published' && a.phase !== 'ended' ? [{ key: 'checkin', label: L.checkIn, children: <CheckInScreen activity={a} /> }] : []),
            { key: 'attendance', label: L.attendanceTab, children: <AttendanceList activity={a} /> },
          ]} />
        </>
      )}
    </Drawer>
  )
}

function Signups({ activity }: { activity: Activity }) {
  const L = useVolunteerLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const list = useCursorList<Signup>(['volunteers', 'signups', activity.id], `/activities/${activity.id}/signups`, undefined, { pageSize: 200 })
  const rows = list.items
  async function cancel(s: Signup) {
    try {
      await api(`/activities/${activity.id}/signups/${s.id}`, { method: 'DELETE' })
      message.success(L.saved)
      await queryClient.invalidateQueries({ queryKey: ['volunteers'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  const columns: ColumnsType<Signup> = [
    { title: L.person, key: 'person', width: 110, render: (_, s) => s.person.name },
    { title: L.skills, key: 'skills', render: (_, s) => s.skills.join('、') || '—' },
    {
      title: L.status, key: 'status', width: 150, render: (_, s) => (
        <StatusTag tone={s.status === 'confirmed' ? 'success' : s.status === 'waitlisted' ? 'warning' : 'muted'}>
          {s.status === 'waitlisted' && s.position ? L.position.replace('{n}', String(s.position)) : L.signupStatus[s.status]}
        </StatusTag>
      ),
    },
    { title: L.signedUpAt, key: 'at', width: 150, render: (_, s) => formatTime(s.signedUpAt) },
    { title: L.attendanceTab, key: 'att', width: 100, render: (_, s) => (s.attendance ? L.attendance[s.attendance.status] : '—') },
    {
      title: L.actions, key: 'actions', width: 110, render: (_, s) => s.status !== 'cancelled' && !s.attendance && activity.phase === 'upcoming' && (
        <Popconfirm title={L.cancelSignupConfirm.replace('{name}', s.person.name)} onConfirm={() => cancel(s)} okText={L.cancelSignup} cancelText={L.cancel}>
          <Button size="small" danger>{L.cancelSignup}</Button>
        </Popconfirm>
      ),
    },
  ]
  return (
    <>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} role="alert" />}
      <Table<Signup> rowKey="id" columns={columns} dataSource={rows} pagination={false} size="small"
        loading={list.isFetching && !list.isFetchingNextPage} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.emptySignups}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
    </>
  )
}

/**
 * The QR code of the phone page. Without PUBLIC_URL the server answers the page's path only (it
 * never trusts the request's Host header), and this screen completes it with the origin it was
 * itself opened at, which the organiser typed or was given.
 */
function useCheckInQr(url: string | undefined): string | null {
  const [drawn, setDrawn] = useState<{ url: string; svg: string } | null>(null)
  useEffect(() => {
    if (!url) return
    let current = true
    void QRCode.toString(new URL(url, window.location.origin).href, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => { if (current) setDrawn({ url, svg }) })
    return () => { current = false }
  }, [url])
  // The code of the current window only, never the one before it.
  return drawn && drawn.url === url ? drawn.svg : null
}

/**
 * A rotating check-in code (volunteer activities, meetings) fetched again as soon as its window
 * ends, the clock that counts it down, and its QR code.
 */
export function useRotatingCode<C extends { url: string; expiresAt: string }>(queryKey: unknown[], path: string, enabled = true) {
  const code = useQuery({
    queryKey,
    queryFn: () => api<C>(path),
    enabled,
    refetchInterval: (q) => (q.state.data ? Math.max(1_000, Date.parse(q.state.data.expiresAt) - Date.now() + 300) : 5_000),
    refetchIntervalInBackground: true,
    gcTime: 0,
  })
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [])
  return { code, now, svg: useCheckInQr(code.data?.url) }
}

/** The screen shown on site: the QR of the phone page, replaced as soon as its window ends. */
function CheckInScreen({ activity }: { activity: Activity }) {
  const L = useVolunteerLabels()
  const { code, now, svg } = useRotatingCode<CheckInCode>(['volunteers', 'code', activity.id], `/activities/${activity.id}/check-in-code`)
  const c = code.data
  return (
    <Flex vertical align="center" gap={8} style={{ padding: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{L.checkInScreen}</Typography.Title>
      {code.error && <Alert type="error" showIcon title={errorMessage(code.error)} role="alert" />}
      {c && now < Date.parse(c.checkInOpensAt) && <Alert type="info" showIcon title={L.checkInNotYet.replace('{time}', formatTime(c.checkInOpensAt))} />}
      {c && now > Date.parse(c.checkInClosesAt) && <Alert type="warning" showIcon title={L.checkInEnded} />}
      {c && svg && now >= Date.parse(c.checkInOpensAt) && (
        <>
          <img src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`} alt={L.checkIn} data-code={c.code} style={{ width: 320, height: 320 }} />
          <Typography.Text>{L.codeExpires.replace('{n}', String(Math.max(0, Math.ceil((Date.parse(c.expiresAt) - now) / 1000))))}</Typography.Text>
          <Typography.Text type="secondary">{L.codeRefresh.replace('{n}', String(c.windowSec))}</Typography.Text>
        </>
      )}
    </Flex>
  )
}

function AttendanceList({ activity }: { activity: Activity }) {
  const L = useVolunteerLabels()
  const [confirming, setConfirming] = useState(false)
  const list = useCursorList<Attendance>(['volunteers', 'attendance', activity.id], `/activities/${activity.id}/attendance`, undefined, {
    pageSize: 200,
    refetchInterval: activity.phase === 'ongoing' ? 10_000 : false,
  })
  const rows = list.items
  const noShows = rows.filter((r) => r.status === 'no_show').length
  const columns: ColumnsType<Attendance> = [
    { title: L.person, key: 'person', width: 110, render: (_, r) => r.person.name },
    { title: L.status, key: 'status', width: 100, render: (_, r) => <StatusTag tone={r.status === 'no_show' ? 'danger' : r.status === 'checked_out' ? 'success' : 'info'}>{L.attendance[r.status]}</StatusTag> },
    { title: L.checkedInAt, key: 'in', width: 140, render: (_, r) => formatTime(r.checkedInAt) },
    { title: L.checkedOutAt, key: 'out', width: 140, render: (_, r) => formatTime(r.checkedOutAt) },
    { title: L.hours, dataIndex: 'hours', width: 90, render: (h: number | null) => h ?? '—' },
    { title: L.confirmedBy, key: 'by', width: 140, render: (_, r) => (r.confirmedBy ? r.confirmedBy.name : L.method[r.method]) },
  ]
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{L.noShows}：{noShows}</Typography.Text>
        {activity.status === 'published' && activity.phase !== 'upcoming' && <Button type="primary" onClick={() => setConfirming(true)}>{L.confirmAttendance}</Button>}
      </Flex>
      {confirming && <ConfirmForm activity={activity} onDone={() => setConfirming(false)} />}
      <Table<Attendance> rowKey="id" columns={columns} dataSource={rows} pagination={false} size="small"
        loading={list.isFetching && !list.isFetchingNextPage} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.emptyAttendance}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
    </>
  )
}

interface ConfirmValues { personId: string; checkedInAt: Dayjs; checkedOutAt?: Dayjs | null }

function ConfirmForm({ activity, onDone }: { activity: Activity; onDone: () => void }) {
  const L = useVolunteerLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<ConfirmValues>()
  const signups = useQuery({ queryKey: ['volunteers', 'signups', activity.id, 'confirmed'], queryFn: () => api<Page<Signup>>(`/activities/${activity.id}/signups?status=confirmed&limit=200`) })
  const req = (field: string) => ({ required: true, message: L.required.replace('{field}', field) })
  const { submit, error, busy } = useFormSubmit(form, () => ['personId', 'checkedInAt', 'checkedOutAt'], async (v) => {
    await api(`/activities/${activity.id}/attendance`, {
      method: 'POST',
      body: { personId: v.personId, checkedInAt: v.checkedInAt.toISOString(), ...(v.checkedOutAt ? { checkedOutAt: v.checkedOutAt.toISOString() } : {}) },
    })
    message.success(L.saved)
    await queryClient.invalidateQueries({ queryKey: ['volunteers'] })
    onDone()
  })
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 16, marginBottom: 16 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{L.confirmTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{L.confirmExtra}</Typography.Paragraph>
      <FormError error={error} />
      <Form<ConfirmValues> form={form} layout="inline" onFinish={submit} initialValues={{ checkedInAt: dayjs(activity.startsAt) }}>
        <Form.Item name="personId" label={L.person} rules={[req(L.person)]}>
          <Select style={{ width: 180 }} showSearch={{ optionFilterProp: 'label' }} options={(signups.data?.items ?? []).map((s) => ({ value: s.person.id, label: s.person.name }))} />
        </Form.Item>
        <Form.Item name="checkedInAt" label={L.checkedInAt} rules={[req(L.checkedInAt)]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="checkedOutAt" label={L.checkedOutAt}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" />
        </Form.Item>
        <Space>
          <Button onClick={onDone}>{L.cancel}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>{L.save}</Button>
        </Space>
      </Form>
    </div>
  )
}
