// Live updates for Server-Sent Events: services call `publishLive(tx, …)` inside their
// transaction; the message goes out as a pg_notify once the transaction has committed (inside
// `withLiveOutbox`) or with the transaction's own commit (outside it); every app instance
// LISTENs once and hands each message to the open streams of the people it names.
import { AsyncLocalStorage } from 'node:async_hooks'
import { sql } from 'drizzle-orm'
import type { Database, Executor } from './db/client.ts'

export const LIVE_CHANNEL = 'linli_live'

export interface LiveMessage {
  /** Who should see it. */
  personIds: string[]
  event: string
  data: unknown
}

type Listener = (event: string, data: unknown) => void

const outboxes = new AsyncLocalStorage<LiveMessage[]>()

/**
 * Runs `work` (which commits a transaction) and sends the live messages it queued only after it
 * returns. A NOTIFY inside a transaction would hold PostgreSQL's global notify lock through the
 * commit's WAL flush and serialise every committing writer; sent afterwards it costs nothing.
 * If `work` throws, nothing is sent. (Live messages are a convenience: the notifications
 * themselves are rows written in the transaction, so a crash in between loses no message.)
 */
export async function withLiveOutbox<T>(db: Executor, work: () => Promise<T>): Promise<T> {
  const outbox: LiveMessage[] = []
  const result = await outboxes.run(outbox, work)
  for (const message of outbox) await sendLive(db, message)
  return result
}

export async function publishLive(tx: Executor, message: LiveMessage): Promise<void> {
  if (message.personIds.length === 0) return
  const outbox = outboxes.getStore()
  if (outbox) outbox.push(message)
  else await sendLive(tx, message)
}

async function sendLive(ex: Executor, message: LiveMessage): Promise<void> {
  // NOTIFY payloads are limited to 8000 bytes: split long recipient lists.
  for (let i = 0; i < message.personIds.length; i += 200) {
    const part = { ...message, personIds: message.personIds.slice(i, i + 200) }
    await ex.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(part)})`)
  }
}

export interface LiveHub {
  /** Registers a stream for a person; returns the function that removes it. */
  subscribe(personId: string, listener: Listener): () => void
  /** Open streams (for health figures and tests). */
  size(): number
  close(): Promise<void>
}

export async function startLiveHub(database: Database): Promise<LiveHub> {
  const streams = new Map<string, Set<Listener>>()
  const stop = await database.listen(LIVE_CHANNEL, (payload) => {
    let message: LiveMessage
    try {
      message = JSON.parse(payload) as LiveMessage
    } catch {
      return
    }
    for (const personId of message.personIds) {
      for (const listener of streams.get(personId) ?? []) listener(message.event, message.data)
    }
  })
  return {
    subscribe(personId, listener) {
      let set = streams.get(personId)
      if (!set) streams.set(personId, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0) streams.delete(personId)
      }
    },
    size: () => [...streams.values()].reduce((n, s) => n + s.size, 0),
    close: stop,
  }
}
