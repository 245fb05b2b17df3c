// In-app notifications and their live delivery. Other modules call `notify` inside their own
// transaction; people who chose the digest for a follow get one summary a day instead.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, isoTime, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { publishLive } from '../../kernel/live.ts'
import { requireAccess } from '../../kernel/access.ts'
import './notifications.access.ts'
import { announceNotifications, insertNotifications, presentNotification, type NotificationRow } from './notifications.write.ts'

/** For each (person, case) pair, whether the person may still read the case. */
export type DigestFilter = (ex: Executor, pairs: { personId: string; caseId: string }[]) => Promise<boolean[]>

export interface NotificationInput {
  /** Told at once (and live). */
  personIds: string[]
  /** Told in tomorrow's digest. */
  digestPersonIds?: string[]
  kind: string
  title: string
  body?: string | null
  link?: Record<string, string>
}

const present = presentNotification

export type Notification = ReturnType<typeof present>

export function createNotificationService(deps: { db: Executor }) {
  const { db } = deps

  return {
    async notify(tx: Executor, n: NotificationInput): Promise<void> {
      const now = [...new Set(n.personIds)]
      const later = [...new Set(n.digestPersonIds ?? [])].filter((p) => !now.includes(p))
      const link = JSON.stringify(n.link ?? {})
      if (later.length) {
        await tx.execute(sql`INSERT INTO notifications (person_id, kind, title, body, link, pending_digest)
          SELECT unnest(string_to_array(${later.join(',')}, ',')::bigint[]), ${n.kind}, ${n.title}, ${n.body ?? null}, ${link}::jsonb, now()`)
      }
      if (now.length === 0) return
      const inserted = await rows<NotificationRow>(tx, insertNotifications(n.kind,
        sql`SELECT unnest(string_to_array(${now.join(',')}, ',')::bigint[]) AS person_id, ${n.title}::text AS title, ${n.body ?? null}::text AS body, ${link}::jsonb AS link`))
      await announceNotifications(tx, inserted)
    },

    /**
     * Several `notify` calls of one kind in one INSERT (a sweep's batch of orders): each with its
     * own recipients (duplicates dropped), title, body and link, and announced live as `notify`
     * announces it. Items with no recipient write nothing.
     */
    async notifyEach(tx: Executor, kind: string, list: Omit<NotificationInput, 'kind' | 'digestPersonIds'>[]): Promise<void> {
      const items = list.map((n, i) => ({ i, people: [...new Set(n.personIds)], title: n.title, body: n.body ?? null, link: n.link ?? {} })).filter((n) => n.people.length > 0)
      if (items.length === 0) return
      const inserted = await rows<NotificationRow>(tx, insertNotifications(kind, sql`
        SELECT p.person_id::bigint AS person_id, n.title, n.body, n.link
        FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS n(people jsonb, title text, body text, link jsonb, i bigint)
        CROSS JOIN LATERAL jsonb_array_elements_text(n.people) WITH ORDINALITY AS p(person_id, j)
        ORDER BY n.i, p.j`))
      // One live message per item, as `notify` sends (the rows of an item differ only in id).
      const byItem = new Map<string, NotificationRow[]>()
      for (const r of inserted) {
        const key = JSON.stringify([r.title, r.body, r.link])
        byItem.set(key, [...(byItem.get(key) ?? []), r])
      }
      for (const group of byItem.values()) await announceNotifications(tx, group)
    },

    /**
     * Set-based `notify` for a whole district: one notification for every person that
     * `recipients` selects (a query with a `person_id` column; duplicates are the caller's to
     * avoid), written by one INSERT … SELECT in the caller's transaction, and live messages of
     * 200 people each after the commit. Returns how many rows were written.
     */
    async notifyAll(tx: Executor, n: { recipients: SQL; kind: string; title: string; body?: string | null; link?: Record<string, string> }): Promise<number> {
      const inserted = await rows<{ person_id: string }>(tx, sql`
        INSERT INTO notifications (person_id, kind, title, body, link)
        SELECT r.person_id, ${n.kind}, ${n.title}, ${n.body ?? null}, ${JSON.stringify(n.link ?? {})}::jsonb FROM (${n.recipients}) r
        RETURNING person_id::text`)
      if (inserted.length === 0) return 0
      await publishLive(tx, {
        personIds: inserted.map((r) => r.person_id),
        event: 'notification',
        data: { id: null, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? {}, readAt: null, createdAt: new Date().toISOString() },
      })
      return inserted.length
    },

    async list(ctx: RequestContext, q: { unread?: boolean; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) return { items: [], nextCursor: null, unread: 0 }
      const after = decodeCursor(q.cursor, idCursor)
      const found = await rows<NotificationRow>(db, sql`
        SELECT id::text, person_id::text, kind, title, body, link, read_at::text, created_at::text FROM notifications
        WHERE person_id = ${me} AND pending_digest IS NULL ${q.unread ? sql`AND read_at IS NULL` : sql``}
          ${after ? sql`AND id < ${after.id}` : sql``}
        ORDER BY notifications.id DESC LIMIT ${q.limit + 1}`)
      const unread = await firstRow<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${me} AND pending_digest IS NULL AND read_at IS NULL`)
      return { ...toPage(found, q.limit, present, (r) => ({ id: r.id })), unread: unread?.n ?? 0 }
    },

    /** Marks the caller's notifications read: the ids given (each must be theirs, else 404), or all. */
    async markRead(ctx: RequestContext, ids: string[] | undefined) {
      requireSignedIn(ctx.actor)
      if (ids) await requireAccess(db, ctx.actor, { permission: 'notification.read', ids })
      const me = ctx.actor.personId
      if (!me) return { updated: 0 }
      const updated = await rows(db, sql`UPDATE notifications SET read_at = now()
        WHERE person_id = ${me} AND read_at IS NULL AND pending_digest IS NULL
          ${ids ? sql`AND id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])` : sql``}
        RETURNING id`)
      return { updated: updated.length }
    },

    /**
     * The daily digest: everyone whose oldest waiting update is a day old gets one notification
     * summing up the waiting ones, which are then removed. `readable` (from the module that
     * linked them) says which waiting updates their reader may still read: the others are
     * dropped uncounted, and a person left with none gets no digest.
     */
    async sweepDigests(tx: Executor, now: Date, readable: DigestFilter = async (_ex, pairs) => pairs.map(() => true)): Promise<number> {
      const waiting = await rows<{ person_id: string; case_id: string | null }>(tx, sql`
        SELECT n.person_id::text, n.link->>'caseId' AS case_id FROM notifications n
        WHERE n.pending_digest IS NOT NULL AND n.person_id IN (
          SELECT person_id FROM notifications WHERE pending_digest IS NOT NULL GROUP BY person_id
          HAVING min(pending_digest) <= ${now.toISOString()}::timestamptz - interval '1 day' LIMIT 500)`)
      if (waiting.length === 0) return 0
      const linked = waiting.filter((w) => w.case_id !== null && /^\d{1,18}$/.test(w.case_id))
      const ok = await readable(tx, linked.map((w) => ({ personId: w.person_id, caseId: w.case_id! })))
      const dropped = new Set(linked.filter((_w, i) => !ok[i]))
      const due = new Map<string, { n: number; cases: Set<string> }>()
      for (const w of waiting) {
        const summary = due.get(w.person_id) ?? { n: 0, cases: new Set<string>() }
        due.set(w.person_id, summary)
        if (dropped.has(w)) continue
        summary.n++
        if (w.case_id !== null) summary.cases.add(w.case_id)
      }
      await tx.execute(sql`DELETE FROM notifications WHERE pending_digest IS NOT NULL
        AND person_id = ANY(string_to_array(${[...due.keys()].join(',')}, ',')::bigint[])`)
      let sent = 0
      for (const [personId, d] of due) {
        if (d.n === 0) continue
        await this.notify(tx, {
          personIds: [personId],
          kind: 'digest',
          title: `今日关注摘要：${d.cases.size} 件事件有 ${d.n} 条新进展`,
          body: '在“我关注的”中查看详情',
          link: { box: 'following' },
        })
        sent++
      }
      return sent
    },
  }
}

export type NotificationService = ReturnType<typeof createNotificationService>
