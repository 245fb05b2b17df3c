// The visits module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const visitsMessages = {
  VISIT_NOT_FOUND: { zh: '走访记录不存在', en: 'No such visit' },
  VISIT_NODE_KIND_NOT_ALLOWED: { zh: '走访对象须为社区、村、网格、小区或楼栋', en: 'A visit is to a community, village, grid, estate or building' },
  VISIT_RESIDENT_ELSEWHERE: { zh: '所选居民不住在走访地点（居民编号 {ids}）', en: 'Some residents chosen do not live at the place visited (resident ids {ids})' },
  VISIT_IN_FUTURE: { zh: '走访时间不能晚于现在', en: 'The visit time cannot be in the future' },
  VISIT_TASK_NOT_FOUND: { zh: '走访任务不存在', en: 'No such visit task' },
  VISIT_TASK_DONE: { zh: '该走访任务已完成', en: 'This visit task is already done' },
  VISIT_TASK_MISMATCH: { zh: '走访记录与任务不符：{reason}', en: 'The visit does not match its task: {reason}' },
  VISIT_SCHEDULE_NOT_FOUND: { zh: '走访计划不存在', en: 'No such visit schedule' },
  VISIT_SCHEDULE_ORG_KIND: { zh: '走访计划须由街道或区设立', en: 'A visit schedule belongs to a street or a district' },
  VISIT_SCHEDULE_TARGETS_INVALID: { zh: '走访对象有误，请检查标出的各项', en: 'Some visit targets are wrong; see the marked items' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the visits module, rendered in the reader's language by the error handler. */
export const visitsDetails = {
  'visits.orgKind': { zh: '请选择社区、网格、小区或楼栋', en: 'Choose a community, grid, estate or building' },
  'visits.residentElsewhere': { zh: '所选居民须住在走访地点', en: 'The residents must live at the place visited' },
  'visits.fewerPeopleThanResidents': { zh: '见到的人数不能少于所选居民数', en: 'People met cannot be fewer than the residents chosen' },
  'visits.visitedInFuture': { zh: '走访时间不能晚于现在', en: 'The visit time cannot be in the future' },
  'visits.locationRequired': { zh: '请在地图上标出问题位置', en: 'Mark the problem\'s location on the map' },
  'visits.scheduleOrgKind': { zh: '请选择街道或区', en: 'Choose a street or district' },
  'visits.templateTargets': { zh: '请指定走访对象：该节点下没有可默认配对的部门和社区（或配对超过 500 组）', en: 'Name the visit targets: no departments and communities under the node to pair by default (or more than 500 pairs)' },
  'visits.endBeforeStart': { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  'visits.visitorUnder': { zh: '走访单位须在{owner}之下', en: 'The visiting unit must be under {owner}' },
  'visits.communityUnder': { zh: '须为{owner}下的社区或村', en: 'Must be a community or village under {owner}' },
  'visits.targetRepeated': { zh: '与前面的走访对象重复', en: 'Repeats an earlier target' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const visitsAuditWords = {
  actions: {
    'visit.create': { zh: '记录走访', en: 'Record visit' },
    'visit_schedule.create': { zh: '制定走访计划', en: 'Create visit schedule' },
    'visit_schedule.end': { zh: '结束走访计划', en: 'End visit schedule' },
  },
  entities: {
    visit: { zh: '走访', en: 'Visit' },
    visit_schedule: { zh: '走访计划', en: 'Visit schedule' },
  },
} as const satisfies AuditWords
