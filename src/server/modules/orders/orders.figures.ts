// Figures of service orders for a node and its subtree (三率: response, completion, satisfaction):
// orders, completion rate (confirmed or completed of those not refused, merged or cancelled),
// response time (placed to taken: p50 and p90 in minutes), satisfaction (share of 4- and 5-star
// ratings), by item, by provider kind and by channel. Read by the staff over the node.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { LEVEL, levelAt, requireSignedIn, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { forbidden, notFound } from '../../kernel/errors.ts'
import { orgTree } from '../orgs/orgs.read.ts'

const RATES = sql`count(*)::int AS orders,
  count(*) FILTER (WHERE x.state IN ('completed', 'confirmed'))::int AS completed,
  count(*) FILTER (WHERE x.state NOT IN ('refused', 'merged', 'cancelled'))::int AS countable,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.assigned_at - x.created_at) / 60) FILTER (WHERE x.assigned_at IS NOT NULL) AS p50,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM x.assigned_at - x.created_at) / 60) FILTER (WHERE x.assigned_at IS NOT NULL) AS p90,
  count(x.rating)::int AS rated, count(*) FILTER (WHERE x.rating >= 4)::int AS satisfied`

interface RateRow { orders: number; completed: number; countable: number; p50: number | null; p90: number | null; rated: number; satisfied: number }
const round = (x: number | null, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d)
const rates = (r: RateRow) => ({
  orders: r.orders, completed: r.completed, completionRate: r.countable ? round(r.completed / r.countable, 3) : null,
  responseP50Minutes: round(r.p50), responseP90Minutes: round(r.p90), satisfaction: r.rated ? round(r.satisfied / r.rated, 3) : null, rated: r.rated,
})

export function createOrderFigures(deps: { db: Executor }) {
  const { db } = deps
  return {
    async figures(ctx: RequestContext, q: { orgId?: string; from?: string; to?: string }) {
      requireSignedIn(ctx.actor)
      let node: { id: string; name: string; path: string } | undefined
      if (q.orgId) node = await requireAccessOne(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })
      else {
        const top = scopesOf(ctx.actor, LEVEL.gridStaff)[0]
        if (!top) throw forbidden()
        node = await firstRow(db, sql`SELECT id::text, name, path::text FROM ${orgTree} o WHERE o.path = ${top}::ltree`)
      }
      if (!node) throw notFound('ORG_NOT_FOUND')
      if (levelAt(ctx.actor, node.path) < LEVEL.gridStaff) throw forbidden()
      const where: SQL[] = [sql`o.path <@ ${node.path}::ltree`]
      if (q.from) where.push(sql`x.created_at >= ${q.from}::timestamptz`)
      if (q.to) where.push(sql`x.created_at < ${q.to}::timestamptz`)
      const from = sql`FROM orders x JOIN ${orgTree} o ON o.id = x.org_id WHERE ${sql.join(where, sql` AND `)}`
      const total = (await firstRow<RateRow>(db, sql`SELECT ${RATES} ${from}`))!
      const byState = await rows<{ k: string; n: number }>(db, sql`SELECT x.state AS k, count(*)::int AS n ${from} GROUP BY 1`)
      const byChannel = await rows<{ k: string; n: number }>(db, sql`SELECT x.channel AS k, count(*)::int AS n ${from} GROUP BY 1`)
      // The 50 busiest items, then their current names (one join after grouping).
      const byItem = await rows<RateRow & { id: string; name: string }>(db, sql`SELECT g.*, v.name FROM (
          SELECT x.item_id::text AS id, ${RATES} ${from} GROUP BY x.item_id ORDER BY count(*) DESC, x.item_id LIMIT 50
        ) g JOIN service_items i ON i.id = g.id::bigint JOIN service_item_versions v ON v.id = i.current_version_id ORDER BY g.orders DESC, g.id::bigint`)
      const byKind = await rows<RateRow & { kind: 'person' | 'team' | 'unit' }>(db, sql`SELECT x.assignee_kind AS kind, ${RATES} ${from} AND x.assignee_kind IS NOT NULL GROUP BY 1 ORDER BY 1`)
      return {
        org: { id: node.id, name: node.name },
        total: rates(total),
        byState: Object.fromEntries(byState.map((r) => [r.k, r.n])),
        byItem: byItem.map((r) => ({ item: { id: r.id, name: r.name }, ...rates(r) })),
        byProviderKind: byKind.map((r) => ({ kind: r.kind, ...rates(r) })),
        byChannel: Object.fromEntries(byChannel.map((r) => [r.k, r.n])),
      }
    },
  }
}
