// The points ledger (积分): accounts of people, units and issuing org nodes, append-only
// balanced transactions and their postings, earning rules, the rewards catalogue and
// redemptions. Triggers in migrations/0009_points.sql keep balances and refuse edits.
import { bigint, boolean, check, foreignKey, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { ltree, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'
import { manualAwardStatuses, pointsAccountKinds, pointsRuleUnits, pointsTransactionKinds, redemptionStatuses } from './points.schemas.ts'


export const pointsRules = pgTable(
  'points_rules',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    /** Points per unit (hour, activity, order, …); the direction says whether they are paid or taken. */
    points: integer('points').notNull(),
    unit: text('unit', { enum: pointsRuleUnits }).notNull(),
    direction: text('direction', { enum: ['earn', 'deduct'] }).notNull().default('earn'),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    check('points_rules_code_check', sql`${t.code} ~ '^[a-z][a-z0-9_]{1,40}$'`),
    check('points_rules_name_check', sql`length(btrim(${t.name})) BETWEEN 1 AND 50 AND length(btrim(${t.nameEn})) BETWEEN 1 AND 100`),
    check('points_rules_points_check', sql`${t.points} BETWEEN 1 AND 100000`),
    check('points_rules_unit_check', sql`${t.unit} IN ('hour','activity','order','rating','case','time')`),
    check('points_rules_direction_check', sql`${t.direction} IN ('earn','deduct')`),
  ],
)

export const pointsAccounts = pgTable(
  'points_accounts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ownerKind: text('owner_kind', { enum: pointsAccountKinds }).notNull(),
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id),
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    /** The org node the account belongs to (scope of who may read it); the issuing node itself for 'org'. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** Kept by the posting trigger for people and units; 0 on issuer rows, whose balance (negative by the points in circulation) is the sum of their postings. */
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('points_accounts_person_key').on(t.personId).where(sql`person_id IS NOT NULL`),
    uniqueIndex('points_accounts_unit_key').on(t.unitId).where(sql`unit_id IS NOT NULL`),
    uniqueIndex('points_accounts_issuer_key').on(t.orgId).where(sql`owner_kind = 'org'`),
    index('points_accounts_org_idx').on(t.orgId, t.id),
    check('points_accounts_owner_kind_check', sql`${t.ownerKind} IN ('person','unit','org')`),
    check('points_accounts_owner_check', sql`((${t.ownerKind} = 'person') = (${t.personId} IS NOT NULL)) AND ((${t.ownerKind} = 'unit') = (${t.unitId} IS NOT NULL))`),
    check('points_accounts_balance_check', sql`${t.ownerKind} = 'org' OR ${t.balance} >= 0`),
  ],
)

export const pointsTransactions = pgTable(
  'points_transactions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: pointsTransactionKinds }).notNull(),
    ruleCode: text('rule_code').references(() => pointsRules.code),
    quantity: numeric('quantity', { precision: 10, scale: 2 }),
    /** The caller's event id ("volunteers:attendance:42"): a retry finds the first transaction. */
    idempotencyKey: text('idempotency_key').notNull(),
    memo: text('memo').notNull(),
    reversesId: bigint('reverses_id', { mode: 'number' }).references((): never => pointsTransactions.id as never),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    /** Staff reading someone else's postings see a neutral memo (the award of an anonymous case report). */
    private: boolean('private').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('points_transactions_idempotency_key').on(t.idempotencyKey),
    uniqueIndex('points_transactions_reverses_key').on(t.reversesId),
    index('points_transactions_org_path_gist').using('gist', t.orgPath),
    check('points_transactions_kind_check', sql`${t.kind} IN ('award','deduction','redemption','reversal')`),
    check('points_transactions_reverses_check', sql`(${t.kind} = 'reversal') = (${t.reversesId} IS NOT NULL)`),
    check('points_transactions_key_check', sql`length(${t.idempotencyKey}) BETWEEN 1 AND 200`),
    check('points_transactions_memo_check', sql`length(btrim(${t.memo})) BETWEEN 1 AND 500`),
    index('points_transactions_org_id_idx').on(t.orgId),
    index('points_transactions_rule_code_idx').on(t.ruleCode),
    // The statistics sweep sums a month's transactions: a range of this, not the whole table.
    index('points_transactions_created_at_idx').on(t.createdAt),
  ],
)

export const pointsPostings = pgTable(
  'points_postings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    transactionId: bigint('transaction_id', { mode: 'number' }).notNull().references(() => pointsTransactions.id),
    accountId: bigint('account_id', { mode: 'number' }).notNull().references(() => pointsAccounts.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('points_postings_account_idx').on(t.accountId, t.id),
    index('points_postings_transaction_idx').on(t.transactionId),
    check('points_postings_amount_check', sql`${t.amount} <> 0`),
  ],
)

export const pointsRewards = pgTable(
  'points_rewards',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    description: text('description'),
    points: integer('points').notNull(),
    stock: integer('stock').notNull(),
    /** The merchant (a unit of kind 'merchant') that hands the item over and receives the points; null: the issuer itself. */
    merchantUnitId: bigint('merchant_unit_id', { mode: 'number' }).references(() => units.id),
    /** The community or street that publishes the item. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    active: boolean('active').notNull().default(true),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('points_rewards_org_idx').on(t.orgId, t.id),
    index('points_rewards_merchant_idx').on(t.merchantUnitId),
    check('points_rewards_name_check', sql`length(btrim(${t.name})) BETWEEN 1 AND 60`),
    check('points_rewards_points_check', sql`${t.points} BETWEEN 1 AND 1000000`),
    check('points_rewards_stock_check', sql`${t.stock} >= 0`),
  ],
)

export const pointsRedemptions = pgTable(
  'points_redemptions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    rewardId: bigint('reward_id', { mode: 'number' }).notNull().references(() => pointsRewards.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    quantity: integer('quantity').notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    /** Eight digits the person shows at the merchant. */
    code: text('code').notNull(),
    status: text('status', { enum: redemptionStatuses }).notNull().default('pending'),
    transactionId: bigint('transaction_id', { mode: 'number' }).notNull().references(() => pointsTransactions.id),
    cancelTransactionId: bigint('cancel_transaction_id', { mode: 'number' }),
    handledBy: bigint('handled_by', { mode: 'number' }).references(() => people.id),
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'string' }),
    cancelReason: text('cancel_reason'),
    /** SHA-256 of the request its idempotency key came with: the same key with another body is refused. */
    requestHash: text('request_hash'),
    ...timestamps,
  },
  (t) => [
    foreignKey({ columns: [t.cancelTransactionId], foreignColumns: [pointsTransactions.id], name: 'points_redemptions_cancel_transaction_id_fk' }),
    uniqueIndex('points_redemptions_code_key').on(t.code),
    uniqueIndex('points_redemptions_transaction_key').on(t.transactionId),
    index('points_redemptions_person_idx').on(t.personId, t.id),
    index('points_redemptions_reward_idx').on(t.rewardId, t.id),
    check('points_redemptions_quantity_check', sql`${t.quantity} BETWEEN 1 AND 10`),
    check('points_redemptions_points_check', sql`${t.points} > 0`),
    check('points_redemptions_code_check', sql`${t.code} ~ '^[0-9]{8}$'`),
    check('points_redemptions_status_check', sql`${t.status} IN ('pending','handed_over','cancelled')`),
    check('points_redemptions_cancel_check', sql`(${t.status} = 'cancelled') = (${t.cancelTransactionId} IS NOT NULL)`),
    check('points_redemptions_handled_check', sql`(${t.status} = 'pending') = (${t.handledAt} IS NULL)`),
    index('points_redemptions_cancel_transaction_id_idx').on(t.cancelTransactionId).where(sql`cancel_transaction_id IS NOT NULL`),
  ],
)

/**
 * Every award or deduction entered by hand: posted at once up to POINTS_MANUAL_APPROVAL_ABOVE
 * points, else pending until a second person approves or rejects it (migrations/0016).
 */
export const pointsManualAwards = pgTable(
  'points_manual_awards',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    status: text('status', { enum: manualAwardStatuses }).notNull(),
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id),
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    ruleCode: text('rule_code').notNull().references(() => pointsRules.code),
    direction: text('direction', { enum: ['earn', 'deduct'] }).notNull(),
    quantity: numeric('quantity', { precision: 10, scale: 2 }).notNull(),
    /** The points the rule and quantity came to when entered (positive; the direction says which way). */
    points: bigint('points', { mode: 'number' }).notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    reason: text('reason').notNull(),
    awardedBy: bigint('awarded_by', { mode: 'number' }).notNull().references(() => people.id),
    /** The client's key ("manual:<awarder>:<key>"); the posted transaction's key is "manual_award:<id>". */
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash'),
    transactionId: bigint('transaction_id', { mode: 'number' }).references(() => pointsTransactions.id),
    decidedBy: bigint('decided_by', { mode: 'number' }).references(() => people.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    rejectReason: text('reject_reason'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('points_manual_awards_key').on(t.idempotencyKey),
    uniqueIndex('points_manual_awards_transaction_key').on(t.transactionId),
    index('points_manual_awards_awarder_idx').on(t.awardedBy, t.createdAt),
    index('points_manual_awards_org_path_gist').using('gist', t.orgPath),
    index('points_manual_awards_status_idx').on(t.status, t.id),
    check('points_manual_awards_status_check', sql`${t.status} IN ('pending','posted','rejected')`),
    check('points_manual_awards_owner_check', sql`(${t.personId} IS NULL) <> (${t.unitId} IS NULL)`),
    check('points_manual_awards_direction_check', sql`${t.direction} IN ('earn','deduct')`),
    check('points_manual_awards_points_check', sql`${t.points} > 0`),
    check('points_manual_awards_posted_check', sql`(${t.status} = 'posted') = (${t.transactionId} IS NOT NULL)`),
    check('points_manual_awards_decided_check', sql`(${t.status} = 'pending') = (${t.decidedAt} IS NULL)`),
    check('points_manual_awards_reject_check', sql`(${t.status} = 'rejected') = (${t.rejectReason} IS NOT NULL)`),
    check('points_manual_awards_two_people_check', sql`${t.decidedBy} IS NULL OR ${t.decidedBy} <> ${t.awardedBy}`),
    check('points_manual_awards_reason_check', sql`length(btrim(${t.reason})) BETWEEN 1 AND 500`),
    check('points_manual_awards_key_check', sql`length(${t.idempotencyKey}) BETWEEN 1 AND 200`),
    index('points_manual_awards_org_id_idx').on(t.orgId),
    index('points_manual_awards_person_id_idx').on(t.personId),
    index('points_manual_awards_rule_code_idx').on(t.ruleCode),
    index('points_manual_awards_unit_id_idx').on(t.unitId),
  ],
)
