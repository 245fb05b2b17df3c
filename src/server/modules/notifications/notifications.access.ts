// How a notification id that arrives in a body (marking as read) is checked: someone else's
// notification answers as one that does not exist.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import './notifications.policy.ts'

defineAccessLoader<{ personId: string }>('notification', {
  notFound: 'NOTIFICATION_NOT_FOUND',
  read: 'notification.read',
  async load(ex, ids) {
    const found = await rows<{ id: string; person_id: string }>(ex, sql`SELECT id::text, person_id::text FROM notifications
      WHERE id = ANY(${idArray(ids)}) AND pending_digest IS NULL`)
    return new Map(found.map((n) => [n.id, { personId: n.person_id }]))
  },
})
