// What other modules may read of visits, as relations to join in their own SQL (a projection of
// the owner's table; PostgreSQL flattens it into the caller's query). Writes go through the
// visits service.
import { sql } from 'drizzle-orm'

/** Which photos each visit record uses, and since when: cases check that a photo is still unused. */
export const visitPhotos = sql`(SELECT id, created_at, photo_ids FROM visits)`

/**
 * Per person, for the people asked for (a comma-separated id list) and the window [from, to): the
 * visits they logged (`visited_at` in the window), the households those met, and how many were
 * logged against a scheduled visit task. Relation `(person_id, visits, households, tasks_done)`.
 */
export const visitsByPerson = (from: string, to: string, personIds: string) => sql`(SELECT visitor_id AS person_id, count(*)::int AS visits,
  coalesce(sum(households), 0)::int AS households, count(task_id)::int AS tasks_done FROM visits
  WHERE visited_at >= ${from}::timestamptz AND visited_at < ${to}::timestamptz AND visitor_id = ANY(string_to_array(${personIds}, ',')::bigint[])
  GROUP BY visitor_id)`
