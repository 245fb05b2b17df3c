// Visits (民情夜访 / 民情家访): logs of cadres and department staff visiting households, and the
// recurring schedules that turn into visit tasks ("the 1st of every month, each department to
// its communities"). A problem found on a visit becomes a case with `cases.visit_id`.
import { bigint, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { residents } from '../residents/residents.table.ts'

export const visitKinds = ['night', 'home'] as const
export const visitModes = ['fixed', 'appointed', 'active', 'return'] as const

export const visitSchedules = pgTable(
  'visit_schedules',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The node that owns the schedule (a street or district). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: visitKinds }).notNull(),
    /** Day of the month the tasks fall on (1–28). */
    dayOfMonth: smallint('day_of_month').notNull(),
    /** Days after that day by which the visit must be logged. */
    graceDays: smallint('grace_days').notNull().default(7),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('visit_schedules_org_idx').on(t.orgId),
    check('visit_schedules_day_check', sql`${t.dayOfMonth} BETWEEN 1 AND 28 AND ${t.graceDays} BETWEEN 0 AND 27`),
    check('visit_schedules_kind_check', sql`${t.kind} IN ('night','home')`),
  ],
)

/** Who visits where under a schedule: a department (or any node) paired with a community. */
export const visitScheduleTargets = pgTable(
  'visit_schedule_targets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    scheduleId: bigint('schedule_id', { mode: 'number' }).notNull().references(() => visitSchedules.id),
    visitorOrgId: bigint('visitor_org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
  },
  (t) => [uniqueIndex('visit_schedule_targets_key').on(t.scheduleId, t.visitorOrgId, t.communityId), index('visit_schedule_targets_community_id_idx').on(t.communityId), index('visit_schedule_targets_visitor_org_id_idx').on(t.visitorOrgId)],
)

/** One task per target per occurrence; done when a visit is logged against it. */
export const visitTasks = pgTable(
  'visit_tasks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    scheduleId: bigint('schedule_id', { mode: 'number' }).notNull().references(() => visitSchedules.id),
    visitorOrgId: bigint('visitor_org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    visitId: bigint('visit_id', { mode: 'number' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('visit_tasks_key').on(t.scheduleId, t.visitorOrgId, t.communityId, t.dueOn),
    index('visit_tasks_community_idx').on(t.communityId, t.dueOn),
    index('visit_tasks_visitor_idx').on(t.visitorOrgId, t.dueOn),
    index('visit_tasks_visit_id_idx').on(t.visitId),
  ],
)

export const visits = pgTable(
  'visits',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: visitKinds }).notNull(),
    mode: text('mode', { enum: visitModes }).notNull(),
    /** Smallest node visited (community, grid or building). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    visitorId: bigint('visitor_id', { mode: 'number' }).notNull().references(() => people.id),
    /** The visitor's unit, e.g. a department, when the visit is on its behalf. */
    visitorOrgId: bigint('visitor_org_id', { mode: 'number' }).references(() => orgs.id),
    taskId: bigint('task_id', { mode: 'number' }).references(() => visitTasks.id),
    visitedAt: timestamp('visited_at', { withTimezone: true, mode: 'string' }).notNull(),
    households: integer('households').notNull().default(0),
    people: integer('people_met').notNull().default(0),
    location: geometry('location', { type: 'Point' }),
    note: text('note').notNull(),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    /** How far the logged location lay from the place visited, in metres (0: inside); null without a location. */
    placeDistanceM: integer('place_distance_m'),
    ...timestamps,
  },
  (t) => [
    index('visits_org_idx').on(t.orgId, t.visitedAt),
    index('visits_visitor_idx').on(t.visitorId, t.visitedAt),
    check('visits_kind_check', sql`${t.kind} IN ('night','home')`),
    check('visits_mode_check', sql`${t.mode} IN ('fixed','appointed','active','return')`),
    check('visits_households_check', sql`${t.households} BETWEEN 0 AND 10000 AND ${t.people} BETWEEN 0 AND 100000`),
    check('visits_note_check', sql`length(btrim(${t.note})) BETWEEN 2 AND 4000`),
    index('visits_task_id_idx').on(t.taskId),
    index('visits_visitor_org_id_idx').on(t.visitorOrgId),
  ],
)

/** The residents a visit met, by their records: which households and people were visited. */
export const visitResidents = pgTable(
  'visit_residents',
  {
    visitId: bigint('visit_id', { mode: 'number' }).notNull().references(() => visits.id),
    residentId: bigint('resident_id', { mode: 'number' }).notNull().references(() => residents.id),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.residentId] }), index('visit_residents_resident_id_idx').on(t.residentId)],
)
