// Party members (党员) and their registration (报到) at the community where they live: the
// employer's introduction letters, the community's service posts and projects they claim,
// yearly targets by region, the reminders sent to those behind, and the feedback cards sent
// back to the employer. Names and phones stay in `people`.
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, date } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'
import { attachments } from '../files/files.table.ts'

export const memberKinds = ['regular', 'in_service', 'retired', 'gig_worker', 'flowing'] as const
export const publicWalls = ['signature', 'commitment', 'pioneer'] as const
export const registrationKinds = ['member', 'unit'] as const
export const registrationStatuses = ['submitted', 'returned', 'accepted'] as const
export const postKinds = ['post', 'project'] as const
export const cardStatuses = ['draft', 'reviewed', 'sent'] as const
export const cardRatings = ['excellent', 'good', 'fair', 'poor'] as const

export const partyMembers = pgTable(
  'party_members',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    /** The Party branch the membership is kept in (e.g. the employer's branch). */
    partyOrgName: text('party_org_name').notNull(),
    kind: text('kind', { enum: memberKinds }).notNull(),
    employerUnitId: bigint('employer_unit_id', { mode: 'number' }).references(() => units.id),
    /** The residence community, where the member registers. Scope checks use its path. */
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    joinedOn: date('joined_on', { mode: 'string' }),
    /** The public walls the member consented to appear on. */
    publicWalls: text('public_walls').array().notNull().default(sql`'{}'`),
    commitment: text('commitment'),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('party_members_person_key').on(t.personId).where(sql`deleted_at IS NULL`),
    index('party_members_community_idx').on(t.communityId, t.id),
    index('party_members_employer_idx').on(t.employerUnitId),
    check('party_members_kind_check', sql`${t.kind} IN ('regular','in_service','retired','gig_worker','flowing')`),
    check('party_members_party_org_check', sql`length(btrim(${t.partyOrgName})) BETWEEN 2 AND 100`),
    check('party_members_walls_check', sql`${t.publicWalls} <@ ARRAY['signature','commitment','pioneer']::text[]`),
    check('party_members_commitment_check', sql`${t.commitment} IS NULL OR length(btrim(${t.commitment})) BETWEEN 2 AND 200`),
    index('party_members_person_id_idx').on(t.personId),
  ],
)

/** A numbered letter the employer issues for one member to register at a community. */
export const introductionLetters = pgTable(
  'introduction_letters',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
    memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    serial: integer('serial').notNull(),
    number: text('number').notNull(),
    issuedBy: bigint('issued_by', { mode: 'number' }).notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('introduction_letters_serial_key').on(t.unitId, t.year, t.serial),
    uniqueIndex('introduction_letters_number_key').on(t.number),
    index('introduction_letters_member_idx').on(t.memberId),
    check('introduction_letters_serial_check', sql`${t.serial} > 0 AND ${t.year} BETWEEN 2000 AND 2100`),
    index('introduction_letters_community_id_idx').on(t.communityId),
  ],
)

/** A member's (or a whole unit's, 双报到) registration at a community. */
export const registrations = pgTable(
  'registrations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: registrationKinds }).notNull(),
    memberId: bigint('member_id', { mode: 'number' }).references(() => partyMembers.id),
    /** The employer (a member's registration) or the unit registering as a whole. */
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    status: text('status', { enum: registrationStatuses }).notNull().default('submitted'),
    letterAttachmentId: bigint('letter_attachment_id', { mode: 'number' }).references(() => attachments.id),
    letterId: bigint('letter_id', { mode: 'number' }).references(() => introductionLetters.id),
    note: text('note'),
    returnReason: text('return_reason'),
    submissions: integer('submissions').notNull().default(1),
    submittedBy: bigint('submitted_by', { mode: 'number' }).notNull().references(() => people.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }).references(() => people.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('registrations_member_key').on(t.memberId).where(sql`kind = 'member'`),
    uniqueIndex('registrations_unit_key').on(t.unitId, t.communityId).where(sql`kind = 'unit'`),
    index('registrations_community_idx').on(t.communityId, t.status, t.id),
    index('registrations_unit_idx').on(t.unitId),
    check('registrations_kind_check', sql`${t.kind} IN ('member','unit')`),
    check('registrations_status_check', sql`${t.status} IN ('submitted','returned','accepted')`),
    check(
      'registrations_subject_check',
      sql`(${t.kind} = 'member' AND ${t.memberId} IS NOT NULL AND (${t.letterAttachmentId} IS NOT NULL OR ${t.letterId} IS NOT NULL)) OR (${t.kind} = 'unit' AND ${t.memberId} IS NULL AND ${t.unitId} IS NOT NULL)`,
    ),
    check('registrations_return_check', sql`${t.status} <> 'returned' OR ${t.returnReason} IS NOT NULL`),
    index('registrations_letter_attachment_id_idx').on(t.letterAttachmentId),
    index('registrations_letter_id_idx').on(t.letterId),
    index('registrations_member_id_idx').on(t.memberId),
  ],
)

/** A community's service posts (岗位) and projects (项目), each with a number of seats. */
export const communityPosts = pgTable(
  'community_posts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    kind: text('kind', { enum: postKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    capacity: integer('capacity').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('community_posts_community_idx').on(t.communityId, t.id),
    check('community_posts_kind_check', sql`${t.kind} IN ('post','project')`),
    check('community_posts_title_check', sql`length(btrim(${t.title})) BETWEEN 2 AND 100`),
    check('community_posts_capacity_check', sql`${t.capacity} BETWEEN 1 AND 10000`),
  ],
)

export const postClaims = pgTable(
  'post_claims',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => communityPosts.id),
    memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
    /** The China-time year the seat was taken in (projects count towards that year's target). */
    year: integer('year').notNull(),
    claimedBy: bigint('claimed_by', { mode: 'number' }).notNull().references(() => people.id),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('post_claims_live_key').on(t.postId, t.memberId).where(sql`released_at IS NULL`),
    index('post_claims_member_idx').on(t.memberId, t.year),
    index('post_claims_post_id_idx').on(t.postId),
  ],
)

/** Yearly targets of a region (the nearest node above a member's community with a row wins). */
export const memberTargets = pgTable(
  'member_targets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    minProjects: integer('min_projects').notNull(),
    minHours: numeric('min_hours', { precision: 6, scale: 1 }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('member_targets_org_year_key').on(t.orgId, t.year),
    check('member_targets_values_check', sql`${t.minProjects} BETWEEN 0 AND 100 AND ${t.minHours} BETWEEN 0 AND 2000 AND ${t.year} BETWEEN 2000 AND 2100`),
  ],
)

/** Reminders sent to members behind their target (at most one a week). */
export const memberReminders = pgTable(
  'member_reminders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
    year: integer('year').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('member_reminders_member_idx').on(t.memberId, t.sentAt)],
)

/** 反馈卡: a member's record for a period, reviewed by the community and sent to the employer. */
export const feedbackCards = pgTable(
  'feedback_cards',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
    /** A year ("2026") or a half year ("2026-H2"). */
    period: text('period').notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => orgs.id),
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    status: text('status', { enum: cardStatuses }).notNull().default('draft'),
    /** The records the card was generated from (posts, hours, activities), frozen at generation. */
    content: jsonb('content').notNull(),
    rating: text('rating', { enum: cardRatings }),
    comment: text('comment'),
    generatedBy: bigint('generated_by', { mode: 'number' }).notNull().references(() => people.id),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }).references(() => people.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('feedback_cards_member_period_key').on(t.memberId, t.period),
    index('feedback_cards_community_idx').on(t.communityId, t.id),
    index('feedback_cards_unit_idx').on(t.unitId, t.id).where(sql`status = 'sent'`),
    check('feedback_cards_period_check', sql`${t.period} ~ '^[0-9]{4}(-H[12])?$'`),
    check('feedback_cards_status_check', sql`${t.status} IN ('draft','reviewed','sent')`),
    check('feedback_cards_rating_check', sql`${t.rating} IN ('excellent','good','fair','poor')`),
    check('feedback_cards_review_check', sql`${t.status} = 'draft' OR (${t.rating} IS NOT NULL AND ${t.reviewedAt} IS NOT NULL)`),
    check('feedback_cards_sent_check', sql`${t.status} <> 'sent' OR (${t.sentAt} IS NOT NULL AND ${t.unitId} IS NOT NULL)`),
    index('feedback_cards_unit_id_idx').on(t.unitId),
  ],
)
