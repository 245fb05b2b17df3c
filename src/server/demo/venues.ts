// Venues of the demo street (站前街道) for the red map and bookings (issue 14): the street's Party
// service centre, one centre per community, the four 邻里中心 of the seed article (御龙湾, 爱民,
// 磨南云湾逸景, 阳光弘阳时光里), 24 红色驿站, courier and warm stations, and merchants' 便民服务点,
// with rooms and rules; bookings from two weeks before the day the demo is seeded to three weeks
// after, a paired unit's weekly Party day among them as a recurring series. Stations sit only in
// the first communities, so the 15-minute life circle has real blind spots to fix.
//
// Placement is deterministic (a seeded PRNG; points inside the communities by ST_GeneratePoints
// with a seed). Bookings are dated from the seeding day, so the calendars show what is coming.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { createRandom } from './geography/city.ts'
import { replaceNetwork } from '../modules/venues/venues.network.ts'

type Random = () => number
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const some = <T,>(random: Random, items: readonly T[], p: number): T[] => items.filter(() => random() < p)

const weekdays = (open: string, close: string, days = [1, 2, 3, 4, 5]) => days.map((day) => ({ day, open, close }))
const CENTRE_HOURS = { weekly: [...weekdays('08:30', '17:30'), { day: 6, open: '09:00', close: '12:00' }], exceptions: [], closedOnHolidays: true }
const EVERY_DAY = (open: string, close: string) => ({ weekly: weekdays(open, close, [1, 2, 3, 4, 5, 6, 7]), exceptions: [], closedOnHolidays: false })

const NEIGHBOURHOOD = ['御龙湾', '爱民', '磨南云湾逸景', '阳光弘阳时光里']
const STATION_AMENITIES = ['rest', 'drinking_water', 'charging', 'reading', 'umbrella', 'first_aid', 'microwave', 'toilet', 'wifi', 'accessible']
const X_TAGS = ['四点半课堂', '老年食堂', '理发', '助浴', '法律咨询', '心理疏导', '家政服务', '快递代收']
const PURPOSES = ['楼栋议事会', '党员学习', '书法兴趣班', '老年合唱排练', '青少年四点半课堂', '社区协商会', '共建单位主题党日', '志愿者培训', '读书分享会', '健康讲座']
const SLOTS: [number, number][] = [[9, 11], [14, 16], [18, 20]]

export interface DemoVenuesResult { venues: number; rooms: number; bookings: number }

export async function seedDemoVenues(tx: Executor, opts: { seed: number; now?: Date }): Promise<DemoVenuesResult> {
  const random = createRandom(opts.seed + 17)
  const [street] = await rows<{ id: string; name: string; lng: number; lat: number }>(tx, sql`SELECT o.id::text, o.name,
      ST_X(ST_PointOnSurface(o.geometry)) AS lng, ST_Y(ST_PointOnSurface(o.geometry)) AS lat FROM accounts a
    JOIN role_assignments r ON r.person_id = a.person_id JOIN orgs o ON o.id = r.org_id WHERE a.username = 'street' AND r.role = 'street_admin' AND o.geometry IS NOT NULL LIMIT 1`)
  if (!street) return { venues: 0, rooms: 0, bookings: 0 }
  const communities = await rows<{ id: string; name: string; lng: number; lat: number; points: { lng: number; lat: number }[] }>(tx, sql`SELECT c.id::text, c.name,
      ST_X(ST_PointOnSurface(c.geometry)) AS lng, ST_Y(ST_PointOnSurface(c.geometry)) AS lat,
      (SELECT json_agg(json_build_object('lng', ST_X(g.geom), 'lat', ST_Y(g.geom))) FROM ST_Dump(ST_GeneratePoints(c.geometry, 12, ${opts.seed % 100000})) g) AS points
    FROM orgs c WHERE c.parent_id = ${street.id} AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL AND c.geometry IS NOT NULL ORDER BY c.id`)
  if (communities.length === 0) return { venues: 0, rooms: 0, bookings: 0 }
  const merchants = await rows<{ id: string; name: string; address: string | null; org_id: string }>(tx, sql`SELECT u.id::text, u.name, u.address, u.org_id::text FROM units u
    JOIN orgs o ON o.id = u.org_id WHERE o.id = ${street.id} OR o.parent_id = ${street.id} ORDER BY u.id`)

  interface Plan { kind: string; level?: string; stationKind?: string; name: string; orgId: string; unitId?: string; address: string; lng: number; lat: number
    hours: unknown; amenities: string[]; services: string[]; tags: string[]; audiences: string[]; phone: string | null; areaM2: number | null; rooms: Room[] }
  interface Room { name: string; capacity: number; approval?: boolean; bufferAfterMinutes?: number; monthlyQuotaHours?: number; bookerKinds?: string[] }
  const plans: Plan[] = []
  const phone = () => `0791-8${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`
  // Leave the last third of the communities without stations: the life circle's blind spots.
  const served = communities.slice(0, Math.max(1, Math.ceil((communities.length * 2) / 3)))
  const nextPoint = (() => {
    const used = new Map<string, number>()
    return (c: (typeof communities)[number]) => {
      const i = used.get(c.id) ?? 0
      used.set(c.id, i + 1)
      return c.points[i % c.points.length]!
    }
  })()

  plans.push({
    kind: 'party_service_center', level: 'street', name: `${street.name}党群服务中心`, orgId: street.id, address: `${street.name}招贤路1号`, lng: street.lng, lat: street.lat,
    hours: CENTRE_HOURS, amenities: ['rest', 'drinking_water', 'reading', 'toilet', 'wifi', 'accessible', 'first_aid'], services: ['education', 'elderly', 'culture_sport'],
    tags: ['法律咨询', '心理疏导'], audiences: ['everyone'], phone: phone(), areaM2: 1200,
    rooms: [{ name: '多功能厅', capacity: 120, approval: true, bufferAfterMinutes: 30 }, { name: '党员活动室', capacity: 40, monthlyQuotaHours: 16 }, { name: '小会议室', capacity: 16 }],
  })
  for (const c of communities) {
    plans.push({
      kind: 'party_service_center', level: 'community', name: `${c.name}党群服务中心`, orgId: c.id, address: `${c.name}居委会一楼`, lng: c.lng, lat: c.lat,
      hours: CENTRE_HOURS, amenities: ['rest', 'drinking_water', 'reading', 'toilet', 'accessible'], services: some(random, ['education', 'elderly', 'culture_sport', 'medical'], 0.6),
      tags: some(random, X_TAGS, 0.25), audiences: ['everyone'], phone: phone(), areaM2: 300 + Math.round(random() * 500),
      rooms: [{ name: '活动室', capacity: 40 }, { name: '议事厅', capacity: 20, approval: true }],
    })
  }
  NEIGHBOURHOOD.forEach((name, i) => {
    const c = served[i % served.length]!
    const p = nextPoint(c)
    plans.push({
      kind: 'neighbourhood_center', name: `${name}邻里中心`, orgId: c.id, address: `${c.name}${name}小区南门`, lng: p.lng, lat: p.lat,
      hours: EVERY_DAY('08:00', '20:00'), amenities: ['rest', 'drinking_water', 'toilet', 'wifi', 'accessible', 'reading'],
      services: ['education', 'medical', 'elderly', 'commerce', 'culture_sport'], tags: some(random, X_TAGS, 0.4), audiences: ['everyone', 'elderly'], phone: phone(), areaM2: 800 + Math.round(random() * 1200),
      rooms: [{ name: '邻里活动室', capacity: 30 }, { name: '共享厨房', capacity: 12, bufferAfterMinutes: 30 }],
    })
  })
  for (let i = 0; i < 24; i++) {
    const c = served[i % served.length]!
    const p = nextPoint(c)
    plans.push({
      kind: 'station', stationKind: 'red', name: `${c.name}红色驿站${'一二三四五六七八九十'[Math.floor(i / served.length)] ?? i + 1}号`, orgId: c.id, address: `${c.name}${pick(random, ['沿街', '公园', '广场', '路口'])}旁`,
      lng: p.lng, lat: p.lat, hours: EVERY_DAY('08:00', '20:00'), amenities: ['rest', 'drinking_water', ...some(random, STATION_AMENITIES.slice(2), 0.4)],
      services: some(random, ['elderly', 'culture_sport'], 0.3), tags: [], audiences: ['everyone', ...(random() < 0.4 ? ['gig_workers'] : [])], phone: null, areaM2: 20 + Math.round(random() * 40), rooms: [],
    })
  }
  for (let i = 0; i < 6; i++) {
    const c = served[(i * 2) % served.length]!
    const p = nextPoint(c)
    plans.push({
      kind: 'station', stationKind: 'courier', name: `小哥驿站·${c.name}${i + 1}号`, orgId: c.id, address: `${c.name}快递集散点旁`, lng: p.lng, lat: p.lat,
      hours: EVERY_DAY('00:00', '24:00'), amenities: ['rest', 'drinking_water', 'charging', 'microwave', 'toilet', 'umbrella', 'first_aid'], services: [], tags: ['快递代收'],
      audiences: ['gig_workers'], phone: null, areaM2: 30, rooms: [],
    })
  }
  for (let i = 0; i < 4; i++) {
    const c = served[(i * 3 + 1) % served.length]!
    const p = nextPoint(c)
    plans.push({
      kind: 'station', stationKind: 'warm', name: `暖心驿站·${c.name}`, orgId: c.id, address: `${c.name}银行网点内`, lng: p.lng, lat: p.lat,
      hours: { weekly: weekdays('09:00', '17:00', [1, 2, 3, 4, 5, 6, 7]), exceptions: [], closedOnHolidays: false },
      amenities: ['rest', 'drinking_water', 'charging', 'umbrella', 'first_aid', 'toilet'], services: [], tags: [], audiences: ['everyone', 'gig_workers', 'elderly'], phone: phone(), areaM2: 25, rooms: [],
    })
  }
  merchants.slice(0, 10).forEach((m, i) => {
    const c = served[i % served.length]!
    const p = nextPoint(c)
    plans.push({
      kind: 'service_point', name: `${m.name}便民服务点`, orgId: c.id, unitId: m.org_id === street.id || communities.some((x) => x.id === m.org_id) ? m.id : undefined,
      address: m.address ?? `${c.name}`, lng: p.lng, lat: p.lat, hours: { weekly: weekdays('09:00', '18:00', [1, 2, 3, 4, 5, 6]), exceptions: [], closedOnHolidays: false },
      amenities: ['rest', 'drinking_water'], services: [pick(random, ['commerce', 'medical', 'elderly'])], tags: some(random, ['家政服务', '快递代收', '理发'], 0.4),
      audiences: ['everyone'], phone: phone(), areaM2: null, rooms: [],
    })
  })
  // A unit's venue lies under the unit's node: only keep the unit where the unit is registered at or above the community.
  for (const p of plans) if (p.unitId && !merchants.some((m) => m.id === p.unitId && (m.org_id === p.orgId || m.org_id === street.id))) p.unitId = undefined

  const venueIds = await rows<{ id: string; name: string }>(tx, sql`INSERT INTO venues (kind, level, station_kind, name, org_id, unit_id, address, entrance, area_m2, phone, hours, amenities, services, tags, audiences)
    SELECT kind, level, station_kind, name, org_id, unit_id, address, ST_SetSRID(ST_MakePoint(lng, lat), 4326), area_m2, phone, hours,
      linli_text_array(amenities), linli_text_array(services), linli_text_array(tags), linli_text_array(audiences)
    FROM json_to_recordset(${JSON.stringify(plans.map((p) => ({
      kind: p.kind, level: p.level ?? null, station_kind: p.stationKind ?? null, name: p.name, org_id: p.orgId, unit_id: p.unitId ?? null, address: p.address,
      lng: p.lng, lat: p.lat, area_m2: p.areaM2, phone: p.phone, hours: p.hours, amenities: [...new Set(p.amenities)], services: [...new Set(p.services)], tags: p.tags, audiences: p.audiences,
    })))}::json) AS x(kind text, level text, station_kind text, name text, org_id bigint, unit_id bigint, address text, lng float8, lat float8, area_m2 numeric, phone text,
      hours jsonb, amenities jsonb, services jsonb, tags jsonb, audiences jsonb)
    RETURNING id::text, name`)
  const roomPlans = plans.flatMap((p) => p.rooms.map((r) => ({ venue_id: venueIds.find((v) => v.name === p.name)!.id, name: r.name, capacity: r.capacity, approval: r.approval ?? false,
    buffer_after_minutes: r.bufferAfterMinutes ?? 0, monthly_quota_hours: r.monthlyQuotaHours ?? null })))
  const rooms = await rows<{ id: string; venue_id: string; name: string; approval: boolean; buffer: number }>(tx, sql`INSERT INTO venue_rooms (venue_id, name, capacity, approval, buffer_after_minutes, monthly_quota_hours)
    SELECT venue_id, name, capacity, approval, buffer_after_minutes, monthly_quota_hours FROM json_to_recordset(${JSON.stringify(roomPlans)}::json)
      AS x(venue_id bigint, name text, capacity int, approval boolean, buffer_after_minutes int, monthly_quota_hours int)
    RETURNING id::text, venue_id::text, name, approval, buffer_after_minutes AS buffer`)

  // Who books: people living in the street, and units' representatives for their units.
  const bookers = await rows<{ id: string }>(tx, sql`SELECT DISTINCT p.id::text FROM role_assignments r JOIN people p ON p.id = r.person_id JOIN orgs o ON o.id = r.org_id
    WHERE r.role IN ('resident', 'member') AND o.path <@ (SELECT path FROM orgs WHERE id = ${street.id}) ORDER BY 1 LIMIT 60`)
  const reps = await rows<{ unit_id: string; person_id: string }>(tx, sql`SELECT DISTINCT ON (up.unit_id) up.unit_id::text, up.person_id::text FROM unit_people up
    JOIN units u ON u.id = up.unit_id WHERE u.org_id = ${street.id} OR u.org_id IN (SELECT id FROM orgs WHERE parent_id = ${street.id}) ORDER BY up.unit_id, up.person_id LIMIT 10`)
  // Activities the volunteers hold at a Party service centre are held at that venue.
  await tx.execute(sql`UPDATE activities a SET venue_id = v.id FROM venues v
    WHERE v.kind = 'party_service_center' AND v.org_id = a.org_id AND a.place LIKE '%党群服务中心%' AND a.venue_id IS NULL`)
  // The walking network: the streets between the grids, i.e. every grid's outline, cut at its corners
  // and wherever neighbouring outlines share a vertex (measured on where the server has pgRouting).
  const outlines = await rows<{ g: { type: string; coordinates: number[][][] } }>(tx, sql`SELECT ST_AsGeoJSON(g.geometry)::json AS g FROM orgs g
    WHERE g.kind = 'grid' AND g.deleted_at IS NULL AND g.geometry IS NOT NULL AND g.path <@ (SELECT path FROM orgs WHERE id = ${street.id}) AND ST_GeometryType(g.geometry) = 'ST_Polygon'`)
  await replaceNetwork(tx, outlines.map((o) => o.g.coordinates[0]!.map((p) => [p[0]!, p[1]!] as [number, number])))
  if (bookers.length === 0 || rooms.length === 0) return { venues: venueIds.length, rooms: rooms.length, bookings: 0 }
  const today = new Date((opts.now ?? new Date()).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
  const at = (dayOffset: number, hour: number) => new Date(Date.parse(`${today}T00:00:00Z`) + dayOffset * 86_400_000 + (hour - 8) * 3_600_000)
  const isoWeekday = (dayOffset: number) => ((new Date(Date.parse(`${today}T00:00:00Z`) + dayOffset * 86_400_000).getUTCDay() + 6) % 7) + 1
  const nowMs = (opts.now ?? new Date()).getTime()
  const bookings: Record<string, unknown>[] = []
  const taken = new Set<string>()
  // The paired unit's weekly Party day: every Thursday afternoon in the street centre's Party room, as a series.
  const partyRoom = rooms.find((r) => r.name === '党员活动室')
  const thursdays = Array.from({ length: 22 }, (_, d) => d).filter((d) => isoWeekday(d) === 4).length
  const [series] = partyRoom && reps[0] ? await rows<{ id: string }>(tx, sql`INSERT INTO booking_series (room_id, rrule, on_conflict, created_by)
    VALUES (${partyRoom.id}, ${`FREQ=WEEKLY;BYDAY=TH;COUNT=${thursdays}`}, 'skip', ${reps[0].person_id}) RETURNING id::text`) : []
  for (let d = -14; d <= 21; d++) {
    const weekday = isoWeekday(d)
    for (const room of rooms) {
      for (const [i, [from, to]] of SLOTS.entries()) {
        const isSeries = series && room === partyRoom && weekday === 4 && i === 1 && d >= 0
        if (!isSeries && (weekday === 7 || random() > 0.18)) continue
        if (!isSeries && weekday === 6 && i !== 0) continue
        // Centres close at 17:30: no evening slots there.
        if (i === 2 && !room.name.includes('邻里') && !room.name.includes('厨房')) continue
        const key = `${room.id}:${d}:${i}`
        if (taken.has(key)) continue
        taken.add(key)
        const start = at(d, from)
        const end = at(d, to)
        const rep = isSeries ? reps[0] : random() < 0.3 ? pick(random, reps) : undefined
        const past = end.getTime() < nowMs
        const state = past ? (random() < 0.12 ? 'no_show' : 'confirmed') : room.approval && random() < 0.5 ? 'pending' : 'confirmed'
        bookings.push({
          room_id: room.id, series_id: isSeries ? series.id : null, booker_id: rep?.person_id ?? pick(random, bookers).id, booker_unit_id: rep?.unit_id ?? null,
          start_at: start.toISOString(), end_at: end.toISOString(), buffer: room.buffer, purpose: isSeries ? '共建单位主题党日' : pick(random, PURPOSES),
          attendees: 5 + Math.floor(random() * 20), state, hold_until: state === 'pending' ? new Date(Math.min(nowMs + 48 * 3_600_000, start.getTime())).toISOString() : null,
          checked_in_at: past && state === 'confirmed' ? new Date(start.getTime() - 5 * 60_000).toISOString() : null,
        })
      }
    }
  }
  await tx.execute(sql`INSERT INTO room_bookings (room_id, series_id, booker_id, booker_unit_id, start_at, end_at, blocked, purpose, attendees, state, hold_until, checked_in_at)
    SELECT room_id, series_id, booker_id, booker_unit_id, start_at, end_at, tstzrange(start_at, end_at + make_interval(mins => buffer), '[)'), purpose, attendees, state, hold_until, checked_in_at
    FROM json_to_recordset(${JSON.stringify(bookings)}::json) AS x(room_id bigint, series_id bigint, booker_id bigint, booker_unit_id bigint, start_at timestamptz,
      end_at timestamptz, buffer int, purpose text, attendees int, state text, hold_until timestamptz, checked_in_at timestamptz)`)
  return { venues: venueIds.length, rooms: rooms.length, bookings: bookings.length }
}
