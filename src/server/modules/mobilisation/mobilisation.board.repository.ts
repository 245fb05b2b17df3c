// The SQL of an emergency's board (posts covered, people on duty now, hazards open and handled,
// alerts), its daily roster, its end report, hazards, and the minute sweep's two passes.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { caseRows } from '../cases/cases.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { volunteerProfiles } from '../volunteers/volunteers.read.ts'

/** How far ahead an uncovered shift raises an alert. */
export const ALERT_HOURS = 6
const HANDLED = sql`('handled', 'verified', 'closed')`
const held = sql`(SELECT count(*)::int FROM shift_signups g WHERE g.shift_id = s.id AND g.cancelled_at IS NULL)`

export const boardFigures = (ex: Executor, id: string) => firstRow<{ total: number; coveredNow: number; vanguard: number; open: number; handled: number; teams: number; branches: number }>(ex, sql`
  SELECT (SELECT count(*)::int FROM emergency_posts p WHERE p.emergency_id = ${id}) AS total,
    (SELECT count(*)::int FROM emergency_posts p WHERE p.emergency_id = ${id} AND p.vanguard) AS vanguard,
    (SELECT count(DISTINCT p.id)::int FROM emergency_posts p JOIN emergency_shifts s ON s.post_id = p.id
      WHERE p.emergency_id = ${id} AND now() >= s.starts_at AND now() < s.ends_at AND ${held} >= s.needed) AS "coveredNow",
    (SELECT count(*)::int FROM emergency_hazards h JOIN ${caseRows} c ON c.id = h.case_id WHERE h.emergency_id = ${id} AND c.state NOT IN ${HANDLED}) AS open,
    (SELECT count(*)::int FROM emergency_hazards h JOIN ${caseRows} c ON c.id = h.case_id WHERE h.emergency_id = ${id} AND c.state IN ${HANDLED}) AS handled,
    (SELECT count(*)::int FROM emergency_teams t WHERE t.emergency_id = ${id}) AS teams,
    (SELECT count(*)::int FROM emergency_branches b WHERE b.emergency_id = ${id}) AS branches`)

export const onDutyNow = (ex: Executor, id: string) => rows<{ id: string; name: string; post: { id: string; name: string }; since: string | null }>(ex, sql`
  SELECT g.person_id::text AS id, n.name, json_build_object('id', p.id::text, 'name', p.name) AS post, g.checked_in_at AS since
  FROM shift_signups g JOIN emergency_shifts s ON s.id = g.shift_id JOIN emergency_posts p ON p.id = s.post_id JOIN ${personNames} n ON n.id = g.person_id
  WHERE p.emergency_id = ${id} AND g.cancelled_at IS NULL AND g.checked_in_at IS NOT NULL AND now() >= s.starts_at AND now() < s.ends_at
  ORDER BY p.id, g.id`)

/** Shifts running now or starting within ALERT_HOURS that fewer hold than need. */
export const uncovered = (ex: Executor, id: string) => rows<{ shiftId: string; post: { id: string; name: string }; startsAt: string; held: number; needed: number }>(ex, sql`
  SELECT s.id::text AS "shiftId", json_build_object('id', p.id::text, 'name', p.name) AS post, s.starts_at AS "startsAt", ${held} AS held, s.needed
  FROM emergency_shifts s JOIN emergency_posts p ON p.id = s.post_id JOIN emergencies e ON e.id = p.emergency_id
  WHERE p.emergency_id = ${id} AND e.ended_at IS NULL AND s.ends_at > now() AND s.starts_at < now() + make_interval(hours => ${ALERT_HOURS}) AND ${held} < s.needed
  ORDER BY s.starts_at, s.id LIMIT 100`)

export const postsOnMap = (ex: Executor, id: string) => rows<{ id: string; name: string; kind: string; vanguard: boolean; lng: number; lat: number; coveredNow: boolean }>(ex, sql`
  SELECT p.id::text, p.name, p.kind, p.vanguard, ST_X(p.location) AS lng, ST_Y(p.location) AS lat,
    EXISTS (SELECT 1 FROM emergency_shifts s WHERE s.post_id = p.id AND now() >= s.starts_at AND now() < s.ends_at AND ${held} >= s.needed) AS "coveredNow"
  FROM emergency_posts p WHERE p.emergency_id = ${id} ORDER BY p.id`)

/** The day's roster (China time): each post's shifts that overlap the day and who holds them. */
export const roster = (ex: Executor, id: string, date: string) => rows<{ id: string; name: string; kind: string; shifts: { id: string; startsAt: string; endsAt: string; needed: number; people: { name: string; checkedIn: boolean }[] }[] }>(ex, sql`
  SELECT p.id::text, p.name, p.kind, coalesce((SELECT json_agg(json_build_object('id', s.id::text, 'startsAt', s.starts_at, 'endsAt', s.ends_at, 'needed', s.needed,
      'people', coalesce((SELECT json_agg(json_build_object('name', n.name, 'checkedIn', g.checked_in_at IS NOT NULL) ORDER BY g.id)
        FROM shift_signups g JOIN ${personNames} n ON n.id = g.person_id WHERE g.shift_id = s.id AND g.cancelled_at IS NULL), '[]'::json)) ORDER BY s.starts_at)
    FROM emergency_shifts s WHERE s.post_id = p.id
      AND s.starts_at < (${date}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AND s.ends_at > ${date}::date::timestamp AT TIME ZONE 'Asia/Shanghai'), '[]'::json) AS shifts
  FROM emergency_posts p WHERE p.emergency_id = ${id} ORDER BY p.id`)

export const hazards = (ex: Executor, id: string) => rows<{ id: string; caseId: string; priority: string; post: { id: string; name: string } | null; reportedBy: { id: string; name: string }; description: string; state: string; handled: boolean; lng: number; lat: number; createdAt: string }>(ex, sql`
  SELECT h.id::text, h.case_id::text AS "caseId", h.priority, CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id::text, 'name', p.name) END AS post,
    json_build_object('id', h.reported_by::text, 'name', n.name) AS "reportedBy", c.description, c.state, c.state IN ${HANDLED} AS handled,
    ST_X(c.location) AS lng, ST_Y(c.location) AS lat, h.created_at AS "createdAt"
  FROM emergency_hazards h JOIN ${caseRows} c ON c.id = h.case_id JOIN ${personNames} n ON n.id = h.reported_by LEFT JOIN emergency_posts p ON p.id = h.post_id
  WHERE h.emergency_id = ${id} ORDER BY h.id DESC LIMIT 500`)

export const insertHazard = async (ex: Executor, v: { emergencyId: string; postId: string | null; caseId: string; priority: string; reportedBy: string }) =>
  (await firstRow<{ id: string }>(ex, sql`INSERT INTO emergency_hazards (emergency_id, post_id, case_id, priority, reported_by)
    VALUES (${v.emergencyId}, ${v.postId}, ${v.caseId}, ${v.priority}, ${v.reportedBy}) RETURNING id::text`))!.id

/** Who served (checked in on a shift), how many shifts and hours, and any commendation proposed. */
export const served = (ex: Executor, id: string) => rows<{ id: string; name: string; shifts: number; hours: number; commendation: string | null }>(ex, sql`
  SELECT g.person_id::text AS id, n.name, count(*)::int AS shifts,
    round(sum(extract(epoch FROM (s.ends_at - s.starts_at)) / 3600)::numeric, 2)::float8 AS hours,
    (SELECT c.reason FROM emergency_commendations c WHERE c.emergency_id = ${id} AND c.person_id = g.person_id) AS commendation
  FROM shift_signups g JOIN emergency_shifts s ON s.id = g.shift_id JOIN emergency_posts p ON p.id = s.post_id JOIN ${personNames} n ON n.id = g.person_id
  WHERE p.emergency_id = ${id} AND g.cancelled_at IS NULL AND g.checked_in_at IS NOT NULL
  GROUP BY g.person_id, n.name ORDER BY hours DESC, n.name`)

export const upsertCommendation = (ex: Executor, v: { emergencyId: string; personId: string; reason: string; by: string }) => ex.execute(sql`
  INSERT INTO emergency_commendations (emergency_id, person_id, reason, proposed_by) VALUES (${v.emergencyId}, ${v.personId}, ${v.reason}, ${v.by})
  ON CONFLICT (emergency_id, person_id) DO UPDATE SET reason = EXCLUDED.reason, proposed_by = EXCLUDED.proposed_by, updated_at = EXCLUDED.updated_at`)

/** The sweep's first pass: shifts of running emergencies starting within ALERT_HOURS and not fully held, not yet alerted; marks them. */
export const claimUncoveredAlerts = (ex: Executor, now: Date) => rows<{ shiftId: string; emergencyId: string; emergencyName: string; postName: string; startsAt: string; held: number; needed: number; tellIds: string[] }>(ex, sql`
  WITH due AS (
    SELECT s.id FROM emergency_shifts s JOIN emergency_posts p ON p.id = s.post_id JOIN emergencies e ON e.id = p.emergency_id
    WHERE e.ended_at IS NULL AND s.alerted_at IS NULL AND s.starts_at > ${now.toISOString()}::timestamptz
      AND s.starts_at <= ${now.toISOString()}::timestamptz + make_interval(hours => ${ALERT_HOURS}) AND ${held} < s.needed
    ORDER BY s.starts_at LIMIT 200 FOR UPDATE OF s SKIP LOCKED),
  marked AS (UPDATE emergency_shifts s SET alerted_at = ${now.toISOString()}::timestamptz FROM due WHERE s.id = due.id RETURNING s.*)
  SELECT s.id::text AS "shiftId", e.id::text AS "emergencyId", e.name AS "emergencyName", p.name AS "postName", s.starts_at AS "startsAt", ${held} AS held, s.needed,
    ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[e.declared_by::text, t.leader_id::text] || ARRAY(SELECT r.person_id::text FROM ${currentRoles} r
      WHERE r.org_id = e.org_id AND r.role IN ('district_admin', 'street_admin', 'community_cadre'))) x WHERE x IS NOT NULL) AS "tellIds"
  FROM marked s JOIN emergency_posts p ON p.id = s.post_id JOIN emergencies e ON e.id = p.emergency_id LEFT JOIN emergency_teams t ON t.id = p.team_id`)

/** The sweep's second pass: checked-in sign-ups whose shift ended, not yet counted; counts their hours and answers them. */
export const claimServedHours = (ex: Executor, now: Date) => rows<{ signupId: string; personId: string; hours: number; servedOn: string; orgId: string; declaredBy: string; emergencyName: string; postName: string; volunteer: boolean }>(ex, sql`
  WITH due AS (
    SELECT g.id FROM shift_signups g JOIN emergency_shifts s ON s.id = g.shift_id
    WHERE g.checked_in_at IS NOT NULL AND g.cancelled_at IS NULL AND g.hours_recorded_at IS NULL AND s.ends_at <= ${now.toISOString()}::timestamptz
    ORDER BY g.id LIMIT 500 FOR UPDATE OF g SKIP LOCKED),
  marked AS (UPDATE shift_signups g SET hours_recorded_at = ${now.toISOString()}::timestamptz,
      hours = least(24, round((extract(epoch FROM (s.ends_at - s.starts_at)) / 3600)::numeric, 2))
    FROM due, emergency_shifts s WHERE g.id = due.id AND s.id = g.shift_id RETURNING g.*)
  SELECT g.id::text AS "signupId", g.person_id::text AS "personId", g.hours::float8 AS hours, (s.starts_at AT TIME ZONE 'Asia/Shanghai')::date::text AS "servedOn",
    e.org_id::text AS "orgId", e.declared_by::text AS "declaredBy", e.name AS "emergencyName", p.name AS "postName",
    EXISTS (SELECT 1 FROM ${volunteerProfiles} v WHERE v.person_id = g.person_id) AS volunteer
  FROM marked g JOIN emergency_shifts s ON s.id = g.shift_id JOIN emergency_posts p ON p.id = s.post_id JOIN emergencies e ON e.id = p.emergency_id`)

/** The emergency's org node, for a list filter. */
export const orgPathOf = async (ex: Executor, orgId: string) => (await firstRow<{ path: string }>(ex, sql`SELECT path::text FROM ${orgTree} o WHERE o.id = ${orgId}`))?.path
