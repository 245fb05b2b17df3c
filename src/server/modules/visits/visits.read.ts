// What other modules may read of visits, as relations to join in their own SQL (a projection of
// the owner's table; PostgreSQL flattens it into the caller's query). Writes go through the
// visits service.
import { sql } from 'drizzle-orm'

/** Which photos each visit record uses, and since when: cases check that a photo is still unused. */
export const visitPhotos = sql`(SELECT id, created_at, photo_ids FROM visits)`
