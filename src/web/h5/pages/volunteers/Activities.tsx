// 志愿活动 /h5/activities: upcoming activities nearest first (from the phone's position, else from
// home), or the ones I signed up for; each shows seats left or my waitlist position.
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { Button } from 'antd-mobile'
import dayjs from 'dayjs'
import { useI18n } from '../../../shared/i18n.tsx'
import type { Activity } from '@server/modules/volunteers/volunteers.schemas.ts'
import { Alert, LoadError, Loading, Page } from '../../ui.tsx'
import { distanceText, useVT } from './words.ts'
import { useCursorList } from '../../../shared/useCursorList.ts'

type Order = 'gps' | 'home' | 'mine'

export function ActivityLine({ a }: { a: Activity }) {
  const vt = useVT()
  if (a.status === 'cancelled') return <span className="h5-muted">{vt('cancelledStatus')}</span>
  if (a.mySignup?.status === 'waitlisted') return <strong>{vt('waitlisted', { n: a.mySignup.position ?? 0 })}</strong>
  if (a.mySignup?.status === 'confirmed') return <strong>{vt('confirmed')}</strong>
  if (a.phase === 'ended') return <span className="h5-muted">{vt('ended')}</span>
  return <span>{a.seatsLeft > 0 ? vt('seatsLeft', { n: a.seatsLeft }) : vt('full')}</span>
}

export default function ActivitiesPage() {
  const vt = useVT()
  const { lang } = useI18n()
  const [order, setOrder] = useState<Order>('gps')
  const [point, setPoint] = useState<{ lng: number; lat: number } | null>(null)
  const [geo, setGeo] = useState<'asking' | 'failed' | 'done'>('asking')
  useEffect(() => {
    if (!('geolocation' in navigator)) {
      setGeo('failed')
      return
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({ lng: Math.round(pos.coords.longitude * 1e6) / 1e6, lat: Math.round(pos.coords.latitude * 1e6) / 1e6 })
        setGeo('done')
      },
      () => setGeo('failed'),
      { timeout: 10_000, maximumAge: 60_000 },
    )
  }, [])
  const effective: Order = order === 'gps' && geo === 'failed' ? 'home' : order
  const list = useCursorList<Activity>(['h5-activities', effective, point], '/activities', (s) => {
    if (effective === 'gps' && point) {
      s.set('nearLng', String(point.lng))
      s.set('nearLat', String(point.lat))
    }
    if (effective === 'home') s.set('nearHome', '1')
    if (effective === 'mine') {
      s.set('mine', '1')
      s.set('when', 'all')
    }
  }, { pageSize: 20, enabled: effective !== 'gps' || geo === 'done' })
  const items = list.items
  return (
    <Page title={vt('listTitle')}>
      <p className="h5-lead">{vt('intro')}</p>
      <div className="h5-chips" role="group" aria-label={vt('listTitle')}>
        <button type="button" className="h5-chip" aria-pressed={order === 'gps'} onClick={() => setOrder('gps')}>{vt('nearMe')}</button>
        <button type="button" className="h5-chip" aria-pressed={order === 'home'} onClick={() => setOrder('home')}>{vt('nearHome')}</button>
        <button type="button" className="h5-chip" aria-pressed={order === 'mine'} onClick={() => setOrder('mine')}>{vt('mine')}</button>
      </div>
      {order === 'gps' && geo === 'failed' && <Alert kind="info">{vt('geoFailed')}</Alert>}
      {effective === 'gps' && geo === 'asking' ? (
        <p className="h5-muted" role="status">{vt('locating')}</p>
      ) : list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <p className="h5-muted">{vt('none')}</p>
      ) : (
        <ul className="h5-list" aria-label={vt('listTitle')}>
          {items.map((a) => (
            <li key={a.id} className="h5-card">
              <Link to={`/activities/${a.id}`} className="h5-entry" style={{ padding: 0 }}>
                <span className="h5-row-text">
                  <span className="h5-row-title">{a.title}</span>
                  <span className="h5-row-desc">{dayjs(a.startsAt).format('M月D日 HH:mm')}–{dayjs(a.endsAt).format('HH:mm')} · {a.place}</span>
                  <span className="h5-row-desc">
                    {a.distanceM !== null && <>{vt('distance', { d: distanceText(a.distanceM, lang) })} · </>}
                    <ActivityLine a={a} />
                  </span>
                </span>
                <span className="h5-chevron" aria-hidden="true">›</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button block size="large" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{vt('more')}</Button>
      )}
    </Page>
  )
}
