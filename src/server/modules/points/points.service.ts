// The points ledger (积分): one double-entry ledger for the whole system. Accounts belong to a
// person, a unit (merchants among them) or an issuing org node (a street); every transaction's
// postings sum to zero, balances of people and units are kept from the postings by a trigger and
// may not go below zero; an issuer's balance (negative by the points in circulation) is the sum
// of its postings, so a street's awards do not queue on one row. Other
// modules pay points with `award(tx, …)` inside their own transaction, keyed by their event id.
// Mistakes are undone by reversal transactions, never by edits; redemptions take stock
// atomically and are handed over against a code or cancelled (reversal + stock back).
import { randomInt, randomUUID } from 'node:crypto'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, isAncestorOrSelf, LEVEL, levelAt, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { AppError, conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import * as repo from './points.repository.ts'
import type { ManualAward, Redeem, RewardCreate, RewardUpdate, RuleCreate, RuleUpdate } from './points.schemas.ts'
import './points.policy.ts'

export interface AwardInput {
  ruleCode: string
  personId: string
  quantity: number
  /** The caller's event id, e.g. "volunteers:attendance:42"; a retry posts nothing. */
  idempotencyKey: string
  /** Where the points were earned; the street above it (or the nearest ancestor with an account) pays. */
  orgId: string
  memo: string
}

const POSTINGS_PREVIEW = 20

/** The PostgreSQL error under Drizzle's wrapper, if any. */
function pgErrorOf(err: unknown): { code: string; constraint?: string } | null {
  let current: unknown = err
  for (let depth = 0; depth < 5 && current; depth++) {
    const c = current as { code?: unknown; constraint?: string; cause?: unknown }
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return { code: c.code, constraint: c.constraint }
    current = c.cause
  }
  return null
}

/** Turns the ledger's database rules into the errors a client can act on. */
function ledgerError(err: unknown): unknown {
  if (err instanceof AppError) return err
  const pg = pgErrorOf(err)
  if (pg?.constraint === 'points_accounts_balance_check') return unprocessable('POINTS_BALANCE_INSUFFICIENT')
  if (pg?.constraint === 'points_transactions_reverses_key') return conflict('POINTS_ALREADY_REVERSED')
  if (pg?.constraint === 'points_rewards_stock_check') return unprocessable('POINTS_STOCK_NEGATIVE')
  if (pg?.constraint === 'points_rules_pkey') return conflict('POINTS_RULE_EXISTS')
  return err
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    throw ledgerError(err)
  }
}

function presentAccount(a: repo.AccountRow) {
  return { id: a.id, ownerKind: a.ownerKind, owner: a.owner, org: a.org, balance: Number(a.balance), createdAt: isoTime(a.createdAt)! }
}

function presentPosting(p: repo.PostingRow) {
  return { id: p.id, transactionId: p.transactionId, kind: p.kind, rule: p.rule, memo: p.memo, amount: Number(p.amount), reversed: p.reversed, createdAt: isoTime(p.createdAt)! }
}

function presentTransaction(t: repo.TransactionRow) {
  return {
    id: t.id, kind: t.kind, rule: t.rule, quantity: t.quantity === null ? null : Number(t.quantity), memo: t.memo, org: t.org,
    createdBy: t.createdBy, createdAt: isoTime(t.createdAt)!, reversesId: t.reversesId, reversedById: t.reversedById,
    postings: t.postings.map((p) => ({ accountId: p.accountId, ownerKind: p.ownerKind, owner: p.owner, amount: Number(p.amount) })),
  }
}

function presentReward(r: repo.RewardRow) {
  return { id: r.id, name: r.name, description: r.description, points: r.points, stock: r.stock, merchant: r.merchant, org: r.org, active: r.active, createdAt: isoTime(r.createdAt)! }
}

function presentRedemption(r: repo.RedemptionRow) {
  return {
    id: r.id, reward: r.reward, merchant: r.merchant, org: r.org, person: r.person, quantity: r.quantity, points: Number(r.points), code: r.code,
    status: r.status, transactionId: r.transactionId, cancelTransactionId: r.cancelTransactionId, handledBy: r.handledBy,
    handledAt: isoTime(r.handledAt), cancelReason: r.cancelReason, createdAt: isoTime(r.createdAt)!,
  }
}

export function createPointsService(deps: { db: Executor }) {
  const { db } = deps

  /** The rewards a person sees: published at or above where they hold a role, or inside it. */
  const rewardVisible = (ctx: RequestContext, orgPath: string) =>
    ctx.actor.roles.some((r) => isAncestorOrSelf(orgPath, r.orgPath) || isAncestorOrSelf(r.orgPath, orgPath))

  async function unitsOf(ctx: RequestContext): Promise<string[]> {
    return ctx.actor.personId ? repo.unitIdsOf(db, ctx.actor.personId) : []
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

  async function postingsPage(accountId: string, q: { cursor?: string; limit: number }) {
    const before = decodeCursor(q.cursor, idCursor)
    const found = await repo.accountPostings(db, accountId, { beforeId: before?.id, limit: q.limit })
    return toPage(found, q.limit, presentPosting, (p) => ({ id: p.id }))
  }

  async function loadTransaction(ctx: RequestContext, id: string, ex: Executor = db) {
    requireSignedIn(ctx.actor)
    const t = await repo.findTransaction(ex, id)
    if (!t) throw notFound('POINTS_TRANSACTION_NOT_FOUND')
    const units = await unitsOf(ctx)
    const party = t.postings.some((p) => (p.personId !== null && p.personId === ctx.actor.personId) || (p.unitId !== null && units.includes(p.unitId)))
    authorize(ctx.actor, 'points.transaction.read', { orgPaths: [t.orgPath, ...t.postings.map((p) => p.orgPath)], party }, 'POINTS_TRANSACTION_NOT_FOUND')
    return t
  }

  async function loadRedemption(ctx: RequestContext, id: string) {
    requireSignedIn(ctx.actor)
    const r = await repo.findRedemption(db, id)
    if (!r) throw notFound('POINTS_REDEMPTION_NOT_FOUND')
    const merchantStaff = r.merchantUnitId !== null && (await unitsOf(ctx)).includes(r.merchantUnitId)
    const owned = r.personId === ctx.actor.personId
    authorize(ctx.actor, 'points.redemption.read', { orgPath: r.orgPath, owned, merchantStaff }, 'POINTS_REDEMPTION_NOT_FOUND')
    return { r, owned, merchantStaff }
  }

  /** Reverses `original` inside `tx`: the same postings negated. Undefined when it was reversed already. */
  async function postReversal(tx: Executor, ctx: RequestContext, original: { id: string; ruleCode: string | null; quantity: number | null; orgId: string }, memo: string) {
    const id = await repo.insertTransaction(tx, {
      kind: 'reversal', ruleCode: original.ruleCode, quantity: original.quantity, idempotencyKey: `reversal:${original.id}`, memo,
      reversesId: original.id, createdBy: ctx.actor.personId, orgId: original.orgId,
    })
    if (!id) return undefined
    const postings = await repo.postingsOf(tx, original.id)
    await repo.insertPostings(tx, id, postings.map((p) => ({ accountId: p.accountId, amount: -Number(p.amount) })))
    return id
  }

  async function newRedemptionCode(tx: Executor): Promise<string> {
    for (;;) {
      const code = String(randomInt(10_000_000, 100_000_000))
      if (!(await repo.codeTaken(tx, code))) return code
    }
  }

  return {
    /**
     * Pays `rule.points × quantity` (rounded) to the person, inside the caller's transaction.
     * Idempotent by key: a retry returns the first result and posts nothing. Null when the rule
     * is missing, inactive or not an earning rule.
     */
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
        reversesId: null, createdBy: null, orgId: input.orgId,
      })
      if (!id) return replay() // a concurrent call with the same key committed first
      await repo.insertPostings(tx, id, [{ accountId: issuer, amount: -points }, { accountId: account, amount: points }])
      return { transactionId: id, points }
    },

    // ---- accounts and transactions

    async myAccount(ctx: RequestContext) {
      authorize(ctx.actor, 'points.redeem', null)
      const account = await repo.findPersonAccount(db, ctx.actor.personId!)
      const merchants = await repo.merchantsOf(db, ctx.actor.personId!)
      if (!account) {
        return {
          id: null, ownerKind: 'person' as const, owner: { id: ctx.actor.personId!, name: ctx.actor.personName ?? '' }, org: { id: '', name: '' }, balance: 0,
          createdAt: new Date().toISOString(), postings: { items: [], nextCursor: null }, merchants,
        }
      }
      return { ...presentAccount(account), postings: await postingsPage(account.id, { limit: POSTINGS_PREVIEW }), merchants }
    },

    async getAccount(ctx: RequestContext, id: string) {
      const account = await loadAccount(ctx, id)
      return { ...presentAccount(account), postings: await postingsPage(account.id, { limit: POSTINGS_PREVIEW }) }
    },

    async accountPostings(ctx: RequestContext, id: string, q: { cursor?: string; limit: number }) {
      const account = await loadAccount(ctx, id)
      return postingsPage(account.id, q)
    },

    async listAccounts(ctx: RequestContext, q: { ownerKind?: repo.OwnerKind; orgId?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      let underPath: string | undefined
      if (q.orgId) {
        const org = await repo.findOrg(db, q.orgId)
        if (!org || levelAt(ctx.actor, org.path) < LEVEL.gridStaff) throw notFound('ORG_NOT_FOUND')
        underPath = org.path
      }
      const after = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      const found = scopes.length === 0 ? [] : await repo.listAccounts(db, { scopes: scopeParam(scopes), underPath, ownerKind: q.ownerKind, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, presentAccount, (a) => ({ id: a.id }))
    },

    async getTransaction(ctx: RequestContext, id: string) {
      return presentTransaction(await loadTransaction(ctx, id))
    },

    /** A cadre gives (or, with a deduction rule, takes) points against a rule, with a reason. */
    async awardManually(ctx: RequestContext, input: ManualAward): Promise<{ replayed: boolean; transaction: ReturnType<typeof presentTransaction> }> {
      requireSignedIn(ctx.actor)
      const org = await repo.findOrg(db, input.orgId)
      if (!org) throw unprocessable('ORG_NOT_FOUND', {}, [{ path: 'orgId', message: '组织不存在' }])
      authorize(ctx.actor, 'points.award', { orgPath: org.path })
      const rule = await repo.findRule(db, input.ruleCode)
      if (!rule) throw unprocessable('POINTS_RULE_NOT_FOUND', { code: input.ruleCode }, [{ path: 'ruleCode', message: '规则不存在' }])
      if (!rule.active) throw unprocessable('POINTS_RULE_INACTIVE', { code: input.ruleCode }, [{ path: 'ruleCode', message: '规则已停用' }])
      const unit = input.unitId ? await repo.findUnit(db, input.unitId) : undefined
      if (input.personId ? !(await repo.personExists(db, input.personId)) : !unit) {
        throw unprocessable('POINTS_OWNER_NOT_FOUND', {}, [{ path: input.personId ? 'personId' : 'unitId', message: '不存在' }])
      }
      const points = Math.round(rule.points * input.quantity)
      if (points === 0) throw unprocessable('POINTS_AMOUNT_ZERO', {}, [{ path: 'quantity', message: '折算积分为 0' }])
      const key = input.idempotencyKey ? `manual:${ctx.actor.personId}:${input.idempotencyKey}` : `manual:${randomUUID()}`
      const result = await guarded(() => db.transaction(async (tx) => {
        const first = await repo.transactionByKey(tx, key)
        if (first) return { id: first.id, replayed: true }
        const issuer = await repo.issuerAccountFor(tx, org.id)
        if (!issuer) throw unprocessable('POINTS_ISSUER_NOT_FOUND')
        const owner = input.personId ? await repo.ensurePersonAccount(tx, input.personId, org.id) : await repo.ensureUnitAccount(tx, unit!.id)
        const earn = rule.direction === 'earn'
        const id = await repo.insertTransaction(tx, {
          kind: earn ? 'award' : 'deduction', ruleCode: rule.code, quantity: input.quantity, idempotencyKey: key, memo: input.reason,
          reversesId: null, createdBy: ctx.actor.personId, orgId: org.id,
        })
        if (!id) return { id: (await repo.transactionByKey(tx, key))!.id, replayed: true }
        await repo.insertPostings(tx, id, earn
          ? [{ accountId: issuer, amount: -points }, { accountId: owner, amount: points }]
          : [{ accountId: owner, amount: -points }, { accountId: issuer, amount: points }])
        await recordAudit(tx, ctx, {
          action: earn ? 'points.award' : 'points.deduct', entity: 'points_transaction', entityId: id, orgPath: org.path,
          after: { ruleCode: rule.code, quantity: input.quantity, points, personId: input.personId ?? null, unitId: input.unitId ?? null, reason: input.reason },
        })
        return { id, replayed: false }
      }))
      return { replayed: result.replayed, transaction: presentTransaction(await loadTransaction(ctx, result.id)) }
    },

    /** Undoes a transaction by posting its negation, once; refused when a balance would go negative. */
    async reverse(ctx: RequestContext, id: string, input: { reason: string }) {
      const t = await loadTransaction(ctx, id)
      authorize(ctx.actor, 'points.reverse', { orgPath: t.orgPath })
      if (t.kind === 'reversal') throw unprocessable('POINTS_REVERSAL_NOT_REVERSIBLE')
      if (t.kind === 'redemption') throw unprocessable('POINTS_REDEMPTION_CANCEL_INSTEAD')
      if (t.reversedById) throw conflict('POINTS_ALREADY_REVERSED')
      const reversalId = await guarded(() => db.transaction(async (tx) => {
        const rid = await postReversal(tx, ctx, { id: t.id, ruleCode: t.rule?.code ?? null, quantity: t.quantity === null ? null : Number(t.quantity), orgId: t.org.id }, `冲正：${input.reason}`)
        if (!rid) throw conflict('POINTS_ALREADY_REVERSED')
        await recordAudit(tx, ctx, { action: 'points.reverse', entity: 'points_transaction', entityId: rid, orgPath: t.orgPath, after: { reversesId: t.id, reason: input.reason } })
        return rid
      }))
      return presentTransaction((await repo.findTransaction(db, reversalId))!)
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
      return guarded(() => db.transaction(async (tx) => {
        const rule = await repo.insertRule(tx, input)
        if (!rule) throw conflict('POINTS_RULE_EXISTS', { code: input.code }, [{ path: 'code', message: '代码已存在' }])
        await recordAudit(tx, ctx, { action: 'points_rule.create', entity: 'points_rule', entityId: null, orgPath: null, after: { ...rule } })
        return rule
      }))
    },

    async updateRule(ctx: RequestContext, code: string, input: RuleUpdate) {
      requireSignedIn(ctx.actor)
      const before = await repo.findRule(db, code)
      if (!before) throw notFound('POINTS_RULE_NOT_FOUND')
      authorize(ctx.actor, 'points.rule.edit', null)
      return db.transaction(async (tx) => {
        const after = (await repo.updateRule(tx, code, input))!
        await recordAudit(tx, ctx, { action: 'points_rule.update', entity: 'points_rule', entityId: null, orgPath: null, before: { ...before }, after: { ...after } })
        return after
      })
    },

    // ---- rewards

    async listRewards(ctx: RequestContext, q: { orgId?: string; merchantUnitId?: string; includeInactive?: 'true' | 'false'; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      let underPath: string | undefined
      if (q.orgId) {
        const org = await repo.findOrg(db, q.orgId)
        if (!org) throw notFound('ORG_NOT_FOUND')
        underPath = org.path
      }
      const rolePaths = ctx.actor.roles.map((r) => r.orgPath)
      if (rolePaths.length === 0) return { items: [], nextCursor: null }
      const staff = scopesOf(ctx.actor, LEVEL.cadre)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.listRewards(db, {
        rolePaths: scopeParam(rolePaths), staffScopes: staff.length ? scopeParam(staff) : null, includeInactive: q.includeInactive === 'true',
        underPath, merchantUnitId: q.merchantUnitId, afterId: after?.id, limit: q.limit,
      })
      return toPage(found, q.limit, presentReward, (r) => ({ id: r.id }))
    },

    async getReward(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      const r = await repo.findReward(db, id)
      if (!r || !rewardVisible(ctx, r.orgPath) || (!r.active && levelAt(ctx.actor, r.orgPath) < LEVEL.cadre)) throw notFound('POINTS_REWARD_NOT_FOUND')
      return presentReward(r)
    },

    async merchants(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const scopes = scopesOf(ctx.actor, LEVEL.cadre)
      if (scopes.length === 0) return { items: [] }
      // A community cadre also offers items of the street's merchants, so look one level up.
      const reach = [...new Set(scopes.map((p) => p.split('.').slice(0, Math.max(1, p.split('.').length - 1)).join('.')))]
      const found = await repo.listMerchants(db, scopeParam(reach))
      return { items: found }
    },

    async createReward(ctx: RequestContext, input: RewardCreate) {
      requireSignedIn(ctx.actor)
      const org = await repo.findOrg(db, input.orgId)
      if (!org) throw unprocessable('ORG_NOT_FOUND', {}, [{ path: 'orgId', message: '组织不存在' }])
      authorize(ctx.actor, 'points.reward.publish', { orgPath: org.path })
      if (!['community', 'village', 'street'].includes(org.kind)) throw unprocessable('POINTS_REWARD_ORG_KIND', {}, [{ path: 'orgId', message: '须为社区或街道' }])
      if (input.merchantUnitId) {
        const merchant = await repo.findUnit(db, input.merchantUnitId)
        if (!merchant || merchant.kind !== 'merchant') throw unprocessable('POINTS_MERCHANT_NOT_FOUND', {}, [{ path: 'merchantUnitId', message: '商户不存在' }])
        if (!isAncestorOrSelf(merchant.orgPath, org.path) && !isAncestorOrSelf(org.path, merchant.orgPath)) {
          throw unprocessable('POINTS_MERCHANT_OUT_OF_AREA', {}, [{ path: 'merchantUnitId', message: '商户不在该范围内' }])
        }
      }
      const id = await db.transaction(async (tx) => {
        const rid = await repo.insertReward(tx, input, ctx.actor.personId!)
        await recordAudit(tx, ctx, { action: 'points_reward.create', entity: 'points_reward', entityId: rid, orgPath: org.path, after: { ...input } })
        return rid
      })
      return presentReward((await repo.findReward(db, id))!)
    },

    async updateReward(ctx: RequestContext, id: string, input: RewardUpdate) {
      requireSignedIn(ctx.actor)
      const before = await repo.findReward(db, id)
      if (!before || !rewardVisible(ctx, before.orgPath)) throw notFound('POINTS_REWARD_NOT_FOUND')
      authorize(ctx.actor, 'points.reward.publish', { orgPath: before.orgPath })
      await guarded(() => db.transaction(async (tx) => {
        await repo.updateReward(tx, id, input)
        const after = (await repo.findReward(tx, id))!
        await recordAudit(tx, ctx, {
          action: 'points_reward.update', entity: 'points_reward', entityId: id, orgPath: before.orgPath,
          before: { name: before.name, description: before.description, points: before.points, stock: before.stock, active: before.active },
          after: { name: after.name, description: after.description, points: after.points, stock: after.stock, active: after.active },
        })
      }))
      return presentReward((await repo.findReward(db, id))!)
    },

    // ---- redemptions

    /** A person spends points on an item: stock taken, points moved to the merchant (or the issuer), a code issued. */
    async redeem(ctx: RequestContext, input: Redeem): Promise<{ replayed: boolean; redemption: ReturnType<typeof presentRedemption> }> {
      authorize(ctx.actor, 'points.redeem', null)
      const personId = ctx.actor.personId!
      const reward = await repo.findReward(db, input.rewardId)
      if (!reward || !rewardVisible(ctx, reward.orgPath)) throw notFound('POINTS_REWARD_NOT_FOUND')
      if (!reward.active) throw unprocessable('POINTS_REWARD_INACTIVE')
      const key = input.idempotencyKey ? `redeem:${personId}:${input.idempotencyKey}` : `redeem:${randomUUID()}`
      const result = await guarded(() => db.transaction(async (tx) => {
        const first = await repo.transactionByKey(tx, key)
        if (first) return { id: (await repo.redemptionByTransaction(tx, first.id))!.id, replayed: true }
        if (!(await repo.takeStock(tx, reward.id, input.quantity))) throw conflict('POINTS_REWARD_OUT_OF_STOCK')
        const total = reward.points * input.quantity
        const from = await repo.ensurePersonAccount(tx, personId, reward.orgId)
        const to = reward.merchantUnitId ? await repo.ensureUnitAccount(tx, reward.merchantUnitId) : await repo.issuerAccountFor(tx, reward.orgId)
        if (!to) throw unprocessable('POINTS_ISSUER_NOT_FOUND')
        const txId = await repo.insertTransaction(tx, {
          kind: 'redemption', ruleCode: null, quantity: input.quantity, idempotencyKey: key, memo: `兑换 ${reward.name} × ${input.quantity}`,
          reversesId: null, createdBy: personId, orgId: reward.orgId,
        })
        if (!txId) throw conflict('CONFLICT')
        await repo.insertPostings(tx, txId, [{ accountId: from, amount: -total }, { accountId: to, amount: total }])
        const rid = await repo.insertRedemption(tx, { rewardId: reward.id, personId, quantity: input.quantity, points: total, code: await newRedemptionCode(tx), transactionId: txId })
        await recordAudit(tx, ctx, { action: 'points.redeem', entity: 'points_redemption', entityId: rid, orgPath: reward.orgPath, after: { rewardId: reward.id, quantity: input.quantity, points: total } })
        return { id: rid, replayed: false }
      }))
      return { replayed: result.replayed, redemption: presentRedemption((await repo.findRedemption(db, result.id))!) }
    },

    async myRedemptions(ctx: RequestContext, q: { status?: string; cursor?: string; limit: number }) {
      authorize(ctx.actor, 'points.redeem', null)
      const before = decodeCursor(q.cursor, idCursor)
      const found = await repo.listRedemptions(db, { personId: ctx.actor.personId!, status: q.status, beforeId: before?.id, limit: q.limit })
      return toPage(found, q.limit, presentRedemption, (r) => ({ id: r.id }))
    },

    /** Redemptions to hand over: those of the merchants the caller acts for and of the orgs they staff. */
    async listRedemptions(ctx: RequestContext, q: { status?: string; code?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const before = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      const found = await repo.listRedemptions(db, {
        scopes: scopes.length ? scopeParam(scopes) : null, unitIds: await unitsOf(ctx), status: q.status, code: q.code, beforeId: before?.id, limit: q.limit,
      })
      return toPage(found, q.limit, presentRedemption, (r) => ({ id: r.id }))
    },

    async getRedemption(ctx: RequestContext, id: string) {
      return presentRedemption((await loadRedemption(ctx, id)).r)
    },

    /** The merchant (or a cadre) confirms the item was handed over, against the person's code. */
    async confirmRedemption(ctx: RequestContext, code: string) {
      requireSignedIn(ctx.actor)
      const r = await repo.findRedemptionByCode(db, code)
      const merchantStaff = !!r?.merchantUnitId && (await unitsOf(ctx)).includes(r.merchantUnitId)
      // An unknown code and someone else's code look the same, so codes cannot be probed.
      if (!r || !can(ctx.actor, 'points.redemption.handle', { orgPath: r.orgPath, merchantStaff })) throw notFound('POINTS_REDEMPTION_NOT_FOUND')
      await db.transaction(async (tx) => {
        if (!(await repo.markHandedOver(tx, r.id, ctx.actor.personId!))) throw conflict('POINTS_REDEMPTION_NOT_PENDING')
        await recordAudit(tx, ctx, { action: 'points.hand_over', entity: 'points_redemption', entityId: r.id, orgPath: r.orgPath, before: { status: 'pending' }, after: { status: 'handed_over' } })
      })
      return presentRedemption((await repo.findRedemption(db, r.id))!)
    },

    /** Cancels a pending redemption: the points go back (a reversal) and so does the stock. */
    async cancelRedemption(ctx: RequestContext, id: string, input: { reason: string }) {
      const { r, owned, merchantStaff } = await loadRedemption(ctx, id)
      if (r.status !== 'pending') throw conflict('POINTS_REDEMPTION_NOT_PENDING')
      authorize(ctx.actor, 'points.redemption.cancel', { orgPath: r.orgPath, owned, merchantStaff, pending: true })
      await guarded(() => db.transaction(async (tx) => {
        const locked = (await repo.findRedemption(tx, id, true))!
        if (locked.status !== 'pending') throw conflict('POINTS_REDEMPTION_NOT_PENDING')
        const reversal = await postReversal(tx, ctx, { id: r.transactionId, ruleCode: null, quantity: r.quantity, orgId: r.org.id }, `取消兑换：${input.reason}`)
        if (!reversal) throw conflict('POINTS_REDEMPTION_NOT_PENDING')
        await repo.returnStock(tx, r.rewardId, r.quantity)
        await repo.markCancelled(tx, id, ctx.actor.personId, input.reason, reversal)
        await recordAudit(tx, ctx, { action: 'points.cancel_redemption', entity: 'points_redemption', entityId: id, orgPath: r.orgPath, before: { status: 'pending' }, after: { status: 'cancelled', reason: input.reason } })
      }))
      return presentRedemption((await repo.findRedemption(db, id))!)
    },
  }
}

export type PointsService = ReturnType<typeof createPointsService>
