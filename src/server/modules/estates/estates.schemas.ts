// Schemas of the five-colour estate ratings (browser-safe: the web app imports them).
import { z } from 'zod'
import { idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'
import { estateColors } from './estates.rating.ts'

export const estateColorSchema = z.enum(estateColors)

export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, '期间格式应为 2026-11（月）或 2026-Q4（季度）')

export const ratingCreateSchema = z.strictObject({
  period: periodSchema,
  /** {criterionCode: score}; every active criterion, 0 to its maximum. */
  scores: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, '评分标准代码格式不正确'), z.number()),
  note: z.string().trim().min(1).max(1000).optional(),
})
export type RatingCreate = z.infer<typeof ratingCreateSchema>

export const criterionSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), maxScore: z.number().int(), sort: z.number().int(), active: z.boolean() })

export const ratingSchema = z.object({
  id: z.string(),
  estateId: z.string(),
  period: z.string(),
  scores: z.record(z.string(), z.number()),
  total: z.number(),
  color: estateColorSchema,
  note: z.string().nullable(),
  ratedBy: refSchema,
  caseId: z.string().nullable(),
  createdAt: z.string(),
})
export type Rating = z.infer<typeof ratingSchema>

export const estateRatingItemSchema = z.object({
  estate: refSchema,
  community: refSchema.nullable(),
  propertyFirm: z.string().nullable(),
  /** The latest rating (by period), or null when never rated. */
  current: ratingSchema.nullable(),
})
export type EstateRatingItem = z.infer<typeof estateRatingItemSchema>

export const estateRatingsQuerySchema = z.object({
  orgId: idSchema.optional(),
  color: estateColorSchema.optional(),
  ...pageQuery,
})

export const publicRatingSchema = z.object({
  estate: refSchema,
  community: refSchema.nullable(),
  propertyFirm: z.string().nullable(),
  color: estateColorSchema,
  total: z.number(),
  period: z.string(),
  ratedAt: z.string(),
})
