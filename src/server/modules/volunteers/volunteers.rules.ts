// Pure rules of volunteering: how many hours an attendance counts and the rotating check-in code.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The check-in code changes every 30 seconds. */
export const CODE_WINDOW_SEC = 30
const HOUR_MS = 3_600_000

/**
 * Hours of one attendance: the time between check-in and check-out that falls inside the
 * activity, rounded down to a tenth of an hour, and at most the activity's cap (its `maxHours`,
 * else its length).
 */
export function attendanceHours(a: { startsAt: string; endsAt: string; maxHours: number | null }, checkedInAt: string, checkedOutAt: string): number {
  const start = Math.max(Date.parse(checkedInAt), Date.parse(a.startsAt))
  const end = Math.min(Date.parse(checkedOutAt), Date.parse(a.endsAt))
  const tenths = Math.floor(Math.max(0, end - start) / (HOUR_MS / 10))
  const capTenths = Math.floor(((a.maxHours ?? (Date.parse(a.endsAt) - Date.parse(a.startsAt)) / HOUR_MS) * 10) + 1e-9)
  return Math.min(tenths, capTenths) / 10
}

export function codeWindow(at: Date): number {
  return Math.floor(at.getTime() / (CODE_WINDOW_SEC * 1000))
}

function signature(secret: string, activityId: string, window: number): string {
  return createHmac('sha256', secret).update(`${activityId}:${window}`).digest('hex').slice(0, 16)
}

/** The code of a window: "<window>.<first 16 hex of HMAC-SHA256(secret, activityId:window)>". */
export function checkInCode(secret: string, activityId: string, window: number): string {
  return `${window}.${signature(secret, activityId, window)}`
}

export type CodeCheck = 'ok' | 'invalid' | 'expired'

/**
 * A code is good in its own window and the one after (a phone that scanned just before the
 * screen changed); a code that does not verify for this activity is `invalid`, an older one `expired`.
 */
export function verifyCheckInCode(secret: string, activityId: string, code: string, at: Date): CodeCheck {
  const [w, sig] = code.split('.')
  const window = Number(w)
  if (!Number.isSafeInteger(window) || !sig) return 'invalid'
  const expected = Buffer.from(signature(secret, activityId, window))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid'
  const now = codeWindow(at)
  if (window < now - 1 || window > now + 1) return 'expired'
  return 'ok'
}
