// 联系上报人: staff over a case see the named reporter's phone masked, and the full number only
// through an audited reveal; an anonymous reporter has none to give; nobody else gets it.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Org, type Person } from '../../../../test/support/factories.ts'

let t: TestApp
let grid: Org
let worker: Person, reporter: Person, outsider: Person
before(async () => {
  t = await startTestApp()
  const make = factories(t)
  const community = await make.newCommunity()
  grid = await make.newGrid(community)
  worker = await make.newPerson({ role: 'grid_worker', orgId: grid.id })
  reporter = await make.newPerson({ role: 'resident', orgId: (await make.newBuilding(grid)).id })
  outsider = await make.newPerson({ role: 'grid_worker', orgId: (await make.newGrid(await make.newCommunity())).id })
  const sealed = t.pii.seal('phone', '13912345678')
  await t.query(sql`UPDATE people SET phone_enc = ${sealed.enc}, phone_mask = ${sealed.mask}, phone_hash = ${sealed.hash} WHERE id = ${reporter.id}`)
})
after(() => t.close())

const report = async (anonymous: boolean) => {
  const res = await reporter.client.post('/api/v1/cases', { categoryCode: 'facility.road', description: '井盖松动有响声', location: { lng: (grid.box.west + grid.box.east) / 2, lat: (grid.box.south + grid.box.north) / 2 }, crs: 'wgs84', anonymous })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().id as string
}

test('the grid worker sees the phone masked, reveals it once with an audit row, and may dial it', async () => {
  const id = await report(false)
  const seen = (await worker.client.get(`/api/v1/cases/${id}`)).json()
  assert.equal(seen.reporterPhone, '139****5678')
  const res = await worker.client.post(`/api/v1/cases/${id}/reporter-phone`, {})
  assert.equal(res.statusCode, 200, res.body)
  assert.equal(res.json().phone, '13912345678')
  const [audit] = await t.query<{ action: string; actor: string }>(sql`SELECT action, actor_person_id::text AS actor FROM audit_log WHERE entity = 'case' AND entity_id = ${id} ORDER BY id DESC LIMIT 1`)
  assert.deepEqual(audit, { action: 'case.reporter_phone', actor: worker.id })
})

test('an anonymous report has no phone to give; the reporter and outsiders are refused', async () => {
  const anon = await report(true)
  assert.equal((await worker.client.get(`/api/v1/cases/${anon}`)).json().reporterPhone, null)
  assert.equal((await worker.client.post(`/api/v1/cases/${anon}/reporter-phone`, {})).statusCode, 403)
  const named = await report(false)
  assert.equal((await reporter.client.get(`/api/v1/cases/${named}`)).json().reporterPhone, null, 'not in the reporter’s own view')
  assert.equal((await reporter.client.post(`/api/v1/cases/${named}/reporter-phone`, {})).statusCode, 403)
  assert.equal((await outsider.client.post(`/api/v1/cases/${named}/reporter-phone`, {})).statusCode, 404)
  assert.equal((await t.anonymous.post(`/api/v1/cases/${named}/reporter-phone`, {})).statusCode, 401)
  assert.equal((await worker.client.post('/api/v1/cases/999999999/reporter-phone', {})).statusCode, 404)
})
