// Something to orient by on every map, with no tile key: the outlines of communities, grids and
// estates in view and, close up, the building points, each named (GET /geo/context, public). Drawn
// under whatever the map shows on top (cases, a picked point). Names are DOM labels, as the org
// page draws them: MapLibre's text needs glyph files that an offline server does not have.
import { Marker, type GeoJSONSource, type Map as MlMap } from 'maplibre-gl'
import { api } from './api.ts'
import { fromDisplay, toDisplay, type Crs } from './crs.ts'

interface ContextFeature {
  type: 'Feature'
  id: string
  geometry: { type: string; coordinates: unknown }
  properties: { id: string; kind: string; name: string; labelAt: { type: 'Point'; coordinates: [number, number] } }
}
interface Context {
  type: 'FeatureCollection'
  buildings: boolean
  features: ContextFeature[]
}

const AREA_KINDS = ['community', 'village', 'grid', 'estate']
/** Labels at once at most: beyond this the names would cover the map. */
const MAX_LABELS = 120

function label(text: string, kind: string): HTMLElement {
  const el = document.createElement('div')
  el.textContent = text
  el.className = `linli-orient-label linli-orient-${kind}`
  Object.assign(el.style, {
    pointerEvents: 'none',
    whiteSpace: 'nowrap',
    fontSize: kind === 'building' ? '11px' : kind === 'grid' || kind === 'estate' ? '12px' : '13px',
    fontWeight: kind === 'building' ? '400' : '600',
    color: kind === 'community' || kind === 'village' ? '#8c0d20' : '#262626',
    textShadow: '0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff',
  })
  return el
}

/**
 * Adds the orientation layers to a map (call once its style has loaded, before the layers it
 * draws on top). `beforeId`: a layer the outlines go under. Returns a function that removes the
 * labels and stops listening.
 */
export function addOrientation(map: MlMap, crs: Crs, beforeId?: string): () => void {
  map.addSource('orient', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
  const areas = ['in', ['get', 'kind'], ['literal', AREA_KINDS]]
  map.addLayer({ id: 'orient-fill', type: 'fill', source: 'orient', filter: ['all', areas, ['==', ['get', 'kind'], 'estate']] as never, paint: { 'fill-color': '#e8f0e2', 'fill-opacity': 0.6 } }, beforeId)
  // Two line layers: a dash pattern cannot vary by feature.
  map.addLayer({
    id: 'orient-line', type: 'line', source: 'orient', filter: ['in', ['get', 'kind'], ['literal', ['community', 'village', 'estate']]] as never,
    paint: {
      'line-color': ['match', ['get', 'kind'], 'estate', '#7aa36b', '#c8102e'] as never,
      'line-width': ['match', ['get', 'kind'], 'estate', 1, 2.5] as never,
    },
  }, beforeId)
  map.addLayer({
    id: 'orient-grid-line', type: 'line', source: 'orient', filter: ['==', ['get', 'kind'], 'grid'] as never,
    paint: { 'line-color': '#3b7ddd', 'line-width': 1.5, 'line-dasharray': [3, 2] },
  }, beforeId)
  map.addLayer({
    id: 'orient-buildings', type: 'circle', source: 'orient', filter: ['==', ['get', 'kind'], 'building'] as never,
    paint: { 'circle-radius': 3.5, 'circle-color': '#8c8c8c', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
  }, beforeId)

  let markers: Marker[] = []
  let current = 0
  let gone = false
  async function refresh() {
    const ask = ++current
    const b = map.getBounds()
    const sw = fromDisplay([b.getWest(), b.getSouth()] as [number, number], crs)
    const ne = fromDisplay([b.getEast(), b.getNorth()] as [number, number], crs)
    const w = Math.max(-180, sw[0]), s = Math.max(-90, sw[1]), e = Math.min(180, ne[0]), n = Math.min(90, ne[1])
    if (e - w > 2 || n - s > 2 || e <= w || n <= s) return
    let found: Context
    try {
      found = await api<Context>(`/geo/context?bbox=${[w, s, e, n].map((v) => v.toFixed(6)).join(',')}`, { quiet401: true })
    } catch {
      return // the map still works without them
    }
    if (gone || ask !== current) return
    const shown = toDisplay({ type: 'FeatureCollection' as const, features: found.features }, crs)
    ;(map.getSource('orient') as GeoJSONSource | undefined)?.setData(shown as never)
    for (const m of markers) m.remove()
    const zoom = map.getZoom()
    // Community names from afar, grids and estates closer, buildings only close up.
    const wanted = shown.features.filter((f) => {
      const k = f.properties.kind
      return k === 'community' || k === 'village' ? true : k === 'grid' || k === 'estate' ? zoom >= 13.5 : zoom >= 14.4
    }).slice(0, MAX_LABELS)
    markers = wanted.map((f) => {
      const at = toDisplay(f.properties.labelAt.coordinates, crs)
      const anchor = f.properties.kind === 'building' ? 'left' : 'center'
      return new Marker({ element: label(f.properties.name, f.properties.kind), anchor, offset: f.properties.kind === 'building' ? [6, 0] : [0, 0] }).setLngLat(at).addTo(map)
    })
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const onMove = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void refresh(), 150)
  }
  map.on('moveend', onMove)
  void refresh()
  return () => {
    gone = true
    clearTimeout(timer)
    map.off('moveend', onMove)
    for (const m of markers) m.remove()
    markers = []
  }
}
