// The statistics table and the assessment as PDF, for printing and filing beside the Excel export:
// the same content (the node, period and approval state in the title, both ledgers, a row per
// child and a total row, two-level headers), set on landscape pages by statistics.pdf.layout.ts.
import { GROUPS, LEDGER_WORDS, periodWords, STATE_WORDS } from './statistics.export.ts'
import { renderSheets, type Column, type Row, type Sheet } from './statistics.pdf.layout.ts'
import type { StatisticsTable } from './statistics.schemas.ts'
import type { createAssessments } from './statistics.assessments.ts'

export type Assessment = Awaited<ReturnType<ReturnType<typeof createAssessments>['assess']>>

const NAME: Column = { group: null, label: '单位', width: 120, align: 'left' }
const groupOf = (code: string) => GROUPS[code.split('.')[0]!] ?? code.split('.')[0]!
/** A figure as the table shows it: up to two decimals, blank when there is none. */
export const figureText = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(Math.round(v * 100) / 100))
const beijing = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

export function tableSheet(table: StatisticsTable): Sheet {
  let moved = false
  const cellsOf = (r: StatisticsTable['total']) => table.indicators.map((i) => {
    const c = r.values[i.code]
    if (c?.live) moved = true
    return { text: figureText(c?.value) + (c?.live ? '*' : '') }
  })
  const rows: Row[] = table.rows.map((r) => ({ fixed: [{ text: r.name }], cells: cellsOf(r) }))
  rows.push({ fixed: [{ text: table.rows.length ? '合计' : table.total.name }], cells: cellsOf(table.total), bold: true })
  return {
    title: `${table.org.name} ${periodWords(table.period)} 统计一套表（${LEDGER_WORDS[table.ledger]}）· ${STATE_WORDS[table.state]}`,
    subtitle: `${table.lock ? `${table.lock.message}　` : ''}数据计算于 ${table.computedAt ? new Date(Date.parse(table.computedAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—'}（北京时间）${table.waiting ? `，另有 ${table.waiting} 个社区月份待刷新` : ''}`,
    fixed: [NAME],
    columns: table.indicators.map((i) => ({ group: groupOf(i.code), label: `${i.name.zh}（${i.unit.zh}）` })),
    rows,
    note: `说明：比率类指标（%）为下级分子、分母分别汇总后相除，不是比率的平均；空白为未填报的手填项。${table.frozen.length ? '已上报或审批的数字为冻结数，其后记录的变动不改变本表' : ''}${moved ? '；带 * 的数字冻结后记录有变动（现值见系统）' : ''}${table.frozen.length ? '。' : ''}导出时间：${beijing()}（北京时间）`,
  }
}

/** Both ledgers of a node's table, one after the other. */
export function tablePdf(tables: StatisticsTable[]): Promise<Buffer> {
  const t = tables[0]!
  return renderSheets(tables.map(tableSheet), { title: `统计一套表 ${t.org.name} ${t.period}`, author: t.org.name })
}

const COLOR_FILL = { green: '#d9f2d9', yellow: '#fff2bf', red: '#f8d0d0', none: undefined } as const
const COLOR_WORDS = { green: '绿', yellow: '黄', red: '红', none: '' } as const
const signed = (v: number | null) => (v === null ? '' : v > 0 ? `+${v}` : String(v))

export function assessmentSheet(a: Assessment): Sheet {
  const fixed: Column[] = [
    { group: null, label: '排名', width: 34, align: 'center' },
    { ...NAME },
    { group: null, label: '得分', width: 44 },
    { group: null, label: `上期（${a.previous}）`, width: 56 },
    { group: null, label: '变化', width: 40 },
  ]
  const rowOf = (r: Assessment['total'] & { rank?: number | null }, total = false): Row => ({
    fixed: [{ text: total ? '' : r.rank === null || r.rank === undefined ? '—' : String(r.rank) }, { text: total ? `${r.name}（本级）` : r.name }, { text: figureText(r.score) }, { text: figureText(r.previousScore) }, { text: signed(r.trend) }],
    cells: a.scorecard.map((l) => {
      const c = r.cells[l.code]
      return { text: c && c.value !== null ? `${figureText(c.value)} ${COLOR_WORDS[c.color]}` : '—', fill: c ? COLOR_FILL[c.color] : undefined }
    }),
    bold: total,
  })
  const rows = [...a.rows].sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity)).map((r) => rowOf(r))
  rows.push(rowOf(a.total, true))
  return {
    title: `${a.org.name} ${periodWords(a.period)} 考核排名`,
    subtitle: `按评分表给每个下级打分：绿档得满分、黄档得一半、红档不得分，无数据的指标不计，得分折算为百分制；与上一统计期（${a.previous}）比较`,
    fixed,
    columns: a.scorecard.map((l) => ({ group: groupOf(l.code), label: `${l.name.zh}（${l.unit.zh}）权重 ${l.weight}，绿 ${l.better === 'higher' ? '≥' : '≤'} ${l.green}` })),
    rows,
    note: `说明：每格为该指标本期的数字和档次（绿、黄、红），“—”为无数据；比率为分子、分母分别汇总后相除。得分可追溯到统计一套表中的数字。导出时间：${beijing()}（北京时间）`,
  }
}

export function assessmentPdf(a: Assessment): Promise<Buffer> {
  return renderSheets([assessmentSheet(a)], { title: `考核排名 ${a.org.name} ${a.period}`, author: a.org.name })
}
