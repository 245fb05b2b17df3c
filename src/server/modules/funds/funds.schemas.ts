// Schemas of funds and projects: funds per community and year, projects with their budget,
// expenses and timeline, crowdfunding pledges, the public page (what residents may see), the
// figures and social organisations (browser-safe: the web imports them).
import { z } from 'zod'
import { dateSchema, idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const fundSourceSchema = z.enum(['party_work', 'service', 'member_activity', 'special', 'co_building'])
export const projectKindSchema = z.enum(['benefit', 'venture', 'crowdfunding'])
export const projectProposerSchema = z.enum(['residents', 'social_organisation', 'community'])
export const projectStateSchema = z.enum(['proposed', 'decided', 'budgeted', 'done', 'rejected', 'cancelled'])
export const pledgeStateSchema = z.enum(['pledged', 'received', 'withdrawn'])
export const incubationStageSchema = z.enum(['incubating', 'hatched', 'registered'])
export type FundSource = z.infer<typeof fundSourceSchema>
export type ProjectKind = z.infer<typeof projectKindSchema>
export type ProjectState = z.infer<typeof projectStateSchema>

const text = (min: number, max: number, short: string) => z.string().trim().min(min, short).max(max, `最多 ${max} 个字`)
const yuan = (what: string) => z.number().positive(`${what}须大于 0`).max(100_000_000, `${what}过大`).multipleOf(0.01, '最多两位小数')
const yearSchema = z.coerce.number().int('年度须为整数').min(2000, '年度应在 2000 到 2100 之间').max(2100, '年度应在 2000 到 2100 之间')
const photoIds = (max: number) => z.array(idSchema).max(max, `最多 ${max} 张照片`)

export const fundsQuerySchema = z.object({ orgId: idSchema, year: yearSchema.optional() })
export const figuresQuerySchema = fundsQuerySchema

export const fundCreateSchema = z.strictObject({
  orgId: idSchema,
  year: yearSchema,
  source: fundSourceSchema,
  name: text(2, 40, '经费名称至少 2 个字'),
  amountYuan: z.number().min(0, '金额不能为负').max(100_000_000, '金额过大').multipleOf(0.01, '最多两位小数'),
  unitId: idSchema.optional(),
  /** At least this share (percent) for governance projects; service funds only (20 by default for them). */
  governanceMinPct: z.number().int('须为整数').min(0, '应在 0 到 100 之间').max(100, '应在 0 到 100 之间').nullable().optional(),
  note: text(0, 200, '').optional(),
})
export type FundCreate = z.infer<typeof fundCreateSchema>
export const fundPatchSchema = fundCreateSchema.pick({ name: true, amountYuan: true, governanceMinPct: true, note: true }).partial()
export type FundPatch = z.infer<typeof fundPatchSchema>

/** The governance rule of a fund: at least `minPct` of it budgeted to governance projects. */
export const ruleSchema = z.object({ minPct: z.number().int(), governanceYuan: z.number(), pct: z.number(), ok: z.boolean() })

export const fundSchema = z.object({
  id: z.string(),
  org: refSchema,
  year: z.number().int(),
  source: fundSourceSchema,
  name: z.string(),
  amountYuan: z.number(),
  unit: refSchema.nullable(),
  governanceMinPct: z.number().int().nullable(),
  note: z.string().nullable(),
  /** Budgeted to live projects. */
  committedYuan: z.number(),
  spentYuan: z.number(),
  leftYuan: z.number(),
  projects: z.number().int(),
  rule: ruleSchema.nullable(),
})
export type Fund = z.infer<typeof fundSchema>
export const fundsSchema = z.object({ org: refSchema, year: z.number().int(), items: z.array(fundSchema) })

export const projectCreateSchema = z.strictObject({
  orgId: idSchema,
  year: yearSchema.optional(),
  kind: projectKindSchema,
  title: text(4, 60, '项目名称至少 4 个字'),
  summary: text(0, 1000, '').optional(),
  governance: z.boolean().optional(),
  proposedBy: projectProposerSchema,
  /** The social organisation that runs it (venture projects) or proposed it. */
  unitId: idSchema.optional(),
  /** The deliberation resolution that approved it: the project starts decided. */
  resolutionId: idSchema.optional(),
  targetYuan: yuan('目标金额').optional(),
})
export type ProjectCreate = z.infer<typeof projectCreateSchema>

export const decideSchema = z.strictObject({ resolutionId: idSchema.optional(), note: text(0, 200, '').optional() })
export const reasonSchema = z.strictObject({ reason: text(2, 200, '请填写原因（至少 2 个字）') })
export const budgetSchema = z.strictObject({ fundId: idSchema.optional(), budgetYuan: z.number().min(0, '预算不能为负').max(100_000_000, '预算过大').multipleOf(0.01, '最多两位小数') })
export const progressSchema = z.strictObject({ progress: z.number().int('须为整数').min(0, '应在 0 到 100 之间').max(100, '应在 0 到 100 之间'), note: text(0, 200, '').optional() })
export const completeSchema = z.strictObject({
  evidencePhotoIds: photoIds(9).min(1, '请上传至少 1 张完成情况的照片'),
  note: text(2, 500, '请填写完成情况（至少 2 个字）'),
})
export const expenseCreateSchema = z.strictObject({
  amountYuan: yuan('支出金额'),
  spentOn: dateSchema,
  item: text(2, 60, '请填写支出事项（至少 2 个字）'),
  payee: text(0, 60, '').optional(),
  receiptPhotoIds: photoIds(9).optional(),
})
export type ExpenseCreate = z.infer<typeof expenseCreateSchema>
export const pledgeCreateSchema = z.strictObject({
  amountYuan: yuan('认捐金额'),
  /** Pledging for a unit the caller acts for. */
  unitId: idSchema.optional(),
  anonymous: z.boolean().optional(),
  note: text(0, 100, '').optional(),
})
export type PledgeCreate = z.infer<typeof pledgeCreateSchema>

export const projectsQuerySchema = z.object({
  orgId: idSchema,
  year: yearSchema.optional(),
  kind: projectKindSchema.optional(),
  state: projectStateSchema.optional(),
  fundId: idSchema.optional(),
  ...pageQuery,
})
export type ProjectsQuery = z.infer<typeof projectsQuerySchema>
export const publicQuerySchema = z.object({ orgId: idSchema, year: yearSchema.optional() })

export const photoSchema = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })
export const expenseSchema = z.object({
  id: z.string(),
  amountYuan: z.number(),
  spentOn: z.string(),
  item: z.string(),
  payee: z.string().nullable(),
  receipts: z.array(photoSchema),
  recordedBy: refSchema.nullable(),
  createdAt: z.string(),
})
export const pledgeSchema = z.object({
  id: z.string(),
  state: pledgeStateSchema,
  person: refSchema,
  unit: refSchema.nullable(),
  amountYuan: z.number(),
  anonymous: z.boolean(),
  note: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
})
export const eventSchema = z.object({
  id: z.string(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  actor: refSchema.nullable(),
  note: z.string().nullable(),
  at: z.string(),
})

const projectCore = {
  id: z.string(),
  org: refSchema,
  year: z.number().int(),
  kind: projectKindSchema,
  state: projectStateSchema,
  title: z.string(),
  summary: z.string().nullable(),
  governance: z.boolean(),
  proposedBy: projectProposerSchema,
  unit: refSchema.nullable(),
  resolution: refSchema.nullable(),
  fund: z.object({ id: z.string(), name: z.string(), source: fundSourceSchema }).nullable(),
  budgetYuan: z.number(),
  targetYuan: z.number().nullable(),
  spentYuan: z.number(),
  pledgedYuan: z.number(),
  receivedYuan: z.number(),
  progress: z.number().int(),
  evidence: z.array(photoSchema),
  doneNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
}
export const projectSchema = z.object({
  ...projectCore,
  /** With GET /projects/:id only. */
  expenses: z.array(expenseSchema).optional(),
  pledges: z.array(pledgeSchema).optional(),
  timeline: z.array(eventSchema).optional(),
})
export type Project = z.infer<typeof projectSchema>

/** What residents see of a project: no payees, no receipts, no pledgers' names (a unit's name, or 爱心居民). */
export const publicProjectSchema = z.object({
  id: z.string(),
  kind: projectKindSchema,
  state: projectStateSchema,
  title: z.string(),
  summary: z.string().nullable(),
  proposedBy: projectProposerSchema,
  unit: refSchema.nullable(),
  resolution: refSchema.nullable(),
  fundSource: fundSourceSchema.nullable(),
  budgetYuan: z.number(),
  targetYuan: z.number().nullable(),
  spentYuan: z.number(),
  pledgedYuan: z.number(),
  receivedYuan: z.number(),
  progress: z.number().int(),
  evidence: z.array(photoSchema),
  doneNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  expenses: z.array(z.object({ amountYuan: z.number(), spentOn: z.string(), item: z.string() })),
  pledges: z.array(z.object({ label: z.string(), amountYuan: z.number(), received: z.boolean() })),
})
export type PublicProject = z.infer<typeof publicProjectSchema>
export const publicPageSchema = z.object({
  org: refSchema,
  year: z.number().int(),
  totals: z.object({ projects: z.number().int(), budgetYuan: z.number(), spentYuan: z.number(), receivedYuan: z.number() }),
  items: z.array(publicProjectSchema),
})

const moneySchema = z.object({ budgetYuan: z.number(), committedYuan: z.number(), spentYuan: z.number() })
export const figureRowSchema = z.object({
  org: refSchema,
  ...moneySchema.shape,
  bySource: z.array(moneySchema.extend({ source: fundSourceSchema })),
  byKind: z.array(z.object({ kind: projectKindSchema, projects: z.number().int(), committedYuan: z.number(), spentYuan: z.number() })),
  /** The governance rule of the service funds (null without service funds with a rule). */
  rule: ruleSchema.extend({ serviceYuan: z.number() }).nullable(),
})
export const figuresSchema = z.object({ org: refSchema, year: z.number().int(), total: figureRowSchema.omit({ org: true, rule: true }), communities: z.array(figureRowSchema) })
export type FundFigures = z.infer<typeof figuresSchema>

export const socialOrgPutSchema = z.strictObject({
  services: z.array(text(1, 30, '服务项目不能为空')).max(20, '最多 20 项'),
  stage: incubationStageSchema,
  incubatedOn: dateSchema.nullable().optional(),
  hatchedOn: dateSchema.nullable().optional(),
  note: text(0, 200, '').optional(),
})
export type SocialOrgPut = z.infer<typeof socialOrgPutSchema>
export const socialOrgsQuerySchema = z.object({ orgId: idSchema })
export const socialOrgSchema = z.object({
  unit: refSchema,
  org: refSchema,
  services: z.array(z.string()),
  stage: incubationStageSchema.nullable(),
  incubatedOn: z.string().nullable(),
  hatchedOn: z.string().nullable(),
  note: z.string().nullable(),
  projects: z.array(z.object({ id: z.string(), title: z.string(), state: projectStateSchema, budgetYuan: z.number(), spentYuan: z.number() })),
  /** Budgets of its decided projects (the money it received to run them). */
  receivedYuan: z.number(),
})
export const socialOrgsSchema = z.object({ items: z.array(socialOrgSchema) })
