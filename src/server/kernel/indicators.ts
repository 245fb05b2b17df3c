// The indicators of the statistics table (统计一套表). The module that owns the records owns the
// indicator: its `<module>.indicators.ts` exports each definition with the SQL that computes it
// per community and month (naming only its own tables and the relations other modules export),
// and the SQL that lists the community-months its records changed in. The statistics module reads
// figures only through these; it never names another module's tables. A ratio keeps numerator
// and denominator apart so that it is summed up the tree and over months before it is divided:
// never an average of ratios.
import { sql, type SQL } from 'drizzle-orm'

export type Ledger = 'party' | 'livelihood'
type W = { zh: string; en: string }

/** A month of China time: its label and its bounds as timestamptz literals. */
export interface Month {
  period: string
  from: string
  to: string
}

export interface IndicatorDef {
  /** `cases.on_time_rate`: the owner's name first. */
  code: string
  name: W
  ledger: Ledger
  unit: W
  /** `count`: a figure; `ratio`: numerator / denominator (× `scale`, 100 for a percentage). */
  kind: 'count' | 'ratio'
  scale?: number
  /** Over the months of a quarter or year: summed, or the last month's (a stock such as "grids"). */
  time: 'sum' | 'last'
  /** What is counted, in words a cadre checks the figure against. */
  definition: W
  /**
   * Rows `(community_id text, numerator numeric, denominator numeric|null)` for the month, one per
   * community that has a figure (a community without a row has 0); `communities` narrows to those
   * ids when given (a comma-separated list for `string_to_array`).
   */
  compute?(month: Month, communities: string | null): SQL
  /** Typed by the community each period (no record holds it). */
  manual?: boolean
}

export interface IndicatorSource {
  /** The owning module; also the key of its watermark. */
  source: string
  indicators: IndicatorDef[]
  /**
   * Rows `(community_id text, period text)` of the community-months whose records were written
   * in (from, to] (timestamptz literals; `from` may be '-infinity').
   */
  changes?(from: string, to: string): SQL
}

export interface IndicatorRegistry {
  register(source: IndicatorSource): void
  sources(): IndicatorSource[]
  all(): IndicatorDef[]
  get(code: string): IndicatorDef | undefined
}

/** One registry per application (tests start several apps in one process). */
export function createIndicatorRegistry(): IndicatorRegistry {
  const sources = new Map<string, IndicatorSource>()
  const byCode = new Map<string, IndicatorDef>()
  return {
    register(s) {
      if (sources.has(s.source)) throw new Error(`indicator source ${s.source} registered twice`)
      for (const i of s.indicators) {
        if (byCode.has(i.code)) throw new Error(`indicator ${i.code} registered twice`)
        if (!i.code.startsWith(`${s.source}.`)) throw new Error(`indicator ${i.code} does not start with its owner ${s.source}`)
        byCode.set(i.code, i)
      }
      sources.set(s.source, s)
    },
    sources: () => [...sources.values()],
    all: () => [...byCode.values()],
    get: (code) => byCode.get(code),
  }
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const QUARTER = /^(\d{4})-Q([1-4])$/
const YEAR = /^(\d{4})$/

/** The month `period` ('2026-11') in China time. */
export function monthOf(period: string): Month {
  const m = MONTH.exec(period)
  if (!m) throw new Error(`not a month: ${period}`)
  const y = Number(m[1])
  const mo = Number(m[2])
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
  return { period, from: `${period}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00` }
}

/** The months of a period: '2026-11', '2026-Q4' or '2026'; null when it is none of these. */
export function monthsOf(period: string): string[] | null {
  if (MONTH.test(period)) return [period]
  const q = QUARTER.exec(period)
  if (q) return [0, 1, 2].map((i) => `${q[1]}-${String((Number(q[2]) - 1) * 3 + i + 1).padStart(2, '0')}`)
  const y = YEAR.exec(period)
  if (y) return Array.from({ length: 12 }, (_, i) => `${y[1]}-${String(i + 1).padStart(2, '0')}`)
  return null
}

/** The month (China time) a moment falls in. */
export function monthAt(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3_600_000)
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`
}

/** SQL for the China-time month of a timestamptz expression, as `changes` lists it. */
export const MONTH_OF_SQL = (expr: string) => `to_char(${expr} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`


/** `CROSS JOIN LATERAL … AS m(period)`: one row per month the given timestamptz columns of `x` fall in (nulls included: filter `m.period IS NOT NULL`). */
export const touchedMonths = (...columns: string[]): SQL => sql.raw(`CROSS JOIN LATERAL unnest(ARRAY[${columns.map(MONTH_OF_SQL).join(', ')}]) AS m(period)`)

/** `AND <column> = ANY(…)` narrowing a compute to the communities asked for, or nothing. */
export const onlyCommunities = (column: string, communities: string | null): SQL =>
  communities === null ? sql`` : sql`AND ${sql.raw(column)} = ANY(string_to_array(${communities}, ',')::bigint[])`

/** The bounds condition of a month on a timestamptz column of `x`. */
export const inMonth = (column: string, m: Month): SQL => sql`x.${sql.raw(column)} >= ${m.from}::timestamptz AND x.${sql.raw(column)} < ${m.to}::timestamptz`
