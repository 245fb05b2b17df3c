// Errands (红色帮办): help for firms and residents with paperwork (a business licence, a permit, a
// subsidy application) at three levels: a centre at the district, stations at streets, points at
// communities (the level is the kind of the errand's org node). An errand has a checklist of
// documents, steps with an owner and a deadline each, a timeline the requester follows on the
// phone, and the requester's feedback at the end.
import { bigint, check, date, index, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'

export const errandStates = ['submitted', 'accepted', 'in_progress', 'done', 'rejected', 'cancelled'] as const
export const errandMatters = ['business_licence', 'permit', 'subsidy', 'social_security', 'housing', 'other'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))

export const errands = pgTable(
  'errands',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The desk handling it now: a district (centre), street (station) or community (point). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    state: text('state', { enum: errandStates }).notNull(),
    /** The person who asked and follows it on the phone. */
    requesterId: bigint('requester_id', { mode: 'number' }).notNull().references(() => people.id),
    /** A firm's errand: the unit it is for (the requester acts for it). */
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    matter: text('matter', { enum: errandMatters }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** Documents: `[{ name, required, received, fileIds }]`. */
    checklist: jsonb('checklist').notNull().default(sql`'[]'::jsonb`),
    /** The helper (帮办员) responsible. */
    ownerId: bigint('owner_id', { mode: 'number' }).references(() => people.id),
    dueOn: date('due_on', { mode: 'string' }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'string' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    result: text('result'),
    reason: text('reason'),
    rating: smallint('rating'),
    feedback: text('feedback'),
    ratedAt: timestamp('rated_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('errands_org_state_idx').on(t.orgId, t.state, t.id),
    index('errands_requester_idx').on(t.requesterId, t.id),
    index('errands_owner_idx').on(t.ownerId),
    index('errands_unit_idx').on(t.unitId),
    check('errands_state_check', sql`${t.state} IN (${list(errandStates)})`),
    check('errands_matter_check', sql`${t.matter} IN (${list(errandMatters)})`),
    check('errands_rating_check', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
  ],
)

export const errandSteps = pgTable(
  'errand_steps',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    errandId: bigint('errand_id', { mode: 'number' }).notNull().references(() => errands.id),
    position: smallint('position').notNull(),
    title: text('title').notNull(),
    ownerId: bigint('owner_id', { mode: 'number' }).references(() => people.id),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    doneBy: bigint('done_by', { mode: 'number' }).references(() => people.id),
    note: text('note'),
    remindedAt: timestamp('reminded_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('errand_steps_errand_idx').on(t.errandId, t.position), index('errand_steps_owner_idx').on(t.ownerId), index('errand_steps_due_idx').on(t.dueAt).where(sql`${t.doneAt} IS NULL`)],
)

export const errandEvents = pgTable(
  'errand_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    errandId: bigint('errand_id', { mode: 'number' }).notNull().references(() => errands.id),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    note: text('note'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('errand_events_errand_idx').on(t.errandId, t.id), index('errand_events_actor_idx').on(t.actorId)],
)
