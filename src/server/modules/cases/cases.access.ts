// The case read rule as SQL, and how a case id that arrives anywhere is checked. The rule is the
// `case.read` policy of cases.policy.ts written over the `cases c` row: staff whose scope holds
// the grid or the handling unit, the reporter, the assignee, and followers (of the case or of a
// node above it) only while the category is public. Every list, the map, the figures, the
// notifications to followers and the digests filter with it; a single record passes the policy.
import { sql, type SQL } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import type { Actor } from '../../kernel/context.ts'
import { LEVEL, roleLevels, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles } from '../people/people.read.ts'
import type { CaseSubject } from './cases.policy.ts'

const STAFF_ROLES = Object.entries(roleLevels).filter(([, level]) => level >= LEVEL.gridStaff).map(([role]) => role).join(',')

/** The category (by code) and its parent are public: what the public may see of cases. */
export const publicCategory = (code: SQL) => sql`${code} IN (SELECT cat.code FROM case_categories cat
  LEFT JOIN case_categories parent ON parent.code = cat.parent_code WHERE cat.public AND coalesce(parent.public, true))`

/** The person follows the case `c`, or a grid, community or street its grid lies in. */
export const followedBy = (person: SQL) => sql`((c.id, c.district_id) IN (SELECT f.case_id, f.district_id FROM follows f WHERE f.person_id = ${person} AND f.case_id IS NOT NULL)
  OR c.org_path <@ ANY (ARRAY(SELECT o.path FROM follows f JOIN ${orgTree} o ON o.id = f.org_id WHERE f.person_id = ${person})))`

function readable(who: { staffScopes: SQL; person: SQL | null }): SQL {
  const staff = sql`(c.org_path <@ ${who.staffScopes} OR c.handling_org_path <@ ${who.staffScopes})`
  if (who.person === null) return staff
  return sql`(${staff} OR c.reporter_id = ${who.person} OR c.assignee_id = ${who.person}
    OR (${publicCategory(sql`c.category_code`)} AND ${followedBy(who.person)}))`
}

/** The cases row `c` is readable by the actor (the `case.read` policy in SQL). */
export function caseReadableBy(actor: Actor): SQL {
  const scopes = scopeParam(scopesOf(actor, LEVEL.gridStaff))
  return readable({ staffScopes: sql`string_to_array(${scopes}, ',')::ltree[]`, person: actor.personId === null ? null : sql`${actor.personId}::bigint` })
}

/**
 * The cases row `c` is readable by the person in a column (e.g. `f.person_id` of the followers
 * told of a change), with the roles they hold today, as their session would carry them.
 */
export function caseReadableByPerson(person: SQL): SQL {
  const staffScopes = sql`ARRAY(SELECT o.path FROM ${currentRoles} r JOIN ${orgTree} o ON o.id = r.org_id AND o.deleted_at IS NULL
    WHERE r.person_id = ${person} AND r.role = ANY(string_to_array(${STAFF_ROLES}, ',')))`
  return readable({ staffScopes, person })
}

defineAccessLoader<CaseSubject>('case', {
  notFound: 'CASE_NOT_FOUND',
  read: 'case.read',
  async load(ex, ids) {
    // Followers count only for a public category, so only those cases list them. The cases' rows
    // are read first (a materialised CTE; on Citus the follows are a coordinator table).
    const found = await rows<{ id: string } & CaseSubject>(ex, sql`
      WITH x AS MATERIALIZED (SELECT c.id::text, c.district_id, c.org_path::text, c.handling_org_path::text, c.reporter_id::text, c.assignee_id::text, c.state, c.merged_into_id::text,
              ${publicCategory(sql`c.category_code`)} AS public_category
            FROM cases c WHERE c.id = ANY(${idArray(ids)}))
      SELECT x.id, x.org_path AS "orgPath", x.handling_org_path AS "handlingOrgPath", x.reporter_id AS "reporterId", x.assignee_id AS "assigneeId",
        x.public_category AS "publicCategory", CASE WHEN x.public_category THEN ARRAY(
          SELECT f.person_id::text FROM follows f WHERE f.case_id = x.id::bigint AND f.district_id = x.district_id
          UNION SELECT f.person_id::text FROM ${orgTree} o JOIN follows f ON f.org_id = o.id WHERE o.path @> x.org_path::ltree) ELSE '{}' END AS "followerIds",
        x.state, x.merged_into_id AS "mergedIntoId"
      FROM x`)
    return new Map(found.map(({ id, ...subject }) => [id, subject]))
  },
})
