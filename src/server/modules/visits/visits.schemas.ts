// Schemas of visit logs, visit schedules and their tasks (browser-safe: the web app imports them).
import { z } from 'zod'
import { crsSchema, dateSchema, idSchema, lngLatSchema, pageQuery, refSchema } from '../../kernel/contract.ts'
import { caseCreateSchema } from '../cases/cases.schemas.ts'

export const visitKindSchema = z.enum(['night', 'home'])
export const visitModeSchema = z.enum(['fixed', 'appointed', 'active', 'return'])
export const taskStatusSchema = z.enum(['pending', 'done', 'late'])
export type VisitKind = z.infer<typeof visitKindSchema>
export type VisitMode = z.infer<typeof visitModeSchema>
export type TaskStatus = z.infer<typeof taskStatusSchema>

export { crsSchema, dateSchema, lngLatSchema }
export const photoIdsSchema = z.array(idSchema).max(9, '最多 9 张照片')

export const visitCreateSchema = z.strictObject({
  kind: visitKindSchema,
  mode: visitModeSchema,
  /** The smallest node visited: a community, village, grid or building. */
  orgId: idSchema,
  visitedAt: z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601' }).optional(),
  households: z.number().int().min(0).max(10000),
  people: z.number().int().min(0).max(100000),
  note: z.string().trim().min(2, '记录至少 2 个字').max(4000),
  location: lngLatSchema.optional(),
  crs: crsSchema.optional(),
  photoIds: photoIdsSchema.optional(),
  /** The residents met, by their records (each must live at the place visited). */
  residentIds: z.array(idSchema).max(200, '一次最多记录 200 位居民').optional(),
  visitorOrgId: idSchema.optional(),
  taskId: idSchema.optional(),
})
export type VisitCreate = z.infer<typeof visitCreateSchema>

export const visitSchema = z.object({
  id: z.string(),
  kind: visitKindSchema,
  mode: visitModeSchema,
  org: refSchema.extend({ kind: z.string() }),
  community: refSchema.nullable(),
  visitor: refSchema,
  visitorOrg: refSchema.nullable(),
  taskId: z.string().nullable(),
  visitedAt: z.string(),
  households: z.number().int(),
  people: z.number().int(),
  note: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  photoIds: z.array(z.string()),
  /** The residents met that the reader may read (names as the resident list shows them). */
  residents: z.array(z.object({ id: z.string(), name: z.string(), household: z.string().nullable(), buildingName: z.string() })),
  /** Where the visit was logged against the place visited: inside it, near it (within 300 m) or away. */
  placeCheck: z.object({ status: z.enum(['inside', 'near', 'away']), distanceM: z.number().int() }).nullable(),
  createdAt: z.string(),
})
export type Visit = z.infer<typeof visitSchema>

export const visitsQuerySchema = z.object({
  orgId: idSchema.optional(),
  kind: visitKindSchema.optional(),
  mode: visitModeSchema.optional(),
  visitorId: idSchema.optional(),
  taskId: idSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  ...pageQuery,
})
export type VisitsQuery = z.infer<typeof visitsQuerySchema>

/** The body of a case found on a visit: the case-creation body (the visit supplies channel and link); never anonymous. */
/** Without a location the case is placed where the visit was logged, else inside the node visited. */
export const visitCaseCreateSchema = caseCreateSchema.extend({
  location: lngLatSchema.optional(),
  anonymous: z.literal(false, '走访中发现的问题不能匿名反映').optional(),
})
export type VisitCaseCreate = z.infer<typeof visitCaseCreateSchema>

export const scheduleTargetInputSchema = z.strictObject({ visitorOrgId: idSchema, communityId: idSchema })

export const scheduleCreateSchema = z.strictObject({
  /** The street or district that owns the schedule. */
  orgId: idSchema,
  name: z.string().trim().min(2).max(100),
  kind: visitKindSchema,
  dayOfMonth: z.number().int().min(1).max(28),
  graceDays: z.number().int().min(0).max(27).default(7),
  startsOn: dateSchema,
  endsOn: dateSchema.nullable().optional(),
  targets: z.array(scheduleTargetInputSchema).min(1, '至少指定一组走访对象').max(500),
})
export type ScheduleCreate = z.infer<typeof scheduleCreateSchema>

export const scheduleSchema = z.object({
  id: z.string(),
  org: refSchema,
  name: z.string(),
  kind: visitKindSchema,
  dayOfMonth: z.number().int(),
  graceDays: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  targets: z.array(z.object({ id: z.string(), visitorOrg: refSchema, community: refSchema })),
  tasks: z.object({ done: z.number().int(), pending: z.number().int(), late: z.number().int() }),
  createdAt: z.string(),
})
export type Schedule = z.infer<typeof scheduleSchema>

export const schedulesQuerySchema = z.object({
  orgId: idSchema.optional(),
  ...pageQuery,
})

export const tasksQuerySchema = z.object({
  /** Tasks whose community or visitor org lies under this node. */
  orgId: idSchema.optional(),
  scheduleId: idSchema.optional(),
  status: taskStatusSchema.optional(),
  dueFrom: dateSchema.optional(),
  dueTo: dateSchema.optional(),
  ...pageQuery,
})
export type TasksQuery = z.infer<typeof tasksQuerySchema>

export const taskSchema = z.object({
  id: z.string(),
  schedule: refSchema.extend({ kind: visitKindSchema }),
  visitorOrg: refSchema,
  community: refSchema,
  dueOn: z.string(),
  deadline: z.string(),
  status: taskStatusSchema,
  visitId: z.string().nullable(),
  doneAt: z.string().nullable(),
})
export type VisitTask = z.infer<typeof taskSchema>

export const taskSummarySchema = z.object({
  items: z.array(z.object({ visitorOrg: refSchema, done: z.number().int(), pending: z.number().int(), late: z.number().int() })),
})
