// What other modules may read of venues, as relations to join in their own SQL (projections of the
// owner's table). Venues are public places: their names are no secret.
import { sql } from 'drizzle-orm'

/** Venues' names, deleted ones included (`deleted_at`). */
export const venueNames = sql`(SELECT id, name, deleted_at FROM venues)`
