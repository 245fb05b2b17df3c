// Wishes (微心愿): small wishes of children, elderly people and families in difficulty, posted by
// them or by a cadre for them, moderated by the community, claimed one to one by a member or a
// unit (exactly one claimant: one conditional UPDATE on state = 'open'), fulfilled with proof
// photos and thanked publicly. The public wall never names the wisher.
import { bigint, check, index, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'

export const wishStates = ['pending', 'rejected', 'open', 'claimed', 'fulfilled', 'cancelled'] as const
export const wishBeneficiaries = ['child', 'elderly', 'family_in_difficulty', 'disabled', 'other'] as const
export const wishCategories = ['study', 'daily', 'health', 'culture', 'companionship', 'other'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))

export const wishes = pgTable(
  'wishes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The community that moderates it (and whose wall shows it). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    state: text('state', { enum: wishStates }).notNull(),
    /** Whose wish it is. */
    wisherId: bigint('wisher_id', { mode: 'number' }).notNull().references(() => people.id),
    /** Who posted it: the wisher, or a cadre for them. */
    postedBy: bigint('posted_by', { mode: 'number' }).references(() => people.id),
    beneficiary: text('beneficiary', { enum: wishBeneficiaries }).notNull(),
    category: text('category', { enum: wishCategories }).notNull(),
    title: text('title').notNull(),
    story: text('story'),
    /** Estimated value in yuan, at most the community's cap (WISH_VALUE_CAP). */
    valueYuan: numeric('value_yuan', { precision: 8, scale: 2 }).notNull(),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    /** The wish leaves the wall after this day (China time). */
    expiresOn: text('expires_on'),
    moderatedBy: bigint('moderated_by', { mode: 'number' }).references(() => people.id),
    moderatedAt: timestamp('moderated_at', { withTimezone: true, mode: 'string' }),
    reason: text('reason'),
    /** The claimant: a person, or a unit (with the person who acted for it). */
    claimantPersonId: bigint('claimant_person_id', { mode: 'number' }).references(() => people.id),
    claimantUnitId: bigint('claimant_unit_id', { mode: 'number' }).references(() => units.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'string' }),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true, mode: 'string' }),
    fulfilNote: text('fulfil_note'),
    proofPhotoIds: bigint('proof_photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    /** The public thanks on the wall. */
    thanks: text('thanks'),
    thankedAt: timestamp('thanked_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('wishes_org_state_idx').on(t.orgId, t.state, t.id),
    index('wishes_wisher_idx').on(t.wisherId),
    index('wishes_claimant_idx').on(t.claimantPersonId),
    index('wishes_claimant_unit_idx').on(t.claimantUnitId),
    check('wishes_state_check', sql`${t.state} IN (${list(wishStates)})`),
    check('wishes_beneficiary_check', sql`${t.beneficiary} IN (${list(wishBeneficiaries)})`),
    check('wishes_category_check', sql`${t.category} IN (${list(wishCategories)})`),
    check('wishes_value_check', sql`${t.valueYuan} > 0`),
    check('wishes_claimant_check', sql`${t.claimantUnitId} IS NULL OR ${t.claimantPersonId} IS NOT NULL`),
  ],
)

export const wishEvents = pgTable(
  'wish_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    wishId: bigint('wish_id', { mode: 'number' }).notNull().references(() => wishes.id),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    note: text('note'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('wish_events_wish_idx').on(t.wishId, t.id), index('wish_events_actor_idx').on(t.actorId)],
)
