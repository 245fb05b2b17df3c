// Reading an uploaded spreadsheet (.xlsx) safely: every import goes through `readSpreadsheet`.
// An .xlsx is a ZIP archive, and a small one can expand to gigabytes (a "zip bomb"). Before
// exceljs sees the bytes, the ZIP central directory is read (entry count, declared sizes,
// compression ratio) and every entry is inflated with zlib under a hard output limit, because
// declared sizes can lie; the rows of each worksheet are counted in its XML. Only then is the
// workbook parsed, so the parser's work is bounded by the limits.
import { promisify } from 'node:util'
import { inflateRaw } from 'node:zlib'
import type ExcelJS from 'exceljs'
import type { Config } from './config.ts'
import { AppError } from './errors.ts'

const inflate = promisify(inflateRaw)

export interface SpreadsheetLimits {
  /** Most rows in any worksheet, header included. */
  maxRows: number
  /** Most bytes all entries of the archive may expand to together. */
  maxUncompressedBytes: number
}

/** One non-empty row of the first worksheet; `cells[0]` is column A, as trimmed text. */
export interface SpreadsheetRow {
  number: number
  cells: string[]
}

/** The file is not a workbook that can be read; the message (Chinese) says why. */
export class SpreadsheetUnreadable extends Error {}

/** The limits configured for imports (IMPORT_MAX_ROWS, IMPORT_MAX_UNCOMPRESSED_MB). */
export function importLimits(config: Pick<Config, 'IMPORT_MAX_ROWS' | 'IMPORT_MAX_UNCOMPRESSED_MB'>): SpreadsheetLimits {
  return { maxRows: config.IMPORT_MAX_ROWS, maxUncompressedBytes: Math.floor(config.IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024) }
}

/** An .xlsx has a few dozen entries; thousands mean something else. */
const MAX_ENTRIES = 2000
/** Real sheets compress 5–50:1; far beyond that on a large entry is a bomb. */
const MAX_RATIO = 500
const RATIO_CHECK_FROM_BYTES = 1024 * 1024

const NOT_XLSX = '不是有效的 Excel（.xlsx）文件'

interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  localHeaderAt: number
}

const tooLarge = (limits: SpreadsheetLimits, reason: string) =>
  new AppError(413, 'IMPORT_FILE_TOO_LARGE', { maxMb: Math.round(limits.maxUncompressedBytes / 1024 / 1024) }, { reason })

/** The entries the central directory lists, checked against the limits before anything is inflated. */
function centralDirectory(b: Buffer, limits: SpreadsheetLimits): ZipEntry[] {
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535.
  let eocd = -1
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new SpreadsheetUnreadable(NOT_XLSX)
  const count = b.readUInt16LE(eocd + 10)
  const directorySize = b.readUInt32LE(eocd + 12)
  const directoryAt = b.readUInt32LE(eocd + 16)
  if (count === 0xffff || directoryAt === 0xffffffff) throw new SpreadsheetUnreadable('不支持 ZIP64 格式的文件')
  if (count > MAX_ENTRIES) throw tooLarge(limits, `压缩包内有 ${count} 个文件`)
  if (directoryAt + directorySize > eocd) throw new SpreadsheetUnreadable(NOT_XLSX)
  const entries: ZipEntry[] = []
  const names = new Set<string>()
  let total = 0
  let at = directoryAt
  for (let k = 0; k < count; k++) {
    if (at + 46 > eocd || b.readUInt32LE(at) !== 0x02014b50) throw new SpreadsheetUnreadable(NOT_XLSX)
    const flags = b.readUInt16LE(at + 8)
    const nameLength = b.readUInt16LE(at + 28)
    const entry: ZipEntry = {
      method: b.readUInt16LE(at + 10),
      compressedSize: b.readUInt32LE(at + 20),
      size: b.readUInt32LE(at + 24),
      name: b.toString('utf8', at + 46, at + 46 + nameLength),
      localHeaderAt: b.readUInt32LE(at + 42),
    }
    if (flags & 1) throw new SpreadsheetUnreadable('文件已加密，请取消密码保护后再导入')
    if (entry.method !== 0 && entry.method !== 8) throw new SpreadsheetUnreadable(NOT_XLSX)
    if (entry.method === 0 && entry.size !== entry.compressedSize) throw new SpreadsheetUnreadable(NOT_XLSX)
    // Two parsers could pick different entries of the same name; refuse the ambiguity.
    if (names.has(entry.name)) throw new SpreadsheetUnreadable(NOT_XLSX)
    names.add(entry.name)
    total += entry.size
    if (total > limits.maxUncompressedBytes) throw tooLarge(limits, '解压后的总大小超过上限')
    if (entry.size > RATIO_CHECK_FROM_BYTES && entry.size / Math.max(entry.compressedSize, 1) > MAX_RATIO) throw tooLarge(limits, `“${entry.name}”的压缩比异常`)
    entries.push(entry)
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32)
  }
  return entries
}

/** An entry's bytes, never more than it declared: a lying size is refused, not followed. */
async function inflateEntry(b: Buffer, e: ZipEntry): Promise<Buffer> {
  const at = e.localHeaderAt
  if (at + 30 > b.length || b.readUInt32LE(at) !== 0x04034b50) throw new SpreadsheetUnreadable(NOT_XLSX)
  const dataAt = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28)
  if (dataAt + e.compressedSize > b.length) throw new SpreadsheetUnreadable(NOT_XLSX)
  const data = b.subarray(dataAt, dataAt + e.compressedSize)
  if (e.method === 0) return data
  let out: Buffer
  try {
    out = await inflate(data, { maxOutputLength: Math.max(e.size, 1) })
  } catch {
    throw new SpreadsheetUnreadable('文件已损坏：解压后的大小与声明不符')
  }
  if (out.length !== e.size) throw new SpreadsheetUnreadable('文件已损坏：解压后的大小与声明不符')
  return out
}

/** `<row …>` elements (with or without a namespace prefix) in a worksheet's XML. */
function countRows(xml: Buffer): number {
  return xml.toString('latin1').match(/<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g)?.length ?? 0
}

/**
 * exceljs, loaded on first use: it is the heaviest module of the server (about 0.2 s to load)
 * and only imports and exports need it, so a start does not pay for it.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : cell.text.trim()
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim()
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim()
  return cell.text.trim()
}

/**
 * The non-empty rows of the first worksheet, as text. Throws 413 IMPORT_FILE_TOO_LARGE or
 * IMPORT_TOO_MANY_ROWS over the limits (before parsing), SpreadsheetUnreadable for anything
 * that is not a readable .xlsx (the caller turns it into its own 422).
 */
export async function readSpreadsheet(bytes: Buffer, limits: SpreadsheetLimits): Promise<SpreadsheetRow[]> {
  for (const entry of centralDirectory(bytes, limits)) {
    const data = await inflateEntry(bytes, entry)
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name) && countRows(data) > limits.maxRows) {
      throw new AppError(413, 'IMPORT_TOO_MANY_ROWS', { maxRows: limits.maxRows })
    }
  }
  const workbook = new (await loadExcel()).Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new SpreadsheetUnreadable(NOT_XLSX)
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new SpreadsheetUnreadable('文件中没有工作表')
  const rows: SpreadsheetRow[] = []
  sheet.eachRow((row, number) => {
    const cells: string[] = []
    row.eachCell((cell, col) => {
      cells[col - 1] = cellText(cell)
    })
    rows.push({ number, cells: Array.from(cells, (c) => c ?? '') })
  })
  return rows
}

/** A column of an import layout: the header a person types, and whether every row needs it. */
export interface SheetColumn<K extends string> { key: K; title: string; required?: boolean }
/** One data row of an import, by column key (empty cells left out). */
export interface ColumnRow<K extends string> { row: number; cells: Partial<Record<K, string>> }
/** A bad cell of an import, by its row and column title (the error report of an all-or-nothing import). */
export interface ImportCellError { row: number; column: string; reason: string }

/**
 * The first worksheet of an import as rows keyed by column: the header row names the columns (a
 * trailing * and spaces ignored, any order), a required column missing is an error on row 1, and
 * rows with nothing in the known columns are skipped. At most `maxRows` data rows.
 */
export async function readColumns<K extends string>(bytes: Buffer, limits: SpreadsheetLimits, columns: readonly SheetColumn<K>[], maxRows: number): Promise<{ rows: ColumnRow<K>[]; errors: ImportCellError[] }> {
  const sheet = await readSpreadsheet(bytes, { ...limits, maxRows: Math.min(limits.maxRows, maxRows + 1) })
  const positions = new Map<K, number>()
  const header = sheet.find((r) => r.number === 1)?.cells ?? []
  header.forEach((text, col) => {
    const column = columns.find((c) => c.title === text.replace(/[*＊\s]/g, ''))
    if (column && !positions.has(column.key)) positions.set(column.key, col)
  })
  const errors = columns.filter((c) => c.required && !positions.has(c.key)).map((c) => ({ row: 1, column: c.title, reason: '缺少此列' }))
  const rows: ColumnRow<K>[] = []
  for (const row of sheet) {
    if (row.number === 1) continue
    const cells: Partial<Record<K, string>> = {}
    for (const [key, col] of positions) {
      const text = row.cells[col]
      if (text) cells[key] = text
    }
    if (Object.keys(cells).length > 0) rows.push({ row: row.number, cells })
  }
  return { rows, errors }
}

/**
 * A workbook in an import layout: the header (required columns marked *), the rows as text cells,
 * and for a template a second sheet explaining each column and the all-or-nothing rule (`note`).
 */
export async function writeColumns(
  rows: Record<string, string | number | null | undefined>[],
  columns: readonly (SheetColumn<string> & { width: number; hint: string })[],
  opts: { title: string; extraColumns?: { key: string; title: string; width: number }[]; instructions?: boolean; note?: string },
): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook()
  workbook.creator = 'Linli 邻里'
  const sheet = workbook.addWorksheet(opts.title)
  const all = [...columns.map((c) => ({ key: c.key, title: c.required ? `${c.title}*` : c.title, width: c.width })), ...(opts.extraColumns ?? [])]
  sheet.columns = all.map((c) => ({ header: c.title, key: c.key, width: c.width, style: { numFmt: '@' } }))
  sheet.getRow(1).font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  if (opts.instructions) {
    const help = workbook.addWorksheet('填写说明')
    help.columns = [{ header: '列', key: 'title', width: 14 }, { header: '说明', key: 'hint', width: 80 }]
    help.getRow(1).font = { bold: true }
    for (const c of columns) help.addRow({ title: c.title, hint: c.hint })
    help.addRow({ title: '', hint: opts.note ?? '任何一行有误时整个文件都不导入，请按错误列表逐行修改后重新导入。' })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
