// The points module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const pointsMessages = {
  POINTS_ACCOUNT_NOT_FOUND: { zh: '积分账户不存在', en: 'No such points account' },
  POINTS_TRANSACTION_NOT_FOUND: { zh: '积分交易不存在', en: 'No such points transaction' },
  POINTS_RULE_NOT_FOUND: { zh: '积分规则“{code}”不存在', en: 'No points rule {code}' },
  POINTS_RULE_INACTIVE: { zh: '积分规则“{code}”已停用', en: 'The points rule {code} is inactive' },
  POINTS_RULE_EXISTS: { zh: '积分规则代码“{code}”已存在', en: 'The points rule code {code} is taken' },
  POINTS_AMOUNT_ZERO: { zh: '按规则折算的积分为 0，请调整数量', en: 'The rule and quantity come to zero points' },
  POINTS_BALANCE_INSUFFICIENT: { zh: '积分余额不足，不能扣减或冲正', en: 'Not enough points: the balance may not go below zero' },
  POINTS_ALREADY_REVERSED: { zh: '该笔积分交易已冲正，不能重复冲正', en: 'This transaction has already been reversed' },
  POINTS_REVERSAL_NOT_REVERSIBLE: { zh: '冲正交易本身不能再冲正', en: 'A reversal cannot itself be reversed' },
  POINTS_REDEMPTION_CANCEL_INSTEAD: { zh: '兑换交易请通过“取消兑换”冲正（同时退回库存）', en: 'Cancel the redemption instead (which also returns the stock)' },
  POINTS_ISSUER_NOT_FOUND: { zh: '找不到发放积分的街道账户', en: 'No issuing account above this org node' },
  POINTS_REWARD_NOT_FOUND: { zh: '兑换商品不存在', en: 'No such reward' },
  POINTS_REWARD_INACTIVE: { zh: '该商品已下架', en: 'This reward has been withdrawn' },
  POINTS_REWARD_OUT_OF_STOCK: { zh: '库存不足', en: 'Not enough stock' },
  POINTS_REWARD_ORG_KIND: { zh: '兑换商品由社区或街道发布', en: 'Rewards are published by a community or street' },
  POINTS_STOCK_NEGATIVE: { zh: '库存不能小于 0', en: 'The stock may not go below zero' },
  POINTS_MERCHANT_NOT_FOUND: { zh: '商户不存在（须为“商户”类单位）', en: 'No such merchant (a unit of kind merchant)' },
  POINTS_MERCHANT_OUT_OF_AREA: { zh: '商户不在该社区或街道范围内', en: 'The merchant is outside this community or street' },
  POINTS_REDEMPTION_NOT_FOUND: { zh: '兑换记录不存在', en: 'No such redemption' },
  POINTS_REDEMPTION_NOT_PENDING: { zh: '该兑换已核销或已取消，不能再操作', en: 'This redemption has already been handed over or cancelled' },
  POINTS_SELF_AWARD: { zh: '不能给自己（或自己所在的单位）奖励、扣减或审核积分', en: 'You cannot award, deduct or approve points for yourself or a unit you act for' },
  POINTS_APPROVAL_SELF: { zh: '手工积分须由录入人以外的人审核', en: 'A manual award is approved or rejected by someone other than who entered it' },
  POINTS_MANUAL_AWARD_TOO_LARGE: { zh: '单笔手工奖励或扣减最多 {max} 分（本笔 {points} 分）', en: 'A manual award or deduction may come to at most {max} points (this one: {points})' },
  POINTS_MANUAL_DAILY_CAP: { zh: '今日手工奖励和扣减已达上限：每天最多 {max} 分，已录入 {used} 分，本笔 {points} 分', en: 'Daily limit of manual awards reached: at most {max} points a day, {used} entered, this one {points}' },
  POINTS_MANUAL_AWARD_NOT_FOUND: { zh: '手工积分记录不存在', en: 'No such manual award' },
  POINTS_MANUAL_AWARD_DECIDED: { zh: '该笔手工积分已审核（已记账或已驳回）', en: 'This manual award has already been approved or rejected' },
  IDEMPOTENCY_KEY_REUSED: { zh: '该幂等键已用于内容不同的另一个请求，请换一个幂等键', en: 'This idempotency key was used for a different request; use a new key' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the points module, rendered in the reader's language by the error handler. */
export const pointsDetails = {
  'points.codeTaken': { zh: '代码已存在', en: 'The code already exists' },
  'points.orgCommunityOrStreet': { zh: '须为社区或街道', en: 'Must be a community or a street' },
  'points.merchantMissing': { zh: '商户不存在', en: 'No such merchant' },
  'points.merchantOutsideScope': { zh: '商户不在该范围内', en: 'The merchant is outside this area' },
  'points.ruleMissing': { zh: '规则不存在', en: 'No such rule' },
  'points.ruleInactive': { zh: '规则已停用', en: 'The rule is switched off' },
  'points.quantityZeroPoints': { zh: '折算积分为 0', en: 'This quantity is worth 0 points' },
  'points.manualMax': { zh: '最多 {max} 分', en: 'At most {max} points' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const pointsAuditWords = {
  actions: {
    'points.award': { zh: '手工奖励积分', en: 'Award points' },
    'points.deduct': { zh: '手工扣减积分', en: 'Deduct points' },
    'points.manual_approve': { zh: '审核通过手工积分', en: 'Approve manual points' },
    'points.manual_reject': { zh: '退回手工积分', en: 'Reject manual points' },
    'points.redeem': { zh: '兑换积分', en: 'Redeem points' },
    'points.cancel_redemption': { zh: '取消兑换', en: 'Cancel redemption' },
    'points.hand_over': { zh: '兑换核销', en: 'Hand over reward' },
    'points.reverse': { zh: '冲正积分', en: 'Reverse points' },
    'points_reward.create': { zh: '新建兑换物品', en: 'Create reward' },
    'points_reward.update': { zh: '修改兑换物品', en: 'Update reward' },
    'points_rule.create': { zh: '新建积分规则', en: 'Create points rule' },
    'points_rule.update': { zh: '修改积分规则', en: 'Update points rule' },
  },
  entities: {
    points_manual_award: { zh: '手工积分', en: 'Manual points' },
    points_recipient: { zh: '积分对象', en: 'Points recipient' },
    points_redemption: { zh: '积分兑换', en: 'Redemption' },
    points_reward: { zh: '兑换物品', en: 'Reward' },
    points_rule: { zh: '积分规则', en: 'Points rule' },
    points_transaction: { zh: '积分交易', en: 'Points transaction' },
  },
} as const satisfies AuditWords
