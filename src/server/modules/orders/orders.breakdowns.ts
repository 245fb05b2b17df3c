// The orders' figures split for the statistics table's breakdowns (issue 18): by the service list
// (公共服务 / 社会服务 / 志愿服务, 三张清单) of the item version the order was placed on.
import { sql } from 'drizzle-orm'
import { inMonth, onlyCommunities, type BreakdownDef } from '../../kernel/indicators.ts'

/** `orders.placed` per community and list: the same orders as its total (merged ones excluded). */
export const ordersByList: BreakdownDef = {
  compute: (m, communities) => sql`
    SELECT x.community_id::text AS community_id, v.list AS part, count(*)::numeric AS numerator, NULL::numeric AS denominator
    FROM orders x JOIN service_item_versions v ON v.id = x.item_version_id
    WHERE ${inMonth('created_at', m)} AND x.state <> 'merged' ${onlyCommunities('x.community_id', communities)} GROUP BY 1, 2`,
  definition: { zh: '按订单所属服务清单（公共服务、社会服务、志愿服务）分组', en: 'By the service list of the item ordered (public, social, volunteer)' },
  labels: { public: { zh: '公共服务清单', en: 'Public services' }, social: { zh: '社会服务清单', en: 'Social services' }, volunteer: { zh: '志愿服务清单', en: 'Volunteer services' } },
}
