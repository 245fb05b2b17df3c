// Locate: which grid contains a point, and the chain of org nodes above it. Public, since
// residents and anonymous reporters need "my grid" before they log in; it reveals only names.
import gcoordModule from 'gcoord'
import { AppError } from '../../kernel/errors.ts'
import type { Executor } from '../../kernel/db/client.ts'
import type { OrgService } from '../orgs/orgs.service.ts'

// gcoord is CommonJS; its typings declare the namespace as a default export.
const gcoord = gcoordModule as unknown as (typeof gcoordModule)['default']

export type Crs = 'wgs84' | 'gcj02'

export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat]
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return [x, y]
}

export function createGeoService(deps: { db: Executor; orgs: Pick<OrgService, 'gridAt' | 'nearestGrid' | 'nearestBuilding' | 'liveBuilding' | 'orientation'> }) {
  const { db, orgs } = deps
  return {
    /** The grid containing a point, or null; read with `ex` (a caller's transaction, or db). */
    async findGridAt(ex: Executor, q: { lng: number; lat: number; crs: Crs }) {
      const [lng, lat] = toWgs84(q.lng, q.lat, q.crs)
      return orgs.gridAt(ex, lng, lat)
    },

    /** The building nearest a WGS-84 point within `maxM` metres, or null; read with `ex`. */
    nearestBuilding: (ex: Executor, lng: number, lat: number, maxM = 150) => orgs.nearestBuilding(ex, lng, lat, maxM),

    /** A live building by id (with its path), or null; read with `ex`. */
    findBuilding: (ex: Executor, id: string) => orgs.liveBuilding(ex, id),

    /**
     * GET /geo/context: the outlines of communities, grids and estates in a box and, when the box is
     * at most about 3 km across, its buildings: every map draws them so a person can orient without
     * any tile key (issue 13: maps were an empty beige square).
     */
    async context(q: { bbox: [number, number, number, number] }) {
      const [west, south, east, north] = q.bbox
      if (west >= east || south >= north) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'bbox', message: 'geo.bboxOrder' }])
      if (east - west > 2 || north - south > 2) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'bbox', message: 'geo.bboxTooLarge' }])
      const withBuildings = east - west <= 0.03 && north - south <= 0.03
      const found = await orgs.orientation({ west, south, east, north }, withBuildings)
      return {
        type: 'FeatureCollection' as const,
        buildings: withBuildings,
        features: found.map((f) => ({ type: 'Feature' as const, id: f.id, geometry: f.geometry, properties: { id: f.id, kind: f.kind, name: f.name, labelAt: f.labelAt } })),
      }
    },

    async locate(q: { lng: number; lat: number; crs: Crs }) {
      const [lng, lat] = toWgs84(q.lng, q.lat, q.crs)
      const grid = await orgs.gridAt(db, lng, lat)
      if (!grid) {
        const nearest = await orgs.nearestGrid(lng, lat)
        throw new AppError(404, 'LOCATION_OUTSIDE', {}, {
          point: { lng, lat },
          nearestGrid: nearest ? { id: nearest.id, name: nearest.name, distanceM: Math.round(nearest.distanceM) } : null,
        })
      }
      // The nearest building within 150 m names the place in words people know (reverse geocoding from Linli's own buildings).
      const b = await orgs.nearestBuilding(db, lng, lat, 150)
      const building = b ? { id: b.id, name: b.name, distanceM: Math.round(b.distanceM), community: b.communityId ? { id: b.communityId, name: b.communityName! } : null } : null
      return { grid: { id: grid.id, name: grid.name }, ancestors: grid.ancestors, point: { lng, lat }, building }
    },
  }
}

export type GeoService = ReturnType<typeof createGeoService>
