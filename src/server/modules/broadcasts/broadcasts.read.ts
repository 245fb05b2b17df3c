// What other modules may read of notices (红喇叭), as relations to join in their own SQL.
import { sql } from 'drizzle-orm'

/**
 * Notices sent to every resident of a node (never to a list of people, a team or units), as a
 * wall screen may show them: `(id, audience_org_id, title, sent_at)`. Withdrawn ones are left out.
 */
export const residentNotices = sql`(SELECT id, (audience->>'orgId')::bigint AS audience_org_id, title, sent_at FROM broadcasts
  WHERE state = 'sent' AND audience->>'kind' = 'residents')`
