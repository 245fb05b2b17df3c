// The errand read rule as SQL, and how an errand id that arrives anywhere is checked. The rule is
// the `errand.read` policy of errands.policy.ts written over the `errands e` row joined to its desk
// `o`: staff whose scope holds the desk, the requester, and the people of the errand's unit. Lists
// and figures filter with it; a single errand passes the policy.
import { sql, type SQL } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import type { Actor } from '../../kernel/context.ts'
import { LEVEL, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { unitStaff } from '../units/units.read.ts'
import type { ErrandSubject } from './errands.policy.ts'
import './errands.policy.ts'

/** The errand `e` (desk `o`) is one the person asked for, themself or for a unit they act for. */
export const requestedBy = (person: SQL) => sql`(e.requester_id = ${person} OR e.unit_id IN (SELECT s.unit_id FROM ${unitStaff} s WHERE s.person_id = ${person}))`

/** The errands row `e` joined to its desk `o` is readable by the actor (the `errand.read` policy in SQL). */
export function errandReadableBy(actor: Actor): SQL {
  const scopes = actor.kind === 'person' ? scopesOf(actor, LEVEL.gridStaff) : []
  const staff = scopes.length ? sql`o.path <@ string_to_array(${scopeParam(scopes)}, ',')::ltree[]` : sql`false`
  if (actor.personId === null) return staff
  return sql`(${staff} OR ${requestedBy(sql`${actor.personId}::bigint`)})`
}

defineAccessLoader<ErrandSubject>('errand', {
  notFound: 'ERRAND_NOT_FOUND',
  read: 'errand.read',
  async load(ex, ids) {
    const found = await rows<ErrandSubject & { id: string }>(ex, sql`SELECT e.id::text, o.path::text AS "orgPath", e.requester_id::text AS "requesterId",
        ARRAY(SELECT s.person_id::text FROM ${unitStaff} s WHERE s.unit_id = e.unit_id ORDER BY 1) AS "unitPersonIds"
      FROM errands e JOIN ${orgTree} o ON o.id = e.org_id WHERE e.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
