// The minute sweep of orders: an order past its stage's deadline is reminded once (the reviewers,
// the dispatchers or the provider), then escalated once to the street when a second period has
// passed; an open order nobody grabbed falls back to dispatch; a completed order the resident did
// not confirm is confirmed after ORDER_AUTO_CONFIRM_DAYS (and the provider paid).
//
// Set-based (issue 19 §1): each of the four kinds takes a batch of up to BATCH orders and handles
// it in a handful of statements (claim, read, one UPDATE, one INSERT of events, one of
// notifications), not five or six statements per order: after the bench city's load (10,000
// completed orders due for confirmation) a sweep took 7 to 22 s. Only a provider's reward on
// confirmation stays per order (the points ledger and the time bank, each with its own rules).
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './orders.repository.ts'
import { findVersions } from './orders.catalogue.repository.ts'
import type { OrderEffects } from './orders.effects.ts'
import type { Config } from '../../kernel/config.ts'

const BATCH = 200

export function createOrderSweep(deps: { config: Config; notifications: Pick<NotificationService, 'notifyEach'>; effects: OrderEffects }) {
  const { config, notifications, effects } = deps

  /** Up to BATCH orders matching `where`, earliest due first, locked (skipping those another sweep holds). */
  async function due(tx: Executor, where: ReturnType<typeof sql>): Promise<repo.OrderRow[]> {
    const ids = (await rows<{ id: string }>(tx, sql`SELECT id::text FROM orders WHERE ${where} ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`)).map((r) => r.id)
    return repo.findOrders(tx, ids)
  }

  const system = (o: repo.OrderRow, action: string, to: string, note: string, data: Record<string, unknown> = {}): repo.EventInput =>
    ({ orderId: o.id, actorId: null, actorKind: 'system' as const, action, from: o.state, to, note, data })

  return async function sweep(tx: Executor): Promise<number> {
    let n = 0
    // Completed and not confirmed in time: confirmed for the resident.
    const completed = await due(tx, sql`state = 'completed' AND due_at <= now()`)
    if (completed.length) await effects.confirmAll(tx, completed, `${config.ORDER_AUTO_CONFIRM_DAYS} 天内未确认，系统自动确认`, 'auto')
    n += completed.length

    // Open and not grabbed in time: back to the dispatchers.
    const open = await due(tx, sql`state = 'open' AND due_at <= now()`)
    if (open.length) {
      const terms = await findVersions(tx, open.map((o) => o.itemVersionId))
      // The deadlines from the transaction's now(), computed here: Citus refuses `now() + interval`
      // of a column in an UPDATE (a STABLE operator with a column reference).
      const [clock] = await rows<{ nowMs: number }>(tx, sql`SELECT (extract(epoch FROM now()) * 1000)::float8 AS "nowMs"`)
      const nowMs = Number(clock!.nowMs)
      const dues = open.map((o) => ({ id: o.id, due_at: new Date(nowMs + Math.round(terms.get(o.itemVersionId)!.claimHours * 3600) * 1000).toISOString() }))
      await tx.execute(sql`UPDATE orders x SET state = 'accepted', due_at = u.due_at, reminded_at = NULL, escalated_at = NULL, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(dues)}::jsonb) AS u(id bigint, due_at timestamptz) WHERE x.id = u.id`)
      await repo.insertEvents(tx, open.map((o) => system(o, 'fallback', 'accepted', '无人抢单，转社区派单')))
      const staff = await repo.staffOverEach(tx, open.map((o) => o.orgPath), ['community_cadre', 'grid_leader'])
      await notifications.notifyEach(tx, 'order.dispatch', open.map((o) => ({ personIds: staff.get(o.orgPath)!, title: `#${o.id} ${terms.get(o.itemVersionId)!.name} 无人抢单，请派单`, body: o.address, link: { orderId: o.id } })))
      n += open.length
    }

    // Past the deadline of review, dispatch or service: remind once.
    const late = await due(tx, sql`state IN ('placed', 'accepted', 'assigned', 'in_progress') AND due_at <= now() AND reminded_at IS NULL`)
    if (late.length) {
      const terms = await findVersions(tx, late.map((o) => o.itemVersionId))
      const serving = (o: repo.OrderRow) => o.state === 'assigned' || o.state === 'in_progress'
      const staff = await repo.staffOverEach(tx, late.filter((o) => !serving(o)).map((o) => o.orgPath), ['grid_worker', 'grid_leader', 'community_cadre'])
      await notifications.notifyEach(tx, 'order.overdue', late.map((o) => ({
        personIds: serving(o) ? (o.providerId ? [o.providerId] : o.assigneePeople) : staff.get(o.orgPath)!,
        title: `#${o.id} ${terms.get(o.itemVersionId)!.name} 已超时，请尽快处理`, body: o.address, link: { orderId: o.id },
      })))
      await repo.setOrders(tx, late.map((o) => o.id), [sql`reminded_at = now()`])
      await repo.insertEvents(tx, late.map((o) => system(o, 'remind', o.state, serving(o) ? '服务超时提醒' : '审核或派单超时提醒')))
      n += late.length
    }

    // A second period past the deadline: escalated once to the street above. The period is the
    // stage's own (stageHours: review, claim or finish hours of the order's item version), compared
    // in SQL, so only orders already due for escalation are read: a batch of reminded orders still
    // inside their second period can neither be re-read every minute nor hold back those behind it.
    const ids = (await rows<{ id: string }>(tx, sql`SELECT x.id::text FROM orders x JOIN service_item_versions v ON v.id = x.item_version_id
        WHERE x.state IN ('placed', 'accepted', 'assigned', 'in_progress') AND x.reminded_at IS NOT NULL AND x.escalated_at IS NULL
          AND x.due_at + (CASE x.state WHEN 'placed' THEN v.review_hours WHEN 'accepted' THEN v.claim_hours ELSE v.finish_hours END)::float8 * interval '1 hour' <= now()
        ORDER BY x.due_at LIMIT ${BATCH} FOR UPDATE OF x SKIP LOCKED`)).map((r) => r.id)
    const serious = await repo.findOrders(tx, ids)
    if (serious.length) {
      const terms = await findVersions(tx, serious.map((o) => o.itemVersionId))
      const street = await repo.staffOverEach(tx, serious.map((o) => o.orgPath), ['street_admin'])
      await notifications.notifyEach(tx, 'order.escalated', serious.map((o) => ({ personIds: street.get(o.orgPath)!, title: `#${o.id} ${terms.get(o.itemVersionId)!.name} 严重超时，已上报街道`, body: o.address, link: { orderId: o.id } })))
      await repo.setOrders(tx, serious.map((o) => o.id), [sql`escalated_at = now()`])
      await repo.insertEvents(tx, serious.map((o) => system(o, 'escalate', o.state, '严重超时，上报街道')))
      n += serious.length
    }
    return n
  }
}
