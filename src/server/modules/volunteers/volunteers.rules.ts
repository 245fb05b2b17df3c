// Pure rules of volunteering: how many hours an attendance counts. (The rotating check-in code is
// the kernel's, kernel/checkin-code.ts, shared with meetings.)
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
