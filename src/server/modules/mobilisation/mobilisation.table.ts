// Mobilisation (应急动员): an emergency declared for an area by a street or district, the temporary
// Party branches formed there (kept when closed), shock teams (突击队), responsibility zones
// (责任区), duty posts (checkpoints, embankment sections; 先锋岗 when flagged vanguard) with their
// shifts around the clock, sign-ups (exactly `needed` hold: the shift row is locked while one is
// counted and written), uncovered-post alerts, hazards (险情, each a case of the cases module) and
// the commendations proposed when the emergency ends.
import { bigint, boolean, check, index, integer, numeric, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'
import { cases } from '../cases/cases.table.ts'

export const emergencyKinds = ['flood', 'epidemic', 'fire', 'event', 'other'] as const
export const emergencyLevels = ['normal', 'high', 'urgent'] as const
export const postKinds = ['checkpoint', 'embankment', 'shelter', 'patrol', 'other'] as const
export const memberSources = ['unit', 'member', 'volunteer', 'other'] as const
export const signupSources = ['self', 'assigned'] as const
export const checkinMethods = ['qr', 'position', 'manual'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' })

export const emergencies = pgTable('emergencies', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind', { enum: emergencyKinds }).notNull(),
  name: text('name').notNull(),
  /** The tag its hazards' cases carry (e.g. "防汛2026"). */
  tag: text('tag').notNull(),
  /** The priority its hazards take unless one says otherwise. */
  level: text('level', { enum: emergencyLevels }).notNull().default('high'),
  /** The area: an org node (its scope), optionally narrowed to a polygon. */
  orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
  area: geometry('area', { type: 'Polygon' }),
  description: text('description'),
  declaredBy: bigint('declared_by', { mode: 'number' }).notNull().references(() => people.id),
  startedAt: at('started_at').notNull().defaultNow(),
  endedAt: at('ended_at'),
  endedBy: bigint('ended_by', { mode: 'number' }).references(() => people.id),
  summary: text('summary'),
  ...timestamps,
}, (t) => [
  index('emergencies_org_id_idx').on(t.orgId, t.startedAt),
  index('emergencies_declared_by_idx').on(t.declaredBy),
  index('emergencies_ended_by_idx').on(t.endedBy),
  check('emergencies_kind_check', sql`${t.kind} IN (${list(emergencyKinds)})`),
  check('emergencies_level_check', sql`${t.level} IN (${list(emergencyLevels)})`),
  check('emergencies_name_check', sql`length(btrim(${t.name})) BETWEEN 2 AND 100 AND length(btrim(${t.tag})) BETWEEN 1 AND 30`),
  check('emergencies_end_check', sql`(${t.endedAt} IS NULL) = (${t.endedBy} IS NULL) AND (${t.endedAt} IS NULL OR ${t.endedAt} >= ${t.startedAt})`),
])

/** A temporary Party branch (临时党支部) formed from the members sent to the emergency; closed with it, its records kept. */
export const emergencyBranches = pgTable('emergency_branches', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  name: text('name').notNull(),
  secretaryId: bigint('secretary_id', { mode: 'number' }).notNull().references(() => people.id),
  closedAt: at('closed_at'),
  /** What the branch did, written when it closes. */
  record: text('record'),
  ...timestamps,
}, (t) => [
  index('emergency_branches_emergency_id_idx').on(t.emergencyId),
  index('emergency_branches_secretary_id_idx').on(t.secretaryId),
  check('emergency_branches_name_check', sql`length(btrim(${t.name})) BETWEEN 2 AND 100`),
])

export const emergencyBranchMembers = pgTable('emergency_branch_members', {
  branchId: bigint('branch_id', { mode: 'number' }).notNull().references(() => emergencyBranches.id),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
  /** The unit that sent them, when one did. */
  unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
  joinedAt: at('joined_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('emergency_branch_members_key').on(t.branchId, t.personId),
  index('emergency_branch_members_person_id_idx').on(t.personId),
  index('emergency_branch_members_unit_id_idx').on(t.unitId),
])

/** A shock team (突击队): a leader and members drawn from units and registered in-service members. */
export const emergencyTeams = pgTable('emergency_teams', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  name: text('name').notNull(),
  leaderId: bigint('leader_id', { mode: 'number' }).notNull().references(() => people.id),
  ...timestamps,
}, (t) => [
  index('emergency_teams_emergency_id_idx').on(t.emergencyId),
  index('emergency_teams_leader_id_idx').on(t.leaderId),
  check('emergency_teams_name_check', sql`length(btrim(${t.name})) BETWEEN 2 AND 100`),
])

export const emergencyTeamMembers = pgTable('emergency_team_members', {
  teamId: bigint('team_id', { mode: 'number' }).notNull().references(() => emergencyTeams.id),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
  source: text('source', { enum: memberSources }).notNull(),
  unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
  joinedAt: at('joined_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('emergency_team_members_key').on(t.teamId, t.personId),
  index('emergency_team_members_person_id_idx').on(t.personId),
  index('emergency_team_members_unit_id_idx').on(t.unitId),
  check('emergency_team_members_source_check', sql`${t.source} IN (${list(memberSources)})`),
])

/** A responsibility zone (责任区): a polygon on the map assigned to a member. */
export const emergencyZones = pgTable('emergency_zones', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  name: text('name').notNull(),
  area: geometry('area', { type: 'Polygon' }).notNull(),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
  teamId: bigint('team_id', { mode: 'number' }).references(() => emergencyTeams.id),
  ...timestamps,
}, (t) => [
  index('emergency_zones_emergency_id_idx').on(t.emergencyId),
  index('emergency_zones_person_id_idx').on(t.personId),
  index('emergency_zones_team_id_idx').on(t.teamId),
  index('emergency_zones_area_gist').using('gist', t.area),
  check('emergency_zones_name_check', sql`length(btrim(${t.name})) BETWEEN 2 AND 100`),
])

/** A duty post: a checkpoint, an embankment section; a vanguard post (先锋岗) when flagged. */
export const emergencyPosts = pgTable('emergency_posts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  name: text('name').notNull(),
  kind: text('kind', { enum: postKinds }).notNull(),
  vanguard: boolean('vanguard').notNull().default(false),
  location: geometry('location', { type: 'Point' }).notNull(),
  /** Check-in by position: within this many metres of the post. */
  radiusM: integer('radius_m').notNull().default(200),
  zoneId: bigint('zone_id', { mode: 'number' }).references(() => emergencyZones.id),
  teamId: bigint('team_id', { mode: 'number' }).references(() => emergencyTeams.id),
  /** The secret the post's rotating check-in QR code signs with (kernel/checkin-code.ts). */
  checkinSecret: text('checkin_secret').notNull().default(sql`encode(gen_random_bytes(16), 'hex')`),
  ...timestamps,
}, (t) => [
  index('emergency_posts_emergency_id_idx').on(t.emergencyId),
  index('emergency_posts_zone_id_idx').on(t.zoneId),
  index('emergency_posts_team_id_idx').on(t.teamId),
  index('emergency_posts_location_gist').using('gist', t.location),
  check('emergency_posts_kind_check', sql`${t.kind} IN (${list(postKinds)})`),
  check('emergency_posts_name_check', sql`length(btrim(${t.name})) BETWEEN 2 AND 100`),
  check('emergency_posts_radius_check', sql`${t.radiusM} BETWEEN 20 AND 5000`),
])

/** A shift of a post: `needed` people from `starts_at` to `ends_at`. */
export const emergencyShifts = pgTable('emergency_shifts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  postId: bigint('post_id', { mode: 'number' }).notNull().references(() => emergencyPosts.id),
  startsAt: at('starts_at').notNull(),
  endsAt: at('ends_at').notNull(),
  needed: smallint('needed').notNull(),
  /** When the uncovered-post alert went out (once per shift). */
  alertedAt: at('alerted_at'),
  ...timestamps,
}, (t) => [
  index('emergency_shifts_post_id_idx').on(t.postId, t.startsAt),
  index('emergency_shifts_starts_at_idx').on(t.startsAt),
  check('emergency_shifts_time_check', sql`${t.endsAt} > ${t.startsAt} AND ${t.endsAt} <= ${t.startsAt} + interval '24 hours'`),
  check('emergency_shifts_needed_check', sql`${t.needed} BETWEEN 1 AND 200`),
])

/** Who holds a shift: signed up themselves or assigned; cancelled ones are kept. */
export const shiftSignups = pgTable('shift_signups', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  shiftId: bigint('shift_id', { mode: 'number' }).notNull().references(() => emergencyShifts.id),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
  source: text('source', { enum: signupSources }).notNull(),
  assignedBy: bigint('assigned_by', { mode: 'number' }).references(() => people.id),
  cancelledAt: at('cancelled_at'),
  checkedInAt: at('checked_in_at'),
  checkinMethod: text('checkin_method', { enum: checkinMethods }),
  /** The hours credited as service hours (volunteers' recordServiceHours) once the shift ended. */
  hours: numeric('hours', { precision: 5, scale: 2, mode: 'number' }),
  hoursRecordedAt: at('hours_recorded_at'),
  ...timestamps,
}, (t) => [
  uniqueIndex('shift_signups_holding_key').on(t.shiftId, t.personId).where(sql`cancelled_at IS NULL`),
  index('shift_signups_shift_id_idx').on(t.shiftId, t.createdAt),
  index('shift_signups_person_id_idx').on(t.personId),
  index('shift_signups_assigned_by_idx').on(t.assignedBy),
  check('shift_signups_source_check', sql`${t.source} IN (${list(signupSources)})`),
  check('shift_signups_checkin_check', sql`(${t.checkedInAt} IS NULL) = (${t.checkinMethod} IS NULL) AND (${t.checkinMethod} IS NULL OR ${t.checkinMethod} IN (${list(checkinMethods)}))`),
])

/** A hazard (险情) found on duty: a case of the cases module, with the emergency's tag and a priority. */
export const emergencyHazards = pgTable('emergency_hazards', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  postId: bigint('post_id', { mode: 'number' }).references(() => emergencyPosts.id),
  caseId: bigint('case_id', { mode: 'number' }).notNull().references(() => cases.id),
  priority: text('priority', { enum: emergencyLevels }).notNull(),
  reportedBy: bigint('reported_by', { mode: 'number' }).notNull().references(() => people.id),
  ...timestamps,
}, (t) => [
  index('emergency_hazards_emergency_id_idx').on(t.emergencyId),
  index('emergency_hazards_post_id_idx').on(t.postId),
  uniqueIndex('emergency_hazards_case_id_key').on(t.caseId),
  index('emergency_hazards_reported_by_idx').on(t.reportedBy),
  check('emergency_hazards_priority_check', sql`${t.priority} IN (${list(emergencyLevels)})`),
])

/** A commendation proposed when the emergency ends (or before). */
export const emergencyCommendations = pgTable('emergency_commendations', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
  reason: text('reason').notNull(),
  proposedBy: bigint('proposed_by', { mode: 'number' }).notNull().references(() => people.id),
  ...timestamps,
}, (t) => [
  uniqueIndex('emergency_commendations_key').on(t.emergencyId, t.personId),
  index('emergency_commendations_person_id_idx').on(t.personId),
  index('emergency_commendations_proposed_by_idx').on(t.proposedBy),
  check('emergency_commendations_reason_check', sql`length(btrim(${t.reason})) BETWEEN 2 AND 500`),
])
