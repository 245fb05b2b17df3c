// The walking network of the life circle: footways imported as GeoJSON lines, cut at every vertex
// into edges between nodes (vertices that coincide to 1e-7° are one node), and, where PostgreSQL
// has pgRouting, the buildings a venue reaches within a walk by pgr_drivingDistance from all the
// venues at once. Venues and buildings join the network at their nearest node; the way there
// (straight, up to SNAP_MAX_M) counts as walking too.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { venueFilter } from './venues.coverage.repository.ts'

/** Farther than this from any node, a venue or building is off the network (a venue is left out; a building is not covered by it). */
export const SNAP_MAX_M = 300

type Line = [number, number][]
const key = (p: [number, number]) => `${Math.round(p[0] * 1e7)}:${Math.round(p[1] * 1e7)}`

/** Replaces the whole network with these lines; returns the counts. */
export async function replaceNetwork(ex: Executor, lines: Line[]): Promise<{ nodes: number; edges: number }> {
  const nodeIndex = new Map<string, number>()
  const nodes: [number, number][] = []
  const edges = new Map<string, [number, number]>()
  const nodeOf = (p: [number, number]) => {
    const k = key(p)
    let i = nodeIndex.get(k)
    if (i === undefined) { i = nodes.length; nodeIndex.set(k, i); nodes.push(p) }
    return i
  }
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const a = nodeOf(line[i - 1]!)
      const b = nodeOf(line[i]!)
      if (a === b) continue
      edges.set(a < b ? `${a}:${b}` : `${b}:${a}`, a < b ? [a, b] : [b, a])
    }
  }
  await ex.execute(sql`DELETE FROM walk_edges`)
  await ex.execute(sql`DELETE FROM walk_nodes`)
  if (nodes.length === 0) return { nodes: 0, edges: 0 }
  const ids = await rows<{ id: string; lng: number; lat: number }>(ex, sql`INSERT INTO walk_nodes (geom)
    SELECT ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326) FROM json_to_recordset(${JSON.stringify(nodes.map(([lng, lat]) => ({ lng, lat })))}::json) AS x(lng float8, lat float8)
    RETURNING id::text, ST_X(geom) AS lng, ST_Y(geom) AS lat`)
  const byKey = new Map(ids.map((r) => [key([r.lng, r.lat]), r.id]))
  const idOf = new Map(nodes.map((p, i) => [i, byKey.get(key(p))!]))
  const list = [...edges.values()].map(([a, b]) => ({ s: idOf.get(a), t: idOf.get(b) }))
  for (let from = 0; from < list.length; from += 20_000) {
    await ex.execute(sql`INSERT INTO walk_edges (source, target, length_m, geom)
      SELECT x.s, x.t, ST_Length(ST_MakeLine(a.geom, b.geom)::geography), ST_MakeLine(a.geom, b.geom)
      FROM json_to_recordset(${JSON.stringify(list.slice(from, from + 20_000))}::json) AS x(s bigint, t bigint)
      JOIN walk_nodes a ON a.id = x.s JOIN walk_nodes b ON b.id = x.t`)
  }
  return { nodes: nodes.length, edges: list.length }
}

export async function networkSummary(ex: Executor): Promise<{ nodes: number; edges: number; pgrouting: boolean }> {
  return (await firstRow<{ nodes: number; edges: number; pgrouting: boolean }>(ex, sql`SELECT (SELECT count(*)::int FROM walk_nodes) AS nodes,
    (SELECT count(*)::int FROM walk_edges) AS edges, EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting') AS pgrouting`))!
}

/**
 * The buildings under `path` within `walkingMetres` on foot of a matching venue, measured on the
 * network; null when there is no network to measure on (no pgRouting, or no footway in the area).
 * Runs in a transaction of its own kind: a temporary table holds the edges of the area.
 */
export async function networkCovered(ex: Executor, path: string, walkingMetres: number, f: { serviceType?: string; kind?: string }): Promise<Set<string> | null> {
  const summary = await networkSummary(ex)
  if (!summary.pgrouting || summary.edges === 0) return null
  return ex.transaction(async (tx) => {
    const box = await firstRow<{ w: number | null; s: number; e: number; n: number }>(tx, sql`SELECT min(ST_X(p)) AS w, min(ST_Y(p)) AS s, max(ST_X(p)) AS e, max(ST_Y(p)) AS n
      FROM (SELECT ST_PointOnSurface(o.geometry) AS p FROM ${orgTree} o WHERE o.kind = 'building' AND o.deleted_at IS NULL AND o.geometry IS NOT NULL AND o.path <@ ${path}::ltree) b`)
    if (!box || box.w === null) return new Set<string>()
    const dLat = (walkingMetres + SNAP_MAX_M) / 111_320
    const dLng = dLat / Math.max(0.05, Math.cos((((box.s + box.n) / 2) * Math.PI) / 180))
    const env = sql`ST_MakeEnvelope(${box.w - dLng}::float8, ${box.s - dLat}::float8, ${box.e + dLng}::float8, ${box.n + dLat}::float8, 4326)`
    await tx.execute(sql`CREATE TEMP TABLE linli_walk_scope ON COMMIT DROP AS
      SELECT id, source, target, length_m::float8 AS cost, length_m::float8 AS reverse_cost FROM walk_edges WHERE geom && ${env}`)
    // An area the imported network does not reach is measured in straight lines.
    if ((await firstRow<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM linli_walk_scope`))!.n === 0) return null
    // Each venue joins the network at its nearest node by an edge of its own (negative ids).
    const starts = await rows<{ id: string }>(tx, sql`INSERT INTO linli_walk_scope (id, source, target, cost, reverse_cost)
      SELECT -v.id, -v.id, n.id, n.d, n.d FROM venues v
        CROSS JOIN LATERAL (SELECT wn.id, ST_Distance(wn.geom::geography, v.entrance::geography) AS d FROM walk_nodes wn ORDER BY wn.geom <-> v.entrance LIMIT 1) n
      WHERE ${venueFilter(f)} AND v.entrance && ${env} AND n.d <= ${SNAP_MAX_M}
      RETURNING source::text AS id`)
    if (starts.length === 0) return new Set<string>()
    const found = await rows<{ id: string }>(tx, sql`WITH reached AS (
        SELECT d.node, min(d.agg_cost) AS cost FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM linli_walk_scope',
          string_to_array(${starts.map((s) => s.id).join(',')}, ',')::bigint[], ${walkingMetres}::float8, false) d GROUP BY d.node
      )
      SELECT b.id::text FROM ${orgTree} b
        CROSS JOIN LATERAL (SELECT wn.id, ST_Distance(wn.geom::geography, ST_PointOnSurface(b.geometry)::geography) AS d FROM walk_nodes wn
          ORDER BY wn.geom <-> ST_PointOnSurface(b.geometry) LIMIT 1) n
        JOIN reached r ON r.node = n.id
      WHERE b.kind = 'building' AND b.deleted_at IS NULL AND b.geometry IS NOT NULL AND b.path <@ ${path}::ltree
        AND n.d <= ${SNAP_MAX_M} AND r.cost + n.d <= ${walkingMetres}`)
    return new Set(found.map((r) => r.id))
  })
}
