// Queries of volunteers, teams, activities, sign-ups, attendances and the time bank. Scopes are
// comma-joined ltree paths (see kernel/policy.ts scopeParam). Hours are numeric in SQL, read as float8.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { TeamFunction } from './volunteers.schemas.ts'

type Ref = { id: string; name: string }
const idList = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`
const underScopes = (column: SQL, scopes: string) => sql`${column} <@ string_to_array(${scopes}, ',')::ltree[]`
/** The bounds of a calendar year in China (UTC+8, no daylight saving). */
export const yearStart = (year: number) => sql`${`${year}-01-01T00:00:00+08:00`}::timestamptz`
const textList = (items: string[]) => sql`${JSON.stringify(items)}::jsonb`

/** Where a person lives: a point of the building (or area) of their live resident or member role. */
export async function homePoint(ex: Executor, personId: string) {
  return firstRow<{ lng: number; lat: number }>(ex, sql`SELECT ST_X(ST_PointOnSurface(o.geometry)) AS lng, ST_Y(ST_PointOnSurface(o.geometry)) AS lat
    FROM role_assignments r JOIN orgs o ON o.id = r.org_id
    WHERE r.person_id = ${personId} AND r.role IN ('resident', 'member') AND o.geometry IS NOT NULL AND o.deleted_at IS NULL
      AND r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to >= CURRENT_DATE)
    ORDER BY (o.kind = 'building') DESC, r.id LIMIT 1`)
}

// ---- volunteers ----

export async function ensureVolunteer(ex: Executor, personId: string): Promise<void> {
  await ex.execute(sql`INSERT INTO volunteers (person_id) VALUES (${personId}) ON CONFLICT (person_id) DO NOTHING`)
}

export interface VolunteerRow { personId: string; name: string; skills: string[] | null; intro: string | null; isVolunteer: boolean }

export async function findVolunteer(ex: Executor, personId: string) {
  return firstRow<VolunteerRow>(ex, sql`SELECT p.id::text AS "personId", p.name, to_json(v.skills) AS skills, v.intro, v.person_id IS NOT NULL AS "isVolunteer"
    FROM people p LEFT JOIN volunteers v ON v.person_id = p.id WHERE p.id = ${personId}`)
}

export async function upsertVolunteer(ex: Executor, personId: string, skills: string[], intro: string | null | undefined): Promise<void> {
  await ex.execute(sql`INSERT INTO volunteers (person_id, skills, intro)
    VALUES (${personId}, ARRAY(SELECT jsonb_array_elements_text(${textList(skills)})), ${intro ?? null})
    ON CONFLICT (person_id) DO UPDATE SET skills = EXCLUDED.skills,
      intro = ${intro === undefined ? sql`volunteers.intro` : sql`EXCLUDED.intro`}, updated_at = now()`)
}

export async function teamsOf(ex: Executor, personId: string) {
  return rows<Ref & { role: 'leader' | 'member' }>(ex, sql`SELECT t.id::text, t.name, m.role FROM volunteer_team_members m
    JOIN volunteer_teams t ON t.id = m.team_id WHERE m.person_id = ${personId} AND t.deleted_at IS NULL ORDER BY t.id`)
}

export async function hoursByPerson(ex: Executor, personIds: string[], year: number) {
  if (personIds.length === 0) return []
  return rows<{ personId: string; hours: number; activities: number }>(ex, sql`
    SELECT at.person_id::text AS "personId", coalesce(sum(at.hours), 0)::float8 AS hours, count(*)::int AS activities
    FROM activity_attendances at JOIN activities a ON a.id = at.activity_id
    WHERE at.person_id = ANY(${idList(personIds)}) AND at.status = 'checked_out'
      AND a.starts_at >= ${yearStart(year)} AND a.starts_at < ${yearStart(year + 1)}
    GROUP BY at.person_id`)
}

export async function serviceRecords(ex: Executor, personId: string, year: number) {
  return rows<{ activityId: string; title: string; orgName: string; startsAt: string; hours: number; status: string }>(ex, sql`
    SELECT a.id::text AS "activityId", a.title, o.name AS "orgName", a.starts_at AS "startsAt", coalesce(at.hours, 0)::float8 AS hours, at.status
    FROM activity_attendances at JOIN activities a ON a.id = at.activity_id JOIN orgs o ON o.id = a.org_id
    WHERE at.person_id = ${personId} AND a.starts_at >= ${yearStart(year)} AND a.starts_at < ${yearStart(year + 1)}
    ORDER BY a.starts_at DESC, a.id DESC`)
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
    FROM volunteers v JOIN people p ON p.id = v.person_id
    LEFT JOIN LATERAL (
      SELECT sum(at.hours) FILTER (WHERE at.status = 'checked_out') AS hours, count(*) FILTER (WHERE at.status = 'checked_out') AS activities,
             count(*) FILTER (WHERE at.status = 'no_show') AS no_shows
      FROM activity_attendances at JOIN activities a ON a.id = at.activity_id
      WHERE at.person_id = v.person_id AND a.starts_at >= ${yearStart(f.year)} AND a.starts_at < ${yearStart(f.year + 1)}) h ON true
    WHERE p.deleted_at IS NULL
      AND (EXISTS (SELECT 1 FROM volunteer_team_members m JOIN volunteer_teams t ON t.id = m.team_id JOIN orgs o ON o.id = t.org_id
                   WHERE m.person_id = v.person_id AND t.deleted_at IS NULL AND ${inArea(sql`o.path`)})
        OR EXISTS (SELECT 1 FROM activity_signups s JOIN activities a ON a.id = s.activity_id JOIN orgs o ON o.id = a.org_id
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
      JOIN people p ON p.id = m.person_id WHERE m.team_id = t.id AND m.role = 'leader'), '[]'::json) AS leaders,
    coalesce((SELECT json_agg(json_build_object('person', json_build_object('id', p.id::text, 'name', p.name), 'role', m.role,
        'skills', to_json(v.skills), 'joinedAt', m.created_at) ORDER BY m.role, m.created_at, p.id) FROM volunteer_team_members m
      JOIN people p ON p.id = m.person_id JOIN volunteers v ON v.person_id = m.person_id WHERE m.team_id = t.id), '[]'::json) AS members,
    (SELECT m.role FROM volunteer_team_members m WHERE m.team_id = t.id AND m.person_id = ${personId}) AS "myRole"
  FROM volunteer_teams t JOIN orgs o ON o.id = t.org_id`

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
    VALUES (${v.orgId}, ${v.name}, ${v.function}, ARRAY(SELECT jsonb_array_elements_text(${textList(v.skills)})), ${v.description})
    RETURNING id::text`))!.id
}

export async function updateTeam(ex: Executor, id: string, v: { name?: string; function?: string; skills?: string[]; description?: string | null }): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`]
  if (v.name !== undefined) sets.push(sql`name = ${v.name}`)
  if (v.function !== undefined) sets.push(sql`function = ${v.function}`)
  if (v.skills !== undefined) sets.push(sql`skills = ARRAY(SELECT jsonb_array_elements_text(${textList(v.skills)}))`)
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

// ---- activities ----

export interface ActivityRow {
  id: string
  org: Ref
  orgPath: string
  team: Ref | null
  teamId: string | null
  title: string
  description: string
  place: string
  location: { lng: number; lat: number }
  startsAt: string
  endsAt: string
  capacity: number
  skillNeeds: { skill: string; count: number; covered: number }[]
  maxHours: number | null
  status: 'published' | 'cancelled'
  cancelReason: string | null
  confirmed: number
  waitlisted: number
  distanceM: number | null
  mySignup: { id: string; status: 'confirmed' | 'waitlisted' | 'cancelled'; position: number | null } | null
  myAttendance: { status: 'checked_in' | 'checked_out' | 'no_show'; checkedInAt: string | null; checkedOutAt: string | null; hours: number | null } | null
  iLeadTeam: boolean
  checkinSecret: string
  createdAt: string
}

type Near = { lng: number; lat: number } | undefined
const nearPoint = (n: { lng: number; lat: number }) => sql`ST_SetSRID(ST_MakePoint(${n.lng}, ${n.lat}), 4326)::geography`
const distance = (near: Near) => (near ? sql`ST_Distance(a.location::geography, ${nearPoint(near)})::float8` : sql`NULL::float8`)

const activitySelect = (personId: string | null, near: Near) => sql`SELECT a.id::text, json_build_object('id', o.id::text, 'name', o.name) AS org,
    o.path::text AS "orgPath", CASE WHEN tm.id IS NULL THEN NULL ELSE json_build_object('id', tm.id::text, 'name', tm.name) END AS team,
    a.team_id::text AS "teamId", a.title, a.description, a.place,
    json_build_object('lng', ST_X(a.location), 'lat', ST_Y(a.location)) AS location,
    a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.capacity, a.max_hours::float8 AS "maxHours", a.status, a.cancel_reason AS "cancelReason",
    a.checkin_secret AS "checkinSecret", a.created_at AS "createdAt",
    (SELECT count(*)::int FROM activity_signups s WHERE s.activity_id = a.id AND s.status = 'confirmed') AS confirmed,
    (SELECT count(*)::int FROM activity_signups s WHERE s.activity_id = a.id AND s.status = 'waitlisted') AS waitlisted,
    coalesce((SELECT json_agg(json_build_object('skill', n.e->>'skill', 'count', (n.e->>'count')::int, 'covered',
        (SELECT count(*)::int FROM activity_signups s JOIN volunteers v ON v.person_id = s.person_id
          WHERE s.activity_id = a.id AND s.status = 'confirmed' AND (n.e->>'skill') = ANY(v.skills))) ORDER BY n.i)
      FROM jsonb_array_elements(a.skill_needs) WITH ORDINALITY AS n(e, i)), '[]'::json) AS "skillNeeds",
    (SELECT json_build_object('id', s.id::text, 'status', s.status, 'position', CASE WHEN s.status = 'waitlisted' THEN
        (SELECT count(*)::int FROM activity_signups w WHERE w.activity_id = a.id AND w.status = 'waitlisted' AND (w.signed_up_at, w.id) <= (s.signed_up_at, s.id)) END)
      FROM activity_signups s WHERE s.activity_id = a.id AND s.person_id = ${personId}) AS "mySignup",
    (SELECT json_build_object('status', at.status, 'checkedInAt', at.checked_in_at, 'checkedOutAt', at.checked_out_at, 'hours', at.hours::float8)
      FROM activity_attendances at WHERE at.activity_id = a.id AND at.person_id = ${personId}) AS "myAttendance",
    EXISTS (SELECT 1 FROM volunteer_team_members m WHERE m.team_id = a.team_id AND m.person_id = ${personId} AND m.role = 'leader') AS "iLeadTeam",
    ${distance(near)} AS "distanceM"
  FROM activities a JOIN orgs o ON o.id = a.org_id LEFT JOIN volunteer_teams tm ON tm.id = a.team_id`

export async function findActivity(ex: Executor, id: string, personId: string | null, lock = false) {
  // Locking the row first serialises sign-ups, cancellations and edits of one activity.
  if (lock) await ex.execute(sql`SELECT 1 FROM activities WHERE id = ${id} FOR UPDATE`)
  return firstRow<ActivityRow>(ex, sql`${activitySelect(personId, undefined)} WHERE a.id = ${id}`)
}

export interface ActivityFilter {
  personId: string | null
  /** Where the caller organises (grid staff and up): they also see cancelled activities there. */
  scopes: string
  underPath?: string
  teamId?: string
  when: 'upcoming' | 'past' | 'all'
  status?: 'published' | 'cancelled'
  mine: boolean
  near: Near
  now: string
  after?: { k: string; id: string }
  limit: number
}

export async function searchActivities(ex: Executor, f: ActivityFilter) {
  const order = f.near ? 'near' : f.when === 'upcoming' ? 'soonest' : 'newest'
  const key = order === 'near' ? distance(f.near) : sql`a.starts_at`
  const afterCond = !f.after ? sql`` : order === 'near'
    ? sql`AND (${key}, a.id) > (${f.after.k}::float8, ${f.after.id}::bigint)`
    : order === 'soonest'
      ? sql`AND (a.starts_at, a.id) > (${f.after.k}::timestamptz, ${f.after.id}::bigint)`
      : sql`AND (a.starts_at, a.id) < (${f.after.k}::timestamptz, ${f.after.id}::bigint)`
  const orderBy = order === 'near' ? sql`ORDER BY ${key}, a.id` : order === 'soonest' ? sql`ORDER BY a.starts_at, a.id` : sql`ORDER BY a.starts_at DESC, a.id DESC`
  const mineCond = sql`EXISTS (SELECT 1 FROM activity_signups s WHERE s.activity_id = a.id AND s.person_id = ${f.personId})`
  return rows<ActivityRow>(ex, sql`${activitySelect(f.personId, f.near)}
    WHERE true
      ${f.status ? sql`AND a.status = ${f.status}` : sql`AND (a.status = 'published' OR ${mineCond} OR ${underScopes(sql`o.path`, f.scopes)})`}
      ${f.mine ? sql`AND ${mineCond}` : sql``}
      ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
      ${f.teamId ? sql`AND a.team_id = ${f.teamId}` : sql``}
      ${f.when === 'upcoming' ? sql`AND a.ends_at > ${f.now}::timestamptz` : f.when === 'past' ? sql`AND a.ends_at <= ${f.now}::timestamptz` : sql``}
      ${afterCond}
    ${orderBy} LIMIT ${f.limit + 1}`)
}

export interface ActivityValues {
  orgId: string
  teamId: string | null
  title: string
  description: string
  place: string
  location: [number, number]
  startsAt: string
  endsAt: string
  capacity: number
  skillNeeds: { skill: string; count: number }[]
  maxHours: number | null
}

export async function insertActivity(ex: Executor, v: ActivityValues & { checkinSecret: string; createdBy: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO activities (org_id, team_id, title, description, place, location, starts_at, ends_at,
      capacity, skill_needs, max_hours, checkin_secret, created_by)
    VALUES (${v.orgId}, ${v.teamId}, ${v.title}, ${v.description}, ${v.place}, ST_SetSRID(ST_MakePoint(${v.location[0]}, ${v.location[1]}), 4326),
      ${v.startsAt}::timestamptz, ${v.endsAt}::timestamptz, ${v.capacity}, ${JSON.stringify(v.skillNeeds)}::jsonb, ${v.maxHours}, ${v.checkinSecret}, ${v.createdBy})
    RETURNING id::text`))!.id
}

export async function updateActivity(ex: Executor, id: string, v: Omit<ActivityValues, 'orgId'>): Promise<void> {
  await ex.execute(sql`UPDATE activities SET team_id = ${v.teamId}, title = ${v.title}, description = ${v.description}, place = ${v.place},
      location = ST_SetSRID(ST_MakePoint(${v.location[0]}, ${v.location[1]}), 4326), starts_at = ${v.startsAt}::timestamptz,
      ends_at = ${v.endsAt}::timestamptz, capacity = ${v.capacity}, skill_needs = ${JSON.stringify(v.skillNeeds)}::jsonb, max_hours = ${v.maxHours},
      updated_at = now()
    WHERE id = ${id}`)
}

export async function cancelActivity(ex: Executor, id: string, reason: string): Promise<void> {
  await ex.execute(sql`UPDATE activities SET status = 'cancelled', cancel_reason = ${reason}, updated_at = now() WHERE id = ${id}`)
}

// ---- sign-ups ----

export interface SignupRow {
  id: string
  personId: string
  person: Ref
  skills: string[]
  status: 'confirmed' | 'waitlisted' | 'cancelled'
  position: number | null
  signedUpAt: string
  promotedAt: string | null
  cancelledAt: string | null
  attendance: ActivityRow['myAttendance']
}

const signupSelect = sql`SELECT s.id::text, s.person_id::text AS "personId", json_build_object('id', p.id::text, 'name', p.name) AS person,
    to_json(v.skills) AS skills, s.status,
    CASE WHEN s.status = 'waitlisted' THEN (SELECT count(*)::int FROM activity_signups w WHERE w.activity_id = s.activity_id
      AND w.status = 'waitlisted' AND (w.signed_up_at, w.id) <= (s.signed_up_at, s.id)) END AS position,
    s.signed_up_at AS "signedUpAt", s.promoted_at AS "promotedAt", s.cancelled_at AS "cancelledAt",
    (SELECT json_build_object('status', at.status, 'checkedInAt', at.checked_in_at, 'checkedOutAt', at.checked_out_at, 'hours', at.hours::float8)
      FROM activity_attendances at WHERE at.signup_id = s.id) AS attendance
  FROM activity_signups s JOIN people p ON p.id = s.person_id JOIN volunteers v ON v.person_id = s.person_id`

export async function findSignup(ex: Executor, activityId: string, id: string) {
  return firstRow<SignupRow>(ex, sql`${signupSelect} WHERE s.activity_id = ${activityId} AND s.id = ${id}`)
}

export async function findSignupOf(ex: Executor, activityId: string, personId: string) {
  return firstRow<SignupRow>(ex, sql`${signupSelect} WHERE s.activity_id = ${activityId} AND s.person_id = ${personId}`)
}

export async function searchSignups(ex: Executor, f: { activityId: string; status?: string; after?: { k: string; id: string }; limit: number }) {
  return rows<SignupRow>(ex, sql`${signupSelect} WHERE s.activity_id = ${f.activityId}
    ${f.status ? sql`AND s.status = ${f.status}` : sql``}
    ${f.after ? sql`AND (s.signed_up_at, s.id) > (${f.after.k}::timestamptz, ${f.after.id}::bigint)` : sql``}
    ORDER BY s.signed_up_at, s.id LIMIT ${f.limit + 1}`)
}

export async function upsertSignup(ex: Executor, activityId: string, personId: string, status: 'confirmed' | 'waitlisted', at: string): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO activity_signups (activity_id, person_id, status, signed_up_at)
    VALUES (${activityId}, ${personId}, ${status}, ${at}::timestamptz)
    ON CONFLICT (activity_id, person_id) DO UPDATE SET status = EXCLUDED.status, signed_up_at = EXCLUDED.signed_up_at,
      promoted_at = NULL, cancelled_at = NULL, updated_at = now()
    RETURNING id::text`))!.id
}

export async function cancelSignup(ex: Executor, id: string, at: string): Promise<void> {
  await ex.execute(sql`UPDATE activity_signups SET status = 'cancelled', cancelled_at = ${at}::timestamptz, updated_at = now() WHERE id = ${id}`)
}

/** Moves the first `seats` people of the waitlist up; returns who moved. */
export async function promoteWaitlisted(ex: Executor, activityId: string, seats: number, at: string) {
  if (seats <= 0) return []
  return rows<{ personId: string }>(ex, sql`UPDATE activity_signups SET status = 'confirmed', promoted_at = ${at}::timestamptz, updated_at = now()
    WHERE id IN (SELECT id FROM activity_signups WHERE activity_id = ${activityId} AND status = 'waitlisted' ORDER BY signed_up_at, id LIMIT ${seats})
    RETURNING person_id::text AS "personId"`)
}

// ---- attendances ----

export interface AttendanceRow {
  id: string
  personId: string
  person: Ref
  signupId: string
  status: 'checked_in' | 'checked_out' | 'no_show'
  method: 'code' | 'confirmed' | 'sweep'
  checkedInAt: string | null
  checkedOutAt: string | null
  hours: number | null
  confirmedBy: Ref | null
}

const attendanceSelect = sql`SELECT at.id::text, at.person_id::text AS "personId", json_build_object('id', p.id::text, 'name', p.name) AS person,
    at.signup_id::text AS "signupId", at.status, at.method, at.checked_in_at AS "checkedInAt", at.checked_out_at AS "checkedOutAt",
    at.hours::float8 AS hours, CASE WHEN cb.id IS NULL THEN NULL ELSE json_build_object('id', cb.id::text, 'name', cb.name) END AS "confirmedBy"
  FROM activity_attendances at JOIN people p ON p.id = at.person_id LEFT JOIN people cb ON cb.id = at.confirmed_by`

export async function findAttendance(ex: Executor, activityId: string, personId: string) {
  return firstRow<AttendanceRow>(ex, sql`${attendanceSelect} WHERE at.activity_id = ${activityId} AND at.person_id = ${personId}`)
}

export async function searchAttendances(ex: Executor, f: { activityId: string; status?: string; afterId?: string; limit: number }) {
  return rows<AttendanceRow>(ex, sql`${attendanceSelect} WHERE at.activity_id = ${f.activityId}
    ${f.status ? sql`AND at.status = ${f.status}` : sql``}
    ${f.afterId ? sql`AND at.id > ${f.afterId}::bigint` : sql``}
    ORDER BY at.id LIMIT ${f.limit + 1}`)
}

export async function saveAttendance(ex: Executor, v: {
  activityId: string; personId: string; signupId: string; status: 'checked_in' | 'checked_out'; method: 'code' | 'confirmed'
  checkedInAt: string; checkedOutAt: string | null; hours: number | null; confirmedBy: string | null
}): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO activity_attendances (activity_id, person_id, signup_id, status, method, checked_in_at, checked_out_at, hours, confirmed_by)
    VALUES (${v.activityId}, ${v.personId}, ${v.signupId}, ${v.status}, ${v.method}, ${v.checkedInAt}::timestamptz, ${v.checkedOutAt}::timestamptz, ${v.hours}, ${v.confirmedBy})
    ON CONFLICT (activity_id, person_id) DO UPDATE SET status = EXCLUDED.status, method = EXCLUDED.method, checked_in_at = EXCLUDED.checked_in_at,
      checked_out_at = EXCLUDED.checked_out_at, hours = EXCLUDED.hours, confirmed_by = EXCLUDED.confirmed_by, updated_at = now()
    RETURNING id::text`))!.id
}

/** Signed-up people who never checked in at an activity that has ended become no-shows. */
export async function markNoShows(ex: Executor, now: string): Promise<number> {
  const row = await firstRow<{ n: number }>(ex, sql`WITH marked AS (
      INSERT INTO activity_attendances (activity_id, person_id, signup_id, status, method)
      SELECT s.activity_id, s.person_id, s.id, 'no_show', 'sweep'
      FROM activity_signups s JOIN activities a ON a.id = s.activity_id
      WHERE s.status = 'confirmed' AND a.status = 'published' AND a.ends_at <= ${now}::timestamptz
        AND NOT EXISTS (SELECT 1 FROM activity_attendances at WHERE at.activity_id = s.activity_id AND at.person_id = s.person_id)
      ON CONFLICT (activity_id, person_id) DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM marked`)
  return row?.n ?? 0
}

// ---- time bank ----

export interface TimeBankEntryRow { id: string; org: Ref; orgPath: string; giver: Ref; receiver: Ref; hours: number; servedOn: string; note: string; createdAt: string }

const entrySelect = sql`SELECT e.id::text, json_build_object('id', o.id::text, 'name', o.name) AS org, o.path::text AS "orgPath",
    json_build_object('id', g.id::text, 'name', g.name) AS giver, json_build_object('id', r.id::text, 'name', r.name) AS receiver,
    e.hours::float8 AS hours, e.served_on::text AS "servedOn", e.note, e.created_at AS "createdAt"
  FROM time_bank_entries e JOIN orgs o ON o.id = e.org_id JOIN people g ON g.id = e.giver_id JOIN people r ON r.id = e.receiver_id`

export async function findEntry(ex: Executor, id: string) {
  return firstRow<TimeBankEntryRow>(ex, sql`${entrySelect} WHERE e.id = ${id}`)
}

export async function insertEntry(ex: Executor, v: { orgId: string; giverId: string; receiverId: string; hours: number; servedOn: string; note: string; recordedBy: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO time_bank_entries (org_id, giver_id, receiver_id, hours, served_on, note, recorded_by)
    VALUES (${v.orgId}, ${v.giverId}, ${v.receiverId}, ${v.hours}, ${v.servedOn}::date, ${v.note}, ${v.recordedBy}) RETURNING id::text`))!.id
}

export async function searchEntries(ex: Executor, f: { scopes: string; underPath?: string; personId?: string; afterId?: string; limit: number }) {
  return rows<TimeBankEntryRow>(ex, sql`${entrySelect} WHERE true
    ${f.personId ? sql`AND (e.giver_id = ${f.personId} OR e.receiver_id = ${f.personId})` : sql`AND ${underScopes(sql`o.path`, f.scopes)}`}
    ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
    ${f.afterId ? sql`AND e.id < ${f.afterId}::bigint` : sql``}
    ORDER BY ${f.personId ? sql`e.served_on DESC, ` : sql``}e.id DESC LIMIT ${f.limit + 1}`)
}

export async function timeBankTotals(ex: Executor, personId: string, year: number) {
  return (await firstRow<{ activities: number; services: number; received: number; balance: number }>(ex, sql`SELECT
    (SELECT coalesce(sum(at.hours), 0)::float8 FROM activity_attendances at JOIN activities a ON a.id = at.activity_id
      WHERE at.person_id = ${personId} AND at.status = 'checked_out' AND a.starts_at >= ${yearStart(year)} AND a.starts_at < ${yearStart(year + 1)}) AS activities,
    (SELECT coalesce(sum(hours), 0)::float8 FROM time_bank_entries WHERE giver_id = ${personId} AND served_on >= ${`${year}-01-01`}::date AND served_on < ${`${year + 1}-01-01`}::date) AS services,
    (SELECT coalesce(sum(hours), 0)::float8 FROM time_bank_entries WHERE receiver_id = ${personId} AND served_on >= ${`${year}-01-01`}::date AND served_on < ${`${year + 1}-01-01`}::date) AS received,
    ((SELECT coalesce(sum(hours), 0) FROM activity_attendances WHERE person_id = ${personId} AND status = 'checked_out')
      + (SELECT coalesce(sum(hours), 0) FROM time_bank_entries WHERE giver_id = ${personId})
      - (SELECT coalesce(sum(hours), 0) FROM time_bank_entries WHERE receiver_id = ${personId}))::float8 AS balance`))!
}
