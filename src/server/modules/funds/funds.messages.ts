// The funds module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const fundsMessages = {
  FUND_NOT_FOUND: { zh: '经费不存在', en: 'No such fund' },
  FUND_INVALID: { zh: '经费信息有误，请检查标出的各项', en: 'The fund is invalid; see the marked fields' },
  FUND_BELOW_COMMITTED: { zh: '经费金额不能少于已安排给项目的 {committed} 元', en: 'The amount cannot be less than the {committed} yuan already committed to projects' },
  FUND_OVER_BUDGET: { zh: '经费余额不足：“{fund}”剩余 {left} 元，本项目需要 {asked} 元', en: 'Not enough left in the fund "{fund}": {left} yuan left, {asked} asked' },
  PROJECT_NOT_FOUND: { zh: '项目不存在', en: 'No such project' },
  PROJECT_INVALID: { zh: '项目信息有误，请检查标出的各项', en: 'The project is invalid; see the marked fields' },
  PROJECT_STATE: { zh: '项目当前为“{state}”，不能{action}', en: 'The project is {state}; it cannot be {action}' },
  PROJECT_OVERSPENT: { zh: '支出超出项目可用资金：可用 {available} 元，已支出 {spent} 元，本次 {asked} 元', en: 'Over the project\'s money: {available} yuan available, {spent} spent, {asked} asked' },
  PROJECT_HAS_EXPENSES: { zh: '项目已有支出记录，不能取消', en: 'The project has expenses; it cannot be cancelled' },
  PLEDGE_NOT_FOUND: { zh: '认捐记录不存在', en: 'No such pledge' },
  PLEDGE_STATE: { zh: '认捐当前为“{state}”，不能{action}', en: 'The pledge is {state}; it cannot be {action}' },
  SOCIAL_ORG_INVALID: { zh: '社会组织信息有误，请检查标出的各项', en: 'The social organisation is invalid; see the marked fields' },
} as const satisfies Record<string, { zh: string; en: string }>

export const fundsDetails = {
  'funds.orgKind': { zh: '请选择街道或社区', en: 'Choose a street or a community' },
  'funds.unitForCoBuilding': { zh: '共建单位支持须选择出资单位', en: 'A co-building contribution needs the unit that gave it' },
  'funds.unitOnlyCoBuilding': { zh: '只有共建单位支持可以选择出资单位', en: 'Only co-building contributions name a unit' },
  'funds.unitNotPaired': { zh: '该单位未与本社区结对共建', en: 'The unit has no pairing with the community' },
  'funds.pctOnlyService': { zh: '治理占比规则只适用于服务群众专项经费', en: 'The governance share applies to service funds only' },
  'projects.unitRequired': { zh: '红色创投项目须选择承接的社会组织', en: 'A venture project needs the social organisation that runs it' },
  'projects.unitNotSocialOrg': { zh: '所选单位不是社会组织', en: 'The unit is not a social organisation' },
  'projects.unitProposes': { zh: '社会组织自行提出的项目，提出方须为社会组织', en: 'A project a social organisation proposes itself is proposed by the social organisation' },
  'projects.unitNoResolution': { zh: '关联议事决议的项目由社区干部登记', en: 'Projects decided by a resolution are recorded by the community cadres' },
  'projects.targetRequired': { zh: '微公益众筹须填写目标金额', en: 'A crowdfunding project needs its target' },
  'projects.targetOnlyCrowdfunding': { zh: '只有微公益众筹有目标金额', en: 'Only crowdfunding projects have a target' },
  'projects.resolutionRequired': { zh: '居民议事提出的项目须关联通过它的议事决议', en: 'A project proposed through deliberation needs the resolution that approved it' },
  'projects.resolutionElsewhere': { zh: '决议不属于本社区', en: 'The resolution belongs to another community' },
  'projects.fundRequired': { zh: '请选择列支的经费', en: 'Choose the fund it is paid from' },
  'projects.fundElsewhere': { zh: '经费须属于本社区（或上级街道）且与项目同一年度', en: 'The fund must be the community\'s (or its street\'s) and of the project\'s year' },
  'projects.budgetPositive': { zh: '预算须大于 0', en: 'The budget must be above 0' },
  'projects.progressBack': { zh: '进度不能倒退', en: 'Progress cannot go back' },
  'pledges.onlyCrowdfunding': { zh: '只有微公益众筹项目接受认捐', en: 'Only crowdfunding projects take pledges' },
  'pledges.notForUnit': { zh: '您不是该单位的联系人，不能代表它认捐', en: 'You do not act for that unit' },
  'socialOrgs.hatchedOrder': { zh: '出壳日期不能早于入孵日期', en: 'The hatching date cannot precede the incubation date' },
} as const satisfies Record<string, { zh: string; en: string }>

export const fundsAuditWords = {
  actions: {
    'fund.create': { zh: '登记经费', en: 'Register fund' },
    'fund.update': { zh: '修改经费', en: 'Update fund' },
    'project.create': { zh: '提出项目', en: 'Propose project' },
    'project.decide': { zh: '项目决定实施', en: 'Decide project' },
    'project.reject': { zh: '项目不予实施', en: 'Reject project' },
    'project.budget': { zh: '安排项目预算', en: 'Budget project' },
    'project.progress': { zh: '更新项目进度', en: 'Update project progress' },
    'project.complete': { zh: '项目完成', en: 'Complete project' },
    'project.cancel': { zh: '取消项目', en: 'Cancel project' },
    'expense.create': { zh: '登记项目支出', en: 'Record expense' },
    'pledge.create': { zh: '认捐', en: 'Pledge' },
    'pledge.confirm': { zh: '确认认捐到账', en: 'Confirm pledge received' },
    'pledge.withdraw': { zh: '撤回认捐', en: 'Withdraw pledge' },
    'social_org.update': { zh: '登记社会组织孵化信息', en: 'Update social organisation' },
  },
  entities: {
    fund: { zh: '经费', en: 'Fund' },
    project: { zh: '项目', en: 'Project' },
    expense: { zh: '项目支出', en: 'Expense' },
    pledge: { zh: '认捐', en: 'Pledge' },
    social_org: { zh: '社会组织', en: 'Social organisation' },
  },
} as const satisfies AuditWords

/** Names of project states in messages. */
export const projectStateWords = {
  proposed: { zh: '已提出', en: 'proposed' },
  decided: { zh: '已决定', en: 'decided' },
  budgeted: { zh: '实施中', en: 'under way' },
  done: { zh: '已完成', en: 'done' },
  rejected: { zh: '不予实施', en: 'rejected' },
  cancelled: { zh: '已取消', en: 'cancelled' },
} as const

export const pledgeStateWords = {
  pledged: { zh: '已认捐', en: 'pledged' },
  received: { zh: '已到账', en: 'received' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
} as const

export const projectActionWords = {
  decide: { zh: '决定实施', en: 'decided' },
  reject: { zh: '不予实施', en: 'rejected' },
  budget: { zh: '安排预算', en: 'budgeted' },
  expense: { zh: '登记支出', en: 'charged' },
  progress: { zh: '更新进度', en: 'updated' },
  complete: { zh: '完成', en: 'completed' },
  cancel: { zh: '取消', en: 'cancelled' },
  pledge: { zh: '认捐', en: 'pledged to' },
  confirm: { zh: '确认到账', en: 'confirmed' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
} as const

/** Who proposed a project, in notifications. */
export const proposerWords = {
  residents: { zh: '居民议事', en: 'residents' },
  social_organisation: { zh: '社会组织', en: 'a social organisation' },
  community: { zh: '社区', en: 'the community' },
} as const
