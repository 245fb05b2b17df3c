// The residents spreadsheet (Excel .xlsx, exceljs): one layout for the import template, the
// import and the export, so an export can be corrected and imported back.
import { loadExcel } from '../../kernel/spreadsheet.ts'
import { readSpreadsheet, SpreadsheetUnreadable, type SpreadsheetLimits, type SpreadsheetRow } from '../../kernel/spreadsheet.ts'
import type { ImportError } from './residents.schemas.ts'

/** Import columns in order; `required` ones must have a value on every row. */
export const COLUMNS = [
  { key: 'name', title: '姓名', required: true, width: 10, hint: '必填' },
  { key: 'gender', title: '性别', width: 6, hint: '男 / 女；填身份证号时可不填' },
  { key: 'birthYear', title: '出生年份', width: 9, hint: '如 1956；填身份证号时可不填' },
  { key: 'idNumber', title: '身份证号', width: 22, hint: '18 位，文本格式' },
  { key: 'phone', title: '手机号', width: 14, hint: '11 位大陆手机号' },
  { key: 'building', title: '楼栋', required: true, width: 10, hint: '所选组织下的楼栋名称' },
  { key: 'household', title: '户号', width: 10, hint: '如 2单元301' },
  { key: 'relation', title: '与户主关系', width: 10, hint: '户主 / 配偶 / 子女 / 父母 / 孙辈 / 兄弟姐妹 / 其他' },
  { key: 'address', title: '住址', width: 28, hint: '' },
  { key: 'tags', title: '标签', width: 18, hint: '多个用顿号或逗号分隔，如 独居老人、低保户' },
  { key: 'consentContact', title: '同意联系', width: 9, hint: '是 / 否' },
  { key: 'consentServices', title: '同意服务匹配', width: 12, hint: '是 / 否' },
  { key: 'note', title: '备注', width: 20, hint: '' },
] as const
export type ColumnKey = (typeof COLUMNS)[number]['key']
export type SheetRow = { row: number; cells: Partial<Record<ColumnKey, string>> }

/** Most residents one file may import (the row cap handed to readSpreadsheet, header included). */
export const MAX_IMPORT_ROWS = 5000

export class SheetError extends Error {}

/** Reads the first worksheet: a header row naming the columns, then one resident per row. */
export async function readSheet(bytes: Buffer, limits: SpreadsheetLimits): Promise<{ rows: SheetRow[]; errors: ImportError[] }> {
  let sheet: SpreadsheetRow[]
  try {
    sheet = await readSpreadsheet(bytes, { ...limits, maxRows: Math.min(limits.maxRows, MAX_IMPORT_ROWS + 1) })
  } catch (err) {
    if (err instanceof SpreadsheetUnreadable) throw new SheetError(err.message)
    throw err
  }
  const positions = new Map<ColumnKey, number>()
  const header = sheet.find((r) => r.number === 1)?.cells ?? []
  header.forEach((text, col) => {
    const column = COLUMNS.find((c) => c.title === text.replace(/[*＊\s]/g, ''))
    if (column && !positions.has(column.key)) positions.set(column.key, col)
  })
  const errors: ImportError[] = COLUMNS.filter((c) => 'required' in c && !positions.has(c.key)).map((c) => ({ row: 1, column: c.title, reason: '缺少此列' }))
  const rows: SheetRow[] = []
  for (const row of sheet) {
    if (row.number === 1) continue
    const cells: SheetRow['cells'] = {}
    for (const [key, col] of positions) {
      const text = row.cells[col]
      if (text) cells[key] = text
    }
    if (Object.keys(cells).length > 0) rows.push({ row: row.number, cells })
  }
  return { rows, errors }
}

/** A workbook with the header, the given rows and (for the template) a sheet of instructions. */
export async function writeSheet(rows: Record<string, string | number | null>[], opts: { extraColumns?: { key: string; title: string; width: number }[]; instructions?: boolean; title: string }): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook()
  workbook.creator = 'Linli 邻里'
  const sheet = workbook.addWorksheet(opts.title)
  const columns = [...COLUMNS.map((c) => ({ key: c.key, title: 'required' in c ? `${c.title}*` : c.title, width: c.width })), ...(opts.extraColumns ?? [])]
  sheet.columns = columns.map((c) => ({ header: c.title, key: c.key, width: c.width, style: { numFmt: '@' } }))
  sheet.getRow(1).font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  if (opts.instructions) {
    const help = workbook.addWorksheet('填写说明')
    help.columns = [{ header: '列', key: 'title', width: 14 }, { header: '说明', key: 'hint', width: 60 }]
    help.getRow(1).font = { bold: true }
    for (const c of COLUMNS) help.addRow({ title: c.title, hint: c.hint })
    help.addRow({ title: '', hint: '任何一行有误时整个文件都不导入，请按错误列表逐行修改后重新导入。' })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
