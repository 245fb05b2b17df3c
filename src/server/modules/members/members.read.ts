// What other modules may read of Party members, as relations to join in their own SQL
// (projections of the owner's tables).
import { sql } from 'drizzle-orm'

/** Members whose registration at their residence community (报到) was accepted: who may serve there as in-service members. */
export const registeredMembers = sql`(SELECT pm.id, pm.person_id, pm.community_id, pm.employer_unit_id FROM party_members pm
  WHERE pm.deleted_at IS NULL AND EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member' AND r.status = 'accepted'))`
