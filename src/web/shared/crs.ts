// Linli keeps every geometry in WGS-84. Some base maps (AMap) draw their tiles in GCJ-02, so a
// map showing them converts what it draws into the tiles' system (toDisplay) and what comes back
// from the map (drawn polygons, clicked points) into WGS-84 (fromDisplay) before it reaches the
// API. Both work on a position, a geometry, a Feature or a FeatureCollection, return a new
// object (the input is never changed), round converted coordinates to 7 decimals (about 1 cm;
// also what terra-draw accepts), and return the input itself when the map is in WGS-84.
import gcoordModule from 'gcoord'

// gcoord is CommonJS with an ES build: under Vite the default import is the API, under
// Node (tsx) it is module.exports, which is the same object; `.default` covers other interops.
const gcoord = ((gcoordModule as unknown as { default?: typeof gcoordModule }).default ?? gcoordModule) as typeof gcoordModule

/** The coordinate system a base map's tiles are drawn in. */
export type Crs = 'wgs84' | 'gcj02'

type Pos = [number, number]
type Convert = (p: Pos) => Pos

const round7 = (n: number) => Math.round(n * 1e7) / 1e7

const wgsToGcj: Convert = (p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as Pos
const gcjToWgs: Convert = (p) => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as Pos

const isPosition = (v: unknown): v is number[] => Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number'

/** Coordinates at any depth (a position, a ring, a polygon, …), copied with each position converted. */
function mapCoords(v: unknown, fn: Convert): unknown {
  if (isPosition(v)) {
    const [x, y] = fn([v[0]!, v[1]!])
    return [round7(x), round7(y), ...v.slice(2)]
  }
  if (Array.isArray(v)) return v.map((c) => mapCoords(c, fn))
  return v
}

/** A GeoJSON object (or a bare position) copied with its coordinates converted; properties untouched. */
function convert<T>(input: T, fn: Convert): T {
  if (isPosition(input)) return mapCoords(input, fn) as T
  if (input === null || typeof input !== 'object') return input
  // A bbox would no longer match the converted coordinates: it is left out.
  const { bbox: _bbox, ...o } = input as Record<string, unknown>
  switch (o.type) {
    case 'Point':
    case 'MultiPoint':
    case 'LineString':
    case 'MultiLineString':
    case 'Polygon':
    case 'MultiPolygon':
      return { ...o, coordinates: mapCoords(o.coordinates, fn) } as T
    case 'GeometryCollection':
      return { ...o, geometries: (o.geometries as unknown[]).map((g) => convert(g, fn)) } as T
    case 'Feature':
      return { ...o, geometry: convert(o.geometry, fn) } as T
    case 'FeatureCollection':
      return { ...o, features: (o.features as unknown[]).map((f) => convert(f, fn)) } as T
    default:
      return input
  }
}

/** WGS-84 GeoJSON (or a position) as drawn on a map whose tiles are in `crs`. */
export function toDisplay<T>(geojson: T, crs: Crs): T {
  return crs === 'gcj02' ? convert(geojson, wgsToGcj) : geojson
}

/** GeoJSON (or a position) taken from a map whose tiles are in `crs`, back in WGS-84. */
export function fromDisplay<T>(geojson: T, crs: Crs): T {
  return crs === 'gcj02' ? convert(geojson, gcjToWgs) : geojson
}
