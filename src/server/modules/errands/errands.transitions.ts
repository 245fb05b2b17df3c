// The errand's actions: each runs in one transaction (lock the errand, check who and which state
// with the pure rules of errands.workflow.ts, change the row, append one timeline row, audit, tell
// the people concerned). Steps and the checklist are in errands.steps.ts.
import { sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { AppError, conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './errands.repository.ts'
import type { actionBodies, ErrandAction, ErrandState } from './errands.schemas.ts'
import { subjectOf, viewerOf } from './errands.present.ts'
import { DESK_KINDS, handoffAllowed, levelOf, refusalOf, stateAfter, type Refusal } from './errands.workflow.ts'
import { errandActionWords, errandLevelWords, errandStateWords } from './errands.labels.ts'
import type { AuditAction } from '../../kernel/audit-words.ts'

export type Bodies = { [A in ErrandAction]: z.infer<(typeof actionBodies)[A]> }
export const errandTitle = (e: Pick<repo.ErrandRow, 'title'>) => `“${e.title}”`

/** A refusal of errands.workflow.ts as the error the API answers. */
export function refusalError(r: Refusal, e: Pick<repo.ErrandRow, 'state'>, action: string): AppError {
  if (r.code === 'FORBIDDEN') return new AppError(403, 'FORBIDDEN')
  return new AppError(409, r.code, { state: errandStateWords[e.state].zh, action }, r.code === 'ERRAND_STATE_CONFLICT' ? { state: e.state } : undefined)
}

export interface Locked {
  ctx: RequestContext
  tx: Executor
  e: repo.ErrandRow
  /** Appends a timeline row from the errand's state now. */
  event(action: string, to: ErrandState, note?: string | null, data?: Record<string, unknown>): Promise<string>
  audit(action: AuditAction, after: Record<string, unknown>): Promise<void>
}

export function createErrandCore(deps: { db: Executor; notifications: Pick<NotificationService, 'notify'> }) {
  const { db, notifications } = deps

  /** Runs `fn` on the locked errand the caller may read (404 otherwise), in one transaction. */
  async function onLocked<T>(ctx: RequestContext, id: string, fn: (l: Locked) => Promise<T>): Promise<T> {
    requireSignedIn(ctx.actor)
    return inTransaction(db, async (tx) => {
      if (!(await repo.lockErrand(tx, id))) throw notFound('ERRAND_NOT_FOUND')
      const e = (await repo.findErrand(tx, id))!
      authorize(ctx.actor, 'errand.read', subjectOf(e), 'ERRAND_NOT_FOUND')
      return fn({
        ctx, tx, e,
        event: (action, to, note, data) => repo.insertEvent(tx, { errandId: e.id, actorId: ctx.actor.personId, action, from: e.state, to, note, data }),
        audit: (action, after) => recordAudit(tx, ctx, { action, entity: 'errand', entityId: e.id, orgPath: e.orgPath, after }),
      })
    })
  }

  /** An owner (of the errand or a step) is a person the caller may read who works at the desk itself. */
  async function checkOwner(l: Pick<Locked, 'ctx' | 'tx'>, orgId: string, personId: string, path: string) {
    await requireAccessOne(l.tx, l.ctx.actor, { permission: 'person.read', entity: 'person', id: personId })
    if (!(await repo.worksAtDesk(l.tx, personId, orgId))) throw unprocessable('ERRAND_INVALID', {}, [{ path, message: 'errands.ownerElsewhere' }])
  }

  /** Tells the requester (and whoever else) of a change they follow, never the one who made it. */
  async function tell(l: Locked, personIds: (string | null)[], title: string, body: string | null = null) {
    const to = personIds.filter((p): p is string => p !== null && p !== l.ctx.actor.personId)
    await notifications.notify(l.tx, { personIds: to, kind: 'errand.update', title, body, link: { errandId: l.e.id } })
  }

  return { onLocked, checkOwner, tell, notifications }
}
export type ErrandCore = ReturnType<typeof createErrandCore>

export function createTransitions(core: ErrandCore) {
  const { onLocked, checkOwner, tell } = core

  /** Where a hand-off goes: the named desk, or the one above; one level up or down only. */
  async function handoffTarget(l: Locked, orgId: string | undefined) {
    if (!orgId) {
      const above = await repo.deskAbove(l.tx, l.e.orgPath)
      if (!above) throw unprocessable('ERRAND_INVALID', {}, [{ path: 'orgId', message: 'errands.handoffTop' }])
      return above
    }
    const org = await requireAccessOne<OrgAccessSubject>(l.tx, l.ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
    if (!(DESK_KINDS as readonly string[]).includes(org.kind)) throw unprocessable('ERRAND_INVALID', {}, [{ path: 'orgId', message: 'errands.deskKind' }])
    const direction = handoffAllowed(levelOf(l.e.orgKind), levelOf(org.kind))
    const up = direction === 'up' && (await repo.deskAbove(l.tx, l.e.orgPath))?.id === org.id
    const down = direction === 'down' && (await repo.deskAbove(l.tx, org.path))?.id === l.e.orgId
    if (!up && !down) throw unprocessable('ERRAND_INVALID', {}, [{ path: 'orgId', message: 'errands.handoffLevel' }])
    return org
  }

  const perform: { [A in ErrandAction]: (l: Locked, body: Bodies[A], to: ErrandState) => Promise<void> } = {
    async accept(l, body, to) {
      if (body.ownerId) await checkOwner(l, l.e.orgId, body.ownerId, 'ownerId')
      // The one accepting owns it when they work at the desk and nobody else was named.
      const owner = body.ownerId ?? (l.ctx.actor.personId && (await repo.worksAtDesk(l.tx, l.ctx.actor.personId, l.e.orgId)) ? l.ctx.actor.personId : l.e.ownerId)
      await repo.setErrand(l.tx, l.e.id, [sql`state = ${to}`, sql`accepted_at = now()`, sql`owner_id = ${owner}`, sql`due_on = coalesce(${body.dueOn ?? null}::date, due_on)`])
      await l.event('accept', to, body.note, { ownerId: owner })
      await tell(l, [l.e.requesterId], `您的帮办事项${errandTitle(l.e)}已受理`, `受理：${l.e.orgName}${body.note ? `。${body.note}` : ''}`)
      if (owner) await tell(l, [owner], `帮办事项${errandTitle(l.e)}由您负责`, null)
    },
    async reject(l, body, to) {
      await repo.setErrand(l.tx, l.e.id, [sql`state = ${to}`, sql`reason = ${body.reason}`])
      await l.event('reject', to, body.reason)
      await tell(l, [l.e.requesterId], `您的帮办事项${errandTitle(l.e)}不予受理`, body.reason)
    },
    async start(l, body, to) {
      await repo.setErrand(l.tx, l.e.id, [sql`state = ${to}`])
      await l.event('start', to, body.note)
    },
    async handoff(l, body, to) {
      const target = await handoffTarget(l, body.orgId)
      const direction = handoffAllowed(levelOf(l.e.orgKind), levelOf(target.kind))
      // The owner worked at the old desk; the new desk names its own.
      await repo.setErrand(l.tx, l.e.id, [sql`org_id = ${target.id}`, sql`owner_id = NULL`])
      await l.event('handoff', to, body.note, { direction, from: { id: l.e.orgId, name: l.e.orgName }, to: { id: target.id, name: target.name } })
      const word = errandLevelWords[levelOf(target.kind)].zh
      await tell(l, [l.e.requesterId], `您的帮办事项${errandTitle(l.e)}已转交${target.name}${word}`, body.note)
      await tell(l, await repo.deskPeople(l.tx, target.id), `${l.e.orgName}转来帮办事项${errandTitle(l.e)}`, body.note)
    },
    async done(l, body, to) {
      const open = l.e.stepsTotal - l.e.stepsDone
      if (open > 0) throw conflict('ERRAND_STEPS_OPEN', { count: open }, { state: l.e.state })
      await repo.setErrand(l.tx, l.e.id, [sql`state = ${to}`, sql`done_at = now()`, sql`result = ${body.result}`])
      await l.event('done', to, body.result)
      await tell(l, [l.e.requesterId], `您的帮办事项${errandTitle(l.e)}已办结，请评价`, body.result)
    },
    async cancel(l, body, to) {
      await repo.setErrand(l.tx, l.e.id, [sql`state = ${to}`, sql`reason = ${body.reason ?? null}`])
      await l.event('cancel', to, body.reason ?? null)
      await tell(l, [l.e.ownerId], `帮办事项${errandTitle(l.e)}已被申请人撤回`, body.reason ?? null)
    },
    async rate(l, body, to) {
      await repo.setErrand(l.tx, l.e.id, [sql`rating = ${body.rating}`, sql`feedback = ${body.comment ?? null}`, sql`rated_at = now()`])
      await l.event('rate', to, body.comment ?? null, { rating: body.rating })
      await tell(l, [l.e.ownerId], `帮办事项${errandTitle(l.e)}获评 ${body.rating} 星`, body.comment ?? null)
    },
  }

  /** Runs one action on an errand in one transaction. */
  async function run<A extends ErrandAction>(ctx: RequestContext, id: string, action: A, body: Bodies[A]) {
    await onLocked(ctx, id, async (l) => {
      const refused = refusalOf(action, { state: l.e.state, rated: l.e.rating !== null }, viewerOf(ctx.actor, l.e))
      if (refused) throw refusalError(refused, l.e, errandActionWords[action].zh)
      await perform[action](l, body, stateAfter(action, l.e.state))
      await l.audit(`errand.${action}`, { state: stateAfter(action, l.e.state), ...body })
    })
  }

  return { run }
}
