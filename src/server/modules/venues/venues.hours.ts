// Opening hours of a venue, read in Beijing time: a weekly pattern, exceptions on given dates
// (closed, or other hours) and, unless the venue opens on them, public holidays closed (the
// working-day calendar of the cases module decides which weekdays are holidays). Pure: the
// caller passes the holidays of the days it asks about. The SQL function linli_venue_open_at
// (migration 0022) applies the same rule for the "open now" filter.

export interface WeeklyHours {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  day: number
  open: string
  close: string
}
export interface HoursException {
  date: string
  closed?: boolean
  open?: string
  close?: string
  note?: string
}
export interface Hours {
  weekly: WeeklyHours[]
  exceptions: HoursException[]
  closedOnHolidays: boolean
}

export interface OpenStatus {
  open: boolean
  /** While open: when it closes. */
  closesAt: string | null
  /** While closed: when it next opens (within two weeks), else null. */
  opensAt: string | null
}

const OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export const localDate = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10)
/** The ISO weekday (1–7) of a date. */
export const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1
/** The instant of a Beijing wall-clock time on a date. */
export const instantOf = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + minutes * 60_000)
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** The open intervals of a date, in minutes after local midnight. */
export function intervalsOn(hours: Hours, date: string, holidays: ReadonlySet<string>): [number, number][] {
  const exception = hours.exceptions.find((e) => e.date === date)
  if (exception) return exception.closed || !exception.open || !exception.close ? [] : [[minutesOf(exception.open), minutesOf(exception.close)]]
  if (hours.closedOnHolidays && holidays.has(date)) return []
  const day = isoWeekday(date)
  return hours.weekly
    .filter((w) => w.day === day)
    .map((w): [number, number] => [minutesOf(w.open), minutesOf(w.close)])
    .sort((a, b) => a[0] - b[0])
}

/** Open now or not, until when, or from when. Looks two weeks ahead. */
export function openStatus(hours: Hours, now: Date, holidays: ReadonlySet<string>): OpenStatus {
  const today = localDate(now)
  const nowMin = Math.floor((now.getTime() + OFFSET_MS - Date.parse(`${today}T00:00:00Z`)) / 60_000)
  for (const [open, close] of intervalsOn(hours, today, holidays)) {
    if (nowMin >= open && nowMin < close) return { open: true, closesAt: instantOf(today, close).toISOString(), opensAt: null }
  }
  for (let d = 0; d < 15; d++) {
    const date = addDays(today, d)
    const next = intervalsOn(hours, date, holidays).find(([open]) => d > 0 || open > nowMin)
    if (next) return { open: false, closesAt: null, opensAt: instantOf(date, next[0]).toISOString() }
  }
  return { open: false, closesAt: null, opensAt: null }
}

/** Whether [start, end) lies inside one open interval of its (single) day. */
export function withinHours(hours: Hours, start: Date, end: Date, holidays: ReadonlySet<string>): boolean {
  const date = localDate(start)
  const endDate = localDate(new Date(end.getTime() - 1))
  if (date !== endDate) return false
  const midnight = Date.parse(`${date}T00:00:00Z`) - OFFSET_MS
  const s = (start.getTime() - midnight) / 60_000
  const e = (end.getTime() - midnight) / 60_000
  return intervalsOn(hours, date, holidays).some(([open, close]) => s >= open && e <= close)
}
