// What several order transitions do besides moving the state: tell the requester, push an open
// order to the providers nearby, check attached photos, and on confirmation pay the provider
// (积分兑单: the points ledger's `order_completed` rule, once per order) and record the hours
// toward their year (the volunteers module's time bank, once per order). Each runs in the
// caller's transaction.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Config } from '../../kernel/config.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccess } from '../../kernel/access.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import type { VolunteerService } from '../volunteers/volunteers.service.ts'
import { personNames } from '../people/people.read.ts'
import { unitStaff } from '../units/units.read.ts'
import { teamMembers, teamRows } from '../volunteers/volunteers.read.ts'
import * as repo from './orders.repository.ts'
import { findVersion } from './orders.catalogue.repository.ts'
import { available, candidatesFor } from './orders.matching.ts'
import { stageHours } from './orders.workflow.ts'

/** The most providers one open order is pushed to (nearest first). */
const PUSH_LIMIT = 100

export function createOrderEffects(deps: {
  config: Config
  notifications: Pick<NotificationService, 'notify'>
  points?: Pick<PointsService, 'award' | 'rulePoints'>
  volunteers?: Pick<VolunteerService, 'recordServiceHours'>
}) {
  const { config, notifications } = deps

  const effects = {
    async personName(ex: Executor, id: string): Promise<string> {
      return (await firstRow<{ name: string }>(ex, sql`SELECT name FROM ${personNames} p WHERE p.id = ${id}`))?.name ?? ''
    },

    async teamName(ex: Executor, id: string): Promise<string> {
      return (await firstRow<{ name: string }>(ex, sql`SELECT name FROM ${teamRows} t WHERE t.id = ${id}`))?.name ?? ''
    },

    /** The people a team or unit assignee stands for. */
    async peopleOfAssignee(ex: Executor, kind: 'team' | 'unit', id: string): Promise<string[]> {
      const found = kind === 'team'
        ? await rows<{ id: string }>(ex, sql`SELECT person_id::text AS id FROM ${teamMembers} tm WHERE tm.team_id = ${id} ORDER BY (role = 'leader') DESC, person_id LIMIT 50`)
        : await rows<{ id: string }>(ex, sql`SELECT person_id::text AS id FROM ${unitStaff} us WHERE us.unit_id = ${id} ORDER BY person_id LIMIT 50`)
      return found.map((r) => r.id)
    },

    /** Photo ids a caller attaches: each one theirs to attach, or 404 as if missing. */
    async assertPhotos(ex: Executor, ctx: RequestContext, ids: string[] | undefined): Promise<string[]> {
      if (!ids?.length) return []
      await requireAccess(ex, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids })
      return [...new Set(ids)]
    },

    /** Tells the person served (and the cadre who placed it for them) about a change. */
    async tellRequester(ex: Executor, o: repo.OrderRow, actorId: string | null, title: string, body: string | null) {
      const to = [o.requesterId, o.placedById].filter((p): p is string => p !== null && p !== actorId)
      await notifications.notify(ex, { personIds: to, kind: 'order.update', title, body, link: { orderId: o.id } })
    },

    /** An order opened for grabbing: a live push to those who may take it now, nearest first. */
    async pushToProviders(ex: Executor, o: Pick<repo.OrderRow, 'id' | 'address' | 'windowFrom' | 'windowTo'>, itemName: string): Promise<number> {
      const ready = available(await candidatesFor(ex, o.id, { limit: PUSH_LIMIT * 2 }), { from: o.windowFrom, to: o.windowTo }).slice(0, PUSH_LIMIT)
      await notifications.notify(ex, { personIds: ready.map((c) => c.personId), kind: 'order.grab', title: `附近有新订单：${itemName}`, body: o.address, link: { orderId: o.id } })
      return ready.length
    },

    /**
     * Confirmation (回访评单): by the resident, a cadre after a call, or the sweep after
     * ORDER_AUTO_CONFIRM_DAYS. Pays the provider and records the hours, once per order.
     */
    async confirm(ex: Executor, o: repo.OrderRow, actorId: string | null, note: string | null, how: 'resident' | 'cadre' | 'auto') {
      await repo.setOrder(ex, o.id, [sql`state = 'confirmed'`, sql`confirmed_at = now()`, sql`confirmed_how = ${how}`, sql`due_at = NULL`, sql`reminded_at = NULL`])
      await repo.insertEvent(ex, { orderId: o.id, actorId, actorKind: actorId ? 'person' : 'system', action: 'confirm', from: o.state, to: 'confirmed', note, data: { how } })
      await effects.reward(ex, o)
    },

    /** `confirm` for a batch (the sweep's, by nobody): one UPDATE and one INSERT of events for all, then each provider's reward. */
    async confirmAll(ex: Executor, orders: repo.OrderRow[], note: string, how: 'auto') {
      await repo.setOrders(ex, orders.map((o) => o.id), [sql`state = 'confirmed'`, sql`confirmed_at = now()`, sql`confirmed_how = ${how}`, sql`due_at = NULL`, sql`reminded_at = NULL`])
      await repo.insertEvents(ex, orders.map((o) => ({ orderId: o.id, actorId: null, actorKind: 'system' as const, action: 'confirm', from: o.state, to: 'confirmed', note, data: { how } })))
      for (const o of orders) await effects.reward(ex, o)
    },

    async reward(ex: Executor, o: repo.OrderRow) {
      if (!o.providerId) return
      const terms = (await findVersion(ex, o.itemVersionId))!
      const servedOn = new Date(Date.parse(o.completedAt ?? new Date().toISOString()) + 8 * 3_600_000).toISOString().slice(0, 10)
      const hours = o.hours ?? terms.serviceHours
      if (deps.volunteers && hours > 0 && o.providerId !== o.requesterId) {
        await deps.volunteers.recordServiceHours(ex, { orgId: o.orgId, giverId: o.providerId, receiverId: o.requesterId, hours: Math.min(hours, 24), servedOn, note: `服务订单 #${o.id} ${terms.name}`, sourceKey: `order:${o.id}` })
      }
      if (deps.points) {
        // The item's points when it names them (as a multiple of the rule's), else the rule's own.
        const rulePoints = terms.points > 0 ? await deps.points.rulePoints(ex, 'order_completed') : null
        const quantity = rulePoints ? Math.max(0.01, Math.round((terms.points / rulePoints) * 100) / 100) : 1
        await deps.points.award(ex, { ruleCode: 'order_completed', personId: o.providerId, quantity, idempotencyKey: `order_completed:${o.id}`, orgId: o.orgId, memo: `完成服务订单 #${o.id} ${terms.name}` })
      }
    },

    /** A rating; five stars pay the provider, a low one sends the order back once for rework. */
    async rate(ex: Executor, o: repo.OrderRow, actorId: string, rating: number, comment: string | null, byCall: boolean) {
      const rework = rating <= config.ORDER_REWORK_RATING && o.reworks === 0 && (o.providerId !== null || o.assigneeKind !== null)
      if (rework) {
        const terms = (await findVersion(ex, o.itemVersionId))!
        const hours = stageHours('assigned', terms, config.ORDER_AUTO_CONFIRM_DAYS)!
        await repo.setOrder(ex, o.id, [sql`state = 'assigned'`, sql`reworks = reworks + 1`, sql`confirmed_at = NULL, confirmed_how = NULL, completed_at = NULL`,
          sql`due_at = now() + make_interval(secs => ${Math.round(hours * 3600)})`, sql`reminded_at = NULL, escalated_at = NULL`])
        await repo.insertEvent(ex, { orderId: o.id, actorId, actorKind: 'person', action: 'rate', from: o.state, to: 'assigned', note: comment, data: { rating, byCall, rework: true } })
        const to = o.providerId ? [o.providerId] : o.assigneePeople
        await notifications.notify(ex, { personIds: to, kind: 'order.rework', title: `订单 #${o.id} 评价不满意，请返工`, body: comment ?? `评分 ${rating} 分`, link: { orderId: o.id } })
        return
      }
      await repo.setOrder(ex, o.id, [sql`rating = ${rating}`, sql`rating_comment = ${comment}`])
      await repo.insertEvent(ex, { orderId: o.id, actorId, actorKind: 'person', action: 'rate', from: o.state, to: o.state, note: comment, data: { rating, byCall } })
      if (rating === 5 && deps.points && o.providerId) {
        await deps.points.award(ex, { ruleCode: 'rating_five_star', personId: o.providerId, quantity: 1, idempotencyKey: `order_rating_five_star:${o.id}`, orgId: o.orgId, memo: `服务订单 #${o.id} 获得五星好评` })
      }
      if (o.providerId) await notifications.notify(ex, { personIds: [o.providerId], kind: 'order.rated', title: `订单 #${o.id} 获得 ${rating} 星评价`, body: comment, link: { orderId: o.id } })
    },
  }
  return effects
}

export type OrderEffects = ReturnType<typeof createOrderEffects>
