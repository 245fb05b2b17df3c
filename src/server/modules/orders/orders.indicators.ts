// The orders module's figures for the statistics table (kernel/indicators.ts): service orders
// placed per community and month, and the three rates (三率) residents' orders are judged by:
// answered, completed, satisfied.
import { sql, type SQL } from 'drizzle-orm'
import { inMonth, onlyCommunities, touchedMonths, type IndicatorDef, type IndicatorSource, type Month } from '../../kernel/indicators.ts'
import { ordersByList } from './orders.breakdowns.ts'


/** Orders that count: not merged into another. */
const counted = sql`x.state <> 'merged'`

const figure = (column: string, hit: SQL | null, among: SQL = sql`true`) => (m: Month, communities: string | null) => sql`
  SELECT x.community_id::text AS community_id,
    ${hit ? sql`count(*) FILTER (WHERE ${hit})::numeric` : sql`count(*)::numeric`} AS numerator, ${hit ? sql`count(*)::numeric` : sql`NULL::numeric`} AS denominator
  FROM orders x WHERE ${inMonth(column, m)} AND ${counted} AND ${among} ${onlyCommunities('x.community_id', communities)} GROUP BY 1`

const pct = { zh: '%', en: '%' }

export const orderIndicators: IndicatorDef[] = [
  { code: 'orders.placed', name: { zh: '群众点单', en: 'Orders placed' }, ledger: 'livelihood', unit: { zh: '单', en: 'orders' }, kind: 'count', time: 'sum',
    definition: { zh: '当月居民（含代下单、一键呼叫）下的服务订单数', en: 'Service orders placed in the month (proxy and one-button orders included)' }, compute: figure('created_at', null), breakdowns: { category: ordersByList } },
  { code: 'orders.response_rate', name: { zh: '响应率', en: 'Answered' }, ledger: 'livelihood', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月所下订单中，已受理（审核通过或已派发）的比例', en: 'Of the orders placed in the month, the share accepted or dispatched' },
    compute: figure('created_at', sql`x.reviewed_at IS NOT NULL AND x.state <> 'refused'`, sql`x.state <> 'cancelled'`) },
  { code: 'orders.completion_rate', name: { zh: '办结率', en: 'Completed' }, ledger: 'livelihood', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月所下订单中（居民撤单的不计），已服务完成的比例', en: 'Of the orders placed in the month (cancelled ones excluded), the share served' },
    compute: figure('created_at', sql`x.completed_at IS NOT NULL`, sql`x.state <> 'cancelled'`) },
  { code: 'orders.satisfaction_rate', name: { zh: '满意率', en: 'Satisfied' }, ledger: 'livelihood', unit: pct, kind: 'ratio', scale: 100, time: 'sum',
    definition: { zh: '当月确认并评价的订单中，评价 4 星及以上的比例', en: 'Of the orders confirmed and rated in the month, the share rated 4 stars or more' },
    compute: figure('confirmed_at', sql`x.rating >= 4`, sql`x.rating IS NOT NULL`) },
]

export const orderIndicatorSource: IndicatorSource = {
  source: 'orders',
  indicators: orderIndicators,
  changes: (from, to) => sql`SELECT DISTINCT x.community_id::text AS community_id, m.period FROM orders x
    ${touchedMonths('x.created_at', 'x.confirmed_at')}
    WHERE x.updated_at > ${from}::timestamptz AND x.updated_at <= ${to}::timestamptz AND m.period IS NOT NULL`,
}
