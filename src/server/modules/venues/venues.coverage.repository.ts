// SQL of the 15-minute life circle: the buildings under a node with their registered residents
// and whether a venue of the kind asked for lies within reach (ST_DWithin on the sphere, the
// venues' geography index), and points of a lattice inside a node's outline.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { residentHomes } from '../residents/residents.read.ts'
import type { VenueKind } from './venues.schemas.ts'

export interface BuildingRow {
  id: string
  name: string
  path: string
  lng: number
  lat: number
  residents: number
  covered: boolean
}

export function venueFilter(f: { serviceType?: string; kind?: string }): SQL {
  const where: SQL[] = [sql`v.deleted_at IS NULL`]
  if (f.serviceType) where.push(sql`v.services @> ARRAY[${f.serviceType}]::text[]`)
  if (f.kind) where.push(sql`v.kind = ${f.kind}`)
  return sql.join(where, sql` AND `)
}

/** Every building under `path`, its residents and whether a matching venue lies within `radius` metres (straight line). */
export async function buildingsWithCover(ex: Executor, path: string, radius: number, f: { serviceType?: string; kind?: string }): Promise<BuildingRow[]> {
  return rows<BuildingRow>(ex, sql`WITH b AS (
      SELECT o.id, o.name, o.path, ST_PointOnSurface(o.geometry) AS pt FROM ${orgTree} o
      WHERE o.kind = 'building' AND o.deleted_at IS NULL AND o.geometry IS NOT NULL AND o.path <@ ${path}::ltree
    ), homes AS (
      SELECT r.org_id, count(*)::int AS n FROM ${residentHomes} r JOIN b ON b.id = r.org_id WHERE r.deleted_at IS NULL GROUP BY r.org_id
    )
    SELECT b.id::text, b.name, b.path::text, ST_X(b.pt) AS lng, ST_Y(b.pt) AS lat, coalesce(homes.n, 0) AS residents,
      EXISTS (SELECT 1 FROM venues v WHERE ${venueFilter(f)} AND ST_DWithin(v.entrance::geography, b.pt::geography, ${radius})) AS covered
    FROM b LEFT JOIN homes ON homes.org_id = b.id ORDER BY b.id`)
}

/** The communities (and villages) under or above `path`, to group buildings by. */
export async function communitiesAround(ex: Executor, path: string): Promise<{ id: string; name: string; path: string }[]> {
  return rows(ex, sql`SELECT id::text, name, path::text FROM ${orgTree} o WHERE o.kind IN ('community','village') AND o.deleted_at IS NULL
    AND (o.path <@ ${path}::ltree OR o.path @> ${path}::ltree)`)
}

export async function outlineBox(ex: Executor, orgId: string) {
  return firstRow<{ west: number; south: number; east: number; north: number } | { west: null }>(ex, sql`SELECT ST_XMin(g) AS west, ST_YMin(g) AS south, ST_XMax(g) AS east, ST_YMax(g) AS north
    FROM (SELECT geometry AS g FROM ${orgTree} o WHERE o.id = ${orgId}) x`)
}

/** Which of the points lie inside the node's outline. */
export async function insideOutline(ex: Executor, orgId: string, points: { lng: number; lat: number }[]): Promise<boolean[]> {
  if (points.length === 0) return []
  const found = await rows<{ i: number; inside: boolean }>(ex, sql`SELECT p.i, ST_Contains(o.geometry, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)) AS inside
    FROM json_to_recordset(${JSON.stringify(points.map((p, i) => ({ i, lng: p.lng, lat: p.lat })))}::json) AS p(i int, lng float8, lat float8), ${orgTree} o
    WHERE o.id = ${orgId} ORDER BY p.i`)
  return found.map((r) => r.inside)
}

/** The venues within `radius` metres (straight) of a building, nearest first, with their kinds and services. */
export async function venuesAroundBuilding(ex: Executor, buildingId: string, radius: number) {
  return rows<{ id: string; name: string; kind: VenueKind; stationKind: 'red' | 'courier' | 'warm' | 'tourist' | null; services: string[]; distanceM: number }>(ex, sql`
    SELECT v.id::text, v.name, v.kind, v.station_kind AS "stationKind", v.services, ST_Distance(v.entrance::geography, b.pt::geography) AS "distanceM"
    FROM (SELECT ST_PointOnSurface(o.geometry) AS pt FROM ${orgTree} o WHERE o.id = ${buildingId}) b
    JOIN venues v ON v.deleted_at IS NULL AND ST_DWithin(v.entrance::geography, b.pt::geography, ${radius})
    ORDER BY 6 LIMIT 200`)
}
