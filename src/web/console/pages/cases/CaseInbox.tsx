// 事件处置: the inbox. Tabs as a work-order system has them: all my to-do and each step of it
// (待受理 / 待办理 / 待验收 / 待回访, with counts), my scope, overdue; the filters in the address bar,
// newest first, 20 a page with the total (keyset cursors underneath); an overdue case shows its deadline in red.
import { Link, useNavigate, useSearchParams } from 'react-router'
import { Alert, Badge, Button, Flex, Table, Tabs, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import type { TodoCounts } from '@server/modules/cases/cases.schemas.ts'
import { api } from '../../../shared/api.ts'
import type { ColumnsType } from 'antd/es/table'
import { EmptyText, errorMessage, formatTime, linkStyle, PageTheme } from '../../common.tsx'
import { filterQuery, type Case } from '../../../shared/cases.ts'
import { useCaseLabels } from '../../../shared/caseLabels.ts'
import { apiFilter, CaseFilterBar, Deadline, StateTag, useCaseFilter } from './parts.tsx'
import { CaseStatsCard } from './CaseStats.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'

const steps = ['accept', 'handle', 'verify', 'revisit'] as const
const tabs = ['mine', ...steps, 'scope', 'overdue'] as const
type Tab = (typeof tabs)[number]
const isStep = (t: Tab): t is (typeof steps)[number] => (steps as readonly string[]).includes(t)

export default function CaseInboxPage() {
  return (
    <PageTheme>
      <CaseInbox />
    </PageTheme>
  )
}

function CaseInbox() {
  const { L } = useCaseLabels()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'mine'
  const [filter, set, clear] = useCaseFilter()
  // 我的待办 holds exactly what waits for the caller: to accept, to handle, to verify or close, to revisit.
  const todoTab = tab === 'mine' || isStep(tab)
  // The to-do holds everything waiting for the caller, wherever: a home scope by default does not narrow it.
  const { orgDefaulted, ...chosen } = filter
  const query = apiFilter({ ...chosen, orgId: todoTab && orgDefaulted ? undefined : chosen.orgId, box: todoTab ? 'todo' : 'scope', step: isStep(tab) ? tab : undefined, overdue: tab === 'overdue' ? true : undefined })
  const todo = useQuery({ queryKey: ['cases', 'todo-counts'], queryFn: () => api<TodoCounts>('/cases/todo-counts') })

  const list = useCursorPages<Case>(['cases', 'list', query], '/cases', (s) => {
    for (const [k, v] of filterQuery(query)) s.set(k, v)
  })
  const rows = list.items

  const columns: ColumnsType<Case> = [
    { title: L.id, dataIndex: 'id', width: 80, render: (id: string) => <Link to={`/cases/${id}`} style={linkStyle}>#{id}</Link> },
    { title: L.category, dataIndex: 'categoryName', width: 130 },
    {
      title: L.description,
      dataIndex: 'description',
      ellipsis: true,
      render: (d: string, c) => (
        <Link to={`/cases/${c.id}`} style={{ color: 'inherit' }} title={d}>
          {d}
        </Link>
      ),
    },
    { title: L.state, dataIndex: 'state', width: 130, render: (_, c) => <StateTag state={c.state} /> },
    {
      title: L.handler,
      key: 'handler',
      width: 170,
      render: (_, c) => (
        <>
          <div>{c.handlingOrgName}</div>
          <div style={{ color: '#595959', fontSize: 12 }}>{c.assignee?.name ?? c.gridName}</div>
        </>
      ),
    },
    { title: L.reported, dataIndex: 'createdAt', width: 140, render: (v: string) => formatTime(v) },
    { title: L.deadline, key: 'deadline', width: 210, render: (_, c) => <Deadline c={c} /> },
  ]

  const stepLabel = { accept: L.tabAccept, handle: L.tabHandle, verify: L.tabVerify, revisit: L.tabRevisit }
  const counted = (label: string, n: number | undefined) => (
    <span>{label} <Badge count={n ?? 0} showZero={false} size="small" overflowCount={999} color={n ? '#c8102e' : undefined} style={{ marginInlineStart: 2 }} /></span>
  )
  const tabItems = tabs.map((k) => ({
    key: k,
    label: k === 'mine' ? counted(L.tabMine, todo.data?.total) : isStep(k) ? counted(stepLabel[k], todo.data?.[k]) : k === 'scope' ? L.tabScope : L.tabOverdue,
  }))

  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{L.title}</Typography.Title>
        <Button onClick={() => navigate(`/cases/map?${new URLSearchParams([...params].filter(([k]) => k !== 'tab'))}`)}>{L.showMap}</Button>
      </Flex>
      <CaseStatsCard compact />
      <Tabs
        activeKey={tab}
        items={tabItems}
        onChange={(k) => {
          const next = new URLSearchParams(params)
          next.set('tab', k)
          setParams(next, { replace: true })
        }}
      />
      <CaseFilterBar filter={filter} set={set} clear={clear} />
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Case>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={list.pagination}
        size="middle"
        onRow={(c) => ({ style: c.overdue ? { background: '#fff1f0' } : undefined, 'data-overdue': c.overdue ? 'true' : undefined } as React.HTMLAttributes<HTMLElement>)}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }}
        scroll={{ x: 960 }}
      />
    </div>
  )
}
