// The test factories (test/support/factories.ts) make worlds of their own: nested outlines the
// app locates, people who log in through the real login and see only their own subtree, cases
// routed to the factory grid. A test that uses them depends on no demo row but the district.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../support/app.ts'
import { factories, FACTORY_PASSWORD, type Factories } from '../support/factories.ts'

let t: TestApp
let make: Factories
before(async () => {
  t = await startTestApp()
  make = factories(t)
})
after(() => t.close())

test('a community is a street and community of its own under the demo district; its grids and buildings nest inside it', async () => {
  const community = await make.newCommunity()
  const grid = await make.newGrid(community)
  const building = await make.newBuilding(grid)
  const [district] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${t.fixtures.districtId}`)
  const [street] = await t.query<{ id: string; parent_id: string; kind: string }>(sql`SELECT id::text, parent_id::text, kind FROM orgs WHERE id = ${community.parentId}`)
  assert.deepEqual(street, { id: community.parentId, parent_id: t.fixtures.districtId, kind: 'street' })
  assert.ok(community.path.startsWith(`${district!.path}.`))
  assert.ok(grid.path.startsWith(`${community.path}.`) && building.path.startsWith(`${grid.path}.`))
  const [inside] = await t.query<{ ok: boolean }>(sql`
    SELECT ST_Contains(c.geometry, g.geometry) AND ST_Contains(g.geometry, b.geometry) AS ok
    FROM orgs c, orgs g, orgs b WHERE c.id = ${community.id} AND g.id = ${grid.id} AND b.id = ${building.id}`)
  assert.equal(inside!.ok, true)
  // The app's own locate finds the factory grid at its centre.
  const { lng, lat } = make.centre(grid.box)
  const located = await t.anonymous.get(`/api/v1/geo/locate?lng=${lng}&lat=${lat}`)
  assert.equal(located.statusCode, 200, located.body)
  assert.ok(located.body.includes(grid.id), located.body)
})

test('two communities never share ground, and sixteen grids fit in one', async () => {
  const [a, b] = [await make.newCommunity(), await make.newCommunity()]
  const [overlap] = await t.query<{ any: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM orgs x, orgs y WHERE x.id IN (${a.id}, ${b.id}) AND y.kind = x.kind AND y.id <> x.id AND ST_Overlaps(x.geometry, y.geometry)) AS any`)
  assert.equal(overlap!.any, false, 'no factory community overlaps another community, demo ones included')
  const grids = []
  for (let i = 0; i < 16; i++) grids.push(await make.newGrid(a))
  const [crossing] = await t.query<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM orgs x JOIN orgs y ON x.id < y.id AND ST_Overlaps(x.geometry, y.geometry)
    WHERE x.parent_id = ${a.id} AND y.parent_id = ${a.id}`)
  assert.equal(crossing!.n, 0)
  await assert.rejects(make.newGrid(a), /16 grids/)
})

test('a person holds the role given, logs in with the real password hash, and sees only their own subtree', async () => {
  const community = await make.newCommunity()
  const other = await make.newCommunity()
  const cadre = await make.newPerson({ role: 'community_cadre', orgId: community.id })
  const me = await cadre.client.get('/api/v1/me')
  assert.equal(me.statusCode, 200, me.body)
  assert.ok(me.body.includes(community.id))
  const [account] = await t.query<{ hash: string; person: string }>(sql`SELECT password_hash AS hash, person_id::text AS person FROM accounts WHERE username = ${cadre.username}`)
  assert.equal(account!.person, cadre.id)
  assert.ok(!account!.hash.includes(FACTORY_PASSWORD) && account!.hash.startsWith('$argon2'), 'the password is stored hashed')
  assert.equal((await cadre.client.get(`/api/v1/orgs/${community.id}`)).statusCode, 200)
  assert.equal((await cadre.client.get(`/api/v1/orgs/${other.id}`)).statusCode, 404)
  assert.equal((await cadre.client.get(`/api/v1/orgs/${t.fixtures.communityId}`)).statusCode, 404, 'the demo community is outside a factory cadre’s scope')
})

test('many people log in without spending the file’s login limit', async () => {
  const community = await make.newCommunity()
  const people = []
  for (let i = 0; i < 35; i++) people.push(await make.newPerson({ role: 'resident', orgId: community.id }))
  assert.equal(new Set(people.map((p) => p.username)).size, 35)
  assert.equal((await t.as('admin')).cookie !== null, true, 'the demo accounts can still log in from the default address')
})

test('a case is reported in the factory grid, reaches its grid worker and nobody in another community', async () => {
  const community = await make.newCommunity()
  const grid = await make.newGrid(community)
  const worker = await make.newPerson({ role: 'grid_worker', orgId: grid.id })
  const stranger = await make.newPerson({ role: 'community_cadre', orgId: (await make.newCommunity()).id })
  const before = (await worker.client.get('/api/v1/cases')).json() as { items: unknown[] }
  assert.deepEqual(before.items, [], 'a new world holds no case, demo or otherwise')
  const reported = await make.newCase(grid)
  const [row] = await t.query<{ grid: string }>(sql`SELECT org_id::text AS grid FROM cases WHERE id = ${reported.id}`)
  assert.equal(row!.grid, grid.id)
  assert.equal((await worker.client.get(`/api/v1/cases/${reported.id}`)).statusCode, 200)
  assert.equal((await reported.reporter.client.get(`/api/v1/cases/${reported.id}`)).statusCode, 200)
  assert.equal((await stranger.client.get(`/api/v1/cases/${reported.id}`)).statusCode, 404)
  const second = await make.newCase(grid, { by: worker, categoryCode: 'facility.streetlight' })
  assert.equal(second.reporter, worker)
  const listed = (await worker.client.get('/api/v1/cases')).json() as { items: { id: string }[] }
  assert.deepEqual(listed.items.map((c) => c.id).sort(), [reported.id, second.id].sort())
})
