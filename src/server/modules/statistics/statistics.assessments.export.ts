// The assessment as the workbook a pay or promotion review files (考核排名): the node, period and
// scorecard in the title; a row per child in rank order with its score, the score before and the
// change, and for every scorecard line the value (coloured red, yellow or green), the figure behind
// it (numerator / denominator) and the points it earned, so every score can be traced by hand; the
// node's own row last. The second sheet is the scorecard: weights, direction and cut-offs.
import type { z } from 'zod'
import { loadExcel } from '../../kernel/spreadsheet.ts'
import type { assessmentSchema } from './statistics.schemas.ts'
import { periodWords } from './statistics.export.ts'

type Assessment = z.infer<typeof assessmentSchema>
type Line = Assessment['scorecard'][number]
type Scored = Assessment['total']

const FILLS = { green: 'FFD9F7BE', yellow: 'FFFFF1B8', red: 'FFFFCCC7', none: 'FFF5F5F5' } as const
const COLOR_WORDS = { green: '绿', yellow: '黄', red: '红', none: '无数据' } as const
const HEADER_FILL = 'FFF3D6D6'
/** Columns before the scorecard's: rank, unit, score, score before, change. */
const LEAD = 5

const cutOffs = (l: Line) => l.better === 'higher'
  ? { green: `≥ ${l.green}`, yellow: `≥ ${l.yellow}`, red: `< ${l.yellow}` }
  : { green: `≤ ${l.green}`, yellow: `≤ ${l.yellow}`, red: `> ${l.yellow}` }
const beijingNow = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

export function assessmentFileName(a: Assessment) {
  return { ascii: `assessment-${a.period}.xlsx`, name: `考核排名-${a.org.name}-${a.period}.xlsx` }
}

export async function assessmentWorkbook(a: Assessment): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Linli 邻里'
  const sheet = book.addWorksheet('考核排名')
  const width = LEAD + a.scorecard.length * 3
  const weights = a.scorecard.reduce((s, l) => s + l.weight, 0)
  const title = sheet.addRow([`${a.org.name} ${periodWords(a.period)} 考核排名`])
  title.font = { bold: true, size: 14 }
  title.alignment = { horizontal: 'center' }
  sheet.mergeCells(1, 1, 1, width)
  const rule = sheet.addRow([`评分表：${a.scorecard.length} 项指标，权重合计 ${weights}。绿档得该项全部权重分，黄档得一半，红档不得分；没有数据的指标不计入，得分按有数据指标的权重折算为百分制。排名为同级之间（同分同名次），较上期为与 ${periodWords(a.previous)} 的得分之差。导出时间：${beijingNow()}（北京时间）`])
  sheet.mergeCells(2, 1, 2, width)
  rule.alignment = { wrapText: true, vertical: 'top' }
  rule.height = 34

  // Two header rows: the scorecard line (with its weight) merged over its three columns above.
  const groups = sheet.addRow(['排名', '单位', '得分', '上期得分', '较上期', ...a.scorecard.flatMap((l) => [`${l.name.zh}（权重 ${l.weight}）`, '', ''])])
  const subs = sheet.addRow(['', '', '', '', '', ...a.scorecard.flatMap((l) => [`数值（${l.unit.zh}）`, '依据（分子/分母）', '得分'])])
  for (let c = 1; c <= LEAD; c++) sheet.mergeCells(3, c, 4, c)
  a.scorecard.forEach((_, i) => sheet.mergeCells(3, LEAD + 1 + i * 3, 3, LEAD + 3 + i * 3))
  for (const row of [groups, subs]) {
    row.font = { bold: true }
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    row.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } } })
  }
  groups.height = 36

  const ranked = [...a.rows].sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity))
  const put = (r: Scored, rank: string | number) => {
    const row = sheet.addRow([
      rank, r.name, r.score, r.previousScore, r.trend,
      ...a.scorecard.flatMap((l) => {
        const c = r.cells[l.code]
        return [c?.value ?? null, c?.denominator !== undefined ? `${c.numerator} / ${c.denominator}` : '', c && c.color !== 'none' ? c.points : null]
      }),
    ])
    row.getCell(5).numFmt = '+0.0;-0.0;0.0'
    a.scorecard.forEach((l, i) => {
      const color = r.cells[l.code]?.color ?? 'none'
      const cell = row.getCell(LEAD + 1 + i * 3)
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[color] } }
      cell.note = `${COLOR_WORDS[color]}档（绿档 ${cutOffs(l).green}，黄档 ${cutOffs(l).yellow}）`
    })
    return row
  }
  for (const r of ranked) put(r, r.rank ?? '—')
  put(a.total, '—').font = { bold: true }
  sheet.getRow(sheet.rowCount).getCell(2).value = `${a.total.name}（本级）`
  sheet.addRow([])
  const legend = sheet.addRow(['说明：数值单元格底色为所在档次（绿、黄、红；灰为无数据，不计分）；比率类指标的依据为分子/分母，逐级汇总时分子、分母分别相加，不平均比率。各项的权重和分档见“评分表”。'])
  sheet.mergeCells(legend.number, 1, legend.number, width)
  legend.alignment = { wrapText: true }
  legend.height = 30
  sheet.getColumn(1).width = 7
  sheet.getColumn(2).width = 20
  for (const c of [3, 4, 5]) sheet.getColumn(c).width = 9
  for (let c = LEAD + 1; c <= width; c++) sheet.getColumn(c).width = (c - LEAD) % 3 === 2 ? 14 : 10
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 4 }]

  const card = book.addWorksheet('评分表')
  card.addRow([`考核评分表（${a.org.name}的下级适用，权重合计 ${weights}）`]).font = { bold: true, size: 14 }
  card.mergeCells(1, 1, 1, 9)
  const head = card.addRow(['序号', '指标编码', '指标', '单位', '权重', '方向', '绿档', '黄档', '红档'])
  head.font = { bold: true }
  head.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } } })
  a.scorecard.forEach((l, i) => {
    const cut = cutOffs(l)
    const row = card.addRow([i + 1, l.code, l.name.zh, l.unit.zh, l.weight, l.better === 'higher' ? '越高越好' : '越低越好', cut.green, cut.yellow, cut.red])
    ;(['green', 'yellow', 'red'] as const).forEach((color, k) => { row.getCell(7 + k).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[color] } } })
  })
  card.addRow(['', '', '合计', '', weights]).font = { bold: true }
  card.addRow([])
  const how = card.addRow([`计分：绿档得该项全部权重分，黄档得一半，红档 0 分；无数据的指标不计入，得分 = 所得分 ÷ 有数据指标的权重之和 × 100（保留一位小数）。`])
  card.mergeCells(how.number, 1, how.number, 9)
  how.alignment = { wrapText: true }
  how.height = 30
  ;[6, 26, 24, 8, 8, 10, 10, 10, 10].forEach((w, i) => { card.getColumn(i + 1).width = w })
  return Buffer.from(await book.xlsx.writeBuffer())
}
