// The maps of the 应急动员 page (MapLibre on the configured base map, oriented by the community and
// grid outlines): the emergency's responsibility zones and duty posts, and a picker that draws a
// zone's polygon by clicking its corners. Values are WGS-84, whatever the tiles draw in.
import { useEffect, useRef, useState } from 'react'
import { Map as MlMap, NavigationControl, Popup, setWorkerUrl, type GeoJSONSource, type LngLatBoundsLike } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { Button, Flex, Space, Tag, Typography } from 'antd'
import { fromDisplay, toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { addOrientation } from '../../../shared/orientation.ts'

setWorkerUrl(workerUrl)

export interface Polygon { type: 'Polygon'; coordinates: [number, number][][] }
export interface MapZone { id: string; name: string; area: Polygon; person: { name: string } }
export interface MapPost { id: string; name: string; kind: string; vanguard: boolean; lng: number; lat: number; coveredNow: boolean }

const ZONE_COLORS = ['#1677ff', '#13a8a8', '#722ed1', '#d46b08', '#389e0d', '#eb2f96']
const POST_COLORS = { covered: '#389e0d', uncovered: '#cf1322', ended: '#8c8c8c' }

function newMap(container: HTMLElement, tiles: MapTiles, coords: [number, number][]): MlMap {
  const shown = coords.map((c) => toDisplay(c, tiles.crs))
  const lngs = shown.map((c) => c[0])
  const lats = shown.map((c) => c[1])
  const bounds: LngLatBoundsLike | undefined = shown.length
    ? [[Math.min(...lngs) - 0.002, Math.min(...lats) - 0.002], [Math.max(...lngs) + 0.002, Math.max(...lats) + 0.002]] : undefined
  const map = new MlMap({
    container,
    style: {
      version: 8,
      sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
      layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
    },
    bounds, center: bounds ? undefined : [115.68, 28.75], zoom: bounds ? undefined : 13,
    attributionControl: tiles.provider === 'none' ? false : { compact: true },
    dragRotate: false, fadeDuration: 0,
  })
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
  return map
}

/** A legend's colour sample (no text, so it needs no contrast of its own). */
function Swatch({ color, round, ring }: { color: string; round?: boolean; ring?: boolean }) {
  return <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, marginInlineEnd: 6, verticalAlign: -1, background: color, borderRadius: round ? '50%' : 2, border: ring ? '2px solid #c8102e' : undefined }} />
}

const frame = { borderRadius: 8, overflow: 'hidden', border: '1px solid #f0f0f0' } as const

/** Zones as coloured polygons, posts as dots (green: held now; red: not; grey: the emergency ended), vanguard posts ringed. */
export function EmergencyMap({ zones, posts, area, ended, height = 460 }: { zones: MapZone[]; posts: MapPost[]; area: Polygon | null; ended: boolean; height?: number }) {
  const tiles = useMapTiles()
  return (
    <div>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        {zones.map((z, i) => <Tag key={z.id}><Swatch color={ZONE_COLORS[i % ZONE_COLORS.length]!} />{z.name} · {z.person.name}</Tag>)}
        <Tag><Swatch color={ended ? POST_COLORS.ended : POST_COLORS.covered} round />{ended ? '点位（已结束）' : '在岗点位'}</Tag>
        {!ended && <Tag><Swatch color={POST_COLORS.uncovered} round />缺人点位</Tag>}
        <Tag><Swatch color="#fff" ring round />先锋岗</Tag>
      </Flex>
      <div role="region" aria-label="责任区和点位地图" style={{ ...frame, height }}>
        {tiles && <ZonesCanvas key={tiles.crs} tiles={tiles} zones={zones} posts={posts} area={area} ended={ended} />}
      </div>
    </div>
  )
}

function ZonesCanvas({ tiles, zones, posts, area, ended }: { tiles: MapTiles; zones: MapZone[]; posts: MapPost[]; area: Polygon | null; ended: boolean }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const coords = [...zones.flatMap((z) => z.area.coordinates[0] ?? []), ...posts.map((p) => [p.lng, p.lat] as [number, number]), ...(zones.length ? [] : area?.coordinates[0] ?? [])]
    const map = newMap(ref.current!, tiles, coords)
    let unorient = () => {}
    map.on('load', () => {
      unorient = addOrientation(map, tiles.crs)
      if (area) {
        map.addSource('area', { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: toDisplay(area, tiles.crs) } })
        map.addLayer({ id: 'area-line', type: 'line', source: 'area', paint: { 'line-color': '#cf1322', 'line-width': 2, 'line-dasharray': [2, 2] } })
      }
      map.addSource('zones', { type: 'geojson', data: { type: 'FeatureCollection', features: zones.map((z, i) => ({ type: 'Feature', properties: { name: `${z.name}（责任人：${z.person.name}）`, color: ZONE_COLORS[i % ZONE_COLORS.length] }, geometry: toDisplay(z.area, tiles.crs) })) } })
      map.addLayer({ id: 'zone-fill', type: 'fill', source: 'zones', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.18 } })
      map.addLayer({ id: 'zone-line', type: 'line', source: 'zones', paint: { 'line-color': ['get', 'color'], 'line-width': 2 } })
      map.addSource('posts', { type: 'geojson', data: { type: 'FeatureCollection', features: posts.map((p) => ({ type: 'Feature', properties: { name: `${p.name}${p.vanguard ? '（先锋岗）' : ''}`, vanguard: p.vanguard, color: ended ? POST_COLORS.ended : p.coveredNow ? POST_COLORS.covered : POST_COLORS.uncovered }, geometry: { type: 'Point', coordinates: toDisplay([p.lng, p.lat] as [number, number], tiles.crs) } })) } })
      map.addLayer({ id: 'post-ring', type: 'circle', source: 'posts', filter: ['==', ['get', 'vanguard'], true], paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-width': 2, 'circle-stroke-color': '#c8102e' } })
      map.addLayer({ id: 'post-dot', type: 'circle', source: 'posts', paint: { 'circle-radius': 7, 'circle-color': ['get', 'color'], 'circle-stroke-width': 2, 'circle-stroke-color': '#fff' } })
      const popup = new Popup({ closeButton: false, closeOnClick: false })
      for (const layer of ['post-dot', 'zone-fill']) {
        map.on('mousemove', layer, (e) => {
          const f = e.features?.[0]
          if (!f) return
          popup.setLngLat(e.lngLat).setText(String(f.properties!.name)).addTo(map)
        })
        map.on('mouseleave', layer, () => popup.remove())
      }
    })
    return () => { unorient(); map.remove() }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return <div ref={ref} style={{ width: '100%', height: '100%' }} />
}

/** Draws a polygon by clicking its corners (three at least); 撤销 takes the last one back. */
export function AreaPicker({ value, onChange, around, label }: { value?: Polygon | null; onChange?: (v: Polygon | null) => void; around: Polygon | null; label: string }) {
  const tiles = useMapTiles()
  const [corners, setCorners] = useState<[number, number][]>(value?.coordinates[0]?.slice(0, -1) ?? [])
  const update = (next: [number, number][]) => {
    setCorners(next)
    onChange?.(next.length >= 3 ? { type: 'Polygon', coordinates: [[...next, next[0]!]] } : null)
  }
  return (
    <div>
      <div role="region" aria-label={label} style={{ ...frame, height: 300, border: '1px solid #d9d9d9' }}>
        {tiles && <PickCanvas key={tiles.crs} tiles={tiles} corners={corners} around={around} onClick={(c) => update([...corners, c])} />}
      </div>
      <Space style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">在地图上依次点击责任区的各个角（至少 3 个），已点 {corners.length} 个</Typography.Text>
        <Button size="small" disabled={!corners.length} onClick={() => update(corners.slice(0, -1))}>撤销</Button>
        <Button size="small" disabled={!corners.length} onClick={() => update([])}>清除</Button>
      </Space>
    </div>
  )
}

function PickCanvas({ tiles, corners, around, onClick }: { tiles: MapTiles; corners: [number, number][]; around: Polygon | null; onClick: (c: [number, number]) => void }) {
  const ref = useRef<HTMLDivElement>(null)
  const map = useRef<MlMap | null>(null)
  const loaded = useRef(false)
  const click = useRef(onClick)
  click.current = onClick
  useEffect(() => {
    const m = newMap(ref.current!, tiles, around?.coordinates[0] ?? corners)
    map.current = m
    let unorient = () => {}
    m.on('load', () => {
      unorient = addOrientation(m, tiles.crs)
      if (around) {
        m.addSource('around', { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: toDisplay(around, tiles.crs) } })
        m.addLayer({ id: 'around-line', type: 'line', source: 'around', paint: { 'line-color': '#cf1322', 'line-width': 2, 'line-dasharray': [2, 2] } })
      }
      m.addSource('drawn', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
      m.addLayer({ id: 'drawn-fill', type: 'fill', source: 'drawn', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.2 } })
      m.addLayer({ id: 'drawn-line', type: 'line', source: 'drawn', paint: { 'line-color': '#1677ff', 'line-width': 2 } })
      m.addLayer({ id: 'drawn-corners', type: 'circle', source: 'drawn', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#1677ff' } })
      loaded.current = true
      draw(m, corners)
    })
    m.on('click', (e) => {
      const [lng, lat] = fromDisplay([e.lngLat.lng, e.lngLat.lat] as [number, number], tiles.crs)
      click.current([Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6])
    })
    return () => { unorient(); m.remove() }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  function draw(m: MlMap, cs: [number, number][]) {
    const shown = cs.map((c) => toDisplay(c, tiles.crs))
    const src = m.getSource('drawn') as GeoJSONSource | undefined
    src?.setData({ type: 'FeatureCollection', features: [
      ...shown.map((c) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: c } })),
      ...(shown.length >= 3 ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [[...shown, shown[0]!]] } }]
        : shown.length === 2 ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: shown } }] : []),
    ] })
  }
  useEffect(() => { if (map.current && loaded.current) draw(map.current, corners) })
  return <div ref={ref} style={{ width: '100%', height: '100%', cursor: 'crosshair' }} />
}

/** Marks one point (a duty post) by clicking; a new click moves it. */
export function PointPicker({ value, onChange, around, label }: { value?: { lng: number; lat: number } | null; onChange?: (v: { lng: number; lat: number }) => void; around: Polygon | null; label: string }) {
  const tiles = useMapTiles()
  const corners: [number, number][] = value ? [[value.lng, value.lat]] : []
  return (
    <div>
      <div role="region" aria-label={label} style={{ ...frame, height: 260, border: '1px solid #d9d9d9' }}>
        {tiles && <PickCanvas key={tiles.crs} tiles={tiles} corners={corners} around={around} onClick={([lng, lat]) => onChange?.({ lng, lat })} />}
      </div>
      <Typography.Text type="secondary">{value ? `已选：${value.lng.toFixed(6)}, ${value.lat.toFixed(6)}` : '在地图上点击点位所在位置'}</Typography.Text>
    </div>
  )
}
