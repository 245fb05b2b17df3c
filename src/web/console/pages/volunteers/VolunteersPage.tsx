// 志愿服务: activities (with the on-site check-in screen), teams, and hours with the time bank,
// one tab each (the tab in the address bar).
import { useSearchParams } from 'react-router'
import { Tabs, Typography } from 'antd'
import { PageTheme } from '../../common.tsx'
import { useVolunteerLabels } from './labels.ts'
import { Activities } from './Activities.tsx'
import { Teams } from './Teams.tsx'
import { Hours } from './Hours.tsx'

const tabs = ['activities', 'teams', 'hours'] as const
type Tab = (typeof tabs)[number]

export default function VolunteersPage() {
  const L = useVolunteerLabels()
  const [params, setParams] = useSearchParams()
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'activities'
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'activities' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'activities', label: L.tabActivities, children: <Activities /> },
          { key: 'teams', label: L.tabTeams, children: <Teams /> },
          { key: 'hours', label: L.tabHours, children: <Hours /> },
        ]}
      />
    </PageTheme>
  )
}
