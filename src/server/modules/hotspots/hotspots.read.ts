// What other modules may read of hotspots, as relations to join in their own SQL: which cases and
// orders were raised as which deliberation topic (a case's page may show "已转议题").
import { sql } from 'drizzle-orm'

/** Raises: `(id, org_id, category, topic_id, case_ids, order_ids, created_at)`. */
export const hotspotRaiseRows = sql`(SELECT id, org_id, category, topic_id, case_ids, order_ids, created_at FROM hotspot_raises)`
