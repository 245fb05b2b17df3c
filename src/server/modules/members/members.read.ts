// What other modules may read of Party members, as relations to join in their own SQL
// (projections of the owner's tables).
import { sql } from 'drizzle-orm'

/** Members whose registration at their residence community (报到) was accepted: who may serve there as in-service members. */
export const registeredMembers = sql`(SELECT pm.id, pm.person_id, pm.community_id, pm.employer_unit_id FROM party_members pm
  WHERE pm.deleted_at IS NULL AND EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member' AND r.status = 'accepted'))`

/**
 * Per person, for the people asked for (a comma-separated id list) and the window [from, to): the
 * posts and projects they claimed in it, and the projects they hold at its end among the claims of
 * the window's last year (what counts towards the year's target, as `members.target_met_rate`
 * counts it). Relation `(person_id, claimed, projects)`.
 */
export const claimsByPerson = (from: string, to: string, personIds: string) => sql`(SELECT pm.person_id,
  count(*) FILTER (WHERE pc.created_at >= ${from}::timestamptz)::int AS claimed,
  count(*) FILTER (WHERE cp.kind = 'project' AND pc.year = extract(year FROM (${to}::timestamptz - interval '1 second') AT TIME ZONE 'Asia/Shanghai')
    AND (pc.released_at IS NULL OR pc.released_at >= ${to}::timestamptz))::int AS projects
  FROM post_claims pc JOIN party_members pm ON pm.id = pc.member_id JOIN community_posts cp ON cp.id = pc.post_id
  WHERE pc.created_at < ${to}::timestamptz AND pm.person_id = ANY(string_to_array(${personIds}, ',')::bigint[]) GROUP BY pm.person_id)`
