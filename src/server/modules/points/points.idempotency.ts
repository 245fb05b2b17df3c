// Idempotency keys of the points routes (manual awards, redemptions): a retry with the same key
// answers the first result, but the same key with a different body is a client bug that would
// otherwise be silently answered with someone else's result, so it is refused. What a key came
// with is kept as a SHA-256 of the request's fields (the key itself left out).
import { createHash } from 'node:crypto'
import { conflict } from '../../kernel/errors.ts'

/** A stable hash of a request's fields: keys sorted, absent fields and nulls alike. */
export function requestHash(fields: Record<string, string | number | boolean | null | undefined>): string {
  const canonical = Object.keys(fields).sort().map((k) => [k, fields[k] ?? null])
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex')
}

/** Refuses a replay whose body differs from the first request's (rows stored before hashes began carry none). */
export function requireSameRequest(stored: string | null, hash: string): void {
  if (stored !== null && stored !== hash) throw conflict('IDEMPOTENCY_KEY_REUSED')
}
