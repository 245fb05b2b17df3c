// What other modules may read of the residents registry, as a relation to join in their own SQL:
// where each resident lives and in which household. No ID number and no phone: those are read
// only through the registry's own masked, audited paths.
import { sql } from 'drizzle-orm'

/** Residents' homes: `JOIN ${residentHomes} r ON r.id = x.resident_id` (person, building node, household). */
export const residentHomes = sql`(SELECT id, person_id, org_id, household, deleted_at FROM residents)`

/**
 * What matching a service needs of a resident: the birth year (the elderly) and the registry's
 * tags (空巢老人, 残疾人…), for residents who agreed to service matching or are served by staff.
 */
export const residentProfiles = sql`(SELECT id, person_id, org_id, household, birth_year, tags, deleted_at FROM residents)`

/**
 * What the statistics table's breakdowns need of a person (issue 18): gender and birth year, counted
 * only in aggregates. `LEFT JOIN ${residentTraits} rt ON rt.person_id = x.person_id` (one row at most).
 */
export const residentTraits = sql`(SELECT person_id, gender, birth_year FROM residents WHERE deleted_at IS NULL)`
