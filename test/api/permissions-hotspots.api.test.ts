// The permission matrix of hotspots (issue 18): for every demo role, a request naming a node, a
// case or an order outside the role's scope is refused (403/404) and writes nothing; inside the
// scope only cadres and above read hotspots and raise them as topics. The hotspot list is a
// derived view: every record it shows is one its reader may read record by record.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { factories, type Factories, type Org } from '../support/factories.ts'
import { caseAt, hotspotWorld, itemOf, ordersAt } from '../support/hotspots.ts'
import type { Hotspots } from '../../src/server/modules/hotspots/hotspots.schemas.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const reads: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
let f: Factories
const as = {} as Record<RoleName, Client>
const far = {} as { community: string; case: string; order: string; item: string }
let elsewhere: string[] = []

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM hotspot_raises) || '/' || (SELECT count(*) FROM topics) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  f = factories(t)
  for (const r of ROLES) as[r] = await t.as(r)
  // A city of its own, outside every demo role's scope, with a case and an order in it.
  const org = (kind: string, name: string, parent: string | null, geometry: ReturnType<typeof sql> | null = null) =>
    one(sql`INSERT INTO orgs (kind, name, parent_id, geometry) VALUES (${kind}, ${name}, ${parent}, ${geometry}) RETURNING id::text`)
  const box = { west: 100, south: 30, east: 100.04, north: 30.04 }
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street, sql`ST_MakeEnvelope(100, 30, 100.04, 30.04, 4326)`)
  const gridId = await org('grid', '矩阵外的网格', far.community, sql`ST_MakeEnvelope(100.001, 30.001, 100.009, 30.009, 4326)`)
  const buildingId = await org('building', '矩阵外的楼', gridId, sql`ST_SetSRID(ST_MakePoint(100.005, 30.005), 4326)`)
  const grid: Org = { id: gridId, kind: 'grid', name: '矩阵外的网格', path: '', parentId: far.community, box: { west: 100.001, south: 30.001, east: 100.009, north: 30.009 } }
  const building: Org = { id: buildingId, kind: 'building', name: '矩阵外的楼', path: '', parentId: gridId, box }
  const community: Org = { id: far.community, kind: 'community', name: '矩阵外的社区', path: '', parentId: street, box }
  const resident = await f.newPerson({ role: 'resident', orgId: buildingId })
  const farCadre = await f.newPerson({ role: 'community_cadre', orgId: far.community })
  far.case = await caseAt(f, resident, grid, 'facility.road')
  const item = await itemOf(farCadre, community)
  far.item = item.id
  far.order = (await ordersAt(t, item, building, community, resident, 1))[0]!
  // A cluster in a community of another street of the demo district: the district sees it, the demo street and community do not.
  const w = await hotspotWorld(t, f)
  elsewhere = [await caseAt(f, w.reporter, w.grids[0]!, 'facility.road'), await caseAt(f, w.reporter, w.grids[0]!, 'facility.road', 0.0001), await caseAt(f, w.reporter, w.grids[0]!, 'facility.road', 0, 0.0001)]
})
after(() => t.close())

test('hotspots: every role is refused outside its scope in the query and in each body id, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('hotspots.list.orgId', () => c.get(`/api/v1/hotspots?orgId=${far.community}`), [403, 404]),
      refused('hotspots.raise.orgId', () => c.post('/api/v1/hotspots/topics', { orgId: far.community, category: 'case:facility.road', caseIds: [far.case] }), [403, 404]),
      refused('hotspots.raise.caseIds', () => c.post('/api/v1/hotspots/topics', { orgId: t.fixtures.communityId, category: 'case:facility.road', caseIds: [far.case] }), [403, 404]),
      refused('hotspots.raise.orderIds', () => c.post('/api/v1/hotspots/topics', { orgId: t.fixtures.communityId, category: `order:${far.item}`, orderIds: [far.order] }), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.match(res.body, /"error":\{"code":"[A-Z_]+","message":"[^"]*[\u4e00-\u9fff]/, `${family} as ${r}: one error shape, Chinese first`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // The demo community: cadres and above read its hotspots; grid staff, members and residents are refused.
    const own = await c.get(`/api/v1/hotspots?orgId=${t.fixtures.communityId}`)
    assert.equal(own.statusCode === 200, reads[r], `hotspots (own community) as ${r}: ${own.statusCode} ${own.body.slice(0, 200)}`)
    if (!reads[r]) assert.ok([403, 404].includes(own.statusCode))
    const mine = await c.get('/api/v1/hotspots')
    assert.equal(mine.statusCode, reads[r] ? 200 : 403, `hotspots (own node) as ${r}: ${mine.body.slice(0, 200)}`)
  }
  assert.equal((await t.anonymous.get('/api/v1/hotspots')).statusCode, 401)
  assert.equal((await t.anonymous.post('/api/v1/hotspots/topics', { orgId: t.fixtures.communityId, category: 'case:facility.road', caseIds: [far.case] })).statusCode, 401)
})

test('derived view: a hotspot list shows only records its reader may read one by one', async () => {
  for (const r of ROLES.filter((x) => reads[x])) {
    const h = (await as[r].get('/api/v1/hotspots?weeks=52')).json() as Hotspots
    const ids = h.clusters.flatMap((c) => c.records.filter((x) => x.kind === 'case').map((x) => x.id))
    assert.ok(!ids.includes(far.case), `${r} sees the far case`)
    const shows = elsewhere.every((id) => ids.includes(id))
    assert.equal(shows, r === 'admin' || r === 'district', `${r} and the other street's cluster`)
    if (r !== 'admin' && r !== 'district') assert.ok(!elsewhere.some((id) => ids.includes(id)), `${r} sees a record of another street`)
    for (const id of ids.slice(0, 12)) {
      const res = await as[r].get(`/api/v1/cases/${id}`)
      assert.equal(res.statusCode, 200, `${r} lists case ${id} it may not read`)
    }
  }
})
