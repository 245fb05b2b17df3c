// 微心愿: the moderation queue (approve, or reject with a reason), every wish in the caller's area
// by state with filters, the wish drawer with its timeline, posting a wish for a resident, and the
// figures per community; one tab each (the tab in the address bar).
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { Button, Flex, Tabs, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { PageTheme } from '../../common.tsx'
import { useWishLabels } from './labels.ts'
import { WishTable } from './WishTable.tsx'
import { WishFigures } from './WishFigures.tsx'
import { PostWishModal } from './PostWishModal.tsx'

const tabs = ['queue', 'all', 'figures'] as const
type Tab = (typeof tabs)[number]

export default function WishesPage() {
  const L = useWishLabels()
  const [params, setParams] = useSearchParams()
  const [posting, setPosting] = useState(false)
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'queue'
  return (
    <PageTheme>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setPosting(true)}>{L.post}</Button>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'queue' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'queue', label: L.tabQueue, children: <WishTable queue /> },
          { key: 'all', label: L.tabAll, children: <WishTable /> },
          { key: 'figures', label: L.tabFigures, children: <WishFigures /> },
        ]}
      />
      <PostWishModal open={posting} onClose={() => setPosting(false)} />
    </PageTheme>
  )
}
