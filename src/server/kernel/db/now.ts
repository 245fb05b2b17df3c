// "Now" where Citus refuses now() itself (issue 19 §3, docs/architecture.md "Distribution on Citus").
// On a Citus coordinator every table the app writes is a Citus table, and Citus's planner refuses a
// non-IMMUTABLE function inside CASE or COALESCE and in the RETURNING of an INSERT or UPDATE. An
// uncorrelated subquery is evaluated once, on the coordinator, before the statement is sent: the
// same transaction time as now() on every engine (PGlite, PostgreSQL, Citus).
import { sql } from 'drizzle-orm'

/** `(SELECT now())`: the transaction's time, as now(), in a COALESCE, CASE or RETURNING. */
export const dbNow = sql`(SELECT now())`
