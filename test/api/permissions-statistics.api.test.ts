// The permission matrix of the statistics table (issue 18): for every demo role, the table of a
// node outside the role's scope is refused (403/404) and a grid worker, member or resident reads
// no table at all; cadres read their node's table, whose rows are only the node's children. The
// dictionary is for every signed-in person and nobody else.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { monthAt } from '../../src/server/kernel/indicators.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
/** Reads the demo community's table (cadres of it and above). */
const reads: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
let farCommunity: string
let farStreet: string
const period = monthAt(new Date())
const last = monthAt(new Date(Date.parse(`${period}-01T00:00:00+08:00`) - 86_400_000))
const manual = { 'statistics.population': 1, 'statistics.new_orgs': 1, 'statistics.offline_activities': 1, 'statistics.ledger_hours': 1 }

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  farStreet = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  farCommunity = await org('community', '矩阵外的社区', farStreet)
})
after(() => t.close())

test('statistics: every role is refused outside its scope; inside, only cadres and above read the table', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    for (const [family, send, refuse] of [
      refused('statistics.orgId', () => c.get(`/api/v1/statistics?orgId=${farCommunity}&period=${period}`), [403, 404]),
      refused('statistics.breakdown.orgId', () => c.get(`/api/v1/statistics?orgId=${farCommunity}&period=${period}&breakdown=gender`), [403, 404]),
      refused('statistics.export.orgId', () => c.get(`/api/v1/statistics/export.xlsx?orgId=${farCommunity}&period=${last}`), [403, 404]),
      refused('statistics.export.pdf.orgId', () => c.get(`/api/v1/statistics/export.pdf?orgId=${farCommunity}&period=${last}`), [403, 404]),
      refused('statistics.assessments.pdf.orgId', () => c.get(`/api/v1/assessments/export.pdf?orgId=${farStreet}&period=${last}`), [403, 404]),
      refused('statistics.assessments.orgId', () => c.get(`/api/v1/assessments?orgId=${farCommunity}&period=${last}`), [403, 404]),
      refused('statistics.assessments.trend.orgId', () => c.get(`/api/v1/assessments/trend?orgId=${farStreet}&period=${last}&periods=2`), [403, 404]),
      refused('statistics.assessments.export.orgId', () => c.get(`/api/v1/assessments/export.xlsx?orgId=${farStreet}&period=${last}`), [403, 404]),
      refused('statistics.reports.orgId', () => c.get(`/api/v1/statistics/reports?orgId=${farCommunity}&period=${last}`), [403, 404]),
      refused('statistics.people.orgId', () => c.get(`/api/v1/assessments/people?orgId=${farCommunity}&period=${last}&role=member`), [403, 404]),
      refused('statistics.people.export.orgId', () => c.get(`/api/v1/assessments/people/export.xlsx?orgId=${farStreet}&period=${last}&role=grid_worker`), [403, 404]),
      refused('statistics.targets.read.orgId', () => c.get(`/api/v1/assessments/people/targets?orgId=${farStreet}&role=member`), [403, 404]),
      refused('statistics.targets.set.orgId', () => c.put('/api/v1/assessments/people/targets', { orgId: farStreet, role: 'member', targets: { 'points.earned': { green: 30, yellow: 15 } } }), [403, 404]),
      refused('statistics.submit.orgId', () => c.post('/api/v1/statistics/submissions', { orgId: farCommunity, period: last, manual }), [403, 404]),
      refused('statistics.approve.orgId', () => c.post('/api/v1/statistics/approvals', { orgId: farStreet, period: last }), [403, 404]),
      refused('statistics.unlock.orgId', () => c.post('/api/v1/statistics/unlocks', { orgId: farCommunity, period: last, reason: '矩阵检查' }), [403, 404]),
      // Inside the demo street: only its cadres report; a grid worker, member or resident does not even read the approval page.
      ...(reads[r] ? [] : [
        refused('statistics.breakdown.inside', () => c.get(`/api/v1/statistics?orgId=${t.fixtures.communityId}&period=${period}&breakdown=category`), [403, 404]),
        refused('statistics.reports.inside', () => c.get(`/api/v1/statistics/reports?orgId=${t.fixtures.communityId}&period=${last}`), [403, 404]),
        refused('statistics.submit.inside', () => c.post('/api/v1/statistics/submissions', { orgId: t.fixtures.communityId, period: last, manual }), [403, 404]),
        refused('statistics.targets.read.inside', () => c.get(`/api/v1/assessments/people/targets?orgId=${t.fixtures.streetId}&role=grid_worker`), [403, 404]),
      ]),
      // Targets are set by a street admin or above: a community cadre (and anyone below) is refused at the street.
      ...(['admin', 'district', 'street'].includes(r) ? [] : [
        refused('statistics.targets.set.inside', () => c.put('/api/v1/assessments/people/targets', { orgId: t.fixtures.streetId, role: 'grid_worker', targets: {} }), [403, 404]),
      ]),
    ]) {
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${r} ${family}: ${res.statusCode} ${res.body}`)
    }
    const other = await c.get(`/api/v1/statistics?orgId=${t.fixtures.otherStreetId}&period=${period}`)
    const inside = await c.get(`/api/v1/statistics?orgId=${t.fixtures.communityId}&period=${period}`)
    if (reads[r]) {
      assert.equal(inside.statusCode, 200, `${r}: ${inside.body}`)
      assert.deepEqual(inside.json().rows, [], 'a community table has its total only')
    } else assert.ok([403, 404].includes(inside.statusCode), `${r} inside: ${inside.statusCode}`)
    // The other street: the district and city read it; a street admin or cadre of the demo street does not.
    assert.equal(other.statusCode === 200, r === 'admin' || r === 'district', `${r} other street: ${other.statusCode}`)
    const otherParts = await c.get(`/api/v1/statistics?orgId=${t.fixtures.otherStreetId}&period=${period}&breakdown=ageBand`)
    assert.equal(otherParts.statusCode === 200, r === 'admin' || r === 'district', `${r} other street's parts: ${otherParts.statusCode}`)
    assert.equal((await c.get('/api/v1/indicators')).statusCode, 200, r)
  }
  assert.equal((await t.anonymous.get(`/api/v1/statistics?orgId=${t.fixtures.communityId}&period=${period}`)).statusCode, 401)
})

test('statistics: a street admin’s table has a row for each of the street’s communities and no other node', async () => {
  const res = await as.street.get(`/api/v1/statistics?orgId=${t.fixtures.streetId}&period=${period}`)
  assert.equal(res.statusCode, 200, res.body)
  const children = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.streetId} AND deleted_at IS NULL AND kind IN ('community', 'village') ORDER BY path`)
  assert.deepEqual(res.json().rows.map((r: { orgId: string }) => r.orgId), children.map((c) => c.id))
  assert.ok(!res.json().rows.some((r: { orgId: string }) => r.orgId === t.fixtures.otherCommunityId))
})

test('statistics: the people’s assessment (人员考核) is read by the cadres of the node and above; /me answers only the caller’s own cards', async () => {
  for (const r of ROLES) {
    const inside = await as[r].get(`/api/v1/assessments/people?orgId=${t.fixtures.communityId}&period=${period}&role=grid_worker`)
    if (reads[r]) {
      assert.equal(inside.statusCode, 200, `${r}: ${inside.body}`)
      const grids = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.communityId} AND kind = 'grid'`)
      assert.ok(inside.json().items.every((c: { orgId: string }) => grids.some((g) => g.id === c.orgId)), `${r}: only the community's grid workers`)
    } else assert.ok([403, 404].includes(inside.statusCode), `${r} inside: ${inside.statusCode}`)
    const other = await as[r].get(`/api/v1/assessments/people?orgId=${t.fixtures.otherStreetId}&period=${period}&role=member`)
    assert.equal(other.statusCode === 200, r === 'admin' || r === 'district', `${r} other street: ${other.statusCode}`)
    const mine = await as[r].get(`/api/v1/assessments/people/me?period=${period}`)
    assert.equal(mine.statusCode, 200, `${r}: ${mine.body}`)
    for (const c of mine.json().cards as { card: { personId: string } }[]) assert.equal(c.card.personId, t.fixtures.personIds[r], r)
  }
  assert.equal((await as.grid.get(`/api/v1/assessments/people/me?period=${period}`)).json().cards[0]?.role, 'grid_worker')
  assert.equal((await t.anonymous.get(`/api/v1/assessments/people/me?period=${period}`)).statusCode, 401)
})
