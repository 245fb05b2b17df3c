import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { loadExcel } from '../../kernel/spreadsheet.ts'
import { writeSheet } from './venues.sheets.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const upload = (client: { request: TestApp['anonymous']['request'] }, orgId: string, payload: Buffer) =>
  client.request({ method: 'POST', url: `/api/v1/venues/import?orgId=${orgId}`, payload, headers: { 'content-type': XLSX } })
const count = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM venues`))[0]!.n

test('a cadre imports venues from the spreadsheet; one bad cell refuses the whole file with its row and column', async () => {
  const community = await f.newCommunity()
  const grid = await f.newGrid(community)
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const template = await cadre.client.get('/api/v1/venues/import-template')
  assert.equal(template.statusCode, 200)
  assert.match(template.headers['content-type'] as string, /spreadsheetml/)
  const good = await writeSheet([
    { name: '导入的党群服务中心', kind: '党群服务中心', level: '社区级', address: '导入路 1 号', lng: '115.70', lat: '28.70', hours: '周一至周五 08:30-17:30；周六 09:00-12:00', holidays: '是', amenities: '休息、饮水', services: '养老', audiences: '所有人、老年人' },
    { name: '导入的小哥驿站', kind: '驿站', stationKind: '小哥驿站', org: grid.name, address: '导入路 2 号', lng: '115.71', lat: '28.71', crs: 'GCJ-02', hours: '全天', amenities: '充电、微波炉' },
  ], { title: '服务阵地' })
  const before = await count()
  const bad = await writeSheet([
    { name: '好的一行', kind: '驿站', stationKind: '红色驿站', address: '导入路 3 号', lng: '115.7', lat: '28.7' },
    { name: '坏的一行', kind: '驿站', address: '导入路 4 号', lng: '200', lat: '28.7', hours: '白天开放', amenities: '桑拿' },
  ], { title: '服务阵地' })
  const refused = await upload(cadre.client, community.id, bad)
  assert.equal(refused.statusCode, 422, refused.body)
  assert.equal(refused.json().error.code, 'VENUE_IMPORT_ROWS_INVALID')
  const details = refused.json().error.details as { row: number; column: string; reason: string }[]
  assert.deepEqual(details.map((d) => `${d.row}:${d.column}`), ['3:驿站类型', '3:入口经度', '3:开放时间', '3:便民设施'])
  assert.equal(await count(), before)
  assert.equal((await upload(cadre.client, community.id, Buffer.from('not a workbook'))).statusCode, 422)

  const res = await upload(cadre.client, community.id, good)
  assert.equal(res.statusCode, 201, res.body)
  assert.deepEqual(res.json(), { imported: 2 })
  const list = (await t.anonymous.get(`/api/v1/venues?orgId=${community.id}`)).json().items as { name: string; orgId: string; hours: { weekly: unknown[]; closedOnHolidays: boolean }; entrance: { lng: number }; audiences: string[] }[]
  const centre = list.find((v) => v.name === '导入的党群服务中心')!
  assert.equal(centre.hours.weekly.length, 6)
  assert.equal(centre.hours.closedOnHolidays, true)
  assert.deepEqual(centre.audiences, ['everyone', 'elderly'])
  const station = list.find((v) => v.name === '导入的小哥驿站')!
  assert.equal(station.orgId, grid.id)
  assert.ok(Math.abs(station.entrance.lng - 115.71) > 0.001, 'GCJ-02 converted to WGS-84')

  // The export reads back in the same layout.
  const exported = await cadre.client.post('/api/v1/venues/export', { orgId: community.id })
  assert.equal(exported.statusCode, 200)
  assert.equal(exported.headers['x-linli-count'], '2')
  const book = new (await loadExcel()).Workbook()
  await book.xlsx.load(exported.rawPayload as never)
  const sheet = book.worksheets[0]!
  const header = (sheet.getRow(1).values as string[]).slice(1)
  const hoursCol = header.indexOf('开放时间') + 1
  const hours = [2, 3].map((r) => String(sheet.getRow(r).getCell(hoursCol).value))
  assert.ok(hours.includes('周一至周五 08:30-17:30；周六 09:00-12:00'), hours.join(' | '))
  assert.ok(hours.includes('全天'))

  // Someone who does not manage the node cannot import there.
  const outsider = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
  assert.equal((await upload(outsider.client, community.id, good)).statusCode, 404)
  const gridWorker = await f.newPerson({ role: 'grid_worker', orgId: grid.id })
  assert.equal((await upload(gridWorker.client, grid.id, good)).statusCode, 403)
  assert.equal((await t.anonymous.post('/api/v1/venues/export', {})).statusCode, 401)
})
