// Read replicas (issue 19): reads that tolerate a few seconds' lag (the public red map, lists,
// the statistics table and its exports, hotspots) run on PostgreSQL streaming replicas
// (`DATABASE_REPLICA_URLS`); every write, every read inside a transaction and every other read stays
// on the primary. A service opts a read in with `reads.run(ctx, (ex) => …)`.
//
// Freshness is measured by WAL position, not by clocks: every check (`DATABASE_REPLICA_CHECK_MS`)
// notes the primary's `pg_current_wal_lsn()` with the time, then asks each replica for
// `pg_last_wal_replay_lsn()`. A replica that has replayed the position the primary had at time T
// holds every transaction committed before T: it is "fresh as of T". It serves reads while
// now − T ≤ `DATABASE_REPLICA_MAX_LAG_MS`; behind that, unreachable, or not in recovery, it is
// skipped and the primary answers. An idle primary's position does not move, so an idle replica stays fresh.
//
// Read-your-writes: a write request (any method but GET/HEAD/OPTIONS) notes its caller (person,
// token or address) and the time; that caller's reads then use only a replica fresh as of a moment
// after the write, i.e. the primary until the next check has seen a replica replay past it. A short
// cookie (`linli_wrote`, max lag + one check) carries the same rule to other app instances.
import pg from 'pg'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { RequestContext } from '../context.ts'
import { firstRow, keepCheckedOutClientErrors, type Executor } from './client.ts'
import { isDatabaseUnavailable, someCause } from './unavailable.ts'

export type ReplicaState = 'unchecked' | 'ok' | 'lagging' | 'down' | 'not_a_replica'

export interface ReplicaStatus {
  /** host:port/database of the URL (no user or password). */
  name: string
  state: ReplicaState
  /** How far behind the primary it was at the last check, in ms (null when unknown). */
  lagMs: number | null
  /** It held every transaction the primary had committed by this time (ISO), at the last check. */
  freshAsOf: string | null
  /** Reads it has served. */
  reads: number
  error: string | null
}

export interface ReadRouter {
  /**
   * Runs `fn`, a read that tolerates lag, on a replica fresh enough for this caller, else on the
   * primary. `fn` only reads and opens no transaction. A replica that fails for a reason of its own
   * (connection lost, recovery conflict, database not there yet) is skipped until the next check and
   * `fn` runs again on the primary, so the caller sees no error.
   */
  run<T>(ctx: RequestContext | null, fn: (ex: Executor) => Promise<T>): Promise<T>
  /** The caller has just written: its reads need a replica that has replayed past this moment. */
  noteWrite(ctx: RequestContext, at?: number): void
  /** This request's caller wrote recently (on this or another instance): its reads go to the primary. */
  pinToPrimary(ctx: RequestContext): void
  /** Checks every replica now (a timer does it every `checkMs`). */
  check(): Promise<void>
  status(): ReplicaStatus[]
  /** How long after a write its caller may still need the primary: the lag limit plus one check. */
  readonly windowMs: number
  readonly replicated: boolean
  close(): Promise<void>
}

export interface ReplicaOptions {
  maxLagMs: number
  checkMs: number
  poolMax: number
  /** State changes (a replica going down, lagging, back); console by default. */
  log?: (message: string) => void
}

/** No replicas (embedded mode, or none configured): every read runs on the primary. */
export function primaryReads(primary: Executor): ReadRouter {
  return {
    run: (_ctx, fn) => fn(primary),
    noteWrite: () => undefined,
    pinToPrimary: () => undefined,
    check: async () => undefined,
    status: () => [],
    windowMs: 0,
    replicated: false,
    close: async () => undefined,
  }
}

/** '16/B374D848' → a comparable number. */
export function parseLsn(text: string): bigint {
  const [hi, lo] = text.split('/')
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`)
}

/** host:port/database of a PostgreSQL URL, without credentials. */
export function replicaName(url: string): string {
  const u = new URL(url)
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`
}

// Besides the connection being lost (db/unavailable.ts): 57P04 database dropped; 40001 a query
// cancelled by a conflict with recovery; 3D000 the database has not been replayed onto the replica yet.
const REPLICA_SQLSTATES = /^(57P04|40001|3D000)$/

/** An error that says something about the replica rather than about the read. */
export function isReplicaTrouble(err: unknown): boolean {
  return isDatabaseUnavailable(err) || someCause(err, (code) => REPLICA_SQLSTATES.test(code))
}

/** Who "the caller" is for read-your-writes: a person (all their sessions), an API token, or an address. */
function callerKey(ctx: RequestContext | null): string | null {
  if (!ctx) return null
  const a = ctx.actor
  if (a.personId) return `p:${a.personId}`
  if (a.tokenId) return `t:${a.tokenId}`
  return ctx.ip ? `ip:${ctx.ip}` : null
}

interface Replica {
  name: string
  pool: pg.Pool
  db: Executor
  state: ReplicaState
  /** Time (ms) of the newest primary position this replica has replayed. */
  freshAsOf: number
  lagMs: number | null
  reads: number
  error: string | null
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

/**
 * A pool per replica URL and a timer that checks them; the first check has run when this resolves.
 * A replica that is down at start is only marked down: the primary answers until it comes back.
 */
export async function openReplicas(primary: Executor, urls: string[], options: ReplicaOptions): Promise<ReadRouter> {
  if (options.checkMs >= options.maxLagMs) throw new Error('DATABASE_REPLICA_CHECK_MS must be below DATABASE_REPLICA_MAX_LAG_MS')
  const log = options.log ?? ((m: string) => console.warn(m))
  const windowMs = options.maxLagMs + options.checkMs
  const replicas: Replica[] = urls.map((url) => {
    const pool = new pg.Pool({ connectionString: url, max: options.poolMax, connectionTimeoutMillis: 3_000 })
    pool.on('error', (err) => log(`只读副本连接断开 (replica connection lost) ${replicaName(url)}: ${err.message}`))
    keepCheckedOutClientErrors(pool)
    return { name: replicaName(url), pool, db: drizzlePg({ client: pool }) as unknown as Executor, state: 'unchecked', freshAsOf: -Infinity, lagMs: null, reads: 0, error: null }
  })
  /** The primary's WAL position over the last two windows, oldest first. */
  const history: { at: number; lsn: bigint }[] = []
  const lastWrite = new Map<string, number>()
  const pinned = new WeakSet<RequestContext>()
  let next = 0
  let closed = false
  let timer: NodeJS.Timeout | undefined

  const setState = (r: Replica, state: ReplicaState, error: string | null) => {
    if (state !== r.state && (r.state !== 'unchecked' || state !== 'ok')) {
      log(state === 'ok' ? `只读副本恢复 (replica back) ${r.name}` : `只读副本${state === 'down' ? '不可用' : state === 'lagging' ? '延迟过大' : '不是副本'} (replica ${state}) ${r.name}${error ? `: ${error}` : ''}`)
    }
    r.state = state
    r.error = error
  }

  async function checkOne(r: Replica, checkTimeout: number): Promise<void> {
    try {
      const { rows } = await withTimeout(r.pool.query<{ recovery: boolean; lsn: string | null }>('SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS lsn'), checkTimeout)
      const row = rows[0]!
      if (!row.recovery) return setState(r, 'not_a_replica', 'pg_is_in_recovery() is false')
      const replayed = row.lsn === null ? -1n : parseLsn(row.lsn)
      let freshAsOf = -Infinity
      for (const h of history) if (h.lsn <= replayed) freshAsOf = h.at
      r.freshAsOf = freshAsOf
      r.lagMs = Number.isFinite(r.freshAsOf) ? Math.max(0, Date.now() - r.freshAsOf) : null
      setState(r, r.lagMs !== null && r.lagMs <= options.maxLagMs ? 'ok' : 'lagging', null)
    } catch (err) {
      setState(r, 'down', (err as Error).message)
    }
  }

  async function check(): Promise<void> {
    const at = Date.now()
    const checkTimeout = Math.max(options.checkMs, 1_000)
    try {
      const row = await withTimeout(firstRow<{ lsn: string }>(primary, sql`SELECT pg_current_wal_lsn()::text AS lsn`), checkTimeout)
      history.push({ at, lsn: parseLsn(row!.lsn) })
    } catch {
      // The primary did not answer: nothing to compare with; replicas keep ageing out by time.
    }
    while (history.length > 1 && history[0]!.at < at - 2 * windowMs) history.shift()
    for (const [key, t] of lastWrite) if (t < at - windowMs) lastWrite.delete(key)
    await Promise.all(replicas.map((r) => checkOne(r, checkTimeout)))
  }

  const schedule = () => {
    if (closed) return
    timer = setTimeout(() => void check().finally(schedule), options.checkMs)
    timer.unref()
  }

  function pick(ctx: RequestContext | null): Replica | null {
    if (ctx && pinned.has(ctx)) return null
    const key = callerKey(ctx)
    const since = (key && lastWrite.get(key)) || -Infinity
    const now = Date.now()
    const usable = replicas.filter((r) => r.state === 'ok' && now - r.freshAsOf <= options.maxLagMs && r.freshAsOf > since)
    if (usable.length === 0) return null
    next = (next + 1) % usable.length
    return usable[next]!
  }

  await check()
  schedule()

  return {
    async run(ctx, fn) {
      const replica = pick(ctx)
      if (!replica) return fn(primary)
      try {
        const result = await fn(replica.db)
        replica.reads++
        return result
      } catch (err) {
        if (!isReplicaTrouble(err)) throw err
        setState(replica, 'down', (err as Error).message)
        return fn(primary)
      }
    },
    noteWrite(ctx, at = Date.now()) {
      const key = callerKey(ctx)
      if (key) lastWrite.set(key, at)
    },
    pinToPrimary: (ctx) => void pinned.add(ctx),
    check,
    status: () => replicas.map((r) => ({ name: r.name, state: r.state, lagMs: r.lagMs, freshAsOf: Number.isFinite(r.freshAsOf) ? new Date(r.freshAsOf).toISOString() : null, reads: r.reads, error: r.error })),
    windowMs,
    replicated: true,
    async close() {
      closed = true
      clearTimeout(timer)
      await Promise.all(replicas.map((r) => r.pool.end().catch(() => undefined)))
    },
  }
}

export const WROTE_COOKIE = 'linli_wrote'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Read-your-writes over HTTP: a write request notes its caller before its answer leaves (so the
 * caller's next request comes after) and sets a cookie that lives for the window; a request carrying
 * that cookie reads from the primary. Nothing is installed without replicas.
 */
export function installReadYourWrites(app: FastifyInstance, reads: ReadRouter): void {
  if (!reads.replicated) return
  // A write request's own reads (an answer built after its write) stay on the primary too.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.ctx && (!SAFE_METHODS.has(request.method) || request.cookies?.[WROTE_COOKIE])) reads.pinToPrimary(request.ctx)
    done()
  })
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!SAFE_METHODS.has(request.method) && request.ctx) {
      reads.noteWrite(request.ctx)
      reply.setCookie(WROTE_COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: Math.ceil(reads.windowMs / 1000) })
    }
    done(null, payload)
  })
}
