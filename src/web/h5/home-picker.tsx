// "Where I live", chosen the way people think of it: the community (found by a character or two
// of its name), then the building from its list; or the phone's location, which finds the grid
// and the nearest building (GET /geo/locate). No coordinates to type (issue 13).
import { useState } from 'react'
import { Button, Input } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { api, ApiError } from '../shared/api.ts'
import { useT } from './labels.ts'
import { Alert, errorText } from './ui.tsx'

export type Home =
  | { kind: 'building'; buildingId: string; label: string }
  | { kind: 'point'; lng: number; lat: number; crs: 'wgs84'; label: string }

interface Community { id: string; name: string; streetName: string | null }
interface Building { id: string; name: string; gridName: string | null }
interface LocateResult {
  grid: { id: string; name: string }
  ancestors: { id: string; kind: string; name: string }[]
  building: { id: string; name: string; distanceM: number; community: { id: string; name: string } | null } | null
}

export function HomePicker({ value, onChange, error }: { value: Home | null; onChange: (home: Home | null) => void; error: string | null }) {
  const t = useT()
  const [q, setQ] = useState('')
  const [community, setCommunity] = useState<Community | null>(null)
  const [filter, setFilter] = useState('')
  const [locating, setLocating] = useState(false)
  const [locNote, setLocNote] = useState<string | null>(null)
  const [locError, setLocError] = useState<string | null>(null)
  const term = q.trim()
  const communities = useQuery({
    queryKey: ['public-communities', term],
    queryFn: () => api<{ items: Community[] }>(`/public/communities?q=${encodeURIComponent(term)}&limit=20`),
    enabled: term.length > 0 && !community,
  })
  const buildings = useQuery({
    queryKey: ['public-buildings', community?.id],
    queryFn: () => api<{ items: Building[] }>(`/public/communities/${community!.id}/buildings`),
    enabled: !!community,
  })
  // 凤凰小区2栋 before 凤凰小区10栋, as people count.
  const shown = (buildings.data?.items ?? []).filter((b) => !filter.trim() || b.name.includes(filter.trim()))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))

  function chooseCommunity(c: Community | null) {
    setCommunity(c)
    setFilter('')
    onChange(null)
  }

  async function locate(lng: number, lat: number) {
    try {
      const r = await api<LocateResult>(`/geo/locate?lng=${lng}&lat=${lat}&crs=wgs84`)
      if (r.building?.community) {
        setCommunity({ id: r.building.community.id, name: r.building.community.name, streetName: null })
        setLocNote(t('locatedNear', { building: r.building.name }))
        onChange({ kind: 'building', buildingId: r.building.id, label: t('homeChosen', { community: r.building.community.name, building: r.building.name }) })
      } else {
        const where = r.ancestors.filter((a) => a.kind === 'community' || a.kind === 'village').map((a) => a.name).join(' · ')
        setLocNote(`${t('locatedGrid', { grid: r.grid.name })}${where ? ` · ${t('locatedIn', { where })}` : ''}`)
        onChange({ kind: 'point', lng, lat, crs: 'wgs84', label: t('locatedGrid', { grid: r.grid.name }) })
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'LOCATION_OUTSIDE') {
        const nearest = (err.details as { nearestGrid?: { name: string; distanceM: number } | null } | null)?.nearestGrid
        setLocError(t('locationOutside') + (nearest ? t('nearestGrid', { name: nearest.name, distance: nearest.distanceM }) : ''))
      } else setLocError(errorText(err, t))
    } finally {
      setLocating(false)
    }
  }

  function useMyLocation() {
    setLocError(null)
    setLocNote(null)
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setLocError(t('geoUnsupported'))
      return
    }
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (pos) => void locate(pos.coords.longitude, pos.coords.latitude),
      (e) => {
        setLocating(false)
        setLocError(e.code === e.PERMISSION_DENIED ? t('geoDenied') : e.code === e.TIMEOUT ? t('geoTimeout') : t('geoUnavailable'))
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    )
  }

  return (
    <div className="h5-location">
      <p className="h5-muted">{t('homeLocationHint')}</p>
      <Button block color="primary" fill="outline" size="large" loading={locating} onClick={useMyLocation}>{t('useMyLocation')}</Button>
      <div aria-live="polite">
        {locating && <p className="h5-muted">{t('locating')}</p>}
        {locNote && <p className="h5-muted">{locNote}</p>}
      </div>
      {locError && <Alert>{locError}</Alert>}

      {!community ? (
        <>
          <label className="h5-row-title" htmlFor="home-community">{t('communitySearch')}</label>
          <Input id="home-community" value={q} onChange={setQ} placeholder={t('communitySearchHint')} clearable />
          {communities.data && communities.data.items.length === 0 && <p className="h5-muted" role="status">{t('communityNone')}</p>}
          {communities.data && communities.data.items.length > 0 && (
            <ul className="h5-pick-list" aria-label={t('communitySearch')}>
              {communities.data.items.map((c) => (
                <li key={c.id}>
                  <button type="button" className="h5-pick" onClick={() => chooseCommunity(c)}>
                    <strong>{c.name}</strong>{c.streetName && <span className="h5-muted"> · {c.streetName}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <div className="h5-picked">
            <strong>{community.name}</strong>
            <Button size="small" fill="none" className="h5-text-button" onClick={() => { chooseCommunity(null); setLocNote(null) }}>{t('communityChange')}</Button>
          </div>
          {buildings.data && buildings.data.items.length === 0 && <Alert>{t('buildingNone')}</Alert>}
          {buildings.data && buildings.data.items.length > 0 && (
            <fieldset className="h5-choice">
              <legend>{t('buildingChoose')}</legend>
              {buildings.data.items.length > 12 && (
                <Input aria-label={t('buildingFilter')} placeholder={t('buildingFilter')} value={filter} onChange={setFilter} clearable />
              )}
              <div className="h5-pick-grid">
                {shown.map((b) => (
                  <label key={b.id} className="h5-choice-option">
                    <input type="radio" name="home-building" value={b.id} checked={value?.kind === 'building' && value.buildingId === b.id}
                      onChange={() => onChange({ kind: 'building', buildingId: b.id, label: t('homeChosen', { community: community.name, building: b.name }) })} />
                    <span>{b.name}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {buildings.error && <Alert>{errorText(buildings.error, t)}</Alert>}
        </>
      )}
      {value && <div className="h5-located" role="status"><strong>{value.label}</strong></div>}
      {error && <Alert>{error}</Alert>}
    </div>
  )
}
