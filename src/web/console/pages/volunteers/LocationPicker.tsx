// A map to mark an activity's meeting point (MapLibre on the configured base map); the value is
// WGS-84 {lng, lat}, whatever the tiles draw in.
import { addOrientation } from '../../../shared/orientation.ts'
import { useEffect, useRef } from 'react'
import { Map as MlMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { fromDisplay, toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'

setWorkerUrl(workerUrl)

const DEFAULT_CENTER: [number, number] = [115.68, 28.75]
export interface LngLat { lng: number; lat: number }

export function LocationPicker({ value, onChange, label }: { value?: LngLat | null; onChange?: (v: LngLat) => void; label: string }) {
  const tiles = useMapTiles()
  return (
    <div role="region" aria-label={label} style={{ height: 280, border: '1px solid #d9d9d9', borderRadius: 6, overflow: 'hidden' }}>
      {tiles && <Canvas key={tiles.crs} tiles={tiles} value={value ?? null} onChange={onChange} />}
    </div>
  )
}

function Canvas({ tiles, value, onChange }: { tiles: MapTiles; value: LngLat | null; onChange?: (v: LngLat) => void }) {
  const ref = useRef<HTMLDivElement>(null)
  const marker = useRef<Marker | null>(null)

  useEffect(() => {
    const start = value ? ([value.lng, value.lat] as [number, number]) : DEFAULT_CENTER
    const m = new MlMap({
      container: ref.current!,
      style: {
        version: 8,
        sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
      },
      center: toDisplay(start, tiles.crs),
      zoom: value ? 16 : 13,
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      dragRotate: false,
      fadeDuration: 0,
    })
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    let unorient = () => {}
    m.on('load', () => { unorient = addOrientation(m, tiles.crs) })
    marker.current = new Marker({ color: '#c8102e' })
    if (value) marker.current.setLngLat(toDisplay(start, tiles.crs)).addTo(m)
    m.on('click', (e) => {
      marker.current!.setLngLat(e.lngLat).addTo(m)
      const p = fromDisplay([e.lngLat.lng, e.lngLat.lat] as [number, number], tiles.crs)
      onChange?.({ lng: Math.round(p[0] * 1e6) / 1e6, lat: Math.round(p[1] * 1e6) / 1e6 })
    })
    return () => { unorient(); m.remove() }
    // The map opens once at the first value; clicks move the marker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return <div ref={ref} style={{ width: '100%', height: '100%' }} />
}
