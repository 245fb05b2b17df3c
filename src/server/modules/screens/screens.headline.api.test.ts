// The wall screen's headline indicators: read from the statistics facts of the screen's own node
// (this month and last, the change between), never another node's; chosen per screen from the
// indicator dictionary (validated), the default list when none is chosen.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { monthAt } from '../../kernel/indicators.ts'
import { previousPeriod } from '../statistics/statistics.assessments.ts'
import { DEFAULT_SCREEN_INDICATORS } from './screens.schemas.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const month = monthAt(new Date())
const last = previousPeriod(month)
type Figure = { code: string; name: string; unit: string; value: number | null; previous: number | null; change: number | null }

async function fact(communityId: string, period: string, code: string, numerator: number, denominator: number | null = null) {
  await t.query(sql`INSERT INTO statistic_facts (community_id, period, code, numerator, denominator) VALUES (${communityId}, ${period}, ${code}, ${numerator}, ${denominator})`)
}

test('the feed carries the headline figures of the screen’s node: this month, last month and the change; a street’s sums its communities; a grid has none', async () => {
  const street = await f.newStreet()
  const a = await f.newCommunity({ street })
  const b = await f.newCommunity({ street })
  const grid = await f.newGrid(a)
  const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
  await fact(a.id, month, 'cases.closed', 37)
  await fact(a.id, last, 'cases.closed', 30)
  await fact(a.id, month, 'cases.on_time_rate', 19, 20)
  await fact(a.id, last, 'cases.on_time_rate', 9, 10)
  await fact(b.id, month, 'cases.closed', 5000)
  await fact(b.id, month, 'cases.on_time_rate', 1, 20)

  const codes = ['cases.on_time_rate', 'cases.closed']
  const feedOf = async (orgId: string, indicatorCodes?: string[]) => {
    const made = await admin.client.post('/api/v1/screens', { orgId, name: '大厅屏幕', indicatorCodes })
    assert.equal(made.statusCode, 201, made.body)
    const feed = await t.anonymous.get(`/api/v1/screen-feed/${made.json().token}`)
    assert.equal(feed.statusCode, 200, feed.body)
    return { id: made.json().id as string, made: made.json(), headline: feed.json().headline as Figure[] }
  }
  const screenA = await feedOf(a.id, codes)
  assert.deepEqual(screenA.made.indicatorCodes, codes)
  // In the order chosen; the ratio's numerators and denominators summed before dividing (95 %, last month 90 %).
  assert.deepEqual(screenA.headline.map((h) => [h.code, h.value, h.previous, h.change]), [['cases.on_time_rate', 95, 90, 5], ['cases.closed', 37, 30, 7]])
  assert.equal(screenA.headline[1]!.name, '办结问题')
  assert.ok(!JSON.stringify(screenA.headline).includes('5000'), 'never the other community’s figures')

  const screenStreet = await feedOf(street.id, codes)
  assert.deepEqual(screenStreet.headline.map((h) => [h.code, h.value, h.previous]), [['cases.on_time_rate', 50, 90], ['cases.closed', 5037, 30]])

  assert.deepEqual((await feedOf(grid.id, codes)).headline, [], 'a grid’s screen shows no figures of its community')

  // Without a choice: the default list, members, hours, cases, orders, points, each with a name and unit.
  const byDefault = await feedOf(a.id)
  assert.equal(byDefault.made.indicatorCodes, null)
  assert.deepEqual(byDefault.headline.map((h) => h.code), DEFAULT_SCREEN_INDICATORS)
  assert.ok(byDefault.headline.every((h) => h.name && h.unit))
  assert.equal(byDefault.headline.find((h) => h.code === 'cases.closed')!.value, 37)

  // A later choice shows at the next feed; null goes back to the default list.
  const token = byDefault.made.token as string
  const changed = await admin.client.patch(`/api/v1/screens/${byDefault.id}`, { indicatorCodes: ['cases.closed'] })
  assert.equal(changed.statusCode, 200, changed.body)
  assert.deepEqual(changed.json().indicatorCodes, ['cases.closed'])
  assert.deepEqual((await t.anonymous.get(`/api/v1/screen-feed/${token}`)).json().headline.map((h: Figure) => h.code), ['cases.closed'])
  const reset = await admin.client.patch(`/api/v1/screens/${byDefault.id}`, { indicatorCodes: null, name: '二楼走廊' })
  assert.equal(reset.json().indicatorCodes, null)
  assert.equal(reset.json().name, '二楼走廊')
  assert.equal((await t.anonymous.get(`/api/v1/screen-feed/${token}`)).json().headline.length, DEFAULT_SCREEN_INDICATORS.length)
  const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'screen.update' AND entity_id = ${byDefault.id}`)
  assert.equal(audit!.n, 2)
})

test('the choice is validated: codes of the dictionary, 1 to 8, each once; a revoked screen is not changed', async () => {
  const community = await f.newCommunity()
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const post = (indicatorCodes: unknown) => cadre.client.post('/api/v1/screens', { orgId: community.id, name: '大厅屏幕', indicatorCodes })
  const unknown = await post(['cases.closed', 'cases.made_up'])
  assert.equal(unknown.statusCode, 422, unknown.body)
  assert.equal(unknown.json().error.code, 'SCREEN_INVALID')
  assert.deepEqual(unknown.json().error.details.map((d: { path: string }) => d.path), ['indicatorCodes.1'])
  assert.match(unknown.json().error.details[0].message, /指标字典中没有这个指标/)
  assert.equal((await post(['cases.closed', 'cases.closed'])).statusCode, 400)
  assert.equal((await post([])).statusCode, 400)
  assert.equal((await post(Array.from({ length: 9 }, (_, i) => `cases.x${i}`))).statusCode, 400)
  assert.equal((await post(['DROP TABLE'])).statusCode, 400)
  const [before] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM screen_tokens WHERE org_id = ${community.id}`)
  assert.equal(before!.n, 0, 'nothing was made')

  const made = (await post(['volunteers.hours'])).json()
  assert.equal((await cadre.client.patch(`/api/v1/screens/${made.id}`, { indicatorCodes: ['points.nothing'] })).statusCode, 422)
  assert.equal((await cadre.client.patch(`/api/v1/screens/${made.id}`, { orgId: community.id })).statusCode, 400)
  await cadre.client.post(`/api/v1/screens/${made.id}/revoke`)
  const late = await cadre.client.patch(`/api/v1/screens/${made.id}`, { indicatorCodes: ['cases.closed'] })
  assert.equal(late.statusCode, 409)
  assert.equal(late.json().error.code, 'SCREEN_REVOKED')
})
