// Locate: which grid contains a point, and the chain of org nodes above it. Public, since
// residents and anonymous reporters need "my grid" before they log in; it reveals only names.
import gcoordModule from 'gcoord'
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import type { OrgKind } from '../orgs/orgs.schemas.ts'

// gcoord is CommonJS; its typings declare the namespace as a default export.
const gcoord = gcoordModule as unknown as (typeof gcoordModule)['default']

export type Crs = 'wgs84' | 'gcj02'

export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat]
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return [x, y]
}

export function createGeoService(deps: { db: Executor }) {
  const { db } = deps
  async function gridAt(lng: number, lat: number) {
    return firstRow<{ id: string; name: string; path: string }>(
      db,
      sql`SELECT id::text, name, path::text FROM orgs
          WHERE kind = 'grid' AND deleted_at IS NULL AND ST_Contains(geometry, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326))
          ORDER BY id LIMIT 1`,
    )
  }

  return {
    /** The grid containing a point, or null; no permission check (a grid's name is public). */
    async findGridAt(q: { lng: number; lat: number; crs: Crs }) {
      const [lng, lat] = toWgs84(q.lng, q.lat, q.crs)
      return gridAt(lng, lat)
    },

    async locate(q: { lng: number; lat: number; crs: Crs }) {
      const [lng, lat] = toWgs84(q.lng, q.lat, q.crs)
      const point = sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`
      const grid = await gridAt(lng, lat)
      if (!grid) {
        const nearest = await firstRow<{ id: string; name: string; distance_m: number }>(
          db,
          sql`SELECT id::text, name, ST_Distance(geometry::geography, ${point}::geography) AS distance_m
              FROM orgs WHERE kind = 'grid' AND deleted_at IS NULL AND geometry IS NOT NULL
              ORDER BY geometry <-> ${point} LIMIT 1`,
        )
        throw new AppError(404, 'LOCATION_OUTSIDE', {}, {
          point: { lng, lat },
          nearestGrid: nearest ? { id: nearest.id, name: nearest.name, distanceM: Math.round(nearest.distance_m) } : null,
        })
      }
      const ancestors = await rows<{ id: string; kind: OrgKind; name: string }>(
        db,
        sql`SELECT id::text, kind, name FROM orgs WHERE path @> ${grid.path}::ltree AND id <> ${grid.id} ORDER BY nlevel(path)`,
      )
      return { grid: { id: grid.id, name: grid.name }, ancestors, point: { lng, lat } }
    },
  }
}

export type GeoService = ReturnType<typeof createGeoService>
