// Schemas of errands (红色帮办): requests, answers and the figures (browser-safe: the web app
// imports them).
import { z } from 'zod'
import { boolQuery, dateSchema, dateTimeSchema, idListSchema, idSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const errandStateSchema = z.enum(['submitted', 'accepted', 'in_progress', 'done', 'rejected', 'cancelled'])
export const errandMatterSchema = z.enum(['business_licence', 'permit', 'subsidy', 'social_security', 'housing', 'other'])
/** The desk's level, from the kind of its org node: district → centre, street → station, community or village → point. */
export const errandLevelSchema = z.enum(['centre', 'station', 'point'])
export const errandActionSchema = z.enum(['accept', 'reject', 'start', 'handoff', 'done', 'cancel', 'rate'])
export type ErrandState = z.infer<typeof errandStateSchema>
export type ErrandMatter = z.infer<typeof errandMatterSchema>
export type ErrandLevel = z.infer<typeof errandLevelSchema>
export type ErrandAction = z.infer<typeof errandActionSchema>

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多 ${max} 字`)

export const checklistItemSchema = z.strictObject({
  name: text(60),
  required: z.boolean().default(true),
  received: z.boolean().default(false),
  /** Photos of the document (uploads of the caller's own, or ones already on the errand). */
  fileIds: idListSchema(10).default([]),
})
const checklistSchema = z.array(checklistItemSchema).max(30, '材料最多 30 项')
  .refine((items) => new Set(items.map((i) => i.name)).size === items.length, '材料名称有重复')

export const errandCreateSchema = z.strictObject({
  /** The desk: a district (centre), street (station) or community (point). A requester's own community's point when left out. */
  orgId: idSchema.optional(),
  /** Who the errand is for, when a helper registers someone who came in person; the caller by default. */
  requesterId: idSchema.optional(),
  /** A firm's errand: the unit the requester acts for. */
  unitId: idSchema.optional(),
  matter: errandMatterSchema,
  title: text(80),
  description: z.string().trim().max(2000).optional(),
  checklist: checklistSchema.default([]),
  dueOn: dateSchema.optional(),
})
export type ErrandCreate = z.infer<typeof errandCreateSchema>

export const errandsQuerySchema = z.object({
  /** The requester's own errands (and their units'). */
  mine: boolQuery.optional(),
  orgId: idSchema.optional(),
  state: errandStateSchema.optional(),
  level: errandLevelSchema.optional(),
  /** Only errands with a step past its deadline. */
  overdue: boolQuery.optional(),
  ...pageQuery,
})
export type ErrandsQuery = z.infer<typeof errandsQuerySchema>

export const figuresQuerySchema = z.object({ orgId: idSchema.optional() })

const noteSchema = z.string().trim().max(500).optional()
export const actionBodies = {
  accept: z.strictObject({ note: noteSchema, ownerId: idSchema.optional(), dueOn: dateSchema.optional() }),
  reject: z.strictObject({ reason: text(500) }),
  start: z.strictObject({ note: noteSchema }),
  handoff: z.strictObject({
    /** The desk one level up (the default) or one level down. */
    orgId: idSchema.optional(),
    note: text(500),
  }),
  done: z.strictObject({ result: text(1000) }),
  cancel: z.strictObject({ reason: noteSchema }),
  rate: z.strictObject({ rating: z.number().int().min(1, '评分为 1 到 5').max(5, '评分为 1 到 5'), comment: z.string().trim().max(500).optional() }),
} as const

export const stepCreateSchema = z.strictObject({
  title: text(80),
  ownerId: idSchema.optional(),
  dueAt: dateTimeSchema.optional(),
})
export const stepPatchSchema = z.strictObject({
  title: text(80).optional(),
  ownerId: idSchema.nullable().optional(),
  dueAt: dateTimeSchema.nullable().optional(),
  /** Moves the step to this place (1 = first); the others shift. */
  position: z.number().int().min(1).max(100).optional(),
})
export const stepDoneSchema = z.strictObject({ note: z.string().trim().max(500).optional() })
export const checklistPutSchema = z.strictObject({ items: checklistSchema })
export type StepCreate = z.infer<typeof stepCreateSchema>
export type StepPatch = z.infer<typeof stepPatchSchema>
export type ChecklistItemInput = z.infer<typeof checklistItemSchema>

const fileSchema = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })
export const checklistItemOutSchema = z.object({ name: z.string(), required: z.boolean(), received: z.boolean(), fileIds: z.array(z.string()), files: z.array(fileSchema) })

export const stepSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  owner: refSchema.nullable(),
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: refSchema.nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
})

export const timelineEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  fromState: errandStateSchema.nullable(),
  toState: errandStateSchema,
  actor: refSchema.nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
})

export const errandSchema = z.object({
  id: z.string(),
  state: errandStateSchema,
  level: errandLevelSchema,
  org: refSchema,
  matter: errandMatterSchema,
  title: z.string(),
  requester: refSchema,
  unit: refSchema.nullable(),
  owner: refSchema.nullable(),
  dueOn: z.string().nullable(),
  steps: z.object({ total: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
  /** Documents still missing: required and not received. */
  missingDocuments: z.number().int(),
  rating: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Errand = z.infer<typeof errandSchema>

export const errandDetailSchema = errandSchema.omit({ steps: true }).extend({
  description: z.string().nullable(),
  checklist: z.array(checklistItemOutSchema),
  steps: z.array(stepSchema),
  timeline: z.array(timelineEventSchema),
  createdBy: refSchema.nullable(),
  acceptedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  result: z.string().nullable(),
  reason: z.string().nullable(),
  feedback: z.string().nullable(),
  ratedAt: z.string().nullable(),
  /** The caller works the errand at its desk. */
  deskView: z.boolean(),
  /** What the caller may do now. */
  actions: z.array(errandActionSchema),
})
export type ErrandDetail = z.infer<typeof errandDetailSchema>
export type ErrandStep = z.infer<typeof stepSchema>
export type ErrandEvent = z.infer<typeof timelineEventSchema>

export const errandCreatedSchema = z.object({ id: z.string(), state: errandStateSchema })

const tally = z.object({ total: z.number().int(), done: z.number().int(), open: z.number().int(), avgDays: z.number().nullable(), overdueSteps: z.number().int(), avgRating: z.number().nullable(), rated: z.number().int() })
export const figuresSchema = tally.extend({
  org: refSchema,
  byState: z.record(z.string(), z.number().int()),
  byLevel: z.array(tally.extend({ level: errandLevelSchema })),
  byDesk: z.array(tally.extend({ org: refSchema, level: errandLevelSchema })),
  /** Ratings 1 to 5 and how many gave each. */
  ratings: z.array(z.object({ rating: z.number().int(), count: z.number().int() })),
})
export type ErrandFigures = z.infer<typeof figuresSchema>
