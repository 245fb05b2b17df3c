// The permission matrix of venues, rooms and bookings (issue 14): for every demo role, each
// request that names a venue, room, booking, node, unit or photo outside the role's scope is
// refused (401/403/404, or 422 where a field is checked after its record loads) and writes
// nothing; inside the scope the roles that may act succeed. Reads of venues are public.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { everyDay } from '../support/venues.ts'
import { writeSheet } from '../../src/server/modules/venues/venues.sheets.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const manages: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'unit' | 'photo' | 'venue' | 'room' | 'booking', string>
let demoVenue: string
let demoRoom: string
let serial = 0
let workbook: Buffer

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const day = (d: number, h: number) => {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  return `${new Date(Date.parse(`${today}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10)}T${String(h).padStart(2, '0')}:00:00+08:00`
}
const venueBody = (orgId: string, over: Record<string, unknown> = {}) => ({
  kind: 'station', stationKind: 'red', name: `矩阵驿站${++serial}`, orgId, address: '矩阵路 1 号', entrance: { lng: 115.8, lat: 28.6 }, hours: everyDay, ...over,
})
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM venues) || '/' || (SELECT count(*) FROM venue_rooms) || '/' ||
  (SELECT count(*) FROM room_bookings) || '/' || (SELECT count(*) FROM venues WHERE updated_at > created_at) || '/' ||
  (SELECT count(*) FROM room_bookings WHERE state <> 'confirmed') AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street)
  const person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'merchant', ${street}) RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${person}) RETURNING id::text`)
  far.venue = await one(sql`INSERT INTO venues (kind, station_kind, name, org_id, address, entrance, hours)
    VALUES ('station', 'red', '矩阵外的驿站', ${far.community}, '矩阵外', ST_SetSRID(ST_MakePoint(100, 30), 4326), ${JSON.stringify(everyDay)}::jsonb) RETURNING id::text`)
  far.room = await one(sql`INSERT INTO venue_rooms (venue_id, name, capacity, approval) VALUES (${far.venue}, '矩阵外的活动室', 10, true) RETURNING id::text`)
  far.booking = await one(sql`INSERT INTO room_bookings (room_id, booker_id, start_at, end_at, blocked, purpose, state, hold_until)
    VALUES (${far.room}, ${person}, ${day(3, 10)}::timestamptz, ${day(3, 11)}::timestamptz, tstzrange(${day(3, 10)}::timestamptz, ${day(3, 11)}::timestamptz), '矩阵外的预约', 'pending', now() + interval '1 day') RETURNING id::text`)
  const made = await as.cadre.post('/api/v1/venues', venueBody(t.fixtures.communityId, { rooms: [{ name: '矩阵活动室', capacity: 20 }] }))
  assert.equal(made.statusCode, 201, made.body)
  demoVenue = made.json().id
  demoRoom = made.json().rooms[0].id
  workbook = await writeSheet([{ name: '矩阵导入驿站', kind: '驿站', stationKind: '红色驿站', address: '矩阵路', lng: '115.8', lat: '28.6' }], { title: '服务阵地' })
})
after(() => t.close())

test('venues: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('venues.create', () => c.post('/api/v1/venues', venueBody(far.community)), [403, 404]),
      refused('venues.create.unitId', () => c.post('/api/v1/venues', venueBody(t.fixtures.communityId, { unitId: far.unit })), [403, 404, 422]),
      refused('venues.create.photoIds', () => c.post('/api/v1/venues', venueBody(t.fixtures.communityId, { photoIds: [far.photo] })), [403, 404]),
      refused('venues.update', () => c.patch(`/api/v1/venues/${far.venue}`, { name: '改名' }), [403, 404]),
      refused('venues.update.orgId', () => c.patch(`/api/v1/venues/${demoVenue}`, { orgId: far.community }), [403, 404]),
      refused('venues.update.unitId', () => c.patch(`/api/v1/venues/${demoVenue}`, { unitId: far.unit }), [403, 404, 422]),
      refused('venues.update.photoIds', () => c.patch(`/api/v1/venues/${demoVenue}`, { photoIds: [far.photo] }), [403, 404]),
      refused('venues.delete', () => c.delete(`/api/v1/venues/${far.venue}`), [403, 404]),
      refused('rooms.create', () => c.post(`/api/v1/venues/${far.venue}/rooms`, { name: '新场地', capacity: 5 }), [403, 404]),
      refused('rooms.update', () => c.patch(`/api/v1/rooms/${far.room}`, { capacity: 5 }), [403, 404]),
      refused('rooms.delete', () => c.delete(`/api/v1/rooms/${far.room}`), [403, 404]),
      refused('rooms.checkin-code', () => c.get(`/api/v1/rooms/${far.room}/checkin-code`), [403, 404]),
      refused('rooms.usage', () => c.get(`/api/v1/rooms/${far.room}/usage?from=2026-01-01&to=2026-01-31`), [403, 404]),
      refused('venues.calendar', () => c.get(`/api/v1/venues/${far.venue}/calendar?from=2026-01-01`), [403, 404]),
      refused('bookings.create.bookerUnitId', () => c.post(`/api/v1/rooms/${demoRoom}/bookings`, { start: day(4, 10), end: day(4, 11), purpose: '矩阵', bookerUnitId: far.unit }), [403, 404]),
      refused('bookings.read', () => c.get(`/api/v1/bookings/${far.booking}`), [404]),
      refused('bookings.decide', () => c.post(`/api/v1/bookings/${far.booking}/approve`, {}), [403, 404]),
      refused('bookings.reject', () => c.post(`/api/v1/bookings/${far.booking}/reject`, {}), [403, 404]),
      refused('bookings.cancel', () => c.post(`/api/v1/bookings/${far.booking}/cancel`, {}), [403, 404]),
      refused('bookings.checkin', () => c.post(`/api/v1/bookings/${far.booking}/checkin`, {}), [403, 404]),
      refused('bookings.list.venueId', () => c.get(`/api/v1/bookings?view=manage&venueId=${far.venue}`), [403, 404]),
      refused('venues.import.orgId', () => c.request({ method: 'POST', url: `/api/v1/venues/import?orgId=${far.community}`, payload: workbook, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }), [403, 404]),
      refused('venues.export.orgId', () => c.post('/api/v1/venues/export', { orgId: far.community }), [403, 404]),
      refused('coverage.building', () => c.get(`/api/v1/coverage/buildings/${far.community}`), [403, 404]),
      refused('coverage.read.orgId', () => c.get(`/api/v1/coverage?orgId=${far.community}`), [403, 404]),
      refused('coverage.suggest.orgId', () => c.post('/api/v1/coverage/suggestions', { orgId: far.community, k: 1 }), [403, 404]),
      refused('coverage.export.orgId', () => c.post('/api/v1/coverage/suggestions.xlsx', { orgId: far.community, k: 1 }), [403, 404]),
      refused('bookings.list.roomId', () => c.get(`/api/v1/bookings?view=manage&roomId=${far.room}`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // The demo venue: its managers manage it, the others are refused.
    const own = await c.patch(`/api/v1/venues/${demoVenue}`, { phone: '0791-88888888' })
    assert.equal(own.statusCode, manages[r] ? 200 : 403, `venues.update (own) as ${r}: ${own.body}`)
    const created = await c.post('/api/v1/venues', venueBody(t.fixtures.communityId))
    assert.equal(created.statusCode, manages[r] ? 201 : 403, `venues.create (own) as ${r}: ${created.body}`)
    const circle = await c.get(`/api/v1/coverage?orgId=${t.fixtures.communityId}&tier=10`)
    assert.equal(circle.statusCode, manages[r] ? 200 : 403, `coverage (own) as ${r}: ${circle.body.slice(0, 200)}`)
    // The walking network is the whole city's: district admins and above replace it.
    const before = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM walk_edges`)
    const walk = await c.put('/api/v1/walk-network', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[115.8, 28.6], [115.801, 28.6]] } }] })
    assert.equal(walk.statusCode, r === 'admin' || r === 'district' ? 200 : 403, `walk-network as ${r}: ${walk.body.slice(0, 200)}`)
    if (walk.statusCode === 403) assert.deepEqual(await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM walk_edges`), before)
    const list = await c.get(`/api/v1/bookings?view=manage&venueId=${demoVenue}`)
    assert.equal(list.statusCode, manages[r] ? 200 : 403, `bookings.list (own) as ${r}`)
    // Anyone signed in books; the public reads need no login.
    const booked = await c.post(`/api/v1/rooms/${demoRoom}/bookings`, { start: day(5 + ROLES.indexOf(r), 10), end: day(5 + ROLES.indexOf(r), 11), purpose: '矩阵预约' })
    assert.equal(booked.statusCode, 201, `bookings.create as ${r}: ${booked.body}`)
  }
  assert.equal((await t.anonymous.get(`/api/v1/venues/${far.venue}`)).statusCode, 200)
  assert.equal((await t.anonymous.get(`/api/v1/venues?orgId=${far.community}`)).json().total, 1)
  assert.equal((await t.anonymous.post(`/api/v1/rooms/${demoRoom}/bookings`, { start: day(20, 10), end: day(20, 11), purpose: '匿名' })).statusCode, 401)
  assert.equal((await t.anonymous.get('/api/v1/bookings')).statusCode, 401)
})

test('derived views: my bookings and the manage view list only what the reader may read record by record', async () => {
  for (const r of ROLES) {
    const mine = (await as[r].get('/api/v1/bookings?limit=200')).json().items as { id: string; booker: { id: string } }[]
    assert.ok(mine.every((b) => b.booker.id === t.fixtures.personIds[r]), `mine as ${r}`)
    const managed = (await as[r].get('/api/v1/bookings?view=manage&limit=200')).json().items as { id: string }[]
    assert.ok(!managed.some((b) => b.id === far.booking), `manage as ${r} shows the far booking`)
    if (!manages[r]) assert.deepEqual(managed, [], `manage as ${r}`)
  }
})
