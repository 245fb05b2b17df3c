// How a unit id that arrives anywhere (path, query, body) is checked. The subject carries what
// every unit policy needs without asking about the caller: where the unit is registered, the
// people who act for it (unit_people) and the communities it has an active pairing with, so
// "acts for the unit" and "paired with a community I work in" are decided by the policy alone.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'

export interface UnitAccessSubject {
  id: string
  name: string
  kind: string
  orgId: string
  orgPath: string
  /** The people who act for the unit. */
  personIds: string[]
  /** The communities with an active pairing agreement with the unit. */
  pairedCommunities: { id: string; path: string }[]
}

defineAccessLoader<UnitAccessSubject>('unit', {
  notFound: 'UNIT_NOT_FOUND',
  read: 'unit.read',
  async load(ex, ids) {
    const found = await rows<UnitAccessSubject>(ex, sql`SELECT u.id::text, u.name, u.kind, u.org_id::text AS "orgId", o.path::text AS "orgPath",
        coalesce((SELECT json_agg(up.person_id::text ORDER BY up.person_id) FROM unit_people up WHERE up.unit_id = u.id), '[]'::json) AS "personIds",
        coalesce((SELECT json_agg(json_build_object('id', c.id::text, 'path', c.path::text) ORDER BY c.id) FROM pairing_agreements pa JOIN ${orgTree} c ON c.id = pa.community_id
          WHERE pa.unit_id = u.id AND pa.status = 'active'), '[]'::json) AS "pairedCommunities"
      FROM units u JOIN ${orgTree} o ON o.id = u.org_id
      WHERE u.id = ANY(${idArray(ids)}) AND u.deleted_at IS NULL`)
    return new Map(found.map((u) => [u.id, u]))
  },
})

/**
 * A unit named as someone's employer: in-service Party members work anywhere in the city, so
 * their employer is usually registered outside the scope of the community that keeps their
 * record. Naming it needs no right to read the unit, only that it exists in the same city
 * (the top of the org tree) as one of the caller's roles; a unit elsewhere answers like a
 * missing one.
 */
defineAccessLoader<{ id: string; orgPath: string }>('employer_unit', {
  notFound: 'UNIT_NOT_FOUND',
  async load(ex, ids) {
    const found = await rows<{ id: string; orgPath: string }>(ex, sql`SELECT u.id::text, o.path::text AS "orgPath" FROM units u JOIN ${orgTree} o ON o.id = u.org_id
      WHERE u.id = ANY(${idArray(ids)}) AND u.deleted_at IS NULL`)
    return new Map(found.map((u) => [u.id, u]))
  },
})
