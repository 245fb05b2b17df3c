// The statistics module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const statisticsMessages = {
  STATISTICS_INVALID: { zh: '统计查询有误，请检查标出的各项', en: 'The statistics request is invalid; see the marked fields' },
  STATISTICS_TARGETS_NODE: { zh: '考核目标由市、区、街道为辖区设置，请选择这些层级的节点', en: 'Targets are set by a city, district or street for its area; choose one of those' },
  STATISTICS_NODE_KIND: { zh: '统计一套表按城市、区、街道、社区（村）查看，请选择这些层级的节点', en: 'The statistics table is read at a city, district, street or community' },
  STATISTICS_NOT_COMMUNITY: { zh: '统计表由社区（村）上报，请选择社区（村）', en: 'A community (village) submits its table; choose one' },
  STATISTICS_NOT_APPROVER: { zh: '审批由街道进行，验收由区、市进行，请选择这些层级的节点', en: 'A street approves and a district or city accepts; choose one of those' },
  STATISTICS_PERIOD_OPEN: { zh: '统计期 {period} 尚未结束，月末之后才能上报和审批', en: 'The period {period} has not ended; report after the month is over' },
  STATISTICS_LOCKED: { zh: '该月报表已锁定：{reason}。如需修改，请联系上一级开放修改', en: 'This month is locked: {reason}. Ask the level above to open it' },
  STATISTICS_WAITING: { zh: '还有 {count} 个下级未上报或未审批：{names}', en: '{count} below have not submitted or been approved yet: {names}' },
  STATISTICS_NOT_LOCKED: { zh: '该月报表尚未上报，也未关闭，无需开放修改', en: 'This month is neither reported nor closed; nothing to open' },
  STATISTICS_PARENT_LOCKED: { zh: '上级“{node}”已审批该月报表，须先开放上级的修改', en: '“{node}” above has approved this month; open that first' },
} as const satisfies Record<string, { zh: string; en: string }>

export const statisticsDetails = {
  'statistics.period': { zh: '统计期须为月（2026-11）、季度（2026-Q4）或年（2026）', en: 'A period is a month (2026-11), a quarter (2026-Q4) or a year (2026)' },
  'statistics.month': { zh: '上报、审批按月进行，统计期须为月（如 2026-11）', en: 'Reports are monthly: a period like 2026-11' },
  'statistics.manualUnknown': { zh: '没有这个填报项', en: 'No such manual field' },
  'statistics.manualMissing': { zh: '请填写此项（没有发生请填 0）', en: 'Fill this in (0 if none)' },
  'statistics.manualValue': { zh: '须为 0 到 10 亿之间的数字', en: 'A number from 0 to 1,000,000,000' },
  'statistics.reason': { zh: '请写明开放修改的原因（2 到 500 字）', en: 'Give the reason (2 to 500 characters)' },
  'statistics.breakdown': { zh: '没有这种分组方式，可选：gender（性别）、ageBand（年龄段）、memberKind（党员类型）、category（类别）', en: 'No such breakdown: gender, ageBand, memberKind or category' },
  'statistics.targetLine': { zh: '评分表没有这一项', en: 'No such line on this scorecard' },
  'statistics.targetPercent': { zh: '比率的目标值不能超过 100', en: 'A rate’s cut-off is at most 100' },
  'statistics.targetOrder': { zh: '黄灯线不能高于绿灯线（数值越小越好的项反之）', en: 'Yellow cannot be above green (the reverse for lower-is-better lines)' },
  'statistics.hours': { zh: '开放时长为 1 到 168 小时', en: 'From 1 to 168 hours' },
} as const satisfies Record<string, { zh: string; en: string }>

const LOCK = {
  submitted: '{node}已于 {at} 由{who}上报',
  approved: '{node}已于 {at} 由{who}审批',
  accepted: '{node}已于 {at} 由{who}验收',
  period_closed: `该统计期已关闭（月末后满 3 个月）`,
} as const

/** A lock's reason in words (Chinese; the console shows it as given). */
export const lockWords = (reason: keyof typeof LOCK, p: { node: string; who: string; at: string }) =>
  LOCK[reason].replace('{node}', p.node).replace('{who}', p.who).replace('{at}', p.at.replace('T', ' '))

export const statisticsAuditWords = {
  actions: {
    'statistics.submit': { zh: '上报统计表', en: 'Submit statistics' },
    'statistics.approve': { zh: '审批统计表', en: 'Approve statistics' },
    'statistics.accept': { zh: '验收统计表', en: 'Accept statistics' },
    'statistics.unlock': { zh: '开放统计表修改', en: 'Open statistics for changes' },
    'statistics.targets': { zh: '设置人员考核目标', en: 'Set per-person targets' },
  },
  entities: {
    statistic_report: { zh: '统计报表', en: 'Statistics report' },
    statistic_person_targets: { zh: '人员考核目标', en: 'Per-person targets' },
  },
} as const satisfies AuditWords
