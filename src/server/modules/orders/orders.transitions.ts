// The order transitions: every action runs in one transaction (lock the order, check who and which
// state with the pure rules of orders.workflow.ts, change the row, append one timeline event, tell
// the people concerned). A claim is one conditional UPDATE on state = 'open': of many concurrent
// claims exactly one changes a row; the others answer 409 with nothing changed.
import { sql } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import type { z } from 'zod'
import type { Config } from '../../kernel/config.ts'
import { firstRow, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { AppError, conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { afterCommit, inTransaction } from '../../kernel/db/transaction.ts'
import { toWgs84, type Crs } from '../geo/geo.service.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './orders.repository.ts'
import { findVersion } from './orders.catalogue.repository.ts'
import { available, candidatesFor } from './orders.matching.ts'
import { refusalOf, stageHours, viewerOf } from './orders.workflow.ts'
import type { OrderEffects } from './orders.effects.ts'
import { actionBodies, type OrderAction, type OrderState } from './orders.schemas.ts'
import { actionLabels, stateLabels } from './orders.labels.ts'
import { assertGrabber } from './orders.present.ts'
import { mayServe } from './orders.policy.ts'

export type Bodies = { [A in OrderAction]: z.infer<(typeof actionBodies)[A]> }

interface Transition<A extends OrderAction> {
  ctx: RequestContext
  tx: Executor
  o: repo.OrderRow
  body: Bodies[A]
  me: string
  event: (e: { action?: string; to: OrderState; note?: string | null; photoIds?: string[]; data?: Record<string, unknown> }) => Promise<void>
}

export const orderTitle = (o: Pick<repo.OrderRow, 'id'>, itemName: string) => `#${o.id} ${itemName}`

export function createTransitions(deps: { db: Executor; config: Config; notifications: Pick<NotificationService, 'notify'>; effects: OrderEffects }) {
  const { db, config, notifications, effects } = deps

  /** Moves an order to `to` with the new stage's deadline (and no reminder yet). */
  async function moveTo(tx: Executor, o: repo.OrderRow, to: OrderState, extra: ReturnType<typeof sql>[] = []) {
    const terms = (await findVersion(tx, o.itemVersionId))!
    const hours = stageHours(to, terms, config.ORDER_AUTO_CONFIRM_DAYS)
    await repo.setOrder(tx, o.id, [
      sql`state = ${to}`,
      hours === null ? sql`due_at = NULL` : sql`due_at = now() + make_interval(secs => ${Math.round(hours * 3600)})`,
      sql`reminded_at = NULL, escalated_at = NULL`,
      ...extra,
    ])
    return terms
  }

  async function assign(t: Transition<'dispatch' | 'claim'>, a: { kind: 'person' | 'team' | 'unit'; id: string; name: string }, action: 'dispatch' | 'claim', note: string | null) {
    const { tx, o } = t
    const terms = await moveTo(tx, o, 'assigned', [
      sql`assignee_kind = ${a.kind}`,
      sql`assignee_person_id = ${a.kind === 'person' ? a.id : null}`,
      sql`assignee_team_id = ${a.kind === 'team' ? a.id : null}`,
      sql`assignee_unit_id = ${a.kind === 'unit' ? a.id : null}`,
      sql`provider_id = ${a.kind === 'person' ? a.id : null}`,
      sql`assigned_at = coalesce(assigned_at, ${dbNow})`,
    ])
    await t.event({ action, to: 'assigned', note, data: { assignee: a } })
    const title = orderTitle(o, terms.name)
    const providers = a.kind === 'person' ? [a.id] : await effects.peopleOfAssignee(tx, a.kind, a.id)
    if (action === 'dispatch') await notifications.notify(tx, { personIds: providers.filter((p) => p !== t.me), kind: 'order.assigned', title: `${title} 派单给您`, body: `${o.address}${note ? `：${note}` : ''}`, link: { orderId: o.id } })
    await effects.tellRequester(tx, o, t.me, `${title} 已有人接单`, `${a.name} 将为您服务`)
  }

  const perform: { [A in OrderAction]: (t: Transition<A>) => Promise<void> } = {
    async review(t) {
      const { tx, o, body } = t
      if (body.decision === 'refuse') {
        await moveTo(tx, o, 'refused', [sql`reason = ${body.reason!}`, sql`reviewed_at = now()`])
        await t.event({ to: 'refused', note: body.reason, data: { decision: 'refuse' } })
        await effects.tellRequester(tx, o, t.me, `订单 #${o.id} 未被受理`, body.reason!)
        return
      }
      if (body.decision === 'merge') {
        if (body.mergeIntoId === o.id) throw unprocessable('ORDER_MERGE_INVALID', {}, [{ path: 'mergeIntoId', message: 'orders.mergeSelf' }])
        await requireAccessOne(tx, t.ctx.actor, { permission: 'order.manage', entity: 'order', id: body.mergeIntoId!, hide: true })
        const target = (await repo.findOrder(tx, body.mergeIntoId!))!
        if (['refused', 'merged', 'cancelled'].includes(target.state)) throw unprocessable('ORDER_MERGE_INVALID', {}, [{ path: 'mergeIntoId', message: 'orders.mergeClosed' }])
        await moveTo(tx, o, 'merged', [sql`merged_into_id = ${target.id}`, sql`reviewed_at = now()`, sql`reason = ${body.reason ?? null}`])
        await t.event({ to: 'merged', note: body.reason ?? null, data: { decision: 'merge', mergedIntoId: target.id } })
        await effects.tellRequester(tx, o, t.me, `订单 #${o.id} 已与订单 #${target.id} 合并办理`, body.reason ?? null)
        return
      }
      const terms = (await findVersion(tx, o.itemVersionId))!
      await accept(t, body.grab ?? terms.grab, 'review')
    },
    async dispatch(t) {
      const { tx, body } = t
      if (body.personId) {
        await requireAccessOne(tx, t.ctx.actor, { permission: 'person.read', entity: 'person', id: body.personId })
        const name = await effects.personName(tx, body.personId)
        await assign(t, { kind: 'person', id: body.personId, name }, 'dispatch', body.note ?? null)
      } else if (body.teamId) {
        await requireAccessOne(tx, t.ctx.actor, { permission: 'volunteerTeam.read', entity: 'volunteer_team', id: body.teamId })
        await assign(t, { kind: 'team', id: body.teamId, name: await effects.teamName(tx, body.teamId) }, 'dispatch', body.note ?? null)
      } else {
        const unit = await requireAccessOne<{ name: string }>(tx, t.ctx.actor, { permission: 'unit.read', entity: 'unit', id: body.unitId! })
        await assign(t, { kind: 'unit', id: body.unitId!, name: unit.name }, 'dispatch', body.note ?? null)
      }
    },
    async claim(t) {
      const { tx, o } = t
      const mine = available(await candidatesFor(tx, o.id, { only: t.me }), { from: o.windowFrom, to: o.windowTo })
      if (mine.length === 0) throw unprocessable('ORDER_NOT_ELIGIBLE')
      // The one conditional UPDATE: of concurrent claims only the first to commit finds the order open.
      const won = await firstRow<{ id: string }>(tx, sql`UPDATE orders SET state = 'assigned', assignee_kind = 'person', assignee_person_id = ${t.me}, provider_id = ${t.me},
          assigned_at = coalesce(assigned_at, ${dbNow}), updated_at = now() WHERE id = ${o.id} AND state = 'open' RETURNING id::text`)
      if (!won) throw conflict('ORDER_ALREADY_CLAIMED')
      await assign(t, { kind: 'person', id: t.me, name: mine[0]!.name }, 'claim', t.body.note ?? null)
    },
    async start(t) {
      const { tx, o } = t
      // A team or unit order: the person who starts it serves it.
      const provider = o.providerId ?? (t.o.assigneePeople.includes(t.me) ? t.me : null)
      await moveTo(tx, o, 'in_progress', [sql`started_at = now()`, sql`provider_id = ${provider}`])
      await t.event({ to: 'in_progress', note: t.body.note ?? null })
      await effects.tellRequester(tx, o, t.me, `订单 #${o.id} 服务人员已出发`, t.body.note ?? null)
    },
    async checkin(t) {
      const { tx, o, body } = t
      const [lng, lat] = toWgs84(body.location.lng, body.location.lat, body.crs as Crs)
      const d = await firstRow<{ m: number }>(tx, sql`SELECT round(ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography))::int AS m FROM orders WHERE id = ${o.id}`)
      const provider = o.providerId ?? t.me
      const sets = [sql`checked_in_at = now()`, sql`checkin_distance_m = ${d!.m}`, sql`provider_id = ${provider}`]
      if (o.state === 'assigned') await moveTo(tx, o, 'in_progress', [...sets, sql`started_at = coalesce(started_at, ${dbNow})`])
      else await repo.setOrder(tx, o.id, sets)
      await t.event({ to: 'in_progress', note: body.note ?? null, data: { checkIn: { lng, lat, distanceM: d!.m } } })
    },
    async complete(t) {
      const { tx, o, body } = t
      const photos = await effects.assertPhotos(tx, t.ctx, body.photoIds)
      const terms = (await findVersion(tx, o.itemVersionId))!
      const hours = body.hours ?? terms.serviceHours
      const provider = o.providerId ?? (o.assigneePeople.includes(t.me) ? t.me : null)
      await moveTo(tx, o, 'completed', [sql`completed_at = now()`, sql`result = ${body.result}`, sql`hours = ${hours}`, sql`provider_id = ${provider}`])
      await t.event({ to: 'completed', note: body.result, photoIds: photos, data: { hours } })
      await effects.tellRequester(tx, o, t.me, `订单 #${o.id} 服务已完成，请确认并评价`, body.result)
    },
    async confirm(t) {
      await effects.confirm(t.tx, t.o, t.me, t.body.note ?? null, t.o.requesterId === t.me || t.o.placedById === t.me ? 'resident' : 'cadre')
    },
    async rate(t) {
      const { tx, o, body } = t
      const v = viewerOf(t.ctx.actor, o)
      // Staff record a follow-up call's answer (回访) only as such.
      if (!v.requester && !body.byCall) throw new AppError(422, 'ORDER_RATE_BY_CALL', {}, [{ path: 'byCall', message: 'orders.rateByCall' }])
      if (o.state === 'completed') await effects.confirm(tx, o, t.me, null, v.requester ? 'resident' : 'cadre')
      await effects.rate(tx, (await repo.findOrder(tx, o.id))!, t.me, body.rating, body.comment ?? null, body.byCall === true)
    },
    async cancel(t) {
      const { tx, o, body } = t
      await moveTo(tx, o, 'cancelled', [sql`reason = ${body.reason}`])
      await t.event({ to: 'cancelled', note: body.reason })
      const served = o.providerId ? [o.providerId] : o.assigneePeople
      await notifications.notify(tx, { personIds: served.filter((p) => p !== t.me), kind: 'order.cancelled', title: `订单 #${o.id} 已取消`, body: body.reason, link: { orderId: o.id } })
      if (o.requesterId !== t.me) await effects.tellRequester(tx, o, t.me, `订单 #${o.id} 已取消`, body.reason)
    },
  }

  /**
   * Accepting an order (review, or an auto-accepting item): open for grabbing and push to those
   * nearby, or wait for a dispatcher. A call's order (`push: false`) is pushed by its ladder,
   * the grid staff first and those nearby at the ladder's second step.
   */
  async function accept(t: Pick<Transition<'review'>, 'tx' | 'o' | 'me' | 'event'>, grab: boolean, action: string, opts: { push: boolean } = { push: true }) {
    const { tx, o } = t
    const to: OrderState = grab ? 'open' : 'accepted'
    const terms = await moveTo(tx, o, to, [sql`reviewed_at = now()`])
    await t.event({ action, to, data: { decision: 'accept', grab } })
    // The push looks for candidates over the whole neighbourhood: after the commit, so a call's
    // first notification and the locks on the order are not held up by it.
    if (grab && opts.push) await afterCommit(tx, (ex) => effects.pushToProviders(ex, o, terms.name))
    else await notifications.notify(tx, { personIds: (await repo.staffOver(tx, o.orgPath, ['community_cadre', 'grid_leader'])).filter((p) => p !== t.me), kind: 'order.dispatch', title: `${orderTitle(o, terms.name)} 待派单`, body: o.address, link: { orderId: o.id } })
    await effects.tellRequester(tx, o, t.me, `订单 #${o.id} 已受理`, grab ? '正在为您寻找附近的服务者' : '社区正在为您安排服务者')
  }

  return {
    accept,

    /** One action by a person, in its own transaction; answers the order as it is after. */
    async act<A extends OrderAction>(ctx: RequestContext, id: string, action: A, body: Bodies[A]): Promise<void> {
      await inTransaction(db, async (tx) => {
        try {
          await requireAccessOne(tx, ctx.actor, { permission: 'order.read', entity: 'order', id })
        } catch (err) {
          // A grab lost to someone quicker: those who could have taken it are told so, not "missing".
          if (action === 'claim' && err instanceof AppError && err.status === 404 && mayServe(ctx.actor)) {
            const o = await repo.findOrder(tx, id)
            if (o && ['assigned', 'in_progress', 'completed', 'confirmed'].includes(o.state) && (await candidatesFor(tx, o.id, { only: ctx.actor.personId ?? '0' })).length > 0) throw conflict('ORDER_ALREADY_CLAIMED')
          }
          throw err
        }
        const o = await repo.findOrder(tx, id, true)
        if (!o) throw notFound('ORDER_NOT_FOUND')
        await assertGrabber(tx, ctx, o)
        const refusal = refusalOf(action, o, viewerOf(ctx.actor, o))
        if (refusal) {
          if (refusal.code === 'ORDER_STATE_CONFLICT') throw conflict('ORDER_STATE_CONFLICT', { state: stateLabels[o.state].zh, action: actionLabels[action].zh })
          throw new AppError(refusal.status, refusal.code)
        }
        const me = ctx.actor.personId!
        await perform[action]({
          ctx, tx, o, body, me,
          event: (e) => repo.insertEvent(tx, { orderId: o.id, actorId: me, actorKind: 'person', action: e.action ?? action, from: o.state, to: e.to, note: e.note, photoIds: e.photoIds, data: e.data }),
        } as Transition<A>)
      })
    },
  }
}

export type Transitions = ReturnType<typeof createTransitions>
export { available, candidatesFor }
