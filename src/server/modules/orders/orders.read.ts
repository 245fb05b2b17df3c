// What other modules may read of service orders, as relations to join in their own SQL
// (projections of the owner's tables). Confirmed orders count on a member's feedback card (the
// person who served) and on a unit's service ledger (the unit an order was dispatched to).
import { sql } from 'drizzle-orm'

/** Confirmed orders with the item's name as ordered: `JOIN ${confirmedOrders} co ON co.provider_id = …` (or assignee_unit_id). */
export const confirmedOrders = sql`(SELECT x.id, v.name AS item_name, x.provider_id, x.assignee_unit_id, x.completed_at, x.confirmed_at, x.hours, x.rating, x.org_id
  FROM orders x JOIN service_item_versions v ON v.id = x.item_version_id WHERE x.state = 'confirmed')`

/** Orders' places, services and times, naming nobody (hotspots cluster them by service and place). */
export const orderPlaces = sql`(SELECT x.id, x.item_id, v.name AS item_name, x.org_id, x.state, x.location, x.created_at, x.merged_into_id
  FROM orders x JOIN service_item_versions v ON v.id = x.item_version_id)`
