// How a building id that arrives in a path is checked: a building org node that is not deleted,
// with its path and the leaders in post (the people module's building_leader role on it).
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles } from '../people/people.read.ts'
import type { BuildingSubject } from './building_leaders.policy.ts'

/** The subjects of these building ids (the public card reads them without a login). */
export async function loadBuildings(ex: Executor, ids: readonly string[]): Promise<Map<string, BuildingSubject>> {
  const found = await rows<BuildingSubject & { id: string }>(ex, sql`SELECT o.id::text, o.path::text AS "orgPath", o.kind,
      ARRAY(SELECT r.person_id::text FROM ${currentRoles} r WHERE r.org_id = o.id AND r.role = 'building_leader' ORDER BY r.valid_from DESC, r.id DESC) AS "leaderIds"
    FROM ${orgTree} o WHERE o.id = ANY(${idArray(ids)}) AND o.deleted_at IS NULL AND o.kind = 'building'`)
  return new Map(found.map(({ id, ...s }) => [id, s]))
}

defineAccessLoader<BuildingSubject>('building', { notFound: 'BUILDING_NOT_FOUND', read: 'building.read', load: loadBuildings })
