// What other modules may read of volunteering, as relations to join in their own SQL (projections
// of the owner's tables). Activities are read by anyone signed in; a reader joining this relation
// shows it only to them.
import { sql } from 'drizzle-orm'

/** Published activities by the venue they are held at: title and times. */
export const activitiesAtVenues = sql`(SELECT id, venue_id, title, starts_at, ends_at FROM activities WHERE status = 'published' AND venue_id IS NOT NULL)`

/** Volunteers and their skills (a row here: the person is a registered volunteer). */
export const volunteerProfiles = sql`(SELECT person_id, skills FROM volunteers)`

/** Volunteer teams, deleted ones included (`deleted_at`). */
export const teamRows = sql`(SELECT id, org_id, name, skills, deleted_at FROM volunteer_teams)`

/** Who belongs to which team, and as what (`role`: leader or member). */
export const teamMembers = sql`(SELECT team_id, person_id, role FROM volunteer_team_members)`

/** Volunteer hours by node and time, naming nobody: checked-out activity attendances and time-bank entries (wall screens). */
export const volunteerHours = sql`(SELECT a.org_id, aa.checked_out_at AS at, aa.hours FROM activity_attendances aa JOIN activities a ON a.id = aa.activity_id
  WHERE aa.status = 'checked_out' UNION ALL SELECT t.org_id, t.served_on::timestamptz AS at, t.hours FROM time_bank_entries t)`

/** Published activities with their node, place and times (public events; wall screens list today's). */
export const publishedActivities = sql`(SELECT id, org_id, venue_id, title, place, starts_at, ends_at FROM activities WHERE status = 'published')`

/**
 * Service hours per person with the time they count at and when the row was last written, by the
 * definition of `hoursByPerson` (members' yearly targets): checked-out attendances at the
 * activity's start, time-bank services given on the China day served.
 */
export const personServiceHours = sql`(SELECT aa.person_id, a.starts_at AS at, aa.hours::numeric AS hours, aa.updated_at FROM activity_attendances aa
  JOIN activities a ON a.id = aa.activity_id WHERE aa.status = 'checked_out'
  UNION ALL SELECT t.giver_id, (t.served_on::timestamp AT TIME ZONE 'Asia/Shanghai'), t.hours::numeric, t.updated_at FROM time_bank_entries t)`

/** Per person, for the people asked for (a comma-separated id list): service hours counted in [from, to) by `personServiceHours`. Relation `(person_id, hours)`. */
export const hoursByPerson = (from: string, to: string, personIds: string) => sql`(SELECT s.person_id, sum(s.hours)::numeric AS hours FROM ${personServiceHours} s
  WHERE s.at >= ${from}::timestamptz AND s.at < ${to}::timestamptz AND s.person_id = ANY(string_to_array(${personIds}, ',')::bigint[]) GROUP BY s.person_id)`
