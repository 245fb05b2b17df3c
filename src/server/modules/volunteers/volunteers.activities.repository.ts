// Queries of activities and their sign-ups (seats go in order of sign-up, then a waitlist in that
// order). Org nodes and people's names are read through their owners' relations.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Ref } from '../../kernel/contract.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { underScopes } from './volunteers.repository.ts'
import { venueNames } from '../venues/venues.read.ts'

// ---- activities ----

export interface ActivityRow {
  id: string
  org: Ref
  orgPath: string
  team: Ref | null
  teamId: string | null
  venue: Ref | null
  venueId: string | null
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
    a.team_id::text AS "teamId", a.venue_id::text AS "venueId",
    (SELECT json_build_object('id', vn.id::text, 'name', vn.name) FROM ${venueNames} vn WHERE vn.id = a.venue_id) AS venue, a.title, a.description, a.place,
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
  FROM activities a JOIN ${orgTree} o ON o.id = a.org_id LEFT JOIN volunteer_teams tm ON tm.id = a.team_id`

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
  venueId?: string
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
      ${f.venueId ? sql`AND a.venue_id = ${f.venueId}` : sql``}
      ${f.when === 'upcoming' ? sql`AND a.ends_at > ${f.now}::timestamptz` : f.when === 'past' ? sql`AND a.ends_at <= ${f.now}::timestamptz` : sql``}
      ${afterCond}
    ${orderBy} LIMIT ${f.limit + 1}`)
}

export interface ActivityValues {
  orgId: string
  teamId: string | null
  venueId: string | null
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
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO activities (org_id, team_id, venue_id, title, description, place, location, starts_at, ends_at,
      capacity, skill_needs, max_hours, checkin_secret, created_by)
    VALUES (${v.orgId}, ${v.teamId}, ${v.venueId}, ${v.title}, ${v.description}, ${v.place}, ST_SetSRID(ST_MakePoint(${v.location[0]}, ${v.location[1]}), 4326),
      ${v.startsAt}::timestamptz, ${v.endsAt}::timestamptz, ${v.capacity}, ${JSON.stringify(v.skillNeeds)}::jsonb, ${v.maxHours}, ${v.checkinSecret}, ${v.createdBy})
    RETURNING id::text`))!.id
}

export async function updateActivity(ex: Executor, id: string, v: Omit<ActivityValues, 'orgId'>): Promise<void> {
  await ex.execute(sql`UPDATE activities SET team_id = ${v.teamId}, venue_id = ${v.venueId}, title = ${v.title}, description = ${v.description}, place = ${v.place},
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
  FROM activity_signups s JOIN ${personNames} p ON p.id = s.person_id JOIN volunteers v ON v.person_id = s.person_id`

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
      promoted_at = NULL, cancelled_at = NULL, updated_at = EXCLUDED.updated_at
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
