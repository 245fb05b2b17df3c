// Queries of pairing agreements (结对共建) and the limit of core pairings a community may have.
// First argument is a database or a transaction; no permission logic here.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Pairing } from './units.schemas.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { iso, scopeArr, idArr, personRef, unitRefJson, type Visibility } from './units.repository.ts'

/** Locks a community against concurrent pairing so that its limit holds (released at commit). */
export async function lockCommunity(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`SELECT o.id FROM ${orgTree} o WHERE o.id = ${id} FOR NO KEY UPDATE`)
}

const pairingJson = sql`json_build_object(
  'id', pa.id::text, 'community', json_build_object('id', c.id::text, 'name', c.name), 'unit', ${unitRefJson(sql`pa.unit_id`)},
  'kind', pa.kind, 'title', pa.title, 'terms', pa.terms, 'tags', to_json(pa.tags), 'startsOn', pa.starts_on::text, 'endsOn', pa.ends_on::text,
  'status', pa.status, 'endedOn', pa.ended_on::text, 'endReason', pa.end_reason, 'createdBy', ${personRef(sql`pa.created_by`)},
  'createdAt', ${iso(sql`pa.created_at`)})`

export interface PairingRow { pairing: Pairing; communityPath: string; unitId: string }

export async function findPairing(ex: Executor, id: string) {
  return firstRow<PairingRow>(ex, sql`SELECT ${pairingJson} AS pairing, c.path::text AS "communityPath", pa.unit_id::text AS "unitId"
    FROM pairing_agreements pa JOIN ${orgTree} c ON c.id = pa.community_id WHERE pa.id = ${id}`)
}

export async function listPairings(ex: Executor, v: Visibility, f: { communityId?: string; unitId?: string; status?: string; afterId?: string; limit: number }) {
  const parts: SQL[] = []
  if (v.scopes) parts.push(sql`c.path <@ ${scopeArr(v.scopes)}`, sql`c.path @> ${scopeArr(v.scopes)}`)
  if (v.unitIds.length) parts.push(sql`pa.unit_id = ANY(${idArr(v.unitIds)})`)
  if (!parts.length) return []
  return (await rows<{ p: Pairing }>(
    ex,
    sql`SELECT ${pairingJson} AS p FROM pairing_agreements pa JOIN ${orgTree} c ON c.id = pa.community_id
        WHERE (${sql.join(parts, sql` OR `)})
          ${f.communityId ? sql`AND pa.community_id = ${f.communityId}` : sql``}
          ${f.unitId ? sql`AND pa.unit_id = ${f.unitId}` : sql``}
          ${f.status ? sql`AND pa.status = ${f.status}` : sql``}
          ${f.afterId ? sql`AND pa.id > ${f.afterId}::bigint` : sql``}
        ORDER BY pa.id LIMIT ${f.limit + 1}`,
  )).map((r) => r.p)
}

/** Active core pairings of a community that count against its limit on `today`. */
export async function countedPairings(ex: Executor, communityId: string, today: string): Promise<number> {
  return (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM pairing_agreements
    WHERE community_id = ${communityId} AND status = 'active' AND kind = 'core' AND (ends_on IS NULL OR ends_on >= ${today}::date)`))!.n
}

export async function activePairingOf(ex: Executor, communityId: string, unitId: string): Promise<boolean> {
  return (await firstRow(ex, sql`SELECT 1 FROM pairing_agreements WHERE community_id = ${communityId} AND unit_id = ${unitId} AND status = 'active'`)) !== undefined
}

/** The limit set on the node or its nearest ancestor, if any. */
export async function limitFor(ex: Executor, path: string) {
  return firstRow<{ maxUnits: number; setAt: { id: string; name: string } }>(ex, sql`
    SELECT pl.max_units AS "maxUnits", json_build_object('id', o.id::text, 'name', o.name) AS "setAt"
    FROM pairing_limits pl JOIN ${orgTree} o ON o.id = pl.org_id WHERE o.path @> ${path}::ltree ORDER BY nlevel(o.path) DESC LIMIT 1`)
}

export async function upsertLimit(ex: Executor, orgId: string, maxUnits: number, personId: string): Promise<number | undefined> {
  const before = await firstRow<{ maxUnits: number }>(ex, sql`SELECT max_units AS "maxUnits" FROM pairing_limits WHERE org_id = ${orgId} FOR UPDATE`)
  await ex.execute(sql`INSERT INTO pairing_limits (org_id, max_units, updated_by) VALUES (${orgId}, ${maxUnits}, ${personId})
    ON CONFLICT (org_id) DO UPDATE SET max_units = EXCLUDED.max_units, updated_by = EXCLUDED.updated_by`)
  return before?.maxUnits
}

export async function insertPairing(ex: Executor, v: { communityId: string; unitId: string; kind: string; title: string; terms: string; tags: string[]; startsOn: string; endsOn: string | null; createdBy: string }) {
  return (await firstRow<{ id: string }>(ex, sql`
    INSERT INTO pairing_agreements (community_id, unit_id, kind, title, terms, tags, starts_on, ends_on, created_by)
    VALUES (${v.communityId}, ${v.unitId}, ${v.kind}, ${v.title}, ${v.terms}, string_to_array(${v.tags.join(',')}, ','), ${v.startsOn}, ${v.endsOn}, ${v.createdBy})
    RETURNING id::text`))!.id
}

/** Ends an active agreement; false when it was no longer active. */
export async function endPairing(ex: Executor, id: string, endedOn: string, reason: string): Promise<boolean> {
  return (await firstRow(ex, sql`UPDATE pairing_agreements SET status = 'ended', ended_on = ${endedOn}, end_reason = ${reason}
    WHERE id = ${id} AND status = 'active' RETURNING id`)) !== undefined
}
