// Months as the partitions of the grow-only tables count them: calendar months in Beijing time
// (UTC+8, no daylight saving), numbered year * 12 + month index so that arithmetic is plain.

const BEIJING_OFFSET_MS = 8 * 3_600_000

/** The month (year * 12 + 0..11) a moment falls in, in Beijing time. */
export function monthOf(at: Date): number {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS)
  return local.getUTCFullYear() * 12 + local.getUTCMonth()
}

/** `202612` for December 2026: the suffix of a partition's name. */
export function monthLabel(month: number): string {
  return `${Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, '0')}`
}

/** The month a label names, or null when the text is not one. */
export function parseMonthLabel(label: string): number | null {
  const m = /^(\d{4})(\d{2})$/.exec(label)
  if (!m) return null
  const month = Number(m[2])
  return month >= 1 && month <= 12 ? Number(m[1]) * 12 + month - 1 : null
}

/** The first moment of a month (Beijing time) as a timestamptz literal. */
export function monthStartLiteral(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01 00:00:00+08`
}

/** The first moment of a month (Beijing time) in milliseconds since the epoch. */
export function monthStartMs(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) - BEIJING_OFFSET_MS
}
