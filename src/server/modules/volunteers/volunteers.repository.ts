// Queries of volunteers, their hours and teams (activities and sign-ups, attendances and the time
// bank have their own repositories beside this one). Scopes are comma-joined ltree paths (see
// kernel/policy.ts scopeParam). Hours are numeric in SQL, read as float8. Org nodes, people and
// their roles are read through their owners' relations (orgs.read.ts, people.read.ts).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Ref } from '../../kernel/contract.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import type { TeamFunction } from './volunteers.schemas.ts'

const idList = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`
export const underScopes = (column: SQL, scopes: string) => sql`${column} <@ string_to_array(${scopes}, ',')::ltree[]`
/** The bounds of a calendar year in China (UTC+8, no daylight saving). */
export const yearStart = (year: number) => sql`${`${year}-01-01T00:00:00+08:00`}::timestamptz`
const textList = (items: string[]) => sql`${JSON.stringify(items)}::jsonb`

/** Where a person lives: a point of the building (or area) of a resident or member role they hold today. */
export async function homePoint(ex: Executor, personId: string) {
  return firstRow<{ lng: number; lat: number }>(ex, sql`SELECT ST_X(ST_PointOnSurface(o.geometry)) AS lng, ST_Y(ST_PointOnSurface(o.geometry)) AS lat
    FROM ${currentRoles} r JOIN ${orgTree} o ON o.id = r.org_id
    WHERE r.person_id = ${personId} AND r.role IN ('resident', 'member') AND o.geometry IS NOT NULL AND o.deleted_at IS NULL
    ORDER BY (o.kind = 'building') DESC, r.id LIMIT 1`)
}

// ---- volunteers ----

export async function ensureVolunteer(ex: Executor, personId: string): Promise<void> {
  await ex.execute(sql`INSERT INTO volunteers (person_id) VALUES (${personId}) ON CONFLICT (person_id) DO NOTHING`)
}

export interface VolunteerRow { personId: string; name: string; skills: string[] | null; intro: string | null; isVolunteer: boolean }

export async function findVolunteer(ex: Executor, personId: string) {
  return firstRow<VolunteerRow>(ex, sql`SELECT p.id::text AS "personId", p.name, to_json(v.skills) AS skills, v.intro, v.person_id IS NOT NULL AS "isVolunteer"
    FROM ${personNames} p LEFT JOIN volunteers v ON v.person_id = p.id WHERE p.id = ${personId}`)
}

export async function upsertVolunteer(ex: Executor, personId: string, skills: string[], intro: string | null | undefined): Promise<void> {
  await ex.execute(sql`INSERT INTO volunteers (person_id, skills, intro)
    VALUES (${personId}, linli_text_array(${textList(skills)}), ${intro ?? null})
    ON CONFLICT (person_id) DO UPDATE SET skills = EXCLUDED.skills,
      intro = ${intro === undefined ? sql`volunteers.intro` : sql`EXCLUDED.intro`}, updated_at = EXCLUDED.updated_at`)
}

export async function teamsOf(ex: Executor, personId: string) {
  return rows<Ref & { role: 'leader' | 'member' }>(ex, sql`SELECT t.id::text, t.name, m.role FROM volunteer_team_members m
    JOIN volunteer_teams t ON t.id = m.team_id WHERE m.person_id = ${personId} AND t.deleted_at IS NULL ORDER BY t.id`)
}

/**
 * A person's service hours in a China-time calendar year, the one definition every figure uses
 * (members' progress and cards, ledgers, the phone, the time bank's "given"): hours checked out at
 * activities (by the activity's start) plus one-to-one services given in the time bank (by the
 * day served).
 */
export async function hoursByPerson(ex: Executor, personIds: string[], year: number) {
  if (personIds.length === 0) return []
  return rows<{ personId: string; hours: number; activities: number; services: number; activityHours: number; serviceHours: number }>(ex, sql`
    SELECT s.person_id::text AS "personId", round(sum(s.hours), 2)::float8 AS hours,
      count(*) FILTER (WHERE s.kind = 'activity')::int AS activities, count(*) FILTER (WHERE s.kind = 'service')::int AS services,
      round(coalesce(sum(s.hours) FILTER (WHERE s.kind = 'activity'), 0), 2)::float8 AS "activityHours",
      round(coalesce(sum(s.hours) FILTER (WHERE s.kind = 'service'), 0), 2)::float8 AS "serviceHours"
    FROM (
      SELECT at.person_id, at.hours::numeric AS hours, 'activity' AS kind
      FROM activity_attendances at JOIN activities a ON a.id = at.activity_id
      WHERE at.person_id = ANY(${idList(personIds)}) AND at.status = 'checked_out'
        AND a.starts_at >= ${yearStart(year)} AND a.starts_at < ${yearStart(year + 1)}
      UNION ALL
      SELECT e.giver_id, e.hours::numeric, 'service' FROM time_bank_entries e
      WHERE e.giver_id = ANY(${idList(personIds)}) AND e.served_on >= ${`${year}-01-01`}::date AND e.served_on < ${`${year + 1}-01-01`}::date
    ) s
    GROUP BY s.person_id`)
}

/** The records behind `hoursByPerson`: attendances at activities (any status) and services given, newest first. */
export async function serviceRecords(ex: Executor, personId: string, year: number) {
  return rows<{ kind: 'activity' | 'service'; activityId: string | null; title: string; orgName: string; startsAt: string; hours: number; status: string }>(ex, sql`
    SELECT r.kind, r."activityId", r.title, r."orgName", r."startsAt", r.hours, r.status FROM (
      SELECT 'activity' AS kind, a.id::text AS "activityId", a.title, o.name AS "orgName", a.starts_at AS "startsAt", coalesce(at.hours, 0)::float8 AS hours, at.status, a.id AS sort_id
      FROM activity_attendances at JOIN activities a ON a.id = at.activity_id JOIN ${orgTree} o ON o.id = a.org_id
      WHERE at.person_id = ${personId} AND a.starts_at >= ${yearStart(year)} AND a.starts_at < ${yearStart(year + 1)}
      UNION ALL
      SELECT 'service', NULL, '一对一服务：' || e.note, o.name, (e.served_on::text || 'T12:00:00+08:00')::timestamptz, e.hours::float8, 'served', e.id
      FROM time_bank_entries e JOIN ${orgTree} o ON o.id = e.org_id
      WHERE e.giver_id = ${personId} AND e.served_on >= ${`${year}-01-01`}::date AND e.served_on < ${`${year + 1}-01-01`}::date
    ) r
    ORDER BY r."startsAt" DESC, r.sort_id DESC`)
}

export async function noShowCount(ex: Executor, personId: string, year: number): Promise<number> {
  const row = await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM activity_attendances at JOIN activities a ON a.id = at.activity_id
    WHERE at.person_id = ${personId} AND at.status = 'no_show' AND a.starts_at >= ${yearStart(year)} AND a.starts_at < ${yearStart(year + 1)}`)
  return row?.n ?? 0
}

export interface VolunteerSummaryRow {
  person: Ref
  skills: string[]
  teams: Ref[]
  hours: number
  activities: number
  noShows: number
  timeBank: { given: number; received: number }
}

/** Volunteers of teams under the scopes, and those signed up to activities under them. */
export async function searchVolunteers(ex: Executor, f: { scopes: string; underPath?: string; year: number; afterId?: string; limit: number }) {
  const inArea = (path: SQL) => sql`${underScopes(path, f.scopes)} ${f.underPath ? sql`AND ${path} <@ ${f.underPath}::ltree` : sql``}`
  return rows<VolunteerSummaryRow>(ex, sql`
    SELECT json_build_object('id', p.id::text, 'name', p.name) AS person, to_json(v.skills) AS skills,
      coalesce((SELECT json_agg(json_build_object('id', t.id::text, 'name', t.name) ORDER BY t.id) FROM volunteer_team_members m
        JOIN volunteer_teams t ON t.id = m.team_id WHERE m.person_id = v.person_id AND t.deleted_at IS NULL), '[]'::json) AS teams,
      coalesce(h.hours, 0)::float8 AS hours, coalesce(h.activities, 0)::int AS activities, coalesce(h.no_shows, 0)::int AS "noShows",
      json_build_object(
        'given', (SELECT coalesce(sum(e.hours), 0)::float8 FROM time_bank_entries e WHERE e.giver_id = v.person_id AND e.served_on >= ${`${f.year}-01-01`}::date AND e.served_on < ${`${f.year + 1}-01-01`}::date),
        'received', (SELECT coalesce(sum(e.hours), 0)::float8 FROM time_bank_entries e WHERE e.receiver_id = v.person_id AND e.served_on >= ${`${f.year}-01-01`}::date AND e.served_on < ${`${f.year + 1}-01-01`}::date)
      ) AS "timeBank"
    FROM volunteers v JOIN ${personNames} p ON p.id = v.person_id
    LEFT JOIN LATERAL (
      SELECT sum(at.hours) FILTER (WHERE at.status = 'checked_out') AS hours, count(*) FILTER (WHERE at.status = 'checked_out') AS activities,
             count(*) FILTER (WHERE at.status = 'no_show') AS no_shows
      FROM activity_attendances at JOIN activities a ON a.id = at.activity_id
      WHERE at.person_id = v.person_id AND a.starts_at >= ${yearStart(f.year)} AND a.starts_at < ${yearStart(f.year + 1)}) h ON true
    WHERE p.deleted_at IS NULL
      AND (EXISTS (SELECT 1 FROM volunteer_team_members m JOIN volunteer_teams t ON t.id = m.team_id JOIN ${orgTree} o ON o.id = t.org_id
                   WHERE m.person_id = v.person_id AND t.deleted_at IS NULL AND ${inArea(sql`o.path`)})
        OR EXISTS (SELECT 1 FROM activity_signups s JOIN activities a ON a.id = s.activity_id JOIN ${orgTree} o ON o.id = a.org_id
                   WHERE s.person_id = v.person_id AND ${inArea(sql`o.path`)}))
      ${f.afterId ? sql`AND v.person_id > ${f.afterId}::bigint` : sql``}
    ORDER BY v.person_id LIMIT ${f.limit + 1}`)
}

// ---- teams ----

export interface TeamRow {
  id: string
  org: Ref
  orgPath: string
  name: string
  function: TeamFunction
  skills: string[]
  description: string | null
  memberCount: number
  leaders: Ref[]
  members: { person: Ref; role: 'leader' | 'member'; skills: string[]; joinedAt: string }[]
  myRole: 'leader' | 'member' | null
  createdAt: string
}

const teamSelect = (personId: string | null) => sql`SELECT t.id::text, json_build_object('id', o.id::text, 'name', o.name) AS org, o.path::text AS "orgPath",
    t.name, t.function, to_json(t.skills) AS skills, t.description, t.created_at AS "createdAt",
    (SELECT count(*)::int FROM volunteer_team_members m WHERE m.team_id = t.id) AS "memberCount",
    coalesce((SELECT json_agg(json_build_object('id', p.id::text, 'name', p.name) ORDER BY p.id) FROM volunteer_team_members m
      JOIN ${personNames} p ON p.id = m.person_id WHERE m.team_id = t.id AND m.role = 'leader'), '[]'::json) AS leaders,
    coalesce((SELECT json_agg(json_build_object('person', json_build_object('id', p.id::text, 'name', p.name), 'role', m.role,
        'skills', to_json(v.skills), 'joinedAt', m.created_at) ORDER BY m.role, m.created_at, p.id) FROM volunteer_team_members m
      JOIN ${personNames} p ON p.id = m.person_id JOIN volunteers v ON v.person_id = m.person_id WHERE m.team_id = t.id), '[]'::json) AS members,
    (SELECT m.role FROM volunteer_team_members m WHERE m.team_id = t.id AND m.person_id = ${personId}) AS "myRole"
  FROM volunteer_teams t JOIN ${orgTree} o ON o.id = t.org_id`

export async function findTeam(ex: Executor, id: string, personId: string | null, lock = false) {
  if (lock) await ex.execute(sql`SELECT 1 FROM volunteer_teams WHERE id = ${id} FOR UPDATE`)
  return firstRow<TeamRow>(ex, sql`${teamSelect(personId)} WHERE t.id = ${id} AND t.deleted_at IS NULL`)
}

export async function searchTeams(ex: Executor, f: { personId: string | null; underPath?: string; function?: string; afterId?: string; limit: number }) {
  return rows<TeamRow>(ex, sql`${teamSelect(f.personId)} WHERE t.deleted_at IS NULL
    ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
    ${f.function ? sql`AND t.function = ${f.function}` : sql``}
    ${f.afterId ? sql`AND t.id > ${f.afterId}::bigint` : sql``}
    ORDER BY t.id LIMIT ${f.limit + 1}`)
}

export async function teamNameTaken(ex: Executor, orgId: string, name: string, exceptId?: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM volunteer_teams WHERE org_id = ${orgId} AND name = ${name} AND deleted_at IS NULL
    ${exceptId ? sql`AND id <> ${exceptId}` : sql``}`))
}

export async function insertTeam(ex: Executor, v: { orgId: string; name: string; function: string; skills: string[]; description: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO volunteer_teams (org_id, name, function, skills, description)
    VALUES (${v.orgId}, ${v.name}, ${v.function}, linli_text_array(${textList(v.skills)}), ${v.description})
    RETURNING id::text`))!.id
}

export async function updateTeam(ex: Executor, id: string, v: { name?: string; function?: string; skills?: string[]; description?: string | null }): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`]
  if (v.name !== undefined) sets.push(sql`name = ${v.name}`)
  if (v.function !== undefined) sets.push(sql`function = ${v.function}`)
  if (v.skills !== undefined) sets.push(sql`skills = linli_text_array(${textList(v.skills)})`)
  if (v.description !== undefined) sets.push(sql`description = ${v.description}`)
  await ex.execute(sql`UPDATE volunteer_teams SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`)
}

export async function addTeamMember(ex: Executor, teamId: string, personId: string, role: string): Promise<boolean> {
  const row = await firstRow(ex, sql`INSERT INTO volunteer_team_members (team_id, person_id, role) VALUES (${teamId}, ${personId}, ${role})
    ON CONFLICT (team_id, person_id) DO NOTHING RETURNING 1`)
  return !!row
}

export async function removeTeamMember(ex: Executor, teamId: string, personId: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`DELETE FROM volunteer_team_members WHERE team_id = ${teamId} AND person_id = ${personId} RETURNING 1`))
}

export async function leadsTeam(ex: Executor, teamId: string, personId: string | null): Promise<boolean> {
  if (!personId) return false
  return !!(await firstRow(ex, sql`SELECT 1 FROM volunteer_team_members WHERE team_id = ${teamId} AND person_id = ${personId} AND role = 'leader'`))
}
