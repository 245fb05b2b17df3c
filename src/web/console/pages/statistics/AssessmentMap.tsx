// The choropleth of 考核排名: each child's outline (GET /orgs/:id/children.geojson) filled with the
// band (red, yellow, green, grey without data) of one chosen scorecard line, the value and the
// figure behind it on hover; a click drills into the child. The map as the hotspots page draws it
// (maplibre, the configured base map or none).
import { useEffect, useMemo, useRef } from 'react'
import { LngLatBounds, Map as MlMap, NavigationControl, Popup, setWorkerUrl } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { CELL_COLORS } from './assessmentLabels.ts'

setWorkerUrl(workerUrl)

type Geometry = { type: string; coordinates: unknown }
export interface AreaFeature { id: string; name: string; geometry: Geometry; color: keyof typeof CELL_COLORS; text: string }
interface Props { areas: AreaFeature[]; onPick: (id: string) => void; label: string }

const HEIGHT = 420

export function AssessmentMap(props: Props) {
  const tiles = useMapTiles()
  if (!tiles) return <div style={{ height: HEIGHT }} />
  // A new set of outlines (another node) makes a new map; a new indicator only recolours it.
  return <Canvas key={`${tiles.crs}:${props.areas.map((a) => a.id).join(',')}`} tiles={tiles} {...props} />
}

function collection(areas: AreaFeature[], crs: MapTiles['crs']) {
  return {
    type: 'FeatureCollection' as const,
    features: areas.map((a) => ({ type: 'Feature' as const, properties: { id: a.id, fill: CELL_COLORS[a.color].map, text: a.text }, geometry: toDisplay(a.geometry as never, crs) })),
  }
}

function boundsOf(geojson: ReturnType<typeof collection>) {
  const b = new LngLatBounds()
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') b.extend(c as [number, number])
    else if (Array.isArray(c)) c.forEach(walk)
  }
  for (const f of geojson.features) walk((f.geometry as unknown as Geometry).coordinates)
  return b
}

function Canvas({ tiles, areas, onPick, label }: Props & { tiles: MapTiles }) {
  const ref = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MlMap | null>(null)
  const pickRef = useRef(onPick)
  pickRef.current = onPick
  const data = useMemo(() => collection(areas, tiles.crs), [areas, tiles.crs])
  useEffect(() => {
    const map = new MlMap({
      container: ref.current!,
      style: {
        version: 8,
        sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
      },
      bounds: data.features.length ? boundsOf(data) : undefined,
      fitBoundsOptions: { padding: 30, maxZoom: 18.5 },
      center: data.features.length ? undefined : [115.86, 28.68],
      zoom: data.features.length ? undefined : 12,
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      fadeDuration: 0,
    })
    mapRef.current = map
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data })
      map.addLayer({ id: 'area-fill', type: 'fill', source: 'areas', paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.55 } })
      map.addLayer({ id: 'area-line', type: 'line', source: 'areas', paint: { 'line-color': '#ffffff', 'line-width': 2 } })
      const popup = new Popup({ closeButton: false, closeOnClick: false })
      map.on('mousemove', 'area-fill', (e) => {
        const p = e.features?.[0]?.properties
        if (!p) return
        map.getCanvas().style.cursor = 'pointer'
        popup.setLngLat(e.lngLat).setText(String(p.text)).addTo(map)
      })
      map.on('mouseleave', 'area-fill', () => { map.getCanvas().style.cursor = ''; popup.remove() })
      map.on('click', 'area-fill', (e) => {
        const id = e.features?.[0]?.properties?.id
        if (id) pickRef.current(String(id))
      })
    })
    return () => { map.remove(); mapRef.current = null }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    const apply = () => (map.getSource('areas') as { setData?: (d: unknown) => void } | undefined)?.setData?.(data)
    if (map.isStyleLoaded()) apply()
    else map.once('load', apply)
  }, [data])
  return <div ref={ref} role="region" aria-label={label} data-testid="assessment-map" style={{ height: HEIGHT, borderRadius: 8, overflow: 'hidden', border: '1px solid #f0f0f0' }} />
}
