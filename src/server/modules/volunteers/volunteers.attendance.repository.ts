// Queries of attendances at activities: check-in and check-out, an organiser's confirmation, and
// the sweep's no-shows. People's names are read through people.read.ts.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Ref } from '../../kernel/contract.ts'
import { personNames } from '../people/people.read.ts'

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
  FROM activity_attendances at JOIN ${personNames} p ON p.id = at.person_id LEFT JOIN ${personNames} cb ON cb.id = at.confirmed_by`

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
      checked_out_at = EXCLUDED.checked_out_at, hours = EXCLUDED.hours, confirmed_by = EXCLUDED.confirmed_by, updated_at = EXCLUDED.updated_at
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
