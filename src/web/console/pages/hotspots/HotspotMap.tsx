// The hotspots on one map: each cluster's convex hull (a line or a point when its records are in
// a row or at one place) and its records as points, cases red and service orders blue; a click on
// a hull or a point selects its cluster, and a selected cluster is outlined and brought into view.
import { useEffect, useRef } from 'react'
import { LngLatBounds, Map as MlMap, NavigationControl, Popup, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { HotspotCluster } from '@server/modules/hotspots/hotspots.schemas.ts'
import { toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { addOrientation } from '../../../shared/orientation.ts'

setWorkerUrl(workerUrl)

export const SOURCE_COLORS = { case: '#cf1322', order: '#0958d9' } as const

interface Props { clusters: HotspotCluster[]; selected: number | null; onSelect: (i: number) => void; label: string }

export function HotspotMap(props: Props) {
  const tiles = useMapTiles()
  if (!tiles) return <div style={{ height: 520 }} />
  return <Canvas key={`${tiles.crs}:${props.clusters.length}`} tiles={tiles} {...props} />
}

function features(clusters: HotspotCluster[], crs: MapTiles['crs'], selected: number | null) {
  const hulls = clusters.map((c, i) => ({ type: 'Feature' as const, properties: { i, color: SOURCE_COLORS[c.source], selected: i === selected, name: `${c.categoryName} · ${c.count}` }, geometry: toDisplay(c.hull as never, crs) }))
  const points = clusters.flatMap((c, i) => c.records.map((r) => ({
    type: 'Feature' as const, properties: { i, color: SOURCE_COLORS[r.kind], name: c.categoryName }, geometry: { type: 'Point' as const, coordinates: toDisplay([r.lng, r.lat] as [number, number], crs) },
  })))
  return { hulls: { type: 'FeatureCollection' as const, features: hulls }, points: { type: 'FeatureCollection' as const, features: points } }
}

function boundsOf(clusters: HotspotCluster[], crs: MapTiles['crs']) {
  const b = new LngLatBounds()
  for (const c of clusters) for (const r of c.records) b.extend(toDisplay([r.lng, r.lat] as [number, number], crs))
  return b
}

function Canvas({ tiles, clusters, selected, onSelect, label }: Props & { tiles: MapTiles }) {
  const ref = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MlMap | null>(null)
  const selectRef = useRef(onSelect)
  selectRef.current = onSelect
  useEffect(() => {
    const all = boundsOf(clusters, tiles.crs)
    const map = new MlMap({
      container: ref.current!,
      style: {
        version: 8,
        sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
      },
      bounds: clusters.length ? all : undefined,
      fitBoundsOptions: { padding: 60, maxZoom: 17 },
      center: clusters.length ? undefined : [115.86, 28.68],
      zoom: clusters.length ? undefined : 12,
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      fadeDuration: 0,
    })
    mapRef.current = map
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    let unorient = () => {}
    map.on('load', () => {
      unorient = addOrientation(map, tiles.crs)
      const f = features(clusters, tiles.crs, null)
      map.addSource('hulls', { type: 'geojson', data: f.hulls })
      map.addSource('points', { type: 'geojson', data: f.points })
      map.addLayer({ id: 'hull-fill', type: 'fill', source: 'hulls', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['case', ['get', 'selected'], 0.32, 0.16] } })
      map.addLayer({ id: 'hull-line', type: 'line', source: 'hulls', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': ['get', 'color'], 'line-width': ['case', ['get', 'selected'], 4, 2] } })
      map.addLayer({ id: 'hull-halo', type: 'circle', source: 'hulls', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': ['get', 'color'], 'circle-opacity': ['case', ['get', 'selected'], 0.32, 0.16], 'circle-radius': 22, 'circle-stroke-color': ['get', 'color'], 'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5] } })
      map.addLayer({ id: 'record-points', type: 'circle', source: 'points', paint: { 'circle-color': ['get', 'color'], 'circle-radius': 5, 'circle-stroke-width': 1.5, 'circle-stroke-color': '#fff' } })
      const popup = new Popup({ closeButton: false, closeOnClick: false })
      for (const layer of ['hull-fill', 'hull-halo', 'record-points']) {
        map.on('mousemove', layer, (e) => {
          const p = e.features?.[0]?.properties
          if (!p) return
          map.getCanvas().style.cursor = 'pointer'
          popup.setLngLat(e.lngLat).setText(String(p.name)).addTo(map)
        })
        map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; popup.remove() })
        map.on('click', layer, (e) => {
          const i = e.features?.[0]?.properties?.i
          if (typeof i === 'number') selectRef.current(i)
        })
      }
    })
    return () => { unorient(); map.remove(); mapRef.current = null }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    const apply = () => {
      const src = map.getSource('hulls') as GeoJSONSource | undefined
      if (!src) return
      src.setData(features(clusters, tiles.crs, selected).hulls)
      if (selected !== null && clusters[selected]) map.fitBounds(boundsOf([clusters[selected]], tiles.crs), { padding: 120, maxZoom: 18, duration: 400 })
    }
    if (map.isStyleLoaded()) apply()
    else map.once('load', apply)
  }, [selected, clusters, tiles.crs])
  return <div ref={ref} role="region" aria-label={label} style={{ height: 520, borderRadius: 8, overflow: 'hidden', border: '1px solid #f0f0f0' }} />
}
