// Hotspots read the cases they count from `case_points`, the narrow copy the cases module keeps by
// a row trigger (migration 0049). The list must stay what a count over the cases themselves gives
// after every change that alters what hotspots count: a report, a merge, a rejection, a
// reclassification, a move (a community taken to another street), an operator's delete.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import type { Hotspots } from './hotspots.schemas.ts'

let t: TestApp
let admin: Client, grid: Client, resident: Client, member: Client
let at: { lng: number; lat: number }
// Two categories of the test's own (no fixture case has them), so the clusters asserted are the test's own cases.
let one: string, two: string

const report = async (who: Client, categoryCode: string, dx = 0) => {
  const res = await who.post('/api/v1/cases', { categoryCode, description: '同一处问题反复出现', location: { lng: at.lng + dx, lat: at.lat }, address: '测试路 1 号' })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().id as string
}
const act = async (who: Client, id: string, action: string, body: Record<string, unknown> = {}) => {
  const res = await who.post(`/api/v1/cases/${id}/${action}`, body)
  assert.equal(res.statusCode, 200, `${action}: ${res.body}`)
}
const hotspots = async () => {
  const res = await admin.get(`/api/v1/hotspots?orgId=${t.fixtures.cityId}&weeks=8`)
  assert.equal(res.statusCode, 200, res.body)
  return res.json() as Hotspots
}

/** The city's hotspots agree with the cases themselves: the copy row for row, growth per street, the clusters' cases. */
async function assertExact(label: string) {
  const copy = await t.query<{ id: string }>(sql`SELECT id::text, district_id::text, created_at::text, org_id::text, org_path::text, category_code, ST_AsEWKT(location) AS location FROM case_points ORDER BY id`)
  const want = await t.query<{ id: string }>(sql`SELECT id::text, district_id::text, created_at::text, org_id::text, org_path::text, category_code, ST_AsEWKT(location) AS location FROM cases
    WHERE merged_into_id IS NULL AND state <> 'rejected' ORDER BY id`)
  assert.deepEqual(copy, want, `${label}: case_points holds the cases hotspots count`)
  const h = await hotspots()
  const counted = await t.query<{ street: string; category: string; current: number; previous: number }>(sql`
    WITH r AS (
      SELECT 'case:' || c.category_code AS category, c.created_at AS at, c.org_path AS path FROM cases c WHERE c.merged_into_id IS NULL AND c.state <> 'rejected'
      UNION ALL
      SELECT 'order:' || x.item_id, x.created_at, o.path FROM orders x JOIN orgs o ON o.id = x.org_id WHERE x.merged_into_id IS NULL AND x.state <> 'merged')
    SELECT st.id::text AS street, r.category,
      (count(*) FILTER (WHERE r.at >= ${h.since}::timestamptz))::int AS current,
      (count(*) FILTER (WHERE r.at >= ${h.previousSince}::timestamptz AND r.at < ${h.since}::timestamptz))::int AS previous
    FROM r JOIN orgs st ON st.kind = 'street' AND st.path @> r.path
    GROUP BY 1, 2 HAVING count(*) FILTER (WHERE r.at >= ${h.since}::timestamptz) > count(*) FILTER (WHERE r.at >= ${h.previousSince}::timestamptz AND r.at < ${h.since}::timestamptz)
    ORDER BY 1, 2`)
  // Each street shows its ten fastest growing categories: each shown as counted, as many as there are up to ten.
  const want2 = new Map(counted.map((c) => [`${c.street} ${c.category}`, { current: c.current, previous: c.previous }]))
  for (const g of h.growth) assert.deepEqual({ current: g.current, previous: g.previous }, want2.get(`${g.street.id} ${g.category}`), `${label}: growth of ${g.category} in street ${g.street.id}`)
  for (const street of new Set(counted.map((c) => c.street))) {
    assert.equal(h.growth.filter((g) => g.street.id === street).length, Math.min(10, counted.filter((c) => c.street === street).length), `${label}: rows of street ${street}`)
  }
  return h
}
const clusterOf = (h: Hotspots, category: string) => h.clusters.filter((c) => c.category === category).map((c) => c.records.map((r) => r.id).sort())

before(async () => {
  t = await startTestApp()
  ;[admin, grid, resident, member] = await t.asEach('admin', 'grid', 'resident', 'member')
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
  at = p!
  ;[one, two] = ['environment.hotspot_one', 'environment.hotspot_two']
  for (const code of [one, two]) {
    const res = await admin.post('/api/v1/case-categories', { code, name: `热点测试${code.slice(-3)}`, nameEn: `Hotspot test ${code.slice(-3)}` })
    assert.equal(res.statusCode, 201, res.body)
  }
})
after(() => t.close())

describe('hotspots over the cases module\'s copy (case_points)', () => {
  test('stay exact through reports, a merge, a rejection, a reclassification, a move to another street and a delete', async () => {
    await assertExact('the fixtures')
    const a = await report(resident, one)
    const b = await report(member, one, 0.00005)
    const c = await report(resident, one, 0.0001)
    const d = await report(member, one, 0.00015)
    let h = await assertExact('after four reports')
    assert.deepEqual(clusterOf(h, `case:${one}`), [[a, b, c, d].sort()])

    await act(grid, d, 'merge', { intoId: a })
    h = await assertExact('after a merge')
    assert.deepEqual(clusterOf(h, `case:${one}`), [[a, b, c].sort()], 'the merged duplicate leaves the cluster')

    await act(grid, c, 'reject', { reason: '不属于本网格职责' })
    h = await assertExact('after a rejection')
    assert.deepEqual(clusterOf(h, `case:${one}`), [], 'two cases are fewer than minpoints')

    // A reclassification (an operator's correction: the app has no action for it) moves a case to the other category.
    const e = await report(resident, two, 0.00005)
    const f = await report(member, two, 0.0001)
    await t.query(sql`UPDATE cases SET category_code = ${two} WHERE id = ${b}`)
    h = await assertExact('after a reclassification')
    assert.deepEqual(clusterOf(h, `case:${two}`), [[b, e, f].sort()])

    // The community moves to another street: its cases' growth goes with it.
    const moved = await admin.post(`/api/v1/orgs/${t.fixtures.communityId}/move`, { parentId: t.fixtures.otherStreetId })
    assert.equal(moved.statusCode, 200, moved.body)
    h = await assertExact('after a move to another street')
    const street = async (id: string) => (await admin.get(`/api/v1/hotspots?orgId=${id}&weeks=8`)).json() as Hotspots
    assert.deepEqual(clusterOf(await street(t.fixtures.otherStreetId), `case:${two}`), [[b, e, f].sort()], 'the cluster is the new street\'s')
    assert.deepEqual(clusterOf(await street(t.fixtures.streetId), `case:${two}`), [], 'and no longer the old street\'s')

    // Then into a street of another district: the copy follows the cases' district (their key).
    const [root] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`)
    const district = (await admin.post('/api/v1/orgs', { parentId: root!.id, kind: 'district', name: '热点新区' })).json() as { id: string }
    const newStreet = (await admin.post('/api/v1/orgs', { parentId: district.id, kind: 'street', name: '热点新街道' })).json() as { id: string }
    assert.equal((await admin.post(`/api/v1/orgs/${t.fixtures.communityId}/move`, { parentId: newStreet.id })).statusCode, 200)
    h = await assertExact('after a move to another district')
    const [districts] = await t.query<{ n: string }>(sql`SELECT count(*)::text AS n FROM case_points WHERE district_id = ${district.id}`)
    assert.notEqual(districts!.n, '0', 'the moved cases\' copies carry the new district')

    // An operator's delete of a case with no timeline comes off too.
    const [copy] = await t.query<{ id: string }>(sql`INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, state, level, handling_org_id, handling_org_path, channel)
      SELECT district_id, org_id, org_path, category_code, description, location, 'reported', level, handling_org_id, handling_org_path, channel FROM cases WHERE id = ${a} RETURNING id::text`)
    await assertExact('after an operator\'s insert')
    await t.query(sql`DELETE FROM cases WHERE id = ${copy!.id}`)
    await assertExact('after a delete')
  })
})
