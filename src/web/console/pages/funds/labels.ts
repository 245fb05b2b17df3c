// Words of the funds and projects page, Chinese (the reference) and English.
import { useLabels } from '../../common.tsx'

export const sourceWords = {
  party_work: { zh: '党建工作经费', en: 'Party work funds' },
  service: { zh: '服务群众专项经费', en: 'Service funds' },
  member_activity: { zh: '党员活动经费', en: 'Member activity funds' },
  special: { zh: '专项资金', en: 'Special funds' },
  co_building: { zh: '共建单位支持', en: 'Co-building contributions' },
} as const
// The kinds and states are the phone page's words (one list for both apps).
export { kindText as kindWords, stateText as stateWords } from '../../../h5/pages/funds/words.ts'
export const proposerWords = {
  residents: { zh: '居民议事', en: 'Residents' },
  social_organisation: { zh: '社会组织', en: 'Social organisation' },
  community: { zh: '社区', en: 'Community' },
} as const
export const stageWords = {
  incubating: { zh: '孵化中', en: 'Incubating' },
  hatched: { zh: '已出壳', en: 'Hatched' },
  registered: { zh: '已登记', en: 'Registered' },
} as const
export const actionWords: Record<string, { zh: string; en: string }> = {
  create: { zh: '提出', en: 'Proposed' }, decide: { zh: '决定实施', en: 'Decided' }, reject: { zh: '不予实施', en: 'Rejected' },
  budget: { zh: '安排预算', en: 'Budgeted' }, expense: { zh: '登记支出', en: 'Expense' }, progress: { zh: '更新进度', en: 'Progress' },
  complete: { zh: '完成', en: 'Completed' }, cancel: { zh: '取消', en: 'Cancelled' }, pledge: { zh: '认捐', en: 'Pledge' },
  pledge_confirm: { zh: '认捐到账', en: 'Pledge received' }, pledge_withdraw: { zh: '认捐撤回', en: 'Pledge withdrawn' },
}

const zh = {
  title: '经费与项目', scope: '社区或街道', year: '年度', tabFunds: '经费', tabProjects: '项目', tabSocial: '社会组织',
  addFund: '登记经费', name: '名称', source: '来源', amount: '金额（元）', committed: '已安排', spent: '已支出', left: '剩余', projects: '项目数',
  rule: '治理占比', ruleOk: '达标', ruleBroken: '未达标', noRule: '—', budget: '预算', community: '社区', kind: '类型', state: '状态',
  progress: '进度', proposedBy: '提出方', fund: '列支经费', target: '众筹目标', received: '已到账', pledged: '已认捐', resolution: '议事决议',
  expenses: '支出明细', spentOn: '日期', item: '事项', payee: '收款方', receipts: '票据', pledges: '认捐', pledger: '认捐人', timeline: '时间线',
  addExpense: '登记支出', decide: '决定实施', budgetIt: '安排预算', confirm: '确认到账', save: '保存', cancel: '取消', services: '服务项目',
  stage: '孵化阶段', incubatedOn: '入孵日期', hatchedOn: '出壳日期', receivedMoney: '获得资金', none: '暂无', governance: '治理项目',
  budgetCard: '预算', committedCard: '已安排', spentCard: '已支出', ruleText: (pct: number, min: number) => `治理占比 ${pct}%（要求 ≥ ${min}%）`,
  yuan: '元', saved: '已保存', noFunds: '本年度还没有登记经费', noProjects: '还没有项目', note: '备注', figures: '各社区经费情况',
  edit: '编辑', editFund: '修改经费', notBelow: (v: string) => `不能少于已安排给项目的 ${v}`, actions: '操作',
  editSocial: '编辑社会组织', servicesHint: '输入后回车，可填多项', complete: '项目完成', completeNote: '完成情况', evidence: '完成情况照片',
  addPhoto: '上传照片', needPhoto: '请上传至少 1 张完成情况的照片', evidenceShown: '完成照片', propose: '提出项目', summary: '简介',
  title4: '项目名称至少 4 个字', asUnit: '以社会组织名义', reject: '不予实施', rejectReason: '不予实施的原因',
}
type Labels = typeof zh
const en: Labels = {
  title: 'Funds and projects', scope: 'Community or street', year: 'Year', tabFunds: 'Funds', tabProjects: 'Projects', tabSocial: 'Social organisations',
  addFund: 'Register fund', name: 'Name', source: 'Source', amount: 'Amount (yuan)', committed: 'Committed', spent: 'Spent', left: 'Left', projects: 'Projects',
  rule: 'Governance share', ruleOk: 'Met', ruleBroken: 'Not met', noRule: '—', budget: 'Budget', community: 'Community', kind: 'Kind', state: 'State',
  progress: 'Progress', proposedBy: 'Proposed by', fund: 'Fund', target: 'Target', received: 'Received', pledged: 'Pledged', resolution: 'Resolution',
  expenses: 'Expenses', spentOn: 'Date', item: 'Item', payee: 'Payee', receipts: 'Receipts', pledges: 'Pledges', pledger: 'Pledger', timeline: 'Timeline',
  addExpense: 'Record expense', decide: 'Decide', budgetIt: 'Budget', confirm: 'Confirm receipt', save: 'Save', cancel: 'Cancel', services: 'Services',
  stage: 'Stage', incubatedOn: 'Incubated on', hatchedOn: 'Hatched on', receivedMoney: 'Money received', none: 'None', governance: 'Governance',
  budgetCard: 'Budget', committedCard: 'Committed', spentCard: 'Spent', ruleText: (pct: number, min: number) => `Governance ${pct}% (needs ≥ ${min}%)`,
  yuan: 'yuan', saved: 'Saved', noFunds: 'No funds registered this year', noProjects: 'No projects yet', note: 'Note', figures: 'Funds per community',
  edit: 'Edit', editFund: 'Edit fund', notBelow: (v: string) => `Not below the ${v} committed to projects`, actions: 'Actions',
  editSocial: 'Edit social organisation', servicesHint: 'Type and press Enter; several allowed', complete: 'Complete project', completeNote: 'What was done', evidence: 'Evidence photos',
  addPhoto: 'Upload photo', needPhoto: 'Upload at least one photo of the result', evidenceShown: 'Evidence', propose: 'Propose project', summary: 'Summary',
  title4: 'At least 4 characters', asUnit: 'For the social organisation', reject: 'Reject', rejectReason: 'Why it is rejected',
}

export function useFundLabels(): Labels {
  return useLabels({ zh, en })
}

export const money = (n: number) => `¥${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`
