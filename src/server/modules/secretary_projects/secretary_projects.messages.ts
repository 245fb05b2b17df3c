// The secretary-projects module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const secretaryProjectsMessages = {
  SECRETARY_PROJECT_NOT_FOUND: { zh: '项目不存在', en: 'No such project' },
  SECRETARY_PROJECT_MILESTONE_NOT_FOUND: { zh: '节点不存在', en: 'No such milestone' },
  SECRETARY_PROJECT_INVALID: { zh: '项目信息有误，请检查标出的各项', en: 'The project is invalid; see the marked fields' },
  SECRETARY_PROJECT_STATE: { zh: '项目已{state}，不能{action}', en: 'The project is {state}; it cannot be {action}' },
  SECRETARY_PROJECT_MILESTONE_DONE: { zh: '该节点已于 {at} 完成', en: 'The milestone was done at {at}' },
  SECRETARY_PROJECT_OPEN_MILESTONES: { zh: '还有 {count} 个节点未完成，完成后才能办结', en: '{count} milestones are still open; complete them before closing' },
  SECRETARY_PROJECT_HOTSPOT_RECORD: { zh: '热点问题的案件或工单不在所选节点之下', en: 'A case or order of the hotspot is not under the chosen node' },
} as const satisfies Record<string, { zh: string; en: string }>

export const secretaryProjectsDetails = {
  'secretaryProjects.yearsProject': { zh: '书记抓党建项目只有一个年度', en: 'A secretary’s project spans one year' },
  'secretaryProjects.yearsDuty': { zh: '责任清单最长三年', en: 'A responsibility list spans at most three years' },
  'secretaryProjects.yearsOrder': { zh: '结束年度不能早于开始年度', en: 'The last year cannot precede the first' },
  'secretaryProjects.dueOutside': { zh: '节点日期须在项目的年度之内', en: 'The due date must fall within the project’s years' },
  'secretaryProjects.orgKind': { zh: '请选择市、区、街道或社区', en: 'Choose a city, district, street or community' },
  'secretaryProjects.category': { zh: '所选案件或工单不属于该类别', en: 'A picked case or order is of another category' },
  'secretaryProjects.records': { zh: '请至少选择一个案件或工单', en: 'Pick at least one case or order' },
  'secretaryProjects.nothing': { zh: '没有要修改的内容', en: 'Nothing to change' },
} as const satisfies Record<string, { zh: string; en: string }>

export const secretaryProjectsAuditWords = {
  actions: {
    'secretary_project.create': { zh: '新建书记项目或责任清单', en: 'Create secretary project or duty' },
    'secretary_project.update': { zh: '修改书记项目或责任清单', en: 'Update secretary project or duty' },
    'secretary_project.milestone_add': { zh: '新增项目节点', en: 'Add project milestone' },
    'secretary_project.milestone_done': { zh: '完成项目节点', en: 'Complete project milestone' },
    'secretary_project.progress': { zh: '填报项目进度', en: 'Report project progress' },
    'secretary_project.comment': { zh: '督查意见', en: 'Supervision comment' },
    'secretary_project.close': { zh: '办结书记项目或责任清单', en: 'Close secretary project or duty' },
  },
  entities: {
    secretary_project: { zh: '书记项目与责任清单', en: 'Secretary project or duty' },
  },
} as const satisfies AuditWords

/** Names of the states and kinds in messages and on the page. */
export const secretaryProjectStateWords = {
  planned: { zh: '未开始', en: 'planned' },
  in_progress: { zh: '推进中', en: 'in progress' },
  done: { zh: '办结', en: 'done' },
  overdue: { zh: '逾期', en: 'overdue' },
} as const
export const secretaryProjectKindWords = {
  project: { zh: '书记抓党建项目', en: 'Secretary’s project' },
  duty: { zh: '责任清单', en: 'Responsibility list item' },
} as const
