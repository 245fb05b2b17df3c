// Schemas of secretaries' projects (书记抓党建项目) and responsibility lists (责任清单): the items,
// their milestones, progress and timeline, and raising a hotspot as a secretary's project
// (browser-safe: the web app imports them).
import { z } from 'zod'
import { countedPageOf, dateSchema, dateTimeSchema, idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const secretaryProjectKindSchema = z.enum(['project', 'duty'])
export const secretaryProjectStateSchema = z.enum(['planned', 'in_progress', 'done', 'overdue'])
export type SecretaryProjectKind = z.infer<typeof secretaryProjectKindSchema>
export type SecretaryProjectState = z.infer<typeof secretaryProjectStateSchema>

const YEAR = '年度应为 2000 到 2100 之间的整数'
const yearSchema = z.number().int(YEAR).min(2000, YEAR).max(2100, YEAR)
const title = z.string().trim().min(2, '标题至少 2 个字').max(100, '最多 100 个字')
const note = z.string().trim().max(2000, '最多 2000 个字')
/** A hotspot's category key, as the hotspots module writes it. */
const categorySchema = z.string().regex(/^(case:[A-Za-z0-9_.-]{1,60}|order:[1-9][0-9]{0,17})$/, '类别格式应为 case:<类别代码> 或 order:<服务项目编号>')

export const milestoneInputSchema = z.strictObject({ title, dueOn: dateSchema })
export type MilestoneInput = z.infer<typeof milestoneInputSchema>

export const hotspotSourceSchema = z.strictObject({
  kind: z.literal('hotspot'),
  category: categorySchema,
  caseIds: z.array(idSchema).max(200, '一次最多 200 个').default([]),
  orderIds: z.array(idSchema).max(200, '一次最多 200 个').default([]),
})
export const sourceInputSchema = z.discriminatedUnion('kind', [
  hotspotSourceSchema,
  z.strictObject({ kind: z.literal('case'), caseId: idSchema }),
  z.strictObject({ kind: z.literal('topic'), topicId: idSchema }),
])
export type SourceInput = z.infer<typeof sourceInputSchema>

export const secretaryProjectCreateSchema = z.strictObject({
  orgId: idSchema,
  kind: secretaryProjectKindSchema,
  yearFrom: yearSchema,
  /** A project's one year (left out: yearFrom); a responsibility list's last year (left out: yearFrom + 2). */
  yearTo: yearSchema.optional(),
  title,
  description: note.optional(),
  ownerId: idSchema,
  unitId: idSchema.optional(),
  department: z.string().trim().max(60, '最多 60 个字').optional(),
  milestones: z.array(milestoneInputSchema).max(24, '最多 24 个节点').default([]),
  source: sourceInputSchema.optional(),
})
export type SecretaryProjectCreate = z.infer<typeof secretaryProjectCreateSchema>

export const secretaryProjectPatchSchema = z.strictObject({
  title: title.optional(),
  description: note.nullable().optional(),
  yearFrom: yearSchema.optional(),
  yearTo: yearSchema.optional(),
  ownerId: idSchema.optional(),
  unitId: idSchema.nullable().optional(),
  department: z.string().trim().max(60, '最多 60 个字').nullable().optional(),
})
export type SecretaryProjectPatch = z.infer<typeof secretaryProjectPatchSchema>

export const milestoneCompleteSchema = z.strictObject({
  note: z.string().trim().min(2, '请写明完成情况（至少 2 个字）').max(2000, '最多 2000 个字'),
  photoIds: z.array(idSchema).max(9, '最多 9 张').default([]),
})
export type MilestoneComplete = z.infer<typeof milestoneCompleteSchema>

export const progressInputSchema = z.strictObject({
  /** 0–100 set by hand, or null to derive it from the milestones again. */
  progress: z.number().int('进度应为整数').min(0, '进度应在 0 到 100 之间').max(100, '进度应在 0 到 100 之间').nullable(),
  note: note.optional(),
})
export const commentInputSchema = z.strictObject({ note: z.string().trim().min(2, '意见至少 2 个字').max(2000, '最多 2000 个字') })
export const closeInputSchema = z.strictObject({ note: z.string().trim().min(2, '请写明办结情况（至少 2 个字）').max(2000, '最多 2000 个字') })

export const hotspotProjectSchema = z.strictObject({
  orgId: idSchema,
  category: categorySchema,
  caseIds: z.array(idSchema).max(200, '一次最多 200 个').default([]),
  orderIds: z.array(idSchema).max(200, '一次最多 200 个').default([]),
  title: title.optional(),
  /** The owner (left out: the caller). */
  ownerId: idSchema.optional(),
  yearFrom: yearSchema.optional(),
  milestones: z.array(milestoneInputSchema).max(24, '最多 24 个节点').default([]),
}).refine((b) => b.caseIds.length + b.orderIds.length > 0, { message: '请至少选择一个案件或工单', path: ['caseIds'] })
export type HotspotProject = z.infer<typeof hotspotProjectSchema>

export const secretaryProjectsQuerySchema = z.object({
  /** The node (the caller's own cadre node when left out). */
  orgId: idSchema.optional(),
  /** Also the items of the nodes below (督查 of the level above). */
  below: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  kind: secretaryProjectKindSchema.optional(),
  state: secretaryProjectStateSchema.optional(),
  /** Items whose years include this one. */
  year: z.string().regex(/^20[0-9]{2}$/, YEAR).transform(Number).optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
})
export type SecretaryProjectsQuery = z.infer<typeof secretaryProjectsQuerySchema>

const photoSchema = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })
export const milestoneSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueOn: z.string(),
  done: z.boolean(),
  doneAt: dateTimeSchema.nullable(),
  doneBy: refSchema.nullable(),
  evidenceNote: z.string().nullable(),
  photos: z.array(photoSchema),
  /** Open and past its due date (China time). */
  overdue: z.boolean(),
})
export const sourceSchema = z.object({
  kind: z.enum(['hotspot', 'case', 'topic']),
  category: z.string().nullable(),
  /** The category's name as the hotspot list shows it (null when the category is gone or none). */
  categoryName: z.string().nullable(),
  street: refSchema.nullable(),
  caseIds: z.array(z.string()),
  orderIds: z.array(z.string()),
  caseId: z.string().nullable(),
  topic: refSchema.nullable(),
})
export const eventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: refSchema.nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: dateTimeSchema,
})
export const secretaryProjectSchema = z.object({
  id: z.string(),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  kind: secretaryProjectKindSchema,
  state: secretaryProjectStateSchema,
  yearFrom: z.number().int(),
  yearTo: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  owner: refSchema,
  unit: refSchema.nullable(),
  department: z.string().nullable(),
  progress: z.number().int(),
  progressManual: z.boolean(),
  milestonesTotal: z.number().int(),
  milestonesDone: z.number().int(),
  nextDueOn: z.string().nullable(),
  source: sourceSchema.nullable(),
  closedAt: dateTimeSchema.nullable(),
  closeNote: z.string().nullable(),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  canManage: z.boolean(),
  canReport: z.boolean(),
  canComment: z.boolean(),
})
export type SecretaryProject = z.infer<typeof secretaryProjectSchema>
export const secretaryProjectDetailSchema = secretaryProjectSchema.extend({
  milestones: z.array(milestoneSchema),
  events: z.array(eventSchema),
})
export type SecretaryProjectDetail = z.infer<typeof secretaryProjectDetailSchema>
export const secretaryProjectPageSchema = countedPageOf(secretaryProjectSchema)
/** The items a person answers for (GET /me/secretary-projects), open ones first. */
export const mySecretaryProjectsSchema = z.object({ items: z.array(secretaryProjectSchema) })
