// Queries of the org tree. The first argument is the database or a transaction; no HTTP and
// no permission logic here: callers pass the caller's scopes as ltree paths.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, preparedRows, rows, type Executor } from '../../kernel/db/client.ts'
import type { Geometry, OrgKind } from './orgs.schemas.ts'
import { roleGrants } from '../people/people.read.ts'
import { apiTokenRows } from '../auth/auth.read.ts'
import { moveCasePaths } from '../cases/cases.repository.ts'

export interface OrgRow {
  id: string
  kind: OrgKind
  name: string
  path: string
  parentId: string | null
  divisionCode: string | null
  partyOrgKind: 'committee' | 'general_branch' | 'branch' | 'group' | null
  partyOrgName: string | null
  partyOrgSecretary: string | null
  propertyFirm: string | null
  childCount: number
  deletedAt: string | null
  createdAt: string
  updatedAt: string
}

export interface OrgRowWithGeometry extends OrgRow {
  geometry: Geometry | null
  ancestors: { id: string; kind: OrgKind; name: string }[]
}

const childCount = sql`(SELECT count(*)::int FROM orgs c WHERE c.parent_id = o.id AND c.deleted_at IS NULL)`

/**
 * The chain above a node, root first, as one JSON column. A path lists the ids of the chain, so
 * the ancestors are primary-key lookups rather than an ltree scan.
 */
export const ancestorsOf = (node: string) => sql`coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'kind', a.kind, 'name', a.name) ORDER BY nlevel(a.path))
  FROM orgs a WHERE a.id = ANY(string_to_array(ltree2text(subpath(${sql.raw(node)}.path, 0, -1)), '.')::bigint[])), '[]'::json)`

const summaryColumns = sql`o.id::text, o.kind, o.name, o.path::text, o.parent_id::text AS "parentId", o.division_code AS "divisionCode",
  o.party_org_kind AS "partyOrgKind", o.party_org_name AS "partyOrgName", o.party_org_secretary AS "partyOrgSecretary", o.property_firm AS "propertyFirm", ${childCount} AS "childCount",
  o.deleted_at AS "deletedAt", o.created_at AS "createdAt", o.updated_at AS "updatedAt"`

/** `path` lies inside one of `scopes` (comma-joined ltree paths). */
export const withinScopes = (path: SQL, scopes: string) => sql`${path} <@ string_to_array(${scopes}, ',')::ltree[]`

export async function findOrg(ex: Executor, id: string, opts: { includeDeleted?: boolean; lock?: boolean } = {}) {
  return firstRow<OrgRowWithGeometry>(
    ex,
    sql`SELECT ${summaryColumns}, ST_AsGeoJSON(o.geometry, 7)::json AS geometry, ${ancestorsOf('o')} AS ancestors FROM orgs o
        WHERE o.id = ${id} ${opts.includeDeleted ? sql`` : sql`AND o.deleted_at IS NULL`}
        ${opts.lock ? sql`FOR UPDATE` : sql``}`,
  )
}

/** Just enough of a live node to decide permissions. */
export async function findOrgRef(ex: Executor, id: string) {
  return firstRow<{ id: string; path: string; kind: OrgKind }>(ex, sql`SELECT id::text, path::text, kind FROM orgs WHERE id = ${id} AND deleted_at IS NULL`)
}

export interface OrgListFilter {
  /** Comma-joined scope paths the caller may read below; ancestors of a scope are also readable. */
  scopes: string
  kind?: OrgKind
  afterId?: string
  limit: number
}

const readable = (scopes: string) =>
  sql`(${withinScopes(sql`o.path`, scopes)} OR o.path @> string_to_array(${scopes}, ',')::ltree[])`

/**
 * The parent (for the permission check) and a page of its readable children in one round trip:
 * no rows when the parent does not exist; one row with a null id when it has no children.
 */
export async function listChildrenWithParent(ex: Executor, parentId: string, f: OrgListFilter) {
  return rows<{ parentPath: string; parentKind: OrgKind } & (OrgRow | { [K in keyof OrgRow]: null })>(
    ex,
    sql`SELECT p.path::text AS "parentPath", p.kind AS "parentKind", c.*
        FROM orgs p
        LEFT JOIN LATERAL (
          SELECT ${summaryColumns} FROM orgs o
          WHERE o.parent_id = p.id AND o.deleted_at IS NULL AND ${readable(f.scopes)}
            ${f.kind ? sql`AND o.kind = ${f.kind}` : sql``}
            ${f.afterId ? sql`AND o.id > ${f.afterId}` : sql``}
          ORDER BY o.id LIMIT ${f.limit + 1}
        ) c ON true
        WHERE p.id = ${parentId} AND p.deleted_at IS NULL`,
  )
}

export async function searchOrgs(ex: Executor, f: OrgListFilter & { q?: string; underPath?: string }) {
  const pattern = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : undefined
  return rows<OrgRow>(
    ex,
    sql`SELECT ${summaryColumns} FROM orgs o
        WHERE o.deleted_at IS NULL AND ${withinScopes(sql`o.path`, f.scopes)}
          ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
          ${pattern ? sql`AND o.name ILIKE ${pattern}` : sql``}
          ${f.kind ? sql`AND o.kind = ${f.kind}` : sql``}
          ${f.afterId ? sql`AND o.id > ${f.afterId}` : sql``}
        ORDER BY o.id LIMIT ${f.limit + 1}`,
  )
}

export async function childrenFeatures(ex: Executor, parentId: string, scopes: string) {
  return rows<{ id: string; kind: OrgKind; name: string; childCount: number; geometry: Geometry }>(
    ex,
    sql`SELECT o.id::text, o.kind, o.name, ${childCount} AS "childCount", ST_AsGeoJSON(o.geometry, 7)::json AS geometry
        FROM orgs o
        WHERE o.parent_id = ${parentId} AND o.deleted_at IS NULL AND o.geometry IS NOT NULL AND ${readable(scopes)}
        ORDER BY o.id`,
  )
}

export interface OrgValues {
  parentId?: string | null
  kind?: OrgKind
  name?: string
  divisionCode?: string | null
  partyOrgKind?: string | null
  partyOrgName?: string | null
  partyOrgSecretary?: string | null
  propertyFirm?: string | null
  geometry?: Geometry | null
}

const geometryValue = (g: Geometry | null) =>
  g === null ? sql`NULL` : sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`

export async function insertOrg(ex: Executor, v: Required<OrgValues>): Promise<string> {
  const row = await firstRow<{ id: string }>(
    ex,
    sql`INSERT INTO orgs (parent_id, kind, name, division_code, party_org_kind, party_org_name, party_org_secretary,
                          property_firm, geometry)
        VALUES (${v.parentId}, ${v.kind}, ${v.name}, ${v.divisionCode}, ${v.partyOrgKind}, ${v.partyOrgName},
                ${v.partyOrgSecretary}, ${v.propertyFirm}, ${geometryValue(v.geometry)})
        RETURNING id::text`,
  )
  return row!.id
}

const columnOf: Record<Exclude<keyof OrgValues, 'geometry' | 'parentId' | 'kind'>, string> = {
  name: 'name',
  divisionCode: 'division_code',
  partyOrgKind: 'party_org_kind',
  partyOrgName: 'party_org_name',
  partyOrgSecretary: 'party_org_secretary',
  propertyFirm: 'property_firm',
}

export async function updateOrg(ex: Executor, id: string, v: OrgValues): Promise<void> {
  const sets: SQL[] = []
  for (const [key, column] of Object.entries(columnOf)) {
    const value = v[key as keyof typeof columnOf]
    if (value !== undefined) sets.push(sql`${sql.identifier(column)} = ${value}`)
  }
  if (v.geometry !== undefined) sets.push(sql`geometry = ${geometryValue(v.geometry)}`)
  if (sets.length === 0) return
  await ex.execute(sql`UPDATE orgs SET ${sql.join(sets, sql`, `)}, updated_at = now() WHERE id = ${id}`)
}

export async function setDeleted(ex: Executor, id: string, deleted: boolean): Promise<void> {
  await ex.execute(sql`UPDATE orgs SET deleted_at = ${deleted ? sql`now()` : sql`NULL`}, updated_at = now() WHERE id = ${id}`)
}

/**
 * Re-roots the subtree at `oldPath` under `newParentPath`, in one statement, and the copies of its
 * paths that scope live work: a case's `org_path` and `handling_org_path` (scope filters are
 * `org_path <@ scope`), so the cases of a moved community go with it to its new street and leave
 * the old street's inbox and statistics. The points ledgers' `org_path` stays where each
 * transaction was booked: they are append-only history, like the audit log's.
 */
export async function moveSubtree(ex: Executor, id: string, oldPath: string, newParentId: string, newParentPath: string) {
  await ex.execute(sql`UPDATE orgs SET path = ${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1), updated_at = now()
                       WHERE path <@ ${oldPath}::ltree`)
  await ex.execute(sql`UPDATE orgs SET parent_id = ${newParentId}, updated_at = now() WHERE id = ${id}`)
  await moveCasePaths(ex, oldPath, newParentPath)
}

export async function countLiveChildren(ex: Executor, id: string): Promise<number> {
  const row = await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM orgs WHERE parent_id = ${id} AND deleted_at IS NULL`)
  return row?.n ?? 0
}

/** Records that keep a node alive: current role assignments and live API tokens. */
export async function countRecords(ex: Executor, id: string): Promise<{ roles: number; tokens: number }> {
  const row = await firstRow<{ roles: number; tokens: number }>(
    ex,
    sql`SELECT (SELECT count(*)::int FROM ${roleGrants} r WHERE r.org_id = ${id}
                  AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)) AS roles,
               (SELECT count(*)::int FROM ${apiTokenRows} t WHERE t.org_id = ${id} AND t.revoked_at IS NULL) AS tokens`,
  )
  return row ?? { roles: 0, tokens: 0 }
}

// ---- geometry rules ----------------------------------------------------------------------

export async function geometryValidity(ex: Executor, g: Geometry) {
  return (await firstRow<{ valid: boolean; reason: string }>(
    ex,
    sql`SELECT ST_IsValid(x.g) AS valid, ST_IsValidReason(x.g) AS reason
        FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326) AS g) x`,
  ))!
}

/** Square metres of `g` that lie outside the org node `containerId`. */
export async function areaOutside(ex: Executor, g: Geometry, containerId: string): Promise<number | null> {
  const row = await firstRow<{ m2: number | null }>(
    ex,
    sql`SELECT ST_Area(ST_Difference(${geometryValue(g)}, c.geometry)::geography) AS m2
        FROM orgs c WHERE c.id = ${containerId} AND c.geometry IS NOT NULL`,
  )
  return row ? Number(row.m2 ?? 0) : null
}

/**
 * Live nodes of `kinds`, anywhere in the tree (other than `excludeId`), that overlap `g` by more
 * than `toleranceM2`, largest overlap first, with the overlap polygon. The GiST index on
 * `geometry` answers the ST_Intersects.
 */
export async function overlappingPeers(ex: Executor, g: Geometry, kinds: OrgKind[], excludeId: string | null, toleranceM2: number) {
  return rows<{ id: string; name: string; parentId: string | null; overlapM2: number; overlap: Geometry }>(
    ex,
    sql`WITH candidate AS (SELECT ${geometryValue(g)} AS g),
        hits AS (
          SELECT s.id, s.name, s.parent_id, ST_Intersection(s.geometry, candidate.g) AS overlap
          FROM orgs s, candidate
          WHERE s.kind = ANY(string_to_array(${kinds.join(',')}, ',')) AND s.deleted_at IS NULL
            ${excludeId ? sql`AND s.id <> ${excludeId}` : sql``}
            AND ST_Intersects(s.geometry, candidate.g)
        )
        SELECT id::text, name, parent_id::text AS "parentId", ST_Area(overlap::geography) AS "overlapM2", ST_AsGeoJSON(overlap, 7)::json AS overlap
        FROM hits WHERE ST_Area(overlap::geography) > ${toleranceM2}
        ORDER BY "overlapM2" DESC LIMIT 20`,
  )
}

/**
 * Serialises geometry writes of one class of nodes (e.g. every grid) until the transaction
 * ends: the overlap rule spans parents, so the parent's row lock alone would let two writers
 * under different parents each miss the other's new outline.
 */
export async function lockGeometryClass(ex: Executor, name: string): Promise<void> {
  await ex.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`linli.org_geometry.${name}`}))`)
}

/** The area of a geometry in square metres (on the spheroid), rounded; null for none. */
export async function geometryArea(ex: Executor, g: Geometry | null): Promise<number | null> {
  if (g === null) return null
  const row = await firstRow<{ m2: number }>(ex, sql`SELECT round(ST_Area(${geometryValue(g)}::geography))::float8 AS m2`)
  return row ? Number(row.m2) : null
}

/** Child polygons of `parentId` that would stick out of `g` by more than `toleranceM2`. */
export async function childrenOutside(ex: Executor, parentId: string, g: Geometry, toleranceM2: number) {
  return rows<{ id: string; name: string; outsideM2: number }>(
    ex,
    sql`SELECT c.id::text, c.name, ST_Area(ST_Difference(c.geometry, ${geometryValue(g)})::geography) AS "outsideM2"
        FROM orgs c
        WHERE c.parent_id = ${parentId} AND c.deleted_at IS NULL AND c.kind IN ('grid', 'estate') AND c.geometry IS NOT NULL
          AND ST_Area(ST_Difference(c.geometry, ${geometryValue(g)})::geography) > ${toleranceM2}`,
  )
}

/** A building point must lie in its grid (within a few metres of its edge). */
export async function pointNearContainer(ex: Executor, g: Geometry, containerId: string, metres: number): Promise<boolean | null> {
  const row = await firstRow<{ inside: boolean }>(
    ex,
    sql`SELECT ST_DWithin(c.geometry::geography, ${geometryValue(g)}::geography, ${metres}) AS inside
        FROM orgs c WHERE c.id = ${containerId} AND c.geometry IS NOT NULL`,
  )
  return row ? row.inside : null
}

export interface SubtreeCounts {
  streets: number
  communities: number
  grids: number
  buildings: number
  estates: number
}

const countColumns = sql`count(*) FILTER (WHERE o.kind = 'street')::int AS streets,
  count(*) FILTER (WHERE o.kind IN ('community', 'village'))::int AS communities,
  count(*) FILTER (WHERE o.kind = 'grid')::int AS grids,
  count(*) FILTER (WHERE o.kind = 'building')::int AS buildings,
  count(*) FILTER (WHERE o.kind = 'estate')::int AS estates`

/** Counts of live nodes strictly below `path`, and the same per child of the node, in one pass. */
export async function subtreeCounts(ex: Executor, id: string, path: string, scopes: string) {
  const [total] = await rows<SubtreeCounts>(
    ex,
    sql`SELECT ${countColumns} FROM orgs o
        WHERE o.path <@ ${path}::ltree AND o.path <> ${path}::ltree AND o.deleted_at IS NULL AND ${withinScopes(sql`o.path`, scopes)}`,
  )
  const byChild = await rows<SubtreeCounts & { id: string; name: string; kind: OrgKind }>(
    ex,
    sql`SELECT c.id::text, c.name, c.kind, ${countColumns}
        FROM orgs c JOIN orgs o ON o.path <@ c.path AND o.path <> c.path AND o.deleted_at IS NULL
        WHERE c.parent_id = ${id} AND c.deleted_at IS NULL AND ${withinScopes(sql`c.path`, scopes)}
        GROUP BY c.id, c.name, c.kind ORDER BY c.id`,
  )
  return { total: total!, byChild }
}

/** The live grid containing a WGS-84 point (the containment query alone; ancestors: `chainOf`). */
export async function gridAt(ex: Executor, lng: number, lat: number) {
  // Every report and every "my grid" runs it: prepared once per connection (kernel/db/client.ts).
  const found = await preparedRows<{ id: string; name: string; path: string }>(ex, 'orgs_grid_at',
    `SELECT g.id::text, g.name, g.path::text FROM orgs g
      WHERE g.kind = 'grid' AND g.deleted_at IS NULL AND ST_Contains(g.geometry, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))
      ORDER BY g.id LIMIT 1`, [lng, lat])
  return found[0]
}

/** The nodes on a path, root first (a node's ancestors and itself). */
export async function chainOf(ex: Executor, path: string) {
  return rows<{ id: string; kind: OrgKind; name: string }>(
    ex,
    sql`SELECT id::text, kind, name FROM orgs WHERE path @> ${path}::ltree ORDER BY nlevel(path)`,
  )
}

export async function nearestGrid(ex: Executor, lng: number, lat: number) {
  const point = sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`
  return firstRow<{ id: string; name: string; distanceM: number }>(
    ex,
    sql`SELECT id::text, name, ST_Distance(geometry::geography, ${point}::geography) AS "distanceM"
        FROM orgs WHERE kind = 'grid' AND deleted_at IS NULL AND geometry IS NOT NULL
        ORDER BY geometry <-> ${point} LIMIT 1`,
  )
}

/**
 * The live building nearest a point within `maxM` metres, with its community: Linli's own reverse
 * geocoding (a point gets an address people know, with no map vendor).
 */
export async function nearestBuilding(ex: Executor, lng: number, lat: number, maxM: number) {
  const point = sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`
  return firstRow<{ id: string; name: string; communityId: string | null; communityName: string | null; distanceM: number }>(
    ex,
    sql`SELECT b.id::text, b.name, c.id::text AS "communityId", c.name AS "communityName", ST_Distance(b.geometry::geography, ${point}::geography) AS "distanceM"
        FROM orgs b LEFT JOIN orgs c ON c.path @> b.path AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL
        WHERE b.kind = 'building' AND b.deleted_at IS NULL AND b.geometry IS NOT NULL
          -- A box in degrees first (orgs_geometry_gist answers it; below 60° latitude a metre is less
          -- than 1/50,000 of a degree either way), then the exact distance: every report runs this.
          AND b.geometry && ST_Expand(${point}, ${maxM / 50_000})
          AND ST_DWithin(b.geometry::geography, ${point}::geography, ${maxM})
        ORDER BY b.geometry <-> ${point} LIMIT 1`,
  )
}

/**
 * What a map shows to orient by inside a box (WGS-84): community, village, grid and estate
 * outlines (simplified to about a metre), and building points when the box is small enough to
 * read them. Names and shapes only.
 */
export async function orientationFeatures(ex: Executor, box: { west: number; south: number; east: number; north: number }, withBuildings: boolean, limit: number) {
  const envelope = sql`ST_MakeEnvelope(${box.west}, ${box.south}, ${box.east}, ${box.north}, 4326)`
  return rows<{ id: string; kind: OrgKind; name: string; geometry: Geometry; labelAt: Geometry }>(
    ex,
    sql`SELECT o.id::text, o.kind, o.name,
          ST_AsGeoJSON(CASE WHEN o.kind = 'building' THEN o.geometry ELSE ST_SimplifyPreserveTopology(o.geometry, 0.00001) END, 6)::json AS geometry,
          ST_AsGeoJSON(ST_PointOnSurface(o.geometry), 6)::json AS "labelAt"
        FROM orgs o
        WHERE o.deleted_at IS NULL AND o.geometry IS NOT NULL AND o.geometry && ${envelope}
          AND o.kind IN ('community', 'village', 'grid', 'estate' ${withBuildings ? sql`, 'building'` : sql``})
        ORDER BY CASE o.kind WHEN 'community' THEN 0 WHEN 'village' THEN 0 WHEN 'grid' THEN 1 WHEN 'estate' THEN 2 ELSE 3 END, o.id
        LIMIT ${limit}`,
  )
}

/** Communities and villages by name, with their street (public: names only, for residents choosing where they live). */
export async function publicCommunities(ex: Executor, q: string | undefined, limit: number) {
  return rows<{ id: string; name: string; streetName: string | null }>(
    ex,
    sql`SELECT c.id::text, c.name, s.name AS "streetName" FROM orgs c LEFT JOIN orgs s ON s.id = c.parent_id
        WHERE c.kind IN ('community', 'village') AND c.deleted_at IS NULL ${q ? sql`AND c.name ILIKE ${`%${q.replace(/[\%_]/g, (m) => `\${m}`)}%`}` : sql``}
        ORDER BY c.name, c.id LIMIT ${limit}`,
  )
}

export interface PlaceBuilding { id: string; name: string; gridName: string | null; estateId: string | null; lng: number; lat: number }

/**
 * A community's estates and buildings for the pickers (community → estate → building): each live
 * building of the community with its grid and the estate whose outline holds its centre, if any.
 */
export async function communityPlaces(ex: Executor, communityId: string) {
  const estates = await rows<{ id: string; name: string }>(ex, sql`SELECT e.id::text, e.name FROM orgs c
      JOIN orgs e ON e.parent_id = c.id AND e.kind = 'estate' AND e.deleted_at IS NULL
      WHERE c.id = ${communityId} ORDER BY e.name, e.id`)
  const grids = await rows<{ id: string; name: string }>(ex, sql`SELECT g.id::text, g.name FROM orgs c
      JOIN orgs g ON g.parent_id = c.id AND g.kind = 'grid' AND g.deleted_at IS NULL
      WHERE c.id = ${communityId} ORDER BY g.name, g.id`)
  const buildings = await rows<PlaceBuilding>(ex, sql`SELECT b.id::text, b.name, g.name AS "gridName",
        (SELECT e.id::text FROM orgs e WHERE e.parent_id = c.id AND e.kind = 'estate' AND e.deleted_at IS NULL
           AND e.geometry IS NOT NULL AND ST_Contains(e.geometry, ST_PointOnSurface(b.geometry)) ORDER BY e.id LIMIT 1) AS "estateId",
        ST_X(ST_PointOnSurface(b.geometry)) AS lng, ST_Y(ST_PointOnSurface(b.geometry)) AS lat
      FROM orgs c
      JOIN orgs b ON b.path <@ c.path AND b.kind = 'building' AND b.deleted_at IS NULL AND b.geometry IS NOT NULL
      LEFT JOIN orgs g ON g.path @> b.path AND g.kind = 'grid'
      WHERE c.id = ${communityId}
      ORDER BY b.name, b.id`)
  return { estates, grids, buildings }
}

export async function isLiveCommunity(ex: Executor, id: string) {
  return (await firstRow<{ ok: boolean }>(ex, sql`SELECT true AS ok FROM orgs WHERE id = ${id} AND kind IN ('community', 'village') AND deleted_at IS NULL`)) !== undefined
}

/** A live building by id with its path (a resident registering names it). */
export async function liveBuilding(ex: Executor, id: string) {
  return firstRow<{ id: string; name: string; path: string }>(ex, sql`SELECT id::text, name, path::text FROM orgs WHERE id = ${id} AND kind = 'building' AND deleted_at IS NULL`)
}

/** The live nodes of one kind at or below a path, by id (an import names its buildings). */
export async function liveOfKindUnder(ex: Executor, path: string, kind: OrgKind) {
  return rows<{ id: string; name: string; path: string }>(ex, sql`SELECT id::text, name, path::text FROM orgs
    WHERE kind = ${kind} AND deleted_at IS NULL AND path <@ ${path}::ltree ORDER BY id`)
}
