// 红色帮办: the errands of the caller's desks (a list by state, level and desk with overdue marks,
// the errand drawer with its checklist, steps, timeline and actions, registering an errand for a
// visitor) and the figures by level and desk; one tab each.
import { useSearchParams } from 'react-router'
import { Tabs, Typography } from 'antd'
import { PageTheme } from '../../common.tsx'
import { useErrandLabels } from './labels.ts'
import { ErrandList } from './ErrandList.tsx'
import { ErrandFiguresTab } from './ErrandFigures.tsx'

export default function ErrandsPage() {
  const L = useErrandLabels()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'figures' ? 'figures' : 'list'
  return (
    <PageTheme>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'list' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'list', label: L.tabList, children: <ErrandList /> },
          { key: 'figures', label: L.tabFigures, children: <ErrandFiguresTab /> },
        ]}
      />
    </PageTheme>
  )
}
