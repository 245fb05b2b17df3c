// The map of a node and its children (MapLibre GL). Without a configured base map nothing is
// fetched but the worker script from this site; with one (Tianditu or AMap, see baseMap.ts) its
// raster tiles lie under Linli's layers. Polygons are filled and outlined, points drawn as
// circles, names shown as HTML labels (a text layer would need glyphs from the network). A click
// on a child opens it. Grid boundaries are drawn and edited with terra-draw.
//
// Geometry is WGS-84 everywhere but on AMap's GCJ-02 tiles: there everything drawn goes through
// toDisplay, and everything drawn by the user comes back through fromDisplay (shared/crs.ts).
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Map as MlMap, Marker, NavigationControl, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { fromDisplay, toDisplay, type Crs } from '../../../shared/crs.ts'
import { bboxOf, labelPoint, roundPolygon, type Geometry, type Org, type OrgFeatureCollection, type PolygonGeometry, type Position } from './model.ts'
import { kindColors } from './KindTag.tsx'
import { useOrgLabels } from './labels.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'

setWorkerUrl(workerUrl)

export type DrawMode = 'none' | 'create' | 'edit'

interface OrgMapProps {
  org: Org
  features: OrgFeatureCollection | undefined
  /** The node's siblings, drawn faintly for context (e.g. the neighbouring grids). */
  siblings?: OrgFeatureCollection | undefined
  drawMode: DrawMode
  /** Changes when a new drawing session starts (e.g. "draw again"). */
  drawSession: number
  overlaps: Geometry[]
  onOpen(id: string): void
  onDrawn(g: PolygonGeometry | null): void
  height?: number
}

const BACKGROUND = '#f4f1ea'
/** The plain background, and the base map's tiles above it (Linli's layers go on top). */
function styleFor(tiles: MapTiles): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'bg', type: 'background', paint: { 'background-color': BACKGROUND } }],
  }
  if (tiles.provider !== 'none') {
    style.sources.basemap = { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution }
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' })
  }
  return style
}
const empty = { type: 'FeatureCollection' as const, features: [] }
const isArea = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false] as const
const kindColor = ['match', ['get', 'kind'], ...Object.entries(kindColors).flat(), '#666666'] as unknown as string

const mapLocales = {
  zh: { 'Map.Title': '地图', 'NavigationControl.ZoomIn': '放大', 'NavigationControl.ZoomOut': '缩小', 'NavigationControl.ResetBearing': '重置方向' },
  en: { 'Map.Title': 'Map', 'NavigationControl.ZoomIn': 'Zoom in', 'NavigationControl.ZoomOut': 'Zoom out', 'NavigationControl.ResetBearing': 'Reset bearing' },
}

function labelElement(text: string, point: boolean): HTMLElement {
  const el = document.createElement('div')
  el.textContent = text
  el.className = 'linli-map-label'
  Object.assign(el.style, {
    pointerEvents: 'none',
    whiteSpace: 'nowrap',
    fontSize: point ? '11px' : '13px',
    fontWeight: point ? '400' : '600',
    color: '#1f1f1f',
    textShadow: '0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff',
  })
  return el
}

/** The map's frame: its accessible name, its readiness for the tests, and the plain background. */
function MapFrame({ org, height, ready, children }: { org: Org; height: number; ready: boolean; children?: ReactNode }) {
  const { L, f } = useOrgLabels()
  return (
    <div
      role="region"
      aria-label={f(L.mapLabel, { name: org.name })}
      data-map-ready={ready ? 'true' : 'false'}
      data-org-id={org.id}
      style={{ position: 'relative', height, borderRadius: 6, overflow: 'hidden', border: '1px solid #e5e0d5', background: BACKGROUND }}
    >
      {children}
    </div>
  )
}

/** Waits for the base map's configuration (one small request per page load), then shows the map. */
export function OrgMap(props: OrgMapProps) {
  const tiles = useMapTiles()
  if (!tiles) return <MapFrame org={props.org} height={props.height ?? 440} ready={false} />
  // A different base map is a different map (style, attribution, coordinate system).
  return <OrgMapView key={`${tiles.crs} ${tiles.tiles.join(' ')}`} {...props} tiles={tiles} />
}

const keyOf = (p: Position) => `${p[0]},${p[1]}`

function OrgMapView({ org, features, siblings, drawMode, drawSession, overlaps, onOpen, onDrawn, height = 440, tiles }: OrgMapProps & { tiles: MapTiles }) {
  const { L, lang } = useOrgLabels()
  const crs: Crs = tiles.crs
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MlMap | null>(null)
  const markersRef = useRef<Marker[]>([])
  const contextMarkersRef = useRef<Marker[]>([])
  const nodeMarkerRef = useRef<Marker | null>(null)
  const [ready, setReady] = useState(false)
  const [fitted, setFitted] = useState<string | null>(null)
  const drawModeRef = useRef(drawMode)
  drawModeRef.current = drawMode
  const onOpenRef = useRef(onOpen)
  onOpenRef.current = onOpen
  const onDrawnRef = useRef(onDrawn)
  onDrawnRef.current = onDrawn

  // What is drawn, in the base map's coordinate system.
  const shownFeatures = useMemo(() => features && toDisplay(features, crs), [features, crs])
  const shownSiblings = useMemo(() => siblings && toDisplay(siblings, crs), [siblings, crs])
  const geometryKey = org.geometry ? JSON.stringify(org.geometry) : ''
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shownGeometry = useMemo(() => org.geometry && toDisplay(org.geometry, crs), [geometryKey, crs])
  const shownOverlaps = useMemo(() => toDisplay(overlaps, crs), [overlaps, crs])

  // The map itself, once per mount.
  useEffect(() => {
    const map = new MlMap({
      container: containerRef.current!,
      style: styleFor(tiles),
      center: toDisplay([115.68, 28.75] as Position, crs),
      zoom: 12,
      // The tiles' source is credited when there are tiles.
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      locale: mapLocales[lang],
      fadeDuration: 0,
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
    })
    map.touchZoomRotate.disableRotation()
    map.keyboard.disableRotation()
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    mapRef.current = map
    ;(window as unknown as { __linliMap?: MlMap }).__linliMap = map
    map.on('load', () => {
      map.addSource('context', { type: 'geojson', data: empty })
      map.addSource('children', { type: 'geojson', data: empty })
      map.addSource('node', { type: 'geojson', data: empty })
      map.addSource('overlap', { type: 'geojson', data: empty })
      map.addLayer({ id: 'context-fill', type: 'fill', source: 'context', filter: isArea as never, paint: { 'fill-color': '#8c8c8c', 'fill-opacity': 0.08 } })
      map.addLayer({ id: 'context-line', type: 'line', source: 'context', filter: isArea as never, paint: { 'line-color': '#8c8c8c', 'line-width': 1 } })
      map.addLayer({ id: 'children-fill', type: 'fill', source: 'children', filter: isArea as never, paint: { 'fill-color': kindColor, 'fill-opacity': 0.16 } })
      map.addLayer({ id: 'children-line', type: 'line', source: 'children', filter: isArea as never, paint: { 'line-color': kindColor, 'line-width': 1.5 } })
      map.addLayer({ id: 'node-line', type: 'line', source: 'node', filter: isArea as never, paint: { 'line-color': '#262626', 'line-width': 2.5, 'line-dasharray': [3, 1.5] } })
      // A node that is a point (a building placed by its entrance): a ringed dot, not an empty frame.
      map.addLayer({
        id: 'node-point',
        type: 'circle',
        source: 'node',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 8, 'circle-color': '#c8102e', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
      })
      map.addLayer({
        id: 'children-point',
        type: 'circle',
        source: 'children',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 5, 'circle-color': kindColor, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      })
      map.addLayer({ id: 'overlap-fill', type: 'fill', source: 'overlap', paint: { 'fill-color': '#e00000', 'fill-opacity': 0.5 } })
      map.addLayer({ id: 'overlap-line', type: 'line', source: 'overlap', paint: { 'line-color': '#c00000', 'line-width': 2.5 } })
      setReady(true)
    })
    const clickable = ['children-fill', 'children-point', 'context-fill']
    map.on('click', clickable, (e) => {
      if (drawModeRef.current !== 'none') return
      const id = e.features?.[0]?.properties?.id
      if (id !== undefined) onOpenRef.current(String(id))
    })
    map.on('mousemove', clickable, () => {
      if (drawModeRef.current === 'none') map.getCanvas().style.cursor = 'pointer'
    })
    map.on('mouseleave', clickable, () => {
      if (drawModeRef.current === 'none') map.getCanvas().style.cursor = ''
    })
    return () => {
      markersRef.current.forEach((m) => m.remove())
      markersRef.current = []
      contextMarkersRef.current.forEach((m) => m.remove())
      contextMarkersRef.current = []
      nodeMarkerRef.current?.remove()
      nodeMarkerRef.current = null
      map.remove()
      mapRef.current = null
      const w = window as unknown as { __linliMap?: MlMap }
      if (w.__linliMap === map) delete w.__linliMap
      setReady(false)
    }
    // The UI language is fixed for a map's life; the parent remounts it on a switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Children and their labels.
  useEffect(() => {
    const map = mapRef.current
    if (!ready || !map) return
    ;(map.getSource('children') as GeoJSONSource).setData(shownFeatures ?? empty)
    markersRef.current.forEach((m) => m.remove())
    const list = shownFeatures?.features ?? []
    const points = list.filter((x) => x.geometry.type === 'Point')
    markersRef.current = list
      .filter((x) => x.geometry.type !== 'Point' || points.length <= 60)
      .map((x) => {
        const point = x.geometry.type === 'Point'
        return new Marker({ element: labelElement(x.properties.name, point), anchor: point ? 'left' : 'center', offset: point ? [8, 0] : [0, 0] })
          .setLngLat(labelPoint(x.geometry))
          .addTo(map)
      })
  }, [ready, shownFeatures])

  // Siblings for context, labelled in grey.
  useEffect(() => {
    const map = mapRef.current
    if (!ready || !map) return
    const others = { type: 'FeatureCollection' as const, features: (shownSiblings?.features ?? []).filter((x) => x.id !== org.id && x.geometry.type !== 'Point') }
    ;(map.getSource('context') as GeoJSONSource).setData(others)
    contextMarkersRef.current.forEach((m) => m.remove())
    contextMarkersRef.current = others.features.map((x) => {
      const el = labelElement(x.properties.name, true)
      el.style.color = '#595959'
      return new Marker({ element: el, anchor: 'center' }).setLngLat(labelPoint(x.geometry)).addTo(map)
    })
  }, [ready, shownSiblings, org.id])

  // The node's own outline, and the view fitted to it (or to its children when it has none).
  const hasFeatures = !!features
  useEffect(() => {
    const map = mapRef.current
    if (!ready || !map) return
    ;(map.getSource('node') as GeoJSONSource).setData(shownGeometry ? { type: 'Feature', geometry: shownGeometry, properties: {} } : empty)
    nodeMarkerRef.current?.remove()
    nodeMarkerRef.current = shownGeometry?.type === 'Point'
      ? new Marker({ element: labelElement(org.name, true), anchor: 'left', offset: [12, 0] }).setLngLat(shownGeometry.coordinates as [number, number]).addTo(map)
      : null
    const box = bboxOf(shownGeometry ? [shownGeometry] : (shownFeatures?.features ?? []).map((x) => x.geometry))
    if (box) {
      // Room on the right for point labels and the zoom buttons.
      map.fitBounds([[box[0], box[1]], [box[2], box[3]]], { padding: { top: 36, bottom: 36, left: 36, right: 96 }, animate: false, maxZoom: 17 })
      setFitted(org.id)
    } else if (hasFeatures || !org.geometry) setFitted(org.id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, org.id, geometryKey, hasFeatures])

  // Refused overlaps, in red.
  useEffect(() => {
    const map = mapRef.current
    if (!ready || !map) return
    ;(map.getSource('overlap') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: shownOverlaps.map((g) => ({ type: 'Feature' as const, geometry: g, properties: {} })),
    })
    // Above the drawing being edited.
    map.moveLayer('overlap-fill')
    map.moveLayer('overlap-line')
  }, [ready, shownOverlaps])

  // A drawing session: polygon mode to draw a new boundary, select mode to move its corners.
  const initial = drawMode === 'edit' && org.geometry?.type === 'Polygon' ? org.geometry : null
  useEffect(() => {
    const map = mapRef.current
    if (!ready || !map || drawMode === 'none') return
    // The boundary being edited as shown (≤ 7 decimals, as terra-draw requires), and its corners'
    // own WGS-84 positions, so corners left where they were are saved exactly as they were.
    const shownInitial = initial && toDisplay(initial, crs)
    const originals = new Map<string, Position>()
    initial?.coordinates.forEach((ring, i) => ring.forEach((p, j) => {
      const shown = shownInitial!.coordinates[i]![j]!
      originals.set(keyOf(shown), p)
    }))
    const backToWgs = (g: PolygonGeometry): PolygonGeometry =>
      roundPolygon({ type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map((p) => originals.get(keyOf(p)) ?? fromDisplay(p, crs))) })
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 7 }),
      modes: [
        new TerraDrawPolygonMode({
          styles: { fillColor: '#1668dc', fillOpacity: 0.2, outlineColor: '#1668dc', outlineWidth: 2, closingPointColor: '#ffffff', closingPointOutlineColor: '#1668dc', closingPointWidth: 5, closingPointOutlineWidth: 2 },
        }),
        new TerraDrawSelectMode({
          flags: { polygon: { feature: { draggable: false, coordinates: { midpoints: true, draggable: true, deletable: true } } } },
          // The boundary stays selected (its corners visible) and cannot be deleted by a stray key.
          allowManualDeselection: false,
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          styles: { selectedPolygonColor: '#1668dc', selectedPolygonFillOpacity: 0.2, selectedPolygonOutlineColor: '#1668dc', selectedPolygonOutlineWidth: 2, selectionPointColor: '#ffffff', selectionPointOutlineColor: '#1668dc', selectionPointWidth: 5, selectionPointOutlineWidth: 2, midPointColor: '#1668dc', midPointOutlineColor: '#ffffff' },
        }),
      ],
    })
    let featureId: string | number | null = null
    let stopped = false
    const report = () => {
      const feature = featureId === null ? undefined : draw.getSnapshotFeature(featureId)
      onDrawnRef.current(feature && feature.geometry.type === 'Polygon' ? backToWgs(feature.geometry as PolygonGeometry) : null)
    }
    const editFeature = (id: string | number) => {
      featureId = id
      draw.setMode('select')
      draw.selectFeature(id)
      report()
    }
    draw.on('ready', () => {
      if (stopped) return
      if (shownInitial) {
        const [added] = draw.addFeatures([{ type: 'Feature', geometry: shownInitial, properties: { mode: 'polygon' } } as GeoJSONStoreFeatures])
        if (added?.valid) return editFeature(added.id!)
      }
      draw.setMode('polygon')
    })
    draw.on('finish', (id) => {
      if (stopped) return
      if (draw.getMode() === 'polygon') setTimeout(() => !stopped && editFeature(id), 0)
      else report()
    })
    draw.on('change', (ids, type) => {
      if (!stopped && featureId !== null && type !== 'styling' && ids.includes(featureId) && draw.getMode() === 'select') report()
    })
    map.getCanvas().style.cursor = 'crosshair'
    draw.start()
    return () => {
      stopped = true
      draw.stop()
      map.getCanvas().style.cursor = ''
      onDrawnRef.current(null)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, drawMode, drawSession])

  const noData = ready && fitted === org.id && !org.geometry && !(features?.features.length)
  return (
    <MapFrame org={org} height={height} ready={ready && fitted === org.id}>
      <div ref={containerRef} style={{ position: 'absolute', inset: 0 }} />
      {noData && (
        <div style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', color: '#595959', pointerEvents: 'none' }}>{L.mapEmpty}</div>
      )}
    </MapFrame>
  )
}
