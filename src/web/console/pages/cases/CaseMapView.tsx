// Cases as points on a MapLibre map, coloured by state (overdue ones ringed in red). The map page
// passes `onBounds` to load what is in view; a click on a point opens a popup linking to the
// case. The case page uses it for its one point. On AMap's GCJ-02 tiles the points go through
// toDisplay (shared/crs.ts).
import { useEffect, useMemo, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { Map as MlMap, NavigationControl, Popup, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { fromDisplay, toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { addOrientation } from '../../../shared/orientation.ts'
import { stateColors } from './parts.tsx'
import { useCaseLabels } from '../../../shared/caseLabels.ts'

setWorkerUrl(workerUrl)

export interface CasePoint {
  type: 'Feature'
  geometry: { type: 'Point'; coordinates: [number, number] }
  properties: { id: string; state: string; categoryCode: string; overdue: boolean; level: string }
}
export interface CaseCollection {
  type: 'FeatureCollection'
  /** More cases in view than `limit`: only the newest `limit` are here. */
  truncated?: boolean
  limit?: number
  features: CasePoint[]
}

type Bbox = [number, number, number, number]

interface Props {
  features: CasePoint[]
  label: string
  height: number
  /** Called with the WGS-84 box in view after each move. */
  onBounds?: (bbox: Bbox) => void
  /** Fit the view to the points once they first arrive. */
  fitOnce?: boolean
  zoom?: number
}

const BACKGROUND = '#f4f1ea'
const stateColor = ['match', ['get', 'state'], ...Object.entries(stateColors).flat(), '#595959'] as unknown as string

function mapStyle(tiles: MapTiles): StyleSpecification {
  const basemap = tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }]
  return {
    version: 8,
    sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
    layers: [{ id: 'bg', type: 'background', paint: { 'background-color': BACKGROUND } }, ...basemap],
  }
}

export function CaseMapView(props: Props) {
  const tiles = useMapTiles()
  const frame = { role: 'region', 'aria-label': props.label, style: { position: 'relative' as const, height: props.height, borderRadius: 6, overflow: 'hidden', border: '1px solid #e5e0d5', background: BACKGROUND } }
  if (!tiles) return <div {...frame} data-map-ready="false" />
  return (
    <div {...frame}>
      <MapCanvas key={`${tiles.crs} ${tiles.tiles.join(' ')}`} {...props} tiles={tiles} />
    </div>
  )
}

function MapCanvas({ features, onBounds, fitOnce = true, zoom = 16, tiles }: Props & { tiles: MapTiles }) {
  const { L, state, lang } = useCaseLabels()
  const navigate = useNavigate()
  const ref = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MlMap | null>(null)
  const [ready, setReady] = useState(false)
  const fitted = useRef(false)
  const onBoundsRef = useRef(onBounds)
  onBoundsRef.current = onBounds
  const labelsRef = useRef({ L, state, navigate })
  labelsRef.current = { L, state, navigate }
  const shown = useMemo(() => toDisplay({ type: 'FeatureCollection' as const, features }, tiles.crs), [features, tiles.crs])

  useEffect(() => {
    const map = new MlMap({
      container: ref.current!,
      style: mapStyle(tiles),
      center: [115.68, 28.75],
      zoom: 12,
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      locale: lang === 'en' ? { 'NavigationControl.ZoomIn': 'Zoom in', 'NavigationControl.ZoomOut': 'Zoom out' } : { 'NavigationControl.ZoomIn': '放大', 'NavigationControl.ZoomOut': '缩小' },
      fadeDuration: 0,
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
    })
    map.touchZoomRotate.disableRotation()
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    mapRef.current = map
    let unorient = () => {}
    map.on('load', () => {
      // Outlines and buildings under the points, so the map can be read without a tile key.
      unorient = addOrientation(map, tiles.crs)
      map.addSource('cases', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
      map.addLayer({
        id: 'cases',
        type: 'circle',
        source: 'cases',
        paint: {
          'circle-radius': 7,
          'circle-color': stateColor,
          'circle-stroke-color': ['case', ['to-boolean', ['get', 'overdue']], '#cf1322', '#ffffff'],
          'circle-stroke-width': ['case', ['to-boolean', ['get', 'overdue']], 3, 1.5],
        },
      })
      setReady(true)
    })
    const report = () => {
      const b = map.getBounds()
      const sw = fromDisplay([b.getWest(), b.getSouth()] as [number, number], tiles.crs)
      const ne = fromDisplay([b.getEast(), b.getNorth()] as [number, number], tiles.crs)
      onBoundsRef.current?.([sw[0], sw[1], ne[0], ne[1]].map((n) => Math.round(n * 1e6) / 1e6) as Bbox)
    }
    map.on('moveend', report)
    map.on('click', 'cases', (e) => {
      const f = e.features?.[0]
      if (!f || f.geometry.type !== 'Point') return
      const { L: labels, state: stateName, navigate: go } = labelsRef.current
      const id = String(f.properties.id)
      const el = document.createElement('div')
      const title = document.createElement('div')
      title.textContent = `#${id} · ${stateName(String(f.properties.state))}`
      title.style.fontWeight = '600'
      const link = document.createElement('a')
      link.href = `/cases/${id}`
      link.textContent = labels.open
      link.style.color = '#0958d9'
      link.addEventListener('click', (ev) => {
        ev.preventDefault()
        go(`/cases/${id}`)
      })
      el.append(title, link)
      new Popup({ closeButton: true, closeOnClick: true }).setLngLat(f.geometry.coordinates as [number, number]).setDOMContent(el).addTo(map)
    })
    map.on('mouseenter', 'cases', () => (map.getCanvas().style.cursor = 'pointer'))
    map.on('mouseleave', 'cases', () => (map.getCanvas().style.cursor = ''))
    return () => {
      unorient()
      map.remove()
      mapRef.current = null
      setReady(false)
    }
    // The language and tiles are fixed for a map's life (the parent remounts it on a change).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const map = mapRef.current
    if (!ready || !map) return
    ;(map.getSource('cases') as GeoJSONSource).setData(shown)
    if (fitted.current || !fitOnce) return
    const pts = shown.features.map((x) => x.geometry.coordinates)
    if (pts.length === 0) return
    fitted.current = true
    const lngs = pts.map((p) => p[0])
    const lats = pts.map((p) => p[1])
    map.fitBounds([[Math.min(...lngs), Math.min(...lats)], [Math.max(...lngs), Math.max(...lats)]], { padding: 48, animate: false, maxZoom: zoom })
  }, [ready, shown, fitOnce, zoom])

  return <div ref={ref} data-map-ready={ready ? 'true' : 'false'} style={{ position: 'absolute', inset: 0 }} />
}
