// The minute sweep of orders: an order past its stage's deadline is reminded once (the reviewers,
// the dispatchers or the provider), then escalated once to the street when a second period has
// passed; an open order nobody grabbed falls back to dispatch; a completed order the resident did
// not confirm is confirmed after ORDER_AUTO_CONFIRM_DAYS (and the provider paid).
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './orders.repository.ts'
import { findVersion } from './orders.catalogue.repository.ts'
import type { OrderEffects } from './orders.effects.ts'
import type { Config } from '../../kernel/config.ts'

const BATCH = 200

export function createOrderSweep(deps: { config: Config; notifications: Pick<NotificationService, 'notify'>; effects: OrderEffects }) {
  const { config, notifications, effects } = deps

  async function due(tx: Executor, where: ReturnType<typeof sql>): Promise<string[]> {
    return (await rows<{ id: string }>(tx, sql`SELECT id::text FROM orders WHERE ${where} ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`)).map((r) => r.id)
  }

  const system = (o: repo.OrderRow, action: string, to: string, note: string, data: Record<string, unknown> = {}) =>
    ({ orderId: o.id, actorId: null, actorKind: 'system' as const, action, from: o.state, to, note, data })

  return async function sweep(tx: Executor): Promise<number> {
    let n = 0
    // Completed and not confirmed in time: confirmed for the resident.
    for (const id of await due(tx, sql`state = 'completed' AND due_at <= now()`)) {
      await effects.confirm(tx, (await repo.findOrder(tx, id))!, null, `${config.ORDER_AUTO_CONFIRM_DAYS} 天内未确认，系统自动确认`, 'auto')
      n++
    }
    // Open and not grabbed in time: back to the dispatchers.
    for (const id of await due(tx, sql`state = 'open' AND due_at <= now()`)) {
      const o = (await repo.findOrder(tx, id))!
      const terms = (await findVersion(tx, o.itemVersionId))!
      await repo.setOrder(tx, id, [sql`state = 'accepted'`, sql`due_at = now() + make_interval(secs => ${Math.round(terms.claimHours * 3600)})`, sql`reminded_at = NULL, escalated_at = NULL`])
      await repo.insertEvent(tx, system(o, 'fallback', 'accepted', '无人抢单，转社区派单'))
      const staff = await repo.staffOver(tx, o.orgPath, ['community_cadre', 'grid_leader'])
      await notifications.notify(tx, { personIds: staff, kind: 'order.dispatch', title: `#${o.id} ${terms.name} 无人抢单，请派单`, body: o.address, link: { orderId: id } })
      n++
    }
    // Past the deadline of review, dispatch or service: remind once.
    for (const id of await due(tx, sql`state IN ('placed', 'accepted', 'assigned', 'in_progress') AND due_at <= now() AND reminded_at IS NULL`)) {
      const o = (await repo.findOrder(tx, id))!
      const terms = (await findVersion(tx, o.itemVersionId))!
      const serving = o.state === 'assigned' || o.state === 'in_progress'
      const to = serving ? (o.providerId ? [o.providerId] : o.assigneePeople) : await repo.staffOver(tx, o.orgPath, ['grid_worker', 'grid_leader', 'community_cadre'])
      await notifications.notify(tx, { personIds: to, kind: 'order.overdue', title: `#${o.id} ${terms.name} 已超时，请尽快处理`, body: o.address, link: { orderId: id } })
      await repo.setOrder(tx, id, [sql`reminded_at = now()`])
      await repo.insertEvent(tx, system(o, 'remind', o.state, serving ? '服务超时提醒' : '审核或派单超时提醒'))
      n++
    }
    // A second period past the deadline: escalated once to the street above. The period is the
    // stage's own (stageHours: review, claim or finish hours of the order's item version), compared
    // in SQL, so only orders already due for escalation are read: a batch of reminded orders still
    // inside their second period can neither be re-read every minute nor hold back those behind it.
    for (const o of await rows<{ id: string }>(tx, sql`SELECT x.id::text FROM orders x JOIN service_item_versions v ON v.id = x.item_version_id
        WHERE x.state IN ('placed', 'accepted', 'assigned', 'in_progress') AND x.reminded_at IS NOT NULL AND x.escalated_at IS NULL
          AND x.due_at + (CASE x.state WHEN 'placed' THEN v.review_hours WHEN 'accepted' THEN v.claim_hours ELSE v.finish_hours END)::float8 * interval '1 hour' <= now()
        ORDER BY x.due_at LIMIT ${BATCH} FOR UPDATE OF x SKIP LOCKED`)) {
      const row = (await repo.findOrder(tx, o.id, true))!
      const terms = (await findVersion(tx, row.itemVersionId))!
      const street = await repo.staffOver(tx, row.orgPath, ['street_admin'])
      await notifications.notify(tx, { personIds: street, kind: 'order.escalated', title: `#${row.id} ${terms.name} 严重超时，已上报街道`, body: row.address, link: { orderId: row.id } })
      await repo.setOrder(tx, row.id, [sql`escalated_at = now()`])
      await repo.insertEvent(tx, system(row, 'escalate', row.state, '严重超时，上报街道'))
      n++
    }
    return n
  }
}
