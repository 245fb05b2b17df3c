// Queries of cases, their timeline, categories and follows. Scopes are comma-joined ltree paths;
// a case is in a scope when its grid or the unit now handling it is.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { CaseFilter, CaseLevel, CaseState } from './cases.schemas.ts'
import { caseReadableByPerson, followedBy, publicCategory } from './cases.access.ts'
import { attachmentRows } from '../files/files.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { visitPhotos } from '../visits/visits.read.ts'

/** Categories have their own repository; the transitions read them through this one too. */
export * from './cases.categories.repository.ts'

export interface CaseRow {
  id: string
  state: CaseState
  level: CaseLevel
  category_code: string
  category_name: string
  description: string
  address: string | null
  lng: number
  lat: number
  org_id: string
  org_path: string
  grid_name: string
  community_id: string | null
  community_name: string | null
  handling_org_id: string
  handling_org_path: string
  handling_org_name: string
  assignee_id: string | null
  assignee_name: string | null
  last_handler_id: string | null
  reporter_id: string | null
  reporter_name: string | null
  anonymous: boolean
  channel: string
  photos: { id: string; sha256: string }[]
  accept_due_at: string | null
  handle_due_at: string | null
  overdue_at: string | null
  accepted_at: string | null
  handled_at: string | null
  closed_at: string | null
  result: string | null
  reject_reason: string | null
  rating: number | null
  rating_comment: string | null
  reopens: number
  escalations: number
  revisit_due_at: string | null
  revisited_at: string | null
  revisit_fixed: boolean | null
  merged_into_id: string | null
  visit_id: string | null
  followers: number
  /** The viewer follows this case itself. */
  following: boolean
  /** The viewer follows the case or a node above it. */
  watched: boolean
  /** The category and its parent are public. */
  public_category: boolean
  token: string
  created_at: string
  updated_at: string
}

const photosOf = (column: SQL) => sql`coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256) ORDER BY array_position(${column}, a.id))
    FROM ${attachmentRows} a WHERE a.id = ANY(${column})), '[]'::json)`

/** Columns of one case; `viewer` decides `following` and `watched`. */
function caseColumns(viewer: string | null) {
  const me = viewer === null ? null : sql`${viewer}::bigint`
  return sql`c.id::text, c.state, c.level, c.category_code, cat.name AS category_name, c.description, c.address,
    ST_X(c.location) AS lng, ST_Y(c.location) AS lat, c.org_id::text, c.org_path::text, g.name AS grid_name,
    cm.id::text AS community_id, cm.name AS community_name,
    c.handling_org_id::text, c.handling_org_path::text, h.name AS handling_org_name,
    c.assignee_id::text, asg.name AS assignee_name, c.last_handler_id::text,
    c.reporter_id::text, rep.name AS reporter_name, c.anonymous, c.channel,
    ${photosOf(sql`c.photo_ids`)} AS photos,
    c.accept_due_at::text, c.handle_due_at::text, c.overdue_at::text, c.accepted_at::text, c.handled_at::text,
    c.closed_at::text, c.result, c.reject_reason, c.rating, c.rating_comment, c.reopens, c.escalations,
    c.revisit_due_at::text, c.revisited_at::text, c.revisit_fixed, c.merged_into_id::text, c.visit_id::text,
    c.followers, ${me ? sql`EXISTS (SELECT 1 FROM follows f WHERE f.case_id = c.id AND f.person_id = ${me})` : sql`false`} AS following,
    ${me ? followedBy(me) : sql`false`} AS watched, ${publicCategory(sql`c.category_code`)} AS public_category,
    c.token::text, c.created_at::text, c.updated_at::text`
}

const caseJoins = sql`JOIN case_categories cat ON cat.code = c.category_code
  JOIN ${orgTree} g ON g.id = c.org_id
  JOIN ${orgTree} h ON h.id = c.handling_org_id
  LEFT JOIN ${orgTree} cm ON cm.path @> c.org_path AND cm.kind IN ('community', 'village') AND cm.path <> c.org_path
  LEFT JOIN ${personNames} asg ON asg.id = c.assignee_id
  LEFT JOIN ${personNames} rep ON rep.id = c.reporter_id`

export async function findCase(ex: Executor, id: string, viewer: string | null) {
  return firstRow<CaseRow>(ex, sql`SELECT ${caseColumns(viewer)} FROM cases c ${caseJoins} WHERE c.id = ${id}`)
}

/** Locks the case row for a transition (two takers: the second waits, then sees the first's change). */
export async function lockCase(ex: Executor, id: string): Promise<boolean> {
  return (await firstRow(ex, sql`SELECT 1 FROM cases WHERE id = ${id} FOR UPDATE`)) !== undefined
}

export const withinScopes = (scopes: string) =>
  sql`(c.org_path <@ string_to_array(${scopes}, ',')::ltree[] OR c.handling_org_path <@ string_to_array(${scopes}, ',')::ltree[])`

export interface ListSelection extends Omit<CaseFilter, 'orgId'> {
  /** Staff scopes (box=scope) or null. */
  scopes: string | null
  personId: string | null
  /** The caller's read rule (`caseReadableBy`): every box lists only what the caller may read. */
  readable: SQL
  underPath?: string
}

/** The WHERE clause shared by the inbox, the map and the figures. */
export function selectionWhere(s: ListSelection): SQL {
  const conds: SQL[] = [s.readable]
  if (s.box === 'scope') conds.push(s.scopes ? withinScopes(s.scopes) : sql`false`)
  if (s.box === 'mine') conds.push(s.personId ? sql`c.assignee_id = ${s.personId}` : sql`false`)
  if (s.box === 'reported') conds.push(s.personId ? sql`c.reporter_id = ${s.personId}` : sql`false`)
  if (s.box === 'following') conds.push(s.personId ? followedBy(sql`${s.personId}::bigint`) : sql`false`)
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
  return rows<CaseRow>(ex, sql`
    SELECT ${caseColumns(s.personId)} FROM (
      SELECT c.* FROM cases c WHERE ${selectionWhere(s)} ${s.afterId ? sql`AND c.id < ${s.afterId}` : sql``}
      ORDER BY c.id DESC LIMIT ${s.limit + 1}
    ) c ${caseJoins} ORDER BY c.id DESC`)
}

export async function mapCases(ex: Executor, s: ListSelection & { bbox?: [number, number, number, number] }) {
  const box = s.bbox ? sql`AND c.location && ST_MakeEnvelope(${s.bbox[0]}, ${s.bbox[1]}, ${s.bbox[2]}, ${s.bbox[3]}, 4326)` : sql``
  return rows<{ id: string; state: CaseState; category_code: string; level: CaseLevel; overdue: boolean; lng: number; lat: number }>(ex, sql`
    SELECT c.id::text, c.state, c.category_code, c.level, (c.overdue_at IS NOT NULL AND c.state NOT IN ('rejected','closed')) AS overdue,
           ST_X(c.location) AS lng, ST_Y(c.location) AS lat
    FROM cases c WHERE ${selectionWhere(s)} ${box} ORDER BY c.id DESC LIMIT 5000`)
}

export async function nearbyOpen(ex: Executor, lng: number, lat: number, categoryCode: string) {
  const point = sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`
  return rows<{ id: string; category_code: string; category_name: string; description: string; state: CaseState; distance_m: number; created_at: string; followers: number }>(ex, sql`
    SELECT c.id::text, c.category_code, cat.name AS category_name, c.description, c.state,
           ST_Distance(c.location::geography, ${point}::geography) AS distance_m, c.created_at::text, c.followers
    FROM cases c JOIN case_categories cat ON cat.code = c.category_code
    WHERE c.category_code = ${categoryCode} AND ${publicCategory(sql`c.category_code`)} AND c.state NOT IN ('rejected', 'closed')
      AND c.created_at > now() - interval '14 days'
      AND ST_DWithin(c.location::geography, ${point}::geography, 50)
      AND c.location && ST_Expand(${point}, 0.001)
    ORDER BY distance_m LIMIT 10`)
}

export async function caseStats(ex: Executor, where: SQL) {
  return firstRow<{
    total: number
    by_state: Record<string, number> | null
    overdue: number
    on_time: number
    timed: number
    closed: number
    closed_grid: number
    closed_community: number
    avg_rating: string | null
  }>(ex, sql`
    SELECT count(*)::int AS total,
      (SELECT json_object_agg(state, n) FROM (SELECT c.state, count(*)::int AS n FROM cases c WHERE ${where} GROUP BY c.state) s) AS by_state,
      count(*) FILTER (WHERE c.overdue_at IS NOT NULL AND c.state NOT IN ('rejected','closed'))::int AS overdue,
      count(*) FILTER (WHERE c.handled_on_time)::int AS on_time,
      count(*) FILTER (WHERE c.handled_on_time IS NOT NULL)::int AS timed,
      count(*) FILTER (WHERE c.state = 'closed')::int AS closed,
      count(*) FILTER (WHERE c.state = 'closed' AND c.closed_level = 'grid')::int AS closed_grid,
      count(*) FILTER (WHERE c.state = 'closed' AND c.closed_level IN ('grid','community'))::int AS closed_community,
      round(avg(c.rating), 2)::text AS avg_rating
    FROM cases c WHERE ${where}`)
}

export interface EventRow {
  id: string
  action: string
  from_state: CaseState | null
  to_state: CaseState | null
  actor_id: string | null
  actor_name: string | null
  at: string
  note: string | null
  public: boolean
  photos: { id: string; sha256: string }[]
  data: Record<string, unknown>
}

export async function timeline(ex: Executor, caseId: string, publicOnly: boolean) {
  return rows<EventRow>(ex, sql`
    SELECT e.id::text, e.action, e.from_state, e.to_state, e.actor_id::text, p.name AS actor_name, e.at::text, e.note, e.public,
           ${photosOf(sql`e.photo_ids`)} AS photos, e.data
    FROM case_events e LEFT JOIN ${personNames} p ON p.id = e.actor_id
    WHERE e.case_id = ${caseId} ${publicOnly ? sql`AND e.public` : sql``} ORDER BY e.id`)
}

export interface MeetingRow { id: string; held_at: string; participants: string[]; conclusion: string; recorded_by: string; recorder_name: string }

export async function meetings(ex: Executor, caseId: string) {
  return rows<MeetingRow>(ex, sql`
    SELECT m.id::text, m.held_at::text, m.participants, m.conclusion, m.recorded_by::text, p.name AS recorder_name
    FROM case_meetings m JOIN ${personNames} p ON p.id = m.recorded_by WHERE m.case_id = ${caseId} ORDER BY m.held_at, m.id`)
}

export interface EventInput {
  caseId: string
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
    INSERT INTO case_events (case_id, action, from_state, to_state, actor_id, actor_kind, note, public, photo_ids, data, at)
    VALUES (${e.caseId}, ${e.action}, ${e.from}, ${e.to}, ${e.actorId}, ${e.actorKind}, ${e.note ?? null}, ${e.public ?? true},
            string_to_array(${(e.photoIds ?? []).join(',')}, ',')::bigint[], ${JSON.stringify(e.data ?? {})}::jsonb,
            coalesce(${e.at ?? null}::timestamptz, now()))
    RETURNING id::text`)
  return row!.id
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
  const found = await rows<{ person_id: string }>(ex, sql`
    SELECT DISTINCT person_id::text FROM ${currentRoles} r
    WHERE org_id = ${orgId} AND role = ANY(string_to_array(${STAFF_ROLES[level]}, ','))`)
  return found.map((r) => r.person_id)
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
export async function followersOf(ex: Executor, caseId: string, withOrgFollowers: boolean) {
  return rows<{ person_id: string; digest: boolean }>(ex, sql`
    SELECT DISTINCT ON (f.person_id) f.person_id::text, f.digest FROM follows f JOIN cases c ON c.id = ${caseId}
    WHERE (f.case_id = ${caseId} ${withOrgFollowers
      ? sql`OR f.org_id = ANY (ARRAY(SELECT o.id FROM ${orgTree} o WHERE o.path @> (SELECT d.org_path FROM cases d WHERE d.id = ${caseId})))`
      : sql``})
      AND ${caseReadableByPerson(sql`f.person_id`)}
    ORDER BY f.person_id, f.digest`)
}

/** For each (person, case) pair, whether the person may read the case now (the digest re-checks what waited a day). */
export async function readableByPeople(ex: Executor, pairs: { personId: string; caseId: string }[]): Promise<boolean[]> {
  if (pairs.length === 0) return []
  const found = await rows<{ ok: boolean }>(ex, sql`
    SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id AND ${caseReadableByPerson(sql`x.person_id`)}) AS ok
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
  const found = await rows<{ id: string }>(ex, sql`
    SELECT a.id::text FROM ${attachmentRows} a
    WHERE a.id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])
      AND (${personId === null ? sql`false` : sql`a.uploaded_by = ${personId}`}
        OR (a.uploaded_by IS NULL AND a.created_at > now() - interval '1 day'
          AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.at >= a.created_at AND a.id = ANY(e.photo_ids))
          AND NOT EXISTS (SELECT 1 FROM ${visitPhotos} v WHERE v.created_at >= a.created_at AND a.id = ANY(v.photo_ids))))`)
  return found.map((r) => r.id)
}
