// On every phone page: reports saved without a connection are sent when the phone comes back
// online (and on the next visit), with a banner "待发送 N 条" at the bottom until they are gone.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import { useI18n } from '../../../shared/i18n.tsx'
import { discardDraft, draftsSnapshot, sendDrafts, subscribeDrafts } from './outbox.ts'
import { useCT } from './labels.ts'
import './cases.css'

const noDrafts: never[] = []

export function PendingReports() {
  const t = useCT()
  const { lang } = useI18n()
  const queryClient = useQueryClient()
  const drafts = useSyncExternalStore(subscribeDrafts, draftsSnapshot, () => noDrafts)
  const [sending, setSending] = useState(false)
  const [sent, setSent] = useState(0)

  const send = useCallback(async () => {
    if (!navigator.onLine || draftsSnapshot().every((d) => d.error)) return
    setSending(true)
    try {
      const made = await sendDrafts(lang === 'en' ? 'en' : 'zh-CN')
      if (made.length) {
        setSent(made.length)
        void queryClient.invalidateQueries({ queryKey: ['cases'] })
      }
    } finally {
      setSending(false)
    }
  }, [lang, queryClient])

  useEffect(() => {
    void send()
    const online = () => void send()
    window.addEventListener('online', online)
    return () => window.removeEventListener('online', online)
  }, [send])

  const waiting = drafts.filter((d) => !d.error)
  const failed = drafts.filter((d) => d.error)
  if (drafts.length === 0 && !sent) return null
  return (
    <aside className="h5-outbox" aria-live="polite">
      {waiting.length > 0 && (
        <div className="h5-outbox-row">
          <span>
            <strong>{t('pending', { n: waiting.length })}</strong>
            <span className="h5-outbox-hint">{sending ? t('sending') : t('pendingHint')}</span>
          </span>
          {!sending && navigator.onLine && (
            <Button size="small" color="primary" onClick={() => void send()}>
              {t('sendNow')}
            </Button>
          )}
        </div>
      )}
      {failed.map((d) => (
        <div className="h5-outbox-row" key={d.id} role="alert">
          <span>{t('draftFailed', { message: d.error ?? '' })}</span>
          <Button size="small" onClick={() => void discardDraft(d.id)}>
            {t('draftDiscard')}
          </Button>
        </div>
      ))}
      {sent > 0 && waiting.length === 0 && (
        <div className="h5-outbox-row" role="status">
          <strong>{t('draftsSent', { n: sent })}</strong>
          <Button size="small" onClick={() => setSent(0)}>
            {t('dismiss')}
          </Button>
        </div>
      )}
    </aside>
  )
}
