// Schemas of wishes (微心愿): what a wisher or a cadre posts, the public wall's anonymised card,
// the full record its people see, the timeline and the figures (browser-safe: the web imports them).
import { z } from 'zod'
import { boolQuery, dateSchema, idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const wishStateSchema = z.enum(['pending', 'rejected', 'open', 'claimed', 'fulfilled', 'cancelled'])
export const wishBeneficiarySchema = z.enum(['child', 'elderly', 'family_in_difficulty', 'disabled', 'other'])
export const wishCategorySchema = z.enum(['study', 'daily', 'health', 'culture', 'companionship', 'other'])
export const wishActionSchema = z.enum(['approve', 'reject', 'claim', 'release', 'fulfil', 'thank', 'cancel'])
export type WishState = z.infer<typeof wishStateSchema>
export type WishAction = z.infer<typeof wishActionSchema>
export type WishBeneficiary = z.infer<typeof wishBeneficiarySchema>
export type WishCategory = z.infer<typeof wishCategorySchema>

/** The states the public wall shows (an open wish only until it expires). */
export const WALL_STATES = ['open', 'claimed', 'fulfilled'] as const satisfies readonly WishState[]

const text = (min: number, max: number, short: string) => z.string().trim().min(min, short).max(max, `最多 ${max} 个字`)

export const wishCreateSchema = z.strictObject({
  /** The community whose wall shows it; by default the caller's own community. */
  orgId: idSchema.optional(),
  /** Posting for someone else (a cadre of their community): whose wish it is. */
  wisherId: idSchema.optional(),
  beneficiary: wishBeneficiarySchema,
  category: wishCategorySchema,
  title: text(4, 40, '心愿标题至少 4 个字'),
  story: text(0, 500, '').optional(),
  /** Estimated value in yuan, at most WISH_VALUE_CAP. */
  valueYuan: z.number().positive('价值须大于 0').max(1_000_000).multipleOf(0.01, '最多两位小数'),
  photoIds: z.array(idSchema).max(6, '最多 6 张照片').optional(),
  /** The last day it stays on the wall (China time); by default 60 days from today. */
  expiresOn: dateSchema.optional(),
})
export type WishCreate = z.infer<typeof wishCreateSchema>

export const wishClaimSchema = z.strictObject({ unitId: idSchema.optional() })
export const wishNoteSchema = z.strictObject({ note: text(1, 200, '请填写说明').optional() })
export const wishRejectSchema = z.strictObject({ reason: text(2, 200, '请填写不通过的原因（至少 2 个字）') })
export const wishFulfilSchema = z.strictObject({
  photoIds: z.array(idSchema).min(1, '请上传至少 1 张实现心愿的照片').max(9, '最多 9 张照片'),
  note: text(0, 200, '').optional(),
})
export const wishThankSchema = z.strictObject({ thanks: text(2, 200, '感谢的话至少 2 个字') })

export const wishesQuerySchema = z.object({
  /** wall (public, the default), mine (my own wishes), claimed (the ones I or my unit claimed), manage (staff: every state in their scope). */
  view: z.enum(['wall', 'mine', 'claimed', 'manage']).optional(),
  /** The contract's shorthand for view=mine. */
  mine: boolQuery.optional(),
  /** A community or any node above it. */
  orgId: idSchema.optional(),
  state: wishStateSchema.optional(),
  category: wishCategorySchema.optional(),
  beneficiary: wishBeneficiarySchema.optional(),
  q: z.string().trim().min(1).max(40).optional(),
  ...pageQuery,
})
export type WishesQuery = z.infer<typeof wishesQuerySchema>

export const figuresQuerySchema = z.object({ orgId: idSchema.optional() })

export const photoSchema = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })

/** The wall's card: nothing that names the wisher (a surname and how to address them), nor where they live. */
export const wallWishSchema = z.object({
  view: z.literal('public'),
  id: z.string(),
  state: wishStateSchema,
  /** "王同学", "李老", "张**": the surname and a form of address from the beneficiary. */
  wisherLabel: z.string(),
  community: refSchema,
  beneficiary: wishBeneficiarySchema,
  category: wishCategorySchema,
  title: z.string(),
  story: z.string().nullable(),
  valueYuan: z.number(),
  expiresOn: z.string().nullable(),
  /** A unit's name, or a member's surname ("王**"). */
  claimantLabel: z.string().nullable(),
  claimedAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  thanks: z.string().nullable(),
  thankedAt: z.string().nullable(),
  createdAt: z.string(),
  /** What the caller may do (e.g. claim). */
  actions: z.array(wishActionSchema),
})
export type WallWish = z.infer<typeof wallWishSchema>

export const wishEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  from: wishStateSchema.nullable(),
  to: wishStateSchema,
  actor: refSchema.nullable(),
  note: z.string().nullable(),
  photos: z.array(photoSchema),
  at: z.string(),
})
export type WishEvent = z.infer<typeof wishEventSchema>

export const wishSchema = z.object({
  view: z.literal('full'),
  id: z.string(),
  state: wishStateSchema,
  wisherLabel: z.string(),
  community: refSchema,
  wisher: refSchema,
  postedBy: refSchema.nullable(),
  beneficiary: wishBeneficiarySchema,
  category: wishCategorySchema,
  title: z.string(),
  story: z.string().nullable(),
  valueYuan: z.number(),
  photos: z.array(photoSchema),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
  moderatedBy: refSchema.nullable(),
  moderatedAt: z.string().nullable(),
  reason: z.string().nullable(),
  claimant: refSchema.nullable(),
  claimantUnit: refSchema.nullable(),
  claimedAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  fulfilNote: z.string().nullable(),
  proofPhotos: z.array(photoSchema),
  thanks: z.string().nullable(),
  thankedAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(wishActionSchema),
  /** With GET /wishes/:id only. */
  timeline: z.array(wishEventSchema).optional(),
})
export type Wish = z.infer<typeof wishSchema>

export const wishOrWallSchema = z.discriminatedUnion('view', [wishSchema, wallWishSchema])

export const wishCreatedSchema = z.object({ id: z.string(), state: z.literal('pending') })

/** Who the caller may claim as: themselves (a Party member) and the units they act for. */
export const claimantSchema = z.object({ member: z.boolean(), units: z.array(refSchema) })

export const figureRowSchema = z.object({
  community: refSchema,
  posted: z.number().int(),
  pending: z.number().int(),
  open: z.number().int(),
  claimed: z.number().int(),
  fulfilled: z.number().int(),
  /** Days from approval (open) to fulfilment, on average; null before the first fulfilment. */
  avgDaysToFulfil: z.number().nullable(),
  valueFulfilledYuan: z.number(),
})
export const figuresSchema = z.object({
  org: refSchema,
  total: figureRowSchema.omit({ community: true }),
  communities: z.array(figureRowSchema),
})
export type WishFigures = z.infer<typeof figuresSchema>
