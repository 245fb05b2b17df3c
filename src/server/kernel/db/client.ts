// Opens the one database Linli runs on: PGlite (embedded, default) or a PostgreSQL server
// (DATABASE_URL). Both are driven through Drizzle; `Executor` is a database or a transaction.
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { ltree } from '@electric-sql/pglite/contrib/ltree'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase } from 'drizzle-orm/pg-core'
import { sql, type SQL } from 'drizzle-orm'
import pg from 'pg'
import type { ReadRouter } from './replicas.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor = PgDatabase<any, any, any>

export type DatabaseKind = 'pglite' | 'postgres'

export interface Database {
  kind: DatabaseKind
  db: Executor
  /** Runs a multi-statement script in one transaction holding an advisory lock. */
  runLockedScript(lockKey: number, body: (exec: (script: string) => Promise<void>, query: ScriptQuery) => Promise<void>): Promise<void>
  /** PGlite only: a gzipped tarball of the whole data directory. */
  dumpDataDir?: () => Promise<Blob>
  /**
   * LISTEN on a channel: `pg_notify` calls made in a transaction arrive here after it commits.
   * PGlite delivers in-process; PostgreSQL through one dedicated connection (all instances).
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  /**
   * PostgreSQL: is this instance the one that leads `key` (the minute sweep)? It holds a
   * session-level advisory lock on a connection of its own; when the instance dies, or its
   * connection does, the lock goes with it and the next instance to ask takes it. Absent on
   * PGlite (one process: always the leader).
   */
  lead?(key: number): Promise<boolean>
  /** PostgreSQL with `DATABASE_REPLICA_URLS`: where lag-tolerant reads go (kernel/db/replicas.ts). */
  reads?: ReadRouter
  close(): Promise<void>
}

export type ScriptQuery = <T>(text: string, params?: unknown[]) => Promise<T[]>

// int8 and numeric stay strings (ids are strings in the API; no precision lost), as node-postgres does.
const pgliteParsers = { 20: (v: string) => v, 1700: (v: string) => v }

export const pgliteExtensions = { postgis, ltree, pgcrypto, btree_gist }

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: pgliteExtensions,
    parsers: pgliteParsers,
  })
  return wrapPglite(client)
}

export function wrapPglite(client: PGlite): Database {
  return {
    kind: 'pglite',
    db: drizzlePglite({ client }) as unknown as Executor,
    async runLockedScript(lockKey, body) {
      await client.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey])
        await body(
          async (script) => {
            await tx.exec(script)
          },
          async (text, params) => (await tx.query(text, params)).rows as never,
        )
      })
    },
    dumpDataDir: () => client.dumpDataDir('gzip') as Promise<Blob>,
    async listen(channel, onPayload) {
      const stop = await client.listen(channel, onPayload)
      return async () => {
        if (!client.closed) await stop()
      }
    },
    close: () => client.close(),
  }
}

/**
 * The pool listens for errors on idle clients only (it drops them and opens new ones on demand).
 * A client that is checked out, e.g. inside a transaction between two statements, has no listener,
 * and the FATAL a backend sends when its server goes away (57P01 "terminating connection due to
 * unexpected postmaster exit", seen by bench/crash.ts) would be an unhandled 'error' event that
 * ends the process. With this listener the client just becomes unusable: its next statement fails
 * (a 503 for the request, db/unavailable.ts) and the pool drops it when it is released.
 */
export function keepCheckedOutClientErrors(pool: pg.Pool): void {
  pool.on('connect', (client) => client.on('error', () => undefined))
}

/**
 * `connectTimeoutMs` bounds the wait for a connection: a new one whose server does not answer (a
 * network partition, a host that is down: the TCP connect or the startup handshake hangs until the
 * kernel gives up, minutes later) and a free one from a pool whose clients are all busy. Past it
 * the request fails with "timeout exceeded when trying to connect", answered 503
 * DATABASE_UNAVAILABLE (db/unavailable.ts), instead of the request and everything queued behind
 * it hanging.
 */
export async function openPostgres(url: string, poolMax = 10, connectTimeoutMs = 10_000): Promise<Database> {
  // On a Citus coordinator whose cases are distributed (kernel/db/citus.ts) a transaction may read
  // the cases on every shard and then write a coordinator table with a key to the org tree, which
  // Citus allows only over one connection per node ("cannot modify table … because there was a
  // parallel operation on a distributed table"). Elsewhere this is a placeholder setting, unused.
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: connectTimeoutMs, options: '-c citus.multi_shard_modify_mode=sequential' })
  // A server restart breaks idle connections; the pool drops them and reconnects on demand,
  // where an unhandled 'error' event would end the process.
  pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`))
  keepCheckedOutClientErrors(pool)
  // Fail now with a clear message rather than at the first request.
  const probe = await pool.connect()
  probe.release()
  let leader: { client: pg.Client; key: number; holds: boolean } | null = null
  return {
    kind: 'postgres',
    db: drizzlePg({ client: pool }) as unknown as Executor,
    async runLockedScript(lockKey, body) {
      const conn = await pool.connect()
      try {
        await conn.query('BEGIN')
        await conn.query('SELECT pg_advisory_xact_lock($1)', [lockKey])
        await body(
          async (script) => {
            await conn.query(script)
          },
          async (text, params) => (await conn.query(text, params)).rows,
        )
        await conn.query('COMMIT')
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        conn.release()
      }
    },
    async listen(channel, onPayload) {
      // One dedicated connection; if the server drops it (restart, failover) it is opened again
      // every few seconds. Messages sent while it is down are lost: live updates are a
      // convenience over the notification rows, which clients fetch when they reconnect.
      let listener: pg.Client | null = null
      let stopped = false
      let retry: NodeJS.Timeout | undefined
      const connect = async (): Promise<void> => {
        const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs })
        client.on('notification', (msg) => {
          if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload)
        })
        const reconnect = () => {
          if (stopped || listener !== client) return
          listener = null
          retry = setTimeout(() => void connect().catch(() => reconnectLater()), 3_000)
          retry.unref()
        }
        client.on('error', (err) => {
          console.error(`PostgreSQL listener lost: ${err.message}`)
          reconnect()
        })
        client.on('end', reconnect)
        listener = client
        await client.connect()
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      }
      const reconnectLater = () => {
        listener = null
        if (stopped) return
        retry = setTimeout(() => void connect().catch(() => reconnectLater()), 3_000)
        retry.unref()
      }
      await connect()
      return async () => {
        stopped = true
        clearTimeout(retry)
        await listener?.end().catch(() => undefined)
      }
    },
    async lead(key) {
      if (leader?.key === key && leader.holds) return true
      if (!leader) {
        const client = new pg.Client({ connectionString: url, application_name: `linli-leader-${process.pid}`, connectionTimeoutMillis: connectTimeoutMs })
        const mine = { client, key, holds: false }
        leader = mine
        const lost = () => {
          if (leader === mine) leader = null
          void client.end().catch(() => undefined)
        }
        client.on('error', lost)
        client.on('end', lost)
        try {
          await client.connect()
        } catch (err) {
          if (leader === mine) leader = null
          throw err
        }
      }
      const current = leader
      if (!current) return false
      const { rows } = await current.client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [key])
      current.key = key
      current.holds = rows[0]!.got
      return current.holds
    },
    async close() {
      const l = leader
      leader = null
      await l?.client.end().catch(() => undefined)
      await pool.end()
    },
  }
}

/** Runs a raw SQL statement and returns its rows, the same way on both drivers. */
export async function rows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

/**
 * A hot read as a named prepared statement: on a PostgreSQL pool each connection parses and plans
 * it once (PostGIS containment plans are not free), and the call skips Drizzle's query building.
 * On PGlite, or inside a transaction, it runs as an ordinary parameterised query. `text` uses
 * $1, $2… placeholders; `name` must be unique per statement text.
 */
export async function preparedRows<T>(ex: Executor, name: string, text: string, params: unknown[]): Promise<T[]> {
  const client = (ex as unknown as { $client?: unknown }).$client
  if (client instanceof pg.Pool) return (await client.query<T & pg.QueryResultRow>({ name, text, values: params })).rows
  if (client instanceof PGlite) return (await client.query<T>(text, params)).rows
  const parts = text.split(/\$(\d+)/)
  const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`))
  return rows<T>(ex, sql.join(chunks))
}

export async function firstRow<T>(ex: Executor, query: SQL): Promise<T | undefined> {
  return (await rows<T>(ex, query))[0]
}

/** Timestamps come back as PostgreSQL text on both drivers; the API speaks ISO 8601. */
export function isoTime(value: string | Date | null): string | null {
  if (value === null) return null
  if (value instanceof Date) return value.toISOString()
  const normal = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')
  return new Date(normal).toISOString()
}
