// Words for errands' states, matters, levels and actions, Chinese and English (browser-safe: the
// console and the phone pages use them, the server's messages too).
import type { ErrandAction, ErrandLevel, ErrandMatter, ErrandState } from './errands.schemas.ts'

type Words = { zh: string; en: string }

export const errandStateWords: Record<ErrandState, Words> = {
  submitted: { zh: '待受理', en: 'submitted' },
  accepted: { zh: '已受理', en: 'accepted' },
  in_progress: { zh: '办理中', en: 'in progress' },
  done: { zh: '已办结', en: 'done' },
  rejected: { zh: '不予受理', en: 'rejected' },
  cancelled: { zh: '已撤回', en: 'cancelled' },
}

export const errandMatterWords: Record<ErrandMatter, Words> = {
  business_licence: { zh: '营业执照', en: 'Business licence' },
  permit: { zh: '行政许可', en: 'Permit' },
  subsidy: { zh: '补贴申领', en: 'Subsidy' },
  social_security: { zh: '社保医保', en: 'Social security' },
  housing: { zh: '住房不动产', en: 'Housing' },
  other: { zh: '其他事项', en: 'Other' },
}

export const errandLevelWords: Record<ErrandLevel, Words> = {
  centre: { zh: '帮办中心', en: 'Centre' },
  station: { zh: '帮办站', en: 'Station' },
  point: { zh: '帮办点', en: 'Point' },
}

export const errandActionWords: Record<ErrandAction, Words> = {
  accept: { zh: '受理', en: 'accepted' },
  reject: { zh: '不予受理', en: 'rejected' },
  start: { zh: '开始办理', en: 'started' },
  handoff: { zh: '转交', en: 'handed off' },
  done: { zh: '办结', en: 'finished' },
  cancel: { zh: '撤回', en: 'cancelled' },
  rate: { zh: '评价', en: 'rated' },
}

/** What each timeline row says happened. */
export const errandEventWords: Record<string, Words> = {
  create: { zh: '提交申请', en: 'Submitted' },
  accept: { zh: '受理', en: 'Accepted' },
  reject: { zh: '不予受理', en: 'Rejected' },
  start: { zh: '开始办理', en: 'Started' },
  handoff: { zh: '转交', en: 'Handed off' },
  done: { zh: '办结', en: 'Finished' },
  cancel: { zh: '撤回申请', en: 'Cancelled' },
  rate: { zh: '评价', en: 'Rated' },
  step_add: { zh: '新增步骤', en: 'Step added' },
  step_update: { zh: '调整步骤', en: 'Step changed' },
  step_done: { zh: '完成步骤', en: 'Step done' },
  checklist: { zh: '更新材料清单', en: 'Checklist updated' },
  step_overdue: { zh: '步骤超期', en: 'Step overdue' },
}
