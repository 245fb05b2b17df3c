// What other modules may read of units and their people, as relations to join in their own SQL:
// projections of the owner's tables (flattened by PostgreSQL into the caller's join).
import { sql } from 'drizzle-orm'

/** Units, deleted ones included (`deleted_at`). */
export const unitRows = sql`(SELECT id, name, kind, credit_code, org_id, resident_unit, has_party_org, party_org_name,
  party_member_count, staff_count, address, location, deleted_at FROM units)`

/** Who acts for which unit, and as what (`role`). */
export const unitStaff = sql`(SELECT unit_id, person_id, role FROM unit_people)`

/** Active pairing agreements (结对共建): which units support which community (`kind`: core or area). */
export const activePairings = sql`(SELECT id, community_id, unit_id, kind FROM pairing_agreements WHERE status = 'active')`
