// The rotating check-in code an organiser's screen shows (volunteer activities, meetings): a QR
// code that changes every 30 seconds, so a photo of it sent around stops working a minute later.
// Each subject has its own secret; the code signs the subject's id and the time window.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The check-in code changes every 30 seconds. */
export const CODE_WINDOW_SEC = 30

export function codeWindow(at: Date): number {
  return Math.floor(at.getTime() / (CODE_WINDOW_SEC * 1000))
}

function signature(secret: string, subjectId: string, window: number): string {
  return createHmac('sha256', secret).update(`${subjectId}:${window}`).digest('hex').slice(0, 16)
}

/** The code of a window: "<window>.<first 16 hex of HMAC-SHA256(secret, subjectId:window)>". */
export function checkInCode(secret: string, subjectId: string, window: number): string {
  return `${window}.${signature(secret, subjectId, window)}`
}

export type CodeCheck = 'ok' | 'invalid' | 'expired'

/**
 * A code is good in its own window and the one after (a phone that scanned just before the
 * screen changed); a code that does not verify for this subject is `invalid`, an older one `expired`.
 */
export function verifyCheckInCode(secret: string, subjectId: string, code: string, at: Date): CodeCheck {
  const [w, sig] = code.split('.')
  const window = Number(w)
  if (!Number.isSafeInteger(window) || !sig) return 'invalid'
  const expected = Buffer.from(signature(secret, subjectId, window))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid'
  const now = codeWindow(at)
  if (window < now - 1 || window > now + 1) return 'expired'
  return 'ok'
}

