// How the ids the broadcast routes are handed are checked: a notice loads its node's path and
// its author; a receipt loads the path of the node its person was found under (or the notice's).
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { BroadcastSubject } from './broadcasts.policy.ts'
import './broadcasts.policy.ts'

defineAccessLoader<BroadcastSubject>('broadcast', {
  notFound: 'BROADCAST_NOT_FOUND',
  read: 'broadcast.read',
  async load(ex, ids) {
    const found = await rows<BroadcastSubject & { id: string }>(ex, sql`SELECT b.id::text, o.path::text AS "orgPath", b.author_id::text AS "authorId"
      FROM broadcasts b JOIN ${orgTree} o ON o.id = b.org_id WHERE b.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

export interface ReceiptSubject {
  orgPath: string
  broadcastId: string
  broadcastOrgPath: string
}

defineAccessLoader<ReceiptSubject>('broadcast_receipt', {
  notFound: 'BROADCAST_RECEIPT_NOT_FOUND',
  read: 'broadcast.tick',
  async load(ex, ids) {
    const found = await rows<ReceiptSubject & { id: string }>(ex, sql`SELECT r.id::text, coalesce(ro.path, bo.path)::text AS "orgPath",
        r.broadcast_id::text AS "broadcastId", bo.path::text AS "broadcastOrgPath"
      FROM broadcast_receipts r JOIN broadcasts b ON b.id = r.broadcast_id JOIN ${orgTree} bo ON bo.id = b.org_id
      LEFT JOIN ${orgTree} ro ON ro.id = r.org_id WHERE r.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
