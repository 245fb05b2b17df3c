// Schemas of the service catalogue, orders and one-button devices (browser-safe: the web app
// imports them).
import { z } from 'zod'
import { boolQuery, crsSchema, dateTimeSchema, idSchema, lngLatSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const serviceListSchema = z.enum(['public', 'social', 'volunteer'])
export const providerKindSchema = z.enum(['member', 'volunteer', 'team', 'unit', 'merchant', 'department', 'staff'])
export const orderAudienceSchema = z.enum(['everyone', 'elderly', 'tagged'])
export const orderStateSchema = z.enum(['placed', 'accepted', 'open', 'assigned', 'in_progress', 'completed', 'confirmed', 'refused', 'merged', 'cancelled'])
export const orderChannelSchema = z.enum(['app', 'proxy', 'device', 'elder_button'])
export const orderActionSchema = z.enum(['review', 'dispatch', 'claim', 'start', 'checkin', 'complete', 'confirm', 'rate', 'cancel'])
export const residentTagSchema = z.enum(['elderly_alone', 'empty_nest', 'disabled', 'low_income', 'veteran', 'left_behind_child', 'serious_illness', 'tenant'])
export type ServiceList = z.infer<typeof serviceListSchema>
export type ProviderKind = z.infer<typeof providerKindSchema>
export type OrderState = z.infer<typeof orderStateSchema>
export type OrderAction = z.infer<typeof orderActionSchema>
export type OrderChannel = z.infer<typeof orderChannelSchema>

const uniq = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).refine((a) => new Set(a).size === a.length, '有重复项')
const hours = (max: number) => z.number().positive('须大于 0').max(max)

// ---- the catalogue

/** An item's terms without its place: what a version holds, and what a catalogue template carries. */
export const serviceItemFieldsSchema = z.strictObject({
  list: serviceListSchema,
  name: z.string().trim().min(2, '名称至少 2 个字').max(40),
  description: z.string().trim().max(500).optional(),
  icon: z.string().trim().regex(/^[a-z_]{2,30}$/, '图标名称不正确').default('service'),
  providerKinds: uniq(providerKindSchema, 7).min(1, '至少选择一类服务提供者'),
  skill: z.string().trim().min(1).max(20).nullable().default(null),
  audience: orderAudienceSchema.default('everyone'),
  audienceTags: uniq(residentTagSchema, 8).default([]),
  autoAccept: z.boolean().default(false),
  grab: z.boolean().default(true),
  reviewHours: hours(720).default(24),
  claimHours: hours(720).default(24),
  finishHours: hours(2160).default(72),
  serviceHours: z.number().min(0).max(24).default(1),
  ratingRequired: z.boolean().default(true),
  points: z.number().int().min(0).max(1000).default(0),
  priceNote: z.string().trim().max(100).nullable().default(null),
  radiusM: z.number().int().min(100).max(50000).default(3000),
})
const tagsNeeded = (i: { audience: string; audienceTags: string[] }) => i.audience !== 'tagged' || i.audienceTags.length > 0
const tagsMessage = { message: '请选择可下单的居民标签', path: ['audienceTags'] }
export const serviceItemInputSchema = serviceItemFieldsSchema.extend({ orgId: idSchema }).refine(tagsNeeded, tagsMessage)
export type ServiceItemInput = z.infer<typeof serviceItemInputSchema>
/** A service catalogue as a template of the shared library: the items' terms, without places. */
export const catalogueTemplateSchema = z.strictObject({ items: z.array(serviceItemFieldsSchema.refine(tagsNeeded, tagsMessage)).min(1, '至少包含一个服务项目').max(120) })
export type CatalogueTemplate = z.infer<typeof catalogueTemplateSchema>

/** An edit: everything but the org; writes a new version. */
export const serviceItemPatchSchema = z.strictObject({
  list: serviceListSchema.optional(),
  name: z.string().trim().min(2, '名称至少 2 个字').max(40).optional(),
  description: z.string().trim().max(500).nullable().optional(),
  icon: z.string().trim().regex(/^[a-z_]{2,30}$/, '图标名称不正确').optional(),
  providerKinds: uniq(providerKindSchema, 7).min(1, '至少选择一类服务提供者').optional(),
  skill: z.string().trim().min(1).max(20).nullable().optional(),
  audience: orderAudienceSchema.optional(),
  audienceTags: uniq(residentTagSchema, 8).optional(),
  autoAccept: z.boolean().optional(),
  grab: z.boolean().optional(),
  reviewHours: hours(720).optional(),
  claimHours: hours(720).optional(),
  finishHours: hours(2160).optional(),
  serviceHours: z.number().min(0).max(24).optional(),
  ratingRequired: z.boolean().optional(),
  points: z.number().int().min(0).max(1000).optional(),
  priceNote: z.string().trim().max(100).nullable().optional(),
  radiusM: z.number().int().min(100).max(50000).optional(),
})
export type ServiceItemPatch = z.infer<typeof serviceItemPatchSchema>

export const serviceItemSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  versionId: z.string(),
  org: refSchema,
  list: serviceListSchema,
  name: z.string(),
  description: z.string().nullable(),
  icon: z.string(),
  providerKinds: z.array(providerKindSchema),
  skill: z.string().nullable(),
  audience: orderAudienceSchema,
  audienceTags: z.array(z.string()),
  autoAccept: z.boolean(),
  grab: z.boolean(),
  reviewHours: z.number(),
  claimHours: z.number(),
  finishHours: z.number(),
  serviceHours: z.number(),
  ratingRequired: z.boolean(),
  points: z.number().int(),
  priceNote: z.string().nullable(),
  radiusM: z.number().int(),
  retired: z.boolean(),
  updatedAt: z.string(),
})
export type ServiceItem = z.infer<typeof serviceItemSchema>

export const serviceItemsQuerySchema = z.object({
  list: serviceListSchema.optional(),
  /** Items offered at this node (defined there or above). */
  orgId: idSchema.optional(),
  /** Only what the caller may order (their home's community). */
  orderable: boolQuery.optional(),
  /** Staff: retired items too. */
  retired: boolQuery.optional(),
  q: z.string().trim().max(40).optional(),
})

// ---- orders

export const orderWindowSchema = z.strictObject({ from: dateTimeSchema, to: dateTimeSchema })
  .refine((w) => Date.parse(w.from) < Date.parse(w.to), { message: '结束时间须晚于开始时间', path: ['to'] })

export const orderCreateSchema = z.strictObject({
  itemId: idSchema,
  /** A map pick; else the requester's home from the residents registry. */
  location: lngLatSchema.optional(),
  crs: crsSchema.default('wgs84'),
  address: z.string().trim().min(2, '地址至少 2 个字').max(200).optional(),
  window: orderWindowSchema.optional(),
  note: z.string().trim().max(500).optional(),
  photoIds: uniq(idSchema, 9).optional(),
  /** 代下单: a cadre places it for this person after a phone call. */
  onBehalfOf: idSchema.optional(),
})
export type OrderCreate = z.infer<typeof orderCreateSchema>

const note = z.string().trim().max(500).optional()
export const actionBodies = {
  review: z.strictObject({
    decision: z.enum(['accept', 'merge', 'refuse']),
    reason: z.string().trim().min(2, '请写明理由').max(200).optional(),
    /** merge: the order this one duplicates. */
    mergeIntoId: idSchema.optional(),
    /** accept: open for grabbing, or hold for a dispatcher (default: the item's setting). */
    grab: z.boolean().optional(),
  }).refine((b) => b.decision !== 'refuse' || b.reason !== undefined, { message: '不予受理须写明理由', path: ['reason'] })
    .refine((b) => b.decision !== 'merge' || b.mergeIntoId !== undefined, { message: '请选择要合并到的订单', path: ['mergeIntoId'] }),
  dispatch: z.strictObject({
    personId: idSchema.optional(),
    teamId: idSchema.optional(),
    unitId: idSchema.optional(),
    note,
  }).refine((b) => [b.personId, b.teamId, b.unitId].filter((x) => x !== undefined).length === 1, { message: '请选择一位服务者、一支队伍或一个单位', path: ['personId'] }),
  claim: z.strictObject({ note }),
  start: z.strictObject({ note }),
  checkin: z.strictObject({ location: lngLatSchema, crs: crsSchema.default('wgs84'), note }),
  complete: z.strictObject({
    result: z.string().trim().min(2, '请简要写明服务情况').max(500),
    photoIds: uniq(idSchema, 9).optional(),
    hours: z.number().positive().max(24).optional(),
  }),
  confirm: z.strictObject({ note }),
  rate: z.strictObject({
    rating: z.number().int().min(1, '评分为 1 到 5 分').max(5, '评分为 1 到 5 分'),
    comment: z.string().trim().max(300).optional(),
    /** A cadre records the answer of a follow-up call for someone without a phone. */
    byCall: z.boolean().optional(),
  }),
  cancel: z.strictObject({ reason: z.string().trim().min(2, '请写明取消原因').max(200) }),
} as const satisfies Record<OrderAction, z.ZodType>

export const orderEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  actor: refSchema.nullable(),
  actorKind: z.enum(['person', 'system', 'device']),
  note: z.string().nullable(),
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
})

export const orderSchema = z.object({
  id: z.string(),
  state: orderStateSchema,
  item: z.object({ id: z.string(), versionId: z.string(), version: z.number().int(), name: z.string(), list: serviceListSchema, icon: z.string(), ratingRequired: z.boolean(), points: z.number().int() }),
  org: refSchema,
  community: refSchema,
  requester: refSchema,
  placedBy: refSchema.nullable(),
  channel: orderChannelSchema,
  location: z.object({ lng: z.number(), lat: z.number() }),
  address: z.string(),
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  note: z.string().nullable(),
  urgent: z.boolean(),
  assignee: z.object({ kind: z.enum(['person', 'team', 'unit']), id: z.string(), name: z.string() }).nullable(),
  provider: refSchema.nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  hours: z.number().nullable(),
  result: z.string().nullable(),
  reason: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  distanceM: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do now. */
  actions: z.array(orderActionSchema),
})
export type Order = z.infer<typeof orderSchema>
export const orderDetailSchema = orderSchema.extend({
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
  timeline: z.array(orderEventSchema),
  /** A press of a one-button device: its escalation ladder. */
  press: z.object({ id: z.string(), steps: z.array(z.object({ step: z.string(), at: z.string(), notified: z.number().int() })), acknowledgedAt: z.string().nullable(), acknowledgedBy: refSchema.nullable() }).nullable(),
})
export type OrderDetail = z.infer<typeof orderDetailSchema>

export const ordersQuerySchema = z.object({
  state: orderStateSchema.optional(),
  itemId: idSchema.optional(),
  orgId: idSchema.optional(),
  /** mine: placed for me or by me; serving: assigned to me; manage (default for staff): my scope. */
  view: z.enum(['mine', 'serving', 'manage']).optional(),
  channel: orderChannelSchema.optional(),
  overdue: boolQuery.optional(),
  ...pageQuery,
})
export type OrdersQuery = z.infer<typeof ordersQuerySchema>

export const nearMeQuerySchema = z.object({
  lng: z.coerce.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
  lat: z.coerce.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
  crs: crsSchema.default('wgs84'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
})

export const providerProfileSchema = z.strictObject({
  windows: z.array(z.strictObject({
    day: z.number().int().min(1).max(7),
    from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM'),
    to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:MM'),
  }).refine((w) => w.from < w.to, { message: '结束时间须晚于开始时间', path: ['to'] })).max(21),
  radiusM: z.number().int().min(100).max(50000).nullable().default(null),
  paused: z.boolean().default(false),
})
export type ProviderProfile = z.infer<typeof providerProfileSchema>

export const candidatesSchema = z.object({
  items: z.array(z.object({
    person: refSchema,
    kinds: z.array(providerKindSchema),
    distanceM: z.number().nullable(),
    busy: z.boolean(),
    inWindow: z.boolean(),
    location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
    served: z.number().int(),
  })),
  teams: z.array(refSchema),
  units: z.array(refSchema),
})

export const figuresQuerySchema = z.object({ orgId: idSchema.optional(), from: dateTimeSchema.optional(), to: dateTimeSchema.optional() })
const rates = {
  orders: z.number().int(),
  completed: z.number().int(),
  completionRate: z.number().nullable(),
  responseP50Minutes: z.number().nullable(),
  responseP90Minutes: z.number().nullable(),
  satisfaction: z.number().nullable(),
  rated: z.number().int(),
}
export const figuresSchema = z.object({
  org: refSchema,
  total: z.object(rates),
  byState: z.record(z.string(), z.number().int()),
  byItem: z.array(z.object({ item: refSchema, ...rates })),
  byProviderKind: z.array(z.object({ kind: z.enum(['person', 'team', 'unit']), ...rates })),
  byChannel: z.record(z.string(), z.number().int()),
})

// ---- one-button devices

export const ladderSchema = z.strictObject({
  grid: z.number().int().min(0).max(3600).default(60),
  nearby: z.number().int().min(0).max(3600).default(180),
  duty: z.number().int().min(0).max(7200).default(300),
  family: z.number().int().min(0).max(7200).default(600),
})
export const deviceContactSchema = z.strictObject({
  name: z.string().trim().min(1).max(20),
  relation: z.string().trim().min(1).max(10),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号格式不正确'),
  personId: idSchema.optional(),
})
export const deviceCreateSchema = z.strictObject({
  serial: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, '设备编号为 4 到 40 位字母、数字或连字符'),
  kind: z.enum(['button', 'phone']).default('button'),
  personId: idSchema,
  defaultItemId: idSchema,
  cancelWindowS: z.number().int().min(0).max(60).default(10),
  ladder: ladderSchema.default({ grid: 60, nearby: 180, duty: 300, family: 600 }),
  dutyPhone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '值班电话格式不正确').optional(),
  contacts: z.array(deviceContactSchema).max(5).default([]),
})
export type DeviceCreate = z.infer<typeof deviceCreateSchema>
export const devicePatchSchema = z.strictObject({
  defaultItemId: idSchema.optional(),
  cancelWindowS: z.number().int().min(0).max(60).optional(),
  ladder: ladderSchema.optional(),
  dutyPhone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '值班电话格式不正确').nullable().optional(),
  contacts: z.array(deviceContactSchema).max(5).optional(),
  retired: z.boolean().optional(),
})
export type DevicePatch = z.infer<typeof devicePatchSchema>

export const deviceSchema = z.object({
  id: z.string(),
  serial: z.string(),
  kind: z.enum(['button', 'phone']),
  person: refSchema,
  org: refSchema,
  defaultItem: refSchema,
  cancelWindowS: z.number().int(),
  ladder: z.object({ grid: z.number(), nearby: z.number(), duty: z.number(), family: z.number() }),
  dutyPhone: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string(), person: refSchema.nullable() })),
  lastSeenAt: z.string().nullable(),
  battery: z.number().int().nullable(),
  silent: z.boolean(),
  retired: z.boolean(),
  presses: z.number().int(),
  lastPressAt: z.string().nullable(),
})
export const deviceCreatedSchema = deviceSchema.extend({ secret: z.string() })
export const devicesQuerySchema = z.object({ orgId: idSchema.optional(), silent: boolQuery.optional(), q: z.string().trim().max(40).optional(), ...pageQuery })

/** What a device gateway posts: signed with HMAC-SHA256(secret, `${timestamp}.${rawBody}`). */
export const pressBodySchema = z.strictObject({
  timestamp: z.number().int().positive(),
  kind: z.enum(['press', 'heartbeat', 'cancel']).default('press'),
  battery: z.number().int().min(0).max(100).optional(),
})
export const pressResultSchema = z.object({
  pressId: z.string().nullable(),
  state: z.enum(['pending', 'ordered', 'heartbeat', 'cancelled']),
  orderAt: z.string().nullable(),
  orderId: z.string().nullable(),
})
export const pressSchema = z.object({
  id: z.string(),
  device: z.object({ id: z.string(), serial: z.string() }),
  person: refSchema,
  state: z.enum(['pending', 'cancelled', 'ordered', 'acknowledged']),
  receivedAt: z.string(),
  orderAt: z.string(),
  orderId: z.string().nullable(),
  steps: z.array(z.object({ step: z.string(), at: z.string(), notified: z.number().int() })),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: refSchema.nullable(),
})
