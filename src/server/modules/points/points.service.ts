// The points ledger (积分): one double-entry ledger for the whole system. Accounts belong to a
// person, a unit (merchants among them) or an issuing org node (a street); every transaction's
// postings sum to zero, balances of people and units are kept from the postings by a trigger and
// may not go below zero; an issuer's balance (negative by the points in circulation) is the sum
// of its postings, so a street's awards do not queue on one row. Other
// modules pay points with `award(tx, …)` inside their own transaction, keyed by their event id.
// Mistakes are undone by reversal transactions, never by edits. Manual awards and their review
// (两人审核) are in points.manual.ts; the rewards catalogue and redemptions in points.rewards.ts.
import type { Executor } from '../../kernel/db/client.ts'
import { loadConfig } from '../../kernel/config.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { authorize, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, totalOf } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './points.repository.ts'
import * as shop from './points.rewards.repository.ts'
import { guarded } from './points.errors.ts'
import { createManualAwards, type ManualLimits } from './points.manual.ts'
import { createRewards } from './points.rewards.ts'
import { presentAccount, presentPosting, presentTransaction } from './points.present.ts'
import type { ManualAward, ManualAwardsQuery, RuleCreate, RuleUpdate } from './points.schemas.ts'
import './points.policy.ts'
import './points.access.ts'

export interface AwardInput {
  ruleCode: string
  personId: string
  quantity: number
  /** The caller's event id, e.g. "volunteers:attendance:42"; a retry posts nothing. */
  idempotencyKey: string
  /** Where the points were earned; the street above it (or the nearest ancestor with an account) pays. */
  orgId: string
  memo: string
  /**
   * The award must not tie the person to its source for anyone but that person (an anonymous
   * case report): staff reading the account, its postings or the transaction see a neutral memo
   * and no idempotency key; the person sees their own memo.
   */
  private?: boolean
}

const POSTINGS_PREVIEW = 20

/**
 * `config`: the caps and approval threshold of manual awards (kernel/config.ts); by default those
 * of an empty environment.
 */
/** What this module needs of the units service: the units a person acts for. */
export interface UnitLookup {
  idsOf(ex: Executor, personId: string): Promise<string[]>
}

export function createPointsService(deps: { db: Executor; units: UnitLookup; config?: ManualLimits }) {
  const { db } = deps
  const manual = createManualAwards({ db, limits: deps.config ?? loadConfig({}) })

  async function unitsOf(ctx: RequestContext): Promise<string[]> {
    return ctx.actor.personId ? deps.units.idsOf(db, ctx.actor.personId) : []
  }

  async function ownsAccount(ctx: RequestContext, a: repo.AccountRow): Promise<boolean> {
    if (!ctx.actor.personId) return false
    if (a.ownerKind === 'person') return a.ownerId === ctx.actor.personId
    if (a.ownerKind === 'unit') return (await unitsOf(ctx)).includes(a.ownerId)
    return false
  }

  async function loadAccount(ctx: RequestContext, id: string) {
    requireSignedIn(ctx.actor)
    const account = await repo.findAccount(db, id)
    if (!account) throw notFound('POINTS_ACCOUNT_NOT_FOUND')
    authorize(ctx.actor, 'points.account.read', { orgPath: account.orgPath, owned: await ownsAccount(ctx, account) }, 'POINTS_ACCOUNT_NOT_FOUND')
    return account
  }

  /** `reveal`: the reader is the person whose account it is (private entries are shown in full to them only). */
  async function postingsPage(accountId: string, q: { cursor?: string; limit: number }, reveal: boolean) {
    const before = decodeCursor(q.cursor, idCursor)
    const found = await repo.accountPostings(db, accountId, { beforeId: before?.id, limit: q.limit })
    return toPage(found, q.limit, (p) => presentPosting(p, reveal), (p) => ({ id: p.id }))
  }

  const ownAccount = (ctx: RequestContext, a: repo.AccountRow) => a.ownerKind === 'person' && a.ownerId === ctx.actor.personId

  /** Whether the transaction posts to the reader's own account. */
  const postsToReader = (ctx: RequestContext, t: repo.TransactionRow) => t.postings.some((p) => p.personId !== null && p.personId === ctx.actor.personId)

  async function loadTransaction(ctx: RequestContext, id: string, ex: Executor = db) {
    requireSignedIn(ctx.actor)
    const t = await repo.findTransaction(ex, id)
    if (!t) throw notFound('POINTS_TRANSACTION_NOT_FOUND')
    const units = await unitsOf(ctx)
    const party = t.postings.some((p) => (p.personId !== null && p.personId === ctx.actor.personId) || (p.unitId !== null && units.includes(p.unitId)))
    authorize(ctx.actor, 'points.transaction.read', { orgPaths: [t.orgPath, ...t.postings.map((p) => p.orgPath)], party }, 'POINTS_TRANSACTION_NOT_FOUND')
    return t
  }

  /** Reverses `original` inside `tx`: the same postings negated. Undefined when it was reversed already. */
  async function postReversal(tx: Executor, ctx: RequestContext, original: { id: string; ruleCode: string | null; quantity: number | null; orgId: string; private: boolean }, memo: string) {
    // The reversal of a private entry is as private as the entry.
    const id = await repo.insertTransaction(tx, {
      kind: 'reversal', ruleCode: original.ruleCode, quantity: original.quantity, idempotencyKey: `reversal:${original.id}`, memo,
      reversesId: original.id, createdBy: ctx.actor.personId, orgId: original.orgId, private: original.private,
    })
    if (!id) return undefined
    const postings = await repo.postingsOf(tx, original.id)
    await repo.insertPostings(tx, id, postings.map((p) => ({ accountId: p.accountId, amount: -Number(p.amount) })))
    return id
  }

  const rewards = createRewards({ db, unitsOf, postReversal })

  return {
    /**
     * Pays `rule.points × quantity` (rounded) to the person, inside the caller's transaction.
     * Idempotent by key: a retry returns the first result and posts nothing. Null when the rule
     * is missing, inactive or not an earning rule.
     */
    /** The points a rule pays per unit, or null when it is missing or inactive. */
    async rulePoints(ex: Executor, code: string): Promise<number | null> {
      const rule = await repo.findRule(ex, code)
      return rule?.active ? rule.points : null
    },

    async award(tx: Executor, input: AwardInput): Promise<{ transactionId: string; points: number } | null> {
      if (!Number.isFinite(input.quantity) || input.quantity <= 0) throw new Error(`award quantity must be positive, got ${input.quantity}`)
      const rule = await repo.findRule(tx, input.ruleCode)
      if (!rule || !rule.active || rule.direction !== 'earn') return null
      const replay = async () => {
        const first = (await repo.transactionByKey(tx, input.idempotencyKey))!
        const account = await repo.findPersonAccount(tx, input.personId)
        return { transactionId: first.id, points: account ? await repo.amountTo(tx, first.id, account.id) : 0 }
      }
      if (await repo.transactionByKey(tx, input.idempotencyKey)) return replay()
      const points = Math.round(rule.points * input.quantity)
      const issuer = await repo.issuerAccountFor(tx, input.orgId)
      if (!issuer) throw notFound('ORG_NOT_FOUND')
      const account = await repo.ensurePersonAccount(tx, input.personId, input.orgId)
      const memo = (input.memo.trim() || rule.name).slice(0, 500)
      const id = await repo.insertTransaction(tx, {
        kind: 'award', ruleCode: rule.code, quantity: Math.round(input.quantity * 100) / 100, idempotencyKey: input.idempotencyKey, memo,
        reversesId: null, createdBy: null, orgId: input.orgId, private: input.private ?? false,
      })
      if (!id) return replay() // a concurrent call with the same key committed first
      await repo.insertPostings(tx, id, [{ accountId: issuer, amount: -points }, { accountId: account, amount: points }])
      return { transactionId: id, points }
    },

    // ---- accounts and transactions

    async myAccount(ctx: RequestContext) {
      authorize(ctx.actor, 'points.redeem', null)
      const account = await repo.findPersonAccount(db, ctx.actor.personId!)
      const merchants = await shop.merchantsOf(db, ctx.actor.personId!)
      if (!account) {
        return {
          id: null, ownerKind: 'person' as const, owner: { id: ctx.actor.personId!, name: ctx.actor.personName ?? '' }, org: { id: '', name: '' }, balance: 0,
          createdAt: new Date().toISOString(), postings: { items: [], nextCursor: null }, merchants,
        }
      }
      return { ...presentAccount(account), postings: await postingsPage(account.id, { limit: POSTINGS_PREVIEW }, true), merchants }
    },

    async getAccount(ctx: RequestContext, id: string) {
      const account = await loadAccount(ctx, id)
      return { ...presentAccount(account), postings: await postingsPage(account.id, { limit: POSTINGS_PREVIEW }, ownAccount(ctx, account)) }
    },

    async accountPostings(ctx: RequestContext, id: string, q: { cursor?: string; limit: number }) {
      const account = await loadAccount(ctx, id)
      return postingsPage(account.id, q, ownAccount(ctx, account))
    },

    async listAccounts(ctx: RequestContext, q: { ownerKind?: repo.OwnerKind; orgId?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const org = q.orgId ? await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'points.account.list', entity: 'org', id: q.orgId, hide: true }) : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      const filter = { scopes: scopeParam(scopes), underPath: org?.path, ownerKind: q.ownerKind }
      const found = scopes.length === 0 ? [] : await repo.listAccounts(db, { ...filter, afterId: after?.id, limit: q.limit })
      const page = toPage(found, q.limit, presentAccount, (a) => ({ id: a.id }))
      if (after) return page
      return { ...page, ...totalOf(scopes.length === 0 ? 0 : await repo.countAccounts(db, filter)) }
    },

    async getTransaction(ctx: RequestContext, id: string) {
      const t = await loadTransaction(ctx, id)
      return presentTransaction(t, postsToReader(ctx, t))
    },

    /**
     * A cadre gives (or, with a deduction rule, takes) points against a rule, with a reason: the
     * posted transaction, or the entry held for a second person's approval (see points.manual.ts).
     */
    async awardManually(ctx: RequestContext, input: ManualAward) {
      const { replayed, award } = await manual.enter(ctx, input)
      if (award.transactionId === null) return { replayed, award, transaction: null }
      const t = await loadTransaction(ctx, award.transactionId)
      return { replayed, award, transaction: presentTransaction(t, postsToReader(ctx, t)) }
    },

    manualAwards: (ctx: RequestContext, q: ManualAwardsQuery) => manual.list(ctx, q),
    manualAward: (ctx: RequestContext, id: string) => manual.get(ctx, id),
    approveManualAward: (ctx: RequestContext, id: string) => manual.approve(ctx, id),
    rejectManualAward: (ctx: RequestContext, id: string, reason: string) => manual.reject(ctx, id, reason),

    /** Undoes a transaction by posting its negation, once; refused when a balance would go negative. */
    async reverse(ctx: RequestContext, id: string, input: { reason: string }) {
      const t = await loadTransaction(ctx, id)
      authorize(ctx.actor, 'points.reverse', { orgPath: t.orgPath })
      // Undoing a deduction from one's own account would be giving oneself points.
      if (postsToReader(ctx, t)) throw forbidden('POINTS_SELF_AWARD')
      if (t.kind === 'reversal') throw unprocessable('POINTS_REVERSAL_NOT_REVERSIBLE')
      if (t.kind === 'redemption') throw unprocessable('POINTS_REDEMPTION_CANCEL_INSTEAD')
      if (t.reversedById) throw conflict('POINTS_ALREADY_REVERSED')
      const reversalId = await guarded(() => inTransaction(db, async (tx) => {
        const rid = await postReversal(tx, ctx, { id: t.id, ruleCode: t.rule?.code ?? null, quantity: t.quantity === null ? null : Number(t.quantity), orgId: t.org.id, private: t.private }, `冲正：${input.reason}`)
        if (!rid) throw conflict('POINTS_ALREADY_REVERSED')
        await recordAudit(tx, ctx, { action: 'points.reverse', entity: 'points_transaction', entityId: rid, orgPath: t.orgPath, after: { reversesId: t.id, reason: input.reason } })
        return rid
      }))
      return presentTransaction((await repo.findTransaction(db, reversalId))!, false)
    },

    async reconcile(ctx: RequestContext) {
      authorize(ctx.actor, 'points.reconcile', null)
      const r = await repo.reconcile(db)
      return {
        accounts: r.accounts, postings: r.postings, total: Number(r.total),
        mismatches: r.mismatches.map((m) => ({ accountId: m.accountId, balance: Number(m.balance), postingsSum: Number(m.postingsSum) })),
        unbalancedTransactions: r.unbalanced,
      }
    },

    // ---- rules

    async rules(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      return { items: await repo.listRules(db) }
    },

    async createRule(ctx: RequestContext, input: RuleCreate) {
      authorize(ctx.actor, 'points.rule.edit', null)
      return guarded(() => inTransaction(db, async (tx) => {
        const rule = await repo.insertRule(tx, input)
        if (!rule) throw conflict('POINTS_RULE_EXISTS', { code: input.code }, [{ path: 'code', message: 'points.codeTaken' }])
        await recordAudit(tx, ctx, { action: 'points_rule.create', entity: 'points_rule', entityId: null, orgPath: null, after: { ...rule } })
        return rule
      }))
    },

    async updateRule(ctx: RequestContext, code: string, input: RuleUpdate) {
      requireSignedIn(ctx.actor)
      const before = await repo.findRule(db, code)
      if (!before) throw notFound('POINTS_RULE_NOT_FOUND')
      authorize(ctx.actor, 'points.rule.edit', null)
      return inTransaction(db, async (tx) => {
        const after = (await repo.updateRule(tx, code, input))!
        await recordAudit(tx, ctx, { action: 'points_rule.update', entity: 'points_rule', entityId: null, orgPath: null, before: { ...before }, after: { ...after } })
        return after
      })
    },

    ...rewards,
  }
}

export type PointsService = ReturnType<typeof createPointsService>
