// How a wish id that arrives in a path is checked: its subject carries the community's path, the
// state, the wisher and poster, and the claimant with the people acting for the claiming unit.
// A wish that is not on the wall and not the caller's to read answers 404, as a missing one.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { unitStaff } from '../units/units.read.ts'
import type { WishSubject } from './wishes.policy.ts'

export const claimantUnitPeople = sql`ARRAY(SELECT s.person_id::text FROM ${unitStaff} s WHERE s.unit_id = w.claimant_unit_id ORDER BY 1)`

defineAccessLoader<WishSubject>('wish', {
  notFound: 'WISH_NOT_FOUND',
  read: 'wish.read',
  async load(ex, ids) {
    const found = await rows<WishSubject & { id: string }>(ex, sql`SELECT w.id::text, o.path::text AS "orgPath", w.state,
        w.wisher_id::text AS "wisherId", w.posted_by::text AS "postedBy", w.claimant_person_id::text AS "claimantPersonId",
        ${claimantUnitPeople} AS "claimantUnitPersonIds"
      FROM wishes w JOIN ${orgTree} o ON o.id = w.org_id WHERE w.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
