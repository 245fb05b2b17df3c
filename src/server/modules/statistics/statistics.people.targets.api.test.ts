// Per-person targets as settings (人员考核目标): a district and a street set cut-offs for their
// subtrees, the nearest setting wins line by line, the ranking and the phone's own card are scored on
// the card in force, clearing falls back, and bad input or the wrong level changes nothing.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Org, type Person } from '../../../../test/support/factories.ts'
import { monthAt } from '../../kernel/indicators.ts'

let t: TestApp
let f: Factories
let district: Client
before(async () => {
  t = await startTestApp()
  f = factories(t)
  district = await t.as('district')
})
after(() => t.close())

const period = monthAt(new Date())
type Line = { code: string; green: number; yellow: number; default: { green: number; yellow: number }; setBy: { orgId: string; name: string } | null }
const lineOf = (body: { lines: Line[] }, code: string) => body.lines.find((l) => l.code === code)!
const visit = (grid: Org, by: Person, n: number) => t.query(sql`INSERT INTO visits (kind, mode, org_id, visitor_id, visited_at, households, note)
  SELECT 'home', 'active', ${grid.id}, ${by.id}, now(), 2, '入户走访' FROM generate_series(1, ${n})`)

describe('per-person targets (人员考核目标)', () => {
  test('the nearest setting wins line by line; rankings and the own card are scored on it; clearing falls back; every change audited', async () => {
    const street = await f.newStreet()
    const community = await f.newCommunity({ street })
    const grid = await f.newGrid(community)
    const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
    const worker = await f.newPerson({ role: 'grid_worker', orgId: grid.id, name: '目标网格员' })
    await visit(grid, worker, 8)
    const targetsAt = async (c: Client, orgId: string) => {
      const res = await c.get(`/api/v1/assessments/people/targets?orgId=${orgId}&role=grid_worker`)
      assert.equal(res.statusCode, 200, res.body)
      return res.json()
    }
    const visitsCell = async () => {
      const res = await admin.client.get(`/api/v1/assessments/people?orgId=${street.id}&period=${period}&role=grid_worker`)
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      return { line: body.scorecard.find((l: { code: string }) => l.code === 'visits.done'), cell: body.items[0].cells['visits.done'] }
    }

    // Nobody set anything: the defaults (8 visits a month green, 4 yellow).
    const fresh = await targetsAt(admin.client, street.id)
    assert.deepEqual([lineOf(fresh, 'visits.done').green, lineOf(fresh, 'visits.done').yellow, lineOf(fresh, 'visits.done').setBy], [8, 4, null])
    assert.deepEqual([fresh.own, fresh.canSet], [{}, true])
    assert.deepEqual((await visitsCell()).cell, { value: 8, color: 'green', points: 40 })

    // The district raises visits for its whole area: 8 is now yellow.
    const set = await district.put('/api/v1/assessments/people/targets', { orgId: t.fixtures.districtId, role: 'grid_worker', targets: { 'visits.done': { green: 10, yellow: 6 } } })
    assert.equal(set.statusCode, 200, set.body)
    assert.deepEqual(set.json().own, { 'visits.done': { green: 10, yellow: 6 } })
    const fromDistrict = lineOf(await targetsAt(admin.client, street.id), 'visits.done')
    assert.deepEqual([fromDistrict.green, fromDistrict.yellow, fromDistrict.setBy?.orgId, fromDistrict.default], [10, 6, t.fixtures.districtId, { green: 8, yellow: 4 }])
    assert.deepEqual((await visitsCell()).cell, { value: 8, color: 'yellow', points: 20 })

    // The street sets its own, higher still, and a second line; its setting wins under it.
    const own = await admin.client.put('/api/v1/assessments/people/targets', { orgId: street.id, role: 'grid_worker', targets: { 'visits.done': { green: 12, yellow: 9 }, 'cases.on_time_rate': { green: 98, yellow: 90 } } })
    assert.equal(own.statusCode, 200, own.body)
    assert.deepEqual([lineOf(own.json(), 'visits.done').setBy?.orgId, lineOf(own.json(), 'cases.reported').setBy], [street.id, null])
    const { line, cell } = await visitsCell()
    assert.deepEqual([line.green, line.yellow, cell.color, cell.points], [12, 9, 'red', 0])
    // A quarter multiplies the per-month cut-offs in force.
    const quarter = `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5)) - 1) / 3) + 1}`
    const q = (await admin.client.get(`/api/v1/assessments/people?orgId=${street.id}&period=${quarter}&role=grid_worker`)).json()
    assert.deepEqual(q.scorecard.find((l: { code: string }) => l.code === 'visits.done').green, 36)
    // The worker's own card (ranked in the community) is scored on the street's card too.
    const mine = (await worker.client.get(`/api/v1/assessments/people/me?period=${period}`)).json()
    assert.equal(mine.cards[0].card.cells['visits.done'].color, 'red')
    // The district's own view is unchanged by the street's setting.
    assert.equal(lineOf(await targetsAt(district, t.fixtures.districtId), 'visits.done').green, 10)

    // Cleared: the district's setting applies again.
    const cleared = await admin.client.put('/api/v1/assessments/people/targets', { orgId: street.id, role: 'grid_worker', targets: {} })
    assert.equal(cleared.statusCode, 200, cleared.body)
    assert.deepEqual(cleared.json().own, {})
    assert.equal(lineOf(cleared.json(), 'visits.done').setBy?.orgId, t.fixtures.districtId)
    assert.deepEqual((await visitsCell()).cell.color, 'yellow')

    const audit = await t.query<{ action: string; entity_id: string }>(sql`SELECT action, entity_id FROM audit_log WHERE entity = 'statistic_person_targets' ORDER BY id`)
    assert.deepEqual(audit.map((a) => [a.action, a.entity_id]), [['statistics.targets', t.fixtures.districtId], ['statistics.targets', street.id], ['statistics.targets', street.id]])
    await district.put('/api/v1/assessments/people/targets', { orgId: t.fixtures.districtId, role: 'grid_worker', targets: {} })
  })

  test('bad cut-offs, a community node and a cadre below the street are refused, and nothing changes', async () => {
    const street = await f.newStreet()
    const community = await f.newCommunity({ street })
    const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const put = (c: Client, orgId: string, targets: Record<string, unknown>, role = 'member') => c.put('/api/v1/assessments/people/targets', { orgId, role, targets })
    const fields = (res: { json(): unknown }) => (res.json() as { error: { code: string; details: { path: string; message: string }[] } }).error
    const count = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_person_targets WHERE org_id IN (${street.id}, ${community.id})`))[0]!.n

    const unknown = await put(admin.client, street.id, { 'visits.done': { green: 8, yellow: 4 } })
    assert.equal(unknown.statusCode, 422)
    assert.deepEqual(fields(unknown).details.map((d) => [d.path, d.message]), [['targets.visits.done', '评分表没有这一项']])
    const order = await put(admin.client, street.id, { 'points.earned': { green: 10, yellow: 20 } })
    assert.equal(order.statusCode, 422)
    assert.match(fields(order).details[0]!.message, /黄灯线不能高于绿灯线/)
    const percent = await put(admin.client, street.id, { 'cases.on_time_rate': { green: 120, yellow: 90 } }, 'grid_worker')
    assert.equal(percent.statusCode, 422)
    assert.match(fields(percent).details[0]!.message, /不能超过 100/)
    // Out of the schema (a negative cut-off, an unknown role): the request's shape is refused with the field named.
    const negative = await put(admin.client, street.id, { 'points.earned': { green: -1, yellow: 0 } })
    assert.equal(negative.statusCode, 400)
    assert.equal(fields(negative).details[0]!.path, 'body.targets.points.earned.green')
    const atCommunity = await put(admin.client, community.id, { 'points.earned': { green: 30, yellow: 10 } })
    assert.equal(atCommunity.statusCode, 422)
    assert.equal(fields(atCommunity).code, 'STATISTICS_TARGETS_NODE')
    const below = await put(cadre.client, street.id, { 'points.earned': { green: 30, yellow: 10 } })
    assert.equal(below.statusCode, 403)
    const badRole = await put(admin.client, street.id, {}, 'resident')
    assert.equal(badRole.statusCode, 400)
    assert.equal(await count(), 0, 'no refused write left a setting')
    // The cadre may read what is in force at their community.
    const read = await cadre.client.get(`/api/v1/assessments/people/targets?orgId=${community.id}&role=member`)
    assert.equal(read.statusCode, 200, read.body)
    assert.equal(lineOf(read.json(), 'points.earned').green, 20)
    assert.equal(read.json().canSet, false, 'a community sets no targets')
  })
})
