// How an org id that arrives anywhere (path, query, body) is checked: its subject carries the
// node's path both as `path` (the org policies) and as `orgPath` (every other module's policies
// over "a record that belongs to this node"), so one loader serves all of them.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import type { OrgKind } from './orgs.kinds.ts'

export interface OrgAccessSubject {
  id: string
  name: string
  kind: OrgKind
  path: string
  orgPath: string
}

defineAccessLoader<OrgAccessSubject>('org', {
  notFound: 'ORG_NOT_FOUND',
  read: 'org.read',
  async load(ex, ids) {
    const found = await rows<{ id: string; name: string; kind: OrgKind; path: string }>(ex, sql`SELECT id::text, name, kind, path::text FROM orgs
      WHERE id = ANY(${idArray(ids)}) AND deleted_at IS NULL`)
    return new Map(found.map((o) => [o.id, { ...o, orgPath: o.path }]))
  },
})
