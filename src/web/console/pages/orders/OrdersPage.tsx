// 服务订单: the order board, the service catalogue, one-button devices and the figures; one tab
// each (the tab in the address bar).
import { useSearchParams } from 'react-router'
import { Tabs, Typography } from 'antd'
import { PageTheme } from '../../common.tsx'
import { useOrderLabels } from './labels.ts'
import { OrderBoard } from './OrderBoard.tsx'
import { Catalogue } from './Catalogue.tsx'
import { Devices } from './Devices.tsx'
import { FiguresTab } from './Figures.tsx'

const tabs = ['board', 'catalogue', 'devices', 'figures'] as const
type Tab = (typeof tabs)[number]

export default function OrdersPage() {
  const L = useOrderLabels()
  const [params, setParams] = useSearchParams()
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'board'
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'board' ? {} : { tab: k }, { replace: true })} destroyOnHidden
        items={[
          { key: 'board', label: L.tabBoard, children: <OrderBoard /> },
          { key: 'catalogue', label: L.tabCatalogue, children: <Catalogue /> },
          { key: 'devices', label: L.tabDevices, children: <Devices /> },
          { key: 'figures', label: L.tabFigures, children: <FiguresTab /> },
        ]} />
    </PageTheme>
  )
}
