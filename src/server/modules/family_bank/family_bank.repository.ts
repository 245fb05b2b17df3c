// SQL of 家风银行: deposits, the moderation queue, the public page and its counts per community.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { countUpTo } from '../../kernel/pagination.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { attachmentRows } from '../files/files.read.ts'
import type { DepositKind, DepositState } from './family_bank.schemas.ts'

const bigints = (ids: string[]) => (ids.length ? sql`string_to_array(${ids.join(',')}, ',')::bigint[]` : sql`'{}'::bigint[]`)

export interface DepositRow {
  id: string; kind: DepositKind; state: DepositState; orgId: string; orgName: string; orgPath: string; familyLabel: string; title: string | null; body: string
  photos: { id: string; url: string; thumbUrl: string }[]; depositorId: string; depositorName: string; moderatedBy: string | null; moderatedByName: string | null
  moderatedAt: string | null; reason: string | null; publishedAt: string | null; createdAt: string
}

const columns = sql`d.id::text, d.kind, d.state, d.org_id::text AS "orgId", c.name AS "orgName", c.path::text AS "orgPath", d.family_label AS "familyLabel", d.title, d.body,
  coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'url', '/api/v1/files/' || a.sha256, 'thumbUrl', '/api/v1/files/' || a.sha256 || '?size=thumb')
    ORDER BY array_position(d.photo_ids, a.id)) FROM ${attachmentRows} a WHERE a.id = ANY(d.photo_ids)), '[]'::json) AS photos,
  d.depositor_id::text AS "depositorId", dp.name AS "depositorName", d.moderated_by::text AS "moderatedBy", mp.name AS "moderatedByName",
  d.moderated_at::text AS "moderatedAt", d.reason, d.published_at::text AS "publishedAt", d.created_at::text AS "createdAt"`
const joins = sql`FROM family_deposits d JOIN ${orgTree} c ON c.id = d.org_id JOIN ${personNames} dp ON dp.id = d.depositor_id LEFT JOIN ${personNames} mp ON mp.id = d.moderated_by`

export async function findDeposit(ex: Executor, id: string, lock = false): Promise<DepositRow | undefined> {
  return firstRow<DepositRow>(ex, sql`SELECT ${columns} ${joins} WHERE d.id = ${id} ${lock ? sql`FOR UPDATE OF d` : sql``}`)
}

export interface DepositFilter { depositorId?: string; scopes?: string; underPath?: string; state?: DepositState; states?: DepositState[]; kind?: DepositKind }

function where(f: DepositFilter): SQL {
  const w: SQL[] = [sql`true`]
  if (f.depositorId) w.push(sql`d.depositor_id = ${f.depositorId}`)
  if (f.scopes !== undefined) w.push(sql`c.path <@ ANY(string_to_array(${f.scopes}, ',')::ltree[])`)
  if (f.underPath) w.push(sql`c.path <@ ${f.underPath}::ltree`)
  if (f.state) w.push(sql`d.state = ${f.state}`)
  if (f.kind) w.push(sql`d.kind = ${f.kind}`)
  return sql.join(w, sql` AND `)
}

export async function listDeposits(ex: Executor, f: DepositFilter, afterId: string | undefined, limit: number): Promise<DepositRow[]> {
  return rows<DepositRow>(ex, sql`SELECT ${columns} ${joins} WHERE ${where(f)} ${afterId ? sql`AND d.id < ${afterId}::bigint` : sql``} ORDER BY d.id DESC LIMIT ${limit + 1}`)
}

export async function countDeposits(ex: Executor, f: DepositFilter): Promise<number> {
  return (await firstRow<{ n: number }>(ex, countUpTo(sql`FROM family_deposits d JOIN ${orgTree} c ON c.id = d.org_id WHERE ${where(f)}`)))!.n
}

export async function insertDeposit(ex: Executor, d: { orgId: string; kind: DepositKind; depositorId: string; familyLabel: string; title: string | null; body: string; photoIds: string[] }): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO family_deposits (org_id, kind, state, depositor_id, family_label, title, body, photo_ids)
    VALUES (${d.orgId}, ${d.kind}, 'pending', ${d.depositorId}, ${d.familyLabel}, ${d.title}, ${d.body}, ${bigints(d.photoIds)}) RETURNING id::text`)
  return r!.id
}

export async function setState(ex: Executor, id: string, to: DepositState, by: string | null, reason: string | null): Promise<void> {
  const moderated = to === 'published' || to === 'rejected'
  await ex.execute(sql`UPDATE family_deposits SET state = ${to}, updated_at = now(),
    ${moderated ? sql`moderated_by = ${by}, moderated_at = now(), reason = ${reason},` : sql``}
    published_at = ${to === 'published' ? sql`now()` : sql`published_at`} WHERE id = ${id}`)
}

export async function orgOf(ex: Executor, id: string): Promise<{ id: string; name: string; path: string } | undefined> {
  return firstRow(ex, sql`SELECT id::text, name, path::text FROM ${orgTree} o WHERE o.id = ${id} AND o.deleted_at IS NULL`)
}

/** Published mottos and stories under a node, per community, and how many families deposited. */
export async function counts(ex: Executor, path: string | null) {
  const under = path ? sql`c.path <@ ${path}::ltree` : sql`true`
  const by = await rows<{ id: string; name: string; mottos: number; stories: number }>(ex, sql`SELECT c.id::text, c.name,
      count(*) FILTER (WHERE d.kind = 'motto')::int AS mottos, count(*) FILTER (WHERE d.kind = 'story')::int AS stories
    FROM family_deposits d JOIN ${orgTree} c ON c.id = d.org_id WHERE d.state = 'published' AND ${under}
    GROUP BY c.id, c.name ORDER BY count(*) DESC, c.id LIMIT 500`)
  const families = (await firstRow<{ n: number }>(ex, sql`SELECT count(DISTINCT d.depositor_id)::int AS n FROM family_deposits d JOIN ${orgTree} c ON c.id = d.org_id
    WHERE d.state = 'published' AND ${under}`))!.n
  return { by, families }
}

export async function communitiesAbove(ex: Executor, paths: string[]): Promise<{ id: string; path: string }[]> {
  if (!paths.length) return []
  return rows(ex, sql`SELECT o.id::text, o.path::text FROM ${orgTree} o
    WHERE o.kind IN ('community','village') AND o.deleted_at IS NULL AND o.path @> ANY(string_to_array(${paths.join(',')}, ',')::ltree[])`)
}
