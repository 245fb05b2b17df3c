// What other modules may read of the org tree, as relations to join in their own SQL. Each is a
// projection of the owner's table (PostgreSQL flattens it into the caller's join, so reading
// through the owner costs nothing); the columns listed here are the orgs module's promise, and it
// may change its table behind them. Writes go through the orgs service.
import { sql } from 'drizzle-orm'

/** Every org node, deleted ones included (`deleted_at`): `JOIN ${orgTree} o ON o.id = x.org_id`. */
export const orgTree = sql`(SELECT id, parent_id, path, kind, name, division_code, party_org_kind, party_org_name,
  party_org_secretary, property_firm, geometry, deleted_at FROM orgs)`

/**
 * The community (or village) each node lies in, for figures counted per community: `JOIN
 * ${communityOfNode} cn ON cn.org_id = x.org_id` gives `cn.community_id`. Nodes above a community
 * have no row.
 */
export const communityOfNode = sql`(SELECT n.id AS org_id, c.id AS community_id FROM orgs n
  JOIN orgs c ON c.kind IN ('community', 'village') AND c.path @> n.path)`
