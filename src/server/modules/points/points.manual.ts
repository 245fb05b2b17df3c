// Manual awards and deductions (手工奖励 / 扣减) and their review. A cadre gives or takes points
// against a rule, with a reason, for a person or unit of their scope and never for themselves;
// one entry and one awarder's day are capped by configuration, and an entry above
// POINTS_MANUAL_APPROVAL_ABOVE points is stored pending, posting nothing, until a second person
// with the right over the node and the recipient approves it (which posts it, once) or rejects it.
// Every entry is a row of points_manual_awards, listed for review.
import { randomUUID } from 'node:crypto'
import type { Executor } from '../../kernel/db/client.ts'
import type { Config } from '../../kernel/config.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { authorize, can, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, totalOf } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import * as repo from './points.repository.ts'
import * as manual from './points.manual.repository.ts'
import { guarded } from './points.errors.ts'
import { requestHash, requireSameRequest } from './points.idempotency.ts'
import { chinaDayOf, presentManualAward } from './points.present.ts'
import type { ManualAwardSubject } from './points.policy.ts'
import type { ManualAward, ManualAwardsQuery } from './points.schemas.ts'
import './points.access.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'

export type ManualLimits = Pick<Config, 'POINTS_MANUAL_MAX_PER_AWARD' | 'POINTS_MANUAL_MAX_PER_DAY' | 'POINTS_MANUAL_APPROVAL_ABOVE'>

export function createManualAwards(deps: { db: Executor; limits: ManualLimits }) {
  const { db, limits } = deps

  const decidable = (ctx: RequestContext, m: manual.ManualAwardRow, s: ManualAwardSubject | undefined) =>
    m.status === 'pending' && s !== undefined && can(ctx.actor, 'points.manual.decide', s)

  async function present(ctx: RequestContext, ex: Executor, id: string) {
    const m = (await manual.findManualAward(ex, id))!
    const [s] = await manual.manualAwardSubjects(ex, [id])
    return presentManualAward(m, decidable(ctx, m, s))
  }

  /** Posts an entry's transaction (its key is the entry's, so it posts once); the recipient's balance may refuse a deduction. */
  async function post(tx: Executor, m: Pick<manual.ManualAwardRow, 'id' | 'rule' | 'quantity' | 'points' | 'direction' | 'personId' | 'unitId' | 'orgId' | 'reason' | 'awardedById'>) {
    const issuer = await repo.issuerAccountFor(tx, m.orgId)
    if (!issuer) throw unprocessable('POINTS_ISSUER_NOT_FOUND')
    const owner = m.personId ? await repo.ensurePersonAccount(tx, m.personId, m.orgId) : await repo.ensureUnitAccount(tx, m.unitId!)
    const earn = m.direction === 'earn'
    const id = await repo.insertTransaction(tx, {
      kind: earn ? 'award' : 'deduction', ruleCode: m.rule.code, quantity: Number(m.quantity), idempotencyKey: `manual_award:${m.id}`, memo: m.reason,
      reversesId: null, createdBy: m.awardedById, orgId: m.orgId,
    })
    if (!id) throw conflict('POINTS_MANUAL_AWARD_DECIDED')
    const points = Number(m.points)
    await repo.insertPostings(tx, id, earn
      ? [{ accountId: issuer, amount: -points }, { accountId: owner, amount: points }]
      : [{ accountId: owner, amount: -points }, { accountId: issuer, amount: points }])
    return id
  }

  /** Loads a pending entry for a decision by the caller: 两人审核, and the right over the node and the recipient. */
  async function forDecision(tx: Executor, ctx: RequestContext, id: string) {
    const subject = await requireAccessOne<ManualAwardSubject>(tx, ctx.actor, { permission: 'points.manual.read', entity: 'points_manual_award', id, hide: true })
    if (subject.awardedById === ctx.actor.personId) throw forbidden('POINTS_APPROVAL_SELF')
    if (ctx.actor.personId !== null && subject.recipientPersonIds.includes(ctx.actor.personId)) throw forbidden('POINTS_SELF_AWARD')
    authorize(ctx.actor, 'points.manual.decide', subject)
    const m = (await manual.findManualAward(tx, id, true))!
    if (m.status !== 'pending') throw conflict('POINTS_MANUAL_AWARD_DECIDED')
    return m
  }

  const auditAfter = (m: manual.ManualAwardRow) => ({
    ruleCode: m.rule.code, quantity: Number(m.quantity), points: Number(m.points), personId: m.personId, unitId: m.unitId, reason: m.reason,
  })

  return {
    /**
     * Enters an award or deduction. `replayed`: the idempotency key was used before with the same
     * request, and the first entry is answered as it stands now.
     */
    async enter(ctx: RequestContext, input: ManualAward) {
      requireSignedIn(ctx.actor)
      if (input.personId !== undefined && input.personId === ctx.actor.personId) throw forbidden('POINTS_SELF_AWARD')
      const key = input.idempotencyKey ? `manual:${ctx.actor.personId}:${input.idempotencyKey}` : `manual:${randomUUID()}`
      const hash = requestHash({ personId: input.personId, unitId: input.unitId, ruleCode: input.ruleCode, quantity: input.quantity, orgId: input.orgId, reason: input.reason })
      const result = await guarded(() => inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'points.award', entity: 'org', id: input.orgId })
        // A person outside the scope answers as one who does not exist.
        await requireAccess(tx, ctx.actor, { permission: 'points.award.recipient', entity: 'points_recipient', ids: [input.personId], hide: true })
        if (input.unitId) {
          const unit = await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: input.unitId })
          if (unit.personIds.includes(ctx.actor.personId!)) throw forbidden('POINTS_SELF_AWARD')
          authorize(ctx.actor, 'points.award.unit', unit)
        }
        // One awarder's entries are checked one after another: a retried key, and the day's cap.
        await manual.lockAwarder(tx, ctx.actor.personId!)
        const first = await manual.manualAwardByKey(tx, key)
        if (first) {
          requireSameRequest(first.requestHash, hash)
          return { id: first.id, replayed: true }
        }
        const rule = await repo.findRule(tx, input.ruleCode)
        if (!rule) throw notFound('POINTS_RULE_NOT_FOUND', [{ path: 'ruleCode', message: 'points.ruleMissing' }], { code: input.ruleCode })
        if (!rule.active) throw unprocessable('POINTS_RULE_INACTIVE', { code: input.ruleCode }, [{ path: 'ruleCode', message: 'points.ruleInactive' }])
        const points = Math.round(rule.points * input.quantity)
        if (points === 0) throw unprocessable('POINTS_AMOUNT_ZERO', {}, [{ path: 'quantity', message: 'points.quantityZeroPoints' }])
        if (points > limits.POINTS_MANUAL_MAX_PER_AWARD) {
          throw unprocessable('POINTS_MANUAL_AWARD_TOO_LARGE', { max: limits.POINTS_MANUAL_MAX_PER_AWARD, points }, [{ path: 'quantity', message: 'points.manualMax', params: { max: limits.POINTS_MANUAL_MAX_PER_AWARD } }])
        }
        const used = await manual.enteredSince(tx, ctx.actor.personId!, chinaDayOf(new Date().toISOString()))
        if (used + points > limits.POINTS_MANUAL_MAX_PER_DAY) throw unprocessable('POINTS_MANUAL_DAILY_CAP', { max: limits.POINTS_MANUAL_MAX_PER_DAY, used, points })
        const id = await manual.insertManualAward(tx, {
          personId: input.personId ?? null, unitId: input.unitId ?? null, ruleCode: rule.code, direction: rule.direction, quantity: input.quantity, points,
          orgId: org.id, reason: input.reason, awardedBy: ctx.actor.personId!, idempotencyKey: key, requestHash: hash,
        })
        const m = (await manual.findManualAward(tx, id))!
        if (points <= limits.POINTS_MANUAL_APPROVAL_ABOVE) await manual.markManualPosted(tx, id, await post(tx, m), null)
        const after = (await manual.findManualAward(tx, id))!
        await recordAudit(tx, ctx, {
          action: rule.direction === 'earn' ? 'points.award' : 'points.deduct', entity: 'points_manual_award', entityId: id, orgPath: org.path,
          after: { ...auditAfter(after), status: after.status, transactionId: after.transactionId },
        })
        return { id, replayed: false }
      }))
      const award = await present(ctx, db, result.id)
      return { replayed: result.replayed, award }
    },

    async list(ctx: RequestContext, q: ManualAwardsQuery) {
      requireSignedIn(ctx.actor)
      const org = q.orgId ? await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'points.manual.list', entity: 'org', id: q.orgId, hide: true }) : undefined
      const scopes = scopesOf(ctx.actor, LEVEL.cadre)
      if (scopes.length === 0) return { items: [], nextCursor: null }
      const before = decodeCursor(q.cursor, idCursor)
      const filter = { scopes: scopeParam(scopes), underPath: org?.path, status: q.status }
      const found = await manual.listManualAwards(db, { ...filter, beforeId: before?.id, limit: q.limit })
      const subjects = new Map((await manual.manualAwardSubjects(db, found.map((m) => m.id))).map((s) => [s.id, s]))
      const page = toPage(found, q.limit, (m) => presentManualAward(m, decidable(ctx, m, subjects.get(m.id))), (m) => ({ id: m.id }))
      return before ? page : { ...page, ...totalOf(await manual.countManualAwards(db, filter)) }
    },

    async get(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'points.manual.read', entity: 'points_manual_award', id, hide: true })
      return present(ctx, db, id)
    },

    /** A second person approves a pending entry: it posts now, in the approver's transaction (the balance may still refuse a deduction). */
    async approve(ctx: RequestContext, id: string) {
      await guarded(() => inTransaction(db, async (tx) => {
        const m = await forDecision(tx, ctx, id)
        await manual.markManualPosted(tx, id, await post(tx, m), ctx.actor.personId)
        const after = (await manual.findManualAward(tx, id))!
        await recordAudit(tx, ctx, {
          action: 'points.manual_approve', entity: 'points_manual_award', entityId: id, orgPath: m.orgPath,
          before: { status: 'pending' }, after: { ...auditAfter(after), status: 'posted', transactionId: after.transactionId },
        })
      }))
      return present(ctx, db, id)
    },

    async reject(ctx: RequestContext, id: string, reason: string) {
      await inTransaction(db, async (tx) => {
        const m = await forDecision(tx, ctx, id)
        await manual.markManualRejected(tx, id, ctx.actor.personId!, reason)
        await recordAudit(tx, ctx, {
          action: 'points.manual_reject', entity: 'points_manual_award', entityId: id, orgPath: m.orgPath,
          before: { status: 'pending' }, after: { ...auditAfter(m), status: 'rejected', rejectReason: reason },
        })
      })
      return present(ctx, db, id)
    },
  }
}
