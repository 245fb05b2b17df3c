// How a resident record id that arrives anywhere (path, query, body) is checked. Besides where
// the record is kept, the subject lists the roles its person holds, counted as the people module
// counts them (roles in force, not yet in force, or ended recently): a full ID number or phone,
// or the person's name and phone, are not the registry's to hand out or change for someone who
// ranks as high as the caller or higher (residents.policy.ts).
import { sql, type SQL } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { rolesThatCount } from '../people/people.access.ts'
import { roleGrants } from '../people/people.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { ResidentSubject } from './residents.policy.ts'

export interface ResidentAccessSubject extends ResidentSubject {
  id: string
}

/** The JSON list of the roles that count of the person in column `personId` (a full export uses it too). */
export const personRolesOf = (personId: SQL) => sql`coalesce((SELECT json_agg(json_build_object('role', pr.role, 'orgPath', po.path::text) ORDER BY pr.id)
  FROM ${roleGrants} pr JOIN ${orgTree} po ON po.id = pr.org_id WHERE pr.person_id = ${personId} AND ${rolesThatCount('pr')}), '[]'::json)`

defineAccessLoader<ResidentAccessSubject>('resident', {
  notFound: 'RESIDENT_NOT_FOUND',
  read: 'resident.read',
  async load(ex, ids) {
    const found = await rows<ResidentAccessSubject>(ex, sql`SELECT r.id::text, r.person_id::text AS "personId", o.path::text AS "orgPath",
        ${personRolesOf(sql`r.person_id`)} AS "personRoles"
      FROM residents r JOIN ${orgTree} o ON o.id = r.org_id
      WHERE r.id = ANY(${idArray(ids)}) AND r.deleted_at IS NULL`)
    return new Map(found.map((r) => [r.id, r]))
  },
})
