// SQL of the service catalogue: an item and its current version read as one row; an edit writes
// a new version and moves the item's pointer to it.
import { sql, type SQL } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { ServiceItemInput } from './orders.schemas.ts'

export interface ItemRow {
  id: string
  versionId: string
  version: number
  orgId: string
  orgName: string
  orgPath: string
  list: ServiceItemInput['list']
  name: string
  description: string | null
  icon: string
  providerKinds: ServiceItemInput['providerKinds']
  skill: string | null
  audience: ServiceItemInput['audience']
  audienceTags: string[]
  autoAccept: boolean
  grab: boolean
  reviewHours: number
  claimHours: number
  finishHours: number
  serviceHours: number
  ratingRequired: boolean
  points: number
  priceNote: string | null
  radiusM: number
  retiredAt: string | null
  updatedAt: string
}

export type VersionFields = Omit<ItemRow, 'id' | 'versionId' | 'version' | 'orgId' | 'orgName' | 'orgPath' | 'retiredAt' | 'updatedAt'>

/** The columns of an item's version `v` joined with its item `i` and org `o`. */
export const itemColumns = sql`i.id::text, v.id::text AS "versionId", v.version, i.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  v.list, v.name, v.description, v.icon, v.provider_kinds AS "providerKinds", v.skill, v.audience, v.audience_tags AS "audienceTags",
  v.auto_accept AS "autoAccept", v.grab, v.review_hours::float8 AS "reviewHours", v.claim_hours::float8 AS "claimHours",
  v.finish_hours::float8 AS "finishHours", v.service_hours::float8 AS "serviceHours", v.rating_required AS "ratingRequired", v.points,
  v.price_note AS "priceNote", v.radius_m AS "radiusM", i.retired_at::text AS "retiredAt", i.updated_at::text AS "updatedAt"`

export const FROM = sql`FROM service_items i JOIN service_item_versions v ON v.id = i.current_version_id JOIN ${orgTree} o ON o.id = i.org_id`

export async function findItem(ex: Executor, id: string): Promise<ItemRow | undefined> {
  return firstRow<ItemRow>(ex, sql`SELECT ${itemColumns} ${FROM} WHERE i.id = ${id}`)
}

/** One version (an order's terms), with its item's org. */
export async function findVersion(ex: Executor, versionId: string): Promise<ItemRow | undefined> {
  return firstRow<ItemRow>(ex, sql`SELECT ${itemColumns} FROM service_item_versions v JOIN service_items i ON i.id = v.item_id JOIN ${orgTree} o ON o.id = i.org_id
    WHERE v.id = ${versionId}`)
}

/** Several versions at once (a page of orders), by version id. */
export async function findVersions(ex: Executor, versionIds: string[]): Promise<Map<string, ItemRow>> {
  if (versionIds.length === 0) return new Map()
  const found = await rows<ItemRow>(ex, sql`SELECT ${itemColumns} FROM service_item_versions v JOIN service_items i ON i.id = v.item_id JOIN ${orgTree} o ON o.id = i.org_id
    WHERE v.id = ANY(string_to_array(${[...new Set(versionIds)].join(',')}, ',')::bigint[])`)
  return new Map(found.map((v) => [v.versionId, v]))
}

export async function searchItems(ex: Executor, q: { offeredAt?: string; definedUnder?: string; list?: string; retired?: boolean; q?: string; limit: number }): Promise<ItemRow[]> {
  const where: SQL[] = [sql`true`]
  if (q.offeredAt) where.push(sql`o.path @> ${q.offeredAt}::ltree`)
  if (q.definedUnder) where.push(sql`o.path <@ ${q.definedUnder}::ltree`)
  if (q.list) where.push(sql`v.list = ${q.list}`)
  if (!q.retired) where.push(sql`i.retired_at IS NULL`)
  if (q.q) where.push(sql`(v.name ILIKE ${'%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'} OR v.description ILIKE ${'%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'})`)
  return rows<ItemRow>(ex, sql`SELECT ${itemColumns} ${FROM} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY CASE v.list WHEN 'public' THEN 1 WHEN 'social' THEN 2 ELSE 3 END, nlevel(o.path), i.id LIMIT ${q.limit}`)
}

async function insertVersion(ex: Executor, itemId: string, version: number, f: VersionFields, by: string | null): Promise<string> {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO service_item_versions (item_id, version, list, name, description, icon, provider_kinds, skill,
      audience, audience_tags, auto_accept, grab, review_hours, claim_hours, finish_hours, service_hours, rating_required, points, price_note, radius_m, created_by)
    VALUES (${itemId}, ${version}, ${f.list}, ${f.name}, ${f.description}, ${f.icon}, ${sql`string_to_array(${f.providerKinds.join(',')}, ',')::text[]`}, ${f.skill},
      ${f.audience}, ${sql`string_to_array(${f.audienceTags.join(',')}, ',')::text[]`}, ${f.autoAccept}, ${f.grab}, ${f.reviewHours}, ${f.claimHours}, ${f.finishHours},
      ${f.serviceHours}, ${f.ratingRequired}, ${f.points}, ${f.priceNote}, ${f.radiusM}, ${by})
    RETURNING id::text`)
  return row!.id
}

export async function insertItem(ex: Executor, orgId: string, f: VersionFields, by: string | null): Promise<string> {
  const item = await firstRow<{ id: string }>(ex, sql`INSERT INTO service_items (org_id) VALUES (${orgId}) RETURNING id::text`)
  const versionId = await insertVersion(ex, item!.id, 1, f, by)
  await ex.execute(sql`UPDATE service_items SET current_version_id = ${versionId}, updated_at = now() WHERE id = ${item!.id}`)
  return item!.id
}

/** A new version of a locked item; the orders placed under older versions keep theirs. */
export async function newVersion(ex: Executor, item: ItemRow, f: VersionFields, by: string | null): Promise<void> {
  const versionId = await insertVersion(ex, item.id, item.version + 1, f, by)
  await ex.execute(sql`UPDATE service_items SET current_version_id = ${versionId}, updated_at = now() WHERE id = ${item.id}`)
}

export async function lockItem(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`SELECT id FROM service_items WHERE id = ${id} FOR UPDATE`)
}

export async function setRetired(ex: Executor, id: string, retired: boolean): Promise<void> {
  await ex.execute(sql`UPDATE service_items SET retired_at = ${retired ? sql`coalesce(retired_at, ${dbNow})` : sql`NULL`}, updated_at = now() WHERE id = ${id}`)
}
