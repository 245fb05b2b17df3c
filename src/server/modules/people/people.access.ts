// How a person id that arrives anywhere (path, query, body) is checked. The subject lists the
// roles a person holds now, the roles given to them that have not started yet and those that
// ended in the last ROLE_RECENT_DAYS: "outranks every role they hold" must count a street
// admin appointed from tomorrow, or one whose term ended last week, or their account could be
// taken over by a cadre in the meantime.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { Role } from '../../kernel/policy.ts'
import type { PersonSubject } from './people.policy.ts'

export const ROLE_RECENT_DAYS = 30

/** The SQL condition for the roles that count when deciding who may manage a person. */
export const rolesThatCount = (r: string) => sql.raw(`(${r}.valid_to IS NULL OR ${r}.valid_to > CURRENT_DATE - ${ROLE_RECENT_DAYS})`)

defineAccessLoader<PersonSubject>('person', {
  notFound: 'PERSON_NOT_FOUND',
  read: 'person.read',
  async load(ex, ids) {
    const found = await rows<{ id: string; roles: { role: Role; orgPath: string }[] }>(ex, sql`SELECT p.id::text,
        coalesce((SELECT json_agg(json_build_object('role', r.role, 'orgPath', o.path::text) ORDER BY r.id)
          FROM role_assignments r JOIN ${orgTree} o ON o.id = r.org_id
          WHERE r.person_id = p.id AND ${rolesThatCount('r')}), '[]'::json) AS roles
      FROM people p WHERE p.id = ANY(${idArray(ids)}) AND p.deleted_at IS NULL`)
    return new Map(found.map((p) => [p.id, { personId: p.id, roles: p.roles }]))
  },
})
