// Queries of units, the people who act for them, pairing agreements, the co-building lists
// and alliances. First argument is a database or a transaction; no permission logic here.
// Visibility filters take `scopes` (comma-joined org paths of the caller's staff roles) and
// `unitIds` (the units the caller acts for), both possibly empty.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Alliance, Coverage, ListItem, ListItemDetail, Pairing, Unit } from './units.schemas.ts'
import { newEconomyKinds } from './units.schemas.ts'

export interface OrgNode { id: string; name: string; kind: string; path: string }
export interface Visibility { scopes: string; unitIds: string[] }

const iso = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
const scopeArr = (scopes: string) => sql`string_to_array(${scopes}, ',')::ltree[]`
const idArr = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`
const personRef = (col: SQL) => sql`(SELECT json_build_object('id', p.id::text, 'name', p.name) FROM people p WHERE p.id = ${col})`
const unitRefJson = (col: SQL) => sql`(SELECT json_build_object('id', x.id::text, 'name', x.name, 'kind', x.kind) FROM units x WHERE x.id = ${col})`

export async function findOrg(ex: Executor, id: string) {
  return firstRow<OrgNode>(ex, sql`SELECT id::text, name, kind, path::text FROM orgs WHERE id = ${id} AND deleted_at IS NULL`)
}

/** Locks a community against concurrent pairing so that its limit holds (released at commit). */
export async function lockCommunity(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`SELECT id FROM orgs WHERE id = ${id} FOR NO KEY UPDATE`)
}

// ---------------------------------------------------------------------------
// Units


export async function unitIdsOf(ex: Executor, personId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    ex,
    sql`SELECT up.unit_id::text AS id FROM unit_people up JOIN units u ON u.id = up.unit_id
        WHERE up.person_id = ${personId} AND u.deleted_at IS NULL ORDER BY up.unit_id`,
  )
  return found.map((r) => r.id)
}

const unitJson = sql`json_build_object(
  'id', u.id::text, 'name', u.name, 'kind', u.kind, 'creditCode', u.credit_code,
  'org', json_build_object('id', o.id::text, 'name', o.name),
  'residentUnit', u.resident_unit, 'hasPartyOrg', u.has_party_org, 'partyOrgName', u.party_org_name,
  'partyMemberCount', u.party_member_count, 'staffCount', u.staff_count, 'address', u.address,
  'pairings', (SELECT count(*)::int FROM pairing_agreements pa WHERE pa.unit_id = u.id AND pa.status = 'active'),
  'createdAt', ${iso(sql`u.created_at`)}, 'updatedAt', ${iso(sql`u.updated_at`)})`

export async function findUnit(ex: Executor, id: string) {
  return (await firstRow<{ u: Unit }>(ex, sql`SELECT ${unitJson} AS u FROM units u JOIN orgs o ON o.id = u.org_id WHERE u.id = ${id} AND u.deleted_at IS NULL`))?.u
}

function unitVisible(v: Visibility): SQL {
  const parts: SQL[] = []
  if (v.scopes) {
    parts.push(sql`o.path <@ ${scopeArr(v.scopes)}`, sql`o.path @> ${scopeArr(v.scopes)}`)
    parts.push(sql`EXISTS (SELECT 1 FROM pairing_agreements pa JOIN orgs c ON c.id = pa.community_id
      WHERE pa.unit_id = u.id AND pa.status = 'active' AND c.path <@ ${scopeArr(v.scopes)})`)
  }
  if (v.unitIds.length) parts.push(sql`u.id = ANY(${idArr(v.unitIds)})`)
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`
}

export async function listUnits(ex: Executor, v: Visibility, f: { underPath?: string; kind?: string; hasPartyOrg?: boolean; residentUnit?: boolean; q?: string; afterId?: string; limit: number }) {
  return (await rows<{ u: Unit }>(
    ex,
    sql`SELECT ${unitJson} AS u FROM units u JOIN orgs o ON o.id = u.org_id
        WHERE u.deleted_at IS NULL AND ${unitVisible(v)}
          ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
          ${f.kind ? sql`AND u.kind = ${f.kind}` : sql``}
          ${f.hasPartyOrg !== undefined ? sql`AND u.has_party_org = ${f.hasPartyOrg}` : sql``}
          ${f.residentUnit !== undefined ? sql`AND u.resident_unit = ${f.residentUnit}` : sql``}
          ${f.q ? sql`AND strpos(u.name, ${f.q}) > 0` : sql``}
          ${f.afterId ? sql`AND u.id > ${f.afterId}::bigint` : sql``}
        ORDER BY u.id LIMIT ${f.limit + 1}`,
  )).map((r) => r.u)
}

export interface UnitValues {
  name: string; kind: string; creditCode: string | null; orgId: string; residentUnit: boolean; hasPartyOrg: boolean
  partyOrgName: string | null; partyMemberCount: number; staffCount: number | null; address: string | null
}

export async function creditCodeTaken(ex: Executor, code: string, exceptId?: string): Promise<boolean> {
  return (await firstRow(ex, sql`SELECT 1 FROM units WHERE credit_code = ${code} AND deleted_at IS NULL ${exceptId ? sql`AND id <> ${exceptId}` : sql``}`)) !== undefined
}

export async function insertUnit(ex: Executor, v: UnitValues): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`
    INSERT INTO units (name, kind, credit_code, org_id, resident_unit, has_party_org, party_org_name, party_member_count, staff_count, address)
    VALUES (${v.name}, ${v.kind}, ${v.creditCode}, ${v.orgId}, ${v.residentUnit}, ${v.hasPartyOrg}, ${v.partyOrgName}, ${v.partyMemberCount}, ${v.staffCount}, ${v.address})
    RETURNING id::text`))!.id
}

export async function updateUnit(ex: Executor, id: string, v: Omit<UnitValues, 'orgId'>): Promise<void> {
  await ex.execute(sql`UPDATE units SET name = ${v.name}, kind = ${v.kind}, credit_code = ${v.creditCode}, resident_unit = ${v.residentUnit},
    has_party_org = ${v.hasPartyOrg}, party_org_name = ${v.partyOrgName}, party_member_count = ${v.partyMemberCount},
    staff_count = ${v.staffCount}, address = ${v.address} WHERE id = ${id}`)
}

export async function activePairingCount(ex: Executor, unitId: string): Promise<number> {
  return (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM pairing_agreements WHERE unit_id = ${unitId} AND status = 'active'`))!.n
}

export async function deleteUnit(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE units SET deleted_at = now() WHERE id = ${id}`)
}

export async function unitPeople(ex: Executor, unitId: string) {
  return rows<{ person: { id: string; name: string }; role: 'representative' | 'staff'; createdAt: string }>(
    ex,
    sql`SELECT json_build_object('id', p.id::text, 'name', p.name) AS person, up.role, ${iso(sql`up.created_at`)} AS "createdAt"
        FROM unit_people up JOIN people p ON p.id = up.person_id WHERE up.unit_id = ${unitId}
        ORDER BY up.role = 'representative' DESC, up.created_at, p.id`,
  )
}

export async function insertPerson(ex: Executor, name: string): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO people (name) VALUES (${name}) RETURNING id::text`))!.id
}

export async function unitPersonRole(ex: Executor, unitId: string, personId: string) {
  return (await firstRow<{ role: string }>(ex, sql`SELECT role FROM unit_people WHERE unit_id = ${unitId} AND person_id = ${personId}`))?.role
}

export async function insertUnitPerson(ex: Executor, unitId: string, personId: string, role: string): Promise<void> {
  await ex.execute(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${unitId}, ${personId}, ${role})`)
}

export async function deleteUnitPerson(ex: Executor, unitId: string, personId: string): Promise<void> {
  await ex.execute(sql`DELETE FROM unit_people WHERE unit_id = ${unitId} AND person_id = ${personId}`)
}

// ---------------------------------------------------------------------------
// Coverage (两新组织党组织覆盖率)

const NEW_ECONOMY = sql.raw(newEconomyKinds.map((k) => `'${k}'`).join(','))

export async function coverage(ex: Executor, org: OrgNode): Promise<Coverage> {
  const figures = await rows<{ org: Coverage['org']; own: boolean; units: number; withPartyOrg: number; newEconomyOrgs: number; newEconomyWithPartyOrg: number; partyMembers: number; byKind: Coverage['byKind'] | null }>(
    ex,
    sql`WITH nodes AS (
          SELECT id, name, kind, path, true AS own FROM orgs WHERE id = ${org.id}
          UNION ALL
          SELECT id, name, kind, path, false FROM orgs WHERE parent_id = ${org.id} AND deleted_at IS NULL AND kind IN ('district','street','community','village')
        )
        SELECT json_build_object('id', n.id::text, 'name', n.name, 'kind', n.kind) AS org, n.own,
               count(u.id)::int AS units,
               count(u.id) FILTER (WHERE u.has_party_org)::int AS "withPartyOrg",
               count(u.id) FILTER (WHERE u.kind IN (${NEW_ECONOMY}))::int AS "newEconomyOrgs",
               count(u.id) FILTER (WHERE u.kind IN (${NEW_ECONOMY}) AND u.has_party_org)::int AS "newEconomyWithPartyOrg",
               coalesce(sum(u.party_member_count), 0)::int AS "partyMembers",
               (SELECT json_object_agg(k.kind, json_build_object('units', k.n, 'withPartyOrg', k.p)) FROM (
                  SELECT u2.kind, count(*)::int AS n, count(*) FILTER (WHERE u2.has_party_org)::int AS p
                  FROM units u2 JOIN orgs o2 ON o2.id = u2.org_id WHERE u2.deleted_at IS NULL AND o2.path <@ n.path GROUP BY u2.kind) k) AS "byKind"
        FROM nodes n
        LEFT JOIN (units u JOIN orgs o ON o.id = u.org_id) ON o.path <@ n.path AND u.deleted_at IS NULL
        GROUP BY n.id, n.name, n.kind, n.path, n.own
        ORDER BY n.own DESC, n.id`,
  )
  const present = (f: (typeof figures)[number]) => ({
    org: f.org, units: f.units, withPartyOrg: f.withPartyOrg, newEconomyOrgs: f.newEconomyOrgs, newEconomyWithPartyOrg: f.newEconomyWithPartyOrg,
    coverageRate: f.newEconomyOrgs === 0 ? null : Math.round((f.newEconomyWithPartyOrg / f.newEconomyOrgs) * 10000) / 10000,
    partyMembers: f.partyMembers, byKind: f.byKind ?? {},
  })
  const [own, ...children] = figures
  return { ...present(own!), children: children.map(present) }
}

// ---------------------------------------------------------------------------
// Pairing agreements and their limit

const pairingJson = sql`json_build_object(
  'id', pa.id::text, 'community', json_build_object('id', c.id::text, 'name', c.name), 'unit', ${unitRefJson(sql`pa.unit_id`)},
  'kind', pa.kind, 'title', pa.title, 'terms', pa.terms, 'tags', to_json(pa.tags), 'startsOn', pa.starts_on::text, 'endsOn', pa.ends_on::text,
  'status', pa.status, 'endedOn', pa.ended_on::text, 'endReason', pa.end_reason, 'createdBy', ${personRef(sql`pa.created_by`)},
  'createdAt', ${iso(sql`pa.created_at`)})`

export interface PairingRow { pairing: Pairing; communityPath: string; unitId: string }

export async function findPairing(ex: Executor, id: string) {
  return firstRow<PairingRow>(ex, sql`SELECT ${pairingJson} AS pairing, c.path::text AS "communityPath", pa.unit_id::text AS "unitId"
    FROM pairing_agreements pa JOIN orgs c ON c.id = pa.community_id WHERE pa.id = ${id}`)
}

export async function listPairings(ex: Executor, v: Visibility, f: { communityId?: string; unitId?: string; status?: string; afterId?: string; limit: number }) {
  const parts: SQL[] = []
  if (v.scopes) parts.push(sql`c.path <@ ${scopeArr(v.scopes)}`, sql`c.path @> ${scopeArr(v.scopes)}`)
  if (v.unitIds.length) parts.push(sql`pa.unit_id = ANY(${idArr(v.unitIds)})`)
  if (!parts.length) return []
  return (await rows<{ p: Pairing }>(
    ex,
    sql`SELECT ${pairingJson} AS p FROM pairing_agreements pa JOIN orgs c ON c.id = pa.community_id
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
    FROM pairing_limits pl JOIN orgs o ON o.id = pl.org_id WHERE o.path @> ${path}::ltree ORDER BY nlevel(o.path) DESC LIMIT 1`)
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

// ---------------------------------------------------------------------------
// List items

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
    FROM list_items li JOIN orgs c ON c.id = li.community_id WHERE li.id = ${id}`)
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
    sql`SELECT ${listItemJson} AS i FROM list_items li JOIN orgs c ON c.id = li.community_id
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

// ---------------------------------------------------------------------------
// Alliances

const allianceJson = sql`json_build_object(
  'id', a.id::text, 'name', a.name, 'kind', a.kind, 'org', json_build_object('id', o.id::text, 'name', o.name), 'description', a.description,
  'units', coalesce((SELECT json_agg(json_build_object('id', u.id::text, 'name', u.name, 'kind', u.kind) ORDER BY u.id)
                     FROM alliance_units au JOIN units u ON u.id = au.unit_id WHERE au.alliance_id = a.id AND u.deleted_at IS NULL), '[]'::json),
  'activities', coalesce((SELECT json_agg(json_build_object('id', aa.id::text, 'title', aa.title, 'heldOn', aa.held_on::text, 'place', aa.place,
                     'description', aa.description, 'createdBy', ${personRef(sql`aa.created_by`)}, 'createdAt', ${iso(sql`aa.created_at`)}) ORDER BY aa.held_on DESC, aa.id DESC)
                     FROM alliance_activities aa WHERE aa.alliance_id = a.id), '[]'::json),
  'createdAt', ${iso(sql`a.created_at`)})`

export async function findAlliance(ex: Executor, id: string) {
  return firstRow<{ alliance: Alliance; orgPath: string; unitIds: string[] }>(ex, sql`
    SELECT ${allianceJson} AS alliance, o.path::text AS "orgPath",
           coalesce((SELECT array_agg(au.unit_id::text) FROM alliance_units au WHERE au.alliance_id = a.id), '{}') AS "unitIds"
    FROM alliances a JOIN orgs o ON o.id = a.org_id WHERE a.id = ${id}`)
}

export async function listAlliances(ex: Executor, v: Visibility, f: { underPath?: string; afterId?: string; limit: number }) {
  const parts: SQL[] = []
  if (v.scopes) parts.push(sql`o.path <@ ${scopeArr(v.scopes)}`, sql`o.path @> ${scopeArr(v.scopes)}`)
  if (v.unitIds.length) parts.push(sql`EXISTS (SELECT 1 FROM alliance_units au WHERE au.alliance_id = a.id AND au.unit_id = ANY(${idArr(v.unitIds)}))`)
  if (!parts.length) return []
  return (await rows<{ a: Alliance }>(ex, sql`SELECT ${allianceJson} AS a FROM alliances a JOIN orgs o ON o.id = a.org_id
    WHERE (${sql.join(parts, sql` OR `)})
      ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
      ${f.afterId ? sql`AND a.id > ${f.afterId}::bigint` : sql``}
    ORDER BY a.id LIMIT ${f.limit + 1}`)).map((r) => r.a)
}

export async function allianceNameTaken(ex: Executor, orgId: string, name: string): Promise<boolean> {
  return (await firstRow(ex, sql`SELECT 1 FROM alliances WHERE org_id = ${orgId} AND name = ${name}`)) !== undefined
}

export async function insertAlliance(ex: Executor, v: { name: string; kind: string; orgId: string; description: string | null; createdBy: string; unitIds: string[] }) {
  const id = (await firstRow<{ id: string }>(ex, sql`INSERT INTO alliances (name, kind, org_id, description, created_by)
    VALUES (${v.name}, ${v.kind}, ${v.orgId}, ${v.description}, ${v.createdBy}) RETURNING id::text`))!.id
  await ex.execute(sql`INSERT INTO alliance_units (alliance_id, unit_id) SELECT ${id}, unnest(${idArr(v.unitIds)})`)
  return id
}

/** Membership and activities change the alliance: its updated_at moves with them. */
async function touchAlliance(ex: Executor, allianceId: string): Promise<void> {
  await ex.execute(sql`UPDATE alliances SET updated_at = now() WHERE id = ${allianceId}`)
}

export async function insertAllianceUnit(ex: Executor, allianceId: string, unitId: string): Promise<void> {
  await ex.execute(sql`INSERT INTO alliance_units (alliance_id, unit_id) VALUES (${allianceId}, ${unitId})`)
  await touchAlliance(ex, allianceId)
}

export async function insertAllianceActivity(ex: Executor, v: { allianceId: string; title: string; heldOn: string; place: string | null; description: string | null; createdBy: string }) {
  const id = (await firstRow<{ id: string }>(ex, sql`INSERT INTO alliance_activities (alliance_id, title, held_on, place, description, created_by)
    VALUES (${v.allianceId}, ${v.title}, ${v.heldOn}, ${v.place}, ${v.description}, ${v.createdBy}) RETURNING id::text`))!.id
  await touchAlliance(ex, v.allianceId)
  return id
}

// ---------------------------------------------------------------------------
// Part-time committee members (兼职委员)

/**
 * People who act for a unit and hold a committee role (street admin, community cadre) on the node
 * or a street/community below it, while living elsewhere (no resident role under that node).
 */
export async function partTimeMembers(ex: Executor, path: string, today: string) {
  return rows<{ person: { id: string; name: string }; role: string; org: { id: string; name: string }; validFrom: string; validTo: string | null; units: { id: string; name: string }[] }>(ex, sql`
    SELECT json_build_object('id', p.id::text, 'name', p.name) AS person, ra.role,
           json_build_object('id', o.id::text, 'name', o.name) AS org, ra.valid_from::text AS "validFrom", ra.valid_to::text AS "validTo",
           (SELECT json_agg(json_build_object('id', u.id::text, 'name', u.name) ORDER BY u.id) FROM unit_people up JOIN units u ON u.id = up.unit_id
             WHERE up.person_id = p.id AND u.deleted_at IS NULL) AS units
    FROM role_assignments ra JOIN orgs o ON o.id = ra.org_id JOIN people p ON p.id = ra.person_id
    WHERE o.path <@ ${path}::ltree AND o.kind IN ('street','community','village') AND ra.role IN ('street_admin','community_cadre')
      AND ra.valid_from <= ${today}::date AND (ra.valid_to IS NULL OR ra.valid_to >= ${today}::date)
      AND EXISTS (SELECT 1 FROM unit_people up JOIN units u ON u.id = up.unit_id WHERE up.person_id = p.id AND u.deleted_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM role_assignments r2 JOIN orgs h ON h.id = r2.org_id
                      WHERE r2.person_id = p.id AND r2.role = 'resident' AND h.path <@ o.path)
    ORDER BY o.path, ra.id`)
}
