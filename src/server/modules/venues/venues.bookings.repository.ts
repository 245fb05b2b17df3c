// SQL of room bookings: the clash query and the insert the exclusion constraint guards, the
// compare-and-swap state changes, the sweep, and the reads (lists, calendars, usage, feeds).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
const iso = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { unitRows, unitStaff } from '../units/units.read.ts'
import type { BookingState } from './venues.schemas.ts'

export interface BookingRow {
  id: string
  state: BookingState
  roomId: string
  roomName: string
  venueId: string
  venueName: string
  venueOrgId: string
  venueOrgPath: string
  venueUnitPersonIds: string[]
  start: string
  end: string
  purpose: string
  attendees: number | null
  bookerId: string
  bookerName: string
  bookerUnitId: string | null
  bookerUnitName: string | null
  bookerUnitPersonIds: string[]
  seriesId: string | null
  holdUntil: string | null
  decisionNote: string | null
  decidedAt: string | null
  checkedInAt: string | null
  createdAt: string
}

const bookingColumns = sql`b.id::text, b.state, b.room_id::text AS "roomId", r.name AS "roomName", v.id::text AS "venueId", v.name AS "venueName",
  v.org_id::text AS "venueOrgId", o.path::text AS "venueOrgPath",
  ARRAY(SELECT s.person_id::text FROM ${unitStaff} s WHERE s.unit_id = v.unit_id ORDER BY 1) AS "venueUnitPersonIds",
  ${iso(sql`b.start_at`)} AS start, ${iso(sql`b.end_at`)} AS "end", b.purpose, b.attendees, b.booker_id::text AS "bookerId", p.name AS "bookerName",
  b.booker_unit_id::text AS "bookerUnitId", u.name AS "bookerUnitName",
  ARRAY(SELECT s.person_id::text FROM ${unitStaff} s WHERE s.unit_id = b.booker_unit_id ORDER BY 1) AS "bookerUnitPersonIds",
  b.series_id::text AS "seriesId", ${iso(sql`b.hold_until`)} AS "holdUntil", b.decision_note AS "decisionNote", ${iso(sql`b.decided_at`)} AS "decidedAt",
  ${iso(sql`b.checked_in_at`)} AS "checkedInAt", ${iso(sql`b.created_at`)} AS "createdAt"`
const bookingFrom = sql`FROM room_bookings b JOIN venue_rooms r ON r.id = b.room_id JOIN venues v ON v.id = r.venue_id JOIN ${orgTree} o ON o.id = v.org_id
  JOIN ${personNames} p ON p.id = b.booker_id LEFT JOIN ${unitRows} u ON u.id = b.booker_unit_id`

export async function findBooking(ex: Executor, id: string, lock = false): Promise<BookingRow | undefined> {
  return firstRow<BookingRow>(ex, sql`SELECT ${bookingColumns} ${bookingFrom} WHERE b.id = ${id} ${lock ? sql`FOR UPDATE OF b` : sql``}`)
}

export async function findBookings(ex: Executor, ids: string[]): Promise<BookingRow[]> {
  if (!ids.length) return []
  return rows<BookingRow>(ex, sql`SELECT ${bookingColumns} ${bookingFrom} WHERE b.id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[]) ORDER BY b.start_at, b.id`)
}

const range = (start: string, end: string, before: number, after: number) =>
  sql`tstzrange(${start}::timestamptz - make_interval(mins => ${before}), ${end}::timestamptz + make_interval(mins => ${after}), '[)')`

/** Pending bookings of the room whose hold has run out stop holding it (the sweep does it for all rooms). */
export async function expireHolds(ex: Executor, at: Date, roomId?: string): Promise<number> {
  const found = await rows<{ id: string }>(ex, sql`UPDATE room_bookings SET state = 'expired', updated_at = now()
    WHERE state = 'pending' AND hold_until <= ${at.toISOString()}::timestamptz ${roomId ? sql`AND room_id = ${roomId}` : sql``} RETURNING id::text`)
  return found.length
}

/** The first booking that holds part of the slot (with the buffers of both). */
export async function clashOf(ex: Executor, roomId: string, slot: { start: string; end: string; before: number; after: number }) {
  return firstRow<{ start: string; end: string }>(ex, sql`SELECT ${iso(sql`start_at`)} AS start, ${iso(sql`end_at`)} AS "end" FROM room_bookings
    WHERE room_id = ${roomId} AND state IN ('pending','confirmed') AND blocked && ${range(slot.start, slot.end, slot.before, slot.after)}
    ORDER BY start_at LIMIT 1`)
}

export interface BookingInsert {
  roomId: string
  seriesId: string | null
  bookerId: string
  bookerUnitId: string | null
  start: string
  end: string
  before: number
  after: number
  purpose: string
  attendees: number | null
  state: 'pending' | 'confirmed'
  holdUntil: string | null
}

export async function insertBooking(ex: Executor, b: BookingInsert): Promise<string> {
  const [row] = await rows<{ id: string }>(ex, sql`INSERT INTO room_bookings (room_id, series_id, booker_id, booker_unit_id, start_at, end_at, blocked,
      purpose, attendees, state, hold_until)
    VALUES (${b.roomId}, ${b.seriesId}, ${b.bookerId}, ${b.bookerUnitId}, ${b.start}::timestamptz, ${b.end}::timestamptz, ${range(b.start, b.end, b.before, b.after)},
      ${b.purpose}, ${b.attendees}, ${b.state}, ${b.holdUntil}::timestamptz) RETURNING id::text`)
  return row!.id
}

export async function insertSeries(ex: Executor, s: { roomId: string; rrule: string; onConflict: string; createdBy: string }): Promise<string> {
  const [row] = await rows<{ id: string }>(ex, sql`INSERT INTO booking_series (room_id, rrule, on_conflict, created_by)
    VALUES (${s.roomId}, ${s.rrule}, ${s.onConflict}, ${s.createdBy}) RETURNING id::text`)
  return row!.id
}

/** Hours the booker (a unit, else the person) holds in the room per Beijing month, among the months given. */
export async function hoursByMonth(ex: Executor, roomId: string, booker: { personId: string; unitId: string | null }, months: string[]): Promise<Map<string, number>> {
  const who = booker.unitId ? sql`booker_unit_id = ${booker.unitId}` : sql`booker_id = ${booker.personId} AND booker_unit_id IS NULL`
  const found = await rows<{ month: string; hours: number }>(ex, sql`SELECT to_char(start_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
      sum(extract(epoch FROM end_at - start_at) / 3600)::float8 AS hours
    FROM room_bookings WHERE room_id = ${roomId} AND ${who} AND state IN ('pending','confirmed')
      AND to_char(start_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ANY(string_to_array(${months.join(',')}, ','))
    GROUP BY 1`)
  return new Map(found.map((r) => [r.month, r.hours]))
}

/** Serialises the quota check of one booker in one room (two requests at once cannot both fit). */
export async function lockBooker(ex: Executor, roomId: string, bookerKey: string): Promise<void> {
  await ex.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`linli.booking:${roomId}:${bookerKey}`}))`)
}

/** Compare-and-swap of a booking's state: changes it only from one of `from`; the rows changed. */
export async function setState(ex: Executor, id: string, from: BookingState[], to: BookingState, extra: SQL = sql``): Promise<boolean> {
  const found = await rows<{ id: string }>(ex, sql`UPDATE room_bookings SET state = ${to}, updated_at = now() ${extra}
    WHERE id = ${id} AND state = ANY(string_to_array(${from.join(',')}, ',')) RETURNING id::text`)
  return found.length > 0
}

export async function checkIn(ex: Executor, id: string): Promise<boolean> {
  const found = await rows<{ id: string }>(ex, sql`UPDATE room_bookings SET checked_in_at = now(), updated_at = now()
    WHERE id = ${id} AND state = 'confirmed' AND checked_in_at IS NULL RETURNING id::text`)
  return found.length > 0
}

/** Confirmed bookings nobody checked in to by 30 minutes after the start (or the end, if sooner). */
export async function markNoShows(ex: Executor, at: Date): Promise<number> {
  // The arithmetic is on the parameter's side: Citus refuses `start_at + interval` (a STABLE
  // operator on a column) in an UPDATE. least(start + 30 min, end) <= at, term by term.
  const startedBy = new Date(at.getTime() - 30 * 60_000)
  const found = await rows<{ id: string }>(ex, sql`UPDATE room_bookings SET state = 'no_show', updated_at = now()
    WHERE state = 'confirmed' AND checked_in_at IS NULL
      AND (start_at <= ${startedBy.toISOString()}::timestamptz OR end_at <= ${at.toISOString()}::timestamptz) RETURNING id::text`)
  return found.length
}

/** The people told about a venue's bookings: cadres on its node and the people of its unit. */
export async function venueManagers(ex: Executor, venueId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(ex, sql`SELECT DISTINCT cr.person_id::text AS id FROM venues v JOIN ${currentRoles} cr ON cr.org_id = v.org_id
      WHERE v.id = ${venueId} AND cr.role IN ('community_cadre','street_admin','district_admin')
    UNION SELECT s.person_id::text FROM venues v JOIN ${unitStaff} s ON s.unit_id = v.unit_id WHERE v.id = ${venueId}`)
  return found.map((r) => r.id)
}

export interface BookingSearch {
  personId: string
  view: 'mine' | 'manage'
  /** Manage view: the org paths where the caller is a cadre (or above). */
  scopes: string
  venueId?: string
  roomId?: string
  state?: string
  from?: string
  to?: string
  after?: { start: string; id: string }
  limit: number
}

function searchWhere(q: Omit<BookingSearch, 'after' | 'limit'>): SQL {
  const where: SQL[] = []
  if (q.view === 'mine') {
    where.push(sql`(b.booker_id = ${q.personId} OR b.booker_unit_id IN (SELECT s.unit_id FROM ${unitStaff} s WHERE s.person_id = ${q.personId}))`)
  } else {
    where.push(sql`(o.path <@ string_to_array(${q.scopes}, ',')::ltree[] OR v.unit_id IN (SELECT s.unit_id FROM ${unitStaff} s WHERE s.person_id = ${q.personId}))`)
  }
  if (q.venueId) where.push(sql`v.id = ${q.venueId}`)
  if (q.roomId) where.push(sql`b.room_id = ${q.roomId}`)
  if (q.state) where.push(sql`b.state = ${q.state}`)
  // A pending booking whose hold ran out is expired, whether or not the sweep has marked it yet.
  if (q.state === 'pending') where.push(sql`b.hold_until > now()`)
  if (q.from) where.push(sql`b.end_at > ${q.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai'`)
  if (q.to) where.push(sql`b.start_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`)
  return sql.join(where, sql` AND `)
}

export async function searchBookings(ex: Executor, q: BookingSearch): Promise<BookingRow[]> {
  const after = q.after ? sql` AND (b.start_at, b.id) > (${q.after.start}::timestamptz, ${q.after.id}::bigint)` : sql``
  return rows<BookingRow>(ex, sql`SELECT ${bookingColumns} ${bookingFrom} WHERE ${searchWhere(q)}${after} ORDER BY b.start_at, b.id LIMIT ${q.limit + 1}`)
}

export async function countBookings(ex: Executor, q: Omit<BookingSearch, 'after' | 'limit'>): Promise<number> {
  return (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n ${bookingFrom} WHERE ${searchWhere(q)}`))!.n
}

/** A venue's (or a room's) bookings that overlap [from, to), pending and confirmed and no-shows, in time order. */
export async function bookingsBetween(ex: Executor, by: { venueId?: string; roomId?: string }, from: string, to: string, states: BookingState[]): Promise<BookingRow[]> {
  const where = by.roomId ? sql`b.room_id = ${by.roomId}` : sql`v.id = ${by.venueId!}`
  return rows<BookingRow>(ex, sql`SELECT ${bookingColumns} ${bookingFrom} WHERE ${where}
    AND b.state = ANY(string_to_array(${states.join(',')}, ',')) AND b.end_at > ${from}::timestamptz AND b.start_at < ${to}::timestamptz
    ORDER BY b.start_at, b.id LIMIT 5000`)
}

/** A person's bookings (their own and their units'), for their calendar feed. */
export async function bookingsOfPerson(ex: Executor, personId: string, since: string): Promise<BookingRow[]> {
  return rows<BookingRow>(ex, sql`SELECT ${bookingColumns} ${bookingFrom}
    WHERE ${searchWhere({ personId, view: 'mine', scopes: '' })} AND b.state IN ('pending','confirmed') AND b.end_at > ${since}::timestamptz
    ORDER BY b.start_at, b.id LIMIT 2000`)
}
