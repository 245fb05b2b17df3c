// Organisation life (组织生活) of the Party organisations on the org tree (the Party side of org
// nodes, `orgs.party_org_kind`): who belongs to each Party organisation and how (直管 by
// organisational relation, 参管 in-service members registered at the community, 协管 others the
// organisation helps to manage), the yearly plan of required meeting frequencies per kind (三会一课,
// 主题党日; defaults from Party rules when a year has no row), the reminders the sweep sent for a
// period falling due, and study: courses, their sessions, attendance and hours. The meetings
// themselves are rows of the meetings module (kinds of family 'party').
import { bigint, check, date, index, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { partyMeetingKindCodes } from '../meetings/meetings.kinds.ts'

export const partyRelations = ['direct', 'participating', 'assisting'] as const
export const partyPosts = ['secretary', 'deputy_secretary', 'committee_member', 'group_leader', 'member'] as const
export const planFrequencies = ['monthly', 'quarterly', 'half_yearly', 'yearly', 'none'] as const
export const courseKinds = ['party_history', 'secretary_training', 'theory', 'other'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' })

/** A person's membership of a Party organisation: one open row per (organisation, person). */
export const partyOrgMembers = pgTable(
  'party_org_members',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    partyOrgId: bigint('party_org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    relation: text('relation', { enum: partyRelations }).notNull(),
    post: text('post', { enum: partyPosts }).notNull().default('member'),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('party_org_members_org_idx').on(t.partyOrgId, t.joinedOn),
    uniqueIndex('party_org_members_open_key').on(t.partyOrgId, t.personId).where(sql`left_on IS NULL`),
    index('party_org_members_person_idx').on(t.personId),
    index('party_org_members_created_by_idx').on(t.createdBy),
    check('party_org_members_relation_check', sql`${t.relation} IN (${list(partyRelations)})`),
    check('party_org_members_post_check', sql`${t.post} IN (${list(partyPosts)})`),
    check('party_org_members_dates_check', sql`${t.leftOn} IS NULL OR ${t.leftOn} >= ${t.joinedOn}`),
  ],
)

/** The yearly plan: the required frequency of one meeting kind for one organisation and year. */
export const partyLifePlans = pgTable(
  'party_life_plans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    partyOrgId: bigint('party_org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    year: smallint('year').notNull(),
    kind: text('kind').notNull(),
    frequency: text('frequency', { enum: planFrequencies }).notNull(),
    note: text('note'),
    updatedBy: bigint('updated_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('party_life_plans_key').on(t.partyOrgId, t.year, t.kind),
    index('party_life_plans_updated_by_idx').on(t.updatedBy),
    check('party_life_plans_kind_check', sql`${t.kind} IN (${list(partyMeetingKindCodes)})`),
    check('party_life_plans_frequency_check', sql`${t.frequency} IN (${list(planFrequencies)})`),
    check('party_life_plans_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
  ],
)

/** A reminder the sweep sent that a required meeting of a period falls due (once per period). */
export const partyLifeReminders = pgTable(
  'party_life_reminders',
  {
    partyOrgId: bigint('party_org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    kind: text('kind').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    sentAt: at('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partyOrgId, t.kind, t.periodStart] })],
)

/** A study course (党史学习教育, 书记培训…) run by an org node for its Party organisations' members. */
export const studyCourses = pgTable(
  'study_courses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    kind: text('kind', { enum: courseKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    year: smallint('year').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('study_courses_org_year_idx').on(t.orgId, t.year),
    index('study_courses_created_by_idx').on(t.createdBy),
    check('study_courses_kind_check', sql`${t.kind} IN (${list(courseKinds)})`),
    check('study_courses_title_check', sql`length(btrim(${t.title})) BETWEEN 2 AND 120`),
    check('study_courses_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
  ],
)

/** One session of a course: when, where, who teaches, and the hours it counts. */
export const studySessions = pgTable(
  'study_sessions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    courseId: bigint('course_id', { mode: 'number' }).notNull().references(() => studyCourses.id),
    title: text('title').notNull(),
    startsAt: at('starts_at').notNull(),
    hours: numeric('hours', { precision: 4, scale: 1, mode: 'number' }).notNull(),
    place: text('place'),
    teacher: text('teacher'),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('study_sessions_course_idx').on(t.courseId, t.startsAt),
    index('study_sessions_created_by_idx').on(t.createdBy),
    check('study_sessions_title_check', sql`length(btrim(${t.title})) BETWEEN 2 AND 120`),
    check('study_sessions_hours_check', sql`${t.hours} > 0 AND ${t.hours} <= 24`),
  ],
)

/** Attendance of a session: present (the session's hours, or fewer) or absent with a reason. */
export const studyAttendance = pgTable(
  'study_attendance',
  {
    sessionId: bigint('session_id', { mode: 'number' }).notNull().references(() => studySessions.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    present: boolean('present').notNull(),
    hours: numeric('hours', { precision: 4, scale: 1, mode: 'number' }).notNull().default(0),
    absenceReason: text('absence_reason'),
    recordedBy: bigint('recorded_by', { mode: 'number' }).notNull().references(() => people.id),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.personId] }),
    index('study_attendance_person_idx').on(t.personId),
    index('study_attendance_recorded_by_idx').on(t.recordedBy),
    check('study_attendance_hours_check', sql`(${t.present} AND ${t.hours} > 0 AND ${t.hours} <= 24 AND ${t.absenceReason} IS NULL) OR (NOT ${t.present} AND ${t.hours} = 0)`),
  ],
)
