// The console's words for 考核排名 (the assessment's ranking, charts and map), Chinese first.
import { useLabels } from '../../common.tsx'

const zh = {
  title: '考核排名',
  scope: '考核范围',
  periodKind: '统计期类型',
  month: '月',
  quarter: '季度',
  year: '年',
  period: '统计期',
  up: '返回上级',
  export: '导出 Excel',
  exported: '已导出考核排名',
  rank: '排名',
  unit: '单位',
  score: '得分',
  trend: '较上期',
  own: '本级',
  noScore: '无数据',
  drill: '查看下级考核',
  empty: '本级没有下级单位，只显示本级得分',
  scoreOf: (s: number | null) => (s === null ? '无数据' : `${s} 分`),
  previousOf: (p: string, s: number | null) => `上期（${p}）：${s === null ? '无数据' : `${s} 分`}`,
  cellTip: (name: string, figure: string, points: string, cut: string) => `${name}：${figure}；${points}；${cut}`,
  figure: (value: string, num?: number, den?: number) => (den === undefined ? value : `${value}（${num} / ${den}）`),
  points: (p: number, w: number) => `得 ${p} 分（权重 ${w}）`,
  noData: '无数据，不计分',
  cuts: (better: 'higher' | 'lower', green: number, yellow: number) => better === 'higher' ? `绿档 ≥ ${green}，黄档 ≥ ${yellow}` : `绿档 ≤ ${green}，黄档 ≤ ${yellow}`,
  color: { green: '绿', yellow: '黄', red: '红', none: '无数据' } as Record<string, string>,
  rule: '绿档得该项全部权重分，黄档得一半，红档不得分；没有数据的指标不计入，得分按有数据指标的权重折算为百分制。',
  weight: '权重',
  bars: '各下级得分',
  trendTitle: '得分走势',
  child: '对比下级',
  map: '指标分布图',
  indicator: '地图指标',
  mapEmpty: '下级单位没有绘制边界，无法显示分布图',
  legend: '图例',
  total: '合计',
}

const en: typeof zh = {
  title: 'Assessment ranking',
  scope: 'Area',
  periodKind: 'Period type',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  period: 'Period',
  up: 'Up one level',
  export: 'Export to Excel',
  exported: 'Assessment exported',
  rank: 'Rank',
  unit: 'Unit',
  score: 'Score',
  trend: 'Change',
  own: 'this level',
  noScore: 'No data',
  drill: 'Open this unit’s assessment',
  empty: 'No units under this node: only its own score is shown',
  scoreOf: (s: number | null) => (s === null ? 'No data' : `${s} points`),
  previousOf: (p: string, s: number | null) => `Previous period (${p}): ${s === null ? 'no data' : `${s} points`}`,
  cellTip: (name: string, figure: string, points: string, cut: string) => `${name}: ${figure}; ${points}; ${cut}`,
  figure: (value: string, num?: number, den?: number) => (den === undefined ? value : `${value} (${num} / ${den})`),
  points: (p: number, w: number) => `${p} points (weight ${w})`,
  noData: 'no data, not scored',
  cuts: (better: 'higher' | 'lower', green: number, yellow: number) => better === 'higher' ? `green ≥ ${green}, yellow ≥ ${yellow}` : `green ≤ ${green}, yellow ≤ ${yellow}`,
  color: { green: 'green', yellow: 'yellow', red: 'red', none: 'no data' },
  rule: 'Green earns the line’s full weight, yellow half, red nothing; lines without data are left out and the score is scaled to 100.',
  weight: 'Weight',
  bars: 'Scores of the units',
  trendTitle: 'Score over time',
  child: 'Compare with',
  map: 'Indicator map',
  indicator: 'Indicator on the map',
  mapEmpty: 'The units below have no boundaries drawn: no map to show',
  legend: 'Legend',
  total: 'Total',
}

export const useAssessmentLabels = () => useLabels({ zh, en })
export type AssessmentLabels = typeof zh

/** Cell colours: the fill of a scored cell and the map, and a readable text colour on it. */
export const CELL_COLORS = {
  green: { fill: '#d9f7be', map: '#52c41a', text: '#135200' },
  yellow: { fill: '#fff1b8', map: '#fadb14', text: '#7a4500' },
  red: { fill: '#ffccc7', map: '#f5222d', text: '#a8071a' },
  none: { fill: '#f5f5f5', map: '#bfbfbf', text: '#595959' },
} as const

/** A score's tone: 85 and above good, 60 and above fair, below that poor. */
export const scoreTone = (s: number | null) => (s === null ? 'muted' as const : s >= 85 ? 'success' as const : s >= 60 ? 'warning' as const : 'danger' as const)
export const TONE_COLORS = { success: '#52c41a', warning: '#faad14', danger: '#f5222d', muted: '#bfbfbf' } as const
