// The permission matrix of the service catalogue, orders and one-button devices (issue 15): for
// every demo role, each request that names an item, order, device, press, node, person, team,
// unit or photo outside the role's scope (in the path, the body or the query) is refused (401,
// 403 or 404; 422 where the field is checked after its record loads) and writes nothing; inside
// the scope the roles that may act succeed; the derived views (lists, the grab hall, figures)
// show nothing of the world outside.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const edits: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'grid' | 'building' | 'person' | 'unit' | 'team' | 'photo' | 'item' | 'order' | 'openOrder' | 'device' | 'press', string>
let ownItem: string

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM service_item_versions) || '/' || (SELECT count(*) FROM orders) || '/' ||
  (SELECT count(*) FROM order_events) || '/' || (SELECT count(*) FROM devices) || '/' || (SELECT count(*) FROM device_presses) || '/' ||
  (SELECT count(*) FROM devices WHERE updated_at > created_at) || '/' || (SELECT count(*) FROM device_presses WHERE state <> 'ordered') AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null, geometry = sql`NULL`) =>
    one(sql`INSERT INTO orgs (kind, name, parent_id, geometry) VALUES (${kind}, ${name}, ${parent}, ${geometry}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street, sql`ST_MakeEnvelope(100, 30, 100.01, 30.01, 4326)`)
  far.grid = await org('grid', '矩阵外的网格', far.community, sql`ST_MakeEnvelope(100, 30, 100.01, 30.01, 4326)`)
  far.building = await org('building', '矩阵外的楼', far.grid, sql`ST_SetSRID(ST_MakePoint(100.005, 30.005), 4326)`)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  await t.query(sql`INSERT INTO residents (person_id, org_id, household) VALUES (${far.person}, ${far.building}, '1-101')`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'merchant', ${street}) RETURNING id::text`)
  far.team = await one(sql`INSERT INTO volunteer_teams (org_id, name, function) VALUES (${far.community}, '矩阵外的队伍', 'elderly_care') RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  far.item = await one(sql`INSERT INTO service_items (org_id) VALUES (${far.community}) RETURNING id::text`)
  const version = await one(sql`INSERT INTO service_item_versions (item_id, version, list, name, provider_kinds) VALUES (${far.item}, 1, 'volunteer', '矩阵外的服务', ARRAY['member','volunteer']) RETURNING id::text`)
  await t.query(sql`UPDATE service_items SET current_version_id = ${version} WHERE id = ${far.item}`)
  const order = (state: string) => one(sql`INSERT INTO orders (item_id, item_version_id, org_id, community_id, state, requester_id, channel, location, address)
    VALUES (${far.item}, ${version}, ${far.building}, ${far.community}, ${state}, ${far.person}, 'app', ST_SetSRID(ST_MakePoint(100.005, 30.005), 4326), '矩阵外') RETURNING id::text`)
  far.order = await order('placed')
  far.openOrder = await order('open')
  far.device = await one(sql`INSERT INTO devices (serial, person_id, org_id, default_item_id, secret_enc, ladder)
    VALUES ('FAR-0001', ${far.person}, ${far.community}, ${far.item}, 'x:y', '{"grid":60,"nearby":60,"duty":60,"family":60}'::jsonb) RETURNING id::text`)
  far.press = await one(sql`INSERT INTO device_presses (device_id, state, signed_at, order_at, order_id) VALUES (${far.device}, 'ordered', 1, now(), ${far.openOrder}) RETURNING id::text`)
  const made = await as.cadre.post('/api/v1/service-items', { orgId: t.fixtures.communityId, list: 'volunteer', name: '矩阵助老', providerKinds: ['member', 'volunteer', 'staff'] })
  assert.equal(made.statusCode, 201, made.body)
  ownItem = made.json().id
})
after(() => t.close())

test('orders: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('service-items.create', () => c.post('/api/v1/service-items', { orgId: far.community, list: 'public', name: '越权项目', providerKinds: ['staff'] }), [403, 404]),
      refused('service-items.update', () => c.patch(`/api/v1/service-items/${far.item}`, { name: '越权修改' }), [403, 404]),
      refused('service-items.retire', () => c.post(`/api/v1/service-items/${far.item}/retire`), [403, 404]),
      refused('service-items.list.orgId', () => c.get(`/api/v1/service-items?orgId=${far.community}`), [403, 404]),
      refused('orders.create.itemId', () => c.post('/api/v1/orders', { itemId: far.item }), [404, 422]),
      refused('orders.create.onBehalfOf', () => c.post('/api/v1/orders', { itemId: ownItem, onBehalfOf: far.person }), [403, 404, 422]),
      refused('orders.create.photoIds', () => c.post('/api/v1/orders', { itemId: ownItem, photoIds: [far.photo] }), [403, 404, 422]),
      refused('orders.read', () => c.get(`/api/v1/orders/${far.order}`), [404]),
      refused('orders.list.orgId', () => c.get(`/api/v1/orders?orgId=${far.community}`), [403, 404]),
      refused('orders.figures.orgId', () => c.get(`/api/v1/orders/figures?orgId=${far.community}`), [403, 404]),
      refused('orders.candidates', () => c.get(`/api/v1/orders/${far.order}/candidates`), [403, 404]),
      refused('orders.review', () => c.post(`/api/v1/orders/${far.order}/review`, { decision: 'accept' }), [403, 404]),
      refused('orders.review.mergeIntoId', () => c.post(`/api/v1/orders/${far.order}/review`, { decision: 'merge', mergeIntoId: far.openOrder }), [403, 404]),
      refused('orders.dispatch', () => c.post(`/api/v1/orders/${far.openOrder}/dispatch`, { personId: far.person }), [403, 404]),
      refused('orders.cancel', () => c.post(`/api/v1/orders/${far.order}/cancel`, { reason: '越权取消' }), [403, 404]),
      refused('orders.complete', () => c.post(`/api/v1/orders/${far.order}/complete`, { result: '越权完成' }), [403, 404, 409]),
      refused('orders.rate', () => c.post(`/api/v1/orders/${far.order}/rate`, { rating: 5 }), [403, 404, 409]),
      refused('devices.create.personId', () => c.post('/api/v1/devices', { serial: `X-${r}-1`, personId: far.person, defaultItemId: ownItem }), [403, 404, 422]),
      refused('devices.create.defaultItemId', () => c.post('/api/v1/devices', { serial: `X-${r}-2`, personId: t.fixtures.personIds.resident, defaultItemId: far.item }), [403, 404, 422]),
      refused('devices.create.contacts', () => c.post('/api/v1/devices', { serial: `X-${r}-3`, personId: t.fixtures.personIds.resident, defaultItemId: ownItem, contacts: [{ name: '家属', relation: '子女', phone: '13900000000', personId: far.person }] }), [403, 404, 422]),
      refused('devices.read', () => c.get(`/api/v1/devices/${far.device}`), [404]),
      refused('devices.update', () => c.patch(`/api/v1/devices/${far.device}`, { cancelWindowS: 5 }), [403, 404]),
      refused('devices.update.defaultItemId', () => c.patch(`/api/v1/devices/${far.device}`, { defaultItemId: ownItem }), [403, 404]),
      refused('devices.secret', () => c.post(`/api/v1/devices/${far.device}/secret`), [403, 404]),
      refused('devices.reveal', () => c.post(`/api/v1/devices/${far.device}/reveal`), [403, 404]),
      refused('devices.list.orgId', () => c.get(`/api/v1/devices?orgId=${far.community}`), [403, 404]),
      refused('device-presses.list.deviceId', () => c.get(`/api/v1/device-presses?deviceId=${far.device}`), [403, 404]),
      refused('device-presses.read', () => c.get(`/api/v1/device-presses/${far.press}`), [404]),
      refused('device-presses.cancel', () => c.post(`/api/v1/device-presses/${far.press}/cancel`), [403, 404]),
      refused('device-presses.acknowledge', () => c.post(`/api/v1/device-presses/${far.press}/acknowledge`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Inside the scope: cadres and above edit the catalogue, the others are refused.
    const own = await c.patch(`/api/v1/service-items/${ownItem}`, { description: `${r} 修改` })
    assert.equal(own.statusCode, edits[r] ? 200 : 403, `service-items.update (own) as ${r}: ${own.body.slice(0, 200)}`)
    const figures = await c.get(`/api/v1/orders/figures?orgId=${t.fixtures.communityId}`)
    // Grid workers read the figures of their grid, not of the whole community.
    assert.equal(figures.statusCode, r === 'grid' || r === 'member' || r === 'resident' ? 403 : 200, `figures (own) as ${r}`)
  }
  assert.equal((await t.anonymous.post('/api/v1/orders', { itemId: ownItem })).statusCode, 401)
  assert.equal((await t.anonymous.get('/api/v1/orders')).statusCode, 401)
  assert.equal((await t.anonymous.get(`/api/v1/devices/${far.device}`)).statusCode, 401)
})

test('derived views: order lists, the grab hall, devices and presses show nothing outside the reader\'s scope', async () => {
  for (const r of ROLES) {
    for (const view of ['mine', 'serving', 'manage']) {
      const list = (await as[r].get(`/api/v1/orders?view=${view}&limit=200`)).json().items as { id: string }[]
      assert.ok(!list.some((o) => o.id === far.order || o.id === far.openOrder), `orders ${view} as ${r}`)
    }
    const hall = await as[r].get('/api/v1/orders/open-near-me?lng=100.005&lat=30.005')
    if (hall.statusCode === 200) assert.ok(!hall.json().items.some((o: { id: string }) => o.id === far.openOrder), `grab hall as ${r}`)
    else assert.equal(hall.statusCode, 403)
    const devices = await as[r].get('/api/v1/devices?limit=200')
    assert.ok(!devices.json().items.some((d: { id: string }) => d.id === far.device), `devices as ${r}`)
    const presses = await as[r].get('/api/v1/device-presses?limit=200')
    assert.ok(!presses.json().items.some((p: { id: string }) => p.id === far.press), `presses as ${r}`)
    const mine = (await as[r].get('/api/v1/devices/mine')).json().items as { id: string }[]
    assert.ok(!mine.some((d) => d.id === far.device))
  }
})
