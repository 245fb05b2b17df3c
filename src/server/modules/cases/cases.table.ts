// Cases (事件/民情): problems reported by anyone and closed in a verified loop. A case belongs to
// its grid (`org_id`); `handling_org_id` is whoever holds it now (grid, community, street or a
// department). Every transition is one `case_events` row, written in the same transaction.
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, ltree, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

export const caseStates = ['reported', 'accepted', 'rejected', 'assigned', 'in_progress', 'handled', 'verified', 'closed'] as const
export const caseLevels = ['grid', 'community', 'street', 'department'] as const
export const caseChannels = ['h5', 'console', 'api', 'open311', 'visit', 'estate_rating'] as const

/** The two-level taxonomy: a top category (parent_code NULL) and its subcategories. */
export const caseCategories = pgTable(
  'case_categories',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code').references((): never => caseCategories.code as never),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    /** Hours to accept after reporting, days to handle after accepting; per level in `limits`. */
    acceptHours: integer('accept_hours').notNull().default(24),
    handleDays: integer('handle_days').notNull().default(3),
    /** Per-level overrides: {"community":{"handleDays":5},"street":{…}}. */
    limits: jsonb('limits').notNull().default({}),
    /** Count only working days (calendar_days) for the handling limit. */
    workingDays: boolean('working_days').notNull().default(true),
    revisitDays: integer('revisit_days').notNull().default(7),
    /** Escalations beyond the street go to this department (routing rule by category). */
    departmentId: bigint('department_id', { mode: 'number' }).references(() => orgs.id),
    /** Shown to the public (phone pages, Open311 service list). */
    public: boolean('public').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    index('case_categories_parent_idx').on(t.parentCode),
    check('case_categories_code_check', sql`${t.code} ~ '^[a-z][a-z0-9_]{1,30}(\\.[a-z0-9_]{1,30})?$'`),
    check('case_categories_limits_check', sql`${t.acceptHours} BETWEEN 1 AND 720 AND ${t.handleDays} BETWEEN 1 AND 365 AND ${t.revisitDays} BETWEEN 0 AND 365`),
    index('case_categories_department_id_idx').on(t.departmentId),
  ],
)

/** Days that differ from the Monday–Friday rule: public holidays and make-up working days. */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  workday: boolean('workday').notNull(),
  note: text('note'),
})

export const cases = pgTable(
  'cases',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    /**
     * The distribution key on Citus (issue 19 §3): the nearest `district` ancestor-or-self of the
     * grid, else the tree's top node (`linli_district_of`, migration 0048). Every insert names it;
     * it is in the primary key and in every key the family's rows point at a case with.
     */
    districtId: bigint('district_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** The grid the location falls in. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** Path of the grid, copied for scope filters (`org_path <@ scope`). */
    orgPath: ltree('org_path').notNull(),
    categoryCode: text('category_code').notNull().references(() => caseCategories.code),
    description: text('description').notNull(),
    location: geometry('location', { type: 'Point' }).notNull(),
    address: text('address'),
    state: text('state', { enum: caseStates }).notNull().default('reported'),
    level: text('level', { enum: caseLevels }).notNull().default('grid'),
    handlingOrgId: bigint('handling_org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    handlingOrgPath: ltree('handling_org_path').notNull(),
    assigneeId: bigint('assignee_id', { mode: 'number' }).references(() => people.id),
    /** The last person who handled it: a dissatisfied rating sends it back to them. */
    lastHandlerId: bigint('last_handler_id', { mode: 'number' }).references(() => people.id),
    reporterId: bigint('reporter_id', { mode: 'number' }).references(() => people.id),
    anonymous: boolean('anonymous').notNull().default(false),
    channel: text('channel', { enum: caseChannels }).notNull(),
    /** Open311 reporters without an account: {email, firstName, lastName, phone, deviceId}. */
    contact: jsonb('contact'),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    visitId: bigint('visit_id', { mode: 'number' }),
    estateRatingId: bigint('estate_rating_id', { mode: 'number' }),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }).references((): never => cases.id as never),
    /** Open311 `token` handed out on POST. */
    token: uuid('token').notNull().default(sql`gen_random_uuid()`),
    acceptDueAt: timestamp('accept_due_at', { withTimezone: true, mode: 'string' }),
    handleDueAt: timestamp('handle_due_at', { withTimezone: true, mode: 'string' }),
    /** Set by the scheduler when a deadline passed; cleared when the clock restarts. */
    overdueAt: timestamp('overdue_at', { withTimezone: true, mode: 'string' }),
    remindedAt: timestamp('reminded_at', { withTimezone: true, mode: 'string' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'string' }),
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    /** Level at which the case was closed (the "小事不出网格" measure). */
    closedLevel: text('closed_level', { enum: caseLevels }),
    /** Whether it was handled before its deadline (on-time rate). */
    handledOnTime: boolean('handled_on_time'),
    result: text('result'),
    rejectReason: text('reject_reason'),
    escalations: smallint('escalations').notNull().default(0),
    reopens: smallint('reopens').notNull().default(0),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    revisitDueAt: timestamp('revisit_due_at', { withTimezone: true, mode: 'string' }),
    revisitedAt: timestamp('revisited_at', { withTimezone: true, mode: 'string' }),
    revisitFixed: boolean('revisit_fixed'),
    // 回访: how satisfied the reporter said they were (satisfied / basic / dissatisfied).
    revisitSatisfaction: text('revisit_satisfaction'),
    followers: integer('followers').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: 'cases_pkey', columns: [t.id, t.districtId] }),
    // One case per id on one server: the other modules' rows (hazards, projects, merges) point
    // at a case by id alone. Dropped where cases are distributed (a unique key there must hold the
    // distribution key).
    uniqueIndex('cases_id_key').on(t.id),
    index('cases_district_id_idx').on(t.districtId),
    index('cases_org_path_gist').using('gist', t.orgPath),
    index('cases_handling_path_gist').using('gist', t.handlingOrgPath),
    index('cases_location_gist').using('gist', t.location),
    // The inbox: newest first within a scope, filtered by state / category.
    index('cases_state_id_idx').on(t.state, t.id),
    index('cases_category_id_idx').on(t.categoryCode, t.id),
    index('cases_org_id_idx').on(t.orgId, t.id),
    index('cases_handling_org_id_idx').on(t.handlingOrgId, t.id),
    index('cases_assignee_idx').on(t.assigneeId, t.id).where(sql`assignee_id IS NOT NULL`),
    index('cases_reporter_idx').on(t.reporterId, t.id).where(sql`reporter_id IS NOT NULL`),
    // Open cases are a small, recent part of the table: inbox pages of open states walk this.
    index('cases_open_id_idx').on(t.id).where(sql`state NOT IN ('rejected','closed')`),
    index('cases_overdue_idx').on(t.id).where(sql`overdue_at IS NOT NULL AND state NOT IN ('rejected','closed')`),
    index('cases_open_due_idx').on(t.handleDueAt).where(sql`state NOT IN ('rejected','closed','handled','verified')`),
    index('cases_revisit_due_idx').on(t.revisitDueAt).where(sql`state = 'closed' AND revisited_at IS NULL`),
    // The statistics sweep counts a community-month's cases by when they were reported, handled and
    // closed, and hotspots read the recent ones: a month's range, not the whole table.
    index('cases_created_at_idx').on(t.createdAt),
    index('cases_handled_at_idx').on(t.handledAt).where(sql`handled_at IS NOT NULL`),
    index('cases_closed_at_idx').on(t.closedAt).where(sql`closed_at IS NOT NULL`),
    uniqueIndex('cases_token_key').on(t.token, t.districtId),
    check('cases_state_check', sql`${t.state} IN ('reported','accepted','rejected','assigned','in_progress','handled','verified','closed')`),
    check('cases_level_check', sql`${t.level} IN ('grid','community','street','department')`),
    check('cases_channel_check', sql`${t.channel} IN ('h5','console','api','open311','visit','estate_rating')`),
    check('cases_description_check', sql`length(btrim(${t.description})) BETWEEN 2 AND 2000`),
    check('cases_revisit_satisfaction_check', sql`${t.revisitSatisfaction} IN ('satisfied','basic','dissatisfied')`),
    check('cases_rating_check', sql`${t.rating} BETWEEN 1 AND 5`),
    check('cases_photos_check', sql`cardinality(${t.photoIds}) <= 9`),
    index('cases_estate_rating_id_idx').on(t.estateRatingId).where(sql`estate_rating_id IS NOT NULL`),
    index('cases_last_handler_id_idx').on(t.lastHandlerId),
    index('cases_merged_into_id_idx').on(t.mergedIntoId).where(sql`merged_into_id IS NOT NULL`),
    index('cases_visit_id_idx').on(t.visitId).where(sql`visit_id IS NOT NULL`),
  ],
)

/**
 * The figures of /cases/stats kept by triggers on cases (migration 0047): every insert, delete or
 * change of a counted column appends a delta row (+1 for the new row's key, −1 for the old), so no
 * two writers wait on one row; the minute sweep merges each key's rows into one. Summed over the
 * keys a scope reaches, the rows answer exactly what a count over cases would. No primary key:
 * a key has one row after the merge and more between merges.
 */
export const caseStatsRollup = pgTable('case_stats_rollup', {
    /** The cases' district: on Citus the rollup is distributed with them (migration 0050). */
    districtId: bigint('district_id', { mode: 'number' }).notNull(),
    orgPath: ltree('org_path').notNull(),
    handlingOrgPath: ltree('handling_org_path').notNull(),
    state: text('state').notNull(),
    n: integer('n').notNull(),
    /** Open and overdue (`overdue_at` set, state not rejected or closed). */
    overdue: integer('overdue').notNull(),
    onTime: integer('on_time').notNull(),
    timed: integer('timed').notNull(),
    closedGrid: integer('closed_grid').notNull(),
    closedCommunity: integer('closed_community').notNull(),
    ratingSum: bigint('rating_sum', { mode: 'number' }).notNull(),
    rated: integer('rated').notNull(),
  },
)

/**
 * The cases hotspots count (neither merged into another nor rejected), one narrow row each, kept by
 * a row trigger on cases in the writer's transaction (migration 0049): a report adds one, a merge or
 * a rejection removes it, a reclassification or a move (the grid's path) rewrites it. Read by
 * creation time: the last weeks of a city are a few tens of thousands of these rows, appended in
 * that order, where the same cases' rows lie scattered over the wide table (issue 19 §1).
 */
export const casePoints = pgTable('case_points', {
    id: bigint('id', { mode: 'number' }).notNull(),
    /** The case's district: the family's distribution key, copied with the row (and by a move). */
    districtId: bigint('district_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    categoryCode: text('category_code').notNull(),
    location: geometry('location', { type: 'Point' }).notNull(),
  },
  (t) => [primaryKey({ name: 'case_points_pkey', columns: [t.id, t.districtId] }), index('case_points_created_at_idx').on(t.createdAt), index('case_points_org_id_idx').on(t.orgId)],
)

/** The timeline: one row per transition or public update. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    /** The case's district (co-located with it on Citus). */
    districtId: bigint('district_id', { mode: 'number' }).notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    /** 'person', 'system' (the scheduler) or 'token' (a machine). */
    actorKind: text('actor_kind').notNull().default('person'),
    note: text('note'),
    /** Shown to the reporter, followers and Open311 clients. */
    public: boolean('public').notNull().default(true),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    /** What else changed: {"level":"community","handlingOrgId":"…","assigneeId":"…"}. */
    data: jsonb('data').notNull().default({}),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'case_events_pkey', columns: [t.id, t.districtId] }),
    foreignKey({ name: 'case_events_case_id_cases_id_fk', columns: [t.caseId, t.districtId], foreignColumns: [cases.id, cases.districtId] }).onUpdate('cascade'),
    index('case_events_case_idx').on(t.caseId, t.districtId, t.id),
    index('case_events_at_idx').on(t.at, t.id),
    index('case_events_actor_id_idx').on(t.actorId),
  ],
)

/** Joint review (会商研判) meetings recorded on a case. */
export const caseMeetings = pgTable('case_meetings', {
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  caseId: bigint('case_id', { mode: 'number' }).notNull(),
  /** The case's district. */
  districtId: bigint('district_id', { mode: 'number' }).notNull(),
  heldAt: timestamp('held_at', { withTimezone: true, mode: 'string' }).notNull(),
  participants: text('participants').array().notNull(),
  conclusion: text('conclusion').notNull(),
  recordedBy: bigint('recorded_by', { mode: 'number' }).notNull().references(() => people.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ name: 'case_meetings_pkey', columns: [t.id, t.districtId] }),
  foreignKey({ name: 'case_meetings_case_id_cases_id_fk', columns: [t.caseId, t.districtId], foreignColumns: [cases.id, cases.districtId] }).onUpdate('cascade'),
  index('case_meetings_case_idx').on(t.caseId, t.districtId),
])

/** Following a case, or every case of a grid / community (digest: one summary a day instead). */
export const follows = pgTable(
  'follows',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    caseId: bigint('case_id', { mode: 'number' }),
    orgId: bigint('org_id', { mode: 'number' }).references(() => orgs.id),
    /** The followed case's district, or the followed node's (`linli_district_of`). */
    districtId: bigint('district_id', { mode: 'number' }).notNull(),
    digest: boolean('digest').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'follows_pkey', columns: [t.id, t.districtId] }),
    foreignKey({ name: 'follows_case_id_cases_id_fk', columns: [t.caseId, t.districtId], foreignColumns: [cases.id, cases.districtId] }).onUpdate('cascade'),
    uniqueIndex('follows_case_key').on(t.personId, t.caseId, t.districtId).where(sql`case_id IS NOT NULL`),
    uniqueIndex('follows_org_key').on(t.personId, t.orgId, t.districtId).where(sql`org_id IS NOT NULL`),
    index('follows_case_idx').on(t.caseId, t.districtId),
    index('follows_org_idx').on(t.orgId),
    check('follows_target_check', sql`(${t.caseId} IS NULL) <> (${t.orgId} IS NULL)`),
    index('follows_person_id_idx').on(t.personId),
  ],
)
