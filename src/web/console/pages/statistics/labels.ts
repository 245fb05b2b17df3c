// The console's words for the statistics table (统计一套表), Chinese first.
import type { StatisticsTable } from '@server/modules/statistics/statistics.schemas.ts'
import { formatTime, useLabels } from '../../common.tsx'

type Lock = NonNullable<StatisticsTable['lock']>
const lockEn = { submitted: 'submitted', approved: 'approved', accepted: 'accepted' } as const

/** Why a month is locked: the server's Chinese sentence, or the same in English. */
export function lockText(lock: Lock, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return lock.message
  if (lock.reason === 'period_closed') return 'the period is closed (3 months after its end)'
  return `${lock.by?.name ?? ''} ${lockEn[lock.reason]} by ${lock.actedBy?.name ?? '—'} on ${formatTime(lock.at)}`
}

const zh = {
  title: '统计一套表',
  scope: '统计范围',
  ledger: '台账',
  livelihood: '民生台账',
  party: '党建台账',
  periodKind: '统计期类型',
  month: '月',
  quarter: '季度',
  year: '年',
  period: '统计期',
  unit: '单位',
  total: '合计',
  breakdownSwitch: '分组',
  breakdowns: { none: '不分组', gender: '按性别', ageBand: '按年龄段', memberKind: '按党员类型', category: '按类别' },
  partTotal: '小计',
  partOf: (part: string, indicator: string) => `${indicator}中“${part}”的部分`,
  noneSplit: (_n: number) => `本台账没有支持此分组的指标，请切换台账或选择“不分组”`,
  hiddenBySplit: (n: number) => `已按所选分组展开支持分组的指标；其余 ${n} 项指标不支持此分组，选择“不分组”查看。`,
  drill: '查看下级',
  up: '返回上级',
  state: { open: '填报中', submitted: '已上报', approved: '已审批', accepted: '已验收' } as Record<string, string>,
  computedAt: '数据更新于',
  never: '尚未计算',
  waiting: (n: number) => `${n} 个社区月份的数据待后台刷新（每分钟一批）`,
  fresh: '数据已是最新',
  ratioOf: (num: number, den: number) => `${num} / ${den}`,
  noDenominator: '无可计算的基数',
  definition: '口径',
  aggregation: { sum: '逐级相加', ratio_of_sums: '分子、分母分别逐级相加后再相除（不平均比率）' } as Record<string, string>,
  time: { sum: '跨月相加', last: '取期末月份' } as Record<string, string>,
  empty: '本级没有下级社区',
  locked: '本月报表已锁定：',
  frozenNote: '表中为上报、审批时冻结的数字；记录此后有变动的，数字旁标“上报后变动”。',
  unlockedUntil: (t: string) => `上一级已开放修改，至 ${t} 止。`,
  toReports: '上报审批',
  moved: '上报后变动',
  movedTip: (live: string, frozen: string) => `按当前记录计算为 ${live}；表中为上报时冻结的 ${frozen}`,
}
const en: typeof zh = {
  title: 'Statistics table',
  scope: 'Area',
  ledger: 'Ledger',
  livelihood: 'Livelihood ledger',
  party: 'Party-building ledger',
  periodKind: 'Period type',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  period: 'Period',
  unit: 'Unit',
  total: 'Total',
  breakdownSwitch: 'Breakdown',
  breakdowns: { none: 'No breakdown', gender: 'By gender', ageBand: 'By age band', memberKind: 'By member kind', category: 'By category' },
  partTotal: 'Total',
  partOf: (part: string, indicator: string) => `The “${part}” part of ${indicator}`,
  noneSplit: (_n: number) => 'No indicator of this ledger has this breakdown; switch the ledger or choose no breakdown',
  hiddenBySplit: (n: number) => `Indicators with this breakdown are split; the other ${n} do not have it (choose no breakdown to see them).`,
  drill: 'Open',
  up: 'Up one level',
  state: { open: 'Open', submitted: 'Submitted', approved: 'Approved', accepted: 'Accepted' },
  computedAt: 'Figures computed',
  never: 'Not computed yet',
  waiting: (n: number) => `${n} community-months wait for the background refresh (a batch a minute)`,
  fresh: 'Figures are up to date',
  ratioOf: (num: number, den: number) => `${num} / ${den}`,
  noDenominator: 'Nothing to divide by',
  definition: 'Definition',
  aggregation: { sum: 'Summed up the tree', ratio_of_sums: 'Numerators and denominators summed separately, then divided (never an average of ratios)' },
  time: { sum: 'Summed over months', last: 'The last month of the period' },
  empty: 'No communities under this node',
  locked: 'This month is locked: ',
  frozenNote: 'The figures are those frozen when reported; where the records moved since, the figure is marked “Moved since”.',
  unlockedUntil: (t: string) => `Opened for changes by the level above until ${t}.`,
  toReports: 'Reports',
  moved: 'Moved since',
  movedTip: (live: string, frozen: string) => `The records now give ${live}; the table shows ${frozen} as frozen when reported`,
}

export const useStatisticsLabels = () => useLabels({ zh, en })
