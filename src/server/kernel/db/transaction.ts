// The one way a service opens a transaction. `inTransaction(ex, fn)` runs `fn` in a transaction
// of `ex` (a savepoint when `ex` is already a transaction, so a cross-module call joins its
// caller's transaction and a refusal inside it undoes only its own part when caught) and sends
// the live messages queued in it only after the outermost transaction has committed: a NOTIFY
// inside a transaction holds PostgreSQL's global notify lock through the commit and serialises
// every committing writer.
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { Executor } from './client.ts'
import { withLiveOutbox } from '../live.ts'

export { afterCommit } from '../live.ts'

export function inTransaction<T>(ex: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return withLiveOutbox(ex, () => ex.transaction((tx) => fn(tx as unknown as Executor)))
}

type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }

/**
 * Promise.all over reads of one executor: at once on the pool (each read takes its own
 * connection), one after the other inside a transaction, which is one connection (node-postgres
 * queues a query sent while its connection is busy, and pg 9 will refuse it).
 */
export async function allOn<const T extends readonly (() => Promise<unknown>)[]>(ex: Executor, reads: T): Promise<Results<T>> {
  if (!(ex instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as Results<T>
  const results: unknown[] = []
  for (const read of reads) results.push(await read())
  return results as Results<T>
}
