// Queries of units, the people who act for them, Party-organisation coverage and part-time
// committee members, and the SQL fragments the other units repositories share (pairings:
// units.pairings.repository.ts, co-building lists: units.board.repository.ts, alliances:
// units.alliances.repository.ts). First argument is a database or a transaction; no permission
// logic here.
// Visibility filters take `scopes` (comma-joined org paths of the caller's staff roles) and
// `unitIds` (the units the caller acts for), both possibly empty.
import { countedIds } from '../../kernel/pagination.ts'
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Coverage, Unit } from './units.schemas.ts'
import { newEconomyKinds } from './units.schemas.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames, roleGrants } from '../people/people.read.ts'

export interface OrgNode { id: string; name: string; kind: string; path: string }
export interface Visibility { scopes: string; unitIds: string[] }

export const iso = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
export const scopeArr = (scopes: string) => sql`string_to_array(${scopes}, ',')::ltree[]`
export const idArr = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`
export const personRef = (col: SQL) => sql`(SELECT json_build_object('id', p.id::text, 'name', p.name) FROM ${personNames} p WHERE p.id = ${col})`
export const unitRefJson = (col: SQL) => sql`(SELECT json_build_object('id', x.id::text, 'name', x.name, 'kind', x.kind) FROM units x WHERE x.id = ${col})`

export async function findOrg(ex: Executor, id: string) {
  return firstRow<OrgNode>(ex, sql`SELECT o.id::text, o.name, o.kind, o.path::text FROM ${orgTree} o WHERE o.id = ${id} AND o.deleted_at IS NULL`)
}

/** Whether one of the units lies under the node (its own node at or below `path`). */
export async function anyUnitUnder(ex: Executor, unitIds: string[], path: string): Promise<boolean> {
  if (unitIds.length === 0) return false
  const found = await firstRow<{ yes: boolean }>(ex, sql`SELECT EXISTS (SELECT 1 FROM units u JOIN ${orgTree} o ON o.id = u.org_id
    WHERE u.id = ANY(string_to_array(${unitIds.join(',')}, ',')::bigint[]) AND o.path <@ ${path}::ltree) AS yes`)
  return found?.yes === true
}

/** Locks a community against concurrent pairing so that its limit holds (released at commit). */
export async function lockCommunity(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`SELECT o.id FROM ${orgTree} o WHERE o.id = ${id} FOR NO KEY UPDATE`)
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
  return (await firstRow<{ u: Unit }>(ex, sql`SELECT ${unitJson} AS u FROM units u JOIN ${orgTree} o ON o.id = u.org_id WHERE u.id = ${id} AND u.deleted_at IS NULL`))?.u
}

function unitVisible(v: Visibility): SQL {
  const parts: SQL[] = []
  if (v.scopes) {
    parts.push(sql`o.path <@ ${scopeArr(v.scopes)}`, sql`o.path @> ${scopeArr(v.scopes)}`)
    parts.push(sql`EXISTS (SELECT 1 FROM pairing_agreements pa JOIN ${orgTree} c ON c.id = pa.community_id
      WHERE pa.unit_id = u.id AND pa.status = 'active' AND c.path <@ ${scopeArr(v.scopes)})`)
  }
  if (v.unitIds.length) parts.push(sql`u.id = ANY(${idArr(v.unitIds)})`)
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`
}

export async function listUnits(ex: Executor, v: Visibility, f: { underPath?: string; kind?: string; hasPartyOrg?: boolean; residentUnit?: boolean; q?: string; afterId?: string; limit: number }) {
  return (await rows<{ u: Unit; total?: number }>(
    ex,
    // The page's ids (and the first page's count) first; the unit's figures for the page only.
    sql`SELECT ${unitJson} AS u${f.afterId ? sql`` : sql`, k.total`} FROM ${countedIds(sql`SELECT u.id FROM units u JOIN ${orgTree} o ON o.id = u.org_id
        WHERE u.deleted_at IS NULL AND ${unitVisible(v)}
          ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
          ${f.kind ? sql`AND u.kind = ${f.kind}` : sql``}
          ${f.hasPartyOrg !== undefined ? sql`AND u.has_party_org = ${f.hasPartyOrg}` : sql``}
          ${f.residentUnit !== undefined ? sql`AND u.resident_unit = ${f.residentUnit}` : sql``}
          ${f.q ? sql`AND strpos(u.name, ${f.q}) > 0` : sql``}
          ${f.afterId ? sql`AND u.id > ${f.afterId}::bigint` : sql``}
        ORDER BY u.id`, sql`ids.id`, f.limit, !f.afterId)} k JOIN units u ON u.id = k.id JOIN ${orgTree} o ON o.id = u.org_id ORDER BY u.id`,
  )).map((r) => (r.total === undefined ? r.u : { ...r.u, total: r.total }))
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
        FROM unit_people up JOIN ${personNames} p ON p.id = up.person_id WHERE up.unit_id = ${unitId}
        ORDER BY up.role = 'representative' DESC, up.created_at, p.id`,
  )
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
          SELECT o.id, o.name, o.kind, o.path, true AS own FROM ${orgTree} o WHERE o.id = ${org.id}
          UNION ALL
          SELECT o.id, o.name, o.kind, o.path, false FROM ${orgTree} o WHERE o.parent_id = ${org.id} AND o.deleted_at IS NULL AND o.kind IN ('district','street','community','village')
        )
        SELECT json_build_object('id', n.id::text, 'name', n.name, 'kind', n.kind) AS org, n.own,
               count(u.id)::int AS units,
               count(u.id) FILTER (WHERE u.has_party_org)::int AS "withPartyOrg",
               count(u.id) FILTER (WHERE u.kind IN (${NEW_ECONOMY}))::int AS "newEconomyOrgs",
               count(u.id) FILTER (WHERE u.kind IN (${NEW_ECONOMY}) AND u.has_party_org)::int AS "newEconomyWithPartyOrg",
               coalesce(sum(u.party_member_count), 0)::int AS "partyMembers",
               (SELECT json_object_agg(k.kind, json_build_object('units', k.n, 'withPartyOrg', k.p)) FROM (
                  SELECT u2.kind, count(*)::int AS n, count(*) FILTER (WHERE u2.has_party_org)::int AS p
                  FROM units u2 JOIN ${orgTree} o2 ON o2.id = u2.org_id WHERE u2.deleted_at IS NULL AND o2.path <@ n.path GROUP BY u2.kind) k) AS "byKind"
        FROM nodes n
        LEFT JOIN (units u JOIN ${orgTree} o ON o.id = u.org_id) ON o.path <@ n.path AND u.deleted_at IS NULL
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
    FROM ${roleGrants} ra JOIN ${orgTree} o ON o.id = ra.org_id JOIN ${personNames} p ON p.id = ra.person_id
    WHERE o.path <@ ${path}::ltree AND o.kind IN ('street','community','village') AND ra.role IN ('street_admin','community_cadre')
      AND ra.valid_from <= ${today}::date AND (ra.valid_to IS NULL OR ra.valid_to >= ${today}::date)
      AND EXISTS (SELECT 1 FROM unit_people up JOIN units u ON u.id = up.unit_id WHERE up.person_id = p.id AND u.deleted_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM ${roleGrants} r2 JOIN ${orgTree} h ON h.id = r2.org_id
                      WHERE r2.person_id = p.id AND r2.role = 'resident' AND h.path <@ o.path)
    ORDER BY o.path, ra.id`)
}
