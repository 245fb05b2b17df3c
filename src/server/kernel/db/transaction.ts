// The one way a service opens a transaction. `inTransaction(ex, fn)` runs `fn` in a transaction
// of `ex` (a savepoint when `ex` is already a transaction, so a cross-module call joins its
// caller's transaction and a refusal inside it undoes only its own part when caught) and sends
// the live messages queued in it only after the outermost transaction has committed: a NOTIFY
// inside a transaction holds PostgreSQL's global notify lock through the commit and serialises
// every committing writer.
import type { Executor } from './client.ts'
import { withLiveOutbox } from '../live.ts'

export { afterCommit } from '../live.ts'

export function inTransaction<T>(ex: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return withLiveOutbox(ex, () => ex.transaction((tx) => fn(tx as unknown as Executor)))
}
