// 协商议事: the topics board by stage (协商六议 columns), every topic with filters, the resolution
// tracker with its roll-up, and the process templates; a topic opens the drawer with its stages,
// timeline, votes and resolutions. The tab is in the address bar, an open topic too (?topic=).
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { Button, Flex, Tabs, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { PageTheme } from '../../common.tsx'
import { useDelibLabels } from './labels.ts'
import { TopicBoard, TopicTable } from './TopicBoard.tsx'
import { TopicDrawer } from './TopicDrawer.tsx'
import { ProposeModal } from './TopicModals.tsx'
import { ResolutionTracker } from './ResolutionTracker.tsx'
import { TemplatesTab } from './TemplatesTab.tsx'

const tabs = ['board', 'list', 'resolutions', 'templates'] as const
type Tab = (typeof tabs)[number]

export default function DeliberationPage() {
  const L = useDelibLabels()
  const [params, setParams] = useSearchParams()
  const [proposing, setProposing] = useState(false)
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'board'
  const topic = params.get('topic')
  const open = (id: string | null) => {
    const next = new URLSearchParams(params)
    if (id) next.set('topic', id)
    else next.delete('topic')
    setParams(next, { replace: true })
  }
  return (
    <PageTheme>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>{L.propose}</Button>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'board' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'board', label: L.tabBoard, children: <TopicBoard onOpen={open} /> },
          { key: 'list', label: L.tabList, children: <TopicTable onOpen={open} /> },
          { key: 'resolutions', label: L.tabResolutions, children: <ResolutionTracker onOpenTopic={open} /> },
          { key: 'templates', label: L.tabTemplates, children: <TemplatesTab /> },
        ]}
      />
      <TopicDrawer id={topic} onClose={() => open(null)} />
      <ProposeModal open={proposing} onClose={() => setProposing(false)} onCreated={open} />
    </PageTheme>
  )
}
