// 单位与共建: the unit registry, Party-organisation coverage, each community's pairings (with
// its part-time committee members), the board of the four lists, and alliances; one tab each
// (the tab in the address bar).
import { useSearchParams } from 'react-router'
import { Tabs, Typography } from 'antd'
import { PageTheme } from '../../common.tsx'
import { useUnitLabels } from './labels.ts'
import { UnitList } from './UnitList.tsx'
import { Coverage } from './Coverage.tsx'
import { Pairings } from './Pairings.tsx'
import { Board } from './Board.tsx'
import { Alliances } from './Alliances.tsx'

const tabs = ['units', 'coverage', 'pairings', 'board', 'alliances'] as const
type Tab = (typeof tabs)[number]

export default function UnitsPage() {
  const L = useUnitLabels()
  const [params, setParams] = useSearchParams()
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'units'
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'units' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'units', label: L.tabUnits, children: <UnitList /> },
          { key: 'coverage', label: L.tabCoverage, children: <Coverage /> },
          { key: 'pairings', label: L.tabPairings, children: <Pairings /> },
          { key: 'board', label: L.tabBoard, children: <Board /> },
          { key: 'alliances', label: L.tabAlliances, children: <Alliances /> },
        ]}
      />
    </PageTheme>
  )
}
