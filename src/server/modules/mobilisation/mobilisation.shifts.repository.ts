// The SQL of shifts and sign-ups. Exactly `needed` people hold a shift under any concurrency: a
// sign-up locks the shift's row (FOR UPDATE), counts who holds it, and writes only while seats
// are left; the partial unique index keeps one person from holding a shift twice.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { personNames } from '../people/people.read.ts'

export async function insertShifts(ex: Executor, postId: string, shifts: { startsAt: string; endsAt: string; needed: number }[]) {
  if (!shifts.length) return []
  const found = await rows<{ id: string }>(ex, sql`INSERT INTO emergency_shifts (post_id, starts_at, ends_at, needed)
    SELECT ${postId}, s.starts_at, s.ends_at, s.needed FROM json_to_recordset(${JSON.stringify(shifts.map((s) => ({ starts_at: s.startsAt, ends_at: s.endsAt, needed: s.needed })))}::json)
      AS s(starts_at timestamptz, ends_at timestamptz, needed smallint) RETURNING id::text`)
  return found.map((r) => r.id)
}

export interface ShiftRow {
  id: string; postId: string; startsAt: string; endsAt: string; needed: number; held: number
  people: { signupId: string; id: string; name: string; source: 'self' | 'assigned'; checkedInAt: string | null }[]
}

export const shiftsWhere = (ex: Executor, where: SQL) => rows<ShiftRow>(ex, sql`SELECT s.id::text, s.post_id::text AS "postId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.needed,
    (SELECT count(*)::int FROM shift_signups g WHERE g.shift_id = s.id AND g.cancelled_at IS NULL) AS held,
    coalesce((SELECT json_agg(json_build_object('signupId', g.id::text, 'id', g.person_id::text, 'name', p.name, 'source', g.source, 'checkedInAt', g.checked_in_at) ORDER BY g.id)
      FROM shift_signups g JOIN ${personNames} p ON p.id = g.person_id WHERE g.shift_id = s.id AND g.cancelled_at IS NULL), '[]'::json) AS people
  FROM emergency_shifts s WHERE ${where} ORDER BY s.starts_at, s.id`)

/**
 * Locks the shift and answers how many hold it, how many it needs, whether it is over, and whether
 * the person holds it. The lock is its own statement: a count in the same statement would read the
 * snapshot taken before the lock was granted, and miss the sign-ups committed while it waited.
 */
export async function lockShift(ex: Executor, shiftId: string, personId: string) {
  await ex.execute(sql`SELECT id FROM emergency_shifts WHERE id = ${shiftId} FOR UPDATE`)
  return firstRow<{ needed: number; held: number; over: boolean; mine: boolean; emergencyId: string; postName: string }>(ex, sql`
    SELECT s.needed, (SELECT count(*)::int FROM shift_signups g WHERE g.shift_id = s.id AND g.cancelled_at IS NULL) AS held,
      s.ends_at <= now() AS over, p.emergency_id::text AS "emergencyId", p.name AS "postName",
      EXISTS (SELECT 1 FROM shift_signups g WHERE g.shift_id = s.id AND g.person_id = ${personId} AND g.cancelled_at IS NULL) AS mine
    FROM emergency_shifts s JOIN emergency_posts p ON p.id = s.post_id WHERE s.id = ${shiftId}`)
}

export async function insertSignup(ex: Executor, v: { shiftId: string; personId: string; source: 'self' | 'assigned'; assignedBy: string | null }) {
  const row = await firstRow<{ id: string }>(ex, sql`INSERT INTO shift_signups (shift_id, person_id, source, assigned_by)
    VALUES (${v.shiftId}, ${v.personId}, ${v.source}, ${v.assignedBy}) RETURNING id::text`)
  return row!.id
}

export interface SignupRow { id: string; shiftId: string; personId: string; cancelledAt: string | null; checkedInAt: string | null; startsAt: string; endsAt: string; postId: string; lng: number; lat: number; radiusM: number; checkinSecret: string; orgPath?: string }

export const findSignup = (ex: Executor, id: string) => firstRow<SignupRow>(ex, sql`SELECT g.id::text, g.shift_id::text AS "shiftId", g.person_id::text AS "personId",
    g.cancelled_at AS "cancelledAt", g.checked_in_at AS "checkedInAt", s.starts_at AS "startsAt", s.ends_at AS "endsAt", p.id::text AS "postId",
    ST_X(p.location) AS lng, ST_Y(p.location) AS lat, p.radius_m AS "radiusM", p.checkin_secret AS "checkinSecret"
  FROM shift_signups g JOIN emergency_shifts s ON s.id = g.shift_id JOIN emergency_posts p ON p.id = s.post_id WHERE g.id = ${id}`)

export const cancelSignup = (ex: Executor, id: string) => ex.execute(sql`UPDATE shift_signups SET cancelled_at = now(), updated_at = now() WHERE id = ${id} AND cancelled_at IS NULL`)

export const checkIn = (ex: Executor, id: string, method: 'qr' | 'position' | 'manual') =>
  firstRow<{ at: string }>(ex, sql`UPDATE shift_signups SET checked_in_at = now(), checkin_method = ${method}, updated_at = now()
    WHERE id = ${id} AND checked_in_at IS NULL AND cancelled_at IS NULL RETURNING checked_in_at AS at`)

/** Metres on the sphere between a post and a point. */
export const distanceTo = async (ex: Executor, postId: string, lng: number, lat: number) =>
  (await firstRow<{ m: number }>(ex, sql`SELECT ST_DistanceSphere(location, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326))::float8 AS m FROM emergency_posts WHERE id = ${postId}`))!.m

/** A person's shifts in emergencies, newest first (the phone's "my duties"). */
export const dutiesOf = (ex: Executor, personId: string, emergencyId: string | null) => rows<{
  signupId: string; emergency: { id: string; name: string }; post: { id: string; name: string; kind: string; lng: number; lat: number }; startsAt: string; endsAt: string; checkedInAt: string | null; ended: boolean
}>(ex, sql`SELECT g.id::text AS "signupId", json_build_object('id', e.id::text, 'name', e.name) AS emergency,
    json_build_object('id', p.id::text, 'name', p.name, 'kind', p.kind, 'lng', ST_X(p.location), 'lat', ST_Y(p.location)) AS post,
    s.starts_at AS "startsAt", s.ends_at AS "endsAt", g.checked_in_at AS "checkedInAt", (e.ended_at IS NOT NULL OR s.ends_at <= now()) AS ended
  FROM shift_signups g JOIN emergency_shifts s ON s.id = g.shift_id JOIN emergency_posts p ON p.id = s.post_id JOIN emergencies e ON e.id = p.emergency_id
  WHERE g.person_id = ${personId} AND g.cancelled_at IS NULL ${emergencyId ? sql`AND e.id = ${emergencyId}` : sql``}
  ORDER BY s.starts_at DESC LIMIT 200`)
