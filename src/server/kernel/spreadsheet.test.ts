import { test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { zipArchive, zipBombWorkbook } from '../../../test/support/xlsx.ts'
import { AppError } from './errors.ts'
import { readSpreadsheet, SpreadsheetUnreadable } from './spreadsheet.ts'

const limits = { maxRows: 100, maxUncompressedBytes: 5 * 1024 * 1024 }

async function workbook(rows: (string | number | boolean)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('表')
  for (const r of rows) sheet.addRow(r)
  book.addWorksheet('说明').addRow(['第二个工作表不读'])
  return Buffer.from(await book.xlsx.writeBuffer())
}

const refusedWith = (status: number, code: string) => (err: unknown) => err instanceof AppError && err.status === status && err.code === code

test('a workbook is read as the trimmed text of its first worksheet, row numbers kept', async () => {
  const rows = await readSpreadsheet(await workbook([['姓名', ' 楼栋 '], [], ['张三', 12], ['', '', true]]), limits)
  assert.deepEqual(rows, [
    { number: 1, cells: ['姓名', '楼栋'] },
    { number: 3, cells: ['张三', '12'] },
    { number: 4, cells: ['', '', '是'] },
  ])
})

test('a zip bomb (a worksheet that expands 1000:1) is refused from its declared sizes, before inflating', async () => {
  const bomb = zipBombWorkbook(20)
  assert.ok(bomb.length < 100 * 1024, `${bomb.length} bytes on the wire`)
  const started = performance.now()
  await assert.rejects(readSpreadsheet(bomb, limits), refusedWith(413, 'IMPORT_FILE_TOO_LARGE'))
  assert.ok(performance.now() - started < 200, 'refused without inflating')
  const underCap = zipBombWorkbook(2)
  await assert.rejects(readSpreadsheet(underCap, limits), refusedWith(413, 'IMPORT_FILE_TOO_LARGE'), 'the ratio alone refuses a bomb under the size cap')
})

test('a zip bomb that declares a small size is stopped while inflating, at the declared size', async () => {
  const liar = zipBombWorkbook(20, { lie: true })
  await assert.rejects(readSpreadsheet(liar, limits), (err) => err instanceof SpreadsheetUnreadable && /大小与声明不符/.test(err.message))
})

test('a worksheet with more rows than the cap is refused before the workbook is parsed', async () => {
  const rows = Array.from({ length: 101 }, (_, i) => [`第${i}行`])
  await assert.rejects(readSpreadsheet(await workbook(rows), limits), refusedWith(413, 'IMPORT_TOO_MANY_ROWS'))
  assert.equal((await readSpreadsheet(await workbook(rows.slice(0, 100)), limits)).length, 100)
})

test('what is not an .xlsx is unreadable, with a Chinese reason', async () => {
  for (const bytes of [Buffer.from('not a workbook'), Buffer.alloc(0), zipArchive([{ name: 'a.txt', data: Buffer.from('hello') }])]) {
    await assert.rejects(readSpreadsheet(bytes, limits), (err) => err instanceof SpreadsheetUnreadable && /Excel|工作表/.test(err.message))
  }
  const many = zipArchive(Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })))
  await assert.rejects(readSpreadsheet(many, limits), refusedWith(413, 'IMPORT_FILE_TOO_LARGE'))
  const duplicate = zipArchive([{ name: 'a', data: Buffer.from('x') }, { name: 'a', data: Buffer.from('y') }])
  await assert.rejects(readSpreadsheet(duplicate, limits), SpreadsheetUnreadable)
})
