// How a Party member id that arrives anywhere (path, query, body) is checked. The subject holds
// the member's person and residence community, and the people who act for their employer unit:
// a unit sees its own employees (as its member list already shows them), nobody else's. The org
// tree and the units' people are read through their owners' relations.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { unitRows, unitStaff } from '../units/units.read.ts'
import type { MemberSubject } from './members.policy.ts'

export interface MemberAccessSubject extends MemberSubject {
  id: string
  communityId: string
  employerUnitId: string | null
}

defineAccessLoader<MemberAccessSubject>('member', {
  notFound: 'MEMBER_NOT_FOUND',
  read: 'member.read',
  async load(ex, ids) {
    const found = await rows<MemberAccessSubject>(ex, sql`SELECT pm.id::text, pm.person_id::text AS "personId", pm.community_id::text AS "communityId",
        c.path::text AS "communityPath", pm.employer_unit_id::text AS "employerUnitId",
        coalesce((SELECT json_agg(up.person_id::text ORDER BY up.person_id) FROM ${unitStaff} up JOIN ${unitRows} u ON u.id = up.unit_id
          WHERE up.unit_id = pm.employer_unit_id AND u.deleted_at IS NULL), '[]'::json) AS "employerPersonIds"
      FROM party_members pm JOIN ${orgTree} c ON c.id = pm.community_id
      WHERE pm.id = ANY(${idArray(ids)}) AND pm.deleted_at IS NULL`)
    return new Map(found.map((m) => [m.id, m]))
  },
})
