// Broadcasts (红喇叭): notices from a cadre to the residents of a grid or building, the members
// registered at a community, a volunteer team, the units paired with a community or a hand-picked
// list, sent in the app, by SMS, or put on a call list for people without a smartphone. Every
// recipient gets one receipt row (made set-based, `INSERT … SELECT`, for 100,000 recipients):
// delivered, opened, acknowledged with one tap ("收到" / "我参加"), a call ticked off, or handed
// to the grid worker for a door visit.
import { bigint, boolean, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

export const broadcastStates = ['draft', 'sent', 'withdrawn'] as const
export const broadcastChannels = ['in_app', 'sms', 'call'] as const
export const callOutcomes = ['reached', 'no_answer', 'wrong_number', 'visited', 'not_home'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))

export const broadcasts = pgTable(
  'broadcasts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The node the notice is sent from (the sender is staff there); figures roll up by it. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => people.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Who it goes to: {"kind":"residents","orgId"} | members | team | units | people (broadcasts.audience.ts). */
    audience: jsonb('audience').notNull(),
    /** The channels chosen, in order of preference: in_app, sms, call. */
    channels: text('channels').array().notNull(),
    ackRequired: boolean('ack_required').notNull().default(false),
    /** The one-tap answers offered, e.g. {收到} or {我参加,不参加}. */
    ackOptions: text('ack_options').array().notNull().default(sql`'{}'`),
    state: text('state', { enum: broadcastStates }).notNull().default('draft'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'string' }),
    withdrawnBy: bigint('withdrawn_by', { mode: 'number' }).references(() => people.id),
    /** Counters kept by the set-based writes, so the list and the figures never count 100,000 rows. */
    recipients: integer('recipients').notNull().default(0),
    openedCount: integer('opened_count').notNull().default(0),
    ackedCount: integer('acked_count').notNull().default(0),
    /** When the acknowledged reached 80 % of the recipients (NULL until then). */
    ack80At: timestamp('ack80_at', { withTimezone: true, mode: 'string' }),
    remindedAt: timestamp('reminded_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('broadcasts_org_idx').on(t.orgId, t.id),
    index('broadcasts_author_idx').on(t.authorId),
    index('broadcasts_withdrawn_by_idx').on(t.withdrawnBy),
    index('broadcasts_sent_idx').on(t.sentAt),
    check('broadcasts_state_check', sql`${t.state} IN (${list(broadcastStates)})`),
    check('broadcasts_channels_check', sql`${t.channels} <@ ARRAY[${list(broadcastChannels)}]::text[] AND cardinality(${t.channels}) >= 1`),
    check('broadcasts_sent_check', sql`(${t.state} = 'draft') = (${t.sentAt} IS NULL)`),
  ],
)

export const broadcastReceipts = pgTable(
  'broadcast_receipts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    broadcastId: bigint('broadcast_id', { mode: 'number' }).notNull().references(() => broadcasts.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    /** How the person is reached: in the app, by SMS, or on the cadre's call list. */
    channel: text('channel', { enum: broadcastChannels }).notNull(),
    /** The org node the person was found under (building, community, team's node): grid workers and filters use it. */
    orgId: bigint('org_id', { mode: 'number' }).references(() => orgs.id),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'string' }),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'string' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'string' }),
    ackChoice: text('ack_choice'),
    /** 0 unopened, 1 opened, 2 acknowledged: the receipt table pages on (broadcast, stage, id). */
    stage: smallint('stage').notNull().default(0),
    remindedAt: timestamp('reminded_at', { withTimezone: true, mode: 'string' }),
    callTickedBy: bigint('call_ticked_by', { mode: 'number' }).references(() => people.id),
    callTickedAt: timestamp('call_ticked_at', { withTimezone: true, mode: 'string' }),
    callOutcome: text('call_outcome', { enum: callOutcomes }),
    callNote: text('call_note'),
    /** The grid worker asked to visit the person's door. */
    handedTo: bigint('handed_to', { mode: 'number' }).references(() => people.id),
    handedAt: timestamp('handed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('broadcast_receipts_key').on(t.broadcastId, t.personId),
    index('broadcast_receipts_page_idx').on(t.broadcastId, t.stage, t.id),
    index('broadcast_receipts_person_idx').on(t.personId, t.broadcastId),
    index('broadcast_receipts_org_idx').on(t.orgId),
    // Mostly NULL: partial, so the fan-out of 100,000 receipts writes no entries into them.
    index('broadcast_receipts_ticked_by_idx').on(t.callTickedBy).where(sql`call_ticked_by IS NOT NULL`),
    index('broadcast_receipts_handed_idx').on(t.handedTo).where(sql`handed_to IS NOT NULL`),
    check('broadcast_receipts_channel_check', sql`${t.channel} IN (${list(broadcastChannels)})`),
    check('broadcast_receipts_outcome_check', sql`${t.callOutcome} IS NULL OR ${t.callOutcome} IN (${list(callOutcomes)})`),
    check('broadcast_receipts_stage_check', sql`${t.stage} = CASE WHEN ${t.acknowledgedAt} IS NOT NULL THEN 2 WHEN ${t.openedAt} IS NOT NULL THEN 1 ELSE 0 END`),
  ],
)
