// Picking the place of a problem by tapping a map (MapLibre, loaded only when opened). The point
// shown is where the last tap was (or the phone's position); "就是这里" hands it back in WGS-84.
import { useEffect, useRef, useState } from 'react'
import { Map as MlMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { Button } from 'antd-mobile'
import { fromDisplay, toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { useCT } from './labels.ts'
import { addOrientation } from '../../../shared/orientation.ts'
import { useQuery } from '@tanstack/react-query'
import { api } from '../../../shared/api.ts'
import { useSignedIn } from '../../session.tsx'
import type { Place } from './parts.tsx'

setWorkerUrl(workerUrl)

const DEFAULT_CENTER: [number, number] = [115.68, 28.75]

interface Props {
  start: Place | null
  onPick: (p: Place) => void
  onCancel: () => void
}

export default function PickMap(props: Props) {
  const tiles = useMapTiles()
  const t = useCT()
  // Without a point yet, the map opens on the person's own grid (signed in), else on the city.
  const { me, pending } = useSignedIn()
  const grid = useQuery({ queryKey: ['me', 'grid'], queryFn: () => api<{ centre: { lng: number; lat: number } | null }>('/me/grid', { quiet401: true }), enabled: !!me && !props.start, retry: false })
  const opening = !props.start && (pending || (!!me && grid.isPending))
  const home = grid.data?.centre ?? null
  return (
    <div className="h5-pickmap">
      <p className="h5-muted">{t('mapHint')}</p>
      {tiles && !opening ? <PickMapCanvas key={tiles.crs} {...props} home={home} tiles={tiles} /> : <div className="h5-pickmap-frame" />}
    </div>
  )
}

function PickMapCanvas({ start, onPick, onCancel, tiles, home }: Props & { tiles: MapTiles; home: { lng: number; lat: number } | null }) {
  const t = useCT()
  const ref = useRef<HTMLDivElement>(null)
  const [picked, setPicked] = useState<[number, number] | null>(start ? [start.lng, start.lat] : null)

  useEffect(() => {
    const center = toDisplay(start ? ([start.lng, start.lat] as [number, number]) : home ? ([home.lng, home.lat] as [number, number]) : DEFAULT_CENTER, tiles.crs)
    const map = new MlMap({
      container: ref.current!,
      style: {
        version: 8,
        sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
      },
      center,
      zoom: start ? 17 : home ? 14.5 : 13,
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    })
    map.touchZoomRotate.disableRotation()
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    // Grid and community outlines and named buildings: something to orient by without a tile key.
    let unorient = () => {}
    map.on('load', () => { unorient = addOrientation(map, tiles.crs) })
    const marker = new Marker({ color: '#c8102e' })
    if (start) marker.setLngLat(center).addTo(map)
    map.on('click', (e) => {
      marker.setLngLat(e.lngLat).addTo(map)
      const p = fromDisplay([e.lngLat.lng, e.lngLat.lat] as [number, number], tiles.crs)
      setPicked([Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6])
    })
    return () => { unorient(); map.remove() }
    // The start point is where the map opens; later taps move the marker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <>
      <div className="h5-pickmap-frame" role="region" aria-label={t('mapLabel')}>
        <div ref={ref} className="h5-pickmap-canvas" />
      </div>
      <div className="h5-pickmap-buttons">
        <Button size="large" onClick={onCancel}>
          {t('mapCancel')}
        </Button>
        <Button size="large" color="primary" disabled={!picked} onClick={() => {
            if (picked) onPick({ lng: picked[0], lat: picked[1], crs: 'wgs84' })
          }}>
          {t('mapUse')}
        </Button>
      </div>
    </>
  )
}
