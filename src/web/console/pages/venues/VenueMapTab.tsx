// Every venue on one map, coloured by kind; a click opens the venue drawer.
import { useEffect, useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Map as MlMap, NavigationControl, Popup, setWorkerUrl } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { Flex, Tag } from 'antd'
import type { Venue } from '@server/modules/venues/venues.schemas.ts'
import { venueKindWords } from '@server/modules/venues/venues.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { addOrientation } from '../../../shared/orientation.ts'
import { useVenueLabels } from './labels.ts'
import { VenueDrawer } from './VenueDrawer.tsx'

setWorkerUrl(workerUrl)

export const KIND_COLORS: Record<string, string> = { party_service_center: '#c8102e', neighbourhood_center: '#d46b08', station: '#eb2f96', service_point: '#1677ff' }

async function allVenues(): Promise<Venue[]> {
  const all: Venue[] = []
  let cursor: string | null = null
  do {
    const page: { items: Venue[]; nextCursor: string | null } = await api(`/venues?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    all.push(...page.items)
    cursor = page.nextCursor
  } while (cursor && all.length < 5000)
  return all
}

export function VenueMapTab() {
  const tiles = useMapTiles()
  const { lang } = useI18n()
  const venues = useQuery({ queryKey: ['venues', 'all'], queryFn: allVenues })
  const [open, setOpen] = useState<string | null>(null)
  return (
    <div>
      <Flex gap={8} style={{ marginBottom: 8 }}>
        {Object.entries(venueKindWords).map(([k, w]) => <Tag key={k} color={KIND_COLORS[k]}>{w[lang]}</Tag>)}
      </Flex>
      {tiles && venues.data && <Canvas key={tiles.crs} tiles={tiles} venues={venues.data} onOpen={setOpen} />}
      {open && <VenueDrawer venueId={open} onClose={() => setOpen(null)} />}
    </div>
  )
}

function Canvas({ tiles, venues, onOpen }: { tiles: MapTiles; venues: Venue[]; onOpen: (id: string) => void }) {
  const L = useVenueLabels()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const points = venues.map((v) => toDisplay([v.entrance.lng, v.entrance.lat] as [number, number], tiles.crs))
    const lngs = points.map((p) => p[0])
    const lats = points.map((p) => p[1])
    const map = new MlMap({
      container: ref.current!,
      style: {
        version: 8,
        sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
      },
      bounds: points.length ? [[Math.min(...lngs) - 0.003, Math.min(...lats) - 0.003], [Math.max(...lngs) + 0.003, Math.max(...lats) + 0.003]] : undefined,
      center: points.length ? undefined : [115.68, 28.75],
      zoom: points.length ? undefined : 12,
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      fadeDuration: 0,
    })
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    let unorient = () => {}
    map.on('load', () => {
      unorient = addOrientation(map, tiles.crs)
      map.addSource('venues', { type: 'geojson', data: { type: 'FeatureCollection', features: venues.map((v, i) => ({ type: 'Feature', properties: { id: v.id, name: v.name, color: KIND_COLORS[v.kind] }, geometry: { type: 'Point', coordinates: points[i]! } })) } })
      map.addLayer({ id: 'venue-points', type: 'circle', source: 'venues', paint: { 'circle-color': ['get', 'color'], 'circle-radius': 7, 'circle-stroke-width': 2, 'circle-stroke-color': '#fff' } })
      const popup = new Popup({ closeButton: false, closeOnClick: false })
      map.on('mousemove', 'venue-points', (e) => {
        const f = e.features?.[0]
        if (!f) return
        map.getCanvas().style.cursor = 'pointer'
        popup.setLngLat(e.lngLat).setText(String(f.properties!.name)).addTo(map)
      })
      map.on('mouseleave', 'venue-points', () => { map.getCanvas().style.cursor = ''; popup.remove() })
      map.on('click', 'venue-points', (e) => {
        const id = e.features?.[0]?.properties?.id as string | undefined
        if (id) onOpen(id)
      })
    })
    return () => { unorient(); map.remove() }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return <div ref={ref} role="region" aria-label={L.tabMap} style={{ height: 600, borderRadius: 8, overflow: 'hidden', border: '1px solid #f0f0f0' }} />
}
