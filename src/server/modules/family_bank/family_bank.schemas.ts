// Schemas of 家风银行: a deposit as a resident submits it, the public card (surname label only),
// the full record its depositor and the staff see, the lists and the public counts (browser-safe).
import { z } from 'zod'
import { idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const depositKindSchema = z.enum(['motto', 'story'])
export const depositStateSchema = z.enum(['pending', 'published', 'rejected', 'withdrawn'])
export type DepositKind = z.infer<typeof depositKindSchema>
export type DepositState = z.infer<typeof depositStateSchema>

const text = (min: number, max: number, short: string) => z.string().trim().min(min, short).max(max, `最多 ${max} 个字`)

export const depositCreateSchema = z.strictObject({
  /** The community whose bank keeps it; by default the caller's own. */
  orgId: idSchema.optional(),
  kind: depositKindSchema,
  /** A story's title (a motto has none). */
  title: text(2, 40, '标题至少 2 个字').optional(),
  /** The motto itself (4–200 characters) or the story (up to 3,000). */
  body: text(4, 3000, '内容至少 4 个字'),
  photoIds: z.array(idSchema).max(6, '最多 6 张照片').optional(),
})
export type DepositCreate = z.infer<typeof depositCreateSchema>
export const depositRejectSchema = z.strictObject({ reason: text(2, 200, '请填写不通过的原因（至少 2 个字）') })

const photoSchema = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })

/** What the public page shows: no person, only the family's surname label and the community. */
export const publicDepositSchema = z.object({
  id: z.string(),
  kind: depositKindSchema,
  familyLabel: z.string(),
  title: z.string().nullable(),
  body: z.string(),
  photos: z.array(photoSchema),
  community: refSchema,
  publishedAt: z.string(),
})
export type PublicDeposit = z.infer<typeof publicDepositSchema>

export const depositSchema = publicDepositSchema.extend({
  state: depositStateSchema,
  depositor: refSchema,
  moderatedBy: refSchema.nullable(),
  moderatedAt: z.string().nullable(),
  reason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.enum(['approve', 'reject', 'withdraw'])),
})
export type Deposit = z.infer<typeof depositSchema>

export const publicQuerySchema = z.object({
  /** A community or a street (any live node): its published deposits and those below it; all of them without it. */
  orgId: idSchema.optional(),
  kind: depositKindSchema.optional(),
  ...pageQuery,
})
export const countsQuerySchema = z.object({ orgId: idSchema.optional() })
export const countsSchema = z.object({
  /** The node counted (null: everywhere). */
  org: refSchema.nullable(),
  mottos: z.number().int(),
  stories: z.number().int(),
  families: z.number().int(),
  /** Per community under the node (one row for a community itself). */
  byCommunity: z.array(z.object({ community: refSchema, mottos: z.number().int(), stories: z.number().int() })),
})

export const depositsQuerySchema = z.object({
  /** Deposits of communities at or below this node (staff there). */
  orgId: idSchema.optional(),
  state: depositStateSchema.optional(),
  kind: depositKindSchema.optional(),
  ...pageQuery,
})
export type DepositsQuery = z.infer<typeof depositsQuerySchema>
export const mineQuerySchema = z.object({ ...pageQuery })
