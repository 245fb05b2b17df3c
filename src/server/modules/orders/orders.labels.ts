// Chinese and English words for order states, actions and lists (browser-safe: the web app shows them).
import type { OrderAction, OrderState, ProviderKind, ServiceList } from './orders.schemas.ts'

type Words = { zh: string; en: string }

export const stateLabels: Record<OrderState, Words> = {
  placed: { zh: '待审核', en: 'Placed' },
  accepted: { zh: '待派单', en: 'To dispatch' },
  open: { zh: '待抢单', en: 'Open to grab' },
  assigned: { zh: '已接单', en: 'Assigned' },
  in_progress: { zh: '服务中', en: 'In progress' },
  completed: { zh: '待确认', en: 'Done, to confirm' },
  confirmed: { zh: '已完成', en: 'Confirmed' },
  refused: { zh: '不予受理', en: 'Refused' },
  merged: { zh: '已合并', en: 'Merged' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
}

export const actionLabels: Record<OrderAction | 'place' | 'fallback' | 'remind' | 'escalate' | 'call_step', Words> = {
  place: { zh: '下单', en: 'Place' },
  review: { zh: '审单', en: 'Review' },
  dispatch: { zh: '派单', en: 'Dispatch' },
  claim: { zh: '抢单', en: 'Claim' },
  start: { zh: '出发', en: 'Set out' },
  checkin: { zh: '到场签到', en: 'Check in' },
  complete: { zh: '完成服务', en: 'Complete' },
  confirm: { zh: '确认完成', en: 'Confirm' },
  rate: { zh: '评价', en: 'Rate' },
  cancel: { zh: '取消', en: 'Cancel' },
  fallback: { zh: '无人抢单转派单', en: 'Unclaimed, to dispatch' },
  remind: { zh: '超时提醒', en: 'Reminder' },
  escalate: { zh: '超时上报', en: 'Escalated' },
  call_step: { zh: '呼叫通知', en: 'Call relayed' },
}

export const listLabels: Record<ServiceList, Words> = {
  public: { zh: '公共服务', en: 'Public services' },
  social: { zh: '社会服务', en: 'Social services' },
  volunteer: { zh: '志愿服务', en: 'Volunteer services' },
}

export const providerKindLabels: Record<ProviderKind, Words> = {
  member: { zh: '在职党员', en: 'Members' },
  volunteer: { zh: '志愿者', en: 'Volunteers' },
  team: { zh: '志愿服务队', en: 'Volunteer team' },
  unit: { zh: '共建单位', en: 'Unit' },
  merchant: { zh: '商户', en: 'Merchant' },
  department: { zh: '职能部门', en: 'Department' },
  staff: { zh: '社区工作者', en: 'Community staff' },
}

export const channelLabels: Record<'app' | 'proxy' | 'device' | 'elder_button', Words> = {
  app: { zh: '居民点单', en: 'Resident' },
  proxy: { zh: '代下单', en: 'On behalf' },
  device: { zh: '一键通', en: 'One-button call' },
  elder_button: { zh: '长辈版一键呼叫', en: 'Elder mode button' },
}
