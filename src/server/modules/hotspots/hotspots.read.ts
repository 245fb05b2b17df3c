// What other modules may read of hotspots, as relations to join in their own SQL: which cases and
// orders were raised as which deliberation topic (a case's page may show "已转议题"), and a hotspot
// category key's name as the hotspot list shows it.
import { sql, type SQL } from 'drizzle-orm'
import { caseCategoryRows } from '../cases/cases.read.ts'
import { orderPlaces } from '../orders/orders.read.ts'

/** Raises: `(id, org_id, category, topic_id, case_ids, order_ids, created_at)`. */
export const hotspotRaiseRows = sql`(SELECT id, org_id, category, topic_id, case_ids, order_ids, created_at FROM hotspot_raises)`

/**
 * A scalar expression naming a category key (`case:<code>` or `order:<service item id>`) as the
 * hotspot list does: the case category's name, or the service's name on the given orders (a
 * bigint[] expression; the item's name as those orders were placed). NULL when neither names it.
 */
export const hotspotCategoryName = (category: SQL, orderIds: SQL): SQL => sql`(CASE
  WHEN ${category} LIKE 'case:%' THEN (SELECT cn.name FROM ${caseCategoryRows} cn WHERE cn.code = substr(${category}, 6))
  WHEN ${category} LIKE 'order:%' THEN (SELECT op.item_name FROM ${orderPlaces} op
    WHERE op.id = ANY(${orderIds}) AND op.item_id::text = substr(${category}, 7) ORDER BY op.id DESC LIMIT 1) END)`
