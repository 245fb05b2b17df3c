// Venues (阵地): every service place on the public red map (党群服务中心, 邻里中心, 驿站, merchants'
// 便民服务点), their rooms with booking rules, and the bookings of those rooms. A double booking is
// impossible by construction: `room_bookings_no_overlap` (migration 0022, hand-written because
// Drizzle has no exclusion constraints) excludes two pending-or-confirmed bookings of one room
// whose `blocked` ranges (the booking widened by the room's buffers) overlap.
import { bigint, boolean, check, customType, index, integer, jsonb, numeric, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'

export const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' })

export const venueKinds = ['party_service_center', 'neighbourhood_center', 'station', 'service_point'] as const
export const venueLevels = ['street', 'community', 'regional'] as const
export const stationKinds = ['red', 'courier', 'warm', 'tourist'] as const
export const serviceTypes = ['education', 'medical', 'elderly', 'commerce', 'culture_sport'] as const
export const amenities = ['rest', 'storage', 'drinking_water', 'charging', 'reading', 'umbrella', 'first_aid', 'microwave', 'toilet', 'wifi', 'accessible'] as const
export const audiences = ['everyone', 'gig_workers', 'tourists', 'elderly'] as const
export const bookerKinds = ['resident', 'unit'] as const
export const bookingStates = ['pending', 'confirmed', 'rejected', 'cancelled', 'expired', 'no_show'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))

export const venues = pgTable(
  'venues',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: venueKinds }).notNull(),
    /** Party service centres: street, community or regional. */
    level: text('level', { enum: venueLevels }),
    /** Stations: red, courier (小哥驿站), warm (暖心驿站) or tourist. */
    stationKind: text('station_kind', { enum: stationKinds }),
    name: text('name').notNull(),
    /** The org node whose cadres manage the venue (and whose scope it lies in). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** A unit's venue (a merchant's service point, a firm's station): its people manage it too. */
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    address: text('address').notNull(),
    /** Where navigation leads: the door, not the centroid. */
    entrance: geometry('entrance', { type: 'Point' }).notNull(),
    outline: geometry('outline', { type: 'Polygon' }),
    areaM2: numeric('area_m2', { precision: 10, scale: 1 }),
    phone: text('phone'),
    description: text('description'),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    /** `{ weekly: [{ day, open, close }], exceptions: [{ date, closed | open+close }], closedOnHolidays }`. */
    hours: jsonb('hours').notNull(),
    amenities: text('amenities').array().notNull().default(sql`'{}'`),
    /** "1+5+X": the five service types… */
    services: text('services').array().notNull().default(sql`'{}'`),
    /** …and the free X tags. */
    tags: text('tags').array().notNull().default(sql`'{}'`),
    audiences: text('audiences').array().notNull().default(sql`'{everyone}'`),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('venues_org_idx').on(t.orgId),
    index('venues_unit_id_idx').on(t.unitId),
    index('venues_entrance_gist').using('gist', t.entrance),
    check('venues_kind_check', sql`${t.kind} IN (${list(venueKinds)})`),
    check('venues_level_check', sql`(${t.kind} = 'party_service_center') = (${t.level} IS NOT NULL) AND (${t.level} IS NULL OR ${t.level} IN (${list(venueLevels)}))`),
    check('venues_station_kind_check', sql`(${t.kind} = 'station') = (${t.stationKind} IS NOT NULL) AND (${t.stationKind} IS NULL OR ${t.stationKind} IN (${list(stationKinds)}))`),
    check('venues_name_check', sql`length(btrim(${t.name})) BETWEEN 2 AND 100`),
    check('venues_services_check', sql`${t.services} <@ ARRAY[${list(serviceTypes)}]::text[]`),
    check('venues_amenities_check', sql`${t.amenities} <@ ARRAY[${list(amenities)}]::text[]`),
    check('venues_audiences_check', sql`${t.audiences} <@ ARRAY[${list(audiences)}]::text[] AND cardinality(${t.audiences}) > 0`),
  ],
)

/** A room of a venue (or the whole venue as one bookable space) and its booking rules. */
export const venueRooms = pgTable(
  'venue_rooms',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    venueId: bigint('venue_id', { mode: 'number' }).notNull().references(() => venues.id),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    /** Who may book: residents (any signed-in person) and/or units (acting for one). */
    bookerKinds: text('booker_kinds').array().notNull().default(sql`'{resident,unit}'`),
    /** Bookings wait for a manager's approval (else they are confirmed at once). */
    approval: boolean('approval').notNull().default(false),
    /** How long a pending booking holds its slot before it expires. */
    holdHours: smallint('hold_hours').notNull().default(48),
    leadMinutes: integer('lead_minutes').notNull().default(60),
    maxAdvanceDays: smallint('max_advance_days').notNull().default(60),
    minMinutes: smallint('min_minutes').notNull().default(30),
    maxMinutes: smallint('max_minutes').notNull().default(240),
    bufferBeforeMinutes: smallint('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: smallint('buffer_after_minutes').notNull().default(0),
    /** Hours one booker may hold per calendar month (null: no quota). */
    monthlyQuotaHours: smallint('monthly_quota_hours'),
    /** Days the room cannot be booked (YYYY-MM-DD). */
    blackoutDays: text('blackout_days').array().notNull().default(sql`'{}'`),
    /** The secret printed in the room's check-in QR code. */
    checkinCode: text('checkin_code').notNull().default(sql`encode(gen_random_bytes(12), 'hex')`),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('venue_rooms_venue_idx').on(t.venueId),
    check('venue_rooms_rules_check', sql`${t.capacity} BETWEEN 1 AND 10000 AND ${t.minMinutes} BETWEEN 15 AND ${t.maxMinutes} AND ${t.maxMinutes} <= 1440
      AND ${t.bufferBeforeMinutes} BETWEEN 0 AND 240 AND ${t.bufferAfterMinutes} BETWEEN 0 AND 240 AND ${t.leadMinutes} BETWEEN 0 AND 43200
      AND ${t.maxAdvanceDays} BETWEEN 1 AND 366 AND ${t.holdHours} BETWEEN 1 AND 720 AND (${t.monthlyQuotaHours} IS NULL OR ${t.monthlyQuotaHours} BETWEEN 1 AND 744)`),
    check('venue_rooms_booker_kinds_check', sql`${t.bookerKinds} <@ ARRAY[${list(bookerKinds)}]::text[] AND cardinality(${t.bookerKinds}) > 0`),
  ],
)

/** A recurring series of bookings (a paired unit's weekly Party day): its rule and its choice on clashes. */
export const bookingSeries = pgTable('booking_series', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  roomId: bigint('room_id', { mode: 'number' }).notNull().references(() => venueRooms.id),
  rrule: text('rrule').notNull(),
  onConflict: text('on_conflict', { enum: ['fail', 'skip'] }).notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('booking_series_room_id_idx').on(t.roomId), index('booking_series_created_by_idx').on(t.createdBy)])

export const roomBookings = pgTable(
  'room_bookings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    roomId: bigint('room_id', { mode: 'number' }).notNull().references(() => venueRooms.id),
    seriesId: bigint('series_id', { mode: 'number' }).references(() => bookingSeries.id),
    bookerId: bigint('booker_id', { mode: 'number' }).notNull().references(() => people.id),
    bookerUnitId: bigint('booker_unit_id', { mode: 'number' }).references(() => units.id),
    startAt: timestamp('start_at', { withTimezone: true, mode: 'string' }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** [start − buffer before, end + buffer after): what the booking keeps others out of. */
    blocked: tstzrange('blocked').notNull(),
    purpose: text('purpose').notNull(),
    attendees: integer('attendees'),
    state: text('state', { enum: bookingStates }).notNull(),
    /** A pending booking holds its slot until then, and expires after. */
    holdUntil: timestamp('hold_until', { withTimezone: true, mode: 'string' }),
    decidedBy: bigint('decided_by', { mode: 'number' }).references(() => people.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    decisionNote: text('decision_note'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true, mode: 'string' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('room_bookings_room_idx').on(t.roomId, t.startAt),
    index('room_bookings_booker_idx').on(t.bookerId, t.startAt),
    index('room_bookings_booker_unit_id_idx').on(t.bookerUnitId),
    index('room_bookings_series_id_idx').on(t.seriesId),
    index('room_bookings_decided_by_idx').on(t.decidedBy),
    check('room_bookings_state_check', sql`${t.state} IN (${list(bookingStates)})`),
    check('room_bookings_time_check', sql`${t.endAt} > ${t.startAt} AND lower(${t.blocked}) <= ${t.startAt} AND upper(${t.blocked}) >= ${t.endAt}`),
    check('room_bookings_purpose_check', sql`length(btrim(${t.purpose})) BETWEEN 2 AND 200`),
    check('room_bookings_hold_check', sql`${t.state} <> 'pending' OR ${t.holdUntil} IS NOT NULL`),
  ],
)

/** The secret of each person's bookings calendar feed (a phone calendar subscribes without a login). */
export const bookingFeeds = pgTable('booking_feeds', {
  personId: bigint('person_id', { mode: 'number' }).primaryKey().references(() => people.id),
  token: text('token').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
})

/**
 * The walking network (footways) the 15-minute circle measures on, where PostgreSQL has pgRouting:
 * nodes where footways meet or end, and edges between them with their length on the sphere.
 */
export const walkNodes = pgTable('walk_nodes', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  geom: geometry('geom', { type: 'Point' }).notNull(),
}, (t) => [index('walk_nodes_geom_gist').using('gist', t.geom)])

export const walkEdges = pgTable('walk_edges', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  source: bigint('source', { mode: 'number' }).notNull().references(() => walkNodes.id),
  target: bigint('target', { mode: 'number' }).notNull().references(() => walkNodes.id),
  lengthM: numeric('length_m', { precision: 10, scale: 2, mode: 'number' }).notNull(),
  geom: geometry('geom', { type: 'LineString' }).notNull(),
}, (t) => [index('walk_edges_geom_gist').using('gist', t.geom), index('walk_edges_source_idx').on(t.source), index('walk_edges_target_idx').on(t.target)])
