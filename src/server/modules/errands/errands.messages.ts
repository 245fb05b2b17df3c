// The errands module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const errandsMessages = {
  ERRAND_NOT_FOUND: { zh: '帮办事项不存在', en: 'No such errand' },
  ERRAND_STEP_NOT_FOUND: { zh: '办理步骤不存在', en: 'No such step' },
  ERRAND_INVALID: { zh: '帮办事项信息有误，请检查标出的各项', en: 'The errand is invalid; see the marked fields' },
  ERRAND_STATE_CONFLICT: { zh: '帮办事项当前为“{state}”，不能{action}', en: 'The errand is {state}; it cannot be {action}' },
  ERRAND_ALREADY_RATED: { zh: '该帮办事项已评价过', en: 'The errand has already been rated' },
  ERRAND_STEPS_OPEN: { zh: '还有 {count} 个办理步骤未完成，请先完成或删改', en: '{count} steps are still open; complete them first' },
  ERRAND_STEP_DONE: { zh: '该步骤已完成，不能再修改', en: 'The step is done and can no longer be changed' },
  ERRAND_NO_DESK: { zh: '未找到您所在社区的帮办点，请选择帮办点、帮办站或帮办中心', en: 'No errand point for your community; choose a desk' },
} as const satisfies Record<string, { zh: string; en: string }>

export const errandsDetails = {
  'errands.deskKind': { zh: '请选择区（帮办中心）、街道（帮办站）或社区（帮办点）', en: 'Choose a district (centre), a street (station) or a community (point)' },
  'errands.notActingForUnit': { zh: '申请人不是该单位的经办人', en: 'The requester does not act for this unit' },
  'errands.ownerElsewhere': { zh: '负责人须是该帮办点（站、中心）的工作人员', en: 'The owner must work at the errand\'s desk' },
  'errands.handoffLevel': { zh: '只能转交上一级或下一级的帮办点（站、中心）', en: 'Hand off one level up or one level down' },
  'errands.handoffTop': { zh: '已是最高一级，不能再上交', en: 'Already at the top level' },
  'errands.fileMissing': { zh: '材料照片不存在或不是您上传的', en: 'A document photo does not exist or is not yours' },
  'errands.dueInPast': { zh: '办结期限不能早于今天', en: 'The due date cannot be in the past' },
} as const satisfies Record<string, { zh: string; en: string }>

export const errandsAuditWords = {
  actions: {
    'errand.create': { zh: '申请红色帮办', en: 'Open errand' },
    'errand.accept': { zh: '受理帮办事项', en: 'Accept errand' },
    'errand.reject': { zh: '不予受理帮办事项', en: 'Reject errand' },
    'errand.start': { zh: '开始办理帮办事项', en: 'Start errand' },
    'errand.handoff': { zh: '转交帮办事项', en: 'Hand off errand' },
    'errand.done': { zh: '办结帮办事项', en: 'Finish errand' },
    'errand.cancel': { zh: '撤回帮办事项', en: 'Cancel errand' },
    'errand.rate': { zh: '评价帮办事项', en: 'Rate errand' },
    'errand.step_add': { zh: '新增办理步骤', en: 'Add errand step' },
    'errand.step_update': { zh: '修改办理步骤', en: 'Update errand step' },
    'errand.step_done': { zh: '完成办理步骤', en: 'Complete errand step' },
    'errand.checklist': { zh: '更新材料清单', en: 'Update errand checklist' },
  },
  entities: {
    errand: { zh: '帮办事项', en: 'Errand' },
  },
} as const satisfies AuditWords
