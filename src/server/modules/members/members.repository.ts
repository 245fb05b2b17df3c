// Queries of Party members, their yearly targets and reminders (registrations and letters, posts
// and claims, feedback cards and the ledgers' figures have their own repositories beside this
// one). Scopes are comma-joined ltree paths; `units` are ids of the units the caller acts for.
// Org nodes, people's and units' names are read through their owners' relations (orgs.read.ts,
// people.read.ts, units.read.ts) and joined in for display, never copied.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Ref } from '../../kernel/contract.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'
import type { MemberKind, RegistrationStatus } from './members.schemas.ts'

export const idList = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`
export const underScopes = (column: SQL, scopes: string) => sql`${column} <@ string_to_array(${scopes}, ',')::ltree[]`
export const unitRef = (alias: string) => sql.raw(`CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id::text, 'name', ${alias}.name) END`)

/** Default yearly target when no region above the community set one. */
export const DEFAULT_TARGET = { minProjects: 1, minHours: 24 }


export interface MemberRow {
  id: string
  person: Ref
  partyOrgName: string
  kind: MemberKind
  employerUnit: Ref | null
  community: Ref
  joinedOn: string | null
  publicWalls: ('signature' | 'commitment' | 'pioneer')[]
  commitment: string | null
  registrationStatus: RegistrationStatus | null
  createdAt: string
  personId: string
  communityPath: string
  employerUnitId: string | null
  projects: number
  posts: number
  minProjects: number
  minHours: string
}

const memberSelect = (year: number) => sql`SELECT pm.id::text, json_build_object('id', p.id::text, 'name', p.name) AS person,
    pm.party_org_name AS "partyOrgName", pm.kind, ${unitRef('u')} AS "employerUnit",
    json_build_object('id', c.id::text, 'name', c.name) AS community, pm.joined_on::text AS "joinedOn",
    pm.public_walls AS "publicWalls", pm.commitment,
    (SELECT r.status FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member') AS "registrationStatus",
    pm.created_at::text AS "createdAt", pm.person_id::text AS "personId", c.path::text AS "communityPath",
    pm.employer_unit_id::text AS "employerUnitId",
    COALESCE(cl.projects, 0)::int AS projects, COALESCE(cl.posts, 0)::int AS posts,
    COALESCE(tg.min_projects, ${DEFAULT_TARGET.minProjects})::int AS "minProjects", COALESCE(tg.min_hours, ${DEFAULT_TARGET.minHours})::text AS "minHours"
  FROM party_members pm
  JOIN ${personNames} p ON p.id = pm.person_id
  JOIN ${orgTree} c ON c.id = pm.community_id
  LEFT JOIN ${unitRows} u ON u.id = pm.employer_unit_id
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE cp.kind = 'project') AS projects, count(*) FILTER (WHERE cp.kind = 'post') AS posts
    FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id
    WHERE pc.member_id = pm.id AND pc.year = ${year} AND pc.released_at IS NULL) cl ON true
  LEFT JOIN LATERAL (
    SELECT t.min_projects, t.min_hours FROM member_targets t JOIN ${orgTree} o ON o.id = t.org_id
    WHERE t.year = ${year} AND o.path @> c.path ORDER BY nlevel(o.path) DESC LIMIT 1) tg ON true
  WHERE pm.deleted_at IS NULL`

export async function findMember(ex: Executor, id: string, year: number): Promise<MemberRow | undefined> {
  return firstRow<MemberRow>(ex, sql`${memberSelect(year)} AND pm.id = ${id}`)
}

export async function findMemberByPerson(ex: Executor, personId: string, year: number): Promise<MemberRow | undefined> {
  return firstRow<MemberRow>(ex, sql`${memberSelect(year)} AND pm.person_id = ${personId}`)
}

export interface MemberFilter {
  scopes: string
  personId: string | null
  /** Units the caller acts for: their employees are listed too. */
  units?: string[]
  underPath?: string
  unitId?: string
  kind?: MemberKind
  q?: string
  kinds?: MemberKind[]
}

const memberWhere = (f: MemberFilter) => sql`
    AND (${f.personId !== null ? sql`pm.person_id = ${f.personId} OR` : sql``} ${f.units?.length ? sql`pm.employer_unit_id = ANY(${idList(f.units)}) OR` : sql``}
         ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.underPath ? sql`AND c.path <@ ${f.underPath}::ltree` : sql``}
    ${f.unitId ? sql`AND pm.employer_unit_id = ${f.unitId}` : sql``}
    ${f.kind ? sql`AND pm.kind = ${f.kind}` : sql``}
    ${f.kinds ? sql`AND pm.kind = ANY(string_to_array(${f.kinds.join(',')}, ','))` : sql``}
    ${f.q ? sql`AND p.name LIKE ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}` : sql``}`

export async function searchMembers(ex: Executor, f: MemberFilter & { year: number; afterId?: string; limit?: number }): Promise<MemberRow[]> {
  return rows<MemberRow>(ex, sql`${memberSelect(f.year)} ${memberWhere(f)}
    ${f.afterId ? sql`AND pm.id > ${f.afterId}` : sql``}
    ORDER BY pm.id ${f.limit ? sql`LIMIT ${f.limit + 1}` : sql``}`)
}

export async function insertMember(ex: Executor, m: { personId: string; partyOrgName: string; kind: string; employerUnitId: string | null; communityId: string; joinedOn: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO party_members (person_id, party_org_name, kind, employer_unit_id, community_id, joined_on)
    VALUES (${m.personId}, ${m.partyOrgName}, ${m.kind}, ${m.employerUnitId}, ${m.communityId}, ${m.joinedOn}) RETURNING id::text`))!.id
}

export async function memberExistsFor(ex: Executor, personId: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM party_members WHERE person_id = ${personId} AND deleted_at IS NULL`))
}

export async function updateMember(ex: Executor, id: string, set: { partyOrgName?: string; kind?: string; employerUnitId?: string | null; publicWalls?: string[]; commitment?: string | null }): Promise<void> {
  const parts: SQL[] = [sql`updated_at = now()`]
  if (set.partyOrgName !== undefined) parts.push(sql`party_org_name = ${set.partyOrgName}`)
  if (set.kind !== undefined) parts.push(sql`kind = ${set.kind}`)
  if (set.employerUnitId !== undefined) parts.push(sql`employer_unit_id = ${set.employerUnitId}`)
  if (set.publicWalls !== undefined) parts.push(sql`public_walls = string_to_array(${set.publicWalls.join(',')}, ',')::text[]`)
  if (set.commitment !== undefined) parts.push(sql`commitment = ${set.commitment}`)
  await ex.execute(sql`UPDATE party_members SET ${sql.join(parts, sql`, `)} WHERE id = ${id}`)
}

// Targets and reminders -----------------------------------------------------------------------

export interface TargetRow { id: string; org: Ref; year: number; minProjects: number; minHours: string; updatedAt: string; orgPath: string }

export async function searchTargets(ex: Executor, f: { scopes: string; underPath?: string; year?: number }): Promise<TargetRow[]> {
  return rows<TargetRow>(ex, sql`SELECT t.id::text, json_build_object('id', o.id::text, 'name', o.name) AS org, t.year, t.min_projects AS "minProjects",
      t.min_hours::text AS "minHours", t.updated_at::text AS "updatedAt", o.path::text AS "orgPath"
    FROM member_targets t JOIN ${orgTree} o ON o.id = t.org_id
    WHERE (${f.scopes ? sql`o.path <@ string_to_array(${f.scopes}, ',')::ltree[] OR o.path @> ANY(string_to_array(${f.scopes}, ',')::ltree[])` : sql`false`})
    ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``} ${f.year ? sql`AND t.year = ${f.year}` : sql``}
    ORDER BY t.year DESC, nlevel(o.path), t.id LIMIT 500`)
}

export async function upsertTarget(ex: Executor, t: { orgId: string; year: number; minProjects: number; minHours: number }): Promise<{ id: string; created: boolean }> {
  return (await firstRow<{ id: string; created: boolean }>(ex, sql`INSERT INTO member_targets (org_id, year, min_projects, min_hours)
    VALUES (${t.orgId}, ${t.year}, ${t.minProjects}, ${t.minHours})
    ON CONFLICT (org_id, year) DO UPDATE SET min_projects = EXCLUDED.min_projects, min_hours = EXCLUDED.min_hours, updated_at = EXCLUDED.updated_at
    RETURNING id::text, (xmax = 0) AS created`))!
}

export async function findTarget(ex: Executor, id: string): Promise<TargetRow | undefined> {
  return firstRow<TargetRow>(ex, sql`SELECT t.id::text, json_build_object('id', o.id::text, 'name', o.name) AS org, t.year, t.min_projects AS "minProjects",
      t.min_hours::text AS "minHours", t.updated_at::text AS "updatedAt", o.path::text AS "orgPath"
    FROM member_targets t JOIN ${orgTree} o ON o.id = t.org_id WHERE t.id = ${id}`)
}

/** Members with an accepted registration and no reminder in the week before `now`. */
export async function remindable(ex: Executor, now: Date, year: number, limit: number, afterId?: string): Promise<MemberRow[]> {
  return rows<MemberRow>(ex, sql`${memberSelect(year)}
    AND EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member' AND r.status = 'accepted')
    AND NOT EXISTS (SELECT 1 FROM member_reminders mr WHERE mr.member_id = pm.id AND mr.sent_at > ${now.toISOString()}::timestamptz - interval '7 days')
    ${afterId ? sql`AND pm.id > ${afterId}` : sql``}
    ORDER BY pm.id LIMIT ${limit}`)
}

export async function insertReminders(ex: Executor, memberIds: string[], year: number, at: Date): Promise<void> {
  if (memberIds.length === 0) return
  await ex.execute(sql`INSERT INTO member_reminders (member_id, year, sent_at) SELECT unnest(${idList(memberIds)}), ${year}, ${at.toISOString()}::timestamptz`)
}
