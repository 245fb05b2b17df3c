// Queries of the points shop: the rewards catalogue, redemptions and the merchants that hand
// rewards over. The points a redemption moves are posted through the ledger (points.repository.ts).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { RewardCreate } from './points.schemas.ts'
import type { Ref } from './points.repository.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows, unitStaff } from '../units/units.read.ts'

// ---- merchants (units of kind "merchant", read through units.read.ts)

export async function merchantsOf(ex: Executor, personId: string) {
  return rows<Ref>(ex, sql`SELECT u.id::text, u.name FROM ${unitStaff} up JOIN ${unitRows} u ON u.id = up.unit_id
    WHERE up.person_id = ${personId} AND u.kind = 'merchant' AND u.deleted_at IS NULL ORDER BY u.id`)
}

export async function listMerchants(ex: Executor, scopes: string) {
  return rows<{ id: string; name: string; org: Ref }>(ex, sql`SELECT u.id::text, u.name, json_build_object('id', o.id::text, 'name', o.name) AS org
    FROM ${unitRows} u JOIN ${orgTree} o ON o.id = u.org_id
    WHERE u.kind = 'merchant' AND u.deleted_at IS NULL AND o.path <@ string_to_array(${scopes}, ',')::ltree[]
    ORDER BY u.id LIMIT 500`)
}

// ---- rewards

export interface RewardRow {
  id: string; name: string; description: string | null; points: number; stock: number; merchant: Ref | null; merchantUnitId: string | null
  org: Ref; orgId: string; orgPath: string; active: boolean; createdAt: string
}

const rewardSelect = sql`SELECT w.id::text, w.name, w.description, w.points, w.stock,
    CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id::text, 'name', u.name) END AS merchant, w.merchant_unit_id::text AS "merchantUnitId",
    json_build_object('id', o.id::text, 'name', o.name) AS org, o.id::text AS "orgId", o.path::text AS "orgPath", w.active, w.created_at AS "createdAt"
  FROM points_rewards w JOIN ${orgTree} o ON o.id = w.org_id LEFT JOIN ${unitRows} u ON u.id = w.merchant_unit_id`

export async function findReward(ex: Executor, id: string) {
  return firstRow<RewardRow>(ex, sql`${rewardSelect} WHERE w.id = ${id}`)
}

/**
 * The catalogue: items published at or above the places the caller holds a role on (where they
 * live or work), or inside their scope; withdrawn items only where `staffScopes` reach.
 */
export async function listRewards(ex: Executor, f: { rolePaths: string; staffScopes: string | null; includeInactive: boolean; underPath?: string; merchantUnitId?: string; afterId?: string; limit: number }) {
  return rows<RewardRow>(ex, sql`${rewardSelect}
    WHERE (o.path @> ANY (string_to_array(${f.rolePaths}, ',')::ltree[]) OR o.path <@ ANY (string_to_array(${f.rolePaths}, ',')::ltree[]))
      ${f.includeInactive && f.staffScopes ? sql`AND (w.active OR o.path <@ string_to_array(${f.staffScopes}, ',')::ltree[])` : sql`AND w.active`}
      ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
      ${f.merchantUnitId ? sql`AND w.merchant_unit_id = ${f.merchantUnitId}` : sql``}
      ${f.afterId ? sql`AND w.id > ${f.afterId}::bigint` : sql``}
    ORDER BY w.id LIMIT ${f.limit + 1}`)
}

export async function insertReward(ex: Executor, r: RewardCreate, createdBy: string): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO points_rewards (name, description, points, stock, merchant_unit_id, org_id, created_by)
    VALUES (${r.name}, ${r.description ?? null}, ${r.points}, ${r.stock}, ${r.merchantUnitId ?? null}, ${r.orgId}, ${createdBy}) RETURNING id::text`))!.id
}

export async function updateReward(ex: Executor, id: string, u: { name?: string; description?: string | null; points?: number; restock?: number; active?: boolean }) {
  const sets: SQL[] = []
  if (u.name !== undefined) sets.push(sql`name = ${u.name}`)
  if (u.description !== undefined) sets.push(sql`description = ${u.description}`)
  if (u.points !== undefined) sets.push(sql`points = ${u.points}`)
  if (u.restock !== undefined) sets.push(sql`stock = stock + ${u.restock}`)
  if (u.active !== undefined) sets.push(sql`active = ${u.active}`)
  await ex.execute(sql`UPDATE points_rewards SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`)
}

/** Takes `quantity` from the stock of an active item; false when there is not enough. */
export async function takeStock(ex: Executor, rewardId: string, quantity: number): Promise<boolean> {
  return (await firstRow(ex, sql`UPDATE points_rewards SET stock = stock - ${quantity} WHERE id = ${rewardId} AND active AND stock >= ${quantity} RETURNING id`)) !== undefined
}

export async function returnStock(ex: Executor, rewardId: string, quantity: number): Promise<void> {
  await ex.execute(sql`UPDATE points_rewards SET stock = stock + ${quantity} WHERE id = ${rewardId}`)
}

// ---- redemptions

export interface RedemptionRow {
  id: string; reward: Ref; rewardId: string; merchant: Ref | null; merchantUnitId: string | null; org: Ref; orgPath: string; person: Ref; personId: string
  quantity: number; points: string; code: string; status: 'pending' | 'handed_over' | 'cancelled'; transactionId: string
  cancelTransactionId: string | null; handledBy: Ref | null; handledAt: string | null; cancelReason: string | null; createdAt: string
}

const redemptionSelect = sql`SELECT d.id::text, json_build_object('id', w.id::text, 'name', w.name) AS reward, w.id::text AS "rewardId",
    CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id::text, 'name', u.name) END AS merchant, w.merchant_unit_id::text AS "merchantUnitId",
    json_build_object('id', o.id::text, 'name', o.name) AS org, o.path::text AS "orgPath",
    json_build_object('id', p.id::text, 'name', p.name) AS person, p.id::text AS "personId",
    d.quantity, d.points::text, d.code, d.status, d.transaction_id::text AS "transactionId", d.cancel_transaction_id::text AS "cancelTransactionId",
    CASE WHEN h.id IS NULL THEN NULL ELSE json_build_object('id', h.id::text, 'name', h.name) END AS "handledBy",
    d.handled_at AS "handledAt", d.cancel_reason AS "cancelReason", d.created_at AS "createdAt"
  FROM points_redemptions d
  JOIN points_rewards w ON w.id = d.reward_id
  JOIN ${orgTree} o ON o.id = w.org_id
  JOIN ${personNames} p ON p.id = d.person_id
  LEFT JOIN ${unitRows} u ON u.id = w.merchant_unit_id
  LEFT JOIN ${personNames} h ON h.id = d.handled_by`

export async function findRedemption(ex: Executor, id: string, lock = false) {
  if (lock) await ex.execute(sql`SELECT 1 FROM points_redemptions WHERE id = ${id} FOR UPDATE`)
  return firstRow<RedemptionRow>(ex, sql`${redemptionSelect} WHERE d.id = ${id}`)
}

export async function findRedemptionByCode(ex: Executor, code: string) {
  return firstRow<RedemptionRow>(ex, sql`${redemptionSelect} WHERE d.code = ${code}`)
}

export async function redemptionByTransaction(ex: Executor, transactionId: string) {
  return firstRow<{ id: string; requestHash: string | null }>(ex, sql`SELECT id::text, request_hash AS "requestHash" FROM points_redemptions WHERE transaction_id = ${transactionId}`)
}

export async function insertRedemption(ex: Executor, r: { rewardId: string; personId: string; quantity: number; points: number; code: string; transactionId: string; requestHash?: string }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO points_redemptions (reward_id, person_id, quantity, points, code, transaction_id, request_hash)
    VALUES (${r.rewardId}, ${r.personId}, ${r.quantity}, ${r.points}, ${r.code}, ${r.transactionId}, ${r.requestHash ?? null}) RETURNING id::text`))!.id
}

/** Marks a pending redemption handed over; false when it is no longer pending. */
export async function markHandedOver(ex: Executor, id: string, by: string): Promise<boolean> {
  return (await firstRow(ex, sql`UPDATE points_redemptions SET status = 'handed_over', handled_by = ${by}, handled_at = now()
    WHERE id = ${id} AND status = 'pending' RETURNING id`)) !== undefined
}

export async function markCancelled(ex: Executor, id: string, by: string | null, reason: string, cancelTransactionId: string): Promise<void> {
  await ex.execute(sql`UPDATE points_redemptions SET status = 'cancelled', handled_by = ${by}, handled_at = now(), cancel_reason = ${reason},
    cancel_transaction_id = ${cancelTransactionId} WHERE id = ${id}`)
}

export async function codeTaken(ex: Executor, code: string): Promise<boolean> {
  return (await firstRow(ex, sql`SELECT 1 FROM points_redemptions WHERE code = ${code}`)) !== undefined
}

export async function listRedemptions(ex: Executor, f: {
  personId?: string; scopes?: string | null; unitIds?: string[]; status?: string; code?: string; beforeId?: string; limit: number
}) {
  const who: SQL[] = []
  if (f.personId) who.push(sql`d.person_id = ${f.personId}`)
  if (f.scopes) who.push(sql`o.path <@ string_to_array(${f.scopes}, ',')::ltree[]`)
  if (f.unitIds?.length) who.push(sql`w.merchant_unit_id = ANY (string_to_array(${f.unitIds.join(',')}, ',')::bigint[])`)
  if (who.length === 0) return []
  return rows<RedemptionRow>(ex, sql`${redemptionSelect}
    WHERE (${sql.join(who, sql` OR `)})
      ${f.status ? sql`AND d.status = ${f.status}` : sql``}
      ${f.code ? sql`AND d.code = ${f.code}` : sql``}
      ${f.beforeId ? sql`AND d.id < ${f.beforeId}::bigint` : sql``}
    ORDER BY d.id DESC LIMIT ${f.limit + 1}`)
}
