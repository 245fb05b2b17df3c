// Request and response schemas of cases (browser-safe: the web app imports the enums).
import { z } from 'zod'
import { idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const caseStateSchema = z.enum(['reported', 'accepted', 'rejected', 'assigned', 'in_progress', 'handled', 'verified', 'closed'])
export type CaseState = z.infer<typeof caseStateSchema>
export const caseLevelSchema = z.enum(['grid', 'community', 'street', 'department'])
export type CaseLevel = z.infer<typeof caseLevelSchema>
export const caseChannelSchema = z.enum(['h5', 'console', 'api', 'open311', 'visit', 'estate_rating'])
export type CaseChannel = z.infer<typeof caseChannelSchema>

/** 回访: the reporter's satisfaction and how staff reached them (online: the reporter answered in the app). */
export const revisitSatisfactions = ['satisfied', 'basic', 'dissatisfied'] as const
export const revisitSatisfactionSchema = z.enum(revisitSatisfactions)
export const revisitMethodSchema = z.enum(['phone', 'visit', 'online'])
export type RevisitSatisfaction = z.infer<typeof revisitSatisfactionSchema>
export const caseActions = ['accept', 'reject', 'assign', 'take', 'start', 'handle', 'verify', 'return', 'close', 'escalate', 'reopen', 'rate', 'revisit', 'update', 'merge', 'meetings'] as const
export type CaseAction = (typeof caseActions)[number]
export const caseActionSchema = z.enum(caseActions)

export const categoryCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,30}(\.[a-z0-9_]{1,30})?$/, '类别代码格式不正确')

const lng = z.number().min(-180).max(180)
const lat = z.number().min(-90).max(90)
export const lngLatSchema = z.object({ lng, lat })
export const crsSchema = z.enum(['wgs84', 'gcj02']).default('wgs84')
const note = z.string().trim().min(1).max(2000)
const photoIds = z.array(idSchema).max(9, '最多 9 张照片')

export const caseCreateSchema = z.strictObject({
  categoryCode: categoryCodeSchema,
  description: z.string().trim().min(2, '请描述问题（至少 2 个字）').max(2000),
  location: lngLatSchema,
  crs: crsSchema,
  address: z.string().trim().min(1).max(200).optional(),
  photoIds: photoIds.optional(),
  anonymous: z.boolean().optional(),
})
export type CaseCreateInput = z.infer<typeof caseCreateSchema>

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true')
const dateTimeParam = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, '时间格式应为 ISO 8601')

export const caseFilterSchema = z.object({
  box: z.enum(['scope', 'todo', 'mine', 'reported', 'following']).default('scope'),
  /** With box=todo: only the cases waiting at this step (the inbox's 待受理 / 待办理 / 待验收 / 待回访 tabs). */
  step: z.enum(['accept', 'handle', 'verify', 'revisit']).optional(),
  state: z
    .string()
    .max(200)
    .transform((v, c) => {
      const parts = v.split(',').filter(Boolean)
      for (const p of parts) {
        if (!caseStateSchema.safeParse(p).success) {
          c.addIssue({ code: 'custom', message: `未知状态：${p}` })
          return z.NEVER
        }
      }
      return parts as CaseState[]
    })
    .optional(),
  categoryCode: z.string().regex(/^[a-z][a-z0-9_.]{1,62}$/, '类别代码格式不正确').optional(),
  overdue: boolParam.optional(),
  orgId: idSchema.optional(),
  level: caseLevelSchema.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  from: dateTimeParam.optional(),
  to: dateTimeParam.optional(),
})
export type CaseFilter = z.infer<typeof caseFilterSchema>

export const caseListQuerySchema = caseFilterSchema.extend({
  ...pageQuery,
  // An inbox page is shorter than other lists: it is read on a phone too.
  limit: z.coerce.number().int().min(1).max(200).default(20),
})

export const caseMapQuerySchema = caseFilterSchema.extend({
  bbox: z
    .string()
    .regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, 'bbox 应为 minLng,minLat,maxLng,maxLat')
    .transform((v) => v.split(',').map(Number) as [number, number, number, number])
    .optional(),
})

export const nearbyQuerySchema = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  crs: crsSchema,
  categoryCode: categoryCodeSchema,
})

export const statsQuerySchema = z.object({ orgId: idSchema, from: dateTimeParam.optional(), to: dateTimeParam.optional() })

const personRef = refSchema
const photo = z.object({ id: z.string(), url: z.string() })

export const caseSchema = z.object({
  id: z.string(),
  state: caseStateSchema,
  level: caseLevelSchema,
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  location: lngLatSchema,
  gridId: z.string(),
  gridName: z.string(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  handlingOrgId: z.string(),
  handlingOrgName: z.string(),
  assignee: personRef.nullable(),
  reporter: personRef.nullable(),
  /** For staff over a case with a named reporter: the reporter's phone, masked. */
  reporterPhone: z.string().nullable(),
  anonymous: z.boolean(),
  channel: caseChannelSchema,
  photos: z.array(photo),
  acceptDueAt: z.string().nullable(),
  handleDueAt: z.string().nullable(),
  overdue: z.boolean(),
  overdueAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  handledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  result: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  reopens: z.number().int(),
  escalations: z.number().int(),
  revisitDueAt: z.string().nullable(),
  revisitedAt: z.string().nullable(),
  revisitFixed: z.boolean().nullable(),
  revisitSatisfaction: revisitSatisfactionSchema.nullable(),
  mergedIntoId: z.string().nullable(),
  visitId: z.string().nullable(),
  followers: z.number().int(),
  following: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(caseActionSchema),
})
export type Case = z.infer<typeof caseSchema>

export const timelineEntrySchema = z.object({
  id: z.string(),
  action: z.string(),
  from: caseStateSchema.nullable(),
  to: caseStateSchema.nullable(),
  actor: personRef.nullable(),
  at: z.string(),
  note: z.string().nullable(),
  public: z.boolean(),
  photos: z.array(photo),
  data: z.record(z.string(), z.unknown()),
})

export const meetingSchema = z.object({
  id: z.string(),
  heldAt: z.string(),
  participants: z.array(z.string()),
  conclusion: z.string(),
  recordedBy: personRef,
})

export const caseDetailSchema = caseSchema.extend({
  timeline: z.array(timelineEntrySchema),
  meetings: z.array(meetingSchema),
})
export type CaseDetail = z.infer<typeof caseDetailSchema>

export const actionBodies = {
  accept: z.strictObject({ note: note.optional() }),
  reject: z.strictObject({ reason: note }),
  assign: z.strictObject({ assigneeId: idSchema, note: note.optional() }),
  take: z.strictObject({}),
  start: z.strictObject({ note: note.optional(), location: lngLatSchema.optional(), crs: crsSchema }),
  handle: z.strictObject({ result: note, photoIds: photoIds.optional() }),
  verify: z.strictObject({ note: note.optional() }),
  return: z.strictObject({ note }),
  close: z.strictObject({ note: note.optional() }),
  escalate: z.strictObject({ note, level: caseLevelSchema.exclude(['grid']).optional() }),
  reopen: z.strictObject({ note }),
  rate: z.strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().trim().min(1).max(500).optional() }),
  revisit: z.strictObject({
    fixed: z.boolean(),
    satisfaction: revisitSatisfactionSchema.optional(),
    method: revisitMethodSchema.optional(),
    note: note.optional(),
  }),
  update: z.strictObject({ note, photoIds: photoIds.optional(), public: z.boolean().default(true) }),
  merge: z.strictObject({ intoId: idSchema, note: note.optional() }),
  meetings: z.strictObject({
    heldAt: dateTimeParam,
    participants: z.array(z.string().trim().min(1).max(50)).min(1).max(50),
    conclusion: z.string().trim().min(2).max(4000),
  }),
} satisfies Record<CaseAction, z.ZodType>

export const categorySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  acceptHours: z.number().int(),
  handleDays: z.number().int(),
  limits: z.record(z.string(), z.object({ acceptHours: z.number().int().optional(), handleDays: z.number().int().optional() })),
  workingDays: z.boolean(),
  revisitDays: z.number().int(),
  departmentId: z.string().nullable(),
  public: z.boolean(),
  active: z.boolean(),
  sort: z.number().int(),
})

const limitsSchema = z.partialRecord(caseLevelSchema, z.strictObject({ acceptHours: z.number().int().min(1).max(720).optional(), handleDays: z.number().int().min(1).max(365).optional() }))

export const categoryCreateSchema = z.strictObject({
  code: categoryCodeSchema,
  name: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).nullable().optional(),
  acceptHours: z.number().int().min(1).max(720).default(24),
  handleDays: z.number().int().min(1).max(365).default(3),
  limits: limitsSchema.default({}),
  workingDays: z.boolean().default(true),
  revisitDays: z.number().int().min(0).max(365).default(7),
  departmentId: idSchema.nullable().optional(),
  public: z.boolean().default(true),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10000).default(0),
})

export const categoryUpdateSchema = categoryCreateSchema.omit({ code: true }).partial().strict()

export const nearbyCaseSchema = z.object({
  id: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  state: caseStateSchema,
  distanceM: z.number(),
  createdAt: z.string(),
  followers: z.number().int(),
})

/** What waits for the caller, by step (the inbox tabs and menu badges): box=todo counted. */
export const todoCountsSchema = z.object({
  accept: z.number().int(),
  handle: z.number().int(),
  verify: z.number().int(),
  revisit: z.number().int(),
  total: z.number().int(),
})
export type TodoCounts = z.infer<typeof todoCountsSchema>

export const caseStatsSchema = z.object({
  total: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
  overdue: z.number().int(),
  onTimeRate: z.number().nullable(),
  closed: z.number().int(),
  closedAtGrid: z.number().int(),
  closedAtCommunity: z.number().int(),
  gridShare: z.number().nullable(),
  communityShare: z.number().nullable(),
  avgRating: z.number().nullable(),
})

export const followSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  digest: z.boolean(),
  createdAt: z.string(),
})
