// The statistics table as the workbook a street office files: one sheet per ledger (党建, 民生),
// the node, period and approval state in the title, a two-level header (the owning work above,
// the indicator and its unit below, merged), one row per child and a total row, and the rules of
// the figures underneath. Figures are the table's own: frozen ones where a report froze them.
import { loadExcel } from '../../kernel/spreadsheet.ts'
import type { StatisticsTable } from './statistics.schemas.ts'

/** The work an indicator belongs to, by its owner (the code's first word). */
export const GROUPS: Record<string, string> = {
  orgs: '组织体系', members: '在职党员', units: '共建单位', venues: '服务阵地', cases: '网格事件', orders: '服务订单', wishes: '微心愿',
  volunteers: '志愿服务', visits: '入户走访', estates: '物业小区', deliberation: '协商议事', broadcasts: '通知触达', points: '积分',
  party_life: '组织生活', building_leaders: '楼栋长', mobilisation: '应急动员', funds: '经费项目', statistics: '填报与上报',
}

export const STATE_WORDS = { open: '未上报', submitted: '已上报', approved: '已审批', accepted: '已验收' } as const
export const LEDGER_WORDS = { party: '党建台账', livelihood: '民生台账' } as const

export function periodWords(period: string): string {
  const [y, rest] = period.split('-')
  if (!rest) return `${y} 年`
  if (rest.startsWith('Q')) return `${y} 年第 ${rest.slice(1)} 季度`
  return `${y} 年 ${Number(rest)} 月`
}

export async function tableWorkbook(tables: StatisticsTable[]): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Linli 邻里'
  for (const table of tables) {
    const sheet = book.addWorksheet(LEDGER_WORDS[table.ledger])
    const width = table.indicators.length + 1
    const title = `${table.org.name} ${periodWords(table.period)} 统计一套表（${LEDGER_WORDS[table.ledger]}）· ${STATE_WORDS[table.state]}`
    sheet.addRow([title]).font = { bold: true, size: 14 }
    sheet.mergeCells(1, 1, 1, width)
    sheet.getRow(1).alignment = { horizontal: 'center' }
    // Two header rows: the work above (merged over its indicators), the indicator and unit below.
    const groups = sheet.addRow(['单位', ...table.indicators.map((i) => GROUPS[i.code.split('.')[0]!] ?? i.code.split('.')[0]!)])
    const names = sheet.addRow(['', ...table.indicators.map((i) => `${i.name.zh}（${i.unit.zh}）`)])
    sheet.mergeCells(2, 1, 3, 1)
    let start = 2
    for (let c = 3; c <= width + 1; c++) {
      const prev = groups.getCell(c - 1).value
      if (c <= width && groups.getCell(c).value === prev) continue
      if (c - 1 > start) sheet.mergeCells(2, start, 2, c - 1)
      start = c
    }
    for (const row of [groups, names]) {
      row.font = { bold: true }
      row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      row.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3D6D6' } } })
    }
    names.height = 48
    const valuesOf = (r: StatisticsTable['total']) => table.indicators.map((i) => r.values[i.code]?.value ?? null)
    for (const r of table.rows) sheet.addRow([r.name, ...valuesOf(r)])
    const total = sheet.addRow([table.rows.length ? '合计' : table.total.name, ...valuesOf(table.total)])
    total.font = { bold: true }
    sheet.addRow([])
    const note = sheet.addRow([`说明：比率类指标（%）为下级分子、分母分别汇总后相除，不是比率的平均；空白为未填报的手填项。${table.frozen.length ? '已上报或审批的数字为冻结数，其后记录的变动不改变本表。' : ''}导出时间：${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`])
    sheet.mergeCells(note.number, 1, note.number, width)
    note.alignment = { wrapText: true }
    note.height = 36
    sheet.getColumn(1).width = 18
    for (let c = 2; c <= width; c++) sheet.getColumn(c).width = 12
    sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 3 }]
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
