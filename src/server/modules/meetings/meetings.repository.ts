// SQL of meetings: the meeting with its room (read through venues' relations), the agenda,
// parties, invitees with their attendance, minutes with approvals, decisions, and the lists (a
// subtree's month, a person's own). No HTTP, no permission logic.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'
import { bookingSlots, roomNames, venueNames } from '../venues/venues.read.ts'
import type { MeetingKind, MeetingState, PartyKind, InviteeRole } from './meetings.kinds.ts'
import { attachmentRows } from '../files/files.read.ts'
import { topicTitles } from '../deliberation/deliberation.read.ts'

export const iso = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

export interface MeetingRow {
  id: string
  orgId: string
  orgName: string
  orgPath: string
  kind: MeetingKind
  title: string
  description: string | null
  state: MeetingState
  startsAt: string
  endsAt: string
  place: string | null
  roomId: string | null
  roomName: string | null
  venueId: string | null
  venueName: string | null
  bookingId: string | null
  bookingState: string | null
  quorumCount: number | null
  quorumShare: number | null
  openRegistration: boolean
  checkinSecret: string
  createdBy: string
  createdByName: string
  openedAt: string | null
  heldAt: string | null
  minutesApprovedAt: string | null
  cancelledAt: string | null
  cancelReason: string | null
  activityId: string | null
  wishId: string | null
  photoIds: string[]
  photos: { id: string; url: string; thumbUrl: string }[]
  /** Invited, counting towards quorum (observers left out). */
  invited: number
  present: number
  absent: number
}

const columns = sql`m.id::text, m.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", m.kind, m.title, m.description, m.state,
  ${iso(sql`m.starts_at`)} AS "startsAt", ${iso(sql`m.ends_at`)} AS "endsAt", m.place, m.room_id::text AS "roomId", r.name AS "roomName",
  v.id::text AS "venueId", v.name AS "venueName", m.booking_id::text AS "bookingId", b.state AS "bookingState",
  m.quorum_count AS "quorumCount", m.quorum_share::float8 AS "quorumShare", m.open_registration AS "openRegistration", m.checkin_secret AS "checkinSecret",
  m.created_by::text AS "createdBy", cp.name AS "createdByName", ${iso(sql`m.opened_at`)} AS "openedAt", ${iso(sql`m.held_at`)} AS "heldAt",
  ${iso(sql`m.minutes_approved_at`)} AS "minutesApprovedAt", ${iso(sql`m.cancelled_at`)} AS "cancelledAt", m.cancel_reason AS "cancelReason",
  m.activity_id::text AS "activityId", m.wish_id::text AS "wishId", m.photo_ids::text[] AS "photoIds",
  coalesce((SELECT json_agg(json_build_object('id', ph.id::text, 'url', '/api/v1/files/' || ph.sha256, 'thumbUrl', '/api/v1/files/' || ph.sha256 || '?size=thumb')
    ORDER BY array_position(m.photo_ids, ph.id)) FROM ${attachmentRows} ph WHERE ph.id = ANY(m.photo_ids)), '[]'::json) AS photos,
  (SELECT count(*)::int FROM meeting_invitees i WHERE i.meeting_id = m.id AND i.role <> 'observer') AS invited,
  (SELECT count(*)::int FROM meeting_attendance a JOIN meeting_invitees i ON i.meeting_id = a.meeting_id AND i.person_id = a.person_id
    WHERE a.meeting_id = m.id AND a.present AND i.role <> 'observer') AS present,
  (SELECT count(*)::int FROM meeting_attendance a WHERE a.meeting_id = m.id AND NOT a.present) AS absent`
const from = sql`FROM meetings m JOIN ${orgTree} o ON o.id = m.org_id JOIN ${personNames} cp ON cp.id = m.created_by
  LEFT JOIN ${roomNames} r ON r.id = m.room_id LEFT JOIN ${venueNames} v ON v.id = r.venue_id LEFT JOIN ${bookingSlots} b ON b.id = m.booking_id`

export async function findMeeting(ex: Executor, id: string, lock = false): Promise<MeetingRow | undefined> {
  return firstRow<MeetingRow>(ex, sql`SELECT ${columns} ${from} WHERE m.id = ${id} ${lock ? sql`FOR UPDATE OF m` : sql``}`)
}

export interface MeetingInsert {
  orgId: string; kind: MeetingKind; title: string; description: string | null; startsAt: string; endsAt: string
  roomId: string | null; place: string | null; quorumCount: number | null; quorumShare: number | null; openRegistration: boolean; createdBy: string
  activityId?: string | null; wishId?: string | null
}

export async function insertMeeting(tx: Executor, m: MeetingInsert): Promise<string> {
  const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO meetings (org_id, kind, title, description, starts_at, ends_at, room_id, place, quorum_count, quorum_share, open_registration, created_by, activity_id, wish_id)
    VALUES (${m.orgId}, ${m.kind}, ${m.title}, ${m.description}, ${m.startsAt}::timestamptz, ${m.endsAt}::timestamptz, ${m.roomId}, ${m.place}, ${m.quorumCount}, ${m.quorumShare}, ${m.openRegistration}, ${m.createdBy},
      ${m.activityId ?? null}, ${m.wishId ?? null})
    RETURNING id::text`)
  return row!.id
}

/** Sets columns (snake_case names from the service's fixed list) of a meeting. */
export async function updateMeeting(tx: Executor, id: string, set: SQL[]): Promise<void> {
  if (set.length === 0) return
  await tx.execute(sql`UPDATE meetings SET ${sql.join(set, sql`, `)}, updated_at = now() WHERE id = ${id}`)
}

/** Compare-and-swap on the state; false when the meeting was not in one of `from`. */
export async function setState(tx: Executor, id: string, from: MeetingState[], to: MeetingState, extra: SQL = sql``): Promise<boolean> {
  const done = await rows<{ id: string }>(tx, sql`UPDATE meetings SET state = ${to}, updated_at = now() ${extra}
    WHERE id = ${id} AND state = ANY(string_to_array(${from.join(',')}, ',')) RETURNING id::text`)
  return done.length === 1
}

/** The meetings of a list of ids in one statement, in id order (a sweep's batch, not one query each). */
async function meetingsById(tx: Executor, ids: { id: string }[]): Promise<MeetingRow[]> {
  if (ids.length === 0) return []
  return rows<MeetingRow>(tx, sql`SELECT ${columns} ${from}
    WHERE m.id = ANY(string_to_array(${ids.map((r) => r.id).join(',')}, ',')::bigint[]) ORDER BY m.id`)
}

/** Open meetings that ended before `endedBefore` with someone present become held; answers how many. */
export async function closeForgotten(tx: Executor, endedBefore: string): Promise<number> {
  const done = await rows<{ id: string }>(tx, sql`UPDATE meetings m SET state = 'held', held_at = now(), updated_at = now()
    WHERE m.state = 'open' AND m.ends_at < ${endedBefore}::timestamptz
      AND EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.present) RETURNING m.id::text`)
  return done.length
}

/** Planned meetings starting in (from, to] not yet reminded: stamped and answered (the sweep tells their invited). */
export async function takeDueReminders(tx: Executor, from: string, to: string): Promise<MeetingRow[]> {
  const ids = await rows<{ id: string }>(tx, sql`UPDATE meetings SET reminded_at = now() WHERE state = 'planned' AND reminded_at IS NULL
    AND starts_at > ${from}::timestamptz AND starts_at <= ${to}::timestamptz RETURNING id::text`)
  return meetingsById(tx, ids)
}

/** Planned or open meetings whose room booking was rejected, cancelled by the venue or expired, not yet told: stamped and answered. */
export async function takeLostBookings(tx: Executor): Promise<MeetingRow[]> {
  const ids = await rows<{ id: string }>(tx, sql`UPDATE meetings m SET booking_lost_noticed_at = now()
    FROM ${bookingSlots} b WHERE b.id = m.booking_id AND m.state IN ('planned', 'open') AND m.booking_lost_noticed_at IS NULL
      AND b.state IN ('rejected', 'cancelled', 'expired') RETURNING m.id::text`)
  return meetingsById(tx, ids)
}

export async function replaceAgenda(tx: Executor, meetingId: string, items: { text: string; topicId?: string }[]): Promise<void> {
  await tx.execute(sql`DELETE FROM meeting_agenda_items WHERE meeting_id = ${meetingId}`)
  for (const [i, item] of items.entries()) {
    await tx.execute(sql`INSERT INTO meeting_agenda_items (meeting_id, position, text, topic_id) VALUES (${meetingId}, ${i + 1}, ${item.text}, ${item.topicId ?? null})`)
  }
}

/** The agenda with each linked topic's title (the console shows and picks topics by title). */
export async function agendaOf(ex: Executor, meetingId: string) {
  return rows<{ id: string; position: number; text: string; topicId: string | null; topicTitle: string | null }>(ex, sql`SELECT a.id::text, a.position, a.text,
    a.topic_id::text AS "topicId", tt.title AS "topicTitle"
    FROM meeting_agenda_items a LEFT JOIN ${topicTitles} tt ON tt.id = a.topic_id WHERE a.meeting_id = ${meetingId} ORDER BY a.position`)
}

export async function insertParty(tx: Executor, meetingId: string, p: { kind: PartyKind; name: string; unitId: string | null }): Promise<string> {
  const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO meeting_parties (meeting_id, kind, name, unit_id) VALUES (${meetingId}, ${p.kind}, ${p.name}, ${p.unitId})
    ON CONFLICT (meeting_id, kind, name) DO UPDATE SET unit_id = coalesce(EXCLUDED.unit_id, meeting_parties.unit_id) RETURNING id::text`)
  return row!.id
}

export async function partiesOf(ex: Executor, meetingId: string) {
  return rows<{ id: string; kind: PartyKind; name: string; unitId: string | null; unitName: string | null; representatives: number }>(ex, sql`SELECT p.id::text, p.kind, p.name,
      p.unit_id::text AS "unitId", u.name AS "unitName", (SELECT count(*)::int FROM meeting_invitees i WHERE i.party_id = p.id) AS representatives
    FROM meeting_parties p LEFT JOIN ${unitRows} u ON u.id = p.unit_id WHERE p.meeting_id = ${meetingId} ORDER BY p.id`)
}

export async function findParty(ex: Executor, meetingId: string, partyId: string) {
  return firstRow<{ id: string; unitId: string | null }>(ex, sql`SELECT id::text, unit_id::text AS "unitId" FROM meeting_parties WHERE id = ${partyId} AND meeting_id = ${meetingId}`)
}

export async function deleteParty(tx: Executor, meetingId: string, partyId: string): Promise<void> {
  await tx.execute(sql`DELETE FROM meeting_invitees i WHERE i.party_id = ${partyId} AND i.meeting_id = ${meetingId}
    AND NOT EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = i.meeting_id AND a.person_id = i.person_id)`)
  await tx.execute(sql`UPDATE meeting_invitees SET party_id = NULL WHERE party_id = ${partyId}`)
  await tx.execute(sql`DELETE FROM meeting_parties WHERE id = ${partyId} AND meeting_id = ${meetingId}`)
}

/** Invites people (those already invited keep their row; a new role or party is taken); answers the newly invited. */
export async function invite(tx: Executor, meetingId: string, personIds: string[], o: { role: InviteeRole; partyId: string | null; invitedBy: string | null; registered: boolean }): Promise<string[]> {
  if (personIds.length === 0) return []
  const made = await rows<{ personId: string; fresh: boolean }>(tx, sql`INSERT INTO meeting_invitees (meeting_id, person_id, role, party_id, invited_by, registered_at)
    SELECT ${meetingId}, unnest(string_to_array(${personIds.join(',')}, ',')::bigint[]), ${o.role}, ${o.partyId}, ${o.invitedBy}, ${o.registered ? sql`now()` : sql`NULL`}
    ON CONFLICT (meeting_id, person_id) DO UPDATE SET role = EXCLUDED.role, party_id = coalesce(EXCLUDED.party_id, meeting_invitees.party_id)
    RETURNING person_id::text AS "personId", (xmax = 0) AS fresh`)
  return made.filter((r) => r.fresh).map((r) => r.personId)
}

export interface InviteeRow {
  personId: string; name: string; role: InviteeRole; partyId: string | null; invitedAt: string; invitedBy: string | null
  registeredAt: string | null; declinedAt: string | null
  present: boolean | null; how: 'qr' | 'by_hand' | null; checkedInAt: string | null; absenceReason: string | null
}

export async function inviteesOf(ex: Executor, meetingId: string): Promise<InviteeRow[]> {
  return rows<InviteeRow>(ex, sql`SELECT i.person_id::text AS "personId", p.name, i.role, i.party_id::text AS "partyId", ${iso(sql`i.invited_at`)} AS "invitedAt",
      i.invited_by::text AS "invitedBy", ${iso(sql`i.registered_at`)} AS "registeredAt", ${iso(sql`i.declined_at`)} AS "declinedAt",
      a.present, a.how, ${iso(sql`a.checked_in_at`)} AS "checkedInAt", a.absence_reason AS "absenceReason"
    FROM meeting_invitees i JOIN ${personNames} p ON p.id = i.person_id
    LEFT JOIN meeting_attendance a ON a.meeting_id = i.meeting_id AND a.person_id = i.person_id
    WHERE i.meeting_id = ${meetingId}
    ORDER BY array_position(ARRAY['chair','secretary','attendee','observer'], i.role), i.party_id NULLS LAST, i.id`)
}

export async function findInvitee(ex: Executor, meetingId: string, personId: string) {
  return firstRow<{ role: InviteeRole; present: boolean | null; name: string }>(ex, sql`SELECT i.role, a.present, p.name FROM meeting_invitees i
    JOIN ${personNames} p ON p.id = i.person_id
    LEFT JOIN meeting_attendance a ON a.meeting_id = i.meeting_id AND a.person_id = i.person_id WHERE i.meeting_id = ${meetingId} AND i.person_id = ${personId}`)
}

export async function removeInvitee(tx: Executor, meetingId: string, personId: string): Promise<void> {
  await tx.execute(sql`DELETE FROM meeting_attendance WHERE meeting_id = ${meetingId} AND person_id = ${personId}`)
  await tx.execute(sql`DELETE FROM meeting_invitees WHERE meeting_id = ${meetingId} AND person_id = ${personId}`)
}

export async function reply(tx: Executor, meetingId: string, personId: string, attending: boolean): Promise<void> {
  await tx.execute(sql`UPDATE meeting_invitees SET registered_at = ${attending ? sql`now()` : sql`NULL`}, declined_at = ${attending ? sql`NULL` : sql`now()`}
    WHERE meeting_id = ${meetingId} AND person_id = ${personId}`)
}

export async function saveAttendance(tx: Executor, meetingId: string, a: { personId: string; present: boolean; how: 'qr' | 'by_hand' | null; absenceReason: string | null; recordedBy: string | null; at: string }): Promise<void> {
  await tx.execute(sql`INSERT INTO meeting_attendance (meeting_id, person_id, present, how, checked_in_at, absence_reason, recorded_by)
    VALUES (${meetingId}, ${a.personId}, ${a.present}, ${a.how}, ${a.present ? sql`${a.at}::timestamptz` : sql`NULL`}, ${a.absenceReason}, ${a.recordedBy})
    ON CONFLICT (meeting_id, person_id) DO UPDATE SET present = EXCLUDED.present, how = EXCLUDED.how,
      checked_in_at = CASE WHEN EXCLUDED.present THEN coalesce(meeting_attendance.checked_in_at, EXCLUDED.checked_in_at) END,
      absence_reason = EXCLUDED.absence_reason, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at`)
}

/** Those present (observers included: they were there). */
export async function presentIds(ex: Executor, meetingId: string): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT person_id::text AS id FROM meeting_attendance WHERE meeting_id = ${meetingId} AND present ORDER BY 1`)).map((r) => r.id)
}

export async function inviteeIds(ex: Executor, meetingId: string, repliedNo = true): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT person_id::text AS id FROM meeting_invitees WHERE meeting_id = ${meetingId} ${repliedNo ? sql`` : sql`AND declined_at IS NULL`} ORDER BY 1`)).map((r) => r.id)
}

export interface MinutesRow {
  id: string; version: number; body: string; state: 'pending' | 'approved' | 'superseded'; draftedBy: string; draftedByName: string; draftedAt: string; approvedAt: string | null
  approvals: { personId: string; name: string; verdict: 'approve' | 'object'; note: string | null; at: string }[]
}

export async function minutesOf(ex: Executor, meetingId: string): Promise<MinutesRow[]> {
  return rows<MinutesRow>(ex, sql`SELECT n.id::text, n.version, n.body, n.state, n.drafted_by::text AS "draftedBy", p.name AS "draftedByName",
      ${iso(sql`n.drafted_at`)} AS "draftedAt", ${iso(sql`n.approved_at`)} AS "approvedAt",
      coalesce((SELECT json_agg(json_build_object('personId', v.person_id::text, 'name', vp.name, 'verdict', v.verdict, 'note', v.note, 'at', ${iso(sql`v.at`)}) ORDER BY v.at)
        FROM meeting_minutes_approvals v JOIN ${personNames} vp ON vp.id = v.person_id WHERE v.minutes_id = n.id), '[]'::json) AS approvals
    FROM meeting_minutes n JOIN ${personNames} p ON p.id = n.drafted_by WHERE n.meeting_id = ${meetingId} ORDER BY n.version DESC`)
}

/** A new version supersedes the pending one. */
export async function draftMinutes(tx: Executor, meetingId: string, body: string, by: string): Promise<number> {
  await tx.execute(sql`UPDATE meeting_minutes SET state = 'superseded' WHERE meeting_id = ${meetingId} AND state = 'pending'`)
  const [row] = await rows<{ version: number }>(tx, sql`INSERT INTO meeting_minutes (meeting_id, version, body, drafted_by)
    SELECT ${meetingId}, coalesce(max(version), 0) + 1, ${body}, ${by} FROM meeting_minutes WHERE meeting_id = ${meetingId} RETURNING version`)
  return row!.version
}

export async function findMinutes(ex: Executor, meetingId: string, version: number, lock = false) {
  return firstRow<{ id: string; state: 'pending' | 'approved' | 'superseded' }>(ex, sql`SELECT id::text, state FROM meeting_minutes
    WHERE meeting_id = ${meetingId} AND version = ${version} ${lock ? sql`FOR UPDATE` : sql``}`)
}

export async function saveVerdict(tx: Executor, minutesId: string, personId: string, verdict: 'approve' | 'object', note: string | null): Promise<void> {
  await tx.execute(sql`INSERT INTO meeting_minutes_approvals (minutes_id, person_id, verdict, note) VALUES (${minutesId}, ${personId}, ${verdict}, ${note})
    ON CONFLICT (minutes_id, person_id) DO UPDATE SET verdict = EXCLUDED.verdict, note = EXCLUDED.note, at = EXCLUDED.at`)
}

/** Approvals of those present, observers aside (a verdict of someone later marked absent no longer counts). */
export async function approvalsOfPresent(ex: Executor, meetingId: string, minutesId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM meeting_minutes_approvals v
    JOIN meeting_attendance a ON a.person_id = v.person_id AND a.meeting_id = ${meetingId} AND a.present
    JOIN meeting_invitees i ON i.person_id = v.person_id AND i.meeting_id = ${meetingId} AND i.role <> 'observer'
    WHERE v.minutes_id = ${minutesId} AND v.verdict = 'approve'`)
  return row!.n
}

export async function approveMinutes(tx: Executor, minutesId: string): Promise<void> {
  await tx.execute(sql`UPDATE meeting_minutes SET state = 'approved', approved_at = now() WHERE id = ${minutesId}`)
}

export async function decisionsOf(ex: Executor, meetingId: string) {
  return rows<{ id: string; position: number; text: string; topicId: string | null; createdAt: string }>(ex, sql`SELECT id::text, position, text,
      topic_id::text AS "topicId", ${iso(sql`created_at`)} AS "createdAt" FROM meeting_decisions WHERE meeting_id = ${meetingId} ORDER BY position`)
}

export async function insertDecision(tx: Executor, meetingId: string, d: { text: string; topicId: string | null; createdBy: string }): Promise<string> {
  const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO meeting_decisions (meeting_id, position, text, topic_id, created_by)
    SELECT ${meetingId}, coalesce(max(position), 0) + 1, ${d.text}, ${d.topicId}, ${d.createdBy} FROM meeting_decisions WHERE meeting_id = ${meetingId} RETURNING id::text`)
  return row!.id
}

export async function deleteDecision(tx: Executor, meetingId: string, decisionId: string): Promise<boolean> {
  return (await rows(tx, sql`DELETE FROM meeting_decisions WHERE id = ${decisionId} AND meeting_id = ${meetingId} RETURNING id`)).length === 1
}

export interface SearchQuery {
  /** ltree paths the meetings' nodes must lie under ("1.2,1.5"). */
  scopes: string
  from: string | null
  to: string | null
  kind?: string
  state?: string
  topicId?: string
  after?: { start: string; id: string }
  limit: number
}

export async function searchMeetings(ex: Executor, q: SearchQuery): Promise<MeetingRow[]> {
  const where: SQL[] = [sql`o.path <@ string_to_array(${q.scopes}, ',')::ltree[]`]
  if (q.from) where.push(sql`m.starts_at >= ${q.from}::timestamptz`)
  if (q.to) where.push(sql`m.starts_at < ${q.to}::timestamptz`)
  if (q.kind) where.push(sql`m.kind = ${q.kind}`)
  if (q.state) where.push(sql`m.state = ${q.state}`)
  if (q.topicId) {
    where.push(sql`(EXISTS (SELECT 1 FROM meeting_agenda_items ai WHERE ai.meeting_id = m.id AND ai.topic_id = ${q.topicId})
      OR EXISTS (SELECT 1 FROM meeting_decisions di WHERE di.meeting_id = m.id AND di.topic_id = ${q.topicId}))`)
  }
  if (q.after) where.push(sql`(m.starts_at, m.id) > (${q.after.start}::timestamptz, ${q.after.id}::bigint)`)
  return rows<MeetingRow>(ex, sql`SELECT ${columns} ${from} WHERE ${sql.join(where, sql` AND `)} ORDER BY m.starts_at, m.id LIMIT ${q.limit + 1}`)
}

export type MyMeetingRow = MeetingRow & { invitedMe: boolean; registered: boolean; declined: boolean; presentMe: boolean }

/** A person's meetings: invited to, or open to registration at a node they belong to (role paths). */
export async function myMeetings(ex: Executor, q: { personId: string; rolePaths: string; past: boolean; after?: { start: string; id: string }; limit: number }): Promise<MyMeetingRow[]> {
  const belongs = sql`(o.path @> ANY(string_to_array(${q.rolePaths}, ',')::ltree[]) OR o.path <@ ANY(string_to_array(${q.rolePaths}, ',')::ltree[]))`
  const order = q.past ? sql`DESC` : sql`ASC`
  const cmp = q.past ? sql`<` : sql`>`
  return rows<MyMeetingRow>(ex, sql`SELECT ${columns}, me.person_id IS NOT NULL AS "invitedMe", me.registered_at IS NOT NULL AS registered,
      me.declined_at IS NOT NULL AS declined, coalesce(ma.present, false) AS "presentMe"
    ${from}
    LEFT JOIN meeting_invitees me ON me.meeting_id = m.id AND me.person_id = ${q.personId}
    LEFT JOIN meeting_attendance ma ON ma.meeting_id = m.id AND ma.person_id = ${q.personId}
    WHERE (me.person_id IS NOT NULL OR (m.open_registration AND m.state <> 'cancelled' AND ${q.rolePaths} <> '' AND ${belongs}))
      AND ${q.past ? sql`m.ends_at < now()` : sql`m.ends_at >= now()`}
      ${q.after ? sql`AND (m.starts_at, m.id) ${cmp} (${q.after.start}::timestamptz, ${q.after.id}::bigint)` : sql``}
    ORDER BY m.starts_at ${order}, m.id ${order} LIMIT ${q.limit + 1}`)
}
