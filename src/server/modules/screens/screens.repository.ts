// SQL of wall screens: the links, and the figures of a node read through the owners' relations
// (cases, volunteers, venues): counts and times only, never a person.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { caseRows } from '../cases/cases.read.ts'
import { publishedActivities, volunteerHours } from '../volunteers/volunteers.read.ts'
import { roomBookingTimes } from '../venues/venues.read.ts'
import { residentNotices } from '../broadcasts/broadcasts.read.ts'
import { publicResolutions } from '../deliberation/deliberation.read.ts'

export interface ScreenRow { id: string; orgId: string; orgName: string; orgPath: string; orgKind: string; indicatorCodes: string[] | null; name: string; tokenHint: string; createdById: string | null; createdByName: string | null; createdAt: string; revokedAt: string | null; lastSeenAt: string | null }

const columns = sql`s.id::text, s.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", o.kind AS "orgKind", s.indicator_codes AS "indicatorCodes", s.name, s.token_hint AS "tokenHint",
  s.created_by::text AS "createdById", p.name AS "createdByName", s.created_at::text AS "createdAt", s.revoked_at::text AS "revokedAt", s.last_seen_at::text AS "lastSeenAt"`
const from = sql`FROM screen_tokens s JOIN ${orgTree} o ON o.id = s.org_id LEFT JOIN ${personNames} p ON p.id = s.created_by`

const codeArray = (codes: string[] | null | undefined) => (codes ? sql`string_to_array(${codes.join(',')}, ',')::text[]` : sql`NULL`)

export async function insertScreen(ex: Executor, s: { orgId: string; name: string; tokenHash: string; tokenHint: string; createdBy: string | null; indicatorCodes?: string[] }): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO screen_tokens (org_id, name, token_hash, token_hint, created_by, indicator_codes)
    VALUES (${s.orgId}, ${s.name}, ${s.tokenHash}, ${s.tokenHint}, ${s.createdBy}, ${codeArray(s.indicatorCodes)}) RETURNING id::text`)
  return r!.id
}

/** Renames a screen and/or sets its headline indicators (null: the default list); undefined leaves a field. */
export async function updateScreen(ex: Executor, id: string, u: { name?: string; indicatorCodes?: string[] | null }): Promise<void> {
  await ex.execute(sql`UPDATE screen_tokens SET updated_at = now()
    ${u.name !== undefined ? sql`, name = ${u.name}` : sql``}
    ${u.indicatorCodes !== undefined ? sql`, indicator_codes = ${codeArray(u.indicatorCodes)}` : sql``}
    WHERE id = ${id}`)
}

export async function findScreen(ex: Executor, id: string): Promise<ScreenRow | undefined> {
  return firstRow<ScreenRow>(ex, sql`SELECT ${columns} ${from} WHERE s.id = ${id}`)
}

/** The live screen of a token (revoked ones and those of deleted nodes do not load). */
/** When a screen last fetched its feed, written at most once every `minutes` (after the response, never inside the GET). */
export async function touchScreen(ex: Executor, id: string, minutes = 5): Promise<void> {
  await ex.execute(sql`UPDATE screen_tokens SET last_seen_at = now()
    WHERE id = ${id} AND (last_seen_at IS NULL OR last_seen_at < now() - make_interval(mins => ${minutes}))`)
}

export async function screenByHash(ex: Executor, hash: string): Promise<ScreenRow | undefined> {
  return firstRow<ScreenRow>(ex, sql`SELECT ${columns} ${from} WHERE s.token_hash = ${hash} AND s.revoked_at IS NULL AND o.deleted_at IS NULL`)
}

export async function listScreens(ex: Executor, scopes: string, underPath: string | undefined): Promise<ScreenRow[]> {
  return rows<ScreenRow>(ex, sql`SELECT ${columns} ${from} WHERE o.path <@ ANY(string_to_array(${scopes}, ',')::ltree[])
    ${underPath ? sql`AND o.path <@ ${underPath}::ltree` : sql``} ORDER BY s.revoked_at IS NOT NULL, s.id DESC LIMIT 500`)
}

export async function revoke(ex: Executor, id: string, by: string | null): Promise<boolean> {
  return (await rows(ex, sql`UPDATE screen_tokens SET revoked_at = now(), revoked_by = ${by}, updated_at = now() WHERE id = ${id} AND revoked_at IS NULL RETURNING id`)).length > 0
}

export interface Window { monthStart: string; yearStart: string; todayStart: string; tomorrowStart: string }

export async function caseFigures(ex: Executor, path: string, w: Window) {
  return (await firstRow<{ reported: number; yearReported: number; closed: number; handled: number; onTime: number }>(ex, sql`SELECT
      count(*) FILTER (WHERE c.created_at >= ${w.monthStart}::timestamptz AND c.merged_into_id IS NULL)::int AS reported,
      count(*) FILTER (WHERE c.created_at >= ${w.yearStart}::timestamptz AND c.merged_into_id IS NULL)::int AS "yearReported",
      count(*) FILTER (WHERE c.closed_at >= ${w.monthStart}::timestamptz)::int AS closed,
      count(*) FILTER (WHERE c.handled_at >= ${w.monthStart}::timestamptz AND c.handled_on_time IS NOT NULL)::int AS handled,
      count(*) FILTER (WHERE c.handled_at >= ${w.monthStart}::timestamptz AND c.handled_on_time)::int AS "onTime"
    FROM ${caseRows} c WHERE c.org_path <@ ${path}::ltree
      AND (c.created_at >= ${w.yearStart}::timestamptz OR c.closed_at >= ${w.monthStart}::timestamptz OR c.handled_at >= ${w.monthStart}::timestamptz)`))!
}

export async function hourFigures(ex: Executor, path: string, w: Window) {
  return (await firstRow<{ month: number; year: number }>(ex, sql`SELECT
      coalesce(sum(h.hours) FILTER (WHERE h.at >= ${w.monthStart}::timestamptz), 0)::float8 AS month, coalesce(sum(h.hours), 0)::float8 AS year
    FROM ${volunteerHours} h JOIN ${orgTree} o ON o.id = h.org_id WHERE o.path <@ ${path}::ltree AND h.at >= ${w.yearStart}::timestamptz`))!
}

type Slot = { title: string; place: string; startsAt: string; endsAt: string }

export async function todaysBookings(ex: Executor, path: string, w: Window): Promise<{ count: number; slots: Slot[] }> {
  const under = sql`FROM ${roomBookingTimes} b JOIN ${orgTree} o ON o.id = b.org_id WHERE o.path <@ ${path}::ltree AND b.state = 'confirmed'
    AND b.start_at < ${w.tomorrowStart}::timestamptz AND b.end_at > ${w.todayStart}::timestamptz`
  const count = (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n ${under}`))!.n
  const slots = await rows<Slot>(ex, sql`SELECT b.room_name AS title, b.venue_name AS place, b.start_at::text AS "startsAt", b.end_at::text AS "endsAt" ${under} ORDER BY b.start_at, b.id LIMIT 8`)
  return { count, slots }
}

/** The latest notices to all residents of the node, of a node above it (a street's notice) or below it. */
export async function latestNotices(ex: Executor, path: string): Promise<{ title: string; sentAt: string }[]> {
  return rows<{ title: string; sentAt: string }>(ex, sql`SELECT n.title, n.sent_at::text AS "sentAt"
    FROM ${residentNotices} n JOIN ${orgTree} o ON o.id = n.audience_org_id WHERE (o.path <@ ${path}::ltree OR o.path @> ${path}::ltree)
    ORDER BY n.sent_at DESC, n.id DESC LIMIT 5`)
}

/** The latest resolutions under the node, with their progress. */
export async function latestResolutions(ex: Executor, path: string): Promise<{ title: string; state: string; progress: number; decidedAt: string }[]> {
  return rows<{ title: string; state: string; progress: number; decidedAt: string }>(ex, sql`SELECT r.title, r.state, r.progress, r.decided_at::text AS "decidedAt"
    FROM ${publicResolutions} r JOIN ${orgTree} o ON o.id = r.org_id WHERE o.path <@ ${path}::ltree
    ORDER BY r.decided_at DESC, r.id DESC LIMIT 5`)
}

export async function todaysActivities(ex: Executor, path: string, w: Window): Promise<Slot[]> {
  return rows<Slot>(ex, sql`SELECT a.title, a.place, a.starts_at::text AS "startsAt", a.ends_at::text AS "endsAt"
    FROM ${publishedActivities} a JOIN ${orgTree} o ON o.id = a.org_id WHERE o.path <@ ${path}::ltree
      AND a.starts_at < ${w.tomorrowStart}::timestamptz AND a.ends_at > ${w.todayStart}::timestamptz ORDER BY a.starts_at, a.id LIMIT 8`)
}
