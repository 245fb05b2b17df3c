// 红色地图 /h5/venues (public, no login): every service place on a map and in a list, filtered by
// kind, opening and who it serves, searched by name or address, and "nearest to me" with walking
// minutes. The list is kept on the phone: offline (a courier in a basement) the page shows the
// list saved last time and says how old it is.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { LocationFill, SearchOutline } from 'antd-mobile-icons'
import dayjs from 'dayjs'
import type { Venue } from '@server/modules/venues/venues.schemas.ts'
import { amenityWords, kindLabel, serviceTypeWords } from '@server/modules/venues/venues.labels.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { Alert, LoadError, Loading, Page } from '../../ui.tsx'
import { fetchNearest, fetchVenues, metres, statusText } from './shared.ts'
import { useVenueWords } from './words.ts'
import './venues.css'

const VenueMap = lazy(() => import('./VenueMap.tsx'))

/** The amenities people look for on the way: a toilet, water, charging, a seat out of the rain. */
const PICKED_AMENITIES = ['toilet', 'drinking_water', 'charging', 'rest', 'microwave', 'wifi', 'accessible', 'first_aid']

type Filter = 'all' | 'centers' | 'neighbourhood' | 'stations' | 'courier' | 'points'
const FILTERS: Filter[] = ['all', 'centers', 'neighbourhood', 'stations', 'courier', 'points']
const matches: Record<Filter, (v: Venue) => boolean> = {
  all: () => true,
  centers: (v) => v.kind === 'party_service_center',
  neighbourhood: (v) => v.kind === 'neighbourhood_center',
  stations: (v) => v.kind === 'station' && v.stationKind !== 'courier',
  courier: (v) => v.kind === 'station' && v.stationKind === 'courier',
  points: (v) => v.kind === 'service_point',
}

export default function RedMapPage() {
  const w = useVenueWords()
  const { lang } = useI18n()
  const [filter, setFilter] = useState<Filter>('all')
  const [openNow, setOpenNow] = useState(false)
  const [gig, setGig] = useState(false)
  const [service, setService] = useState<string | null>(null)
  const [amenity, setAmenity] = useState<string | null>(null)
  const [q, setQ] = useState('')
  const [view, setView] = useState<'list' | 'map'>('list')
  const [point, setPoint] = useState<{ lng: number; lat: number } | null>(null)
  const [geo, setGeo] = useState<'off' | 'asking' | 'failed'>('off')
  const list = useQuery({ queryKey: ['h5-venues'], queryFn: fetchVenues, staleTime: 60_000 })
  const near = useQuery({ queryKey: ['h5-venues-nearest', point], queryFn: () => fetchNearest(point!, ''), enabled: !!point })

  // Offline use: the service worker keeps the page, the list and the last nearest answer.
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return
    void navigator.serviceWorker.register('/h5/sw.js', { scope: '/h5/' })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => reg.active?.postMessage({ keep: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/assets/')) }))
      .catch(() => undefined)
  }, [])

  useEffect(() => {
    if (geo !== 'asking') return
    if (!('geolocation' in navigator)) return setGeo('failed')
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({ lng: Math.round(pos.coords.longitude * 1e6) / 1e6, lat: Math.round(pos.coords.latitude * 1e6) / 1e6 })
        setGeo('off')
      },
      () => setGeo('failed'),
      { timeout: 10_000, maximumAge: 60_000 },
    )
  }, [geo])

  const distances = useMemo(() => new Map((near.data?.data ?? []).map((n) => [n.venue.id, n])), [near.data])
  const shown = useMemo(() => {
    const needle = q.trim()
    const base = point && near.data ? near.data.data.map((n) => n.venue) : (list.data?.data ?? [])
    return base.filter((v) => matches[filter](v) && (!openNow || v.openStatus.open) && (!gig || v.audiences.includes('gig_workers'))
      && (!service || v.services.includes(service as never)) && (!amenity || v.amenities.includes(amenity as never))
      && (!needle || v.name.includes(needle) || v.address.includes(needle) || v.tags.includes(needle)))
  }, [list.data, near.data, point, filter, openNow, gig, q, service, amenity])
  const saved = point && near.data ? near.data : list.data

  return (
    <Page title={w('title')}>
      <p className="h5-lead">{w('intro')}</p>
      <label className="h5-search">
        <SearchOutline aria-hidden="true" />
        <input type="search" placeholder={w('search')} value={q} onChange={(e) => setQ(e.target.value)} aria-label={w('search')} />
      </label>
      <div className="h5-chips" role="group" aria-label={w('title')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className="h5-chip" aria-pressed={filter === f} onClick={() => setFilter(f)}>{w(f)}</button>
        ))}
        <button type="button" className="h5-chip" aria-pressed={openNow} onClick={() => setOpenNow(!openNow)}>{w('openNow')}</button>
        <button type="button" className="h5-chip" aria-pressed={gig} onClick={() => setGig(!gig)}>{w('forGig')}</button>
      </div>
      <div className="h5-chips" role="group" aria-label={w('services')}>
        {Object.entries(serviceTypeWords).map(([k, t]) => (
          <button key={k} type="button" className="h5-chip" aria-pressed={service === k} onClick={() => setService(service === k ? null : k)}>{t[lang]}</button>
        ))}
      </div>
      <div className="h5-chips" role="group" aria-label={w('amenities')}>
        {PICKED_AMENITIES.map((k) => (
          <button key={k} type="button" className="h5-chip" aria-pressed={amenity === k} onClick={() => setAmenity(amenity === k ? null : k)}>{amenityWords[k]![lang]}</button>
        ))}
      </div>
      <div className="h5-redmap-tools">
        <button type="button" className="h5-chip" aria-pressed={!!point} onClick={() => (point ? setPoint(null) : setGeo('asking'))}>
          <LocationFill aria-hidden="true" /> {geo === 'asking' ? w('locating') : w('nearest')}
        </button>
        <div className="h5-redmap-switch" role="group">
          <button type="button" className="h5-chip" aria-pressed={view === 'list'} onClick={() => setView('list')}>{w('list')}</button>
          <button type="button" className="h5-chip" aria-pressed={view === 'map'} onClick={() => setView('map')}>{w('map')}</button>
        </div>
      </div>
      {geo === 'failed' && <Alert kind="info">{w('geoFailed')}</Alert>}
      {saved?.offline && <Alert kind="info">{w('offline', { time: dayjs(saved.savedAt).format('M月D日 HH:mm') })}</Alert>}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : view === 'map' ? (
        <Suspense fallback={<Loading />}>
          <VenueMap venues={shown} here={point} />
        </Suspense>
      ) : shown.length === 0 ? (
        <p className="h5-muted">{w('none')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('title')}>
          {shown.map((v) => {
            const d = distances.get(v.id)
            return (
              <li key={v.id} className="h5-card h5-venue">
                <Link to={`/venues/${v.id}`} className="h5-venue-link">
                  <span className="h5-venue-kind">{kindLabel(v, lang)}</span>
                  <h2 className="h5-card-title">{v.name}</h2>
                  <p className={v.openStatus.open ? 'h5-venue-open' : 'h5-venue-closed'}>{statusText(v.openStatus, w, lang)}</p>
                  <p className="h5-muted">{v.address}</p>
                  {d && <p className="h5-venue-walk">{w('walk', { min: d.walkMin, d: metres(d.distanceM) })}</p>}
                </Link>
              </li>
            )
          })}
        </ul>
      )}
      {saved && !saved.offline && <p className="h5-muted">{w('savedAt', { time: dayjs(saved.savedAt).format('HH:mm') })}</p>}
    </Page>
  )
}
