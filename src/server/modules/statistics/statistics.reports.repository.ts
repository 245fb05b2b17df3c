// SQL of the bottom-up reports: a node's report for a month with its frozen figures, the manual
// values a community typed, and time-limited lock exceptions.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'

export type ReportState = 'submitted' | 'approved' | 'accepted'
/** A figure as summed: numerator (or count) and denominator (ratios only). */
export type Pair = [number, number | null]
export type Figures = Record<string, Pair>
/** What a report froze: the node's own figures and one set per child row. */
export interface Snapshot {
  total: Figures
  rows: Record<string, Figures>
}

export interface ReportRow {
  orgId: string
  state: ReportState
  snapshot: Snapshot
  actedBy: string
  actedByName: string
  actedAt: string
}

export async function reportsOf(ex: Executor, orgIds: string[], period: string): Promise<Map<string, ReportRow>> {
  if (orgIds.length === 0) return new Map()
  const found = await rows<ReportRow>(ex, sql`SELECT r.org_id::text AS "orgId", r.state, r.snapshot, r.acted_by::text AS "actedBy", p.name AS "actedByName", r.acted_at::text AS "actedAt"
    FROM statistic_reports r JOIN ${personNames} p ON p.id = r.acted_by
    WHERE r.org_id = ANY(string_to_array(${orgIds.join(',')}, ',')::bigint[]) AND r.period = ${period}`)
  return new Map(found.map((r) => [r.orgId, r]))
}

export async function saveReport(ex: Executor, r: { orgId: string; period: string; state: ReportState; snapshot: Snapshot; actedBy: string }): Promise<void> {
  await ex.execute(sql`INSERT INTO statistic_reports (org_id, period, state, snapshot, acted_by, acted_at)
    VALUES (${r.orgId}, ${r.period}, ${r.state}, ${JSON.stringify(r.snapshot)}::jsonb, ${r.actedBy}, now())
    ON CONFLICT (org_id, period) DO UPDATE SET state = excluded.state, snapshot = excluded.snapshot, acted_by = excluded.acted_by, acted_at = excluded.acted_at`)
}

export async function lockReport(ex: Executor, orgId: string, period: string): Promise<void> {
  await ex.execute(sql`SELECT 1 FROM statistic_reports WHERE org_id = ${orgId} AND period = ${period} FOR UPDATE`)
}

export interface UnlockRow {
  id: string
  orgId: string
  reason: string
  until: string
  grantedBy: string
  grantedByName: string
  grantedAt: string
}

const UNLOCK = sql`u.id::text, u.org_id::text AS "orgId", u.reason, u.until::text, u.granted_by::text AS "grantedBy", p.name AS "grantedByName", u.granted_at::text AS "grantedAt"
  FROM statistic_unlocks u JOIN ${personNames} p ON p.id = u.granted_by`

/** The exception open now for a node's month, if any. */
export async function activeUnlock(ex: Executor, orgId: string, period: string): Promise<UnlockRow | undefined> {
  return firstRow<UnlockRow>(ex, sql`SELECT ${UNLOCK} WHERE u.org_id = ${orgId} AND u.period = ${period} AND u.until > now() ORDER BY u.until DESC LIMIT 1`)
}

export async function unlocksOf(ex: Executor, orgIds: string[], period: string): Promise<UnlockRow[]> {
  if (orgIds.length === 0) return []
  return rows<UnlockRow>(ex, sql`SELECT ${UNLOCK} WHERE u.org_id = ANY(string_to_array(${orgIds.join(',')}, ',')::bigint[]) AND u.period = ${period} ORDER BY u.granted_at DESC`)
}

export async function insertUnlock(ex: Executor, u: { orgId: string; period: string; reason: string; hours: number; by: string }): Promise<UnlockRow> {
  const [row] = await rows<{ id: string }>(ex, sql`INSERT INTO statistic_unlocks (org_id, period, reason, until, granted_by)
    VALUES (${u.orgId}, ${u.period}, ${u.reason}, now() + make_interval(hours => ${u.hours}), ${u.by}) RETURNING id::text`)
  return (await firstRow<UnlockRow>(ex, sql`SELECT ${UNLOCK} WHERE u.id = ${row!.id}`))!
}

/** A used exception ends when the node reports again. */
export async function closeUnlocks(ex: Executor, orgId: string, period: string): Promise<void> {
  await ex.execute(sql`UPDATE statistic_unlocks SET until = now() WHERE org_id = ${orgId} AND period = ${period} AND until > now()`)
}

export async function saveManual(ex: Executor, communityId: string, period: string, values: Record<string, number>, by: string): Promise<void> {
  const codes = Object.keys(values)
  if (codes.length === 0) return
  await ex.execute(sql`INSERT INTO statistic_manual_values (community_id, period, code, value, entered_by, entered_at)
    SELECT ${communityId}, ${period}, v.code, v.value::numeric, ${by}, now()
    FROM unnest(string_to_array(${codes.join(',')}, ','), string_to_array(${codes.map((c) => String(values[c])).join(',')}, ',')) AS v(code, value)
    ON CONFLICT (community_id, period, code) DO UPDATE SET value = excluded.value, entered_by = excluded.entered_by, entered_at = excluded.entered_at
    WHERE statistic_manual_values.value IS DISTINCT FROM excluded.value`)
}

export interface ManualRow {
  code: string
  value: number
  enteredBy: string
  enteredByName: string
  enteredAt: string
}

export async function manualOf(ex: Executor, communityId: string, period: string): Promise<ManualRow[]> {
  return rows<ManualRow>(ex, sql`SELECT m.code, m.value::float8 AS value, m.entered_by::text AS "enteredBy", p.name AS "enteredByName", m.entered_at::text AS "enteredAt"
    FROM statistic_manual_values m JOIN ${personNames} p ON p.id = m.entered_by WHERE m.community_id = ${communityId} AND m.period = ${period} ORDER BY m.code`)
}

export interface NodeBrief {
  id: string
  name: string
  kind: string
  path: string
}

export async function parentOf(ex: Executor, orgId: string): Promise<NodeBrief | undefined> {
  return firstRow<NodeBrief>(ex, sql`SELECT p.id::text, p.name, p.kind, p.path::text FROM ${orgTree} o JOIN ${orgTree} p ON p.id = o.parent_id WHERE o.id = ${orgId}`)
}

/** Whether any community-month under the node still waits for the sweep. */
export async function dirtyUnder(ex: Executor, path: string, period: string): Promise<number> {
  const r = await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM statistic_dirty d JOIN ${orgTree} c ON c.id = d.community_id WHERE c.path <@ ${path}::ltree AND d.period = ${period}`)
  return r?.n ?? 0
}
