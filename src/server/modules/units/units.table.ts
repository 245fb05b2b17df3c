// Units (单位): employers, firms, social organisations, merchants and property firms, which are
// not places in the org tree. A unit sits in an area (`org_id`, usually a street or community);
// the people who act for it are linked in `unit_people` (never shared logins).
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { coBuildingTags, listItemStates, listKinds, unitKinds } from './units.schemas.ts'

export { unitKinds }


export const units = pgTable(
  'units',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    kind: text('kind', { enum: unitKinds }).notNull(),
    /** 统一社会信用代码, 18 characters. */
    creditCode: text('credit_code'),
    /** The smallest org node the unit sits in (a street or community); scope checks use its path. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** 驻区单位: based in the area it sits in (as opposed to paired from elsewhere). */
    residentUnit: boolean('resident_unit').notNull().default(false),
    hasPartyOrg: boolean('has_party_org').notNull().default(false),
    partyOrgName: text('party_org_name'),
    partyMemberCount: integer('party_member_count').notNull().default(0),
    staffCount: integer('staff_count'),
    address: text('address'),
    location: geometry('location', { type: 'Point' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('units_org_idx').on(t.orgId),
    uniqueIndex('units_credit_code_key').on(t.creditCode).where(sql`deleted_at IS NULL`),
    check('units_name_check', sql`length(btrim(${t.name})) BETWEEN 1 AND 100`),
    check('units_kind_check', sql`${t.kind} IN ('government_agency','public_institution','state_enterprise','non_public_firm','social_organisation','merchant','property_firm')`),
    check('units_credit_code_check', sql`${t.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'`),
    check('units_counts_check', sql`${t.partyMemberCount} >= 0 AND (${t.staffCount} IS NULL OR ${t.staffCount} >= 0)`),
  ],
)

/** Who acts for a unit: its representative(s) and staff with console access to the unit's records. */
export const unitPeople = pgTable(
  'unit_people',
  {
    unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    role: text('role', { enum: ['representative', 'staff'] }).notNull().default('staff'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.personId] }),
    index('unit_people_person_idx').on(t.personId),
    check('unit_people_role_check', sql`${t.role} IN ('representative','staff')`),
  ],
)

// ---------------------------------------------------------------------------
// Co-building (共建), migration 0011.

const tagList = sql.raw(coBuildingTags.map((t) => `'${t}'`).join(','))

/** The most core pairings ("5+X+Y": the 5) a community may hold, set on a community or street; nearest wins, else the setting. */
export const pairingLimits = pgTable(
  'pairing_limits',
  {
    orgId: bigint('org_id', { mode: 'number' }).primaryKey().references(() => orgs.id),
    maxUnits: integer('max_units').notNull(),
    updatedBy: bigint('updated_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [check('pairing_limits_max_units_check', sql`${t.maxUnits} BETWEEN 1 AND 50`)],
)

/** 结对共建协议: a unit's agreement to support a community. `core` pairings count towards the limit; `area` (驻区单位, the X) do not. */
export const pairingAgreements = pgTable(
  'pairing_agreements',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
    kind: text('kind', { enum: ['core', 'area'] }).notNull().default('core'),
    title: text('title').notNull(),
    terms: text('terms').notNull(),
    tags: text('tags').array().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    status: text('status', { enum: ['active', 'ended'] }).notNull().default('active'),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('pairing_agreements_community_idx').on(t.communityId, t.id),
    index('pairing_agreements_unit_idx').on(t.unitId),
    uniqueIndex('pairing_agreements_active_key').on(t.communityId, t.unitId).where(sql`status = 'active'`),
    check('pairing_agreements_kind_check', sql`${t.kind} IN ('core','area')`),
    check('pairing_agreements_status_check', sql`${t.status} IN ('active','ended')`),
    check('pairing_agreements_title_check', sql`length(btrim(${t.title})) BETWEEN 1 AND 100`),
    check('pairing_agreements_terms_check', sql`length(btrim(${t.terms})) BETWEEN 1 AND 4000`),
    check('pairing_agreements_tags_check', sql`cardinality(${t.tags}) BETWEEN 1 AND 8 AND ${t.tags} <@ ARRAY[${tagList}]::text[]`),
    check('pairing_agreements_dates_check', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
    check('pairing_agreements_ended_check', sql`(${t.status} = 'ended') = (${t.endedOn} IS NOT NULL)`),
  ],
)


/** An item of a community's or a unit's list (需求/资源/项目/责任清单), claimed by the other side. */
export const listItems = pgTable(
  'list_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    list: text('list', { enum: listKinds }).notNull(),
    /** The community the item is for (published by it, or by a unit paired with it). */
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** Null when the community published the item; then a unit claims it, else the community does. */
    publisherUnitId: bigint('publisher_unit_id', { mode: 'number' }).references(() => units.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    tag: text('tag', { enum: coBuildingTags }),
    dueOn: date('due_on', { mode: 'string' }),
    state: text('state', { enum: listItemStates }).notNull().default('open'),
    claimantUnitId: bigint('claimant_unit_id', { mode: 'number' }).references(() => units.id),
    claimedBy: bigint('claimed_by', { mode: 'number' }).references(() => people.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'string' }),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }),
    publishedBy: bigint('published_by', { mode: 'number' }).notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('list_items_community_idx').on(t.communityId, t.id),
    index('list_items_publisher_unit_idx').on(t.publisherUnitId),
    index('list_items_claimant_unit_idx').on(t.claimantUnitId),
    check('list_items_list_check', sql`${t.list} IN ('need','resource','project','responsibility')`),
    check('list_items_state_check', sql`${t.state} IN ('open','claimed','in_progress','completed','withdrawn')`),
    check('list_items_title_check', sql`length(btrim(${t.title})) BETWEEN 1 AND 100`),
    check('list_items_description_check', sql`length(btrim(${t.description})) BETWEEN 1 AND 2000`),
    check('list_items_tag_check', sql`${t.tag} IN (${tagList})`),
    check('list_items_claim_check', sql`(${t.state} = 'open') = (${t.claimedBy} IS NULL) OR (${t.state} = 'withdrawn')`),
    check('list_items_claimant_check', sql`${t.claimedBy} IS NULL OR (${t.publisherUnitId} IS NULL) = (${t.claimantUnitId} IS NOT NULL)`),
    check('list_items_completed_check', sql`(${t.state} = 'completed') = (${t.completedAt} IS NOT NULL)`),
  ],
)

/** The timeline of a list item: one row per transition or progress report (append-only). */
export const listItemEvents = pgTable(
  'list_item_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: bigint('item_id', { mode: 'number' }).notNull().references(() => listItems.id),
    action: text('action', { enum: ['publish', 'claim', 'progress', 'confirm', 'withdraw'] }).notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    note: text('note'),
    progress: integer('progress'),
    actorId: bigint('actor_id', { mode: 'number' }).notNull().references(() => people.id),
    actingUnitId: bigint('acting_unit_id', { mode: 'number' }).references(() => units.id),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('list_item_events_item_idx').on(t.itemId, t.id),
    check('list_item_events_action_check', sql`${t.action} IN ('publish','claim','progress','confirm','withdraw')`),
    check('list_item_events_progress_check', sql`${t.progress} BETWEEN 0 AND 100`),
    check('list_item_events_note_check', sql`length(${t.note}) <= 2000`),
    index('list_item_events_acting_unit_id_idx').on(t.actingUnitId),
    index('list_item_events_actor_id_idx').on(t.actorId),
  ],
)

/** 党建联盟 / 党建综合体: units grouped on a street or community with shared activities. */
export const alliances = pgTable(
  'alliances',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['alliance', 'complex'] }).notNull().default('alliance'),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    description: text('description'),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('alliances_org_idx').on(t.orgId),
    uniqueIndex('alliances_org_name_key').on(t.orgId, t.name),
    check('alliances_kind_check', sql`${t.kind} IN ('alliance','complex')`),
    check('alliances_name_check', sql`length(btrim(${t.name})) BETWEEN 1 AND 100`),
  ],
)

export const allianceUnits = pgTable(
  'alliance_units',
  {
    allianceId: bigint('alliance_id', { mode: 'number' }).notNull().references(() => alliances.id),
    unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.allianceId, t.unitId] }), index('alliance_units_unit_idx').on(t.unitId)],
)

export const allianceActivities = pgTable(
  'alliance_activities',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    allianceId: bigint('alliance_id', { mode: 'number' }).notNull().references(() => alliances.id),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place'),
    description: text('description'),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('alliance_activities_alliance_idx').on(t.allianceId, t.heldOn),
    check('alliance_activities_title_check', sql`length(btrim(${t.title})) BETWEEN 1 AND 100`),
  ],
)
