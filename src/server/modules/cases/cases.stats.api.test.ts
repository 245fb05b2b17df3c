// GET /cases/stats answers from the rollup kept by triggers on cases (migration 0047): its figures
// must be those of a count over the cases themselves, for every viewer and node, after every kind
// of change (report, handling, escalation, closing and rating, the sweep's overdue marks, a case
// moved to another grid, a deleted case) and before and after the sweep merges the delta rows.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { sweepOnce } from '../../kernel/scheduler.ts'
import { schedulerJobs } from '../../app.ts'

let t: TestApp
let admin: Client, street: Client, cadre: Client, grid: Client, member: Client, resident: Client
let inGrid: { lng: number; lat: number }
let inSibling: { lng: number; lat: number }

const pointIn = async (orgId: string) => {
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${orgId}`)
  return p!
}
const report = async (who: Client, location = inGrid) => {
  const res = await who.post('/api/v1/cases', { categoryCode: 'environment.garbage', description: '垃圾桶满了三天没人清运', location, address: '测试路 1 号' })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().id as string
}
const act = async (who: Client, id: string, action: string, body: Record<string, unknown> = {}) => {
  const res = await who.post(`/api/v1/cases/${id}/${action}`, body)
  assert.equal(res.statusCode, 200, `${action}: ${res.body}`)
  return res.json()
}
const sweep = (at: Date) => sweepOnce(t.database, schedulerJobs(t.app.services), at)

/** The figures counted straight from cases for a staff scope (the caller's node) under a node. */
async function counted(scopeOrg: string, underOrg: string) {
  const [r] = await t.query<{ total: number; byState: Record<string, number> | null; overdue: number; closed: number; closedGrid: number; closedCommunity: number; onTime: number; timed: number; avg: string | null }>(sql`
    WITH s AS (SELECT path FROM orgs WHERE id = ${scopeOrg}), u AS (SELECT path FROM orgs WHERE id = ${underOrg}),
    c AS (SELECT c.* FROM cases c, s, u WHERE (c.org_path <@ s.path OR c.handling_org_path <@ s.path) AND (c.org_path <@ u.path OR c.handling_org_path <@ u.path))
    SELECT count(*)::int AS total,
      (SELECT json_object_agg(state, n) FROM (SELECT state, count(*)::int AS n FROM c GROUP BY state) x) AS "byState",
      count(*) FILTER (WHERE overdue_at IS NOT NULL AND state NOT IN ('rejected','closed'))::int AS overdue,
      count(*) FILTER (WHERE state = 'closed')::int AS closed,
      count(*) FILTER (WHERE state = 'closed' AND closed_level = 'grid')::int AS "closedGrid",
      count(*) FILTER (WHERE state = 'closed' AND closed_level IN ('grid','community'))::int AS "closedCommunity",
      count(*) FILTER (WHERE handled_on_time)::int AS "onTime", count(handled_on_time)::int AS timed,
      round(avg(rating), 2)::text AS avg
    FROM c`)
  return r!
}

/** Every viewer's figures for a node equal the count over cases, and the windowed (direct) answer. */
async function assertExact(label: string) {
  const views: [string, Client, string, string][] = [
    ['admin', admin, t.fixtures.cityId, t.fixtures.cityId],
    ['admin under the street', admin, t.fixtures.cityId, t.fixtures.streetId],
    ['street', street, t.fixtures.streetId, t.fixtures.streetId],
    ['cadre', cadre, t.fixtures.communityId, t.fixtures.communityId],
    ['grid', grid, t.fixtures.gridId, t.fixtures.gridId],
  ]
  for (const [who, client, scope, under] of views) {
    const res = await client.get(`/api/v1/cases/stats?orgId=${under}`)
    assert.equal(res.statusCode, 200, res.body)
    const got = res.json()
    const want = await counted(scope, under)
    const at = `${label}: ${who}`
    assert.equal(got.total, want.total, `${at}: total`)
    assert.deepEqual(got.byState, want.byState ?? {}, `${at}: by state`)
    assert.equal(got.overdue, want.overdue, `${at}: overdue`)
    assert.equal(got.closed, want.closed, `${at}: closed`)
    assert.equal(got.closedAtGrid, want.closedGrid, `${at}: closed at the grid`)
    assert.equal(got.closedAtCommunity, want.closedCommunity, `${at}: closed at the community`)
    assert.equal(got.onTimeRate, want.timed === 0 ? null : Math.round((want.onTime / want.timed) * 1000) / 1000, `${at}: on-time rate`)
    assert.equal(got.avgRating, want.avg === null ? null : Number(want.avg), `${at}: rating`)
    // A window counts the cases themselves: all of time gives the same figures.
    const windowed = (await client.get(`/api/v1/cases/stats?orgId=${under}&from=2000-01-01T00:00:00Z`)).json()
    assert.deepEqual(got, windowed, `${at}: rollup and count agree`)
  }
  // A member and a resident are staff over nothing: no figures, whatever they reported.
  for (const [who, client] of [['member', member], ['resident', resident]] as const) {
    const got = (await client.get(`/api/v1/cases/stats?orgId=${t.fixtures.streetId}`)).json()
    assert.equal(got.total, 0, `${label}: ${who} counts nothing`)
    assert.deepEqual(got.byState, {}, `${label}: ${who} has no states`)
  }
}

before(async () => {
  t = await startTestApp()
  ;[admin, street, cadre, grid, member, resident] = await t.asEach('admin', 'street', 'cadre', 'grid', 'member', 'resident')
  inGrid = await pointIn(t.fixtures.gridId)
  inSibling = await pointIn(t.fixtures.siblingGridId)
})
after(() => t.close())

describe('the figures of /cases/stats', () => {
  test('stay exact through reporting, handling, escalating, closing, rating, overdue marks, moves and deletes', async () => {
    await assertExact('the fixtures')
    const a = await report(resident)
    const b = await report(member)
    const c = await report(resident, inSibling)
    const d = await report(resident)
    await assertExact('after four reports')

    await act(grid, a, 'accept')
    await act(grid, a, 'take')
    await act(grid, a, 'start', { location: inGrid })
    await act(grid, a, 'handle', { result: '已清运' })
    await act(cadre, a, 'verify')
    await act(cadre, a, 'close')
    await act(resident, a, 'rate', { rating: 4 })
    await act(grid, b, 'reject', { reason: '不属于本网格职责' })
    await act(grid, d, 'escalate', { note: '网格无法调解' })
    await assertExact('after handling, closing, rating, rejecting and escalating')

    // The sweep two days on: open cases past their deadlines are marked overdue; the merge follows.
    await sweep(new Date(Date.now() + 48 * 3600_000))
    await assertExact('after the sweep marked overdue cases and merged the rollup')
    const [dupes] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM case_stats_rollup GROUP BY district_id, org_path, handling_org_path, state HAVING count(*) > 1) x`)
    assert.equal(dupes!.n, 0, 'one row per key after the merge')

    // A case moved to the sibling grid (as a correction of its location does), then one deleted.
    await t.query(sql`UPDATE cases SET org_id = ${t.fixtures.siblingGridId}, org_path = (SELECT path FROM orgs WHERE id = ${t.fixtures.siblingGridId}) WHERE id = ${a}`)
    await t.query(sql`UPDATE cases SET org_id = ${t.fixtures.gridId}, org_path = (SELECT path FROM orgs WHERE id = ${t.fixtures.gridId}),
      handling_org_id = ${t.fixtures.gridId}, handling_org_path = (SELECT path FROM orgs WHERE id = ${t.fixtures.gridId}) WHERE id = ${c}`)
    await assertExact('after moving cases between grids')
    // The app never deletes a case (its timeline is append-only); an operator's delete of a case
    // with no timeline (a copy of one closed, overdue and rated) still comes off the figures.
    const [copy] = await t.query<{ id: string }>(sql`INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, state, level,
        handling_org_id, handling_org_path, channel, overdue_at, closed_level, handled_on_time, rating)
      SELECT district_id, org_id, org_path, category_code, description, location, state, level, handling_org_id, handling_org_path, channel,
        now(), 'grid', true, 5 FROM cases WHERE id = ${a} RETURNING id::text`)
    await assertExact('after an operator\'s insert')
    await t.query(sql`DELETE FROM cases WHERE id = ${copy!.id}`)
    await assertExact('after a delete')
    await sweep(new Date(Date.now() + 49 * 3600_000))
    await assertExact('after a second merge')
  })
})
