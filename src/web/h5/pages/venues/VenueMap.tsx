// The red map's map view: MapLibre with the venues clustered; a tap on a dot opens the venue.
import { useEffect, useRef } from 'react'
import { useNavigate } from 'react-router'
import { GeoJSONSource, Map as MlMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { Venue } from '@server/modules/venues/venues.schemas.ts'
import { toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { addOrientation } from '../../../shared/orientation.ts'
import { Loading } from '../../ui.tsx'

setWorkerUrl(workerUrl)

const COLORS: Record<string, string> = { party_service_center: '#c8102e', neighbourhood_center: '#d4380d', station: '#cf1322', service_point: '#1677ff' }

export default function VenueMap({ venues, here }: { venues: Venue[]; here: { lng: number; lat: number } | null }) {
  const tiles = useMapTiles()
  return tiles ? <Canvas key={tiles.crs} venues={venues} here={here} tiles={tiles} /> : <Loading />
}

function Canvas({ venues, here, tiles }: { venues: Venue[]; here: { lng: number; lat: number } | null; tiles: MapTiles }) {
  const ref = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MlMap | null>(null)
  const navigate = useNavigate()
  const features = {
    type: 'FeatureCollection' as const,
    features: venues.map((v) => ({
      type: 'Feature' as const,
      properties: { id: v.id, name: v.name, color: COLORS[v.kind] ?? '#c8102e' },
      geometry: { type: 'Point' as const, coordinates: toDisplay([v.entrance.lng, v.entrance.lat] as [number, number], tiles.crs) },
    })),
  }

  useEffect(() => {
    const first = venues[0]
    const center = here ? toDisplay([here.lng, here.lat] as [number, number], tiles.crs) : first ? toDisplay([first.entrance.lng, first.entrance.lat] as [number, number], tiles.crs) : ([115.68, 28.75] as [number, number])
    const map = new MlMap({
      container: ref.current!,
      style: {
        version: 8,
        sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
      },
      center,
      zoom: here ? 15 : 13.5,
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    })
    map.touchZoomRotate.disableRotation()
    // Without the person's position: every venue in view.
    if (!here && venues.length > 1) {
      const points = venues.map((v) => toDisplay([v.entrance.lng, v.entrance.lat] as [number, number], tiles.crs))
      const lngs = points.map((p) => p[0])
      const lats = points.map((p) => p[1])
      map.fitBounds([[Math.min(...lngs), Math.min(...lats)], [Math.max(...lngs), Math.max(...lats)]], { padding: 30, animate: false, maxZoom: 16 })
    }
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    let unorient = () => {}
    map.on('load', () => {
      unorient = addOrientation(map, tiles.crs)
      map.addSource('venues', { type: 'geojson', data: features, cluster: true, clusterRadius: 40, clusterMaxZoom: 15 })
      map.addLayer({ id: 'venue-clusters', type: 'circle', source: 'venues', filter: ['has', 'point_count'],
        paint: { 'circle-color': '#c8102e', 'circle-opacity': 0.85, 'circle-radius': ['step', ['get', 'point_count'], 16, 10, 22, 30, 28], 'circle-stroke-width': 3, 'circle-stroke-color': '#fff' } })
      map.addLayer({ id: 'venue-points', type: 'circle', source: 'venues', filter: ['!', ['has', 'point_count']],
        paint: { 'circle-color': ['get', 'color'], 'circle-radius': 9, 'circle-stroke-width': 3, 'circle-stroke-color': '#fff' } })
      map.on('click', 'venue-points', (e) => {
        const id = e.features?.[0]?.properties?.id as string | undefined
        if (id) navigate(`/venues/${id}`)
      })
      map.on('click', 'venue-clusters', async (e) => {
        const f = e.features?.[0]
        if (!f) return
        const zoom = await (map.getSource('venues') as GeoJSONSource).getClusterExpansionZoom(f.properties!.cluster_id as number)
        map.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom })
      })
    })
    if (here) new Marker({ color: '#1677ff' }).setLngLat(toDisplay([here.lng, here.lat] as [number, number], tiles.crs)).addTo(map)
    mapRef.current = map
    return () => { unorient(); map.remove() }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const source = mapRef.current?.getSource('venues') as GeoJSONSource | undefined
    source?.setData(features)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [venues])

  return (
    <div className="h5-redmap-frame" role="region" aria-label="红色地图">
      <div ref={ref} className="h5-redmap-canvas" />
    </div>
  )
}
