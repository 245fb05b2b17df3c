// The ledgers of "一站一库一册两台账" as Excel workbooks: each is a generated view (title,
// columns, rows) written to one sheet with exceljs; nothing is typed into them by hand.
import { loadExcel } from '../../kernel/spreadsheet.ts'
import type { Ledger } from './members.schemas.ts'

export async function ledgerWorkbook(ledger: Ledger): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Linli 邻里'
  const sheet = book.addWorksheet(ledger.title.slice(0, 31))
  sheet.addRow([ledger.title]).font = { bold: true, size: 14 }
  sheet.mergeCells(1, 1, 1, Math.max(ledger.columns.length, 1))
  const header = sheet.addRow(ledger.columns.map((c) => c.label))
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3D6D6' } }
  })
  for (const row of ledger.rows) sheet.addRow(ledger.columns.map((c) => row[c.key] ?? ''))
  ledger.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(10, c.label.length * 2 + 4))
  })
  sheet.views = [{ state: 'frozen', ySplit: 2 }]
  return Buffer.from(await book.xlsx.writeBuffer())
}
