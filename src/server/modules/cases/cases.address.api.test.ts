// A case reported without a typed address is named by the nearest building (issue 13: the case
// page showed only "翠岩社区 · 第一网格"); a typed address is kept; far from any building, none.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Org, type Person } from '../../../../test/support/factories.ts'

let t: TestApp
let grid: Org
let building: Org
let reporter: Person
before(async () => {
  t = await startTestApp()
  const make = factories(t)
  grid = await make.newGrid(await make.newCommunity())
  building = await make.newBuilding(grid)
  reporter = await make.newPerson({ role: 'resident', orgId: building.id })
})
after(() => t.close())

const report = (location: { lng: number; lat: number }, address?: string) =>
  reporter.client.post('/api/v1/cases', { categoryCode: 'facility.road', description: '路面坑洼需要修补', location, crs: 'wgs84', ...(address ? { address } : {}) })
const at = (b: Org, dLng = 0) => ({ lng: (b.box.west + b.box.east) / 2 + dLng, lat: (b.box.south + b.box.north) / 2 })

test('no typed address: the nearest building within 150 m names the place', async () => {
  const res = await report(at(building, 0.0003))
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().address, `${building.name}附近`)
  const read = await reporter.client.get(`/api/v1/cases/${res.json().id}`)
  assert.equal(read.json().address, `${building.name}附近`)
})

test('a typed address is kept as typed', async () => {
  const res = await report(at(building), '  路口东侧  ')
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().address, '路口东侧')
})

test('far from every building the case has no address rather than a wrong one', async () => {
  // The grid's far corner, several hundred metres from its only building.
  const res = await report({ lng: grid.box.east - 0.0005, lat: grid.box.north - 0.0005 })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().address, null)
})
