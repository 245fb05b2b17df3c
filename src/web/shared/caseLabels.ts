// The console's case pages' strings (Chinese is the reference): states, levels, actions and
// the words of the inbox, map, case page and notification bell.
import { useI18n } from './i18n.tsx'
import type { CaseAction, CaseLevel, CaseState } from './cases.ts'
import { actionLabels, actionLabelsEn, stateLabels } from '@server/modules/cases/cases.labels.ts'

// The server's own words, so its messages and these tags agree.
const zhStates: Record<CaseState, string> = stateLabels
const enStates: Record<CaseState, string> = {
  reported: 'Reported',
  accepted: 'Accepted',
  rejected: 'Rejected',
  assigned: 'Assigned',
  in_progress: 'In progress',
  handled: 'Handled, to verify',
  verified: 'Verified, to close',
  closed: 'Closed',
}
/** The state words of every face (console tags, the phone's progress steps), zh from the server's table. */
export const stateWords = { zh: zhStates, en: enStates }

const zhLevels: Record<CaseLevel, string> = { grid: '网格', community: '社区', street: '街道', department: '部门' }
const enLevels: Record<CaseLevel, string> = { grid: 'Grid', community: 'Community', street: 'Street', department: 'Department' }

/** Actions, and the timeline's entries that are not actions (rated, reminders, overdue). */
const zhActions: Record<CaseAction | 'report' | 'follow' | 'rated' | 'revisit_due' | 'reopen_limit' | 'overdue' | 'remind', string> = { ...actionLabels, follow: '关注' }
const enActions: typeof zhActions = { ...actionLabelsEn, follow: 'Follow' }

const zh = {
  title: '事件处置',
  mapTitle: '事件地图',
  inbox: '事件列表',
  tabMine: '全部待办',
  tabAccept: '待受理',
  tabHandle: '待办理',
  tabVerify: '待验收',
  tabRevisit: '待回访',
  tabScope: '管辖范围',
  tabOverdue: '已超期',
  state: '状态',
  anyState: '全部状态',
  category: '类别',
  anyCategory: '全部类别',
  dates: '上报日期',
  org: '所属组织',
  anyOrg: '全部组织',
  search: '搜索描述或地址',
  clear: '清除筛选',
  id: '编号',
  description: '描述',
  grid: '网格',
  handler: '承办',
  assignee: '处置人',
  reported: '上报时间',
  deadline: '期限',
  overdueBy: '已超期 {time}',
  dueIn: '剩余 {time}',
  overdueTag: '超期',
  more: '加载更多',
  shown: '已显示 {n} 件',
  all: '共 {n} 件',
  empty: '没有符合条件的事件',
  showMap: '地图',
  showList: '列表',
  mapLabel: '事件分布地图',
  open: '查看',
  notFound: '事件不存在或不在您的范围内',
  level: '层级',
  photos: '照片',
  noPhotos: '没有照片',
  location: '位置',
  navigate: '导航前往',
  navApps: { amap: '高德地图', baidu: '百度地图', tencent: '腾讯地图' },
  address: '地址',
  reporter: '上报人',
  anonymous: '匿名',
  channel: '来源',
  result: '处置结果',
  rejectReason: '不予受理理由',
  rating: '评价',
  timeline: '办理经过',
  meetingsTitle: '会商记录',
  heldAt: '会商时间',
  participants: '参加人员',
  participantsHint: '输入姓名后回车，可输入多人',
  conclusion: '会商结论',
  recordedBy: '记录人',
  actions: '可办理',
  noActions: '当前没有您可以办理的操作',
  moreActions: '更多',
  note: '说明',
  reason: '理由',
  assignTo: '派给',
  assignPlaceholder: '选择本单位人员',
  resultText: '处置结果',
  addPhoto: '上传照片',
  uploading: '正在上传…',
  publicNote: '对上报人可见',
  intoId: '合并到事件编号',
  toLevel: '上报到',
  nextLevel: '上一级（默认）',
  fixed: '问题解决了吗？',
  yes: '解决了',
  no: '没有解决',
  stars: '评分',
  comment: '评价内容',
  done: '已办理：{action}',
  required: '请填写{field}',
  submit: '确定',
  cancel: '取消',
  stats: '事件处置',
  statsTotal: '事件总数',
  statsOpen: '办理中',
  statsOverdue: '超期',
  statsOnTime: '按期办结率',
  statsGrid: '网格内办结',
  statsCommunity: '社区内办结',
  statsGridHint: '小事不出网格：在网格层级办结的比例',
  statsCommunityHint: '大事不出社区：在社区及以下层级办结的比例',
  statsRating: '平均评价',
  statsByState: '各状态事件数',
  notifications: '通知',
  // The count stands apart (spaces), so assistive tech and axe read the badge's digit as a word of the name.
  notificationsUnread: '通知 {n} 条未读',
  markAllRead: '全部标为已读',
  noNotifications: '暂无通知',
  followers: '{n} 人关注',
  mergedInto: '已合并到事件 {id}',
  reopens: '重办 {n} 次',
  escalations: '上报 {n} 次',
  close: '关闭',
  enlarge: '放大照片 {n}',
  systemActor: '系统',
}

export type CaseLabels = typeof zh

const en: CaseLabels = {
  title: 'Cases',
  mapTitle: 'Case map',
  inbox: 'Case list',
  tabMine: 'All to-do',
  tabAccept: 'To accept',
  tabHandle: 'To handle',
  tabVerify: 'To verify',
  tabRevisit: 'To revisit',
  tabScope: 'My scope',
  tabOverdue: 'Overdue',
  state: 'State',
  anyState: 'Any state',
  category: 'Category',
  anyCategory: 'Any category',
  dates: 'Reported',
  org: 'Organisation',
  anyOrg: 'Any organisation',
  search: 'Search description or address',
  clear: 'Clear filters',
  id: 'No.',
  description: 'Description',
  grid: 'Grid',
  handler: 'Handled by',
  assignee: 'Assignee',
  reported: 'Reported',
  deadline: 'Deadline',
  overdueBy: 'Overdue by {time}',
  dueIn: '{time} left',
  overdueTag: 'Overdue',
  more: 'Load more',
  shown: '{n} shown',
  all: '{n} in all',
  empty: 'No case matches',
  showMap: 'Map',
  showList: 'List',
  mapLabel: 'Map of cases',
  open: 'Open',
  notFound: 'No such case in your scope',
  level: 'Level',
  photos: 'Photos',
  noPhotos: 'No photos',
  location: 'Location',
  navigate: 'Navigate there',
  navApps: { amap: 'AMap', baidu: 'Baidu Maps', tencent: 'Tencent Maps' },
  address: 'Address',
  reporter: 'Reporter',
  anonymous: 'Anonymous',
  channel: 'Channel',
  result: 'Result',
  rejectReason: 'Reason for rejection',
  rating: 'Rating',
  timeline: 'History',
  meetingsTitle: 'Joint reviews',
  heldAt: 'Held at',
  participants: 'Participants',
  participantsHint: 'Type a name and press Enter; several allowed',
  conclusion: 'Conclusion',
  recordedBy: 'Recorded by',
  actions: 'Actions',
  noActions: 'Nothing for you to do on this case now',
  moreActions: 'More',
  note: 'Note',
  reason: 'Reason',
  assignTo: 'Assign to',
  assignPlaceholder: 'Choose someone of the handling unit',
  resultText: 'Result',
  addPhoto: 'Upload photo',
  uploading: 'Uploading…',
  publicNote: 'Visible to the reporter',
  intoId: 'Merge into case no.',
  toLevel: 'Escalate to',
  nextLevel: 'The next level (default)',
  fixed: 'Was the problem solved?',
  yes: 'Solved',
  no: 'Not solved',
  stars: 'Stars',
  comment: 'Comment',
  done: 'Done: {action}',
  required: 'Enter the {field}',
  submit: 'OK',
  cancel: 'Cancel',
  stats: 'Cases',
  statsTotal: 'Cases',
  statsOpen: 'Open',
  statsOverdue: 'Overdue',
  statsOnTime: 'Handled on time',
  statsGrid: 'Closed in the grid',
  statsCommunity: 'Closed in the community',
  statsGridHint: 'Small matters stay in the grid: share closed at grid level',
  statsCommunityHint: 'Share closed at community level or below',
  statsRating: 'Average rating',
  statsByState: 'Cases by state',
  notifications: 'Notifications',
  notificationsUnread: 'Notifications, {n} unread',
  markAllRead: 'Mark all read',
  noNotifications: 'No notifications',
  followers: '{n} following',
  mergedInto: 'Merged into case {id}',
  reopens: 'Reopened {n}×',
  escalations: 'Escalated {n}×',
  close: 'Close',
  enlarge: 'Enlarge photo {n}',
  systemActor: 'System',
}

const zhChannels: Record<string, string> = { h5: '手机端', console: '工作台', api: '接口', open311: 'Open311', visit: '走访', estate_rating: '小区评议' }
const enChannels: Record<string, string> = { h5: 'Phone', console: 'Console', api: 'API', open311: 'Open311', visit: 'Visit', estate_rating: 'Estate rating' }

const dictionaries = {
  zh: { L: zh, states: zhStates, levels: zhLevels, actions: zhActions, channels: zhChannels },
  en: { L: en, states: enStates, levels: enLevels, actions: enActions, channels: enChannels },
}

export function format(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''))
}

export function useCaseLabels() {
  const { lang } = useI18n()
  const d = dictionaries[lang]
  return {
    ...d,
    lang,
    f: format,
    state: (s: string) => d.states[s as CaseState] ?? s,
    action: (a: string) => d.actions[a as keyof typeof d.actions] ?? a,
    level: (l: string) => d.levels[l as CaseLevel] ?? l,
    channel: (c: string) => d.channels[c] ?? c,
  }
}

/** "3 天 4 小时" / "3 d 4 h": a duration in words, coarse enough to read at a glance. */
export function durationText(ms: number, lang: 'zh' | 'en'): string {
  const min = Math.max(1, Math.round(Math.abs(ms) / 60_000))
  const d = Math.floor(min / 1440)
  const h = Math.floor((min % 1440) / 60)
  const m = min % 60
  const parts = lang === 'zh' ? [d && `${d} 天`, h && `${h} 小时`, !d && m && `${m} 分钟`] : [d && `${d} d`, h && `${h} h`, !d && m && `${m} min`]
  return parts.filter(Boolean).join(' ')
}
