// How a secretary's project id that arrives in a path is checked: its node's path and its owner.
// Nodes, people, units, cases, orders, topics and photos named in a body are checked by their
// owners' loaders.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { SecretaryProjectSubject } from './secretary_projects.policy.ts'
import '../orgs/orgs.access.ts'
import '../people/people.access.ts'
import '../units/units.access.ts'
import '../cases/cases.access.ts'
import '../orders/orders.access.ts'
import '../deliberation/deliberation.access.ts'
import '../files/files.access.ts'
import './secretary_projects.policy.ts'

defineAccessLoader<SecretaryProjectSubject>('secretaryProject', {
  notFound: 'SECRETARY_PROJECT_NOT_FOUND',
  read: 'secretaryProject.read',
  async load(ex, ids) {
    const found = await rows<SecretaryProjectSubject & { id: string }>(ex, sql`SELECT p.id::text, o.path::text AS "orgPath", p.owner_id::text AS "ownerId"
      FROM secretary_projects p JOIN ${orgTree} o ON o.id = p.org_id WHERE p.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
