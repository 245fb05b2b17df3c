import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { dbKind, startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Org, type Person } from '../../../../test/support/factories.ts'
import { everyDay } from '../../../../test/support/venues.ts'

let t: TestApp
let f: Factories
let community: Org
let cadre: Person
let near: Org[]
let far: Org
const centre = (o: Org) => ({ lng: (o.box.west + o.box.east) / 2, lat: (o.box.south + o.box.north) / 2 })

async function residentsIn(building: Org, n: number) {
  for (let i = 0; i < n; i++) {
    const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES (${`居民${building.id}-${i}`}) RETURNING id::text`)
    await t.query(sql`INSERT INTO residents (person_id, org_id) VALUES (${p!.id}, ${building.id})`)
  }
}

before(async () => {
  t = await startTestApp()
  f = factories(t)
  community = await f.newCommunity()
  cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  // Three buildings side by side (about 330 m apart) in the south-west grid, one in the far north-east grid (~3 km away).
  const sw = await f.newGrid(community)
  near = [await f.newBuilding(sw), await f.newBuilding(sw), await f.newBuilding(sw)]
  let ne = sw
  for (let i = 1; i < 16; i++) ne = await f.newGrid(community)
  far = await f.newBuilding(ne)
  await residentsIn(near[0]!, 2)
  await residentsIn(far, 5)
  const res = await cadre.client.post('/api/v1/venues', {
    kind: 'station', stationKind: 'red', name: '西南红色驿站', orgId: community.id, address: '西南角', entrance: centre(near[0]!), hours: everyDay, services: ['elderly'],
  })
  assert.equal(res.statusCode, 201, res.body)
})
after(() => t.close())

describe('the 15-minute life circle', () => {
  test('coverage counts buildings and residents within each tier\'s walk, per community, and lists the blind spots', async () => {
    const res = await cadre.client.get(`/api/v1/coverage?orgId=${community.id}&serviceType=elderly&tier=15`)
    assert.equal(res.statusCode, 200, res.body)
    const c = res.json()
    assert.deepEqual(c.method, { kind: 'straight_line', detourFactor: 1.3, walkingMetres: 1000, straightMetres: 769 })
    assert.deepEqual(c.buildings, { total: 4, covered: 3, share: 0.75 })
    assert.deepEqual(c.residents, { total: 7, covered: 2, share: 0.2857 })
    assert.deepEqual(c.uncovered.map((b: { id: string }) => b.id), [far.id])
    assert.equal(c.uncovered[0].residents, 5)
    assert.deepEqual(c.communities.map((x: { id: string; buildings: { covered: number } }) => [x.id, x.buildings.covered]), [[community.id, 3]])
    const five = (await cadre.client.get(`/api/v1/coverage?orgId=${community.id}&serviceType=elderly&tier=5`)).json()
    assert.deepEqual(five.buildings, { total: 4, covered: 1, share: 0.25 })
    const medical = (await cadre.client.get(`/api/v1/coverage?orgId=${community.id}&serviceType=medical`)).json()
    assert.equal(medical.buildings.covered, 0)
    const anyVenue = (await cadre.client.get(`/api/v1/coverage?orgId=${community.id}&kind=station`)).json()
    assert.equal(anyVenue.buildings.covered, 3)
  })

  test('the suggestion puts the new site where the uncovered residents are, exactly (gap 0), with greedy beside it', async () => {
    const res = await cadre.client.post('/api/v1/coverage/suggestions', { orgId: community.id, serviceType: 'elderly', tier: 15, k: 1 })
    assert.equal(res.statusCode, 200, res.body)
    const s = res.json()
    assert.equal(s.method.solver, 'highs_mclp')
    assert.equal(s.method.status, 'Optimal')
    assert.equal(s.gap, 0)
    assert.deepEqual(s.demand, { buildings: 1, weight: 5 })
    assert.equal(s.sites.length, 1)
    assert.equal(s.sites[0].building.id, far.id)
    assert.deepEqual(s.sites[0].newlyCovered, { buildings: 1, residents: 5, buildingIds: [far.id] })
    assert.equal(s.greedy.ratio, 1)
    const lattice = (await cadre.client.post('/api/v1/coverage/suggestions', { orgId: community.id, serviceType: 'elderly', tier: 15, k: 1, candidates: 'lattice' })).json()
    assert.equal(lattice.candidates.kind, 'lattice')
    assert.ok(lattice.candidates.count > 4)
    assert.equal(lattice.sites[0].building, null)
    assert.equal(lattice.sites[0].newlyCovered.residents, 5)
    const xlsx = await cadre.client.post('/api/v1/coverage/suggestions.xlsx', { orgId: community.id, serviceType: 'elderly', tier: 15, k: 1 })
    assert.equal(xlsx.statusCode, 200)
    assert.match(xlsx.headers['content-type'] as string, /spreadsheetml/)
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK')
  })

  test('bad input and people outside the node are refused', async () => {
    const bad: [string, Record<string, unknown>][] = [['k', { k: 0 }], ['k', { k: 50 }], ['tier', { tier: 7 }], ['serviceType', { serviceType: 'spa' }]]
    for (const [field, over] of bad) {
      const res = await cadre.client.post('/api/v1/coverage/suggestions', { orgId: community.id, serviceType: 'elderly', tier: 15, k: 1, ...over })
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`)
    }
    assert.equal((await cadre.client.get(`/api/v1/coverage?orgId=${community.id}&tier=20`)).statusCode, 400)
    const other = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
    assert.equal((await other.client.get(`/api/v1/coverage?orgId=${community.id}`)).statusCode, 404)
    assert.equal((await other.client.post('/api/v1/coverage/suggestions', { orgId: community.id, k: 1 })).statusCode, 404)
    const resident = await f.newPerson({ role: 'resident', orgId: near[1]!.id })
    assert.equal((await resident.client.get(`/api/v1/coverage?orgId=${near[1]!.id}`)).statusCode, 403)
    assert.equal((await t.anonymous.get(`/api/v1/coverage?orgId=${community.id}`)).statusCode, 401)
  })

  test('what one building reaches within each tier: service types, venue kinds and the nearest venues', async () => {
    const res = await cadre.client.get(`/api/v1/coverage/buildings/${near[1]!.id}`)
    assert.equal(res.statusCode, 200, res.body)
    const r = res.json()
    assert.deepEqual(r.tiers.map((x: { tier: number; serviceTypes: string[]; kinds: string[] }) => [x.tier, x.serviceTypes, x.kinds]), [[5, [], []], [10, ['elderly'], ['station']], [15, ['elderly'], ['station']]])
    assert.equal(r.nearest[0].venue.name, '西南红色驿站')
    assert.ok(r.nearest[0].distanceM > 250 && r.nearest[0].distanceM < 400, String(r.nearest[0].distanceM))
    assert.deepEqual((await cadre.client.get(`/api/v1/coverage/buildings/${far.id}`)).json().tiers.map((x: { kinds: string[] }) => x.kinds), [[], [], []])
    assert.equal((await cadre.client.get(`/api/v1/coverage/buildings/${community.id}`)).statusCode, 422)
    const resident = await f.newPerson({ role: 'resident', orgId: near[1]!.id })
    assert.equal((await resident.client.get(`/api/v1/coverage/buildings/${near[1]!.id}`)).statusCode, 403)
    const other = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
    assert.equal((await other.client.get(`/api/v1/coverage/buildings/${near[1]!.id}`)).statusCode, 404)
  })

  test('a walking network: imported by a district admin; on PostgreSQL with pgRouting the circle is measured along it', async () => {
    const district = await t.as('district')
    const [a, b] = [centre(near[0]!), centre(near[1]!)]
    const north = 0.0054 // about 600 m
    // From the first building up, across and down to the second: about 1,530 m on foot for 330 m in a straight line.
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[a.lng, a.lat], [a.lng, a.lat + north], [b.lng, b.lat + north], [b.lng, b.lat]] } }] }
    assert.equal((await cadre.client.put('/api/v1/walk-network', fc)).statusCode, 403)
    assert.equal((await district.put('/api/v1/walk-network', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[200, 1], [1, 1]] } }] })).statusCode, 400)
    const res = await district.put('/api/v1/walk-network', fc)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().nodes, 4)
    assert.equal(res.json().edges, 3)
    // PGlite has no pgRouting; a PostgreSQL server has it where its package is installed (CI installs it).
    const pgrouting = res.json().pgrouting as boolean
    if (dbKind === 'pglite') assert.equal(pgrouting, false)
    if (dbKind === 'postgres' && process.env.CI === 'true') assert.equal(pgrouting, true, 'CI installs postgresql-15-pgrouting')
    const c = (await cadre.client.get(`/api/v1/coverage?orgId=${community.id}&serviceType=elderly&tier=15`)).json()
    if (pgrouting) {
      // The second building is 1.5 km away along the footway and the third is off it: only the first is covered.
      assert.equal(c.method.kind, 'network')
      assert.deepEqual(c.buildings, { total: 4, covered: 1, share: 0.25 })
    } else {
      // Without pgRouting: the straight line, as before, and the answer says so.
      assert.equal(c.method.kind, 'straight_line')
      assert.equal(c.buildings.covered, 3)
    }
    // Suggestions always reason in straight lines, and say so.
    const s = (await cadre.client.post('/api/v1/coverage/suggestions', { orgId: community.id, serviceType: 'elderly', tier: 15, k: 1 })).json()
    assert.equal(s.method.kind, 'straight_line')
  })
})
