// How ledger rows are answered. A private transaction (the award of an anonymous case report) is
// shown in full only to the person it paid; anyone else reading the account, its postings or the
// transaction sees a neutral memo, no rule or quantity, and the day instead of the moment, so that
// the entry cannot be matched to the event (a case verified at 10:32) it paid for.
import { isoTime } from '../../kernel/db/client.ts'
import type * as repo from './points.repository.ts'
import type * as shop from './points.rewards.repository.ts'
import type { ManualAwardRow } from './points.manual.repository.ts'

const NEUTRAL_MEMO: Record<repo.TransactionKind, string> = { award: '积分奖励', deduction: '积分扣减', redemption: '积分兑换', reversal: '积分冲正' }
const DAY_MS = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

/** The start (China time, UTC+8) of the day an ISO moment falls on. */
export function chinaDayOf(iso: string): string {
  return new Date(Math.floor((Date.parse(iso) + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS).toISOString()
}

export function presentAccount(a: repo.AccountRow) {
  return { id: a.id, ownerKind: a.ownerKind, owner: a.owner, org: a.org, balance: Number(a.balance), createdAt: isoTime(a.createdAt)! }
}

/** `reveal`: the reader is the person whose account this is. */
export function presentPosting(p: repo.PostingRow, reveal: boolean) {
  const shown = { id: p.id, transactionId: p.transactionId, kind: p.kind, rule: p.rule, memo: p.memo, amount: Number(p.amount), reversed: p.reversed, createdAt: isoTime(p.createdAt)! }
  return p.private && !reveal ? { ...shown, rule: null, memo: NEUTRAL_MEMO[p.kind], createdAt: chinaDayOf(shown.createdAt) } : shown
}

/** `reveal`: the reader is a person the transaction posts to. */
export function presentTransaction(t: repo.TransactionRow, reveal: boolean) {
  const shown = {
    id: t.id, kind: t.kind, rule: t.rule, quantity: t.quantity === null ? null : Number(t.quantity), memo: t.memo, org: t.org,
    createdBy: t.createdBy, createdAt: isoTime(t.createdAt)!, reversesId: t.reversesId, reversedById: t.reversedById,
    postings: t.postings.map((p) => ({ accountId: p.accountId, ownerKind: p.ownerKind, owner: p.owner, amount: Number(p.amount) })),
  }
  return t.private && !reveal ? { ...shown, rule: null, quantity: null, memo: NEUTRAL_MEMO[t.kind], createdBy: null, createdAt: chinaDayOf(shown.createdAt) } : shown
}

export function presentReward(r: shop.RewardRow) {
  return { id: r.id, name: r.name, description: r.description, points: r.points, stock: r.stock, merchant: r.merchant, org: r.org, active: r.active, createdAt: isoTime(r.createdAt)! }
}

export function presentRedemption(r: shop.RedemptionRow) {
  return {
    id: r.id, reward: r.reward, merchant: r.merchant, org: r.org, person: r.person, quantity: r.quantity, points: Number(r.points), code: r.code,
    status: r.status, transactionId: r.transactionId, cancelTransactionId: r.cancelTransactionId, handledBy: r.handledBy,
    handledAt: isoTime(r.handledAt), cancelReason: r.cancelReason, createdAt: isoTime(r.createdAt)!,
  }
}

/** `canDecide`: the caller may approve or reject it now. */
export function presentManualAward(m: ManualAwardRow, canDecide: boolean) {
  return {
    id: m.id, status: m.status, person: m.person, unit: m.unit, rule: m.rule, direction: m.direction, quantity: Number(m.quantity), points: Number(m.points),
    org: m.org, reason: m.reason, awardedBy: m.awardedBy, createdAt: isoTime(m.createdAt)!, transactionId: m.transactionId,
    decidedBy: m.decidedBy, decidedAt: isoTime(m.decidedAt), rejectReason: m.rejectReason, canDecide,
  }
}
