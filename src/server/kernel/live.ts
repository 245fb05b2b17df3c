// Live updates for Server-Sent Events: services call `publishLive(tx, …)` inside their
// transaction (a pg_notify, delivered only if the transaction commits); every app instance
// LISTENs once and hands each message to the open streams of the people it names.
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

export async function publishLive(tx: Executor, message: LiveMessage): Promise<void> {
  if (message.personIds.length === 0) return
  // NOTIFY payloads are limited to 8000 bytes: split long recipient lists.
  for (let i = 0; i < message.personIds.length; i += 200) {
    const part = { ...message, personIds: message.personIds.slice(i, i + 200) }
    await tx.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(part)})`)
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
