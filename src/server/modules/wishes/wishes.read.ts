// What other modules may read of wishes, as relations to join in their own SQL (projections of the
// owner's table). Fulfilled wishes count on a member's feedback card and a unit's ledger: the
// claimant is the person who claimed (for themselves or for the unit) and the unit, if any.
import { sql } from 'drizzle-orm'

/** Fulfilled wishes: `JOIN ${fulfilledWishes} fw ON fw.claimant_person_id = …` (or claimant_unit_id). */
export const fulfilledWishes = sql`(SELECT id, title, claimant_person_id, claimant_unit_id, fulfilled_at, org_id FROM wishes WHERE state = 'fulfilled')`
