// Writing notifications inside another module's statement: a module whose busiest write also
// notifies (placing an order) puts this INSERT into its own CTE, so the record, its event and the
// notifications are one statement and one round trip; after that statement has committed it hands
// the rows it got back to `announceNotifications` for the live push.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import { publishLive } from '../../kernel/live.ts'

/** A notification row as written (snake case, as RETURNING gives it). */
export interface NotificationRow {
  id: string
  person_id: string
  kind: string
  title: string
  body: string | null
  link: Record<string, string>
  read_at: string | null
  created_at: string
}

export const presentNotification = (r: NotificationRow) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  readAt: isoTime(r.read_at),
  createdAt: isoTime(r.created_at)!,
})

const RETURNED = sql`id::text, person_id::text, kind, title, body, link, read_at::text, created_at::text`

/** One notification of `kind` per row of `recipients`, a query with the columns person_id, title, body and link (jsonb). */
export const insertNotifications = (kind: string, recipients: SQL): SQL => sql`INSERT INTO notifications (person_id, kind, title, body, link)
  SELECT r.person_id, ${kind}, r.title, r.body, r.link FROM (${recipients}) r RETURNING ${RETURNED}`

/** The live message for rows just written: one NOTIFY for all of them (they differ only in id), sent after the commit. */
export async function announceNotifications(ex: Executor, inserted: NotificationRow[]): Promise<void> {
  const first = inserted[0]
  if (!first) return
  await publishLive(ex, {
    personIds: inserted.map((r) => r.person_id),
    event: 'notification',
    data: { ...presentNotification(first), id: null, ids: Object.fromEntries(inserted.map((r) => [r.person_id, r.id])) },
  })
}
