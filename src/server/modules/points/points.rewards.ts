// The rewards catalogue (积分兑换商品) and redemptions: items offered by a community or street (at
// a merchant, or by the issuer itself), redeemed by a person (stock taken and points moved in one
// transaction, a code issued), handed over against the code, or cancelled (a reversal and the
// stock back). Keyed requests answer the first redemption, and refuse a key reused with another body.
import { randomInt, randomUUID } from 'node:crypto'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { authorize, can, isAncestorOrSelf, LEVEL, levelAt, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import * as repo from './points.repository.ts'
import * as shop from './points.rewards.repository.ts'
import { guarded } from './points.errors.ts'
import { requestHash, requireSameRequest } from './points.idempotency.ts'
import { presentRedemption, presentReward } from './points.present.ts'
import type { Redeem, RewardCreate, RewardUpdate } from './points.schemas.ts'
import './points.access.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'

type PostReversal = (tx: Executor, ctx: RequestContext, original: { id: string; ruleCode: string | null; quantity: number | null; orgId: string; private: boolean }, memo: string) => Promise<string | undefined>

export function createRewards(deps: { db: Executor; unitsOf: (ctx: RequestContext) => Promise<string[]>; postReversal: PostReversal }) {
  const { db, unitsOf, postReversal } = deps

  async function loadRedemption(ctx: RequestContext, id: string) {
    requireSignedIn(ctx.actor)
    const r = await shop.findRedemption(db, id)
    if (!r) throw notFound('POINTS_REDEMPTION_NOT_FOUND')
    const merchantStaff = r.merchantUnitId !== null && (await unitsOf(ctx)).includes(r.merchantUnitId)
    const owned = r.personId === ctx.actor.personId
    authorize(ctx.actor, 'points.redemption.read', { orgPath: r.orgPath, owned, merchantStaff }, 'POINTS_REDEMPTION_NOT_FOUND')
    return { r, owned, merchantStaff }
  }

  async function newRedemptionCode(tx: Executor): Promise<string> {
    for (;;) {
      const code = String(randomInt(10_000_000, 100_000_000))
      if (!(await shop.codeTaken(tx, code))) return code
    }
  }

  return {
    async listRewards(ctx: RequestContext, q: { orgId?: string; merchantUnitId?: string; includeInactive?: 'true' | 'false'; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const org = q.orgId ? await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId }) : undefined
      if (q.merchantUnitId) await requireAccessOne(db, ctx.actor, { permission: 'unit.read', entity: 'unit', id: q.merchantUnitId })
      const rolePaths = ctx.actor.roles.map((r) => r.orgPath)
      if (rolePaths.length === 0) return { items: [], nextCursor: null }
      const staff = scopesOf(ctx.actor, LEVEL.cadre)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await shop.listRewards(db, {
        rolePaths: scopeParam(rolePaths), staffScopes: staff.length ? scopeParam(staff) : null, includeInactive: q.includeInactive === 'true',
        underPath: org?.path, merchantUnitId: q.merchantUnitId, afterId: after?.id, limit: q.limit,
      })
      return toPage(found, q.limit, presentReward, (r) => ({ id: r.id }))
    },

    async getReward(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'points.reward.read', entity: 'points_reward', id })
      const r = (await shop.findReward(db, id))!
      // A withdrawn item is seen by those who may put it back on offer.
      if (!r.active && levelAt(ctx.actor, r.orgPath) < LEVEL.cadre) throw notFound('POINTS_REWARD_NOT_FOUND')
      return presentReward(r)
    },

    async merchants(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const scopes = scopesOf(ctx.actor, LEVEL.cadre)
      if (scopes.length === 0) return { items: [] }
      // A community cadre also offers items of the street's merchants, so look one level up.
      const reach = [...new Set(scopes.map((p) => p.split('.').slice(0, Math.max(1, p.split('.').length - 1)).join('.')))]
      const found = await shop.listMerchants(db, scopeParam(reach))
      return { items: found }
    },

    async createReward(ctx: RequestContext, input: RewardCreate) {
      requireSignedIn(ctx.actor)
      const id = await inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'points.reward.publish', entity: 'org', id: input.orgId })
        if (!['community', 'village', 'street'].includes(org.kind)) throw unprocessable('POINTS_REWARD_ORG_KIND', {}, [{ path: 'orgId', message: 'points.orgCommunityOrStreet' }])
        if (input.merchantUnitId) {
          const merchant = await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: input.merchantUnitId })
          if (merchant.kind !== 'merchant') throw notFound('POINTS_MERCHANT_NOT_FOUND', [{ path: 'merchantUnitId', message: 'points.merchantMissing' }])
          if (!isAncestorOrSelf(merchant.orgPath, org.path) && !isAncestorOrSelf(org.path, merchant.orgPath)) {
            throw unprocessable('POINTS_MERCHANT_OUT_OF_AREA', {}, [{ path: 'merchantUnitId', message: 'points.merchantOutsideScope' }])
          }
        }
        const rid = await shop.insertReward(tx, input, ctx.actor.personId!)
        await recordAudit(tx, ctx, { action: 'points_reward.create', entity: 'points_reward', entityId: rid, orgPath: org.path, after: { ...input } })
        return rid
      })
      return presentReward((await shop.findReward(db, id))!)
    },

    async updateReward(ctx: RequestContext, id: string, input: RewardUpdate) {
      await guarded(() => inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'points.reward.publish', entity: 'points_reward', id })
        const before = (await shop.findReward(tx, id))!
        await shop.updateReward(tx, id, input)
        const after = (await shop.findReward(tx, id))!
        await recordAudit(tx, ctx, {
          action: 'points_reward.update', entity: 'points_reward', entityId: id, orgPath: before.orgPath,
          before: { name: before.name, description: before.description, points: before.points, stock: before.stock, active: before.active },
          after: { name: after.name, description: after.description, points: after.points, stock: after.stock, active: after.active },
        })
      }))
      return presentReward((await shop.findReward(db, id))!)
    },

    // ---- redemptions

    /** A person spends points on an item: stock taken, points moved to the merchant (or the issuer), a code issued. */
    async redeem(ctx: RequestContext, input: Redeem): Promise<{ replayed: boolean; redemption: ReturnType<typeof presentRedemption> }> {
      authorize(ctx.actor, 'points.redeem', null)
      const personId = ctx.actor.personId!
      const key = input.idempotencyKey ? `redeem:${personId}:${input.idempotencyKey}` : `redeem:${randomUUID()}`
      const hash = requestHash({ rewardId: input.rewardId, quantity: input.quantity })
      const result = await guarded(() => inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'points.reward.read', entity: 'points_reward', id: input.rewardId })
        const first = await repo.transactionByKey(tx, key)
        if (first) {
          const redemption = (await shop.redemptionByTransaction(tx, first.id))!
          requireSameRequest(redemption.requestHash, hash)
          return { id: redemption.id, replayed: true }
        }
        const reward = (await shop.findReward(tx, input.rewardId))!
        if (!reward.active) throw unprocessable('POINTS_REWARD_INACTIVE')
        if (!(await shop.takeStock(tx, reward.id, input.quantity))) throw conflict('POINTS_REWARD_OUT_OF_STOCK')
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
        const rid = await shop.insertRedemption(tx, {
          rewardId: reward.id, personId, quantity: input.quantity, points: total, code: await newRedemptionCode(tx), transactionId: txId, requestHash: hash,
        })
        await recordAudit(tx, ctx, { action: 'points.redeem', entity: 'points_redemption', entityId: rid, orgPath: reward.orgPath, after: { rewardId: reward.id, quantity: input.quantity, points: total } })
        return { id: rid, replayed: false }
      }))
      return { replayed: result.replayed, redemption: presentRedemption((await shop.findRedemption(db, result.id))!) }
    },

    async myRedemptions(ctx: RequestContext, q: { status?: string; cursor?: string; limit: number }) {
      authorize(ctx.actor, 'points.redeem', null)
      const before = decodeCursor(q.cursor, idCursor)
      const found = await shop.listRedemptions(db, { personId: ctx.actor.personId!, status: q.status, beforeId: before?.id, limit: q.limit })
      return toPage(found, q.limit, presentRedemption, (r) => ({ id: r.id }))
    },

    /** Redemptions to hand over: those of the merchants the caller acts for and of the orgs they staff. */
    async listRedemptions(ctx: RequestContext, q: { status?: string; code?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const before = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      const found = await shop.listRedemptions(db, {
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
      const r = await shop.findRedemptionByCode(db, code)
      const merchantStaff = !!r?.merchantUnitId && (await unitsOf(ctx)).includes(r.merchantUnitId)
      // An unknown code and someone else's code look the same, so codes cannot be probed.
      if (!r || !can(ctx.actor, 'points.redemption.handle', { orgPath: r.orgPath, merchantStaff })) throw notFound('POINTS_REDEMPTION_NOT_FOUND')
      await inTransaction(db, async (tx) => {
        if (!(await shop.markHandedOver(tx, r.id, ctx.actor.personId!))) throw conflict('POINTS_REDEMPTION_NOT_PENDING')
        await recordAudit(tx, ctx, { action: 'points.hand_over', entity: 'points_redemption', entityId: r.id, orgPath: r.orgPath, before: { status: 'pending' }, after: { status: 'handed_over' } })
      })
      return presentRedemption((await shop.findRedemption(db, r.id))!)
    },

    /** Cancels a pending redemption: the points go back (a reversal) and so does the stock. */
    async cancelRedemption(ctx: RequestContext, id: string, input: { reason: string }) {
      const { r, owned, merchantStaff } = await loadRedemption(ctx, id)
      if (r.status !== 'pending') throw conflict('POINTS_REDEMPTION_NOT_PENDING')
      authorize(ctx.actor, 'points.redemption.cancel', { orgPath: r.orgPath, owned, merchantStaff, pending: true })
      await guarded(() => inTransaction(db, async (tx) => {
        const locked = (await shop.findRedemption(tx, id, true))!
        if (locked.status !== 'pending') throw conflict('POINTS_REDEMPTION_NOT_PENDING')
        const reversal = await postReversal(tx, ctx, { id: r.transactionId, ruleCode: null, quantity: r.quantity, orgId: r.org.id, private: false }, `取消兑换：${input.reason}`)
        if (!reversal) throw conflict('POINTS_REDEMPTION_NOT_PENDING')
        await shop.returnStock(tx, r.rewardId, r.quantity)
        await shop.markCancelled(tx, id, ctx.actor.personId, input.reason, reversal)
        await recordAudit(tx, ctx, { action: 'points.cancel_redemption', entity: 'points_redemption', entityId: id, orgPath: r.orgPath, before: { status: 'pending' }, after: { status: 'cancelled', reason: input.reason } })
      }))
      return presentRedemption((await shop.findRedemption(db, id))!)
    },
  }
}
