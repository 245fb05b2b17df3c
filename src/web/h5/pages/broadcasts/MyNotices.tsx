// 我的通知 /h5/notices (红喇叭): the notices sent to me, unread first. Opening one marks it read;
// a notice that asks for an answer takes it with one tap ("收到", "我参加"), and a second tap
// changes it. A withdrawn notice keeps only its title.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import type { MineItem, MinePage } from '@server/modules/broadcasts/broadcasts.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useWords, type Words } from '../../labels.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import './broadcasts.css'

const words: Words<'title' | 'empty' | 'unread' | 'unreadCount' | 'from' | 'answered' | 'withdrawn' | 'tapToRead' | 'answer' | 'noAnswer'> = {
  zh: {
    title: '我的通知', empty: '还没有通知', unread: '未读', unreadCount: '{n} 条未读', from: '{org} · {time}', answered: '已回执：{choice}',
    withdrawn: '这条通知已撤回', tapToRead: '点开查看', answer: '请点一下回执', noAnswer: '无需回执',
  },
  en: {
    title: 'My notices', empty: 'No notices yet', unread: 'Unread', unreadCount: '{n} unread', from: '{org} · {time}', answered: 'Answered: {choice}',
    withdrawn: 'This notice was withdrawn', tapToRead: 'Tap to read', answer: 'Tap once to answer', noAnswer: 'No answer needed',
  },
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '')

export default function MyNoticesPage() {
  const w = useWords(words)
  const t = useT()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const mine = useQuery({ queryKey: ['h5-broadcasts', 'mine'], queryFn: () => api<MinePage>('/broadcasts/mine?limit=100') })
  const act = async (path: string, body: unknown = {}) => {
    setError(null)
    try {
      const item = await api<MineItem>(path, { method: 'POST', body })
      queryClient.setQueryData<MinePage>(['h5-broadcasts', 'mine'], (d) => d && { ...d, items: d.items.map((x) => (x.id === item.id ? item : x)) })
      void queryClient.invalidateQueries({ queryKey: ['h5-broadcasts'] })
    } catch (err) {
      setError(errorText(err, t))
    }
  }
  const expand = (x: MineItem) => {
    setOpen(open === x.id ? null : x.id)
    if (!x.openedAt && x.state === 'sent') void act(`/broadcasts/${x.id}/open`)
  }
  return (
    <Page title={w('title')}>
      {error && <Alert>{error}</Alert>}
      {mine.isPending ? <Loading /> : mine.error ? <LoadError error={mine.error} onRetry={() => void mine.refetch()} /> : mine.data.items.length === 0 ? (
        <p className="h5-muted">{w('empty')}</p>
      ) : (
        <>
          {mine.data.unopened > 0 && <p className="h5-notice-count" role="status">{w('unreadCount', { n: mine.data.unopened })}</p>}
          <ul className="h5-list" aria-label={w('title')}>
            {mine.data.items.map((x) => (
              <li key={x.id} className={`h5-card h5-notice ${x.openedAt ? 'read' : 'unread'} ${x.state}`}>
                <button type="button" className="h5-notice-head" aria-expanded={open === x.id} onClick={() => expand(x)}>
                  {!x.openedAt && x.state === 'sent' && <span className="h5-notice-dot">{w('unread')}</span>}
                  <strong>{x.title}</strong>
                  <span className="h5-muted">{w('from', { org: x.org.name, time: when(x.sentAt) })}</span>
                </button>
                {x.state === 'withdrawn' ? <p className="h5-muted">{w('withdrawn')}</p> : open === x.id ? (
                  <div className="h5-notice-body">
                    <p>{x.body}</p>
                    {x.ackRequired ? (
                      <>
                        <p className="h5-muted">{x.ackChoice ? w('answered', { choice: x.ackChoice }) : w('answer')}</p>
                        <div className="h5-notice-answers">
                          {x.ackOptions.map((o) => (
                            <Button key={o} size="large" color={x.ackChoice === o ? 'success' : 'danger'} fill={x.ackChoice === o || (!x.ackChoice && o === x.ackOptions[0]) ? 'solid' : 'outline'}
                              onClick={() => void act(`/broadcasts/${x.id}/ack`, { choice: o })}>{o}</Button>
                          ))}
                        </div>
                      </>
                    ) : <p className="h5-muted">{w('noAnswer')}</p>}
                  </div>
                ) : x.ackChoice ? <p className="h5-notice-answered">{w('answered', { choice: x.ackChoice })}</p>
                  : x.ackRequired && x.openedAt ? <p className="h5-notice-due">{w('answer')}</p> : <p className="h5-muted">{w('tapToRead')}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  )
}
