// 服务阵地: the venue registry (table with filters, register and edit, the venue drawer with rooms,
// rules, a week calendar and check-in QR codes), the map of every venue, and the bookings waiting
// for approval; one tab each (the tab in the address bar).
import { useSearchParams } from 'react-router'
import { Tabs, Typography } from 'antd'
import { PageTheme } from '../../common.tsx'
import { useVenueLabels } from './labels.ts'
import { VenueList } from './VenueList.tsx'
import { VenueMapTab } from './VenueMapTab.tsx'
import { Approvals } from './Approvals.tsx'
import { CoverageTab } from './Coverage.tsx'

const tabs = ['venues', 'map', 'approvals', 'coverage'] as const
type Tab = (typeof tabs)[number]

export default function VenuesPage() {
  const L = useVenueLabels()
  const [params, setParams] = useSearchParams()
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'venues'
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'venues' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'venues', label: L.tabVenues, children: <VenueList /> },
          { key: 'map', label: L.tabMap, children: <VenueMapTab /> },
          { key: 'approvals', label: L.tabApprovals, children: <Approvals /> },
          { key: 'coverage', label: L.tabCoverage, children: <CoverageTab /> },
        ]}
      />
    </PageTheme>
  )
}
