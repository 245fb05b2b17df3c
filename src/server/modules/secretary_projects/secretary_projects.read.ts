// What other modules may read of secretaries' projects, as relations to join in their own SQL:
// the projects raised from a hotspot (每月一题), so the hotspot list marks a cluster "已转书记项目".
import { sql } from 'drizzle-orm'

/** Projects raised from a hotspot: `(id, org_id, owner_id, title, state, category, case_ids, order_ids, created_at)`. */
export const hotspotProjectRows = sql`(SELECT id, org_id, owner_id, title, state, source_category AS category, source_case_ids AS case_ids,
  source_order_ids AS order_ids, created_at FROM secretary_projects WHERE source_kind = 'hotspot')`
