// 抢单大厅 /h5/grab, for members, volunteers and staff: the browser's position (saved with POST
// /order-providers/me/location; without one, the grid of the home is searched and nothing is
// saved), then GET /orders/open-near-me: cards with item, distance, address, time, the masked
// requester and an urgent mark, and a big 抢单 (POST /orders/:id/claim; a lost race removes the
// card and says so). A live notification of kind order.grab and a pull refresh the list.
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, PullToRefresh } from 'antd-mobile'
import type { MyGrid } from '../../grid.tsx'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { ItemIcon, locate, useLiveKinds, windowText } from './parts.tsx'
import { metres, useOrderWords } from './words.ts'
import './orders.css'

interface Near {
  id: string; item: { id: string; name: string; icon: string; list: string; points: number }; address: string; window: { from: string; to: string } | null
  note: string | null; urgent: boolean; distanceM: number; requester: string; inMyWindows: boolean; createdAt: string; dueAt: string | null
}

/** Where to search: the phone's position (saved for matching), else the centre of the home's grid. */
async function whereAmI(): Promise<{ lng: number; lat: number; live: boolean }> {
  const p = await locate(10_000)
  if (p) {
    await api('/order-providers/me/location', { method: 'POST', body: { ...p, crs: 'wgs84' } })
    return { ...p, live: true }
  }
  const grid = await api<MyGrid & { centre?: { lng: number; lat: number } | null }>('/me/grid')
  if (!grid.centre) throw new Error('no position')
  return { ...grid.centre, live: false }
}

export default function GrabHallPage() {
  const w = useOrderWords()
  const t = useT()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [gone, setGone] = useState<Set<string>>(new Set())
  const [note, setNote] = useState<{ kind: 'success' | 'error' | 'info'; text: string; id?: string } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const hall = useQuery({
    queryKey: ['h5-orders', 'grab'],
    queryFn: async () => {
      const at = await whereAmI()
      const found = await api<{ items: Near[] }>(`/orders/open-near-me?lng=${at.lng}&lat=${at.lat}`)
      return { ...found, live: at.live }
    },
    retry: false,
  })
  useLiveKinds(['order.grab'], () => void hall.refetch())

  async function claim(n: Near) {
    setNote(null)
    setBusy(n.id)
    try {
      await api(`/orders/${n.id}/claim`, { method: 'POST', body: {} })
      setGone((s) => new Set(s).add(n.id))
      setNote({ kind: 'success', text: w('claimed'), id: n.id })
      await queryClient.invalidateQueries({ queryKey: ['h5-orders', 'serving'] })
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ORDER_ALREADY_CLAIMED') {
        setGone((s) => new Set(s).add(n.id))
        setNote({ kind: 'info', text: w('tooLate') })
      } else setNote({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(null)
    }
  }

  const items = hall.data?.items.filter((n) => !gone.has(n.id)) ?? []
  return (
    <Page title={w('grab')}>
      <PullToRefresh onRefresh={async () => { setGone(new Set()); await hall.refetch() }}>
        <p className="h5-lead h5-intro">{w('grabIntro')}</p>
        {note && (
          <Alert kind={note.kind}>
            {note.text}
            {note.id && <> <Button fill="none" className="h5-text-button" onClick={() => navigate('/my-services')}>{w('myServices')} ›</Button></>}
          </Alert>
        )}
        {hall.isPending ? <><p className="h5-muted">{w('locating')}</p><Loading /></> : hall.error ? <LoadError error={hall.error} onRetry={() => void hall.refetch()} /> : (
          <>
            <p className="h5-muted">{hall.data.live ? w('located') : w('atHomeFallback')} · {w('pullHint')}</p>
            {items.length === 0 ? <p className="h5-card h5-muted">{w('noOpen')}</p> : (
              <ul className="h5-list" aria-label={w('grab')}>
                {items.map((n) => (
                  <li key={n.id} className={`h5-card h5-grab-card${n.urgent ? ' urgent' : ''}`}>
                    <div className="h5-order-head">
                      <ItemIcon icon={n.item.icon} list={n.item.list} />
                      <span className="h5-order-head-text">
                        <span className="h5-order-name">{n.item.name}{n.urgent && <span className="h5-order-urgent">{w('urgent')}</span>}</span>
                        <span className="h5-row-desc">{w('requester', { name: n.requester })}</span>
                      </span>
                      <span className="h5-grab-distance">{metres(n.distanceM, lang)}</span>
                    </div>
                    <p className="h5-grab-address">{n.address}</p>
                    {n.window && <p>{w('window')}：{windowText(n.window, lang)}{n.inMyWindows && <span className="h5-order-tag">{w('inMyWindows')}</span>}</p>}
                    {n.note && <p className="h5-muted">{n.note}</p>}
                    <Button block color="primary" size="large" className="h5-grab-button" loading={busy === n.id} disabled={busy !== null} onClick={() => void claim(n)}>{w('claim')}</Button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </PullToRefresh>
    </Page>
  )
}
