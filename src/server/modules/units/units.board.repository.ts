// Queries of the co-building lists (needs, resources, projects, responsibilities) and their
// events. First argument is a database or a transaction; no permission logic here.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { ListItem, ListItemDetail } from './units.schemas.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { iso, scopeArr, idArr, personRef, type Visibility } from './units.repository.ts'

const listItemJson = sql`json_build_object(
  'id', li.id::text, 'list', li.list, 'community', json_build_object('id', c.id::text, 'name', c.name),
  'publisherUnit', (SELECT json_build_object('id', x.id::text, 'name', x.name) FROM units x WHERE x.id = li.publisher_unit_id),
  'title', li.title, 'description', li.description, 'tag', li.tag, 'dueOn', li.due_on::text, 'state', li.state,
  'claimantUnit', (SELECT json_build_object('id', x.id::text, 'name', x.name) FROM units x WHERE x.id = li.claimant_unit_id),
  'claimedBy', ${personRef(sql`li.claimed_by`)}, 'claimedAt', ${iso(sql`li.claimed_at`)}, 'completedAt', ${iso(sql`li.completed_at`)},
  'progress', (SELECT e.progress FROM list_item_events e WHERE e.item_id = li.id AND e.progress IS NOT NULL ORDER BY e.id DESC LIMIT 1),
  'publishedBy', ${personRef(sql`li.published_by`)}, 'createdAt', ${iso(sql`li.created_at`)}, 'updatedAt', ${iso(sql`li.updated_at`)})`

export interface ListItemRow {
  item: ListItem
  communityId: string
  communityPath: string
  publisherUnitId: string | null
  claimantUnitId: string | null
  state: ListItem['state']
}

export async function findListItem(ex: Executor, id: string, forUpdate = false) {
  if (forUpdate) await ex.execute(sql`SELECT id FROM list_items WHERE id = ${id} FOR UPDATE`)
  return firstRow<ListItemRow>(ex, sql`SELECT ${listItemJson} AS item, c.id::text AS "communityId", c.path::text AS "communityPath",
      li.publisher_unit_id::text AS "publisherUnitId", li.claimant_unit_id::text AS "claimantUnitId", li.state
    FROM list_items li JOIN ${orgTree} c ON c.id = li.community_id WHERE li.id = ${id}`)
}

export async function listItemEvents(ex: Executor, itemId: string) {
  return rows<ListItemDetail['events'][number]>(ex, sql`
    SELECT e.id::text, e.action, e.from_state AS "fromState", e.to_state AS "toState", e.note, e.progress,
           ${personRef(sql`e.actor_id`)} AS actor,
           (SELECT json_build_object('id', x.id::text, 'name', x.name) FROM units x WHERE x.id = e.acting_unit_id) AS "actingUnit",
           ${iso(sql`e.at`)} AS at
    FROM list_item_events e WHERE e.item_id = ${itemId} ORDER BY e.id`)
}

/** Units among `unitIds` with an active pairing with the community. */
export async function pairedUnitsAmong(ex: Executor, communityId: string, unitIds: string[]): Promise<string[]> {
  if (!unitIds.length) return []
  return (await rows<{ id: string }>(ex, sql`SELECT unit_id::text AS id FROM pairing_agreements
    WHERE community_id = ${communityId} AND status = 'active' AND unit_id = ANY(${idArr(unitIds)})`)).map((r) => r.id)
}

export async function listListItems(ex: Executor, v: Visibility, f: { communityId?: string; unitId?: string; list?: string; state?: string; side?: 'community' | 'unit'; afterId?: string; limit: number }) {
  const parts: SQL[] = []
  if (v.scopes) parts.push(sql`c.path <@ ${scopeArr(v.scopes)}`, sql`c.path @> ${scopeArr(v.scopes)}`)
  if (v.unitIds.length) {
    parts.push(sql`li.publisher_unit_id = ANY(${idArr(v.unitIds)})`, sql`li.claimant_unit_id = ANY(${idArr(v.unitIds)})`)
    parts.push(sql`EXISTS (SELECT 1 FROM pairing_agreements pa WHERE pa.community_id = li.community_id AND pa.status = 'active' AND pa.unit_id = ANY(${idArr(v.unitIds)}))`)
  }
  if (!parts.length) return []
  return (await rows<{ i: ListItem }>(
    ex,
    sql`SELECT ${listItemJson} AS i FROM list_items li JOIN ${orgTree} c ON c.id = li.community_id
        WHERE (${sql.join(parts, sql` OR `)})
          ${f.communityId ? sql`AND li.community_id = ${f.communityId}` : sql``}
          ${f.unitId ? sql`AND (li.publisher_unit_id = ${f.unitId} OR li.claimant_unit_id = ${f.unitId})` : sql``}
          ${f.list ? sql`AND li.list = ${f.list}` : sql``}
          ${f.state ? sql`AND li.state = ${f.state}` : sql``}
          ${f.side === 'community' ? sql`AND li.publisher_unit_id IS NULL` : f.side === 'unit' ? sql`AND li.publisher_unit_id IS NOT NULL` : sql``}
          ${f.afterId ? sql`AND li.id < ${f.afterId}::bigint` : sql``}
        ORDER BY li.id DESC LIMIT ${f.limit + 1}`,
  )).map((r) => r.i)
}

export async function insertListItem(ex: Executor, v: { list: string; communityId: string; publisherUnitId: string | null; title: string; description: string; tag: string | null; dueOn: string | null; publishedBy: string }) {
  return (await firstRow<{ id: string }>(ex, sql`
    INSERT INTO list_items (list, community_id, publisher_unit_id, title, description, tag, due_on, published_by)
    VALUES (${v.list}, ${v.communityId}, ${v.publisherUnitId}, ${v.title}, ${v.description}, ${v.tag}, ${v.dueOn}, ${v.publishedBy})
    RETURNING id::text`))!.id
}

/** Moves an item from one of `from` to `to`; false when it was no longer in one of them. */
export async function moveListItem(ex: Executor, id: string, from: string[], to: string, set: { claimantUnitId?: string | null; claimedBy?: string }): Promise<boolean> {
  const extra: SQL[] = []
  if (set.claimedBy !== undefined) extra.push(sql`, claimed_by = ${set.claimedBy}, claimed_at = now(), claimant_unit_id = ${set.claimantUnitId ?? null}`)
  if (to === 'completed') extra.push(sql`, completed_at = now()`)
  return (await firstRow(ex, sql`UPDATE list_items SET state = ${to} ${sql.join(extra, sql``)}
    WHERE id = ${id} AND state = ANY(string_to_array(${from.join(',')}, ',')) RETURNING id`)) !== undefined
}

export async function insertListItemEvent(ex: Executor, v: { itemId: string; action: string; fromState: string | null; toState: string; note: string | null; progress: number | null; actorId: string; actingUnitId: string | null }) {
  await ex.execute(sql`INSERT INTO list_item_events (item_id, action, from_state, to_state, note, progress, actor_id, acting_unit_id)
    VALUES (${v.itemId}, ${v.action}, ${v.fromState}, ${v.toState}, ${v.note}, ${v.progress}, ${v.actorId}, ${v.actingUnitId})`)
}
