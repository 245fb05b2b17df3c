// The wishes module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const wishesMessages = {
  WISH_NOT_FOUND: { zh: '心愿不存在', en: 'No such wish' },
  WISH_INVALID: { zh: '心愿信息有误，请检查标出的各项', en: 'The wish is invalid; see the marked fields' },
  WISH_COMMUNITY_UNKNOWN: { zh: '找不到您所在的社区，请选择心愿发布到哪个社区', en: 'Your community is not known; choose the community to post in' },
  WISH_STATE: { zh: '心愿当前为“{state}”，不能{action}', en: 'The wish is {state}; it cannot be {action}' },
  WISH_ALREADY_CLAIMED: { zh: '手慢了，这个心愿已被他人认领，请看看其他心愿', en: 'Someone else has already claimed this wish' },
  WISH_EXPIRED: { zh: '这个心愿已过期，不能再认领', en: 'The wish has expired and can no longer be claimed' },
  WISH_NOT_CLAIMANT: { zh: '认领心愿须是登记的党员，或代表所在单位认领', en: 'Only Party members, or people acting for a unit, may claim wishes' },
  WISH_OWN: { zh: '不能认领自己的心愿', en: 'You cannot claim your own wish' },
} as const satisfies Record<string, { zh: string; en: string }>

export const wishesDetails = {
  'wishes.valueOverCap': { zh: '心愿价值不能超过 {cap} 元', en: 'A wish is worth at most {cap} yuan' },
  'wishes.expiresOnRange': { zh: '截止日期须在今天到一年之内', en: 'The last day must be between today and a year from now' },
  'wishes.orgKind': { zh: '请选择社区（村）', en: 'Choose a community or village' },
} as const satisfies Record<string, { zh: string; en: string }>

export const wishesAuditWords = {
  actions: {
    'wish.create': { zh: '发布微心愿', en: 'Post wish' },
    'wish.approve': { zh: '审核通过微心愿', en: 'Approve wish' },
    'wish.reject': { zh: '驳回微心愿', en: 'Reject wish' },
    'wish.claim': { zh: '认领微心愿', en: 'Claim wish' },
    'wish.release': { zh: '放弃认领微心愿', en: 'Release wish' },
    'wish.fulfil': { zh: '完成微心愿', en: 'Fulfil wish' },
    'wish.thank': { zh: '感谢微心愿认领人', en: 'Thank for wish' },
    'wish.cancel': { zh: '撤回微心愿', en: 'Cancel wish' },
  },
  entities: {
    wish: { zh: '微心愿', en: 'Wish' },
  },
} as const satisfies AuditWords

export { wishStateWords } from './wishes.labels.ts'

/** Actions as refused in WISH_STATE ("不能{action}"). */
export const wishActionWords = {
  approve: { zh: '审核通过', en: 'approved' },
  reject: { zh: '驳回', en: 'rejected' },
  claim: { zh: '认领', en: 'claimed' },
  release: { zh: '放弃认领', en: 'released' },
  fulfil: { zh: '标记为已实现', en: 'fulfilled' },
  thank: { zh: '致谢', en: 'thanked' },
  cancel: { zh: '撤回', en: 'cancelled' },
} as const
