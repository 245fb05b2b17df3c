// The Chinese words for case states and actions: the server's messages and the web app's tags
// use the same ones (browser-safe: the console imports this file).
import type { CaseAction, CaseState } from './cases.schemas.ts'

export const stateLabels: Record<CaseState, string> = {
  reported: '已上报',
  accepted: '已受理',
  rejected: '不予受理',
  assigned: '已派单',
  in_progress: '处置中',
  handled: '已办结',
  verified: '已验收',
  closed: '已销号',
}

export const actionLabels: Record<CaseAction | 'report' | 'overdue' | 'remind' | 'rated' | 'revisit_due' | 'reopen_limit', string> = {
  report: '上报',
  accept: '受理',
  reject: '不予受理',
  assign: '派单',
  take: '接单',
  start: '开始处置',
  handle: '办结',
  verify: '验收',
  return: '退回重办',
  close: '销号',
  escalate: '上报上级',
  reopen: '重新办理',
  reopen_limit: '重办已达上限',
  rate: '评价',
  rated: '评价',
  revisit: '回访',
  revisit_due: '回访到期提醒',
  update: '更新进展',
  merge: '合并',
  meetings: '会商研判',
  overdue: '超期',
  remind: '临期提醒',
}

/** 回访 answers in words (the timeline's note; the web has its own copy per language). */
export const satisfactionWords = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' } as const
export const revisitMethodWords = { phone: '电话回访', visit: '上门回访', online: '反映人在线答复' } as const

/** The same in English (the console's English tags and the audit log). */
export const actionLabelsEn: Record<keyof typeof actionLabels, string> = {
  report: 'Reported',
  accept: 'Accept',
  reject: 'Reject',
  assign: 'Assign',
  take: 'Take',
  start: 'Start on site',
  handle: 'Mark handled',
  verify: 'Verify',
  return: 'Return for rework',
  close: 'Close',
  escalate: 'Escalate',
  reopen: 'Reopen',
  reopen_limit: 'Reopen limit reached',
  rate: 'Rate',
  rated: 'Rated',
  revisit: 'Revisit',
  revisit_due: 'Revisit due',
  update: 'Progress note',
  merge: 'Merge',
  meetings: 'Joint review',
  overdue: 'Overdue',
  remind: 'Deadline reminder',
}
