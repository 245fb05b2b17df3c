// Queries of the manual awards (points_manual_awards): the review list, the per-day sum of one
// awarder's entries under a lock, and the moves of a pending award to posted or rejected.
import { countUpTo } from '../../kernel/pagination.ts'
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { ManualAwardSubject, RecipientSubject } from './points.policy.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames, roleGrants } from '../people/people.read.ts'
import { unitRows, unitStaff } from '../units/units.read.ts'

type Ref = { id: string; name: string }
const idList = (ids: readonly string[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`

/** Where a person lives or works now: their points account's node and the nodes of their current roles. */
const personPaths = (person: ReturnType<typeof sql>) => sql`coalesce((SELECT json_agg(DISTINCT x.path) FROM (
    SELECT o.path::text AS path FROM points_accounts a JOIN ${orgTree} o ON o.id = a.org_id WHERE a.person_id = ${person}
    UNION SELECT o.path::text FROM ${roleGrants} r JOIN ${orgTree} o ON o.id = r.org_id
      WHERE r.person_id = ${person} AND o.deleted_at IS NULL AND r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to >= CURRENT_DATE)) x), '[]'::json)`

/** The people a manual award may name, as the access check sees them (deleted people are left out). */
export async function recipientSubjects(ex: Executor, ids: readonly string[]) {
  return rows<RecipientSubject>(ex, sql`SELECT p.id::text AS "personId", ${personPaths(sql`p.id`)} AS paths
    FROM ${personNames} p WHERE p.id = ANY(${idList(ids)}) AND p.deleted_at IS NULL`)
}

/** Manual awards as the access check sees them: where given, by whom, and who and where their recipient is. */
export async function manualAwardSubjects(ex: Executor, ids: readonly string[]) {
  if (ids.length === 0) return []
  return rows<ManualAwardSubject>(ex, sql`SELECT m.id::text, m.org_path::text AS "orgPath", m.awarded_by::text AS "awardedById",
      CASE WHEN m.person_id IS NOT NULL THEN json_build_array(m.person_id::text)
           ELSE coalesce((SELECT json_agg(up.person_id::text) FROM ${unitStaff} up WHERE up.unit_id = m.unit_id), '[]'::json) END AS "recipientPersonIds",
      CASE WHEN m.person_id IS NOT NULL THEN ${personPaths(sql`m.person_id`)}
           ELSE (SELECT json_build_array(o.path::text) FROM ${unitRows} u JOIN ${orgTree} o ON o.id = u.org_id WHERE u.id = m.unit_id) END AS "recipientPaths"
    FROM points_manual_awards m WHERE m.id = ANY(${idList(ids)})`)
}
export type ManualAwardStatus = 'pending' | 'posted' | 'rejected'

export interface ManualAwardRow {
  id: string
  status: ManualAwardStatus
  person: Ref | null
  personId: string | null
  unit: Ref | null
  unitId: string | null
  rule: { code: string; name: string }
  direction: 'earn' | 'deduct'
  quantity: string
  points: string
  org: Ref
  orgId: string
  orgPath: string
  reason: string
  awardedBy: Ref
  awardedById: string
  requestHash: string | null
  transactionId: string | null
  decidedBy: Ref | null
  decidedAt: string | null
  rejectReason: string | null
  createdAt: string
}

const manualSelect = sql`SELECT m.id::text, m.status,
    CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id::text, 'name', p.name) END AS person, m.person_id::text AS "personId",
    CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id::text, 'name', u.name) END AS unit, m.unit_id::text AS "unitId",
    json_build_object('code', r.code, 'name', r.name) AS rule, m.direction, m.quantity::text, m.points::text,
    json_build_object('id', o.id::text, 'name', o.name) AS org, m.org_id::text AS "orgId", m.org_path::text AS "orgPath", m.reason,
    json_build_object('id', a.id::text, 'name', a.name) AS "awardedBy", m.awarded_by::text AS "awardedById", m.request_hash AS "requestHash",
    m.transaction_id::text AS "transactionId",
    CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id::text, 'name', d.name) END AS "decidedBy",
    m.decided_at AS "decidedAt", m.reject_reason AS "rejectReason", m.created_at AS "createdAt"
  FROM points_manual_awards m
  JOIN points_rules r ON r.code = m.rule_code
  JOIN ${orgTree} o ON o.id = m.org_id
  JOIN ${personNames} a ON a.id = m.awarded_by
  LEFT JOIN ${personNames} p ON p.id = m.person_id
  LEFT JOIN ${unitRows} u ON u.id = m.unit_id
  LEFT JOIN ${personNames} d ON d.id = m.decided_by`

export async function findManualAward(ex: Executor, id: string, lock = false) {
  // Locking the row first serialises two approvals (or an approval and a rejection) of one award.
  if (lock) await ex.execute(sql`SELECT 1 FROM points_manual_awards WHERE id = ${id} FOR UPDATE`)
  return firstRow<ManualAwardRow>(ex, sql`${manualSelect} WHERE m.id = ${id}`)
}

export async function manualAwardByKey(ex: Executor, key: string) {
  return firstRow<ManualAwardRow>(ex, sql`${manualSelect} WHERE m.idempotency_key = ${key}`)
}

/**
 * Holds the awarder's lock until the transaction ends, so that two awards of one person at once
 * are checked against the day's cap one after the other (a transaction-scoped advisory lock: it
 * blocks nothing else, and PGlite, with one connection, takes it at once).
 */
export async function lockAwarder(ex: Executor, awarderId: string): Promise<void> {
  await ex.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`linli.points.manual:${awarderId}`}, 0))`)
}

/** The points one person entered by hand since `since`, pending and posted (rejected ones do not count). */
export async function enteredSince(ex: Executor, awarderId: string, since: string): Promise<number> {
  const row = await firstRow<{ n: string }>(ex, sql`SELECT coalesce(sum(points), 0)::text AS n FROM points_manual_awards
    WHERE awarded_by = ${awarderId} AND created_at >= ${since}::timestamptz AND status <> 'rejected'`)
  return Number(row?.n ?? 0)
}

export async function insertManualAward(ex: Executor, v: {
  personId: string | null; unitId: string | null; ruleCode: string; direction: 'earn' | 'deduct'; quantity: number
  points: number; orgId: string; reason: string; awardedBy: string; idempotencyKey: string; requestHash: string
}): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO points_manual_awards (status, person_id, unit_id, rule_code, direction, quantity, points,
      org_id, org_path, reason, awarded_by, idempotency_key, request_hash, transaction_id, decided_at)
    SELECT 'pending', ${v.personId}, ${v.unitId}, ${v.ruleCode}, ${v.direction}, ${v.quantity}, ${v.points}, o.id, o.path, ${v.reason}, ${v.awardedBy},
      ${v.idempotencyKey}, ${v.requestHash}, NULL, NULL FROM ${orgTree} o WHERE o.id = ${v.orgId}
    RETURNING id::text`))!.id
}

/** Records the posting of an award: at once when entered (no decider), or on a second person's approval. */
export async function markManualPosted(ex: Executor, id: string, transactionId: string, decidedBy: string | null): Promise<void> {
  await ex.execute(sql`UPDATE points_manual_awards SET status = 'posted', transaction_id = ${transactionId}, decided_by = ${decidedBy}, decided_at = now()
    WHERE id = ${id} AND status = 'pending'`)
}

export async function markManualRejected(ex: Executor, id: string, decidedBy: string, reason: string): Promise<void> {
  await ex.execute(sql`UPDATE points_manual_awards SET status = 'rejected', decided_by = ${decidedBy}, decided_at = now(), reject_reason = ${reason}
    WHERE id = ${id} AND status = 'pending'`)
}

/** The review list: awards given in the name of nodes in the scopes (and under `underPath`), newest first. */
type ManualFilter = { scopes: string; underPath?: string; status?: ManualAwardStatus }
const manualWhere = (f: ManualFilter) => sql`m.org_path <@ string_to_array(${f.scopes}, ',')::ltree[]
      ${f.underPath ? sql`AND m.org_path <@ ${f.underPath}::ltree` : sql``}
      ${f.status ? sql`AND m.status = ${f.status}` : sql``}`

/** How many awards the review list's filter matches in all (the first page's `total`). */
export async function countManualAwards(ex: Executor, f: ManualFilter) {
  return (await firstRow<{ n: number }>(ex, countUpTo(sql`FROM points_manual_awards m WHERE ${manualWhere(f)}`)))!.n
}

export async function listManualAwards(ex: Executor, f: ManualFilter & { beforeId?: string; limit: number }) {
  return rows<ManualAwardRow>(ex, sql`${manualSelect}
    WHERE ${manualWhere(f)}
      ${f.beforeId ? sql`AND m.id < ${f.beforeId}::bigint` : sql``}
    ORDER BY m.id DESC LIMIT ${f.limit + 1}`)
}
