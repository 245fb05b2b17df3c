// What other modules may read of volunteering, as relations to join in their own SQL (projections
// of the owner's tables). Activities are read by anyone signed in; a reader joining this relation
// shows it only to them.
import { sql } from 'drizzle-orm'

/** Published activities by the venue they are held at: title and times. */
export const activitiesAtVenues = sql`(SELECT id, venue_id, title, starts_at, ends_at FROM activities WHERE status = 'published' AND venue_id IS NOT NULL)`
