// Schemas of venues, rooms, bookings and the life circle (browser-safe: the web app imports them).
import { z } from 'zod'
import { polygonSchema } from '../orgs/orgs.schemas.ts'
import { boolQuery, crsSchema, dateSchema, dateTimeSchema, idSchema, lngLatQuery, lngLatSchema, pageQuery, refSchema } from '../../kernel/contract.ts'

export const venueKindSchema = z.enum(['party_service_center', 'neighbourhood_center', 'station', 'service_point'])
export const venueLevelSchema = z.enum(['street', 'community', 'regional'])
export const stationKindSchema = z.enum(['red', 'courier', 'warm', 'tourist'])
export const serviceTypeSchema = z.enum(['education', 'medical', 'elderly', 'commerce', 'culture_sport'])
export const amenitySchema = z.enum(['rest', 'storage', 'drinking_water', 'charging', 'reading', 'umbrella', 'first_aid', 'microwave', 'toilet', 'wifi', 'accessible'])
export const audienceSchema = z.enum(['everyone', 'gig_workers', 'tourists', 'elderly'])
export const bookerKindSchema = z.enum(['resident', 'unit'])
export const bookingStateSchema = z.enum(['pending', 'confirmed', 'rejected', 'cancelled', 'expired', 'no_show'])
export type VenueKind = z.infer<typeof venueKindSchema>
export type ServiceType = z.infer<typeof serviceTypeSchema>
export type Amenity = z.infer<typeof amenitySchema>
export type BookingState = z.infer<typeof bookingStateSchema>

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:MM')

export const weeklyHoursSchema = z.strictObject({ day: z.number().int().min(1).max(7), open: hhmm, close: hhmm })
  .refine((w) => w.open < w.close, { message: '关门时间须晚于开门时间', path: ['close'] })
export const hoursExceptionSchema = z.strictObject({
  date: dateSchema,
  closed: z.boolean().optional(),
  open: hhmm.optional(),
  close: hhmm.optional(),
  note: z.string().trim().max(50).optional(),
}).refine((e) => e.closed === true || (e.open !== undefined && e.close !== undefined && e.open < e.close), { message: '请填写当天的开门和关门时间，或标为闭馆', path: ['close'] })
export const hoursSchema = z.strictObject({
  weekly: z.array(weeklyHoursSchema).max(21),
  exceptions: z.array(hoursExceptionSchema).max(200).default([]),
  /** Weekday public holidays closed (the working-day calendar decides which). */
  closedOnHolidays: z.boolean().default(true),
})
export type HoursInput = z.infer<typeof hoursSchema>

const uniq = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).refine((a) => new Set(a).size === a.length, '有重复项')

export const roomInputSchema = z.strictObject({
  name: z.string().trim().min(2, '名称至少 2 个字').max(50),
  capacity: z.number().int().min(1).max(10000),
  bookerKinds: uniq(bookerKindSchema, 2).min(1, '至少允许一类预约人').default(['resident', 'unit']),
  approval: z.boolean().default(false),
  holdHours: z.number().int().min(1).max(720).default(48),
  leadMinutes: z.number().int().min(0).max(43200).default(60),
  maxAdvanceDays: z.number().int().min(1).max(366).default(60),
  minMinutes: z.number().int().min(15).max(1440).default(30),
  maxMinutes: z.number().int().min(15).max(1440).default(240),
  bufferBeforeMinutes: z.number().int().min(0).max(240).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(240).default(0),
  monthlyQuotaHours: z.number().int().min(1).max(744).nullable().default(null),
  blackoutDays: uniq(dateSchema, 366).default([]),
})
export type RoomInput = z.infer<typeof roomInputSchema>
export const roomPatchSchema = z.strictObject(Object.fromEntries(
  Object.entries(roomInputSchema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.unwrap() : v).optional()]),
) as unknown as { [K in keyof RoomInput]: z.ZodOptional<z.ZodType<RoomInput[K]>> })
export type RoomPatch = Partial<RoomInput>

const venueFields = {
  kind: venueKindSchema,
  level: venueLevelSchema.nullable().optional(),
  stationKind: stationKindSchema.nullable().optional(),
  name: z.string().trim().min(2, '名称至少 2 个字').max(100),
  /** The org node whose cadres manage it. */
  orgId: idSchema,
  /** A unit's venue (a merchant's service point): its people manage it too. */
  unitId: idSchema.nullable().optional(),
  address: z.string().trim().min(2, '请填写地址').max(200),
  /** The door navigation leads to. */
  entrance: lngLatSchema,
  crs: crsSchema.optional(),
  /** The building's or yard's outline (WGS-84 GeoJSON Polygon), for the map; navigation still goes to the entrance. */
  outline: polygonSchema.refine((g) => g.coordinates.every((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1]), '轮廓须首尾相接').nullable().optional(),
  areaM2: z.number().positive().max(1_000_000).nullable().optional(),
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, '电话号码格式不正确').nullable().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  photoIds: z.array(idSchema).max(9, '最多 9 张照片').optional(),
  hours: hoursSchema,
  amenities: uniq(amenitySchema, 20).default([]),
  services: uniq(serviceTypeSchema, 5).default([]),
  /** The "X" of 1+5+X: free service tags. */
  tags: uniq(z.string().trim().min(1).max(20), 20).default([]),
  audiences: uniq(audienceSchema, 4).min(1).default(['everyone']),
}

export const venueCreateSchema = z.strictObject({ ...venueFields, rooms: z.array(roomInputSchema).max(50).default([]) })
export type VenueCreate = z.infer<typeof venueCreateSchema>
export const venuePatchSchema = z.strictObject({
  ...Object.fromEntries(Object.entries(venueFields).map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.unwrap() : v).optional()])),
} as unknown as { [K in keyof typeof venueFields]: z.ZodOptional<z.ZodType<z.infer<(typeof venueFields)[K]>>> })
export type VenuePatch = Partial<Omit<VenueCreate, 'rooms'>>

export const navigationSchema = z.object({ amap: z.string(), baidu: z.string(), tencent: z.string(), geo: z.string().nullable() })

export const roomSchema = z.object({
  id: z.string(),
  venueId: z.string(),
  name: z.string(),
  capacity: z.number().int(),
  bookerKinds: z.array(bookerKindSchema),
  approval: z.boolean(),
  holdHours: z.number().int(),
  leadMinutes: z.number().int(),
  maxAdvanceDays: z.number().int(),
  minMinutes: z.number().int(),
  maxMinutes: z.number().int(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  monthlyQuotaHours: z.number().int().nullable(),
  blackoutDays: z.array(z.string()),
})
export type Room = z.infer<typeof roomSchema>

export const openStatusSchema = z.object({ open: z.boolean(), closesAt: z.string().nullable(), opensAt: z.string().nullable() })

export const venueSchema = z.object({
  id: z.string(),
  kind: venueKindSchema,
  level: venueLevelSchema.nullable(),
  stationKind: stationKindSchema.nullable(),
  name: z.string(),
  orgId: z.string(),
  org: refSchema,
  unitId: z.string().nullable(),
  unit: refSchema.nullable(),
  address: z.string(),
  entrance: z.object({ lng: z.number(), lat: z.number() }),
  outline: polygonSchema.nullable(),
  areaM2: z.number().nullable(),
  phone: z.string().nullable(),
  description: z.string().nullable(),
  photoIds: z.array(z.string()),
  /** The photos' addresses (GET /api/v1/files/…), in order. */
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
  hours: z.object({
    weekly: z.array(z.object({ day: z.number().int(), open: z.string(), close: z.string() })),
    exceptions: z.array(z.object({ date: z.string(), closed: z.boolean().optional(), open: z.string().optional(), close: z.string().optional(), note: z.string().optional() })),
    closedOnHolidays: z.boolean(),
  }),
  openStatus: openStatusSchema,
  amenities: z.array(amenitySchema),
  services: z.array(serviceTypeSchema),
  tags: z.array(z.string()),
  audiences: z.array(audienceSchema),
  rooms: z.array(roomSchema),
  navigation: navigationSchema,
  /** Volunteer activities held there still to come (for readers signed in; empty for a visitor). */
  activities: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string() })),
  /** Whether the reader manages it (edits it, approves its bookings). */
  canManage: z.boolean(),
  updatedAt: z.string(),
})
export type Venue = z.infer<typeof venueSchema>

const csv = <T extends z.ZodType<string, string>>(item: T) => z.string().max(200).transform((s) => s.split(',').filter(Boolean)).pipe(z.array(item).max(20))

export const venuesQuerySchema = z.object({
  kind: venueKindSchema.optional(),
  stationKind: stationKindSchema.optional(),
  /** Every one of these amenities (comma-separated). */
  amenity: csv(amenitySchema).optional(),
  /** Any of these service types (comma-separated). */
  service: csv(serviceTypeSchema).optional(),
  audience: audienceSchema.optional(),
  openNow: boolQuery.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  orgId: idSchema.optional(),
  ...pageQuery,
})
export type VenuesQuery = z.infer<typeof venuesQuerySchema>

export const nearestQuerySchema = z.object({
  ...lngLatQuery,
  crs: crsSchema.default('wgs84'),
  kind: venueKindSchema.optional(),
  stationKind: stationKindSchema.optional(),
  amenity: csv(amenitySchema).optional(),
  service: csv(serviceTypeSchema).optional(),
  audience: audienceSchema.optional(),
  openNow: boolQuery.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
})
export type NearestQuery = z.infer<typeof nearestQuerySchema>
export const nearestSchema = z.object({
  items: z.array(z.object({ venue: venueSchema, distanceM: z.number().int(), walkMin: z.number().int() })),
  /** How walking minutes were reckoned. */
  method: z.object({ metresPerMinute: z.number(), detourFactor: z.number() }),
})

// ---------------------------------------------------------------------------------------------
// Bookings

export const recurrenceSchema = z.strictObject({
  /** An RFC 5545 RRULE (`FREQ=WEEKLY;BYDAY=TH;COUNT=12`); DTSTART is the booking's start. */
  rrule: z.string().trim().min(8).max(500),
  onConflict: z.enum(['fail', 'skip']),
})

export const bookingCreateSchema = z.strictObject({
  start: dateTimeSchema,
  end: dateTimeSchema,
  purpose: z.string().trim().min(2, '用途至少 2 个字').max(200),
  attendees: z.number().int().min(1).max(10000).optional(),
  /** Booking for a unit the caller acts for. */
  bookerUnitId: idSchema.optional(),
  recurrence: recurrenceSchema.optional(),
})
export type BookingCreate = z.infer<typeof bookingCreateSchema>

export const bookingSchema = z.object({
  id: z.string(),
  state: bookingStateSchema,
  room: refSchema,
  venue: refSchema,
  start: z.string(),
  end: z.string(),
  purpose: z.string(),
  attendees: z.number().int().nullable(),
  booker: refSchema,
  bookerUnit: refSchema.nullable(),
  seriesId: z.string().nullable(),
  holdUntil: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
})
export type Booking = z.infer<typeof bookingSchema>

export const skippedSchema = z.object({ start: z.string(), end: z.string(), reason: z.string() })
export const bookingCreatedSchema = bookingSchema.extend({
  /** A recurring series: how many bookings it made, and each occurrence it skipped and why. */
  series: z.object({ id: z.string(), created: z.number().int(), bookingIds: z.array(z.string()), skipped: z.array(skippedSchema) }).optional(),
})

export const bookingDecisionSchema = z.strictObject({ note: z.string().trim().max(200).optional() })
export const checkinSchema = z.strictObject({ code: z.string().trim().min(1).max(64).optional() })

export const bookingsQuerySchema = z.object({
  /** mine: the caller's own; manage: those of the venues the caller manages. */
  view: z.enum(['mine', 'manage']).default('mine'),
  venueId: idSchema.optional(),
  roomId: idSchema.optional(),
  state: bookingStateSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  ...pageQuery,
})
export type BookingsQuery = z.infer<typeof bookingsQuerySchema>

export const weekQuerySchema = z.object({ from: dateSchema, days: z.coerce.number().int().min(1).max(42).default(7) })
export const venueCalendarSchema = z.object({
  venue: refSchema,
  from: z.string(),
  days: z.array(z.object({ date: z.string(), hours: z.array(z.object({ open: z.string(), close: z.string() })) })),
  rooms: z.array(refSchema),
  bookings: z.array(bookingSchema),
})

export const usageQuerySchema = z.object({ from: dateSchema, to: dateSchema })
export const usageSchema = z.object({
  room: refSchema,
  from: z.string(),
  to: z.string(),
  bookings: z.number().int(),
  bookedHours: z.number(),
  openHours: z.number(),
  /** Booked hours of confirmed bookings ÷ open hours. */
  occupancyRate: z.number(),
  noShows: z.number().int(),
  /** No-shows ÷ bookings that have ended. */
  noShowRate: z.number(),
})

export const feedSchema = z.object({ url: z.string() })

// ---------------------------------------------------------------------------------------------
// The 15-minute life circle

export const tierSchema = z.coerce.number().int().refine((v) => v === 5 || v === 10 || v === 15, '生活圈只有 5、10、15 分钟三级')
export const coverageQuerySchema = z.object({
  orgId: idSchema,
  /** Venues offering this service type (any venue when left out). */
  serviceType: serviceTypeSchema.optional(),
  kind: venueKindSchema.optional(),
  tier: tierSchema.default(15),
})
export type CoverageQuery = z.infer<typeof coverageQuerySchema>

const shareSchema = z.object({ total: z.number().int(), covered: z.number().int(), share: z.number() })
export const circleMethodSchema = z.object({
  /** How distance was reckoned: on the walking network (pgRouting), or the straight line on the sphere times the detour factor. */
  kind: z.enum(['straight_line', 'network']),
  detourFactor: z.number(),
  walkingMetres: z.number().int(),
  straightMetres: z.number().int(),
})
export const networkSchema = z.object({ nodes: z.number().int(), edges: z.number().int(), pgrouting: z.boolean() })
export const networkImportSchema = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    geometry: z.discriminatedUnion('type', [
      z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number())).min(2) }),
      z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number())).min(2)) }),
    ]),
    properties: z.unknown().optional(),
  })).max(200_000),
})

export const coverageSchema = z.object({
  org: refSchema,
  tier: z.number().int(),
  serviceType: serviceTypeSchema.nullable(),
  kind: venueKindSchema.nullable(),
  method: circleMethodSchema,
  buildings: shareSchema,
  residents: shareSchema,
  communities: z.array(refSchema.extend({ buildings: shareSchema, residents: shareSchema })),
  /** The blind spots: buildings with no such venue within reach (at most 5,000; `uncoveredTotal` counts them all). */
  uncovered: z.array(z.object({ id: z.string(), name: z.string(), lng: z.number(), lat: z.number(), residents: z.number().int() })),
  uncoveredTotal: z.number().int(),
})

export const suggestionBodySchema = z.strictObject({
  orgId: idSchema,
  serviceType: serviceTypeSchema.optional(),
  kind: venueKindSchema.optional(),
  tier: tierSchema.default(15),
  k: z.number().int().min(1, '至少 1 处').max(20, '一次最多建议 20 处'),
  /** Where new venues may go: at buildings (default) or on a lattice inside the node. */
  candidates: z.enum(['buildings', 'lattice']).default('buildings'),
  /** Seconds the exact solver may take (it answers the best found so far and its gap). */
  timeLimit: z.number().min(1).max(60).default(8),
})
export type SuggestionBody = z.infer<typeof suggestionBodySchema>

export const suggestionSchema = z.object({
  org: refSchema,
  tier: z.number().int(),
  /** Sites are chosen by straight-line reach (the network's reach is not a covering set); the demand is what the coverage call calls uncovered. */
  method: circleMethodSchema.extend({ kind: z.literal('straight_line'), solver: z.literal('highs_mclp'), status: z.string(), seconds: z.number() }),
  demand: z.object({ buildings: z.number().int(), weight: z.number().int() }),
  candidates: z.object({ kind: z.enum(['buildings', 'lattice']), count: z.number().int() }),
  sites: z.array(z.object({
    rank: z.number().int(),
    lng: z.number(),
    lat: z.number(),
    /** The building the site stands at (candidates at buildings). */
    building: refSchema.nullable(),
    /** What this site adds over the ones before it. */
    newlyCovered: z.object({ buildings: z.number().int(), residents: z.number().int(), buildingIds: z.array(z.string()) }),
  })),
  /** Weighted demand newly covered (residents, at least 1 per building). */
  objective: z.number(),
  bound: z.number(),
  /** (bound − objective) ÷ bound; 0 when proven optimal. */
  gap: z.number(),
  greedy: z.object({ objective: z.number(), ratio: z.number() }),
})
export type Suggestion = z.infer<typeof suggestionSchema>

export const buildingReachSchema = z.object({
  building: refSchema,
  method: z.object({ kind: z.literal('straight_line'), detourFactor: z.number() }),
  tiers: z.array(z.object({ tier: z.number().int(), walkingMetres: z.number().int(), serviceTypes: z.array(z.string()), kinds: z.array(z.string()) })),
  nearest: z.array(z.object({ venue: refSchema.extend({ kind: venueKindSchema, stationKind: stationKindSchema.nullable() }), distanceM: z.number().int(), walkMetres: z.number().int() })),
})
