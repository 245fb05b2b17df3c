// What other modules may read of points, as relations to join in their own SQL (projections of
// the owner's ledger; PostgreSQL flattens them into the caller's query). Writes go through the
// points service (`award`).
import { sql } from 'drizzle-orm'

/**
 * Per person, for the people asked for (a comma-separated id list): the points awarded to them by
 * transactions booked in [from, to), net of reversals of awards booked in it (the definition of
 * `points.issued`, per holder). Relation `(person_id, earned)`.
 */
export const pointsEarnedByPerson = (from: string, to: string, personIds: string) => sql`(SELECT a.person_id, sum(p.amount)::bigint AS earned
  FROM points_transactions x LEFT JOIN points_transactions rev ON rev.id = x.reverses_id
  JOIN points_postings p ON p.transaction_id = x.id JOIN points_accounts a ON a.id = p.account_id AND a.owner_kind = 'person'
  WHERE x.created_at >= ${from}::timestamptz AND x.created_at < ${to}::timestamptz AND (x.kind = 'award' OR (x.kind = 'reversal' AND rev.kind = 'award'))
    AND a.person_id = ANY(string_to_array(${personIds}, ',')::bigint[]) GROUP BY a.person_id)`
