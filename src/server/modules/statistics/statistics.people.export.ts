// The per-person assessment as a workbook for pay and promotion reviews: the node, role and period
// in the title; one row per person (rank, name, grid or community, score, change), each line's
// figure on its colour with the numerator and denominator beside a ratio, and the scorecard's
// weights and cut-offs on a second sheet.
import { loadExcel } from '../../kernel/spreadsheet.ts'
import type { PeopleScores } from './statistics.people.schemas.ts'

function periodWords(period: string): string {
  const [y, rest] = period.split('-')
  if (!rest) return `${y} 年`
  return rest.startsWith('Q') ? `${y} 年第 ${rest.slice(1)} 季度` : `${y} 年 ${Number(rest)} 月`
}

export const ROLE_WORDS = { grid_worker: '网格员', member: '在职党员' } as const
const FILL = { green: 'FFD9F2D0', yellow: 'FFFFF1C2', red: 'FFF8D0D0', none: 'FFF2F2F2' } as const

export function peopleFileName(s: Pick<PeopleScores, 'org' | 'role' | 'period'>) {
  return { name: `人员考核-${ROLE_WORDS[s.role]}-${s.org.name}-${s.period}.xlsx`, ascii: `people-scores-${s.role}-${s.period}.xlsx` }
}

export async function peopleWorkbook(s: Omit<PeopleScores, 'nextCursor'>): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Linli 邻里'
  const sheet = book.addWorksheet(`${ROLE_WORDS[s.role]}考核`)
  const width = 5 + s.scorecard.length
  sheet.addRow([`${s.org.name} ${periodWords(s.period)} ${ROLE_WORDS[s.role]}考核`]).font = { bold: true, size: 14 }
  sheet.mergeCells(1, 1, 1, width)
  sheet.getRow(1).alignment = { horizontal: 'center' }
  const head = sheet.addRow(['排名', '姓名', s.role === 'grid_worker' ? '网格' : '报到社区', '得分', `较上期（${s.previous}）`,
    ...s.scorecard.map((l) => `${l.name.zh}（${l.unit.zh}，权重 ${l.weight}）`)])
  head.font = { bold: true }
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  head.height = 36
  for (const p of s.items) {
    const row = sheet.addRow([p.rank, p.name, p.orgName, p.score, p.trend, ...s.scorecard.map((l) => {
      const c = p.cells[l.code]!
      if (c.denominator !== undefined) return c.value === null ? `—（${c.numerator}/${c.denominator}）` : `${c.value}（${c.numerator}/${c.denominator}）`
      return c.value
    })])
    s.scorecard.forEach((l, i) => { row.getCell(6 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[p.cells[l.code]!.color] } } })
  }
  sheet.addRow([])
  const note = sheet.addRow(['说明：绿色得满分、黄色得一半、红色不得分；比率后括号内为分子/分母，无分母的项不计入，得分按计入项折算为百分制。共 ' + s.items.length + ' 人。'])
  sheet.mergeCells(note.number, 1, note.number, width)
  sheet.getColumn(2).width = 12
  sheet.getColumn(3).width = 18
  for (let c = 6; c <= width; c++) sheet.getColumn(c).width = 20
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }]

  const rules = book.addWorksheet('评分表')
  rules.addRow(['指标', '单位', '权重', '绿（达到）', '黄（达到）', '口径']).font = { bold: true }
  for (const l of s.scorecard) rules.addRow([l.name.zh, l.unit.zh, l.weight, l.green, l.yellow, l.definition.zh])
  rules.getColumn(1).width = 16
  rules.getColumn(6).width = 80
  return Buffer.from(await book.xlsx.writeBuffer())
}
