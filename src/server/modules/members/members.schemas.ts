// Schemas of Party members, registrations (报到), community posts and claims, yearly targets,
// feedback cards, ledgers, the public walls and the pioneer index (browser-safe).
import { z } from 'zod'
import { boolQuery, dateSchema, idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const memberKindSchema = z.enum(['regular', 'in_service', 'retired', 'gig_worker', 'flowing'])
export const publicWallSchema = z.enum(['signature', 'commitment', 'pioneer'])
export const registrationStatusSchema = z.enum(['submitted', 'returned', 'accepted'])
export const registrationKindSchema = z.enum(['member', 'unit'])
export const postKindSchema = z.enum(['post', 'project'])
export const cardStatusSchema = z.enum(['draft', 'reviewed', 'sent'])
export const cardRatingSchema = z.enum(['excellent', 'good', 'fair', 'poor'])
export type MemberKind = z.infer<typeof memberKindSchema>
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>
export type CardRating = z.infer<typeof cardRatingSchema>

export const yearSchema = z.coerce.number().int('年份应为整数').min(2000, '年份不早于 2000').max(2100, '年份不晚于 2100')
export const periodSchema = z.string().regex(/^\d{4}(-H[12])?$/, '期间格式应为 2026（全年）或 2026-H1 / 2026-H2（半年）')

export const progressSchema = z.object({
  year: z.number().int(),
  /** Service hours: activities checked out plus one-to-one services given (volunteers' hoursByPerson). */
  hours: z.number(),
  activities: z.number().int(),
  services: z.number().int(),
  projects: z.number().int(),
  posts: z.number().int(),
  minHours: z.number(),
  minProjects: z.number().int(),
  met: z.boolean(),
})
export type Progress = z.infer<typeof progressSchema>

export const memberSchema = z.object({
  id: z.string(),
  person: refSchema,
  partyOrgName: z.string(),
  kind: memberKindSchema,
  employerUnit: refSchema.nullable(),
  community: refSchema,
  joinedOn: z.string().nullable(),
  publicWalls: z.array(publicWallSchema),
  commitment: z.string().nullable(),
  registrationStatus: registrationStatusSchema.nullable(),
  progress: progressSchema,
  createdAt: z.string(),
})
export type Member = z.infer<typeof memberSchema>

export const membersQuerySchema = z.object({
  communityId: idSchema.optional(),
  unitId: idSchema.optional(),
  kind: memberKindSchema.optional(),
  year: yearSchema.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  ...pageQuery,
})
export type MembersQuery = z.infer<typeof membersQuerySchema>

export const memberCreateSchema = z.strictObject({
  personId: idSchema,
  partyOrgName: z.string().trim().min(2, '党组织名称至少 2 个字').max(100),
  kind: memberKindSchema,
  employerUnitId: idSchema.nullable().optional(),
  communityId: idSchema,
  joinedOn: dateSchema.nullable().optional(),
})
export type MemberCreate = z.infer<typeof memberCreateSchema>

/** A member edits what they show publicly; cadres edit the rest as well. */
export const memberUpdateSchema = z.strictObject({
  partyOrgName: z.string().trim().min(2).max(100).optional(),
  kind: memberKindSchema.optional(),
  employerUnitId: idSchema.nullable().optional(),
  publicWalls: z.array(publicWallSchema).max(3).optional(),
  commitment: z.string().trim().min(2, '承诺至少 2 个字').max(200).nullable().optional(),
})
export type MemberUpdate = z.infer<typeof memberUpdateSchema>

export const behindQuerySchema = z.object({ communityId: idSchema.optional(), year: yearSchema.optional(), ...pageQuery })

export const letterSchema = z.object({
  id: z.string(),
  number: z.string(),
  unit: refSchema,
  member: refSchema,
  community: refSchema,
  issuedBy: refSchema,
  createdAt: z.string(),
})
export type Letter = z.infer<typeof letterSchema>

export const letterCreateSchema = z.strictObject({ memberId: idSchema, communityId: idSchema.optional() })

export const registrationSchema = z.object({
  id: z.string(),
  kind: registrationKindSchema,
  member: refSchema.nullable(),
  unit: refSchema.nullable(),
  community: refSchema,
  status: registrationStatusSchema,
  letterAttachment: z.object({ id: z.string(), url: z.string() }).nullable(),
  letter: z.object({ id: z.string(), number: z.string() }).nullable(),
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  submissions: z.number().int(),
  submittedBy: refSchema,
  submittedAt: z.string(),
  reviewedBy: refSchema.nullable(),
  reviewedAt: z.string().nullable(),
})
export type Registration = z.infer<typeof registrationSchema>

export const registrationCreateSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('member'),
    /** Omitted: the caller's own membership. */
    memberId: idSchema.optional(),
    /** Omitted: the member's residence community. */
    communityId: idSchema.optional(),
    letterAttachmentId: idSchema.optional(),
    letterId: idSchema.optional(),
    note: z.string().trim().min(1).max(500).optional(),
  }),
  z.strictObject({
    kind: z.literal('unit'),
    unitId: idSchema,
    communityId: idSchema,
    note: z.string().trim().min(1).max(500).optional(),
  }),
], { error: '请选择报到类型（member 党员 / unit 单位）' })
export type RegistrationCreate = z.infer<typeof registrationCreateSchema>

export const registrationsQuerySchema = z.object({
  communityId: idSchema.optional(),
  unitId: idSchema.optional(),
  status: registrationStatusSchema.optional(),
  kind: registrationKindSchema.optional(),
  ...pageQuery,
})
export type RegistrationsQuery = z.infer<typeof registrationsQuerySchema>

export const returnSchema = z.strictObject({ reason: z.string().trim().min(2, '退回原因至少 2 个字').max(500) })
export const resubmitSchema = z.strictObject({
  letterAttachmentId: idSchema.optional(),
  letterId: idSchema.optional(),
  note: z.string().trim().min(1).max(500).optional(),
})
export type Resubmit = z.infer<typeof resubmitSchema>

export const postSchema = z.object({
  id: z.string(),
  community: refSchema,
  kind: postKindSchema,
  title: z.string(),
  description: z.string().nullable(),
  capacity: z.number().int(),
  taken: z.number().int(),
  active: z.boolean(),
  /** The caller's live claim of this post, if any. */
  myClaimId: z.string().nullable(),
  createdAt: z.string(),
})
export type CommunityPost = z.infer<typeof postSchema>

export const postsQuerySchema = z.object({
  communityId: idSchema.optional(),
  kind: postKindSchema.optional(),
  active: boolQuery.optional(),
  ...pageQuery,
})

export const postCreateSchema = z.strictObject({
  communityId: idSchema,
  kind: postKindSchema,
  title: z.string().trim().min(2, '名称至少 2 个字').max(100),
  description: z.string().trim().min(1).max(1000).optional(),
  capacity: z.number().int().min(1, '名额至少 1 个').max(10000),
})
export type PostCreate = z.infer<typeof postCreateSchema>

export const postUpdateSchema = z.strictObject({
  title: z.string().trim().min(2).max(100).optional(),
  description: z.string().trim().min(1).max(1000).nullable().optional(),
  capacity: z.number().int().min(1).max(10000).optional(),
  active: z.boolean().optional(),
})
export type PostUpdate = z.infer<typeof postUpdateSchema>

export const claimSchema = z.object({
  id: z.string(),
  post: refSchema.extend({ kind: postKindSchema }),
  member: refSchema,
  community: refSchema,
  year: z.number().int(),
  releasedAt: z.string().nullable(),
  createdAt: z.string(),
})
export type PostClaim = z.infer<typeof claimSchema>

export const claimCreateSchema = z.strictObject({ postId: idSchema, memberId: idSchema.optional() })
export const claimsQuerySchema = z.object({ memberId: idSchema.optional(), postId: idSchema.optional(), live: boolQuery.optional(), ...pageQuery })

export const targetSchema = z.object({ id: z.string(), org: refSchema, year: z.number().int(), minProjects: z.number().int(), minHours: z.number(), updatedAt: z.string() })
export const targetPutSchema = z.strictObject({
  orgId: idSchema,
  year: z.number().int().min(2000).max(2100),
  minProjects: z.number().int().min(0).max(100),
  minHours: z.number().min(0).max(2000).multipleOf(0.5, '小时数以 0.5 为单位'),
})
export type TargetPut = z.infer<typeof targetPutSchema>
export const targetsQuerySchema = z.object({ orgId: idSchema.optional(), year: yearSchema.optional() })

export const cardContentSchema = z.object({
  memberName: z.string(),
  partyOrgName: z.string(),
  unitName: z.string().nullable(),
  communityName: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  hours: z.number(),
  activities: z.array(z.object({ title: z.string(), orgName: z.string(), startsAt: z.string(), hours: z.number() })),
  posts: z.array(z.object({ title: z.string(), kind: postKindSchema })),
  /** Service orders the member served (confirmed) in the period; cards made before issue 15 have none. */
  orders: z.array(z.object({ title: z.string(), servedOn: z.string(), hours: z.number() })),
  /** Wishes the member claimed and fulfilled in the period. */
  wishes: z.array(z.object({ title: z.string(), fulfilledOn: z.string() })),
  minHours: z.number(),
  minProjects: z.number().int(),
})
export type CardContent = z.infer<typeof cardContentSchema>

export const cardSchema = z.object({
  id: z.string(),
  member: refSchema,
  period: z.string(),
  community: refSchema,
  unit: refSchema.nullable(),
  status: cardStatusSchema,
  content: cardContentSchema,
  rating: cardRatingSchema.nullable(),
  comment: z.string().nullable(),
  reviewedBy: refSchema.nullable(),
  reviewedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
})
export type FeedbackCard = z.infer<typeof cardSchema>

export const cardCreateSchema = z.strictObject({ memberId: idSchema, period: periodSchema })
export const cardReviewSchema = z.strictObject({ rating: cardRatingSchema, comment: z.string().trim().min(2, '评语至少 2 个字').max(500) })
export const cardsQuerySchema = z.object({
  memberId: idSchema.optional(),
  communityId: idSchema.optional(),
  unitId: idSchema.optional(),
  period: periodSchema.optional(),
  status: cardStatusSchema.optional(),
  ...pageQuery,
})
export type CardsQuery = z.infer<typeof cardsQuerySchema>

export const ledgerNameSchema = z.enum(['member-database', 'member-service', 'unit-service'])
export type LedgerName = z.infer<typeof ledgerNameSchema>
export const ledgerQuerySchema = z.object({ communityId: idSchema.optional(), year: yearSchema.optional() })
export const ledgerSchema = z.object({
  title: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
})
export type Ledger = z.infer<typeof ledgerSchema>

export const wallsSchema = z.object({
  community: refSchema,
  signature: z.array(z.object({ name: z.string() })),
  commitment: z.array(z.object({ name: z.string(), commitment: z.string() })),
  pioneer: z.array(z.object({ name: z.string(), hours: z.number(), pioneerIndex: z.number() })),
})

export const pioneerQuerySchema = z.object({ communityId: idSchema.optional(), year: yearSchema.optional() })
export const pioneerSchema = z.object({
  year: z.number().int(),
  people: z.array(z.object({
    member: refSchema, team: refSchema.nullable(), hours: z.number(), activities: z.number().int(), services: z.number().int(),
    reports: z.number().int(), rating: z.number().nullable(), index: z.number(),
  })),
  teams: z.array(z.object({ team: refSchema, members: z.number().int(), hours: z.number(), index: z.number() })),
})
