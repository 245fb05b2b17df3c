// The words of wish states, beneficiaries, categories and timeline actions, Chinese and English,
// for the server's messages, the console and the phone pages (browser-safe).
import type { WishAction, WishBeneficiary, WishCategory, WishState } from './wishes.schemas.ts'

type W = { zh: string; en: string }

export const wishStateWords: Record<WishState, W> = {
  pending: { zh: '待审核', en: 'pending' },
  rejected: { zh: '未通过', en: 'rejected' },
  open: { zh: '待认领', en: 'open' },
  claimed: { zh: '已认领', en: 'claimed' },
  fulfilled: { zh: '已实现', en: 'fulfilled' },
  cancelled: { zh: '已撤回', en: 'cancelled' },
}
export const wishBeneficiaryWords: Record<WishBeneficiary, W> = {
  child: { zh: '儿童', en: 'Child' },
  elderly: { zh: '老人', en: 'Elderly' },
  family_in_difficulty: { zh: '困难家庭', en: 'Family in difficulty' },
  disabled: { zh: '残疾人', en: 'Disabled' },
  other: { zh: '其他', en: 'Other' },
}
export const wishCategoryWords: Record<WishCategory, W> = {
  study: { zh: '学习用品', en: 'Study' },
  daily: { zh: '生活用品', en: 'Daily needs' },
  health: { zh: '健康护理', en: 'Health' },
  culture: { zh: '文化娱乐', en: 'Culture' },
  companionship: { zh: '陪伴关爱', en: 'Companionship' },
  other: { zh: '其他', en: 'Other' },
}
/** Timeline actions as done ("审核通过"), the sweep's expiry included. */
export const wishEventWords: Record<WishAction | 'create' | 'expire', W> = {
  create: { zh: '发布', en: 'Posted' },
  approve: { zh: '审核通过', en: 'Approved' },
  reject: { zh: '审核不通过', en: 'Rejected' },
  claim: { zh: '认领', en: 'Claimed' },
  release: { zh: '放弃认领', en: 'Released' },
  fulfil: { zh: '实现心愿', en: 'Fulfilled' },
  thank: { zh: '致谢', en: 'Thanked' },
  cancel: { zh: '撤回', en: 'Cancelled' },
  expire: { zh: '到期下墙', en: 'Expired' },
}
