// How a screen id that arrives in a path is checked: its subject is the node's path.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { ScreenSubject } from './screens.policy.ts'

defineAccessLoader<ScreenSubject>('screen', {
  notFound: 'SCREEN_NOT_FOUND',
  read: 'screen.read',
  async load(ex, ids) {
    const found = await rows<ScreenSubject & { id: string }>(ex, sql`SELECT s.id::text, o.path::text AS "orgPath"
      FROM screen_tokens s JOIN ${orgTree} o ON o.id = s.org_id WHERE s.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
