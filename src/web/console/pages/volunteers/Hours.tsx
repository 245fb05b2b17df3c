// Hours per volunteer in a year (activities checked out, no-shows) with their time-bank hours,
// the one-to-one services recorded in the time bank, and the form to record one.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { z } from 'zod'
import { api } from '../../../shared/api.ts'
import type { timeBankEntrySchema, volunteerSummarySchema } from '@server/modules/volunteers/volunteers.schemas.ts'
import { EmptyText, errorMessage, OrgSelect, PersonSelect } from '../../common.tsx'
import { FormDrawer, LoadMore, useFormSubmit } from '../visits/parts.tsx'
import { useMe } from '../../auth.tsx'
import { useVolunteerLabels } from './labels.ts'
import { useCursorList } from '../../../shared/useCursorList.ts'

type VolunteerSummary = z.infer<typeof volunteerSummarySchema>
type Entry = z.infer<typeof timeBankEntrySchema>

const thisYear = Number(dayjs().format('YYYY'))

export function Hours() {
  const L = useVolunteerLabels()
  const [year, setYear] = useState(thisYear)
  const [recording, setRecording] = useState(false)
  const volunteers = useCursorList<VolunteerSummary>(['volunteers', 'people', { year }], '/volunteers', (s) => s.set('year', String(year)), { pageSize: 100 })
  const entries = useCursorList<Entry>(['volunteers', 'timeBank'], '/time-bank/entries')
  const rows = volunteers.items.slice().sort((a, b) => b.hours - a.hours)
  const columns: ColumnsType<VolunteerSummary> = [
    { title: L.person, key: 'p', width: 120, render: (_, v) => v.person.name },
    { title: L.tabTeams, key: 't', render: (_, v) => v.teams.map((t) => t.name).join('、') || '—' },
    { title: L.skills, key: 's', render: (_, v) => v.skills.join('、') || '—' },
    { title: L.hours, dataIndex: 'hours', width: 100, sorter: (a, b) => a.hours - b.hours },
    { title: L.activitiesCount, dataIndex: 'activities', width: 90 },
    { title: L.noShows, dataIndex: 'noShows', width: 70 },
    { title: L.given, key: 'g', width: 110, render: (_, v) => v.timeBank.given },
    { title: L.received, key: 'r', width: 110, render: (_, v) => v.timeBank.received },
  ]
  const entryColumns: ColumnsType<Entry> = [
    { title: L.servedOn, dataIndex: 'servedOn', width: 110 },
    { title: L.giver, key: 'g', width: 140, render: (_, e) => e.giver.name },
    { title: L.receiver, key: 'r', width: 120, render: (_, e) => e.receiver.name },
    { title: L.serviceHours, dataIndex: 'hours', width: 110 },
    { title: L.note, dataIndex: 'note' },
    { title: L.org, key: 'o', width: 140, render: (_, e) => e.org.name },
  ]
  return (
    <div>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.year} value={year} onChange={setYear} style={{ width: 120 }}
          options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: `${thisYear - d}` }))} />
        <Button type="primary" onClick={() => setRecording(true)}>{L.recordService}</Button>
      </Flex>
      {volunteers.error && <Alert type="error" showIcon title={errorMessage(volunteers.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<VolunteerSummary> rowKey={(v) => v.person.id} columns={columns} dataSource={rows} pagination={false} size="middle" scroll={{ x: 900 }}
        loading={volunteers.isFetching && !volunteers.isFetchingNextPage} locale={{ emptyText: volunteers.isPending ? ' ' : <EmptyText>{L.emptyVolunteers}</EmptyText> }} />
      <LoadMore list={volunteers} label={L.more} />
      <Typography.Title level={4} style={{ marginTop: 32 }}>{L.entries}</Typography.Title>
      <Typography.Paragraph type="secondary">{L.recordServiceExtra}</Typography.Paragraph>
      <Table<Entry> rowKey="id" columns={entryColumns} dataSource={entries.data?.pages.flatMap((p) => p.items) ?? []} pagination={false} size="small"
        loading={entries.isFetching && !entries.isFetchingNextPage} locale={{ emptyText: entries.isPending ? ' ' : <EmptyText>{L.emptyEntries}</EmptyText> }} />
      <LoadMore list={entries} label={L.more} />
      {recording && <RecordService onClose={() => setRecording(false)} />}
    </div>
  )
}

interface EntryValues { orgId: string; giverId: string; receiverId: string; hours: number; servedOn: Dayjs; note: string }

function RecordService({ onClose }: { onClose: () => void }) {
  const L = useVolunteerLabels()
  const { message } = App.useApp()
  const me = useMe().data!
  const queryClient = useQueryClient()
  const [form] = Form.useForm<EntryValues>()
  const req = (field: string) => ({ required: true, message: L.required.replace('{field}', field) })
  const known = me.roles.map((r) => ({ value: r.orgId, label: r.orgName ?? r.orgId }))
  const { submit, error, busy } = useFormSubmit(form, () => ['orgId', 'giverId', 'receiverId', 'hours', 'servedOn', 'note'], async (v) => {
    await api('/time-bank/entries', { method: 'POST', body: { ...v, servedOn: v.servedOn.format('YYYY-MM-DD') } })
    message.success(L.recorded)
    await queryClient.invalidateQueries({ queryKey: ['volunteers'] })
    onClose()
  })
  return (
    <FormDrawer title={L.recordService} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Typography.Paragraph type="secondary">{L.recordServiceExtra}</Typography.Paragraph>
      <Form<EntryValues> form={form} layout="vertical" onFinish={submit} requiredMark="optional" initialValues={{ orgId: known[0]?.value, hours: 1, servedOn: dayjs() }}>
        <Form.Item name="orgId" label={L.org} rules={[req(L.org)]}><OrgSelect known={known} /></Form.Item>
        <Form.Item name="giverId" label={L.giver} rules={[req(L.giver)]}><PersonSelect /></Form.Item>
        <Form.Item name="receiverId" label={L.receiver} rules={[req(L.receiver)]}><PersonSelect /></Form.Item>
        <Form.Item name="hours" label={L.serviceHours} rules={[req(L.serviceHours)]}><InputNumber min={0.5} max={24} step={0.5} /></Form.Item>
        <Form.Item name="servedOn" label={L.servedOn} rules={[req(L.servedOn)]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        <Form.Item name="note" label={L.note} rules={[req(L.note)]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      </Form>
    </FormDrawer>
  )
}
