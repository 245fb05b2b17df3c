// 红喇叭: the notices sent in the caller's area with their receipt counts (a row opens the notice
// with its receipt table, unopened first, and its follow-ups), composing a notice, and the figures
// per community over a period ("calls −90 %" as a number); one tab each (the tab in the address bar).
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { Button, Flex, Tabs, Typography } from 'antd'
import { SoundOutlined } from '@ant-design/icons'
import { PageTheme } from '../../common.tsx'
import { useBroadcastLabels } from './labels.ts'
import { BroadcastList } from './BroadcastList.tsx'
import { CommunityFigures } from './CommunityFigures.tsx'
import { ComposeModal } from './ComposeModal.tsx'
import { BroadcastDrawer } from './BroadcastDrawer.tsx'

const tabs = ['notices', 'figures'] as const
type Tab = (typeof tabs)[number]

export default function BroadcastsPage() {
  const L = useBroadcastLabels()
  const [params, setParams] = useSearchParams()
  const [composing, setComposing] = useState(false)
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'notices'
  const openId = params.get('id')
  const setOpen = (id: string | null) => setParams(id ? { id } : tab === 'notices' ? {} : { tab }, { replace: true })
  return (
    <PageTheme>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        <Button type="primary" icon={<SoundOutlined />} onClick={() => setComposing(true)}>{L.compose}</Button>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'notices' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'notices', label: L.tabNotices, children: <BroadcastList onOpen={setOpen} /> },
          { key: 'figures', label: L.tabFigures, children: <CommunityFigures /> },
        ]}
      />
      <ComposeModal open={composing} onClose={(id) => { setComposing(false); if (id) setOpen(id) }} />
      <BroadcastDrawer id={openId} onClose={() => setOpen(null)} />
    </PageTheme>
  )
}
