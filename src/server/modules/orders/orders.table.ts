// Service orders (三单制, 五单): the service catalogue in three lists with versioned items, the
// orders residents place and members, volunteers, teams and units serve, each order's timeline,
// providers' matching profiles (错时服务 windows, live position), and the one-button call (一键通):
// registered devices, their contacts and presses with the escalation ladder.
//
// An item is an identity (`service_items`) with immutable versions (`service_item_versions`): an
// edit writes a new version and moves `current_version_id`, so an order placed earlier keeps the
// terms it was placed under. A claim is one conditional UPDATE of `orders` (state = 'open').
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'
import { volunteerTeams } from '../volunteers/volunteers.table.ts'

export const serviceLists = ['public', 'social', 'volunteer'] as const
export const providerKinds = ['member', 'volunteer', 'team', 'unit', 'merchant', 'department', 'staff'] as const
export const orderAudiences = ['everyone', 'elderly', 'tagged'] as const
export const orderStates = ['placed', 'accepted', 'open', 'assigned', 'in_progress', 'completed', 'confirmed', 'refused', 'merged', 'cancelled'] as const
export const orderChannels = ['app', 'proxy', 'device', 'elder_button'] as const
export const assigneeKinds = ['person', 'team', 'unit'] as const
export const pressStates = ['pending', 'cancelled', 'ordered', 'acknowledged'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))

export const serviceItems = pgTable(
  'service_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Where the item is offered: this node's subtree; its cadres edit it. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** The version new orders are placed under (set right after the first version is written). */
    currentVersionId: bigint('current_version_id', { mode: 'number' }),
    /** Off the catalogue: no new orders; placed ones go on. */
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('service_items_org_idx').on(t.orgId)],
)

export const serviceItemVersions = pgTable(
  'service_item_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: bigint('item_id', { mode: 'number' }).notNull().references(() => serviceItems.id),
    version: integer('version').notNull(),
    list: text('list', { enum: serviceLists }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** A name from the web app's icon set. */
    icon: text('icon').notNull().default('service'),
    providerKinds: text('provider_kinds').array().notNull(),
    /** A volunteer or member must list this skill to be matched (null: anyone of the kinds). */
    skill: text('skill'),
    audience: text('audience', { enum: orderAudiences }).notNull().default('everyone'),
    /** Residents' tags that may order it (audience 'tagged'), e.g. 空巢老人, 残疾人. */
    audienceTags: text('audience_tags').array().notNull().default(sql`'{}'`),
    /** Placed orders are accepted without a review. */
    autoAccept: boolean('auto_accept').notNull().default(false),
    /** Open for grabbing after review (else a cadre dispatches). */
    grab: boolean('grab').notNull().default(true),
    reviewHours: numeric('review_hours', { precision: 6, scale: 2 }).notNull().default('24'),
    claimHours: numeric('claim_hours', { precision: 6, scale: 2 }).notNull().default('24'),
    finishHours: numeric('finish_hours', { precision: 6, scale: 2 }).notNull().default('72'),
    /** Hours credited to the provider (toward members' yearly target). */
    serviceHours: numeric('service_hours', { precision: 5, scale: 2 }).notNull().default('1'),
    ratingRequired: boolean('rating_required').notNull().default(true),
    points: integer('points').notNull().default(0),
    priceNote: text('price_note'),
    /** Providers within this many metres of the address are offered the order. */
    radiusM: integer('radius_m').notNull().default(3000),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_item_versions_key').on(t.itemId, t.version),
    check('service_item_versions_list_check', sql`${t.list} IN (${list(serviceLists)})`),
    check('service_item_versions_audience_check', sql`${t.audience} IN (${list(orderAudiences)})`),
    check('service_item_versions_kinds_check', sql`cardinality(${t.providerKinds}) >= 1 AND ${t.providerKinds} <@ ARRAY[${list(providerKinds)}]::text[]`),
    check('service_item_versions_points_check', sql`${t.points} >= 0 AND ${t.points} <= 1000`),
    check('service_item_versions_hours_check', sql`${t.reviewHours} > 0 AND ${t.claimHours} > 0 AND ${t.finishHours} > 0 AND ${t.serviceHours} >= 0 AND ${t.serviceHours} <= 24`),
    check('service_item_versions_radius_check', sql`${t.radiusM} BETWEEN 100 AND 50000`),
  ],
)

export const orders = pgTable(
  'orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: bigint('item_id', { mode: 'number' }).notNull().references(() => serviceItems.id),
    /** The terms the order was placed under. */
    itemVersionId: bigint('item_version_id', { mode: 'number' }).notNull().references(() => serviceItemVersions.id),
    /** The smallest node of the address (a building, else a grid or the community). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** The community that reviews the order. */
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    state: text('state', { enum: orderStates }).notNull(),
    /** Who is served. */
    requesterId: bigint('requester_id', { mode: 'number' }).notNull().references(() => people.id),
    /** Who placed it: the requester, or a cadre for them (代下单). */
    placedBy: bigint('placed_by', { mode: 'number' }).references(() => people.id),
    channel: text('channel', { enum: orderChannels }).notNull(),
    location: geometry('location', { type: 'Point' }).notNull(),
    address: text('address').notNull(),
    windowFrom: timestamp('window_from', { withTimezone: true, mode: 'string' }),
    windowTo: timestamp('window_to', { withTimezone: true, mode: 'string' }),
    note: text('note'),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    urgent: boolean('urgent').notNull().default(false),
    assigneeKind: text('assignee_kind', { enum: assigneeKinds }),
    assigneePersonId: bigint('assignee_person_id', { mode: 'number' }).references(() => people.id),
    assigneeTeamId: bigint('assignee_team_id', { mode: 'number' }).references(() => volunteerTeams.id),
    assigneeUnitId: bigint('assignee_unit_id', { mode: 'number' }).references(() => units.id),
    /** The person who serves (the assignee person, or the one a team or unit names on start). */
    providerId: bigint('provider_id', { mode: 'number' }).references(() => people.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'string' }),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true, mode: 'string' }),
    checkinDistanceM: integer('checkin_distance_m'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }),
    result: text('result'),
    hours: numeric('hours', { precision: 5, scale: 2 }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'string' }),
    /** resident, auto (after ORDER_AUTO_CONFIRM_DAYS), cadre (a follow-up call). */
    confirmedHow: text('confirmed_how'),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    reworks: smallint('reworks').notNull().default(0),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
    reason: text('reason'),
    /** The deadline of the current stage (review, claim or finish) and its reminders. */
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }),
    remindedAt: timestamp('reminded_at', { withTimezone: true, mode: 'string' }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('orders_state_idx').on(t.state, t.dueAt),
    index('orders_org_idx').on(t.orgId, t.id),
    // The orders of the last weeks (hotspots' window: a few thousand of a city's orders).
    index('orders_created_at_idx').on(t.createdAt),
    index('orders_community_idx').on(t.communityId, t.state, t.id),
    index('orders_requester_idx').on(t.requesterId, t.id),
    index('orders_provider_idx').on(t.providerId, t.id),
    index('orders_assignee_idx').on(t.assigneePersonId, t.state),
    index('orders_item_idx').on(t.itemId, t.id),
    index('orders_item_version_idx').on(t.itemVersionId),
    index('orders_team_idx').on(t.assigneeTeamId, t.state),
    index('orders_unit_idx').on(t.assigneeUnitId, t.state),
    index('orders_open_location_idx').using('gist', t.location).where(sql`${t.state} = 'open'`),
    check('orders_state_check', sql`${t.state} IN (${list(orderStates)})`),
    check('orders_channel_check', sql`${t.channel} IN (${list(orderChannels)})`),
    check('orders_rating_check', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
    check('orders_window_check', sql`${t.windowFrom} IS NULL OR ${t.windowTo} IS NULL OR ${t.windowFrom} < ${t.windowTo}`),
  ],
)

export const orderEvents = pgTable(
  'order_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull().references(() => orders.id),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    actorKind: text('actor_kind', { enum: ['person', 'system', 'device'] }).notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    note: text('note'),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id), index('order_events_actor_idx').on(t.actorId)],
)

/** A member's or volunteer's matching profile: 错时服务 windows and the last live position. */
export const orderProviders = pgTable('order_providers', {
  personId: bigint('person_id', { mode: 'number' }).primaryKey().references(() => people.id),
  /** `[{ day: 1..7, from: 'HH:MM', to: 'HH:MM' }]`; empty: any time. */
  windows: jsonb('windows').notNull().default(sql`'[]'::jsonb`),
  /** Shown orders within this many metres of home or live position (null: the item's radius). */
  radiusM: integer('radius_m'),
  liveLocation: geometry('live_location', { type: 'Point' }),
  liveAt: timestamp('live_at', { withTimezone: true, mode: 'string' }),
  /** Paused: no grab pushes. */
  paused: boolean('paused').notNull().default(false),
  ...timestamps,
})

export const devices = pgTable(
  'devices',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    serial: text('serial').notNull(),
    kind: text('kind', { enum: ['button', 'phone'] }).notNull().default('button'),
    /** The resident the device belongs to. */
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    /** The resident's home (building): its grid workers and the cadres above manage the device. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    defaultItemId: bigint('default_item_id', { mode: 'number' }).notNull().references(() => serviceItems.id),
    /** The HMAC key, sealed with the PII keyring (it must be read back to verify a signature). */
    secretEnc: text('secret_enc').notNull(),
    cancelWindowS: integer('cancel_window_s').notNull().default(10),
    /** Waits before each ladder step: `{ grid, nearby, duty, family }` in seconds. */
    ladder: jsonb('ladder').notNull(),
    /** The community's duty phone, sealed; its mask beside it. */
    dutyPhoneEnc: text('duty_phone_enc'),
    dutyPhoneMask: text('duty_phone_mask'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }),
    battery: smallint('battery'),
    /** The newest signed timestamp accepted: an older or equal one is a replay. */
    lastSignedAt: bigint('last_signed_at', { mode: 'number' }),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('devices_serial_key').on(t.serial),
    index('devices_org_idx').on(t.orgId),
    index('devices_person_idx').on(t.personId),
    index('devices_item_idx').on(t.defaultItemId),
    check('devices_cancel_window_check', sql`${t.cancelWindowS} BETWEEN 0 AND 60`),
  ],
)

export const deviceContacts = pgTable(
  'device_contacts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deviceId: bigint('device_id', { mode: 'number' }).notNull().references(() => devices.id),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    /** A person with an account is told in the app as well as called. */
    personId: bigint('person_id', { mode: 'number' }).references(() => people.id),
    phoneEnc: text('phone_enc').notNull(),
    phoneMask: text('phone_mask').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [index('device_contacts_device_idx').on(t.deviceId, t.position), index('device_contacts_person_idx').on(t.personId)],
)

export const devicePresses = pgTable(
  'device_presses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deviceId: bigint('device_id', { mode: 'number' }).notNull().references(() => devices.id),
    state: text('state', { enum: pressStates }).notNull(),
    /** The device's signed timestamp (ms). */
    signedAt: bigint('signed_at', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** The end of the cancel window: the sweep (or the press itself when 0) places the order. */
    orderAt: timestamp('order_at', { withTimezone: true, mode: 'string' }).notNull(),
    orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id),
    /** The ladder: steps reached so far (`[{ step, at, notified }]`) and when the next one is due. */
    steps: jsonb('steps').notNull().default(sql`'[]'::jsonb`),
    nextStepAt: timestamp('next_step_at', { withTimezone: true, mode: 'string' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'string' }),
    acknowledgedBy: bigint('acknowledged_by', { mode: 'number' }).references(() => people.id),
  },
  (t) => [
    uniqueIndex('device_presses_signed_key').on(t.deviceId, t.signedAt),
    index('device_presses_due_idx').on(t.state, t.orderAt),
    index('device_presses_order_idx').on(t.orderId),
    index('device_presses_ladder_idx').on(t.nextStepAt).where(sql`${t.acknowledgedAt} IS NULL AND ${t.nextStepAt} IS NOT NULL`),
    check('device_presses_state_check', sql`${t.state} IN (${list(pressStates)})`),
  ],
)
