// The task board: per visiting unit, how many visits are done, pending and late, and the tasks
// themselves; a late task (past its deadline, not done) shows in red.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, DatePicker, Flex, Select, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Dayjs } from 'dayjs'
import { api } from '../../../shared/api.ts'
import type { TaskStatus, VisitTask } from '@server/modules/visits/visits.schemas.ts'
import { EmptyText, errorMessage, StatusTag, type Tone } from '../../common.tsx'
import { useVisitLabels } from './labels.ts'
import { LoadMore } from './parts.tsx'
import { useCursorList } from '../../../shared/useCursorList.ts'

const tone: Record<TaskStatus, Tone> = { done: 'success', pending: 'info', late: 'danger' }
type SummaryRow = { visitorOrg: { id: string; name: string }; done: number; pending: number; late: number }

export function TaskBoard() {
  const L = useVisitLabels()
  const [status, setStatus] = useState<TaskStatus | undefined>()
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null)
  const dates = new URLSearchParams()
  if (range?.[0]) dates.set('dueFrom', range[0].format('YYYY-MM-DD'))
  if (range?.[1]) dates.set('dueTo', range[1].format('YYYY-MM-DD'))
  const summary = useQuery({ queryKey: ['visits', 'summary', dates.toString()], queryFn: () => api<{ items: SummaryRow[] }>(`/visit-tasks/summary?${dates}`) })
  const list = useCursorList<VisitTask>(['visits', 'tasks', status, dates.toString()], '/visit-tasks', (s) => {
    for (const [k, v] of dates) s.set(k, v)
    if (status) s.set('status', status)
  }, { pageSize: 100 })
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  const lateText = (n: number) => <span style={n ? { color: '#a8071a', fontWeight: 600 } : undefined}>{n}</span>

  const summaryColumns: ColumnsType<SummaryRow> = [
    { title: L.visitorOrg, key: 'org', render: (_, r) => r.visitorOrg.name },
    { title: L.done, dataIndex: 'done', width: 100 },
    { title: L.pending, dataIndex: 'pending', width: 100 },
    { title: L.late, dataIndex: 'late', width: 100, render: lateText },
  ]
  const columns: ColumnsType<VisitTask> = [
    { title: L.visitorOrg, key: 'org', width: 200, render: (_, x) => x.visitorOrg.name },
    { title: L.community, key: 'community', width: 160, render: (_, x) => x.community.name },
    { title: L.schedule, key: 'schedule', render: (_, x) => `${x.schedule.name}（${L.kind[x.schedule.kind]}）` },
    { title: L.dueOn, dataIndex: 'dueOn', width: 120 },
    { title: L.deadline, dataIndex: 'deadline', width: 120, render: (d: string, x) => (x.status === 'late' ? <span style={{ color: '#a8071a', fontWeight: 600 }}>{d}</span> : d) },
    { title: L.statusLabel, dataIndex: 'status', width: 110, render: (s: TaskStatus) => <StatusTag tone={tone[s]}>{L.status[s]}</StatusTag> },
  ]
  return (
    <div>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.filterStatus} placeholder={L.allStatus} allowClear value={status} onChange={setStatus} style={{ width: 160 }}
          options={Object.entries(L.status).map(([value, label]) => ({ value, label }))} />
        <DatePicker.RangePicker aria-label={L.dueOn} value={range} onChange={(v) => setRange(v)} placeholder={[L.dueOn, L.dueOn]} />
      </Flex>
      {(summary.error || list.error) && <Alert type="error" showIcon title={errorMessage(summary.error ?? list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Card title={L.summary} size="small" style={{ marginBottom: 16 }}>
        <Table<SummaryRow> rowKey={(r) => r.visitorOrg.id} columns={summaryColumns} dataSource={summary.data?.items ?? []} pagination={false} size="small"
          loading={summary.isFetching} locale={{ emptyText: summary.isPending ? ' ' : <EmptyText>{L.emptyTasks}</EmptyText> }} />
      </Card>
      <Table<VisitTask> rowKey="id" columns={columns} dataSource={rows} pagination={false} size="middle" scroll={{ x: 900 }}
        rowClassName={(x) => (x.status === 'late' ? 'visit-task-late' : '')}
        loading={list.isFetching && !list.isFetchingNextPage} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.emptyTasks}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
    </div>
  )
}
