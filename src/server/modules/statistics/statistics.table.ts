// The statistics table (统计一套表): facts pre-aggregated per community and month, computed from the
// records by the indicators each module exports (kernel/indicators.ts) or typed by the community
// where no record holds the figure; the community-months a change touched wait in
// `statistic_dirty` for the sweep; reports submitted, approved and accepted bottom-up freeze a
// snapshot of the figures; a lock exception is time-limited, has a reason and is audited.
import { bigint, check, index, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

/** A month of China time, '2026-11'. Quarters and years are read from their months. */
const PERIOD = sql.raw(`'^[0-9]{4}-(0[1-9]|1[0-2])$'`)

export const statisticFacts = pgTable(
  'statistic_facts',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    period: text('period').notNull(),
    code: text('code').notNull(),
    /**
     * '' for the total (what the table, reports, snapshots and assessments read); else one part of
     * it, `<breakdown>:<value>` (`gender:female`, `ageBand:60-69`): a sum indicator's parts add up
     * to the total, a ratio's part carries its own numerator and denominator.
     */
    breakdown: text('breakdown').notNull().default(''),
    /** The figure, or a ratio's numerator. */
    numerator: numeric('numerator').notNull(),
    /** A ratio's denominator (summed separately up the tree, never an average of ratios). */
    denominator: numeric('denominator'),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.period, t.code, t.breakdown] }),
    index('statistic_facts_period_idx').on(t.period, t.code),
    check('statistic_facts_period_check', sql`${t.period} ~ ${PERIOD}`),
    check('statistic_facts_breakdown_check', sql`${t.breakdown} = '' OR ${t.breakdown} ~ '^[a-zA-Z]+:.{1,60}$'`),
  ],
)

/** Figures a community types where no record holds them; who typed them and when. */
export const statisticManualValues = pgTable(
  'statistic_manual_values',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    period: text('period').notNull(),
    code: text('code').notNull(),
    value: numeric('value').notNull(),
    enteredBy: bigint('entered_by', { mode: 'number' }).notNull().references(() => people.id),
    enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.period, t.code] }),
    index('statistic_manual_values_entered_by_idx').on(t.enteredBy),
    check('statistic_manual_values_period_check', sql`${t.period} ~ ${PERIOD}`),
  ],
)

/** Community-months whose records changed since their facts were computed. */
export const statisticDirty = pgTable(
  'statistic_dirty',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    period: text('period').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.period] })],
)

/** How far each module's changes have been read into `statistic_dirty`. */
export const statisticWatermarks = pgTable('statistic_watermarks', {
  source: text('source').primaryKey(),
  readTo: timestamp('read_to', { withTimezone: true, mode: 'string' }).notNull(),
})

export const reportStates = ['submitted', 'approved', 'accepted'] as const

/**
 * A node's report for a month: a community submits, its street approves (after every community
 * submitted), the district accepts. `snapshot` freezes the figures the node's table showed.
 */
export const statisticReports = pgTable(
  'statistic_reports',
  {
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    period: text('period').notNull(),
    state: text('state', { enum: reportStates }).notNull(),
    snapshot: jsonb('snapshot').notNull(),
    actedBy: bigint('acted_by', { mode: 'number' }).notNull().references(() => people.id),
    actedAt: timestamp('acted_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.period] }),
    index('statistic_reports_acted_by_idx').on(t.actedBy),
    index('statistic_reports_period_idx').on(t.period, t.state),
    check('statistic_reports_state_check', sql`${t.state} IN ('submitted','approved','accepted')`),
    check('statistic_reports_period_check', sql`${t.period} ~ ${PERIOD}`),
  ],
)

/** A time-limited exception to a lock: who opened it, why, until when. */
export const statisticUnlocks = pgTable(
  'statistic_unlocks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    period: text('period').notNull(),
    reason: text('reason').notNull(),
    until: timestamp('until', { withTimezone: true, mode: 'string' }).notNull(),
    grantedBy: bigint('granted_by', { mode: 'number' }).notNull().references(() => people.id),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('statistic_unlocks_org_idx').on(t.orgId, t.period),
    index('statistic_unlocks_granted_by_idx').on(t.grantedBy),
    check('statistic_unlocks_reason_check', sql`length(btrim(${t.reason})) BETWEEN 2 AND 500`),
  ],
)
