// Live updates for Server-Sent Events: services call `publishLive(tx, …)` inside their
// transaction; the message goes out as a pg_notify once the transaction has committed (inside
// `withLiveOutbox`) or with the transaction's own commit (outside it); every app instance
// LISTENs once and hands each message to the open streams of the people it names, as long as
// each stream's session is still open.
import { AsyncLocalStorage } from 'node:async_hooks'
import { sql } from 'drizzle-orm'
import type { Database, Executor } from './db/client.ts'
import type { Config } from './config.ts'
import { openSessionIds } from './auth/actor.ts'

export const LIVE_CHANNEL = 'linli_live'

export interface LiveMessage {
  /** Who should see it. */
  personIds: string[]
  event: string
  data: unknown
}

/** Work deferred until the outermost transaction has committed (see `afterCommit`). */
interface Deferred { deferred: (ex: Executor) => Promise<unknown> }
const outboxes = new AsyncLocalStorage<Array<LiveMessage | Deferred>>()

/**
 * Runs `work` (which commits a transaction) and sends the live messages it queued only after it
 * returns. A NOTIFY inside a transaction would hold PostgreSQL's global notify lock through the
 * commit's WAL flush and serialise every committing writer; sent afterwards it costs nothing.
 * If `work` throws, nothing is sent. (Live messages are a convenience: the notifications
 * themselves are rows written in the transaction, so a crash in between loses no message.)
 */
export async function withLiveOutbox<T>(db: Executor, work: () => Promise<T>): Promise<T> {
  // Nested (a service joining its caller's transaction): the outermost outbox sends after the
  // outermost commit; sending here would NOTIFY inside the caller's still-open transaction.
  const outer = outboxes.getStore()
  if (outer) {
    const mark = outer.length
    try {
      return await work()
    } catch (err) {
      outer.length = mark // a savepoint rolled back: its messages describe nothing that happened
      throw err
    }
  }
  const outbox: Array<LiveMessage | Deferred> = []
  const result = await outboxes.run(outbox, work)
  await sendLiveAll(db, outbox.filter((m): m is LiveMessage => !('deferred' in m)))
  for (const task of outbox) {
    if (!('deferred' in task)) continue
    // Each in its own transaction, after the messages: its failure cannot undo what committed.
    await withLiveOutbox(db, () => db.transaction((tx) => task.deferred(tx as unknown as Executor)))
      .catch((err: unknown) => process.emitWarning(`after-commit work failed: ${err instanceof Error ? err.message : String(err)}`))
  }
  return result
}

/**
 * Runs `work` once the outermost transaction has committed, in a transaction of its own: for
 * slow extras (a push to the providers nearby) that must not hold a caller's locks or delay the
 * commit others wait for. Outside `inTransaction` (a sweep's transaction, a script) it runs at
 * once on `ex`, as part of the caller's work.
 */
export async function afterCommit(ex: Executor, work: (tx: Executor) => Promise<unknown>): Promise<void> {
  const outbox = outboxes.getStore()
  if (outbox) outbox.push({ deferred: work })
  else await work(ex)
}

export async function publishLive(tx: Executor, message: LiveMessage): Promise<void> {
  if (message.personIds.length === 0) return
  const outbox = outboxes.getStore()
  if (outbox) outbox.push(message)
  else await sendLive(tx, message)
}

/** Payloads of a message: NOTIFY payloads are limited to 8000 bytes, so long recipient lists are split. */
function payloadsOf(message: LiveMessage): string[] {
  const out: string[] = []
  for (let i = 0; i < message.personIds.length; i += 200) out.push(JSON.stringify({ ...message, personIds: message.personIds.slice(i, i + 200) }))
  return out
}

/**
 * An outbox's messages after the commit, in order, up to 500 in one statement (a sweep queues one
 * per record it notified: one round trip each took 1.5 s of a bench-city sweep). PostgreSQL folds
 * identical payloads of one transaction into one, so a payload already in the statement starts
 * the next one: each message still goes out exactly once.
 */
async function sendLiveAll(ex: Executor, messages: LiveMessage[]): Promise<void> {
  let batch: string[] = []
  let seen = new Set<string>()
  const flush = async () => {
    if (batch.length) await ex.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, m.p) FROM jsonb_array_elements_text(${JSON.stringify(batch)}::jsonb) AS m(p)`)
    batch = []
    seen = new Set()
  }
  for (const message of messages) {
    for (const payload of payloadsOf(message)) {
      if (batch.length >= 500 || seen.has(payload)) await flush()
      batch.push(payload)
      seen.add(payload)
    }
  }
  await flush()
}

async function sendLive(ex: Executor, message: LiveMessage): Promise<void> {
  // NOTIFY payloads are limited to 8000 bytes: split long recipient lists.
  for (let i = 0; i < message.personIds.length; i += 200) {
    const part = { ...message, personIds: message.personIds.slice(i, i + 200) }
    await ex.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(part)})`)
  }
}

/** One open stream: whose it is, under which session, and how to write to and end it. */
export interface LiveStream {
  personId: string
  sessionId: string
  accountId: string
  send(event: string, data: unknown): void
  end(): void
}

export interface LiveHub {
  /** Registers a stream; returns the function that removes it. */
  subscribe(stream: LiveStream): () => void
  /** Open streams (for health figures and tests). */
  size(): number
  close(): Promise<void>
}

/** What ends streams: a session ended or an account disabled (triggers of migration 0015). */
interface SessionEndMessage {
  endedSessionIds?: string[]
  disabledAccountIds?: string[]
}

type HubConfig = Pick<Config, 'SESSION_IDLE_MIN' | 'SESSION_CACHE_SEC' | 'LIVE_SESSION_CHECK_SEC'>

/**
 * A stream lives only as long as its session. Ending a session or disabling an account is
 * announced on the live channel by a trigger, so every instance closes the streams at once;
 * expiry (idle or absolute) announces nothing, so each delivery re-checks its sessions (a check
 * is trusted for SESSION_CACHE_SEC) and every LIVE_SESSION_CHECK_SEC all open streams are.
 * When the check itself fails the streams concerned are closed: clients reconnect and log in.
 */
export async function startLiveHub(database: Database, config: HubConfig): Promise<LiveHub> {
  const byPerson = new Map<string, Set<LiveStream>>()
  const all = new Set<LiveStream>()
  const checkedUntil = new Map<string, number>()
  let deliveries: Promise<void> = Promise.resolve()

  const endAll = (streams: Iterable<LiveStream>) => {
    for (const stream of [...streams]) {
      checkedUntil.delete(stream.sessionId)
      stream.end()
    }
  }

  /** Ends the streams whose session is no longer open; returns those that may go on. */
  async function keepOpen(streams: LiveStream[], useCache: boolean): Promise<LiveStream[]> {
    const now = Date.now()
    const unchecked = [...new Set(streams.map((s) => s.sessionId))].filter((id) => !useCache || (checkedUntil.get(id) ?? 0) <= now)
    if (unchecked.length > 0) {
      let open: Set<string>
      try {
        open = await openSessionIds(database.db, unchecked, config)
      } catch {
        // Unable to vouch for any of them: close them (fail closed; see above).
        open = new Set()
      }
      for (const id of unchecked) {
        if (open.has(id)) checkedUntil.set(id, now + config.SESSION_CACHE_SEC * 1000)
        else checkedUntil.delete(id)
      }
      endAll(streams.filter((s) => unchecked.includes(s.sessionId) && !open.has(s.sessionId)))
    }
    return streams.filter((s) => all.has(s))
  }

  async function deliver(message: LiveMessage): Promise<void> {
    const targets = message.personIds.flatMap((id) => [...(byPerson.get(id) ?? [])])
    if (targets.length === 0) return
    for (const stream of await keepOpen(targets, true)) {
      try {
        stream.send(message.event, message.data)
      } catch {
        // A stream that cannot be written to is over (its client is gone).
        stream.end()
      }
    }
  }

  const stop = await database.listen(LIVE_CHANNEL, (payload) => {
    let message: Partial<LiveMessage> & SessionEndMessage
    try {
      message = JSON.parse(payload) as Partial<LiveMessage> & SessionEndMessage
    } catch {
      return
    }
    const ended = new Set(message.endedSessionIds ?? [])
    const disabled = new Set(message.disabledAccountIds ?? [])
    if (ended.size > 0 || disabled.size > 0) endAll([...all].filter((s) => ended.has(s.sessionId) || disabled.has(s.accountId)))
    if (message.personIds && message.event) {
      const live = message as LiveMessage
      // One at a time, so that each stream receives its messages in the order they were sent.
      deliveries = deliveries.then(() => deliver(live))
    }
  })

  const sweep = setInterval(() => {
    const sessions = new Set([...all].map((s) => s.sessionId))
    for (const id of checkedUntil.keys()) if (!sessions.has(id)) checkedUntil.delete(id)
    if (all.size > 0) void keepOpen([...all], false)
  }, config.LIVE_SESSION_CHECK_SEC * 1000)
  sweep.unref()

  return {
    subscribe(stream) {
      let set = byPerson.get(stream.personId)
      if (!set) byPerson.set(stream.personId, (set = new Set()))
      set.add(stream)
      all.add(stream)
      return () => {
        all.delete(stream)
        set.delete(stream)
        if (set.size === 0) byPerson.delete(stream.personId)
      }
    },
    size: () => all.size,
    async close() {
      clearInterval(sweep)
      await stop()
    },
  }
}
