// 民情走访: the visit log, the recurring schedules and the board of who has not done their
// visits, one tab each (the tab in the address bar).
import { useSearchParams } from 'react-router'
import { Tabs, Typography } from 'antd'
import { PageTheme } from '../../common.tsx'
import { useVisitLabels } from './labels.ts'
import { VisitLog } from './VisitLog.tsx'
import { Schedules } from './Schedules.tsx'
import { TaskBoard } from './TaskBoard.tsx'

const tabs = ['log', 'schedules', 'tasks'] as const
type Tab = (typeof tabs)[number]

export default function VisitsPage() {
  const L = useVisitLabels()
  const [params, setParams] = useSearchParams()
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'log'
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'log' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'log', label: L.tabLog, children: <VisitLog /> },
          { key: 'schedules', label: L.tabSchedules, children: <Schedules /> },
          { key: 'tasks', label: L.tabTasks, children: <TaskBoard /> },
        ]}
      />
    </PageTheme>
  )
}
