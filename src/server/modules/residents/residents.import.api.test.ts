// The limits of the residents import (kernel/spreadsheet.ts): a zip bomb or an over-long file
// is refused before it is parsed, with nothing imported; an ordinary file still imports.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { zipBombWorkbook } from '../../../../test/support/xlsx.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const header = ['姓名', '性别', '出生年份', '身份证号', '手机号', '楼栋', '户号', '与户主关系', '住址', '标签', '同意联系', '同意服务匹配', '备注']

let t: TestApp
let grid: Client
let buildingName: string
before(async () => {
  t = await startTestApp({ IMPORT_MAX_ROWS: '10' })
  grid = await t.as('grid')
  buildingName = (await t.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${t.fixtures.buildingId}`))[0]!.name
})
after(() => t.close())

const residents = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM residents`))[0]!.n
const importFile = (file: Buffer) => grid.request({ method: 'POST', url: `/api/v1/residents/import?orgId=${t.fixtures.gridId}`, payload: file, headers: { 'content-type': XLSX } })

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('居民信息')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
const person = (name: string) => [name, '女', 1950, '', '', buildingName, '1单元101', '户主', '', '', '是', '否', '']

test('a zip bomb (60 KB expanding to 60 MB) is refused at once with 413 and a Chinese message, and nothing is imported', async () => {
  const before = await residents()
  const bomb = zipBombWorkbook(60)
  assert.ok(bomb.length < 100 * 1024, `${bomb.length} bytes`)
  const started = performance.now()
  const res = await importFile(bomb)
  assert.ok(performance.now() - started < 1000, `answered in ${Math.round(performance.now() - started)} ms`)
  assert.equal(res.statusCode, 413, res.body)
  assert.equal(res.json().error.code, 'IMPORT_FILE_TOO_LARGE')
  assert.match(res.json().error.message, /解压后过大.*50 MB/)
  const liar = await importFile(zipBombWorkbook(60, { lie: true }))
  assert.equal(liar.statusCode, 422, 'sizes that lie are caught while inflating')
  assert.equal(liar.json().error.code, 'RESIDENT_IMPORT_FILE_INVALID')
  assert.match(liar.json().error.message, /大小与声明不符/)
  assert.equal(await residents(), before)
})

test('a file with more rows than IMPORT_MAX_ROWS is refused with 413 and nothing is imported', async () => {
  const before = await residents()
  const res = await importFile(await workbook([header, ...Array.from({ length: 10 }, (_, i) => person(`超限${i}`))]))
  assert.equal(res.statusCode, 413, res.body)
  assert.equal(res.json().error.code, 'IMPORT_TOO_MANY_ROWS')
  assert.match(res.json().error.message, /最多 10 行/)
  assert.equal(await residents(), before)
})

test('a file within the limits still imports', async () => {
  const before = await residents()
  const res = await importFile(await workbook([header, ...Array.from({ length: 9 }, (_, i) => person(`限内${i}`))]))
  assert.equal(res.statusCode, 201, res.body)
  assert.deepEqual(res.json(), { imported: 9 })
  assert.equal(await residents(), before + 9)
})
