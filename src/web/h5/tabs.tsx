// The bottom tab bar of the phone's main pages, as city apps have it: 首页 / 办事 / 消息 / 我的.
// 消息 carries the unread count; 消息 and 我的 ask a visitor to log in first.
import { useLocation, useNavigate } from 'react-router'
import { Badge, TabBar } from 'antd-mobile'
import { AppOutline, AppstoreOutline, MessageOutline, UserOutline } from 'antd-mobile-icons'
import { useQuery } from '@tanstack/react-query'
import { api } from '../shared/api.ts'
import { useSignedIn } from './session.tsx'
import { useT } from './labels.ts'

export const TAB_PATHS = ['/', '/services', '/messages', '/me'] as const

export function BottomTabs() {
  const t = useT()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const { me } = useSignedIn()
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api<{ unread: number }>('/notifications?limit=1', { quiet401: true }),
    enabled: !!me,
    refetchInterval: 60_000,
  })
  const n = unread.data?.unread ?? 0
  const tabs = [
    { key: '/', title: t('tabHome'), icon: <AppOutline /> },
    { key: '/services', title: t('tabServices'), icon: <AppstoreOutline /> },
    { key: '/messages', title: t('tabMessages'), icon: <Badge content={n > 0 ? (n > 99 ? '99+' : String(n)) : null}><MessageOutline /></Badge> },
    { key: '/me', title: t('tabMe'), icon: <UserOutline /> },
  ]
  return (
    <nav className="h5-tabbar" aria-label={t('tabsLabel')}>
      <TabBar activeKey={(TAB_PATHS as readonly string[]).includes(pathname) ? pathname : null} onChange={(key) => navigate(key)} safeArea>
        {tabs.map((tab) => <TabBar.Item key={tab.key} icon={tab.icon} title={tab.title} aria-label={tab.key === '/messages' && n > 0 ? `${tab.title} ${t('unreadN', { n })}` : tab.title} />)}
      </TabBar>
    </nav>
  )
}
