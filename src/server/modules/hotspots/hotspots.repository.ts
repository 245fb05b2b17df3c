// The SQL of hotspots. Cases and orders are read only through the relations their modules export
// (`caseRows`, `casePointRows`, `caseCategoryRows` of cases.read.ts; `orderPlaces` of orders.read.ts), topics'
// titles through `topicTitles` of deliberation.read.ts, the tree through `orgTree`.
//
// Clustering in metres: points are stored in WGS 84 (SRID 4326). ST_ClusterDBSCAN measures in
// the units of its input, so points are projected to Web Mercator (EPSG:3857, defined everywhere
// China lies, 18°–54° N) and eps is scaled by 1 / cos(latitude) there: Mercator stretches every
// distance by exactly that factor at a latitude. The latitude is the mean of the clustered
// points, so within one city (a few tenths of a degree) the error stays well under 1 %.
import { sql, type SQL } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { caseCategoryRows, casePointRows, caseRows } from '../cases/cases.read.ts'
import { orderPlaces } from '../orders/orders.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { topicTitles } from '../deliberation/deliberation.read.ts'
import { hotspotProjectRows } from '../secretary_projects/secretary_projects.read.ts'

/**
 * The cases and orders under `path` since `since`: `(kind, id, category, name, at, geom, path)`.
 * Merged duplicates and rejected cases are left out (the case they were merged into counts).
 */
function recordsUnder(path: string, since: string): SQL {
  return sql`(
    SELECT 'case'::text AS kind, c.id::text AS id, 'case:' || c.category_code AS category, coalesce(cat.name, c.category_code) AS name,
      c.created_at AS at, c.location AS geom, c.org_path AS path
    FROM ${caseRows} c LEFT JOIN ${caseCategoryRows} cat ON cat.code = c.category_code
    WHERE c.org_path <@ ${path}::ltree AND c.created_at >= ${since}::timestamptz AND c.merged_into_id IS NULL AND c.state <> 'rejected'
    UNION ALL
    SELECT 'order'::text, x.id::text, 'order:' || x.item_id, x.item_name, x.created_at, x.location, o.path
    FROM ${orderPlaces} x JOIN ${orgTree} o ON o.id = x.org_id
    WHERE o.path <@ ${path}::ltree AND x.created_at >= ${since}::timestamptz AND x.merged_into_id IS NULL AND x.state <> 'merged')`
}

export interface ClusterRow {
  category: string
  categoryName: string
  count: number
  firstAt: string
  lastAt: string
  centroid: { type: 'Point'; coordinates: [number, number] }
  hull: { type: 'Polygon' | 'LineString' | 'Point'; coordinates: unknown }
  records: { kind: 'case' | 'order'; id: string; lng: number; lat: number; at: string }[]
}

/**
 * The located cases and orders under `path` since `since`: `(kind, id, category, name, at, geom)`,
 * as recordsUnder counts them. Cases from the narrow copy the cases module keeps of those it counts
 * (`casePointRows`); an order's node is looked up by its key, per order of the window, rather than
 * the whole tree hashed to find the few thousand nodes orders lie at.
 */
function locatedUnder(path: string, since: string): SQL {
  return sql`(
    SELECT 'case'::text AS kind, c.id::text AS id, 'case:' || c.category_code AS category, coalesce(cat.name, c.category_code) AS name,
      c.created_at AS at, c.location AS geom
    FROM ${casePointRows} c LEFT JOIN ${caseCategoryRows} cat ON cat.code = c.category_code
    WHERE c.org_path <@ ${path}::ltree AND c.created_at >= ${since}::timestamptz
    UNION ALL
    SELECT 'order'::text, x.id::text, 'order:' || x.item_id, x.item_name, x.created_at, x.location
    FROM ${orderPlaces} x
    WHERE x.created_at >= ${since}::timestamptz AND x.merged_into_id IS NULL AND x.state <> 'merged' AND x.location IS NOT NULL
      AND (SELECT t.path FROM ${orgTree} t WHERE t.id = x.org_id) <@ ${path}::ltree)`
}

/** Clusters per category: DBSCAN over the located records, `epsMetres` apart at most, `minPoints` or more. */
export async function clusters(ex: Executor, p: { path: string; since: string; epsMetres: number; minPoints: number; latitude: number; limit: number }): Promise<ClusterRow[]> {
  const eps = p.epsMetres / Math.cos((p.latitude * Math.PI) / 180)
  return rows<ClusterRow>(ex, sql`
    WITH located AS (SELECT * FROM ${locatedUnder(p.path, p.since)} r),
    grouped AS (
      SELECT l.*, ST_ClusterDBSCAN(ST_Transform(l.geom, 3857), eps := ${eps}::float8, minpoints := ${p.minPoints}::int) OVER (PARTITION BY l.category) AS cid
      FROM located l)
    SELECT g.category, max(g.name) AS "categoryName", count(*)::int AS count, min(g.at) AS "firstAt", max(g.at) AS "lastAt",
      ST_AsGeoJSON(ST_Centroid(ST_Collect(g.geom)), 6)::json AS centroid,
      ST_AsGeoJSON(ST_ConvexHull(ST_Collect(g.geom ORDER BY g.at, g.id)), 6)::json AS hull,
      json_agg(json_build_object('kind', g.kind, 'id', g.id, 'lng', round(ST_X(g.geom)::numeric, 6), 'lat', round(ST_Y(g.geom)::numeric, 6), 'at', g.at) ORDER BY g.at, g.id) AS records
    FROM grouped g WHERE g.cid IS NOT NULL
    GROUP BY g.category, g.cid
    ORDER BY count(*) DESC, max(g.at) DESC, g.category
    LIMIT ${p.limit}`)
}

export interface GrowthRow { streetId: string; streetName: string; category: string; categoryName: string; current: number; previous: number }

export interface WindowFigures {
  /** The mean latitude of the located records in [since, now) (null when none). */
  latitude: number | null
  /** Counts per street and category in [since, now) and [previousSince, since), located or not. */
  growth: GrowthRow[]
  /** Records of [since, now) without a location (counted in growth only). */
  unlocated: number
}

/**
 * The figures of both windows from one read of the records since `previousSince` (was three
 * reads, one per figure). Each owner's rows are counted where they are read, per (path, category)
 * for cases and per (node, service item) for orders, so no wide row is carried past its scan
 * (the bench city at a tenth: 33,000 records, 21,000 counts on 4,400 paths). An order's node
 * finds its path by its key (a few thousand lookups) rather than by hashing the whole tree, and
 * each distinct path finds its street once. ltree has no hash opclass, so paths are grouped and
 * joined as text and cast once. The latitude is the sum of the located records' latitudes over
 * their count (the mean the clustering scales eps by).
 */
export async function windowFigures(ex: Executor, p: { path: string; since: string; previousSince: string }): Promise<WindowFigures> {
  const since = sql`${p.since}::timestamptz`
  const counts = (at: SQL, geom: SQL) => sql`count(*) FILTER (WHERE ${at} >= ${since}) AS current, count(*) FILTER (WHERE ${at} < ${since}) AS previous,
    sum(ST_Y(${geom})) FILTER (WHERE ${at} >= ${since}) AS lat_sum, count(${geom}) FILTER (WHERE ${at} >= ${since}) AS located,
    count(*) FILTER (WHERE ${geom} IS NULL AND ${at} >= ${since}) AS unlocated`
  const [r] = await rows<{ figures: WindowFigures }>(ex, sql`
    WITH cc AS (
      SELECT c.org_path::text AS p, c.category_code AS code, ${counts(sql`c.created_at`, sql`c.location`)}
      FROM ${casePointRows} c
      WHERE c.org_path <@ ${p.path}::ltree AND c.created_at >= ${p.previousSince}::timestamptz
      GROUP BY 1, 2),
    oc AS (
      SELECT x.org_id, x.item_id, max(x.item_name) AS name, ${counts(sql`x.created_at`, sql`x.location`)}
      FROM ${orderPlaces} x
      WHERE x.created_at >= ${p.previousSince}::timestamptz AND x.merged_into_id IS NULL AND x.state <> 'merged'
      GROUP BY 1, 2),
    c AS MATERIALIZED (
      SELECT cc.p, 'case:' || cc.code AS category, coalesce(cat.name, cc.code) AS name, cc.current, cc.previous, cc.lat_sum, cc.located, cc.unlocated
      FROM cc LEFT JOIN ${caseCategoryRows} cat ON cat.code = cc.code
      UNION ALL
      SELECT o.p, 'order:' || oc.item_id, oc.name, oc.current, oc.previous, oc.lat_sum, oc.located, oc.unlocated
      FROM oc CROSS JOIN LATERAL (SELECT t.path::text AS p FROM ${orgTree} t WHERE t.id = oc.org_id AND t.path <@ ${p.path}::ltree) o),
    paths AS MATERIALIZED (SELECT d.p, d.p::ltree AS path FROM (SELECT DISTINCT c.p FROM c) d),
    street_of AS (SELECT p.p, st.id, st.name FROM paths p JOIN ${orgTree} st ON st.kind = 'street' AND st.path @> p.path),
    g AS (
      SELECT s.id::text AS "streetId", s.name AS "streetName", c.category, max(c.name) AS "categoryName",
        sum(c.current)::int AS current, sum(c.previous)::int AS previous
      FROM c JOIN street_of s ON s.p = c.p
      GROUP BY s.id, s.name, c.category)
    SELECT json_build_object(
      'latitude', (SELECT (sum(c.lat_sum) / nullif(sum(c.located), 0))::float8 FROM c),
      'unlocated', (SELECT coalesce(sum(c.unlocated), 0)::int FROM c),
      'growth', (SELECT coalesce(json_agg(g), '[]'::json) FROM g)) AS figures`)
  return r!.figures
}

export interface RaiseRow { category: string; caseIds: string[]; orderIds: string[]; topicId: string; title: string; state: string }

/** Raises sharing a record with the given ones, newest first, with their topic's title and state. */
export async function raisesTouching(ex: Executor, caseIds: string[], orderIds: string[]): Promise<RaiseRow[]> {
  if (caseIds.length + orderIds.length === 0) return []
  return rows<RaiseRow>(ex, sql`
    SELECT h.category, h.case_ids::text[] AS "caseIds", h.order_ids::text[] AS "orderIds", h.topic_id::text AS "topicId", t.title, t.state
    FROM hotspot_raises h JOIN ${topicTitles} t ON t.id = h.topic_id
    WHERE h.case_ids && string_to_array(${caseIds.join(',')}, ',')::bigint[] OR h.order_ids && string_to_array(${orderIds.join(',')}, ',')::bigint[]
    ORDER BY h.id DESC`)
}

export interface ProjectRaiseRow { category: string; caseIds: string[]; orderIds: string[]; id: string; title: string; state: string; orgPath: string; ownerId: string }

/** Secretaries' projects raised from a hotspot sharing a record with the given ones, oldest first, with their node's path and owner (for the reader's check). */
export async function projectsTouching(ex: Executor, caseIds: string[], orderIds: string[]): Promise<ProjectRaiseRow[]> {
  if (caseIds.length + orderIds.length === 0) return []
  return rows<ProjectRaiseRow>(ex, sql`
    SELECT sp.category, sp.case_ids::text[] AS "caseIds", sp.order_ids::text[] AS "orderIds", sp.id::text, sp.title, sp.state,
      o.path::text AS "orgPath", sp.owner_id::text AS "ownerId"
    FROM ${hotspotProjectRows} sp JOIN ${orgTree} o ON o.id = sp.org_id
    WHERE sp.case_ids && string_to_array(${caseIds.join(',')}, ',')::bigint[] OR sp.order_ids && string_to_array(${orderIds.join(',')}, ',')::bigint[]
    ORDER BY sp.created_at, sp.id`)
}

export interface PickedRecord { kind: 'case' | 'order'; id: string; category: string; name: string; at: string; communityId: string | null }

/** Those of the given cases and orders that lie under `path` (any time), with their category and community. */
export async function recordsPicked(ex: Executor, path: string, caseIds: string[], orderIds: string[]): Promise<PickedRecord[]> {
  return rows<PickedRecord>(ex, sql`
    SELECT r.kind, r.id, r.category, r.name, r.at, (SELECT cm.id::text FROM ${orgTree} cm WHERE cm.kind IN ('community', 'village') AND cm.path @> r.path LIMIT 1) AS "communityId"
    FROM ${recordsUnder(path, '-infinity')} r
    WHERE (r.kind = 'case' AND r.id = ANY(string_to_array(${caseIds.join(',')}, ','))) OR (r.kind = 'order' AND r.id = ANY(string_to_array(${orderIds.join(',')}, ',')))`)
}

/** The community (or village) a node lies in, itself included. */
export async function communityAt(ex: Executor, path: string): Promise<string | null> {
  const [r] = await rows<{ id: string }>(ex, sql`SELECT cm.id::text FROM ${orgTree} cm WHERE cm.kind IN ('community', 'village') AND cm.path @> ${path}::ltree AND cm.deleted_at IS NULL LIMIT 1`)
  return r?.id ?? null
}

export async function insertRaise(ex: Executor, r: { orgId: string; category: string; topicId: string; caseIds: string[]; orderIds: string[]; raisedBy: string }): Promise<string> {
  const [row] = await rows<{ id: string }>(ex, sql`
    INSERT INTO hotspot_raises (org_id, category, topic_id, case_ids, order_ids, raised_by)
    VALUES (${r.orgId}, ${r.category}, ${r.topicId}, string_to_array(${r.caseIds.join(',')}, ',')::bigint[], string_to_array(${r.orderIds.join(',')}, ',')::bigint[], ${r.raisedBy})
    RETURNING id::text`)
  return row!.id
}
