// Plan periods of a year and their statuses (pure: the dashboard, the rollup of a district and
// the reminder sweep share it). Months are China time; a meeting belongs to the period its start
// falls in.
import { periodsPerYear, type Frequency, type PeriodStatus } from './party_life.kinds.ts'

export interface Period { label: string; from: string; to: string; months: number[] }
/** Counts of a kind's meetings in one month (1–12). */
export interface MonthCounts { held: number; planned: number; cancelled: number }
/** A kind's counts by month: index 1–12 (0 unused). */
export interface KindMonths { held: number[]; planned: number[]; cancelled: number[] }

export const emptyKindMonths = (): KindMonths => ({ held: new Array(13).fill(0), planned: new Array(13).fill(0), cancelled: new Array(13).fill(0) })

const pad = (n: number) => String(n).padStart(2, '0')
const monthStart = (year: number, month: number) => (month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`)

const periodCache = new Map<string, Period[]>()

/** A year's periods of a frequency (shared, not to be changed by callers). */
export function periodsOf(year: number, frequency: Frequency): Period[] {
  const key = `${year}:${frequency}`
  let found = periodCache.get(key)
  if (!found) {
    if (periodCache.size > 200) periodCache.clear()
    periodCache.set(key, (found = makePeriods(year, frequency)))
  }
  return found
}

function makePeriods(year: number, frequency: Frequency): Period[] {
  const n = periodsPerYear[frequency]
  if (n === 0) return []
  const span = 12 / n
  return Array.from({ length: n }, (_, i) => {
    const first = i * span + 1
    const months = Array.from({ length: span }, (_, k) => first + k)
    const label = n === 12 ? `${first}月` : n === 4 ? `第${'一二三四'[i]}季度` : n === 2 ? (i === 0 ? '上半年' : '下半年') : `${year}年`
    return { label, from: monthStart(year, first), to: monthStart(year, first + span), months }
  })
}

/** Today in China time as YYYY-MM-DD. */
export const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

const DAY = 86_400_000
/** A current period with nothing scheduled is "due" when it ends within this many days. */
export const DUE_WITHIN_DAYS = 7

export function statusOf(p: Period, counts: MonthCounts, today: string): PeriodStatus {
  if (counts.held > 0) return 'held'
  if (p.to <= today) return counts.planned + counts.cancelled > 0 ? 'late' : 'missing'
  if (counts.planned > 0) return 'planned'
  if (p.from > today) return 'upcoming'
  return Date.parse(p.to) - Date.parse(today) <= DUE_WITHIN_DAYS * DAY ? 'due' : 'open'
}

export function sumMonths(byMonth: KindMonths | undefined, months: number[]): MonthCounts {
  const c = { held: 0, planned: 0, cancelled: 0 }
  if (!byMonth) return c
  for (const m of months) { c.held += byMonth.held[m]!; c.planned += byMonth.planned[m]!; c.cancelled += byMonth.cancelled[m]! }
  return c
}

/** Periods over (or held early) so far, held, late and missing of one kind in a year. */
export function tally(year: number, frequency: Frequency, byMonth: KindMonths | undefined, today: string) {
  const periods = periodsOf(year, frequency).map((p) => ({ ...p, status: statusOf(p, sumMonths(byMonth, p.months), today) }))
  const over = periods.filter((p) => p.to <= today)
  return {
    periods,
    required: periods.length,
    dueSoFar: over.length,
    held: periods.filter((p) => p.status === 'held').length,
    late: periods.filter((p) => p.status === 'late').length,
    missing: periods.filter((p) => p.status === 'missing').length,
  }
}

/** The tally's counts alone, without the periods (a district's rollup adds up thousands of these). */
export function tallyCounts(year: number, frequency: Frequency, byMonth: KindMonths | undefined, today: string) {
  const t = { dueSoFar: 0, held: 0, late: 0, missing: 0 }
  for (const p of periodsOf(year, frequency)) {
    const over = p.to <= today
    const status = statusOf(p, sumMonths(byMonth, p.months), today)
    if (over) t.dueSoFar++
    if (status === 'held' && over) t.held++
    else if (status === 'late') t.late++
    else if (status === 'missing') t.missing++
  }
  return t
}
