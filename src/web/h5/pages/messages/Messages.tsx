// 消息 /h5/messages: what Linli told me (a case I reported moved on, a task for me, a reminder),
// newest first, unread ones marked; opening one marks it read and goes to the page of what it is
// about (a case, an order, an errand, a wish, an activity, a booking: links.ts). "有进展会通知您"
// now leads here.
import { Link } from 'react-router'
import { Button } from 'antd-mobile'
import { useQueryClient } from '@tanstack/react-query'
import { api } from '../../../shared/api.ts'
import { useCursorList } from '../../../shared/useCursorList.ts'
import { useT } from '../../labels.ts'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { BottomTabs } from '../../tabs.tsx'
import { phonePathOf } from './links.ts'

interface Notification {
  id: string
  kind: string
  title: string
  body: string | null
  link: Record<string, string>
  readAt: string | null
  createdAt: string
}

function when(iso: string): string {
  const d = new Date(iso)
  return `${d.getMonth() + 1}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

export default function MessagesPage() {
  const t = useT()
  const qc = useQueryClient()
  const list = useCursorList<Notification, { items: Notification[]; nextCursor: string | null; unread: number }>(['notifications', 'h5'], '/notifications', undefined, { pageSize: 30 })
  const unread = list.data?.pages[0]?.unread ?? 0

  async function markRead(ids?: string[]) {
    await api('/notifications/read', { method: 'POST', body: ids ? { ids } : {} })
    await qc.invalidateQueries({ queryKey: ['notifications'] })
  }

  return (
    <>
      <Page title={t('tabMessages')} back={false}>
        {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : (
          <>
            <div className="h5-messages-head">
              <span className="h5-muted" role="status">{unread > 0 ? t('unreadN', { n: unread }) : t('allRead')}</span>
              {unread > 0 && <Button size="small" fill="outline" onClick={() => void markRead()}>{t('markAllRead')}</Button>}
            </div>
            {list.items.length === 0 ? <p className="h5-card h5-muted">{t('noMessages')}</p> : (
              <ul className="h5-list" aria-label={t('tabMessages')}>
                {list.items.map((n) => {
                  const to = phonePathOf(n)
                  const content = (
                    <>
                      <span className="h5-row-title">{!n.readAt && <span className="h5-unread-dot" aria-label={t('unread')} />}{n.title}</span>
                      {n.body && <span className="h5-row-desc">{n.body}</span>}
                      <span className="h5-row-desc">{when(n.createdAt)}</span>
                    </>
                  )
                  return (
                    <li key={n.id} className={`h5-card h5-message${n.readAt ? '' : ' h5-message-unread'}`}>
                      {to ? <Link className="h5-row-text" to={to} onClick={() => { if (!n.readAt) void markRead([n.id]) }}>{content}</Link> : <div className="h5-row-text">{content}</div>}
                    </li>
                  )
                })}
              </ul>
            )}
            {list.hasNextPage && <Button block size="large" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('more')}</Button>}
          </>
        )}
      </Page>
      <BottomTabs />
    </>
  )
}
