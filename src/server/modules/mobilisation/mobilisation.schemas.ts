// Schemas of emergencies, their branches, teams, zones, posts, shifts, sign-ups, hazards and
// boards (browser-safe: the web app imports them).
import { z } from 'zod'
import { polygonSchema } from '../orgs/orgs.schemas.ts'
import { crsSchema, dateSchema, dateTimeSchema, idSchema, lngLatSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const emergencyKindSchema = z.enum(['flood', 'epidemic', 'fire', 'event', 'other'])
export const emergencyLevelSchema = z.enum(['normal', 'high', 'urgent'])
export const postKindSchema = z.enum(['checkpoint', 'embankment', 'shelter', 'patrol', 'other'])
export const memberSourceSchema = z.enum(['unit', 'member', 'volunteer', 'other'])
export type EmergencyKind = z.infer<typeof emergencyKindSchema>
export type PostKind = z.infer<typeof postKindSchema>

const name = z.string().trim().min(2, '名称至少 2 个字').max(100, '名称最多 100 个字')
const uniqIds = (max: number) => z.array(idSchema).max(max, `一次最多 ${max} 个`).refine((a) => new Set(a).size === a.length, '有重复项')

export const emergencyCreateSchema = z.strictObject({
  orgId: idSchema,
  kind: emergencyKindSchema,
  name,
  tag: z.string().trim().min(1, '请填写标签').max(30, '标签最多 30 个字').optional(),
  level: emergencyLevelSchema.default('high'),
  area: polygonSchema.optional(),
  crs: crsSchema.default('wgs84'),
  description: z.string().trim().max(2000).optional(),
  startedAt: dateTimeSchema.optional(),
})
export type EmergencyCreate = z.infer<typeof emergencyCreateSchema>

export const emergenciesQuerySchema = z.object({
  orgId: idSchema.optional(),
  status: z.enum(['active', 'ended', 'all']).default('all'),
  ...pageQuery,
})

export const emergencySchema = z.object({
  id: z.string(),
  kind: emergencyKindSchema,
  name: z.string(),
  tag: z.string(),
  level: emergencyLevelSchema,
  org: refSchema,
  area: polygonSchema.nullable(),
  description: z.string().nullable(),
  declaredBy: refSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  summary: z.string().nullable(),
  canManage: z.boolean(),
  canEnd: z.boolean(),
})
export type Emergency = z.infer<typeof emergencySchema>

export const branchCreateSchema = z.strictObject({
  name,
  secretaryId: idSchema,
  memberIds: uniqIds(500).default([]),
  unitId: idSchema.optional(),
})
export const branchSchema = z.object({
  id: z.string(), name: z.string(), secretary: refSchema, members: z.array(refSchema), closedAt: z.string().nullable(), record: z.string().nullable(),
})

export const teamCreateSchema = z.strictObject({
  name,
  leaderId: idSchema,
  members: z.array(z.strictObject({ personId: idSchema, source: memberSourceSchema, unitId: idSchema.optional() })).max(500).default([])
    .refine((a) => new Set(a.map((m) => m.personId)).size === a.length, '有重复的队员'),
})
export const teamSchema = z.object({
  id: z.string(), name: z.string(), leader: refSchema,
  members: z.array(z.object({ id: z.string(), name: z.string(), source: memberSourceSchema, unit: refSchema.nullable() })),
})

export const zoneCreateSchema = z.strictObject({ name, area: polygonSchema, crs: crsSchema.default('wgs84'), personId: idSchema, teamId: idSchema.optional() })
export const zoneSchema = z.object({ id: z.string(), name: z.string(), area: polygonSchema, person: refSchema, team: refSchema.nullable() })

const shiftInput = z.strictObject({ startsAt: dateTimeSchema, endsAt: dateTimeSchema, needed: z.number().int().min(1, '至少 1 人').max(200, '最多 200 人') })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt) && Date.parse(s.endsAt) - Date.parse(s.startsAt) <= 24 * 3600_000, { message: '结束时间须晚于开始时间，且一个班次不超过 24 小时', path: ['endsAt'] })
export const postCreateSchema = z.strictObject({
  name,
  kind: postKindSchema,
  vanguard: z.boolean().default(false),
  location: lngLatSchema,
  crs: crsSchema.default('wgs84'),
  radiusM: z.number().int().min(20).max(5000).default(200),
  zoneId: idSchema.optional(),
  teamId: idSchema.optional(),
  /** Shifts laid out at once (e.g. three 8-hour shifts a day for three days). */
  shifts: z.array(shiftInput).max(200, '一次最多 200 个班次').default([]),
})
export type PostCreate = z.infer<typeof postCreateSchema>
export const shiftsCreateSchema = z.strictObject({ shifts: z.array(shiftInput).min(1, '至少一个班次').max(200, '一次最多 200 个班次') })

export const shiftSchema = z.object({
  id: z.string(), postId: z.string(), startsAt: z.string(), endsAt: z.string(), needed: z.number().int(), held: z.number().int(),
  people: z.array(z.object({ signupId: z.string(), id: z.string(), name: z.string(), source: z.enum(['self', 'assigned']), checkedInAt: z.string().nullable() })),
  mine: z.string().nullable(),
})
export const postSchema = z.object({
  id: z.string(), emergencyId: z.string(), name: z.string(), kind: postKindSchema, vanguard: z.boolean(), location: z.object({ lng: z.number(), lat: z.number() }),
  radiusM: z.number().int(), zone: refSchema.nullable(), team: refSchema.nullable(),
  onDutyNow: z.number().int(), coveredNow: z.boolean(), shifts: z.array(shiftSchema),
})
export type Post = z.infer<typeof postSchema>

export const signupCreateSchema = z.strictObject({ personId: idSchema.optional() })
export const signupSchema = z.object({ id: z.string(), shiftId: z.string(), person: refSchema, source: z.enum(['self', 'assigned']), held: z.number().int(), needed: z.number().int() })

export const checkinSchema = z.strictObject({ code: z.string().trim().min(3).max(80).optional(), position: lngLatSchema.optional(), crs: crsSchema.default('wgs84') })
  .refine((c) => c.code !== undefined || c.position !== undefined, { message: '请扫码或提供当前位置', path: ['code'] })
export const checkinResultSchema = z.object({ signupId: z.string(), checkedInAt: z.string(), method: z.enum(['qr', 'position', 'manual']) })
export const checkinCodeSchema = z.object({ postId: z.string(), code: z.string(), expiresAt: z.string(), url: z.string() })

export const hazardCreateSchema = z.strictObject({
  description: z.string().trim().min(4, '请描述险情（至少 4 个字）').max(1000),
  location: lngLatSchema,
  crs: crsSchema.default('wgs84'),
  postId: idSchema.optional(),
  priority: emergencyLevelSchema.optional(),
  categoryCode: z.string().trim().min(1).max(60).default('safety'),
  photoIds: uniqIds(9).optional(),
})
export const hazardSchema = z.object({
  id: z.string(), caseId: z.string(), priority: emergencyLevelSchema, post: refSchema.nullable(), reportedBy: refSchema,
  description: z.string(), state: z.string(), handled: z.boolean(), location: z.object({ lng: z.number(), lat: z.number() }), createdAt: z.string(),
})

export const boardSchema = z.object({
  emergency: emergencySchema,
  posts: z.object({ total: z.number().int(), coveredNow: z.number().int(), vanguard: z.number().int() }),
  onDutyNow: z.array(z.object({ id: z.string(), name: z.string(), post: refSchema, since: z.string().nullable() })),
  hazards: z.object({ open: z.number().int(), handled: z.number().int() }),
  alerts: z.array(z.object({ shiftId: z.string(), post: refSchema, startsAt: z.string(), held: z.number().int(), needed: z.number().int() })),
  zones: z.array(zoneSchema),
  postsOnMap: z.array(z.object({ id: z.string(), name: z.string(), kind: postKindSchema, vanguard: z.boolean(), lng: z.number(), lat: z.number(), coveredNow: z.boolean() })),
  teams: z.number().int(),
  branches: z.number().int(),
})

export const rosterQuerySchema = z.object({ date: dateSchema })
export const rosterSchema = z.object({
  emergency: refSchema, date: z.string(),
  posts: z.array(z.object({ id: z.string(), name: z.string(), kind: postKindSchema, shifts: z.array(z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), needed: z.number().int(), people: z.array(z.object({ name: z.string(), checkedIn: z.boolean() })) })) })),
})

export const endSchema = z.strictObject({
  summary: z.string().trim().min(2, '请填写总结（至少 2 个字）').max(2000),
  branchRecords: z.record(idSchema, z.string().trim().max(2000)).optional(),
})
export const commendationCreateSchema = z.strictObject({ personId: idSchema, reason: z.string().trim().min(2, '请填写推荐理由').max(500) })
export const reportSchema = z.object({
  emergency: emergencySchema,
  served: z.array(z.object({ id: z.string(), name: z.string(), shifts: z.number().int(), hours: z.number(), commendation: z.string().nullable() })),
  totalHours: z.number(),
  hazards: z.object({ total: z.number().int(), handled: z.number().int() }),
  branches: z.array(branchSchema),
})

export const myDutySchema = z.object({
  signupId: z.string(), emergency: refSchema, post: z.object({ id: z.string(), name: z.string(), kind: postKindSchema, lng: z.number(), lat: z.number() }),
  startsAt: z.string(), endsAt: z.string(), checkedInAt: z.string().nullable(), ended: z.boolean(),
})
