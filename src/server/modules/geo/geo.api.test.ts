import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import gcoordModule from 'gcoord'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'

const gcoord = gcoordModule as unknown as (typeof gcoordModule)['default']
let t: TestApp
let centre: { lng: number; lat: number }
before(async () => {
  t = await startTestApp()
  const [c] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
  centre = c!
})
after(() => t.close())

test('a WGS-84 point inside a grid resolves to that grid and its chain of ancestors', async () => {
  const res = await t.anonymous.get(`/api/v1/geo/locate?lng=${centre.lng}&lat=${centre.lat}`)
  assert.equal(res.statusCode, 200)
  const body = res.json()
  assert.equal(body.grid.id, t.fixtures.gridId)
  assert.deepEqual(body.ancestors.map((a: { kind: string }) => a.kind), ['city', 'district', 'street', 'community'])
  assert.equal(body.ancestors[3].id, t.fixtures.communityId)
})

test('a GCJ-02 point (as AMap gives it) is converted before the lookup', async () => {
  const [lng, lat] = gcoord.transform([centre.lng, centre.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
  assert.ok(Math.abs(lng - centre.lng) > 0.001, 'the two systems really differ here')
  const res = await t.anonymous.get(`/api/v1/geo/locate?lng=${lng}&lat=${lat}&crs=gcj02`)
  assert.equal(res.statusCode, 200)
  assert.equal(res.json().grid.id, t.fixtures.gridId)
  assert.ok(Math.abs(res.json().point.lng - centre.lng) < 1e-5)
})

test('a point outside every grid answers 404 LOCATION_OUTSIDE with the nearest grid', async () => {
  const res = await t.anonymous.get('/api/v1/geo/locate?lng=115.60&lat=28.72')
  assert.equal(res.statusCode, 404)
  const { error } = res.json()
  assert.equal(error.code, 'LOCATION_OUTSIDE')
  assert.match(error.details.nearestGrid.name, /网格$/)
  assert.ok(error.details.nearestGrid.distanceM > 1000)
})

test('bad coordinates answer 400', async () => {
  assert.equal((await t.anonymous.get('/api/v1/geo/locate?lng=200&lat=28')).statusCode, 400)
  assert.equal((await t.anonymous.get('/api/v1/geo/locate?lng=abc&lat=28')).statusCode, 400)
  assert.equal((await t.anonymous.get('/api/v1/geo/locate?lat=28')).statusCode, 400)
  assert.equal((await t.anonymous.get('/api/v1/geo/locate?lng=115&lat=28&crs=bd09')).statusCode, 400)
})

test('a deleted grid no longer claims its points', async () => {
  const [empty] = await t.query<{ id: string }>(sql`SELECT g.id::text FROM orgs g WHERE g.kind = 'grid' AND g.parent_id = ${t.fixtures.otherCommunityId} ORDER BY g.id DESC LIMIT 1`)
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${empty!.id}`)
  await t.query(sql`UPDATE orgs SET deleted_at = now() WHERE id = ${empty!.id}`)
  const res = await t.anonymous.get(`/api/v1/geo/locate?lng=${p!.lng}&lat=${p!.lat}`)
  assert.equal(res.statusCode, 404)
})

test('a map asks what to orient by in its box: community and grid outlines, and buildings once the box is small (public)', async () => {
  const [g] = await t.query<{ w: number; s: number; e: number; n: number }>(sql`SELECT ST_XMin(geometry) w, ST_YMin(geometry) s, ST_XMax(geometry) e, ST_YMax(geometry) n FROM orgs WHERE id = ${t.fixtures.gridId}`)
  const box = (pad: number) => [g!.w - pad, g!.s - pad, g!.e + pad, g!.n + pad].map((v) => v.toFixed(6)).join(',')
  const near = await t.anonymous.get(`/api/v1/geo/context?bbox=${box(0.001)}`)
  assert.equal(near.statusCode, 200, near.body)
  const body = near.json() as { buildings: boolean; features: { id: string; geometry: { type: string }; properties: { kind: string; name: string } }[] }
  assert.equal(body.buildings, true)
  const ids = body.features.map((f) => f.id)
  assert.ok(ids.includes(t.fixtures.gridId) && ids.includes(t.fixtures.communityId), 'the grid and its community are outlined')
  const buildings = body.features.filter((f) => f.properties.kind === 'building')
  assert.ok(buildings.length > 0 && buildings.every((b) => b.geometry.type === 'Point' && b.properties.name))
  const [inside] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs b JOIN orgs g ON b.path <@ g.path WHERE g.id = ${t.fixtures.gridId} AND b.kind = 'building' AND b.deleted_at IS NULL`)
  assert.ok(buildings.length >= inside!.n, 'every building of the grid is in the box')
  // A wide box: outlines only.
  const wide = (await t.anonymous.get(`/api/v1/geo/context?bbox=${box(0.05)}`)).json()
  assert.equal(wide.buildings, false)
  assert.ok(wide.features.every((f: { properties: { kind: string } }) => f.properties.kind !== 'building'))
  // Bad boxes are refused.
  for (const bad of ['1,2,3', '116,29,115,28', '100,20,110,30', 'a,b,c,d', '200,0,201,1']) assert.equal((await t.anonymous.get(`/api/v1/geo/context?bbox=${bad}`)).statusCode, 400, bad)
})
