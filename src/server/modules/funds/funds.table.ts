// Funds and projects (经费与项目): a community's funds per year by source, the projects that
// spend them (惠民项目, 红色创投, 微公益众筹) from proposal through the deliberation resolution that
// decided them, the budget held against a fund (never more than the fund has left: the fund row is
// locked while the sum is checked), expenses with receipt photos, crowdfunding pledges (Linli
// never handles money: pledges and confirmed receipts are recorded), and social organisations'
// services and incubation stage.
import { bigint, boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'
import { resolutions } from '../deliberation/deliberation.table.ts'

/** 党建工作经费, 服务群众专项经费, 党员活动经费, 专项资金, 共建单位支持. */
export const fundSources = ['party_work', 'service', 'member_activity', 'special', 'co_building'] as const
/** 惠民项目, 红色创投, 微公益众筹. */
export const projectKinds = ['benefit', 'venture', 'crowdfunding'] as const
/** Who proposed it: residents through deliberation, a social organisation, the community. */
export const projectProposers = ['residents', 'social_organisation', 'community'] as const
export const projectStates = ['proposed', 'decided', 'budgeted', 'done', 'rejected', 'cancelled'] as const
export const pledgeStates = ['pledged', 'received', 'withdrawn'] as const
/** 孵化中, 已出壳 (graduated from the incubator), 已登记 (registered with civil affairs). */
export const incubationStages = ['incubating', 'hatched', 'registered'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))
const yuan = (name: string) => numeric(name, { precision: 12, scale: 2 })

export const funds = pgTable(
  'funds',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The community (or street) whose fund it is. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    source: text('source', { enum: fundSources }).notNull(),
    name: text('name').notNull(),
    amountYuan: yuan('amount_yuan').notNull(),
    /** The paired unit that contributed it (co-building funds). */
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    /** At least this share (percent) of the fund goes to governance projects (the 20 % rule of service funds); null: no rule. */
    governanceMinPct: integer('governance_min_pct'),
    note: text('note'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('funds_org_year_idx').on(t.orgId, t.year),
    index('funds_unit_idx').on(t.unitId),
    index('funds_created_by_idx').on(t.createdBy),
    check('funds_source_check', sql`${t.source} IN (${list(fundSources)})`),
    check('funds_amount_check', sql`${t.amountYuan} >= 0`),
    check('funds_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    check('funds_pct_check', sql`${t.governanceMinPct} IS NULL OR ${t.governanceMinPct} BETWEEN 0 AND 100`),
  ],
)

export const fundProjects = pgTable(
  'fund_projects',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    kind: text('kind', { enum: projectKinds }).notNull(),
    state: text('state', { enum: projectStates }).notNull().default('proposed'),
    title: text('title').notNull(),
    summary: text('summary'),
    /** Counts toward the governance share of the fund it is budgeted against. */
    governance: boolean('governance').notNull().default(false),
    proposedBy: text('proposed_by', { enum: projectProposers }).notNull(),
    /** The social organisation that runs it (venture projects) or proposed it. */
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    /** The deliberation resolution that decided it. */
    resolutionId: bigint('resolution_id', { mode: 'number' }).references(() => resolutions.id),
    fundId: bigint('fund_id', { mode: 'number' }).references(() => funds.id),
    budgetYuan: yuan('budget_yuan').notNull().default('0'),
    /** The crowdfunding target. */
    targetYuan: yuan('target_yuan'),
    progress: integer('progress').notNull().default(0),
    evidencePhotoIds: bigint('evidence_photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    doneNote: text('done_note'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    budgetedAt: timestamp('budgeted_at', { withTimezone: true, mode: 'string' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('fund_projects_org_year_idx').on(t.orgId, t.year, t.id),
    index('fund_projects_fund_idx').on(t.fundId),
    index('fund_projects_unit_idx').on(t.unitId),
    index('fund_projects_resolution_idx').on(t.resolutionId),
    index('fund_projects_created_by_idx').on(t.createdBy),
    check('fund_projects_kind_check', sql`${t.kind} IN (${list(projectKinds)})`),
    check('fund_projects_state_check', sql`${t.state} IN (${list(projectStates)})`),
    check('fund_projects_proposer_check', sql`${t.proposedBy} IN (${list(projectProposers)})`),
    check('fund_projects_budget_check', sql`${t.budgetYuan} >= 0`),
    check('fund_projects_target_check', sql`${t.targetYuan} IS NULL OR ${t.targetYuan} > 0`),
    check('fund_projects_progress_check', sql`${t.progress} BETWEEN 0 AND 100`),
  ],
)

export const fundProjectEvents = pgTable(
  'fund_project_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint('project_id', { mode: 'number' }).notNull().references(() => fundProjects.id),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    note: text('note'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('fund_project_events_project_idx').on(t.projectId, t.id), index('fund_project_events_actor_idx').on(t.actorId)],
)

export const fundExpenses = pgTable(
  'fund_expenses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint('project_id', { mode: 'number' }).notNull().references(() => fundProjects.id),
    amountYuan: yuan('amount_yuan').notNull(),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    /** What was bought or paid for (public). */
    item: text('item').notNull(),
    /** Who was paid (staff only). */
    payee: text('payee'),
    /** Receipt photos (staff only). */
    receiptPhotoIds: bigint('receipt_photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    recordedBy: bigint('recorded_by', { mode: 'number' }).references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('fund_expenses_project_idx').on(t.projectId, t.id),
    index('fund_expenses_recorded_by_idx').on(t.recordedBy),
    check('fund_expenses_amount_check', sql`${t.amountYuan} > 0`),
  ],
)

export const fundPledges = pgTable(
  'fund_pledges',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint('project_id', { mode: 'number' }).notNull().references(() => fundProjects.id),
    state: text('state', { enum: pledgeStates }).notNull().default('pledged'),
    /** The person who pledged (for a unit: the person acting for it). */
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    amountYuan: yuan('amount_yuan').notNull(),
    /** Shown as 爱心人士 on the public page. */
    anonymous: boolean('anonymous').notNull().default(false),
    note: text('note'),
    confirmedBy: bigint('confirmed_by', { mode: 'number' }).references(() => people.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('fund_pledges_project_idx').on(t.projectId, t.id),
    index('fund_pledges_person_idx').on(t.personId),
    index('fund_pledges_unit_idx').on(t.unitId),
    index('fund_pledges_confirmed_by_idx').on(t.confirmedBy),
    check('fund_pledges_state_check', sql`${t.state} IN (${list(pledgeStates)})`),
    check('fund_pledges_amount_check', sql`${t.amountYuan} > 0`),
  ],
)

/** A social organisation's profile: one row per unit of kind social_organisation. */
export const socialOrgs = pgTable(
  'social_orgs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
    services: text('services').array().notNull().default(sql`'{}'`),
    stage: text('stage', { enum: incubationStages }).notNull().default('incubating'),
    incubatedOn: date('incubated_on', { mode: 'string' }),
    hatchedOn: date('hatched_on', { mode: 'string' }),
    note: text('note'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('social_orgs_unit_idx').on(t.unitId),
    check('social_orgs_stage_check', sql`${t.stage} IN (${list(incubationStages)})`),
  ],
)
