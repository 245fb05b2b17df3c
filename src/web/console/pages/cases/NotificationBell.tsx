// The bell in the console's header: the unread count (GET /notifications), kept live by the
// server's event stream (GET /events, event `notification`), the latest ones in a popover; opening
// one marks it read and follows its link.
import { useEffect, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { Badge, Button, Empty, Flex, List, Popover } from 'antd'
import { api } from '../../../shared/api.ts'
import { formatTime } from '../../common.tsx'
import { useCaseLabels } from '../../../shared/caseLabels.ts'

interface Notification {
  id: string
  kind: string
  title: string
  body: string | null
  link: string | null
  readAt: string | null
  createdAt: string
}
interface NotificationPage {
  items: Notification[]
  nextCursor: string | null
  unread: number
}

const key = ['notifications'] as const

/** One event stream per console tab; a new notification refreshes the bell and the case lists. */
function useLiveNotifications() {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const source = new EventSource('/api/v1/events', { withCredentials: true })
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: key })
      void queryClient.invalidateQueries({ queryKey: ['cases'] })
    }
    source.addEventListener('notification', refresh)
    return () => source.close()
  }, [queryClient])
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  )
}

export function NotificationBell() {
  const { L, f } = useCaseLabels()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  useLiveNotifications()
  const list = useQuery({ queryKey: key, queryFn: () => api<NotificationPage>('/notifications?limit=20'), staleTime: 30_000 })
  const unread = list.data?.unread ?? 0

  async function markRead(ids?: string[]) {
    await api('/notifications/read', { method: 'POST', body: ids ? { ids } : {} })
    await queryClient.invalidateQueries({ queryKey: key })
  }

  function openOne(n: Notification) {
    if (!n.readAt) void markRead([n.id])
    setOpen(false)
    if (n.link?.startsWith('/h5/')) window.location.assign(n.link)
    else if (n.link?.startsWith('/')) navigate(n.link)
  }

  const content = (
    <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }}>
      {list.data?.items.length ? (
        <List
          size="small"
          dataSource={list.data.items}
          renderItem={(n) => (
            <List.Item style={{ paddingInline: 0 }}>
              <button type="button" onClick={() => openOne(n)} style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}>
                <div style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</div>
                {n.body && <div style={{ color: '#434343', fontSize: 13 }}>{n.body}</div>}
                <div style={{ color: '#595959', fontSize: 12 }}>{formatTime(n.createdAt)}</div>
              </button>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ color: '#595959' }}>{L.noNotifications}</span>} />
      )}
    </div>
  )

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center">
          <span>{L.notifications}</span>
          {unread > 0 && (
            <Button size="small" type="link" onClick={() => void markRead()}>
              {L.markAllRead}
            </Button>
          )}
        </Flex>
      }
      content={content}
    >
      <Button type="text" aria-label={unread > 0 ? f(L.notificationsUnread, { n: unread }) : L.notifications}>
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellIcon />
        </Badge>
      </Button>
    </Popover>
  )
}
