// What other modules may read of cases, as relations to join in their own SQL (open311's public
// feed, members' ledgers). Each is a projection of the owner's table: PostgreSQL flattens it into
// the caller's query, so the plan is the one a direct join would get. The columns listed are the
// cases module's promise; writes go through the cases service.
import { sql } from 'drizzle-orm'

/** Every case, merged and rejected ones included: `JOIN ${caseRows} c ON c.id = x.case_id`. */
export const caseRows = sql`(SELECT id, district_id, created_at, updated_at, org_id, org_path, category_code, description, location, address, state, level,
  handling_org_id, handling_org_path, assignee_id, last_handler_id, reporter_id, anonymous, channel, contact, photo_ids,
  visit_id, estate_rating_id, merged_into_id, token, accept_due_at, handle_due_at, overdue_at, accepted_at, handled_at,
  closed_at, closed_level, handled_on_time, result, reject_reason, escalations, reopens, rating, revisit_due_at,
  revisited_at, revisit_fixed, followers FROM cases)`

/**
 * The cases that count as problems reported (neither merged into another nor rejected), narrow and
 * in creation order, kept by the cases module's trigger (`case_points`, migration 0049): the same
 * rows and values as `caseRows` so filtered. Read it by `created_at` (indexed).
 */
export const casePointRows = sql`(SELECT id, district_id, created_at, org_id, org_path, category_code, location FROM case_points)`

/** Case categories (the service list), inactive ones included. */
export const caseCategoryRows = sql`(SELECT code, parent_code, name, name_en, description, accept_hours, handle_days, limits,
  working_days, revisit_days, department_id, public, sort, active, created_at, updated_at FROM case_categories)`

/** Timeline events; `public` says whether a reporter and the public see one. */
export const caseEventRows = sql`(SELECT id, case_id, district_id, action, from_state, to_state, actor_id, actor_kind, note, public,
  photo_ids, data, at FROM case_events)`

/**
 * Per person, for the people asked for (a comma-separated id list) and the window [from, to)
 * (timestamptz literals): the cases they handled (the last handler when it was marked handled,
 * `handled_at` in the window), how many of those within the time limit (`handled_on_time`, the
 * definition of `cases.on_time_rate`), and the cases they reported (found on the grid) in it.
 * Merged cases count for neither. Relation `(person_id, handled, on_time, reported)`.
 */
export const casesByPerson = (from: string, to: string, personIds: string) => sql`(SELECT person_id, sum(handled)::int AS handled,
  sum(on_time)::int AS on_time, sum(reported)::int AS reported FROM (
    SELECT last_handler_id AS person_id, 1 AS handled, CASE WHEN handled_on_time THEN 1 ELSE 0 END AS on_time, 0 AS reported FROM cases
    WHERE handled_at >= ${from}::timestamptz AND handled_at < ${to}::timestamptz AND merged_into_id IS NULL
      AND last_handler_id = ANY(string_to_array(${personIds}, ',')::bigint[])
    UNION ALL SELECT reporter_id, 0, 0, 1 FROM cases
    WHERE created_at >= ${from}::timestamptz AND created_at < ${to}::timestamptz AND merged_into_id IS NULL
      AND reporter_id = ANY(string_to_array(${personIds}, ',')::bigint[])) per GROUP BY person_id)`
