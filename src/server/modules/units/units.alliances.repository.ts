// Queries of alliances of units (党建联盟) and their shared activities. First argument is a
// database or a transaction; no permission logic here.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Alliance } from './units.schemas.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { iso, scopeArr, idArr, personRef, type Visibility } from './units.repository.ts'

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
    FROM alliances a JOIN ${orgTree} o ON o.id = a.org_id WHERE a.id = ${id}`)
}

export async function listAlliances(ex: Executor, v: Visibility, f: { underPath?: string; afterId?: string; limit: number }) {
  const parts: SQL[] = []
  if (v.scopes) parts.push(sql`o.path <@ ${scopeArr(v.scopes)}`, sql`o.path @> ${scopeArr(v.scopes)}`)
  if (v.unitIds.length) parts.push(sql`EXISTS (SELECT 1 FROM alliance_units au WHERE au.alliance_id = a.id AND au.unit_id = ANY(${idArr(v.unitIds)}))`)
  if (!parts.length) return []
  return (await rows<{ a: Alliance }>(ex, sql`SELECT ${allianceJson} AS a FROM alliances a JOIN ${orgTree} o ON o.id = a.org_id
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
