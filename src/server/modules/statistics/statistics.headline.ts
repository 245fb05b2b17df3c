// A node's headline figures for its wall screen (智慧屏, the screens module): each chosen
// indicator's value this month and last month and the change between them, read from the same
// facts as the table (pre-aggregated per community and month, kept fresh by the minute sweep),
// ratios summed as numerator and denominator before dividing. For a caller that has already
// settled which node it shows (a screen's token opens its own node only): no actor is asked.
// Nodes the table has no rows for (a grid, a building) have no headline: their community's
// figures would be another node's.
import type { Executor } from '../../kernel/db/client.ts'
import { monthAt, type IndicatorDef, type IndicatorRegistry } from '../../kernel/indicators.ts'
import { previousPeriod } from './statistics.assessments.ts'
import * as repo from './statistics.repository.ts'

const TABLE_KINDS = new Set(['city', 'district', 'street', 'community', 'village'])

export interface HeadlineFigure {
  code: string
  name: string
  unit: string
  kind: 'count' | 'ratio'
  /** This month so far; null for a ratio without a denominator or a manual figure not typed. */
  value: number | null
  /** Last month. */
  previous: number | null
  /** value − previous (points of a percentage for a ratio); null when either is missing. */
  change: number | null
}

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places

function valueOf(def: IndicatorDef, facts: repo.SummedFact[]): number | null {
  const f = facts.find((x) => x.code === def.code)
  if (!f) return def.manual ? null : def.kind === 'ratio' ? null : 0
  if (def.kind === 'count') return round(Number(f.numerator), 1)
  const d = Number(f.denominator ?? 0)
  return d > 0 ? round((Number(f.numerator) / d) * (def.scale ?? 1), 1) : null
}

export function createHeadline(deps: { db: Executor; indicators: IndicatorRegistry }) {
  const { db, indicators } = deps
  return async function headline(node: { id: string; path: string; kind: string }, codes: string[], now: Date): Promise<HeadlineFigure[]> {
    if (!TABLE_KINDS.has(node.kind)) return []
    const defs = codes.map((c) => indicators.get(c)).filter((d): d is IndicatorDef => d !== undefined)
    if (defs.length === 0) return []
    const month = monthAt(now)
    const last = defs.filter((d) => d.time === 'last').map((d) => d.code)
    const [current, before] = [await repo.summed(db, [node], [month], last), await repo.summed(db, [node], [previousPeriod(month)], last)]
    return defs.map((d) => {
      const value = valueOf(d, current)
      const previous = valueOf(d, before)
      return { code: d.code, name: d.name.zh, unit: d.unit.zh, kind: d.kind, value, previous, change: value !== null && previous !== null ? round(value - previous, 1) : null }
    })
  }
}
