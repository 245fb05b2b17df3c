// What other modules may read of deliberation, as relations to join in their own SQL.
import { sql } from 'drizzle-orm'

/**
 * Resolutions as the public board shows them (no names): `(id, org_id, title, state, progress,
 * decided_at)`; cancelled ones are left out.
 */
export const publicResolutions = sql`(SELECT id, org_id, title, state, progress, decided_at FROM resolutions WHERE state <> 'cancelled')`

/** Topics' titles and states (a hotspot raised as a topic links to it): `(id, org_id, title, state)`. */
export const topicTitles = sql`(SELECT id, org_id, title, state FROM topics)`
