// The minute sweep's step reminders, and what the requester (and nobody else) sees of an errand.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { errandBody, errandWorld } from '../../../../test/support/errands.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000)
const sweep = (at: Date) => t.database.db.transaction((tx) => t.app.services.errands.sweep(tx, at))
const noticesOf = async (personId: string, kind: string) => (await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${personId} AND kind = ${kind} ORDER BY id`)).map((n) => n.title)

test('the sweep reminds a step\'s owner once as its deadline nears, and tells the desk\'s cadres once when it has passed', async () => {
  // The demo's steps are reminded and told once, far ahead, so what follows counts this test's own.
  await sweep(hoursFromNow(24 * 365))
  const w = await errandWorld(t, f)
  const { id } = (await w.resident.client.post('/api/v1/errands', errandBody({ title: '提醒测试' }))).json()
  await w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, {})
  const steps = (await w.pointCadre.client.post(`/api/v1/errands/${id}/steps`, { title: '上门核验', ownerId: w.pointHelper.id, dueAt: hoursFromNow(30).toISOString() })).json().steps
  await w.pointCadre.client.post(`/api/v1/errands/${id}/steps`, { title: '远期步骤', ownerId: w.pointHelper.id, dueAt: hoursFromNow(24 * 10).toISOString() })

  assert.deepEqual(await sweep(new Date()), { reminded: 0, overdue: 0 }, 'nothing is due within a day yet')
  const near = await sweep(hoursFromNow(8))
  assert.equal(near.reminded, 1)
  assert.deepEqual(await noticesOf(w.pointHelper.id, 'errand.step_due'), ['帮办事项“提醒测试”的步骤“上门核验”即将到期'])
  assert.equal((await sweep(hoursFromNow(9))).reminded, 0, 'reminded once')

  const late = await sweep(hoursFromNow(31))
  assert.deepEqual(late, { reminded: 0, overdue: 1 })
  assert.deepEqual(await noticesOf(w.pointCadre.id, 'errand.step_overdue'), ['帮办事项“提醒测试”有步骤超期：上门核验'])
  assert.deepEqual(await noticesOf(w.pointHelper.id, 'errand.step_overdue'), [], 'a grid worker at the desk is not a cadre')
  assert.deepEqual(await sweep(hoursFromNow(32)), { reminded: 0, overdue: 0 }, 'the cadres are told once')

  // A new deadline earns a new reminder.
  await w.pointCadre.client.patch(`/api/v1/errands/${id}/steps/${steps[0].id}`, { dueAt: hoursFromNow(40).toISOString() })
  assert.equal((await sweep(hoursFromNow(33))).reminded, 1)

  // The overdue mark is the desk's: the requester's timeline leaves it out, the desk's shows it.
  const desk = (await w.pointCadre.client.get(`/api/v1/errands/${id}`)).json()
  assert.ok(desk.timeline.some((e: { action: string }) => e.action === 'step_overdue'))
  const mine = (await w.resident.client.get(`/api/v1/errands/${id}`)).json()
  assert.ok(!mine.timeline.some((e: { action: string }) => e.action === 'step_overdue'))

  // A finished errand's steps are never reminded.
  const other = (await w.resident.client.post('/api/v1/errands', errandBody())).json().id
  await w.pointCadre.client.post(`/api/v1/errands/${other}/accept`, {})
  await w.pointCadre.client.post(`/api/v1/errands/${other}/steps`, { title: '很快到期', dueAt: hoursFromNow(1).toISOString() })
  await w.pointCadre.client.post(`/api/v1/errands/${other}/reject`, { reason: '不属于帮办范围' })
  assert.deepEqual(await sweep(hoursFromNow(50)), { reminded: 0, overdue: 0 }, 'the rejected errand\'s step is skipped (the far step is not yet near)')
})

test('the requester reads their errand and timeline but cannot work it; another resident and another desk do not learn it exists', async () => {
  const w = await errandWorld(t, f)
  const { id } = (await w.resident.client.post('/api/v1/errands', errandBody())).json()
  await w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, {})
  const neighbour = await f.newPerson({ role: 'resident', orgId: w.building.id })
  const elsewhere = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
  for (const c of [w.resident.client]) {
    assert.equal((await c.get(`/api/v1/errands/${id}`)).statusCode, 200)
    assert.equal((await c.post(`/api/v1/errands/${id}/start`, {})).statusCode, 403)
    assert.equal((await c.post(`/api/v1/errands/${id}/steps`, { title: '自己加步骤' })).statusCode, 403)
    assert.equal((await c.put(`/api/v1/errands/${id}/checklist`, { items: [] })).statusCode, 403)
    assert.equal((await c.get(`/api/v1/errands/figures?orgId=${w.community.id}`)).statusCode, 403)
  }
  for (const p of [neighbour, elsewhere]) {
    assert.equal((await p.client.get(`/api/v1/errands/${id}`)).statusCode, 404)
    assert.equal((await p.client.post(`/api/v1/errands/${id}/cancel`, {})).statusCode, 404)
    assert.deepEqual((await p.client.get('/api/v1/errands')).json().items, [])
  }
  // The desk cannot cancel on the requester's behalf: it rejects instead.
  assert.equal((await w.pointCadre.client.post(`/api/v1/errands/${id}/cancel`, {})).statusCode, 403)
  const cancelled = await w.resident.client.post(`/api/v1/errands/${id}/cancel`, {})
  assert.equal(cancelled.statusCode, 200, cancelled.body)
  assert.equal(cancelled.json().state, 'cancelled')
  assert.deepEqual(cancelled.json().actions, [])
})
