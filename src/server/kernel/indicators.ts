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
  /** The breakdowns the indicator supports, each with its own SQL beside `compute`. */
  breakdowns?: Partial<Record<BreakdownKey, BreakdownDef>>
}

/** The breakdowns a figure may be split by (issue 18): who (gender, age band, member kind) or what (category). */
export const breakdownKeys = ['gender', 'ageBand', 'memberKind', 'category'] as const
export type BreakdownKey = (typeof breakdownKeys)[number]

export interface BreakdownDef {
  /**
   * Rows `(community_id text, part text, numerator numeric, denominator numeric|null)`: like
   * `compute`, one per community and part (`female`, `60-69`); a record the part is unknown for
   * counts under `unknown`, so a sum indicator's parts add up to its total.
   */
  compute(month: Month, communities: string | null): SQL
  /** What the parts are, in words (the shared labels of the key are used when absent). */
  definition?: W
  /** Labels of the parts when the key's shared ones do not cover them (categories). */
  labels?: Record<string, W>
  /** Rows `(part text, zh text, en text)` naming parts known only to the owner's records. */
  labelsSql?: SQL
}

const UNKNOWN = { zh: '未登记', en: 'Not recorded' }

/** The breakdown keys: their names, what they split by, and their shared part labels. */
export const BREAKDOWNS: Record<BreakdownKey, { name: W; definition: W; labels: Record<string, W> }> = {
  gender: { name: { zh: '按性别', en: 'By gender' }, definition: { zh: '按居民档案登记的性别分组；未建档或未登记性别的计入“未登记”', en: 'By the gender in the resident record; people without one count as not recorded' },
    labels: { female: { zh: '女', en: 'Female' }, male: { zh: '男', en: 'Male' }, unknown: UNKNOWN } },
  ageBand: { name: { zh: '按年龄段', en: 'By age band' }, definition: { zh: '按居民档案的出生年份计算当年年龄，每十岁一段；未登记出生年份的计入“未登记”', en: 'By the age reached in the period’s year from the birth year in the resident record, ten years a band' },
    labels: { '0-29': { zh: '30 岁以下', en: 'Under 30' }, '30-39': { zh: '30–39 岁', en: '30–39' }, '40-49': { zh: '40–49 岁', en: '40–49' }, '50-59': { zh: '50–59 岁', en: '50–59' },
      '60-69': { zh: '60–69 岁', en: '60–69' }, '70-79': { zh: '70–79 岁', en: '70–79' }, '80+': { zh: '80 岁及以上', en: '80 and over' }, unknown: UNKNOWN } },
  memberKind: { name: { zh: '按党员类型', en: 'By member kind' }, definition: { zh: '按党员档案登记的党员类型分组', en: 'By the kind in the Party member record' },
    labels: { in_service: { zh: '在职党员', en: 'In service' }, regular: { zh: '普通党员', en: 'Regular' }, retired: { zh: '离退休党员', en: 'Retired' }, gig_worker: { zh: '新就业群体', en: 'Gig worker' }, flowing: { zh: '流动党员', en: 'Flowing' }, unknown: UNKNOWN } },
  category: { name: { zh: '按类别', en: 'By category' }, definition: { zh: '按记录所属的类别（事件大类、服务清单等）分组', en: 'By the category of the record (case category, service list…)' }, labels: { unknown: UNKNOWN } },
}

/** SQL of a gender part from a nullable gender column. */
export const genderPart = (column: string): SQL => sql.raw(`coalesce(${column}, 'unknown')`)

/** SQL of an age-band part from a nullable birth-year column, the age reached in the month's year. */
export const ageBandPart = (birthYear: string, m: Month): SQL => {
  const age = `(${Number(m.period.slice(0, 4))} - ${birthYear})`
  return sql.raw(`CASE WHEN ${birthYear} IS NULL THEN 'unknown' WHEN ${age} < 30 THEN '0-29' WHEN ${age} >= 80 THEN '80+'
    ELSE (${age} / 10 * 10)::text || '-' || (${age} / 10 * 10 + 9)::text END`)
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
