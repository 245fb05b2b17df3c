// Meetings (议事厅, 圆桌会, 理事会, 五位一体; later the Party's 三会一课 through the same tables): a
// meeting of an org node with its agenda (items may name a deliberation topic), the named parties
// invited and the people who represent them, registration, attendance by the rotating QR code or
// by hand with reasons for absence, minutes in versions approved by those present, and decisions
// linked to topics. The room is a booking of the venues module (`booking_id`), made and cancelled
// in the meeting's own transactions.
import { bigint, check, index, integer, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'
import { roomBookings, venueRooms } from '../venues/venues.table.ts'
import { topics } from '../deliberation/deliberation.table.ts'
import { activities } from '../volunteers/volunteers.table.ts'
import { wishes } from '../wishes/wishes.table.ts'
import { attendanceHows, inviteeRoles, meetingKindCodes, meetingStates, minutesStates, minutesVerdicts, partyKindCodes } from './meetings.kinds.ts'

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' })

export const meetings = pgTable(
  'meetings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The org node that holds the meeting (its cadres run it; its Party side for Party meetings). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    /** The room booked through venues, and that booking; or a free place (a courtyard, a street corner). */
    roomId: bigint('room_id', { mode: 'number' }).references(() => venueRooms.id),
    bookingId: bigint('booking_id', { mode: 'number' }).references(() => roomBookings.id),
    place: text('place'),
    state: text('state').notNull().default('planned'),
    /** Present people needed: at least `quorum_count`, and at least `quorum_share` of the invited. */
    quorumCount: smallint('quorum_count'),
    quorumShare: numeric('quorum_share', { precision: 4, scale: 3, mode: 'number' }),
    /** Residents of the node may register themselves (a 居民议事厅 open to all), not only the invited. */
    openRegistration: boolean('open_registration').notNull().default(false),
    /** The secret of the rotating check-in code (kernel/checkin-code.ts). */
    checkinSecret: text('checkin_secret').notNull().default(sql`encode(gen_random_bytes(32), 'hex')`),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    openedAt: at('opened_at'),
    heldAt: at('held_at'),
    minutesApprovedAt: at('minutes_approved_at'),
    cancelledAt: at('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** 微公益 / 微心愿 of a Party meeting: the volunteering activity or the wish it served. */
    activityId: bigint('activity_id', { mode: 'number' }).references(() => activities.id),
    wishId: bigint('wish_id', { mode: 'number' }).references(() => wishes.id),
    /** When the sweep reminded the invited (once, the day before). */
    remindedAt: at('reminded_at'),
    /** When the sweep told the organiser that the room booking was rejected or cancelled by the venue. */
    bookingLostNoticedAt: at('booking_lost_noticed_at'),
    ...timestamps,
  },
  (t) => [
    index('meetings_org_starts_idx').on(t.orgId, t.startsAt),
    index('meetings_room_id_idx').on(t.roomId),
    index('meetings_booking_id_idx').on(t.bookingId),
    index('meetings_created_by_idx').on(t.createdBy),
    index('meetings_activity_id_idx').on(t.activityId),
    index('meetings_wish_id_idx').on(t.wishId),
    index('meetings_due_reminder_idx').on(t.startsAt).where(sql`reminded_at IS NULL AND state = 'planned'`),
    check('meetings_kind_check', sql`${t.kind} IN (${list(meetingKindCodes)})`),
    check('meetings_state_check', sql`${t.state} IN (${list(meetingStates)})`),
    check('meetings_title_check', sql`length(btrim(${t.title})) BETWEEN 2 AND 120`),
    check('meetings_time_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('meetings_quorum_check', sql`(${t.quorumCount} IS NULL OR ${t.quorumCount} BETWEEN 1 AND 10000) AND (${t.quorumShare} IS NULL OR (${t.quorumShare} > 0 AND ${t.quorumShare} <= 1))`),
    check('meetings_booking_check', sql`${t.bookingId} IS NULL OR ${t.roomId} IS NOT NULL`),
  ],
)

/** The agenda: ordered items, each may name the deliberation topic it discusses. */
export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull().references(() => meetings.id),
    position: smallint('position').notNull(),
    text: text('text').notNull(),
    topicId: bigint('topic_id', { mode: 'number' }).references(() => topics.id),
  },
  (t) => [
    uniqueIndex('meeting_agenda_items_position_key').on(t.meetingId, t.position),
    index('meeting_agenda_items_topic_idx').on(t.topicId),
    check('meeting_agenda_items_text_check', sql`length(btrim(${t.text})) BETWEEN 1 AND 500`),
  ],
)

/** A named party invited (the police station, the school, the property firm…), a unit's when it is one. */
export const meetingParties = pgTable(
  'meeting_parties',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull().references(() => meetings.id),
    kind: text('kind').notNull(),
    /** How the party is named on the invitation (e.g. 城南派出所); the unit's name when a unit is given. */
    name: text('name').notNull(),
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    invitedAt: at('invited_at').notNull().defaultNow(),
  },
  (t) => [
    index('meeting_parties_meeting_idx').on(t.meetingId),
    index('meeting_parties_unit_idx').on(t.unitId),
    uniqueIndex('meeting_parties_name_key').on(t.meetingId, t.kind, t.name),
    check('meeting_parties_kind_check', sql`${t.kind} IN (${list(partyKindCodes)})`),
    check('meeting_parties_name_check', sql`length(btrim(${t.name})) BETWEEN 2 AND 100`),
  ],
)

/** Who is expected: invited (by a cadre, for a party or in person) or registered by themselves. */
export const meetingInvitees = pgTable(
  'meeting_invitees',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull().references(() => meetings.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    /** The party they represent, if any. */
    partyId: bigint('party_id', { mode: 'number' }).references(() => meetingParties.id),
    role: text('role').notNull().default('attendee'),
    /** Null when they registered themselves at an open meeting. */
    invitedBy: bigint('invited_by', { mode: 'number' }).references(() => people.id),
    invitedAt: at('invited_at').notNull().defaultNow(),
    registeredAt: at('registered_at'),
    declinedAt: at('declined_at'),
  },
  (t) => [
    uniqueIndex('meeting_invitees_person_key').on(t.meetingId, t.personId),
    index('meeting_invitees_person_idx').on(t.personId),
    index('meeting_invitees_party_idx').on(t.partyId),
    index('meeting_invitees_invited_by_idx').on(t.invitedBy),
    check('meeting_invitees_role_check', sql`${t.role} IN (${list(inviteeRoles)})`),
    check('meeting_invitees_reply_check', sql`${t.registeredAt} IS NULL OR ${t.declinedAt} IS NULL`),
  ],
)

/** Attendance: present (by the QR code or marked by hand) or absent with a reason. */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull().references(() => meetings.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    present: boolean('present').notNull(),
    how: text('how'),
    checkedInAt: at('checked_in_at'),
    absenceReason: text('absence_reason'),
    /** Who marked it by hand (null for a QR check-in). */
    recordedBy: bigint('recorded_by', { mode: 'number' }).references(() => people.id),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meeting_attendance_person_key').on(t.meetingId, t.personId),
    index('meeting_attendance_person_idx').on(t.personId),
    index('meeting_attendance_recorded_by_idx').on(t.recordedBy),
    check('meeting_attendance_how_check', sql`(${t.present} AND ${t.how} IN (${list(attendanceHows)}) AND ${t.checkedInAt} IS NOT NULL AND ${t.absenceReason} IS NULL)
      OR (NOT ${t.present} AND ${t.how} IS NULL AND ${t.checkedInAt} IS NULL)`),
  ],
)

/** Minutes in versions: each new draft supersedes the pending one; approval is by those present. */
export const meetingMinutes = pgTable(
  'meeting_minutes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull().references(() => meetings.id),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    state: text('state').notNull().default('pending'),
    draftedBy: bigint('drafted_by', { mode: 'number' }).notNull().references(() => people.id),
    draftedAt: at('drafted_at').notNull().defaultNow(),
    approvedAt: at('approved_at'),
  },
  (t) => [
    uniqueIndex('meeting_minutes_version_key').on(t.meetingId, t.version),
    uniqueIndex('meeting_minutes_current_key').on(t.meetingId).where(sql`${t.state} IN ('pending', 'approved')`),
    index('meeting_minutes_drafted_by_idx').on(t.draftedBy),
    check('meeting_minutes_state_check', sql`${t.state} IN (${list(minutesStates)})`),
    check('meeting_minutes_body_check', sql`length(btrim(${t.body})) BETWEEN 10 AND 50000`),
    check('meeting_minutes_approved_check', sql`(${t.state} = 'approved') = (${t.approvedAt} IS NOT NULL)`),
  ],
)

/** One verdict per attendee per version: approve, or object with a note. */
export const meetingMinutesApprovals = pgTable(
  'meeting_minutes_approvals',
  {
    minutesId: bigint('minutes_id', { mode: 'number' }).notNull().references(() => meetingMinutes.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    verdict: text('verdict').notNull(),
    note: text('note'),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.minutesId, t.personId] }),
    index('meeting_minutes_approvals_person_idx').on(t.personId),
    check('meeting_minutes_approvals_verdict_check', sql`${t.verdict} IN (${list(minutesVerdicts)}) AND (${t.verdict} = 'approve' OR length(btrim(${t.note})) >= 2)`),
  ],
)

/** What the meeting decided, each may name the topic it settles or advances. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull().references(() => meetings.id),
    position: smallint('position').notNull(),
    text: text('text').notNull(),
    topicId: bigint('topic_id', { mode: 'number' }).references(() => topics.id),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meeting_decisions_position_key').on(t.meetingId, t.position),
    index('meeting_decisions_topic_idx').on(t.topicId),
    index('meeting_decisions_created_by_idx').on(t.createdBy),
    check('meeting_decisions_text_check', sql`length(btrim(${t.text})) BETWEEN 2 AND 2000`),
  ],
)
