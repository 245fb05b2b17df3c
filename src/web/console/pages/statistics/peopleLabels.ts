// The console's words for 人员考核 (grid workers' and members' scorecards), Chinese first.
import { useLabels } from '../../common.tsx'

const zh = {
  title: '人员考核',
  role: '考核对象',
  grid_worker: '网格员',
  member: '在职党员',
  scope: '考核范围',
  periodKind: '统计期类型',
  month: '月',
  quarter: '季度',
  year: '年',
  period: '统计期',
  export: '导出 Excel',
  rank: '排名',
  name: '姓名',
  org: { grid_worker: '网格', member: '报到社区' } as Record<string, string>,
  score: '得分',
  trend: '较上期',
  noScore: '无数据',
  weight: '权重',
  figure: (value: string, num?: number, den?: number) => (den === undefined ? value : `${value}（${num} / ${den}）`),
  cellTip: (name: string, figure: string, points: string, cut: string) => `${name}：${figure}；${points}；${cut}`,
  points: (p: number, w: number) => `得 ${p} 分（权重 ${w}）`,
  noData: '本期无数据，不计分',
  cuts: (green: number, yellow: number, unit: string) => `绿档 ≥ ${green}${unit}，黄档 ≥ ${yellow}${unit}`,
  previousOf: (p: string, s: number | null) => `上期（${p}）：${s === null ? '无数据' : `${s} 分`}`,
  color: { green: '绿', yellow: '黄', red: '红', none: '无数据' } as Record<string, string>,
  summary: (total: number, scored: number, average: number | null) => `共 ${total} 人，${scored} 人有得分${average === null ? '' : `，平均 ${average} 分`}`,
  rule: '绿档得该项全部权重分，黄档得一半，红档不得分；没有数据的项（如当期未办理事件的按期办理率）不计入，得分按其余各项折算为百分制。次数、时长、积分的分档按月计，季度、年度按月数累计。',
  empty: '该范围内没有此类人员',
  pageOf: (page: number, pages: number | null) => `第 ${page} 页${pages === null ? '' : `，共 ${pages} 页`}`,
  prev: '上一页',
  next: '下一页',
}

const en: typeof zh = {
  title: 'People’s scores',
  role: 'Who',
  grid_worker: 'Grid workers',
  member: 'In-service members',
  scope: 'Scope',
  periodKind: 'Period type',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  period: 'Period',
  export: 'Export Excel',
  rank: 'Rank',
  name: 'Name',
  org: { grid_worker: 'Grid', member: 'Community' },
  score: 'Score',
  trend: 'Change',
  noScore: 'No data',
  weight: 'Weight',
  figure: zh.figure,
  cellTip: zh.cellTip,
  points: (p, w) => `${p} points (weight ${w})`,
  noData: 'No data this period; not scored',
  cuts: (green, yellow, unit) => `green ≥ ${green}${unit}, yellow ≥ ${yellow}${unit}`,
  previousOf: (p, s) => `Previous (${p}): ${s === null ? 'no data' : s}`,
  color: { green: 'Green', yellow: 'Yellow', red: 'Red', none: 'No data' },
  summary: (total, scored, average) => `${total} people, ${scored} scored${average === null ? '' : `, average ${average}`}`,
  rule: 'Green earns the line’s weight, yellow half, red nothing; lines without data are left out and the score is scaled to 100. Counts, hours and points are cut per month, times the months of a quarter or year.',
  empty: 'Nobody of this kind here',
  pageOf: (page, pages) => `Page ${page}${pages === null ? '' : ` of ${pages}`}`,
  prev: 'Previous',
  next: 'Next',
}

export const usePeopleLabels = () => useLabels({ zh, en })
export type PeopleLabels = typeof zh

/** Cell fills by band (text dark enough on each for WCAG AA). */
export const CELL_COLORS: Record<string, { fill: string; text: string }> = {
  green: { fill: '#d9f7be', text: '#135200' },
  yellow: { fill: '#fff1b8', text: '#613400' },
  red: { fill: '#ffccc7', text: '#820014' },
  none: { fill: '#f5f5f5', text: '#595959' },
}

export const scoreTone = (s: number | null) => (s === null ? 'muted' as const : s >= 85 ? 'success' as const : s >= 60 ? 'warning' as const : 'danger' as const)
