// Queries of cases, their timeline, categories and follows. Scopes are comma-joined ltree paths;
// a case is in a scope when its grid or the unit now handling it is.
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { isDistributedTable } from '../../kernel/db/citus.ts'
import { caseEvents, caseMeetings, cases } from './cases.table.ts'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { countedIds } from '../../kernel/pagination.ts'
import { roleLevels } from '../../kernel/policy.ts'
import type { CaseFilter, CaseLevel, CaseState, RevisitSatisfaction } from './cases.schemas.ts'
import { caseReadableByPerson, followedBy, publicCategory } from './cases.access.ts'
import { attachmentRows } from '../files/files.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personContacts, personNames } from '../people/people.read.ts'
import { visitPhotos } from '../visits/visits.read.ts'

/** Categories have their own repository; the transitions read them through this one too. */
export * from './cases.categories.repository.ts'

/** What names one case row: its id and its district (the distribution key; on Citus it routes a statement to one shard). */
export interface CaseKey { id: string; districtId: string }

export interface CaseRow {
  id: string
  /** The distribution key (`linli_district_of` the grid): every row of the case's family carries it. */
  districtId: string
  state: CaseState
  level: CaseLevel
  categoryCode: string
  categoryName: string
  description: string
  address: string | null
  lng: number
  lat: number
  orgId: string
  orgPath: string
  gridName: string
  communityId: string | null
  communityName: string | null
  handlingOrgId: string
  handlingOrgPath: string
  handlingOrgName: string
  assigneeId: string | null
  assigneeName: string | null
  lastHandlerId: string | null
  reporterId: string | null
  reporterName: string | null
  /** The reporter's phone, masked (138****5678); the full number only through the audited reveal. */
  reporterPhoneMask: string | null
  anonymous: boolean
  channel: string
  photos: { id: string; sha256: string }[]
  acceptDueAt: string | null
  handleDueAt: string | null
  overdueAt: string | null
  acceptedAt: string | null
  handledAt: string | null
  closedAt: string | null
  result: string | null
  rejectReason: string | null
  rating: number | null
  ratingComment: string | null
  reopens: number
  escalations: number
  revisitDueAt: string | null
  revisitedAt: string | null
  revisitFixed: boolean | null
  revisitSatisfaction: RevisitSatisfaction | null
  mergedIntoId: string | null
  visitId: string | null
  followers: number
  /** The viewer follows this case itself. */
  following: boolean
  /** The viewer follows the case or a node above it. */
  watched: boolean
  /** The category and its parent are public. */
  publicCategory: boolean
  token: string
  createdAt: string
  updatedAt: string
}

const photosOf = (column: SQL) => sql`coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256) ORDER BY array_position(${column}, a.id))
    FROM ${attachmentRows} a WHERE a.id = ANY(${column})), '[]'::json)`

/** Columns of one case; `viewer` decides `following` and `watched`. */
function caseColumns(viewer: string | null) {
  const me = viewer === null ? null : sql`${viewer}::bigint`
  return sql`c.id::text, c.district_id::text AS "districtId", c.state, c.level, c.category_code AS "categoryCode", cat.name AS "categoryName", c.description, c.address,
    ST_X(c.location) AS lng, ST_Y(c.location) AS lat, c.org_id::text AS "orgId", c.org_path::text AS "orgPath", g.name AS "gridName",
    cm.id::text AS "communityId", cm.name AS "communityName",
    c.handling_org_id::text AS "handlingOrgId", c.handling_org_path::text AS "handlingOrgPath", h.name AS "handlingOrgName",
    c.assignee_id::text AS "assigneeId", asg.name AS "assigneeName", c.last_handler_id::text AS "lastHandlerId",
    c.reporter_id::text AS "reporterId", rep.name AS "reporterName", rep.phone_mask AS "reporterPhoneMask", c.anonymous, c.channel,
    ${photosOf(sql`c.photo_ids`)} AS photos,
    c.accept_due_at::text AS "acceptDueAt", c.handle_due_at::text AS "handleDueAt", c.overdue_at::text AS "overdueAt", c.accepted_at::text AS "acceptedAt", c.handled_at::text AS "handledAt",
    c.closed_at::text AS "closedAt", c.result, c.reject_reason AS "rejectReason", c.rating, c.rating_comment AS "ratingComment", c.reopens, c.escalations,
    c.revisit_due_at::text AS "revisitDueAt", c.revisited_at::text AS "revisitedAt", c.revisit_fixed AS "revisitFixed", c.revisit_satisfaction AS "revisitSatisfaction", c.merged_into_id::text AS "mergedIntoId", c.visit_id::text AS "visitId",
    c.followers, ${me ? sql`EXISTS (SELECT 1 FROM follows f WHERE f.case_id = c.id AND f.district_id = c.district_id AND f.person_id = ${me})` : sql`false`} AS following,
    ${me ? followedBy(me) : sql`false`} AS watched, ${publicCategory(sql`c.category_code`)} AS "publicCategory",
    c.token::text, c.created_at::text AS "createdAt", c.updated_at::text AS "updatedAt"`
}

const caseJoins = sql`JOIN case_categories cat ON cat.code = c.category_code
  JOIN ${orgTree} g ON g.id = c.org_id
  JOIN ${orgTree} h ON h.id = c.handling_org_id
  LEFT JOIN ${orgTree} cm ON cm.path @> c.org_path AND cm.kind IN ('community', 'village') AND cm.path <> c.org_path
  LEFT JOIN ${personNames} asg ON asg.id = c.assignee_id
  LEFT JOIN ${personContacts} rep ON rep.id = c.reporter_id`

/**
 * One case with its names, photos and the viewer's follow. The case's row is read first, on its
 * own (a materialised CTE), then joined to people, photos and follows. On Citus it is read from
 * the shards in a statement of its own and presented by a second one (`presentedOnCoordinator`).
 * By id, or by its key where the caller knows the district (after a report, a lock, a transition):
 * on Citus a read naming the district goes to its one shard, where one by id alone asks every
 * shard (measured under eight reporters: ~260 ms by id alone, bench figure 15).
 */
export async function findCase(ex: Executor, key: string | CaseKey, viewer: string | null) {
  const where = typeof key === 'string' ? sql`id = ${key}` : sql`id = ${key.id} AND district_id = ${key.districtId}`
  if (await isDistributedTable(ex, 'cases')) {
    const found = await firstRow<{ row: unknown }>(ex, sql`SELECT to_jsonb(c) AS row FROM cases c WHERE ${where}`)
    return found ? (await presentedOnCoordinator(ex, [found.row], viewer))[0] : undefined
  }
  return firstRow<CaseRow>(ex, sql`WITH c AS MATERIALIZED (SELECT * FROM cases WHERE ${where})
    SELECT ${caseColumns(viewer)} FROM c ${caseJoins}`)
}

/**
 * Cases read from the distributed table (Citus), presented with their names, photos and the
 * viewer's follows by a second statement that names no distributed table: the rows come back as
 * `jsonb_populate_recordset(NULL::cases, …)`, so the coordinator runs it alone with its own indexes
 * (the location goes through PostGIS's GeoJSON with its SRID, coordinates unchanged).
 * In one statement with the cases, Citus plans each coordinator table joined to them on its own
 * and ships it whole: every person twice (assignee, reporter), 65,000 rows and ~340 ms each at the
 * bench's 0.01 city, growing with the city.
 */
async function presentedOnCoordinator(ex: Executor, found: unknown[], viewer: string | null): Promise<CaseRow[]> {
  if (found.length === 0) return []
  return rows<CaseRow>(ex, sql`SELECT ${caseColumns(viewer)} FROM jsonb_populate_recordset(NULL::cases, ${JSON.stringify(found)}::jsonb) c ${caseJoins} ORDER BY c.id DESC`)
}

/** The id and district of a case, or undefined when there is none. */
export async function caseKey(ex: Executor, id: string): Promise<CaseKey | undefined> {
  return firstRow<CaseKey>(ex, sql`SELECT id::text, district_id::text AS "districtId" FROM cases WHERE id = ${id}`)
}

/**
 * Locks the case row for a transition (two takers: the second waits, then sees the first's change).
 * The lock names the district, read first: Citus locks a row only with a statement routed to its
 * shard. A case moved to another district in between is found again under its new district.
 */
export async function lockCase(ex: Executor, id: string): Promise<CaseKey | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await firstRow<{ districtId: string }>(ex, sql`SELECT district_id::text AS "districtId" FROM cases WHERE id = ${id}`)
    if (!found) return null
    if (await firstRow(ex, sql`SELECT 1 FROM cases WHERE id = ${id} AND district_id = ${found.districtId} FOR UPDATE`)) return { id, districtId: found.districtId }
  }
  return null
}

export const withinScopes = (scopes: string) =>
  sql`(c.org_path <@ string_to_array(${scopes}, ',')::ltree[] OR c.handling_org_path <@ string_to_array(${scopes}, ',')::ltree[])`

/**
 * The handling unit is the node of one of the roles, or a child of it: a grid's own cases, a
 * community's grids, a street's communities and departments. Not deeper: a street admin may act
 * on a grid's case, but it is the grid's and the community's to-do, not theirs.
 */
const handledNear = (paths: string) => sql`EXISTS (SELECT 1 FROM unnest(string_to_array(${paths}, ',')::ltree[]) AS r(p)
  WHERE c.handling_org_path <@ r.p AND nlevel(c.handling_org_path) <= nlevel(r.p) + 1)`

/** The steps of the to-do list, each as a condition on the case row `c` (one definition for the list and the counts). */
export function todoSteps(t: { staffPaths: string; dispatchPaths: string }, personId: string | null) {
  const me = personId === null ? null : sql`${personId}::bigint`
  return {
    accept: sql`(c.state = 'reported' AND ${handledNear(t.staffPaths)})`,
    handle: sql`((c.state = 'accepted' AND c.assignee_id IS NULL AND ${handledNear(t.dispatchPaths)})${me ? sql` OR (c.state IN ('assigned', 'in_progress') AND c.assignee_id = ${me})` : sql``})`,
    // Verifying is for someone other than the last handler; closing follows verifying.
    verify: sql`((c.state = 'handled' AND ${handledNear(t.dispatchPaths)}${me ? sql` AND c.last_handler_id IS DISTINCT FROM ${me}` : sql``})
      OR (c.state = 'verified' AND ${handledNear(t.dispatchPaths)}))`,
    // 回访 is offered right after 销号; revisit_due_at is its deadline (null: the category has none).
    revisit: sql`(c.state = 'closed' AND c.merged_into_id IS NULL AND c.revisited_at IS NULL AND c.revisit_due_at IS NOT NULL AND ${handledNear(t.staffPaths)})`,
  }
}

/**
 * Implied by every step (open, or closed and awaiting its 回访): written out so the planner reads
 * the two partial indexes (cases_open_id_idx, cases_revisit_due_idx) instead of every readable case.
 */
const mayWait = sql`(c.state NOT IN ('rejected','closed') OR (c.state = 'closed' AND c.revisited_at IS NULL AND c.revisit_due_at IS NOT NULL))`

function todoWhere(t: { staffPaths: string; dispatchPaths: string }, personId: string | null, step?: keyof ReturnType<typeof todoSteps>): SQL {
  const s = todoSteps(t, personId)
  return sql`${mayWait} AND ${step ? s[step] : sql`(${s.accept} OR ${s.handle} OR ${s.verify} OR ${s.revisit})`}`
}

/** How many cases wait at each step (the caller's read rule applies as in every box). */
export async function todoCounts(ex: Executor, readable: SQL, t: { staffPaths: string; dispatchPaths: string }, personId: string | null) {
  const s = todoSteps(t, personId)
  return (await firstRow<{ accept: number; handle: number; verify: number; revisit: number }>(ex, sql`
    SELECT count(*) FILTER (WHERE ${s.accept})::int AS accept, count(*) FILTER (WHERE ${s.handle})::int AS handle,
           count(*) FILTER (WHERE ${s.verify})::int AS verify, count(*) FILTER (WHERE ${s.revisit})::int AS revisit
    FROM cases c WHERE ${mayWait} AND ${readable}`))!
}

export interface ListSelection extends Omit<CaseFilter, 'orgId'> {
  /** Staff scopes (box=scope) or null. */
  scopes: string | null
  personId: string | null
  /** The caller's read rule (`caseReadableBy`): every box lists only what the caller may read. */
  readable: SQL
  /** box=todo: the nodes of the caller's staff roles and of their dispatching roles (comma-joined paths, each role's own). */
  todo?: { staffPaths: string; dispatchPaths: string }
  underPath?: string
}

/**
 * No case: never true, but a condition on the row rather than the constant `false`, which Citus on
 * PostgreSQL 15 refuses in a query with an outer join ("pseudoconstant quals"). `org_path` is never
 * null, in the cases and in their figures' rollup alike (both are read as `c`).
 */
const noCase = sql`c.org_path IS NULL`

/** The WHERE clause shared by the inbox, the map and the figures. */
export function selectionWhere(s: ListSelection): SQL {
  const conds: SQL[] = [s.readable]
  if (s.box === 'scope') conds.push(s.scopes ? withinScopes(s.scopes) : noCase)
  if (s.box === 'todo') conds.push(todoWhere(s.todo ?? { staffPaths: '', dispatchPaths: '' }, s.personId, s.step))
  if (s.box === 'mine') conds.push(s.personId ? sql`c.assignee_id = ${s.personId}` : noCase)
  if (s.box === 'reported') conds.push(s.personId ? sql`c.reporter_id = ${s.personId}` : noCase)
  if (s.box === 'following') conds.push(s.personId ? followedBy(sql`${s.personId}::bigint`) : noCase)
  if (s.state?.length) {
    conds.push(sql`c.state = ANY(string_to_array(${s.state.join(',')}, ','))`)
    // Spelled out so the planner can use the partial index of open cases (cases_open_id_idx).
    if (!s.state.includes('rejected') && !s.state.includes('closed')) conds.push(sql`c.state NOT IN ('rejected','closed')`)
  }
  if (s.categoryCode) {
    conds.push(s.categoryCode.includes('.') ? sql`c.category_code = ${s.categoryCode}` : sql`(c.category_code = ${s.categoryCode} OR c.category_code LIKE ${s.categoryCode + '.%'})`)
  }
  if (s.overdue === true) conds.push(sql`c.overdue_at IS NOT NULL AND c.state NOT IN ('rejected', 'closed')`)
  if (s.overdue === false) conds.push(sql`(c.overdue_at IS NULL OR c.state IN ('rejected', 'closed'))`)
  if (s.underPath) conds.push(sql`(c.org_path <@ ${s.underPath}::ltree OR c.handling_org_path <@ ${s.underPath}::ltree)`)
  if (s.level) conds.push(sql`c.level = ${s.level}`)
  if (s.q) {
    const pattern = `%${s.q.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`
    conds.push(/^\d+$/.test(s.q) ? sql`(c.id = ${s.q} OR c.description ILIKE ${pattern})` : sql`(c.description ILIKE ${pattern} OR c.address ILIKE ${pattern})`)
  }
  if (s.from) conds.push(sql`c.created_at >= ${s.from}::timestamptz`)
  if (s.to) conds.push(sql`c.created_at < ${s.to}::timestamptz`)
  return sql.join(conds, sql` AND `)
}

export async function listCases(ex: Executor, s: ListSelection & { afterId?: string; limit: number }) {
  const first = !s.afterId
  if (await isDistributedTable(ex, 'cases')) return listCasesOnShards(ex, s, first)
  // The page's ids (and on the first page how many match, up to the cap), then its rows.
  const ids = countedIds(sql`SELECT c.id FROM cases c WHERE ${selectionWhere(s)} ${s.afterId ? sql`AND c.id < ${s.afterId}` : sql``} ORDER BY c.id DESC`, sql`ids.id DESC`, s.limit, first)
  // The page's cases are read first, on their own (as in findCase).
  return rows<CaseRow & { total?: number }>(ex, sql`
    WITH c AS MATERIALIZED (SELECT c.*${first ? sql`, k.total` : sql``} FROM ${ids} k JOIN cases c ON c.id = k.id)
    SELECT ${caseColumns(s.personId)}${first ? sql`, c.total` : sql``} FROM c ${caseJoins} ORDER BY c.id DESC`)
}

/**
 * `listCases` where the cases are distributed (Citus). The capped count of the first page is a
 * `LIMIT` inside a subquery, which Citus cannot push down: every shard would send up to 10,001 ids
 * to the coordinator (1.3–1.5 s a page at 250,000 cases, bench figure 15). Here each shard counts
 * its matches (the count is exact; the answer caps it as before) and sends its newest `limit + 1`
 * rows, of which the coordinator keeps the newest; they are presented as `findCase`'s are.
 */
async function listCasesOnShards(ex: Executor, s: ListSelection & { afterId?: string; limit: number }, first: boolean) {
  const where = sql`${selectionWhere(s)} ${s.afterId ? sql`AND c.id < ${s.afterId}` : sql``}`
  const total = first ? (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM cases c WHERE ${where}`))?.n ?? 0 : undefined
  const found = await rows<{ row: unknown }>(ex, sql`SELECT to_jsonb(c) AS row FROM cases c WHERE ${where} ORDER BY c.id DESC LIMIT ${s.limit + 1}`)
  const page: (CaseRow & { total?: number })[] = await presentedOnCoordinator(ex, found.map((f) => f.row), s.personId)
  return first ? page.map((r) => ({ ...r, total })) : page
}

/**
 * The most points the map answers: the newest that match. More in view is answered as the newest
 * MAP_POINTS and `truncated` (the page asks to zoom in): 1,000 points are about 210 KB of GeoJSON,
 * and a city's five years under one bbox would be megabytes nobody can read on a map.
 */
export const MAP_POINTS = 1000

/** The newest `limit` points matching (one more is read to tell whether there were more). */
export async function mapCases(ex: Executor, s: ListSelection & { bbox?: [number, number, number, number]; limit: number }) {
  const box = s.bbox ? sql`AND c.location && ST_MakeEnvelope(${s.bbox[0]}, ${s.bbox[1]}, ${s.bbox[2]}, ${s.bbox[3]}, 4326)` : sql``
  return rows<{ id: string; state: CaseState; categoryCode: string; level: CaseLevel; overdue: boolean; lng: number; lat: number }>(ex, sql`
    SELECT c.id::text, c.state, c.category_code AS "categoryCode", c.level, (c.overdue_at IS NOT NULL AND c.state NOT IN ('rejected','closed')) AS overdue,
           ST_X(c.location) AS lng, ST_Y(c.location) AS lat
    FROM cases c WHERE ${selectionWhere(s)} ${box} ORDER BY c.id DESC LIMIT ${s.limit + 1}`)
}

export async function nearbyOpen(ex: Executor, lng: number, lat: number, categoryCode: string) {
  const point = sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`
  return rows<{ id: string; categoryCode: string; categoryName: string; description: string; state: CaseState; distanceM: number; createdAt: string; followers: number }>(ex, sql`
    SELECT c.id::text, c.category_code AS "categoryCode", cat.name AS "categoryName", c.description, c.state,
           ST_Distance(c.location::geography, ${point}::geography) AS "distanceM", c.created_at::text AS "createdAt", c.followers
    FROM cases c JOIN case_categories cat ON cat.code = c.category_code
    WHERE c.category_code = ${categoryCode} AND ${publicCategory(sql`c.category_code`)} AND c.state NOT IN ('rejected', 'closed')
      AND c.created_at > now() - interval '14 days'
      AND ST_DWithin(c.location::geography, ${point}::geography, 50)
      AND c.location && ST_Expand(${point}, 0.001)
    ORDER BY "distanceM" LIMIT 10`)
}

/**
 * A subtree of the org tree moved from `oldPath` to under `newParentPath` (orgs.move): the cases'
 * copies of its paths follow, so scope filters (`org_path <@ scope`) put them in the new place.
 */
export async function moveCasePaths(ex: Executor, oldPath: string, newParentPath: string): Promise<void> {
  await ex.execute(sql`UPDATE cases SET org_path = ${newParentPath}::ltree || subpath(org_path, nlevel(${oldPath}::ltree) - 1)
                       WHERE org_path <@ ${oldPath}::ltree`)
  await ex.execute(sql`UPDATE cases SET handling_org_path = ${newParentPath}::ltree || subpath(handling_org_path, nlevel(${oldPath}::ltree) - 1)
                       WHERE handling_org_path <@ ${oldPath}::ltree`)
  // Under another district the cases change district, their timelines, meetings and follows with
  // them (the keys cascade), and so do the follows of the moved nodes.
  // The nodes' districts are read first: Citus refuses a STABLE function of a column in an UPDATE.
  const moved = sql`(${newParentPath}::ltree || subpath(${oldPath}::ltree, nlevel(${oldPath}::ltree) - 1))`
  const nodes = await rows<{ id: string; districtId: string }>(ex, sql`
    SELECT o.id::text, linli_district_of(o.id)::text AS "districtId" FROM ${orgTree} o WHERE o.path <@ ${moved}`)
  const ids = nodes.map((n) => n.id).join(',')
  const districts = nodes.map((n) => n.districtId).join(',')
  const m = sql`unnest(string_to_array(${ids}, ',')::bigint[], string_to_array(${districts}, ',')::bigint[]) AS m(id, district_id)`
  // Only when some case changes district: Citus refuses any UPDATE of the distribution column, so a
  // move within a district (the usual one) must not issue it.
  const changes = await firstRow<{ any: boolean }>(ex, sql`SELECT EXISTS (SELECT 1 FROM cases c JOIN ${m} ON c.org_id = m.id WHERE c.district_id <> m.district_id) AS any`)
  if (changes?.any) {
    if (await isDistributedTable(ex, 'cases')) await copyCasesAcrossDistricts(ex, m)
    else await ex.execute(sql`UPDATE cases c SET district_id = m.district_id FROM ${m} WHERE c.org_id = m.id AND c.district_id <> m.district_id`)
  }
  await ex.execute(sql`UPDATE follows f SET district_id = m.district_id FROM ${m} WHERE f.org_id = m.id AND f.district_id <> m.district_id`)
}

/**
 * Cases into another district where the family is distributed by district (Citus, which refuses to
 * change a distribution column): each moving case, its timeline and meetings are copied under the
 * new district with the same ids, then the old rows are deleted, children first (the keys between
 * them do not cascade there). The cases' row triggers move the hotspot point and the figures'
 * rollup rows as for any insert and delete; the cases' follows are updated. The timeline's delete is allowed by `linli.case_move`,
 * set for this transaction on every node (migration 0051). `m` is (org id, its district).
 */
async function copyCasesAcrossDistricts(ex: Executor, m: SQL): Promise<void> {
  const moving = await rows<{ id: string; fromId: string; toId: string }>(ex, sql`
    SELECT c.id::text, c.district_id::text AS "fromId", m.district_id::text AS "toId" FROM cases c JOIN ${m} ON c.org_id = m.id WHERE c.district_id <> m.district_id`)
  const v = sql`(SELECT * FROM unnest(${`{${moving.map((c) => c.id).join(',')}}`}::bigint[], ${`{${moving.map((c) => c.fromId).join(',')}}`}::bigint[], ${`{${moving.map((c) => c.toId).join(',')}}`}::bigint[]) AS v(case_id, from_id, to_id))`
  await ex.execute(sql`SET LOCAL citus.propagate_set_commands = 'local'`)
  await ex.execute(sql`SET LOCAL linli.case_move = 'on'`)
  const copy = (table: PgTable, caseId: string) => {
    const columns = Object.values(getTableColumns(table)).map((c) => c.name)
    const name = sql.identifier(getTableName(table))
    return ex.execute(sql`INSERT INTO ${name} (${sql.join(columns.map((c) => sql.identifier(c)), sql`, `)}) OVERRIDING SYSTEM VALUE
      SELECT ${sql.join(columns.map((c) => (c === 'district_id' ? sql`v.to_id` : sql`x.${sql.identifier(c)}`)), sql`, `)}
      FROM ${name} x JOIN ${v} v ON x.${sql.identifier(caseId)} = v.case_id AND x.district_id = v.from_id`)
  }
  const remove = (table: PgTable, caseId: string) => ex.execute(sql`DELETE FROM ${sql.identifier(getTableName(table))}
      WHERE (${sql.identifier(caseId)}, district_id) IN (SELECT v.case_id, v.from_id FROM ${v} v)`)
  await copy(cases, 'id')
  await copy(caseEvents, 'case_id')
  await copy(caseMeetings, 'case_id')
  await remove(caseMeetings, 'case_id')
  await remove(caseEvents, 'case_id')
  await remove(cases, 'id')
  await ex.execute(sql`SET LOCAL linli.case_move = 'off'`)
  // Follows stay on the coordinator, with no key to cascade from the cases there.
  await ex.execute(sql`UPDATE follows f SET district_id = v.to_id FROM ${v} v WHERE f.case_id = v.case_id AND f.district_id = v.from_id`)
}

/**
 * The figures in one pass over the matching cases: counted per state, then summed. `from` is the
 * rows counted: `cases c` filtered by a selection, or the rollup (`caseStatsRollupOf`) whose rows
 * carry each key's counts (summed alike; a state whose deltas sum to nothing is no state).
 */
export async function caseStats(ex: Executor, where: SQL, source: 'cases' | 'rollup' = 'cases') {
  const g = source === 'cases'
    ? sql`SELECT c.state, count(*) AS n,
        count(*) FILTER (WHERE c.overdue_at IS NOT NULL AND c.state NOT IN ('rejected','closed')) AS overdue,
        count(*) FILTER (WHERE c.handled_on_time) AS on_time,
        count(*) FILTER (WHERE c.handled_on_time IS NOT NULL) AS timed,
        count(*) FILTER (WHERE c.closed_level = 'grid') AS closed_grid,
        count(*) FILTER (WHERE c.closed_level IN ('grid','community')) AS closed_community,
        sum(c.rating) AS rating_sum, count(c.rating) AS rated
      FROM cases c WHERE ${where} GROUP BY c.state`
    : sql`SELECT c.state, sum(c.n) AS n, sum(c.overdue) AS overdue, sum(c.on_time) AS on_time, sum(c.timed) AS timed,
        sum(c.closed_grid) AS closed_grid, sum(c.closed_community) AS closed_community, sum(c.rating_sum) AS rating_sum, sum(c.rated) AS rated
      FROM case_stats_rollup c WHERE ${where} GROUP BY c.state HAVING sum(c.n) <> 0`
  return firstRow<{
    total: number
    byState: Record<string, number> | null
    overdue: number
    onTime: number
    timed: number
    closed: number
    closedGrid: number
    closedCommunity: number
    avgRating: string | null
  }>(ex, sql`
    WITH g AS MATERIALIZED (${g})
    SELECT coalesce(sum(g.n), 0)::int AS total,
      (SELECT json_object_agg(g.state, g.n::int) FROM g) AS "byState",
      coalesce(sum(g.overdue), 0)::int AS overdue,
      coalesce(sum(g.on_time), 0)::int AS "onTime",
      coalesce(sum(g.timed), 0)::int AS timed,
      coalesce(sum(g.n) FILTER (WHERE g.state = 'closed'), 0)::int AS closed,
      coalesce(sum(g.closed_grid) FILTER (WHERE g.state = 'closed'), 0)::int AS "closedGrid",
      coalesce(sum(g.closed_community) FILTER (WHERE g.state = 'closed'), 0)::int AS "closedCommunity",
      round(sum(g.rating_sum)::numeric / nullif(sum(g.rated), 0), 2)::text AS "avgRating"
    FROM g`)
}

/**
 * Merges the rollup's delta rows: each key (district, paths, state) with more than one row becomes one row (none when its
 * counts sum to nothing). One statement: rows appended meanwhile by other transactions are not in
 * its snapshot and wait for the next merge; the sums stay exact throughout. The keys are joined
 * as text: ltree has no hash operator class, and joined as ltree the planner hashed on the state
 * alone (minutes for the 500,000 delta rows a city's bulk load leaves).
 */
export async function compactCaseStats(ex: Executor): Promise<number> {
  const merged = await firstRow<{ n: number }>(ex, sql`
    WITH keys AS (SELECT district_id, org_path::text AS org, handling_org_path::text AS handling, state FROM case_stats_rollup GROUP BY 1, 2, 3, 4 HAVING count(*) > 1),
    gone AS (DELETE FROM case_stats_rollup r USING keys k
      WHERE r.district_id = k.district_id AND r.org_path::text = k.org AND r.handling_org_path::text = k.handling AND r.state = k.state
      RETURNING r.*),
    put AS (INSERT INTO case_stats_rollup (district_id, org_path, handling_org_path, state, n, overdue, on_time, timed, closed_grid, closed_community, rating_sum, rated)
      SELECT district_id, org_path, handling_org_path, state, sum(n), sum(overdue), sum(on_time), sum(timed), sum(closed_grid), sum(closed_community), sum(rating_sum), sum(rated)
      FROM gone GROUP BY 1, 2, 3, 4
      HAVING sum(n) <> 0 OR sum(overdue) <> 0 OR sum(on_time) <> 0 OR sum(timed) <> 0 OR sum(closed_grid) <> 0 OR sum(closed_community) <> 0 OR sum(rating_sum) <> 0 OR sum(rated) <> 0
      RETURNING 1)
    SELECT (SELECT count(*) FROM gone)::int AS n`)
  return merged?.n ?? 0
}

export interface EventRow {
  id: string
  action: string
  fromState: CaseState | null
  toState: CaseState | null
  actorId: string | null
  actorName: string | null
  at: string
  note: string | null
  public: boolean
  photos: { id: string; sha256: string }[]
  data: Record<string, unknown>
}

export async function timeline(ex: Executor, c: CaseKey, publicOnly: boolean) {
  const e = await fromShards(ex, 'case_events', 'e', sql`e.case_id = ${c.id} AND e.district_id = ${c.districtId} ${publicOnly ? sql`AND e.public` : sql``}`)
  if (!e) return []
  return rows<EventRow>(ex, sql`
    SELECT e.id::text, e.action, e.from_state AS "fromState", e.to_state AS "toState", e.actor_id::text AS "actorId", p.name AS "actorName", e.at::text, e.note, e.public,
           ${photosOf(sql`e.photo_ids`)} AS photos, e.data
    FROM ${e.from} LEFT JOIN ${personNames} p ON p.id = e.actor_id
    WHERE ${e.where} ORDER BY e.id`)
}

/**
 * Where rows of a distributed table (Citus) are joined to the coordinator's tables (people's
 * names, photos): the rows are read first, then given to the joining statement as
 * `jsonb_populate_recordset(NULL::<table>, …)`, so that statement names no distributed table and the
 * coordinator runs it alone (see `presentedOnCoordinator`). Elsewhere the table itself, filtered.
 * Null when no row matches.
 */
async function fromShards(ex: Executor, table: 'case_events' | 'case_meetings', alias: string, where: SQL): Promise<{ from: SQL; where: SQL } | null> {
  const t = sql.identifier(table), a = sql.identifier(alias)
  if (!(await isDistributedTable(ex, table))) return { from: sql`${t} ${a}`, where }
  const found = await rows<{ row: unknown }>(ex, sql`SELECT to_jsonb(${a}) AS row FROM ${t} ${a} WHERE ${where}`)
  if (found.length === 0) return null
  return { from: sql`jsonb_populate_recordset(NULL::${t}, ${JSON.stringify(found.map((f) => f.row))}::jsonb) ${a}`, where: sql`true` }
}

export interface MeetingRow { id: string; heldAt: string; participants: string[]; conclusion: string; recordedBy: string; recorderName: string }

export async function meetings(ex: Executor, c: CaseKey) {
  const m = await fromShards(ex, 'case_meetings', 'm', sql`m.case_id = ${c.id} AND m.district_id = ${c.districtId}`)
  if (!m) return []
  return rows<MeetingRow>(ex, sql`
    SELECT m.id::text, m.held_at::text AS "heldAt", m.participants, m.conclusion, m.recorded_by::text AS "recordedBy", p.name AS "recorderName"
    FROM ${m.from} JOIN ${personNames} p ON p.id = m.recorded_by WHERE ${m.where} ORDER BY m.held_at, m.id`)
}

export interface EventInput {
  caseId: string
  /** The case's district (`CaseRow.districtId`). */
  districtId: string
  action: string
  from: CaseState | null
  to: CaseState | null
  actorId: string | null
  actorKind: 'person' | 'system' | 'token'
  note?: string | null
  public?: boolean
  photoIds?: string[]
  data?: Record<string, unknown>
  at?: string
}

export async function insertEvent(ex: Executor, e: EventInput): Promise<string> {
  const row = await firstRow<{ id: string }>(ex, sql`
    INSERT INTO case_events (case_id, district_id, action, from_state, to_state, actor_id, actor_kind, note, public, photo_ids, data, at)
    VALUES (${e.caseId}, ${e.districtId}, ${e.action}, ${e.from}, ${e.to}, ${e.actorId}, ${e.actorKind}, ${e.note ?? null}, ${e.public ?? true},
            string_to_array(${(e.photoIds ?? []).join(',')}, ',')::bigint[], ${JSON.stringify(e.data ?? {})}::jsonb,
            coalesce(${e.at ?? null}::timestamptz, now()))
    RETURNING id::text`)
  return row!.id
}

/** `insertEvent` for several events in one statement (a sweep's batch), written in the order given. */
export async function insertEvents(ex: Executor, events: EventInput[]): Promise<void> {
  if (events.length === 0) return
  const list = events.map((e, i) => ({ i, case_id: e.caseId, district_id: e.districtId, action: e.action, from_state: e.from, to_state: e.to, actor_id: e.actorId, actor_kind: e.actorKind,
    note: e.note ?? null, public: e.public ?? true, photo_ids: (e.photoIds ?? []).join(','), data: e.data ?? {}, at: e.at ?? null }))
  await ex.execute(sql`
    INSERT INTO case_events (case_id, district_id, action, from_state, to_state, actor_id, actor_kind, note, public, photo_ids, data, at)
    SELECT e.case_id, e.district_id, e.action, e.from_state, e.to_state, e.actor_id, e.actor_kind, e.note, e.public, string_to_array(e.photo_ids, ',')::bigint[], e.data, coalesce(e.at, now())
    FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS e(case_id bigint, district_id bigint, action text, from_state text, to_state text, actor_id bigint, actor_kind text,
      note text, public boolean, photo_ids text, data jsonb, at timestamptz, i bigint)
    ORDER BY e.i`)
}

/** The nearest ancestor of a grid of the given kinds. */
export async function ancestorOfKind(ex: Executor, path: string, kinds: string[]) {
  return firstRow<{ id: string; path: string; name: string }>(ex, sql`
    SELECT id::text, path::text, name FROM ${orgTree} o
    WHERE path @> ${path}::ltree AND path <> ${path}::ltree AND kind = ANY(string_to_array(${kinds.join(',')}, ','))
    ORDER BY nlevel(path) DESC LIMIT 1`)
}

const STAFF_ROLES: Record<CaseLevel, string> = {
  grid: 'grid_leader,grid_worker',
  community: 'community_cadre',
  street: 'street_admin',
  department: 'street_admin,community_cadre,grid_leader,grid_worker',
}

/** People holding a staff role on the unit that handles a case at a level (who gets "new case"). */
export async function staffOf(ex: Executor, orgId: string, level: CaseLevel): Promise<string[]> {
  const found = await rows<{ personId: string }>(ex, sql`
    SELECT DISTINCT person_id::text AS "personId" FROM ${currentRoles} r
    WHERE org_id = ${orgId} AND role = ANY(string_to_array(${STAFF_ROLES[level]}, ','))`)
  return found.map((r) => r.personId)
}

/** `staffOf` for several (node, level) pairs in one statement; keyed `${orgId}:${level}`. */
export async function staffOfEach(ex: Executor, pairs: { orgId: string; level: CaseLevel }[]): Promise<Map<string, string[]>> {
  const keys = [...new Map(pairs.map((p) => [`${p.orgId}:${p.level}`, { key: `${p.orgId}:${p.level}`, org_id: p.orgId, roles: STAFF_ROLES[p.level] }])).values()]
  const out = new Map<string, string[]>(keys.map((k) => [k.key, []]))
  if (keys.length === 0) return out
  const found = await rows<{ key: string; personId: string }>(ex, sql`
    SELECT DISTINCT k.key, r.person_id::text AS "personId"
    FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(key text, org_id bigint, roles text) JOIN ${currentRoles} r ON r.org_id = k.org_id
    WHERE r.role = ANY(string_to_array(k.roles, ','))`)
  for (const r of found) out.get(r.key)!.push(r.personId)
  return out
}

const DISPATCH_ROLES = Object.entries(roleLevels).filter(([, level]) => level >= roleLevels.grid_leader).map(([role]) => role).join(',')

/** People who may verify, close or dispatch a case handled by a node: dispatching roles on it or on its parent. */
export async function dispatchersNear(ex: Executor, orgId: string): Promise<string[]> {
  const found = await rows<{ personId: string }>(ex, sql`
    SELECT DISTINCT r.person_id::text AS "personId" FROM ${currentRoles} r
    WHERE r.role = ANY(string_to_array(${DISPATCH_ROLES}, ','))
      AND r.org_id IN (SELECT o.id FROM ${orgTree} o WHERE o.id = ${orgId} UNION SELECT o.parent_id FROM ${orgTree} o WHERE o.id = ${orgId})`)
  return found.map((r) => r.personId)
}

/** Whether a person holds a role of at least grid-worker rank on, above or below a node. */
export async function worksFor(ex: Executor, personId: string, orgPath: string): Promise<boolean> {
  const row = await firstRow(ex, sql`
    SELECT 1 FROM ${currentRoles} r JOIN ${orgTree} o ON o.id = r.org_id
    WHERE r.person_id = ${personId} AND r.role IN ('admin','district_admin','street_admin','community_cadre','grid_leader','grid_worker')
      AND (o.path @> ${orgPath}::ltree OR o.path <@ ${orgPath}::ltree) LIMIT 1`)
  return row !== undefined
}

/**
 * Followers of a case, and of the grid/community/street it lies in, who may read it now (a follow
 * of a node never opens a case of a non-public category); `digest` ones get the daily summary.
 */
export async function followersOf(ex: Executor, k: CaseKey, withOrgFollowers: boolean) {
  return rows<{ personId: string; digest: boolean }>(ex, sql`
    SELECT DISTINCT ON (f.person_id) f.person_id::text AS "personId", f.digest FROM follows f JOIN cases c ON c.id = ${k.id} AND c.district_id = ${k.districtId}
    WHERE ((f.case_id = ${k.id} AND f.district_id = ${k.districtId}) ${withOrgFollowers
      ? sql`OR f.org_id = ANY (ARRAY(SELECT o.id FROM ${orgTree} o WHERE o.path @> (SELECT d.org_path FROM cases d WHERE d.id = ${k.id} AND d.district_id = ${k.districtId})))`
      : sql``})
      AND ${caseReadableByPerson(sql`f.person_id`)}
    ORDER BY f.person_id, f.digest`)
}

/** For each (person, case) pair, whether the person may read the case now (the digest re-checks what waited a day). */
export async function readableByPeople(ex: Executor, pairs: { personId: string; caseId: string }[]): Promise<boolean[]> {
  if (pairs.length === 0) return []
  // The cases are read first, on their own (as in findCase); the read rule then joins the roles and
  // follows of each person to them.
  const found = await rows<{ ok: boolean }>(ex, sql`
    WITH c AS MATERIALIZED (SELECT * FROM cases WHERE id = ANY(string_to_array(${pairs.map((p) => p.caseId).join(',')}, ',')::bigint[]))
    SELECT EXISTS (SELECT 1 FROM c WHERE c.id = x.case_id AND ${caseReadableByPerson(sql`x.person_id`)}) AS ok
    FROM unnest(string_to_array(${pairs.map((p) => p.personId).join(',')}, ',')::bigint[],
                string_to_array(${pairs.map((p) => p.caseId).join(',')}, ',')::bigint[]) WITH ORDINALITY AS x(person_id, case_id, n)
    ORDER BY x.n`)
  return found.map((r) => r.ok)
}

/**
 * Of the photo ids given, those the person may attach: their own uploads, and photos uploaded
 * without a login in the last day that no case, timeline row or visit uses yet (an anonymous
 * report's). Anything else (another person's upload, a photo of someone else's record) would
 * hand out the address of a photo its caller may not see.
 */
export async function usablePhotos(ex: Executor, ids: string[], personId: string | null): Promise<string[]> {
  const given = sql`string_to_array(${ids.join(',')}, ',')::bigint[]`
  // The timeline rows that use one of them are found once, not per photo: on Citus a subquery over
  // the distributed timeline correlated with the photo is refused. A row using a photo uploaded in
  // the last day is itself of the last day.
  const found = await rows<{ id: string }>(ex, sql`
    SELECT a.id::text FROM ${attachmentRows} a
    WHERE a.id = ANY(${given})
      AND (${personId === null ? sql`false` : sql`a.uploaded_by = ${personId}`}
        OR (a.uploaded_by IS NULL AND a.created_at > now() - interval '1 day'
          AND a.id NOT IN (SELECT unnest(e.photo_ids) FROM case_events e WHERE e.at > now() - interval '1 day' AND e.photo_ids && ${given})
          AND NOT EXISTS (SELECT 1 FROM ${visitPhotos} v WHERE v.created_at >= a.created_at AND a.id = ANY(v.photo_ids))))`)
  return found.map((r) => r.id)
}

/** A reporter's sealed phone (kernel/pii.ts), for the audited 联系上报人; null when they gave none. */
export async function reporterPhoneSealed(ex: Executor, personId: string): Promise<string | null> {
  return (await firstRow<{ phoneEnc: string | null }>(ex, sql`SELECT phone_enc AS "phoneEnc" FROM ${personContacts} p WHERE p.id = ${personId}`))?.phoneEnc ?? null
}
