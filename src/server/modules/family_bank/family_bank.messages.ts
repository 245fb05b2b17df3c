// 家风银行's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const familyBankMessages = {
  DEPOSIT_NOT_FOUND: { zh: '家风存单不存在', en: 'No such deposit' },
  DEPOSIT_INVALID: { zh: '家风存单信息有误，请检查标出的各项', en: 'The deposit is invalid; see the marked fields' },
  DEPOSIT_COMMUNITY_UNKNOWN: { zh: '找不到您所在的社区，请选择存入哪个社区的家风银行', en: 'Your community is not known; choose the community to deposit in' },
  DEPOSIT_STATE: { zh: '家风存单当前为“{state}”，不能{action}', en: 'The deposit is {state}; it cannot be {action}' },
} as const satisfies Record<string, { zh: string; en: string }>

export const familyBankDetails = {
  'familyBank.orgKind': { zh: '请选择社区（村）', en: 'Choose a community or village' },
  'familyBank.storyTitle': { zh: '家风故事请填写标题', en: 'A story needs a title' },
  'familyBank.mottoLength': { zh: '家训最多 200 个字；更长的请作为家风故事存入', en: 'A motto is at most 200 characters; deposit longer text as a story' },
  'familyBank.mottoTitle': { zh: '家训家规不需要标题', en: 'A motto has no title' },
} as const satisfies Record<string, { zh: string; en: string }>

export const familyBankAuditWords = {
  actions: {
    'family_deposit.create': { zh: '存入家风', en: 'Deposit family motto or story' },
    'family_deposit.approve': { zh: '审核通过家风', en: 'Approve family deposit' },
    'family_deposit.reject': { zh: '驳回家风', en: 'Reject family deposit' },
    'family_deposit.withdraw': { zh: '撤回家风', en: 'Withdraw family deposit' },
  },
  entities: {
    family_deposit: { zh: '家风存单', en: 'Family deposit' },
  },
} as const satisfies AuditWords

export const depositStateWords = {
  pending: { zh: '待审核', en: 'pending' },
  published: { zh: '已展示', en: 'published' },
  rejected: { zh: '未通过', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
} as const

export const depositActionWords = {
  approve: { zh: '审核通过', en: 'approved' },
  reject: { zh: '驳回', en: 'rejected' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
} as const
