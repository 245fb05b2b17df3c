// Schemas of the points ledger (browser-safe: the web app imports them).
import { z } from 'zod'
import { idSchema, pageOf, pageQuery, refSchema } from '../../kernel/contract.ts'

export const pointsRuleUnits = ['hour', 'activity', 'order', 'rating', 'case', 'time'] as const
export const pointsAccountKinds = ['person', 'unit', 'org'] as const
export const pointsTransactionKinds = ['award', 'deduction', 'redemption', 'reversal'] as const
export const redemptionStatuses = ['pending', 'handed_over', 'cancelled'] as const
export const manualAwardStatuses = ['pending', 'posted', 'rejected'] as const

const reasonSchema = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200, '原因最多 200 字')
const ruleCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, '规则代码应为小写字母、数字和下划线')
const idempotencyKeySchema = z.string().regex(/^[\w:.-]{8,100}$/, '幂等键应为 8 至 100 位字母、数字或 _ : . -')

export const ruleSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  points: z.number().int(),
  unit: z.enum(pointsRuleUnits),
  direction: z.enum(['earn', 'deduct']),
  active: z.boolean(),
  sort: z.number().int(),
})
export type PointsRule = z.infer<typeof ruleSchema>

export const ruleCreateSchema = z.strictObject({
  code: ruleCodeSchema,
  name: z.string().trim().min(1, '请填写名称').max(50),
  nameEn: z.string().trim().min(1, '请填写英文名称').max(100),
  description: z.string().trim().max(200).optional(),
  points: z.number().int('分值应为整数').min(1, '分值至少为 1').max(100000),
  unit: z.enum(pointsRuleUnits),
  direction: z.enum(['earn', 'deduct']).default('earn'),
  sort: z.number().int().min(0).max(10000).default(100),
})
export type RuleCreate = z.infer<typeof ruleCreateSchema>

export const ruleUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(50).optional(),
    nameEn: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(200).nullable().optional(),
    points: z.number().int('分值应为整数').min(1, '分值至少为 1').max(100000).optional(),
    active: z.boolean().optional(),
    sort: z.number().int().min(0).max(10000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '至少修改一项')
export type RuleUpdate = z.infer<typeof ruleUpdateSchema>

export const accountSchema = z.object({
  id: z.string(),
  ownerKind: z.enum(pointsAccountKinds),
  owner: refSchema,
  org: refSchema,
  /** Issuer (org) accounts are negative by the points they have put in circulation. */
  balance: z.number().int(),
  createdAt: z.string(),
})
export type PointsAccount = z.infer<typeof accountSchema>

export const postingSchema = z.object({
  id: z.string(),
  transactionId: z.string(),
  kind: z.enum(pointsTransactionKinds),
  rule: refSchema.extend({ code: z.string() }).omit({ id: true }).nullable(),
  memo: z.string(),
  amount: z.number().int(),
  /** The transaction has been reversed (its reversal is a later posting). */
  reversed: z.boolean(),
  createdAt: z.string(),
})
export type Posting = z.infer<typeof postingSchema>

export const postingPageSchema = pageOf(postingSchema)

export const accountDetailSchema = accountSchema.extend({ postings: postingPageSchema })
export type AccountDetail = z.infer<typeof accountDetailSchema>

/** My account; `id` is null until the first points arrive. `merchants`: the merchants I act for (I hand their items over). */
export const myAccountSchema = accountDetailSchema.extend({ id: z.string().nullable(), merchants: z.array(refSchema) })

export const accountsQuerySchema = z.object({
  ownerKind: z.enum(pointsAccountKinds).optional(),
  orgId: idSchema.optional(),
  ...pageQuery,
})
export const postingsQuerySchema = z.object(pageQuery)

export const transactionSchema = z.object({
  id: z.string(),
  kind: z.enum(pointsTransactionKinds),
  rule: z.object({ code: z.string(), name: z.string() }).nullable(),
  quantity: z.number().nullable(),
  memo: z.string(),
  org: refSchema,
  createdBy: refSchema.nullable(),
  createdAt: z.string(),
  reversesId: z.string().nullable(),
  reversedById: z.string().nullable(),
  postings: z.array(z.object({ accountId: z.string(), ownerKind: z.enum(pointsAccountKinds), owner: refSchema, amount: z.number().int() })),
})
export type PointsTransaction = z.infer<typeof transactionSchema>

export const manualAwardSchema = z
  .strictObject({
    personId: idSchema.optional(),
    unitId: idSchema.optional(),
    ruleCode: ruleCodeSchema,
    quantity: z.number().positive('数量应大于 0').max(1000, '数量最多 1000').multipleOf(0.01, '数量最多两位小数').default(1),
    /** The org node in whose name the points are given (in the cadre's scope). */
    orgId: idSchema,
    reason: reasonSchema,
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .refine((v) => (v.personId === undefined) !== (v.unitId === undefined), { message: '请指定一个人员（personId）或一个单位（unitId）', path: ['personId'] })
export type ManualAward = z.infer<typeof manualAwardSchema>

/**
 * A manual award or deduction as entered: posted at once, or pending a second person's approval
 * when it comes to more than POINTS_MANUAL_APPROVAL_ABOVE points, or rejected with a reason.
 */
export const manualAwardRecordSchema = z.object({
  id: z.string(),
  status: z.enum(manualAwardStatuses),
  person: refSchema.nullable(),
  unit: refSchema.nullable(),
  rule: z.object({ code: z.string(), name: z.string() }),
  direction: z.enum(['earn', 'deduct']),
  quantity: z.number(),
  /** What the rule and quantity came to when entered; always positive (direction says which way). */
  points: z.number().int(),
  org: refSchema,
  reason: z.string(),
  awardedBy: refSchema,
  createdAt: z.string(),
  /** The posted transaction; null while pending or when rejected. */
  transactionId: z.string().nullable(),
  decidedBy: refSchema.nullable(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** The caller may approve or reject it (pending, entered by someone else, in their scope). */
  canDecide: z.boolean(),
})
export type ManualAwardRecord = z.infer<typeof manualAwardRecordSchema>

export const manualAwardsQuerySchema = z.object({
  status: z.enum(manualAwardStatuses).optional(),
  /** Only the awards given in the name of this node or below it. */
  orgId: idSchema.optional(),
  ...pageQuery,
})
export type ManualAwardsQuery = z.infer<typeof manualAwardsQuerySchema>

export const manualRejectSchema = z.strictObject({ reason: reasonSchema })

export const reverseSchema = z.strictObject({ reason: reasonSchema })

export const rewardSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  points: z.number().int(),
  stock: z.number().int(),
  merchant: refSchema.nullable(),
  org: refSchema,
  active: z.boolean(),
  createdAt: z.string(),
})
export type Reward = z.infer<typeof rewardSchema>

export const rewardsQuerySchema = z.object({
  orgId: idSchema.optional(),
  merchantUnitId: idSchema.optional(),
  /** Staff only: also the withdrawn items of their scope. */
  includeInactive: z.enum(['true', 'false']).optional(),
  ...pageQuery,
})

export const rewardCreateSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写名称').max(60, '名称最多 60 字'),
  description: z.string().trim().max(500).optional(),
  points: z.number().int('所需积分应为整数').min(1).max(1000000),
  stock: z.number().int('库存应为整数').min(0).max(100000),
  orgId: idSchema,
  merchantUnitId: idSchema.optional(),
})
export type RewardCreate = z.infer<typeof rewardCreateSchema>

export const rewardUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60).optional(),
    description: z.string().trim().max(500).nullable().optional(),
    points: z.number().int().min(1).max(1000000).optional(),
    /** Added to (or, negative, taken from) the stock; never below zero. */
    restock: z.number().int().min(-100000).max(100000).refine((n) => n !== 0, '补货数量不能为 0').optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '至少修改一项')
export type RewardUpdate = z.infer<typeof rewardUpdateSchema>

export const merchantSchema = z.object({ id: z.string(), name: z.string(), org: refSchema })

export const redemptionSchema = z.object({
  id: z.string(),
  reward: refSchema,
  merchant: refSchema.nullable(),
  org: refSchema,
  person: refSchema,
  quantity: z.number().int(),
  points: z.number().int(),
  /** Shown to the person who redeemed and to those who hand the item over. */
  code: z.string(),
  status: z.enum(redemptionStatuses),
  transactionId: z.string(),
  cancelTransactionId: z.string().nullable(),
  handledBy: refSchema.nullable(),
  handledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
})
export type Redemption = z.infer<typeof redemptionSchema>

export const redeemSchema = z.strictObject({
  rewardId: idSchema,
  quantity: z.number().int('数量应为整数').min(1).max(10, '一次最多兑换 10 件').default(1),
  idempotencyKey: idempotencyKeySchema.optional(),
})
export type Redeem = z.infer<typeof redeemSchema>

export const redemptionsQuerySchema = z.object({
  status: z.enum(redemptionStatuses).optional(),
  code: z.string().regex(/^[0-9]{8}$/, '兑换码为 8 位数字').optional(),
  ...pageQuery,
})
export const myRedemptionsQuerySchema = z.object({ status: z.enum(redemptionStatuses).optional(), ...pageQuery })

export const confirmSchema = z.strictObject({ code: z.string().regex(/^[0-9]{8}$/, '兑换码为 8 位数字') })
export const cancelSchema = z.strictObject({ reason: reasonSchema })

export const reconciliationSchema = z.object({
  accounts: z.number().int(),
  postings: z.number().int(),
  /** Sum of every balance: zero in a double-entry ledger. */
  total: z.number().int(),
  mismatches: z.array(z.object({ accountId: z.string(), balance: z.number().int(), postingsSum: z.number().int() })),
  unbalancedTransactions: z.array(z.string()),
})
