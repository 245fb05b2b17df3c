// SQL of the venue registry and the red map: venues with their rooms, searched by filters or by
// distance (KNN on the sphere), and written as one row per venue and room.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { countUpTo } from '../../kernel/pagination.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { unitRows, unitStaff } from '../units/units.read.ts'
import { attachmentRows } from '../files/files.read.ts'
import { activitiesAtVenues } from '../volunteers/volunteers.read.ts'
import type { Hours } from './venues.hours.ts'
import type { RoomInput, VenueCreate } from './venues.schemas.ts'

export interface RoomRow extends RoomInput {
  id: string
  venueId: string
}

export interface VenueRow {
  id: string
  kind: VenueCreate['kind']
  level: 'street' | 'community' | 'regional' | null
  stationKind: 'red' | 'courier' | 'warm' | 'tourist' | null
  name: string
  orgId: string
  orgName: string
  orgPath: string
  unitId: string | null
  unitName: string | null
  unitPersonIds: string[]
  address: string
  lng: number
  lat: number
  outline: { type: 'Polygon'; coordinates: [number, number][][] } | null
  areaM2: number | null
  phone: string | null
  description: string | null
  photoIds: string[]
  photos: { id: string; sha256: string; thumbSha256: string | null }[]
  hours: Hours
  amenities: VenueCreate['amenities']
  services: VenueCreate['services']
  tags: string[]
  audiences: VenueCreate['audiences']
  rooms: RoomRow[]
  /** Published volunteer activities held there that have not ended (soonest first, at most 5). */
  activities: { id: string; title: string; startsAt: string; endsAt: string }[]
  updatedAt: string
}

const roomJson = sql`json_build_object('id', r.id::text, 'venueId', r.venue_id::text, 'name', r.name, 'capacity', r.capacity,
  'bookerKinds', r.booker_kinds, 'approval', r.approval, 'holdHours', r.hold_hours, 'leadMinutes', r.lead_minutes,
  'maxAdvanceDays', r.max_advance_days, 'minMinutes', r.min_minutes, 'maxMinutes', r.max_minutes,
  'bufferBeforeMinutes', r.buffer_before_minutes, 'bufferAfterMinutes', r.buffer_after_minutes,
  'monthlyQuotaHours', r.monthly_quota_hours, 'blackoutDays', r.blackout_days)`

/** The columns of a venue row, over `venues v`. */
const venueColumns = sql`v.id::text, v.kind, v.level, v.station_kind AS "stationKind", v.name, v.org_id::text AS "orgId", o.name AS "orgName",
  o.path::text AS "orgPath", v.unit_id::text AS "unitId", u.name AS "unitName",
  ARRAY(SELECT s.person_id::text FROM ${unitStaff} s WHERE s.unit_id = v.unit_id ORDER BY 1) AS "unitPersonIds",
  v.address, ST_X(v.entrance) AS lng, ST_Y(v.entrance) AS lat, ST_AsGeoJSON(v.outline, 7)::json AS outline, v.area_m2::float8 AS "areaM2", v.phone, v.description,
  v.photo_ids::text[] AS "photoIds", coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256, 'thumbSha256', a.thumb_sha256)
    ORDER BY array_position(v.photo_ids, a.id)) FROM ${attachmentRows} a WHERE a.id = ANY(v.photo_ids)), '[]'::json) AS photos, v.hours, v.amenities, v.services, v.tags, v.audiences, v.updated_at::text AS "updatedAt",
  coalesce((SELECT json_agg(${roomJson} ORDER BY r.id) FROM venue_rooms r WHERE r.venue_id = v.id AND r.deleted_at IS NULL), '[]'::json) AS rooms,
  coalesce((SELECT json_agg(json_build_object('id', x.id::text, 'title', x.title, 'startsAt', to_char(x.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'endsAt', to_char(x.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) ORDER BY x.starts_at)
    FROM (SELECT * FROM ${activitiesAtVenues} a WHERE a.venue_id = v.id AND a.ends_at > now() ORDER BY a.starts_at LIMIT 5) x), '[]'::json) AS activities`
const venueFrom = sql`FROM venues v JOIN ${orgTree} o ON o.id = v.org_id LEFT JOIN ${unitRows} u ON u.id = v.unit_id`

export async function findVenue(ex: Executor, id: string): Promise<VenueRow | undefined> {
  return firstRow<VenueRow>(ex, sql`SELECT ${venueColumns} ${venueFrom} WHERE v.id = ${id} AND v.deleted_at IS NULL`)
}

export interface VenueFilters {
  kind?: string
  stationKind?: string
  amenity?: string[]
  service?: string[]
  audience?: string
  openNow?: boolean
  q?: string
  underPath?: string
}

function filtersOf(f: VenueFilters): SQL {
  const where: SQL[] = [sql`v.deleted_at IS NULL`]
  if (f.kind) where.push(sql`v.kind = ${f.kind}`)
  if (f.stationKind) where.push(sql`v.station_kind = ${f.stationKind}`)
  if (f.amenity?.length) where.push(sql`v.amenities @> string_to_array(${f.amenity.join(',')}, ',')::text[]`)
  if (f.service?.length) where.push(sql`v.services && string_to_array(${f.service.join(',')}, ',')::text[]`)
  // "For gig workers" finds the places set up for them, not every place open to all.
  if (f.audience) where.push(sql`${f.audience} = ANY(v.audiences)`)
  if (f.openNow) where.push(sql`linli_venue_open_at(v.hours, now())`)
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`
    where.push(sql`(v.name ILIKE ${like} OR v.address ILIKE ${like} OR ${f.q} = ANY(v.tags))`)
  }
  if (f.underPath) where.push(sql`o.path <@ ${f.underPath}::ltree`)
  return sql.join(where, sql` AND `)
}

export async function searchVenues(ex: Executor, q: VenueFilters & { afterId?: string; limit: number }): Promise<VenueRow[]> {
  const after = q.afterId ? sql` AND v.id > ${q.afterId}` : sql``
  return rows<VenueRow>(ex, sql`SELECT ${venueColumns} ${venueFrom} WHERE ${filtersOf(q)}${after} ORDER BY v.id LIMIT ${q.limit + 1}`)
}

export async function countVenues(ex: Executor, q: VenueFilters): Promise<number> {
  return (await firstRow<{ n: number }>(ex, countUpTo(sql`${venueFrom} WHERE ${filtersOf(q)}`)))!.n
}

/** Nearest venues to a WGS-84 point, by KNN on the sphere (the geography index), metres. */
export async function nearestVenues(ex: Executor, at: { lng: number; lat: number }, f: VenueFilters, limit: number): Promise<(VenueRow & { distanceM: number })[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${at.lng}, ${at.lat}), 4326)::geography`
  return rows(ex, sql`SELECT ${venueColumns}, ST_Distance(v.entrance::geography, ${point}) AS "distanceM" ${venueFrom}
    WHERE ${filtersOf(f)} ORDER BY v.entrance::geography <-> ${point} LIMIT ${limit}`)
}

/** The weekday public holidays (non-working Monday–Friday) among the days from `from`, for opening hours. */
export async function holidaysFrom(ex: Executor, from: string, days: number): Promise<Set<string>> {
  const found = await rows<{ day: string }>(ex, sql`SELECT d::date::text AS day FROM generate_series(${from}::date, ${from}::date + ${days}::int, interval '1 day') d
    WHERE extract(isodow FROM d) < 6 AND NOT linli_is_workday(d::date)`)
  return new Set(found.map((r) => r.day))
}

const arr = (values: readonly string[]) => sql`string_to_array(${values.join(',')}, ',')::text[]`
const emptyOr = (values: readonly string[]) => (values.length ? arr(values) : sql`'{}'::text[]`)

export interface VenueWrite {
  kind: string
  level: string | null
  stationKind: string | null
  name: string
  orgId: string
  unitId: string | null
  address: string
  entrance: [number, number]
  outline?: { type: 'Polygon'; coordinates: number[][][] } | null
  areaM2: number | null
  phone: string | null
  description: string | null
  photoIds: string[]
  hours: Hours
  amenities: readonly string[]
  services: readonly string[]
  tags: readonly string[]
  audiences: readonly string[]
}

function venueValues(v: VenueWrite) {
  return {
    point: sql`ST_SetSRID(ST_MakePoint(${v.entrance[0]}, ${v.entrance[1]}), 4326)`,
    photos: v.photoIds.length ? sql`string_to_array(${v.photoIds.join(',')}, ',')::bigint[]` : sql`'{}'::bigint[]`,
    outline: v.outline ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(v.outline)}), 4326)` : sql`NULL`,
  }
}

export async function insertVenue(ex: Executor, v: VenueWrite): Promise<string> {
  const { point, photos, outline } = venueValues(v)
  const [row] = await rows<{ id: string }>(ex, sql`INSERT INTO venues (kind, level, station_kind, name, org_id, unit_id, address, entrance, outline, area_m2, phone,
      description, photo_ids, hours, amenities, services, tags, audiences)
    VALUES (${v.kind}, ${v.level}, ${v.stationKind}, ${v.name}, ${v.orgId}, ${v.unitId}, ${v.address}, ${point}, ${outline}, ${v.areaM2}, ${v.phone},
      ${v.description}, ${photos}, ${JSON.stringify(v.hours)}::jsonb, ${emptyOr(v.amenities)}, ${emptyOr(v.services)}, ${emptyOr(v.tags)}, ${emptyOr(v.audiences)})
    RETURNING id::text`)
  return row!.id
}

export async function updateVenue(ex: Executor, id: string, v: VenueWrite): Promise<void> {
  const { point, photos, outline } = venueValues(v)
  await ex.execute(sql`UPDATE venues SET kind = ${v.kind}, level = ${v.level}, station_kind = ${v.stationKind}, name = ${v.name}, org_id = ${v.orgId},
    unit_id = ${v.unitId}, address = ${v.address}, entrance = ${point}, outline = ${outline}, area_m2 = ${v.areaM2}, phone = ${v.phone}, description = ${v.description},
    photo_ids = ${photos}, hours = ${JSON.stringify(v.hours)}::jsonb, amenities = ${emptyOr(v.amenities)}, services = ${emptyOr(v.services)},
    tags = ${emptyOr(v.tags)}, audiences = ${emptyOr(v.audiences)}, updated_at = now() WHERE id = ${id}`)
}

export async function lockVenue(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`SELECT 1 FROM venues WHERE id = ${id} FOR UPDATE`)
}

export async function deleteVenue(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE venues SET deleted_at = now(), updated_at = now() WHERE id = ${id}`)
  await ex.execute(sql`UPDATE venue_rooms SET deleted_at = now(), updated_at = now() WHERE venue_id = ${id} AND deleted_at IS NULL`)
}

function roomValues(r: RoomInput) {
  return sql`${r.name}, ${r.capacity}, ${arr(r.bookerKinds)}, ${r.approval}, ${r.holdHours}, ${r.leadMinutes}, ${r.maxAdvanceDays}, ${r.minMinutes},
    ${r.maxMinutes}, ${r.bufferBeforeMinutes}, ${r.bufferAfterMinutes}, ${r.monthlyQuotaHours}, ${emptyOr(r.blackoutDays)}`
}

export async function insertRoom(ex: Executor, venueId: string, r: RoomInput): Promise<string> {
  const [row] = await rows<{ id: string }>(ex, sql`INSERT INTO venue_rooms (venue_id, name, capacity, booker_kinds, approval, hold_hours, lead_minutes,
      max_advance_days, min_minutes, max_minutes, buffer_before_minutes, buffer_after_minutes, monthly_quota_hours, blackout_days)
    VALUES (${venueId}, ${roomValues(r)}) RETURNING id::text`)
  return row!.id
}

export async function updateRoom(ex: Executor, id: string, r: RoomInput): Promise<void> {
  await ex.execute(sql`UPDATE venue_rooms SET (name, capacity, booker_kinds, approval, hold_hours, lead_minutes, max_advance_days, min_minutes,
      max_minutes, buffer_before_minutes, buffer_after_minutes, monthly_quota_hours, blackout_days, updated_at) = (${roomValues(r)}, now()) WHERE id = ${id}`)
}

export async function findRoom(ex: Executor, id: string, lock = false): Promise<(RoomRow & { checkinCode: string }) | undefined> {
  return firstRow(ex, sql`SELECT ${roomJson}::jsonb || jsonb_build_object('checkinCode', r.checkin_code) AS room FROM venue_rooms r
    WHERE r.id = ${id} AND r.deleted_at IS NULL ${lock ? sql`FOR UPDATE` : sql``}`).then((r) => (r as { room: RoomRow & { checkinCode: string } } | undefined)?.room)
}

export async function deleteRoom(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE venue_rooms SET deleted_at = now(), updated_at = now() WHERE id = ${id}`)
}

/** Bookings still to come that hold a room (pending or confirmed), of a room or of a whole venue. */
export async function upcomingBookings(ex: Executor, by: { roomId?: string; venueId?: string }): Promise<number> {
  const where = by.roomId ? sql`b.room_id = ${by.roomId}` : sql`b.room_id IN (SELECT id FROM venue_rooms WHERE venue_id = ${by.venueId!})`
  return (await firstRow<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM room_bookings b WHERE ${where}
    AND b.state IN ('pending','confirmed') AND b.end_at > now()`))!.n
}

/** Whether a unit is registered under a node (a unit's venue lies in its own area). */
export async function unitUnder(ex: Executor, unitId: string, path: string): Promise<boolean> {
  return (await firstRow<{ ok: boolean }>(ex, sql`SELECT EXISTS (SELECT 1 FROM ${unitRows} u JOIN ${orgTree} o ON o.id = u.org_id
    WHERE u.id = ${unitId} AND u.deleted_at IS NULL AND o.path <@ ${path}::ltree) AS ok`))!.ok
}

/** The paths of org nodes that exist (not deleted). */
export async function orgPaths(ex: Executor, ids: string[]): Promise<{ id: string; path: string }[]> {
  return rows(ex, sql`SELECT id::text, path::text FROM ${orgTree} o WHERE o.id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[]) AND o.deleted_at IS NULL`)
}

/** The nodes under (and at) `path` that may manage a venue, by name, for the spreadsheet import. */
export async function managingNodesUnder(ex: Executor, path: string): Promise<{ id: string; name: string }[]> {
  return rows(ex, sql`SELECT id::text, name FROM ${orgTree} o WHERE o.path <@ ${path}::ltree AND o.deleted_at IS NULL
    AND o.kind IN ('district','street','community','village','grid')`)
}
