// The console's words for broadcasts (红喇叭), Chinese first.
import type { Broadcast, CallOutcome, Channel, ReceiptStage } from '@server/modules/broadcasts/broadcasts.schemas.ts'
import type { Tone } from '../../common.tsx'
import { useLabels } from '../../common.tsx'

type Words = { zh: string; en: string }
export const stateWords: Record<Broadcast['state'], Words & { tone: Tone }> = {
  draft: { zh: '草稿', en: 'Draft', tone: 'muted' },
  sent: { zh: '已发送', en: 'Sent', tone: 'success' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', tone: 'danger' },
}
export const channelWords: Record<Channel, Words> = {
  in_app: { zh: '应用内', en: 'In the app' },
  sms: { zh: '短信', en: 'SMS' },
  call: { zh: '电话清单', en: 'Call list' },
}
export const stageWords: Record<ReceiptStage, Words & { tone: Tone }> = {
  unopened: { zh: '未读', en: 'Unopened', tone: 'warning' },
  opened: { zh: '已读', en: 'Opened', tone: 'info' },
  acknowledged: { zh: '已回执', en: 'Acknowledged', tone: 'success' },
}
export const outcomeWords: Record<CallOutcome, Words> = {
  reached: { zh: '电话已告知', en: 'Told by phone' },
  no_answer: { zh: '无人接听', en: 'No answer' },
  wrong_number: { zh: '号码有误', en: 'Wrong number' },
  visited: { zh: '上门已告知', en: 'Told at the door' },
  not_home: { zh: '上门未遇', en: 'Not at home' },
}
export const audienceWords = {
  residents: { zh: '网格/楼栋/社区居民', en: 'Residents of a node' },
  members: { zh: '报到党员', en: 'Registered members' },
  team: { zh: '志愿服务队', en: 'A volunteer team' },
  units: { zh: '结对共建单位', en: 'Paired units' },
  people: { zh: '指定名单', en: 'A hand-picked list' },
} as const

const zh = {
  title: '红喇叭通知',
  tabNotices: '通知',
  tabFigures: '成效统计',
  compose: '发通知',
  notice: '通知',
  audience: '发送对象',
  channels: '渠道',
  state: '状态',
  sentAt: '发送时间',
  author: '发送人',
  recipients: '发送人数',
  opened: '已读',
  acknowledged: '已回执',
  to80: '80% 回执用时',
  minutes: '分钟',
  allStates: '全部状态',
  scope: '组织范围',
  search: '搜索通知标题',
  none: '还没有通知',
  titleField: '标题',
  body: '正文',
  kind: '对象类型',
  node: '网格、楼栋或社区',
  team: '按队名或所属社区搜索志愿服务队',
  members: '{n} 人',
  titlePlaceholder: '如：周六上午小区停水通知',
  channelsHint: '有账号的人在应用内收到，只有手机号的发短信，其余列入电话清单，由干部逐一打电话并登记。',
  people: '指定人员',
  ackRequired: '需要回执',
  ackOptions: '回执选项',
  ackOptionsHint: '居民点一下即可回执，如“收到”“我参加”',
  draft: '存为草稿',
  send: '发送',
  sendDraft: '发送草稿',
  sent: '已发送',
  withdraw: '撤回',
  withdrawConfirm: '撤回后居民只能看到标题和“已撤回”，确定撤回吗？',
  remind: '提醒未读的人',
  reminded: '已提醒：应用内 {inApp} 人，短信 {sms} 人（电话清单 {call} 人不变）',
  handover: '转网格员上门',
  handedOver: '已转交 {workers} 位网格员上门告知 {handed} 人；{unassigned} 人所在网格没有网格员',
  receipts: '回执表',
  person: '姓名',
  phone: '电话',
  where: '所在',
  channel: '渠道',
  stage: '回执状态',
  ackChoice: '回执',
  call: '电话/上门',
  handedTo: '转交网格员',
  tick: '登记结果',
  revealPhone: '查看号码',
  outcome: '结果',
  note: '备注',
  answer: '代为回执',
  allStages: '全部',
  allChannels: '全部渠道',
  toTick: '只看待登记',
  noReceipts: '没有符合条件的回执',
  figures: '成效',
  delivered: '已送达',
  callsToMake: '电话/上门',
  callsReached: '已告知',
  handed: '已转交',
  period: '期间',
  notices: '通知数',
  callsNeeded: '需打电话/上门',
  callsSaved: '节省电话',
  median80: '80% 回执用时（中位数）',
  pickNode: '请选择组织',
  unopenedFirst: '未读在前',
}
const en: typeof zh = {
  title: 'Broadcasts', tabNotices: 'Notices', tabFigures: 'Figures', compose: 'New notice', notice: 'Notice', audience: 'Audience', channels: 'Channels',
  state: 'State', sentAt: 'Sent', author: 'Sender', recipients: 'Recipients', opened: 'Opened', acknowledged: 'Acknowledged', to80: 'Time to 80 %',
  minutes: 'min', allStates: 'All states', scope: 'Org', search: 'Search titles', none: 'No notices yet', titleField: 'Title', body: 'Text', kind: 'Audience kind',
  node: 'Grid, building or community', team: 'Search teams by name or community', members: '{n} people',
  titlePlaceholder: 'e.g. Water off on Saturday morning',
  channelsHint: 'People with an account get it in the app, those with only a mobile number by SMS, the rest go on the call list for cadres to call and record.', people: 'People', ackRequired: 'Ask for acknowledgement', ackOptions: 'Answers',
  ackOptionsHint: 'One tap answers such as “Got it”, “I will come”', draft: 'Save as draft', send: 'Send', sendDraft: 'Send draft', sent: 'Sent',
  withdraw: 'Withdraw', withdrawConfirm: 'Recipients will only see the title and “withdrawn”. Withdraw?', remind: 'Remind the unopened',
  reminded: 'Reminded: {inApp} in the app, {sms} by SMS ({call} on the call list unchanged)', handover: 'Hand to grid workers',
  handedOver: '{handed} people handed to {workers} grid workers; {unassigned} have no grid worker', receipts: 'Receipts', person: 'Name', phone: 'Phone',
  where: 'Where', channel: 'Channel', stage: 'Receipt', ackChoice: 'Answer', call: 'Call / visit', handedTo: 'Grid worker', tick: 'Record', revealPhone: 'Show number', outcome: 'Outcome',
  note: 'Note', answer: 'Answer for them', allStages: 'All', allChannels: 'All channels', toTick: 'Still to record', noReceipts: 'No receipts match',
  figures: 'Figures', delivered: 'Delivered', callsToMake: 'Calls / visits', callsReached: 'Told', handed: 'Handed over', period: 'Period', notices: 'Notices',
  callsNeeded: 'Calls / visits needed', callsSaved: 'Calls saved', median80: 'Median time to 80 %', pickNode: 'Choose an org', unopenedFirst: 'Unopened first',
}
export const useBroadcastLabels = () => useLabels({ zh, en })
export const fill = (text: string, values: Record<string, number | string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

/** Minutes as people say them: "45 分钟", "9 小时 57 分", "2 天 3 小时". */
export function duration(minutes: number | null, lang: 'zh' | 'en'): string {
  if (minutes === null) return '—'
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60]
  if (lang === 'en') return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`
  return d ? `${d} 天 ${h} 小时` : h ? `${h} 小时 ${m} 分` : `${m} 分钟`
}
