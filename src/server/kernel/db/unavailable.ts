// Is this failure the database being unreachable (issue 19 §4) rather than something about the
// request? Such a request is answered 503 DATABASE_UNAVAILABLE with Retry-After (error-handler.ts),
// not 500: the server is down, restarting or failing over, or a Citus worker is, and the same
// request will work once it is back. node-postgres' pool drops a client whose connection broke and
// opens a new one for the next request, so the app needs no restart.
//
// What the failures look like (seen by bench/crash.ts killing servers with SIGKILL):
// - node-postgres, server gone: ECONNREFUSED / ECONNRESET / EPIPE at connect or write,
//   "Connection terminated unexpectedly", "Client has encountered a connection error and is not
//   queryable", a pool's "timeout exceeded when trying to connect".
// - PostgreSQL: class 08 (connection exception); 57P01 admin shutdown (pg_ctl stop -m fast/immediate),
//   57P02 crash shutdown (another backend died: the postmaster resets every session), 57P03 cannot
//   connect now (starting up, crash recovery, shutting down); 53300 too many connections.
// - Citus, a worker down (bench/crash.ts citus, kill -9 of a worker's postmaster under writes to a
//   reference table): mostly 08006 "connection to the remote node linli@127.0.0.1:57011 failed with
//   the following error: Connection refused"; while the worker dies mid-transaction, XX000 (Citus
//   sets no SQLSTATE there) "failure on connection marked as essential: 127.0.0.1:57011" or the
//   worker connection's libpq text, "SSL connection has been closed unexpectedly" / "server closed
//   the connection unexpectedly"; and 08006 "could not establish any connections to the node … after
//   N ms" when it does not answer at all. Those XX000 texts are matched by their words.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3]|53300)$/
const UNAVAILABLE_TEXT = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection to the remote node .* failed|could not establish any connections to the node|failure on connection marked as essential|SSL connection has been closed unexpectedly|server closed the connection unexpectedly|connection not open/i

/** How long a client should wait before trying again (the Retry-After header), in seconds. */
export const DATABASE_RETRY_AFTER_SEC = 5

/** Walks the error and its causes (Drizzle wraps the driver's error as "Failed query: …"). */
export function someCause(err: unknown, test: (code: string, message: string) => boolean): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (test(typeof e.code === 'string' ? e.code : '', typeof e.message === 'string' ? e.message : '')) return true
  }
  return false
}

/** The database (or a Citus worker behind it) cannot be reached: try again in a moment. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return someCause(err, (code, message) => CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_TEXT.test(message))
}
