// The broadcasts module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const broadcastsMessages = {
  BROADCAST_NOT_FOUND: { zh: '通知不存在', en: 'No such notice' },
  BROADCAST_RECEIPT_NOT_FOUND: { zh: '回执不存在', en: 'No such receipt' },
  BROADCAST_STATE: { zh: '通知当前为“{state}”，不能{action}', en: 'The notice is {state}; it cannot be {action}' },
  BROADCAST_INVALID: { zh: '通知内容有误，请检查标出的各项', en: 'The notice is invalid; see the marked fields' },
  BROADCAST_NO_RECIPIENTS: { zh: '所选范围内没有可通知的人', en: 'Nobody to notify in the chosen audience' },
  BROADCAST_ACK_CHOICE: { zh: '请选择“{options}”之一', en: 'Choose one of: {options}' },
  BROADCAST_NOT_ACK: { zh: '这条通知无需回执', en: 'This notice asks for no acknowledgement' },
} as const satisfies Record<string, { zh: string; en: string }>

export const broadcastsDetails = {
  'broadcasts.audienceNode': { zh: '请选择网格、楼栋或您管辖的其他组织', en: 'Choose a grid, a building or another node you are over' },
  'broadcasts.ackOptions': { zh: '需要回执时请给出 1 至 4 个回执选项', en: 'Give 1 to 4 answers when asking for acknowledgement' },
  'broadcasts.senderNode': { zh: '请选择发送单位（您是多个组织的工作人员）', en: 'Choose the node you send from (you are staff at several)' },
} as const satisfies Record<string, { zh: string; en: string }>

export const broadcastsAuditWords = {
  actions: {
    'broadcast.create': { zh: '起草通知', en: 'Draft notice' },
    'broadcast.send': { zh: '发送通知', en: 'Send notice' },
    'broadcast.withdraw': { zh: '撤回通知', en: 'Withdraw notice' },
    'broadcast.remind': { zh: '提醒未读未回执的人', en: 'Remind those who have not read or answered' },
    'broadcast.handover': { zh: '转网格员上门告知', en: 'Hand to grid workers for door visits' },
    'broadcast.tick': { zh: '登记电话/上门告知结果', en: 'Record a call or door visit' },
    'broadcast.reveal_phone': { zh: '查看电话清单号码', en: 'Reveal a call-list phone' },
  },
  entities: {
    broadcast: { zh: '通知', en: 'Notice' },
    broadcast_receipt: { zh: '通知回执', en: 'Notice receipt' },
  },
} as const satisfies AuditWords

export const broadcastStateWords = {
  draft: { zh: '草稿', en: 'draft' },
  sent: { zh: '已发送', en: 'sent' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
} as const
