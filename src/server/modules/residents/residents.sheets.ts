// The residents spreadsheet (Excel .xlsx, exceljs): one layout for the import template, the
// import and the export, so an export can be corrected and imported back.
import { readColumns, SpreadsheetUnreadable, writeColumns, type SpreadsheetLimits } from '../../kernel/spreadsheet.ts'
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
  try {
    return await readColumns(bytes, limits, COLUMNS, MAX_IMPORT_ROWS)
  } catch (err) {
    if (err instanceof SpreadsheetUnreadable) throw new SheetError(err.message)
    throw err
  }
}

/** A workbook with the header, the given rows and (for the template) a sheet of instructions. */
export function writeSheet(rows: Record<string, string | number | null>[], opts: { extraColumns?: { key: string; title: string; width: number }[]; instructions?: boolean; title: string }): Promise<Buffer> {
  return writeColumns(rows, COLUMNS, opts)
}
