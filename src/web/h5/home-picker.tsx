// "Where I live", chosen the way people think of it: the community (found by a character or two
// of its name), then the building from its list; or the phone's location, which finds the grid
// and the nearest building (GET /geo/locate). No coordinates to type (issue 13).
import { useState } from 'react'
import { Button } from 'antd-mobile'
import { api, ApiError } from '../shared/api.ts'
import { useT } from './labels.ts'
import { Alert, errorText } from './ui.tsx'
import { BuildingChooser, type Community } from './building-chooser.tsx'

export type Home =
  | { kind: 'building'; buildingId: string; label: string }
  | { kind: 'point'; lng: number; lat: number; crs: 'wgs84'; label: string }

interface LocateResult {
  grid: { id: string; name: string }
  ancestors: { id: string; kind: string; name: string }[]
  building: { id: string; name: string; distanceM: number; community: { id: string; name: string } | null } | null
}

export function HomePicker({ value, onChange, error }: { value: Home | null; onChange: (home: Home | null) => void; error: string | null }) {
  const t = useT()
  const [community, setCommunity] = useState<Community | null>(null)
  const [locating, setLocating] = useState(false)
  const [locNote, setLocNote] = useState<string | null>(null)
  const [locError, setLocError] = useState<string | null>(null)
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

      <BuildingChooser
        name="home-building"
        legend={t('buildingChoose')}
        community={community}
        onCommunity={(c) => { setCommunity(c); onChange(null); if (!c) setLocNote(null) }}
        chosen={value?.kind === 'building' ? value.buildingId : null}
        onChoose={(b, c) => onChange({ kind: 'building', buildingId: b.id, label: t('homeChosen', { community: c.name, building: b.estateName && !b.name.startsWith(b.estateName) ? `${b.estateName} ${b.name}` : b.name }) })}
      />
      {value && <div className="h5-located" role="status"><strong>{value.label}</strong></div>}
      {error && <Alert>{error}</Alert>}
    </div>
  )
}
