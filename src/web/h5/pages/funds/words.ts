// Words of the phone's project page, Chinese (the reference) and English.
import { useI18n } from '../../../shared/i18n.tsx'

export const kindText = {
  benefit: { zh: '惠民项目', en: 'Benefit project' },
  venture: { zh: '红色创投', en: 'Venture project' },
  crowdfunding: { zh: '微公益众筹', en: 'Crowdfunding' },
} as const
export const stateText = {
  proposed: { zh: '已提出', en: 'Proposed' },
  decided: { zh: '已决定', en: 'Decided' },
  budgeted: { zh: '实施中', en: 'Under way' },
  done: { zh: '已完成', en: 'Done' },
  rejected: { zh: '不予实施', en: 'Rejected' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const

const words = {
  title: { zh: '项目公开', en: 'Projects and spending' },
  titleOf: { zh: '{name}项目公开', en: 'Projects of {name}' },
  hint: { zh: '社区的钱花在哪里：决定的项目、金额、支出和进度，大家监督', en: 'Where the community\'s money goes: projects, amounts, spending and progress' },
  totals: { zh: '合计', en: 'Totals' },
  projects: { zh: '个项目', en: 'projects' },
  budget: { zh: '预算', en: 'budgeted' },
  spent: { zh: '已支出', en: 'spent' },
  empty: { zh: '本年度还没有公开的项目', en: 'No projects published this year' },
  resolution: { zh: '经居民议事通过：{title}', en: 'Approved by residents: {title}' },
  runBy: { zh: '承接：{name}', en: 'Run by {name}' },
  money: { zh: '预算 {budget}，已支出 {spent}', en: 'Budget {budget}, spent {spent}' },
  raised: { zh: '已到账 {received}，已认捐 {pledged}，目标 {target}', en: 'Received {received}, pledged {pledged}, target {target}' },
  toTarget: { zh: '众筹进度', en: 'Towards the target' },
  progress: { zh: '项目进度', en: 'Progress' },
  pledgers: { zh: '爱心认捐：{names}', en: 'Pledged by: {names}' },
  expenses: { zh: '支出明细（{n} 笔）', en: 'Expenses ({n})' },
  evidence: { zh: '完成情况照片', en: 'Evidence photo' },
  done: { zh: '完成情况：{note}', en: 'Done: {note}' },
  amount: { zh: '认捐金额（元）', en: 'Amount (yuan)' },
  pledgeAs: { zh: '认捐人', en: 'Pledge as' },
  myself: { zh: '我本人', en: 'Myself' },
  pledge: { zh: '我要认捐', en: 'Pledge' },
  pledgeAsk: { zh: '确认认捐 {amount}？请按社区公布的方式交付，社区确认到账后公示。', en: 'Pledge {amount}? Pay as the community says; it is shown once received.' },
  pledged: { zh: '认捐成功，谢谢您的爱心！', en: 'Thank you for your pledge!' },
  amountNeeded: { zh: '请填写认捐金额', en: 'Enter an amount' },
  noMoney: { zh: '平台只登记认捐，不经手资金', en: 'Linli records pledges; it handles no money' },
  login: { zh: '登录后认捐', en: 'Sign in to pledge' },
  pickCommunity: { zh: '选择社区', en: 'Choose a community' },
  pickHint: { zh: '输入社区名称中的一两个字', en: 'Type a character or two of its name' },
  noSuchCommunity: { zh: '没有找到这个社区', en: 'No such community' },
  otherCommunity: { zh: '看看其他社区', en: 'Another community' },
  propose: { zh: '我们社会组织要提项目', en: 'Propose a project for our organisation' },
  asOrg: { zh: '以哪个社会组织的名义', en: 'For which organisation' },
  asOrgOne: { zh: '以“{name}”的名义向{org}提出', en: 'For {name}, to {org}' },
  kind: { zh: '项目类型', en: 'Kind' },
  projectTitle: { zh: '项目名称（至少 4 个字）', en: 'Title (at least 4 characters)' },
  summary: { zh: '项目简介：做什么、为谁、怎么做', en: 'What, for whom and how' },
  target: { zh: '众筹目标（元）', en: 'Target (yuan)' },
  send: { zh: '提交提议', en: 'Send the proposal' },
  proposeHint: { zh: '提议交由社区审议，决定实施后会通知您', en: 'The community decides; you are told of its decision' },
  proposed: { zh: '已提交，{org}的社区干部会审议并通知您', en: 'Sent; the cadres of {org} decide and tell you' },
} as const

export function useFundWords() {
  const { lang } = useI18n()
  return (key: keyof typeof words, params: Record<string, string | number> = {}) =>
    words[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''))
}
