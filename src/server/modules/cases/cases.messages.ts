// The cases module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
import { actionLabels, actionLabelsEn } from './cases.labels.ts'
import type { CaseAction } from './cases.schemas.ts'

/** Timeline entries that are not steps a person takes (no audit entry of their own). */
const notActions = new Set(['report', 'overdue', 'remind', 'rated', 'revisit_due', 'reopen_limit'])
export const casesMessages = {
  REPORTER_PHONE_NONE: { zh: '上报人没有登记手机号', en: 'The reporter gave no phone number' },
  CATEGORY_NOT_FOUND: { zh: '问题类别不存在或已停用', en: 'No such case category, or it is inactive' },
  CATEGORY_CODE_TAKEN: { zh: '类别代码已存在', en: 'The category code already exists' },
  CASE_NOT_FOUND: { zh: '事件不存在', en: 'No such case' },
  CASE_STATE_CONFLICT: { zh: '事件当前状态为“{state}”，不能{action}', en: 'The case is {state}; it cannot be {action}' },
  CASE_ALREADY_TAKEN: { zh: '该事件已被{name}接单', en: 'This case has already been taken by {name}' },
  CASE_ASSIGNEE_INVALID: { zh: '指派对象不在该事件的处置单位中', en: 'The assignee does not work for the unit handling this case' },
  CASE_NOT_ASSIGNEE: { zh: '只有承办人可以执行此操作', en: 'Only the person assigned can do this' },
  CASE_TOP_LEVEL: { zh: '事件已在最高处置层级，不能再上报', en: 'The case is already at the top level' },
  CASE_NO_DEPARTMENT: { zh: '该类别未配置职能部门，不能上报到部门', en: 'No department handles this category' },
  CASE_ALREADY_RATED: { zh: '该事件已评价', en: 'This case has already been rated' },
  CASE_NOT_REPORTER: { zh: '只有反映人可以评价', en: 'Only the reporter can rate the case' },
  CASE_REVISIT_NOT_DUE: { zh: '该事件现在不能回访', en: 'This case is not due for a revisit' },
  CASE_MERGE_INVALID: { zh: '不能合并到该事件：{reason}', en: 'Cannot merge into that case: {reason}' },
  FOLLOW_NOT_FOUND: { zh: '关注记录不存在', en: 'No such follow' },
  CASE_REOPEN_LIMIT: { zh: '该事件已重新办理 {count} 次，达到上限', en: 'This case has been reopened {count} times, the limit' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the cases module, rendered in the reader's language by the error handler. */
export const casesDetails = {
  'cases.photoMissing': { zh: '照片不存在，请重新上传', en: 'The photo does not exist; upload it again' },
  'cases.assigneeOutsideHandler': { zh: '指派对象不在处置单位中', en: 'The assignee does not work in the handling unit' },
  'cases.categoryCodeTaken': { zh: '类别代码已存在', en: 'The category code already exists' },
  'cases.categoryMissingOrInactive': { zh: '问题类别不存在或已停用', en: 'No such category, or it is switched off' },
  'cases.locationOutsideGrids': { zh: '该位置不在任何网格内', en: 'This location is not inside any grid' },
  'cases.departmentMissing': { zh: '职能部门不存在', en: 'No such department' },
  'cases.followOrgKind': { zh: '只能关注网格、社区或街道', en: 'Only a grid, community or street can be followed' },
  'cases.parentCategoryMissing': { zh: '上级类别 {parent} 不存在', en: 'No parent category {parent}' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const casesAuditWords = {
  actions: {
    'case.create': { zh: '上报事件', en: 'Report case' },
    'case.reporter_phone': { zh: '查看上报人电话', en: 'Read reporter\'s phone' },
    'case.follow': { zh: '关注事件', en: 'Follow case' },
    'case.unfollow': { zh: '取消关注事件', en: 'Unfollow case' },
    'follow.create': { zh: '关注区域', en: 'Follow area' },
    'follow.delete': { zh: '取消关注区域', en: 'Unfollow area' },
    'case_category.create': { zh: '新建事件分类', en: 'Create case category' },
    'case_category.update': { zh: '修改事件分类', en: 'Update case category' },
    'calendar_day.set': { zh: '设置工作日历', en: 'Set working-day calendar' },
  },
  /** Every step of the workflow (`case.accept`, …), in the words of the case timeline. */
  transitions: Object.fromEntries(Object.entries(actionLabels).filter(([a]) => !notActions.has(a))
    .map(([a, zh]) => [`case.${a}`, { zh: `事件${zh}`, en: `Case: ${actionLabelsEn[a as CaseAction].toLowerCase()}` }])) as Record<`case.${CaseAction}`, { zh: string; en: string }>,
  entities: {
    case: { zh: '事件', en: 'Case' },
    follow: { zh: '关注', en: 'Follow' },
    case_category: { zh: '事件分类', en: 'Case category' },
    calendar_day: { zh: '工作日历', en: 'Working-day calendar' },
  },
} as const satisfies AuditWords
