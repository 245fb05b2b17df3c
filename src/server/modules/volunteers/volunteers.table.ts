// Volunteers (志愿者 / 志愿服务队): volunteer profiles (one per person, with skills), teams by
// function, activities with sign-ups (a waitlist that moves up on cancellation), attendances
// (check-in / check-out, hours, no-shows) and the time bank's one-to-one service entries.
// Hours are records of attendance; targets and time-bank balances are derived, never stored.
import { bigint, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { venues } from '../venues/venues.table.ts'

export const teamFunctions = ['repairs', 'patrol', 'health', 'legal_aid', 'culture', 'publicity', 'elderly_care', 'environment', 'other'] as const

export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The street, community or grid the team serves; its cadres manage the team. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    name: text('name').notNull(),
    function: text('function', { enum: teamFunctions }).notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'`),
    description: text('description'),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('volunteer_teams_org_idx').on(t.orgId),
    uniqueIndex('volunteer_teams_name_key').on(t.orgId, t.name).where(sql`deleted_at IS NULL`),
    check('volunteer_teams_name_check', sql`length(btrim(${t.name})) BETWEEN 2 AND 50`),
    check('volunteer_teams_function_check', sql`${t.function} IN ('repairs','patrol','health','legal_aid','culture','publicity','elderly_care','environment','other')`),
    check('volunteer_teams_skills_check', sql`cardinality(${t.skills}) <= 20`),
  ],
)

/** A person's volunteer profile: anyone may become a volunteer. */
export const volunteers = pgTable(
  'volunteers',
  {
    personId: bigint('person_id', { mode: 'number' }).primaryKey().references(() => people.id),
    skills: text('skills').array().notNull().default(sql`'{}'`),
    intro: text('intro'),
    ...timestamps,
  },
  (t) => [check('volunteers_skills_check', sql`cardinality(${t.skills}) <= 20`)],
)

export const volunteerTeamMembers = pgTable(
  'volunteer_team_members',
  {
    teamId: bigint('team_id', { mode: 'number' }).notNull().references(() => volunteerTeams.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => volunteers.personId),
    role: text('role', { enum: ['leader', 'member'] }).notNull().default('member'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.personId] }),
    index('volunteer_team_members_person_idx').on(t.personId),
    check('volunteer_team_members_role_check', sql`${t.role} IN ('leader','member')`),
  ],
)

export const activities = pgTable(
  'activities',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The community, grid or street that runs the activity. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    teamId: bigint('team_id', { mode: 'number' }).references(() => volunteerTeams.id),
    /** The venue it is held at, when it is at one (shown on the venue's page). */
    venueId: bigint('venue_id', { mode: 'number' }).references(() => venues.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    place: text('place').notNull(),
    location: geometry('location', { type: 'Point' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'string' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** Seats; sign-ups beyond it wait in line. */
    capacity: integer('capacity').notNull(),
    /** [{skill, count}]: how many volunteers of which skill are needed. */
    skillNeeds: jsonb('skill_needs').notNull().default(sql`'[]'::jsonb`),
    /** Hours one attendance may count at most; null = the activity's length. */
    maxHours: numeric('max_hours', { precision: 5, scale: 2 }),
    status: text('status', { enum: ['published', 'cancelled'] }).notNull().default('published'),
    cancelReason: text('cancel_reason'),
    /** Key of the rotating check-in code (HMAC per 30-second window); never leaves the server. */
    checkinSecret: text('checkin_secret').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('activities_org_idx').on(t.orgId, t.startsAt),
    index('activities_starts_idx').on(t.startsAt, t.id),
    index('activities_team_idx').on(t.teamId),
    index('activities_venue_idx').on(t.venueId, t.startsAt),
    index('activities_location_gist').using('gist', t.location),
    check('activities_title_check', sql`length(btrim(${t.title})) BETWEEN 2 AND 100`),
    check('activities_time_check', sql`${t.endsAt} > ${t.startsAt} AND ${t.endsAt} <= ${t.startsAt} + interval '3 days'`),
    check('activities_capacity_check', sql`${t.capacity} BETWEEN 1 AND 1000`),
    check('activities_max_hours_check', sql`${t.maxHours} IS NULL OR ${t.maxHours} > 0`),
    check('activities_status_check', sql`${t.status} IN ('published','cancelled')`),
  ],
)

export const activitySignups = pgTable(
  'activity_signups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    activityId: bigint('activity_id', { mode: 'number' }).notNull().references(() => activities.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => volunteers.personId),
    status: text('status', { enum: ['confirmed', 'waitlisted', 'cancelled'] }).notNull(),
    /** Place in the waitlist: earlier first (a new sign-up after cancelling goes to the end). */
    signedUpAt: timestamp('signed_up_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    promotedAt: timestamp('promoted_at', { withTimezone: true, mode: 'string' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('activity_signups_key').on(t.activityId, t.personId),
    index('activity_signups_queue_idx').on(t.activityId, t.status, t.signedUpAt, t.id),
    index('activity_signups_person_idx').on(t.personId),
    check('activity_signups_status_check', sql`${t.status} IN ('confirmed','waitlisted','cancelled')`),
  ],
)

export const activityAttendances = pgTable(
  'activity_attendances',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    activityId: bigint('activity_id', { mode: 'number' }).notNull().references(() => activities.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => volunteers.personId),
    signupId: bigint('signup_id', { mode: 'number' }).notNull().references(() => activitySignups.id),
    status: text('status', { enum: ['checked_in', 'checked_out', 'no_show'] }).notNull(),
    /** `code` scanned on site, `confirmed` by an organiser, `sweep` (a no-show found after the end). */
    method: text('method', { enum: ['code', 'confirmed', 'sweep'] }).notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true, mode: 'string' }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true, mode: 'string' }),
    hours: numeric('hours', { precision: 5, scale: 2 }),
    confirmedBy: bigint('confirmed_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('activity_attendances_key').on(t.activityId, t.personId),
    index('activity_attendances_person_idx').on(t.personId, t.status),
    check('activity_attendances_status_check', sql`${t.status} IN ('checked_in','checked_out','no_show')`),
    check('activity_attendances_method_check', sql`${t.method} IN ('code','confirmed','sweep')`),
    check(
      'activity_attendances_state_check',
      sql`(${t.status} = 'no_show' AND ${t.checkedInAt} IS NULL AND ${t.checkedOutAt} IS NULL AND ${t.hours} IS NULL) OR (${t.status} = 'checked_in' AND ${t.checkedInAt} IS NOT NULL AND ${t.checkedOutAt} IS NULL AND ${t.hours} IS NULL) OR (${t.status} = 'checked_out' AND ${t.checkedInAt} IS NOT NULL AND ${t.checkedOutAt} >= ${t.checkedInAt} AND ${t.hours} IS NOT NULL)`,
    ),
    check('activity_attendances_hours_check', sql`${t.hours} IS NULL OR ${t.hours} BETWEEN 0 AND 72`),
    index('activity_attendances_signup_id_idx').on(t.signupId),
  ],
)

/** Time bank: a one-to-one service, hours given by a volunteer and received by a resident. */
export const timeBankEntries = pgTable(
  'time_bank_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    giverId: bigint('giver_id', { mode: 'number' }).notNull().references(() => volunteers.personId),
    receiverId: bigint('receiver_id', { mode: 'number' }).notNull().references(() => people.id),
    hours: numeric('hours', { precision: 5, scale: 2 }).notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    recordedBy: bigint('recorded_by', { mode: 'number' }).references(() => people.id),
    /** What recorded it when another module did (`order:<id>`): one entry per source. */
    sourceKey: text('source_key'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('time_bank_entries_source_key').on(t.sourceKey),
    index('time_bank_entries_giver_idx').on(t.giverId, t.servedOn),
    index('time_bank_entries_receiver_idx').on(t.receiverId, t.servedOn),
    check('time_bank_entries_hours_check', sql`${t.hours} > 0 AND ${t.hours} <= 24`),
    check('time_bank_entries_people_check', sql`${t.giverId} <> ${t.receiverId}`),
    check('time_bank_entries_note_check', sql`length(btrim(${t.note})) BETWEEN 2 AND 500`),
    index('time_bank_entries_org_id_idx').on(t.orgId),
  ],
)
