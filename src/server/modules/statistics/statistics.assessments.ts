// Assessment (考核): a scorecard of weighted indicators with red/yellow/green cut-offs, applied to
// the children of a node for a period (Beijing's 接诉即办 三率 and the organisation work beside it):
// each child's score, its rank among its siblings and its trend against the period before. Every
// score is traceable: each cell carries the figure (numerator and denominator) it was scored on.
import type { RequestContext } from '../../kernel/context.ts'
import { monthAt, monthOf } from '../../kernel/indicators.ts'
import type { StatisticsTable } from './statistics.schemas.ts'

export interface ScoreLine {
  code: string
  weight: number
  /** Green at or beyond, yellow at or beyond, else red; `better` says which way is beyond. */
  green: number
  yellow: number
  better: 'higher' | 'lower'
}

/** The communities' scorecard, read by their street (weights add up to 100). */
export const SCORECARD: ScoreLine[] = [
  { code: 'cases.on_time_rate', weight: 20, green: 95, yellow: 85, better: 'higher' },
  { code: 'cases.closed_in_community_rate', weight: 10, green: 90, yellow: 80, better: 'higher' },
  { code: 'cases.satisfaction_rate', weight: 10, green: 90, yellow: 80, better: 'higher' },
  { code: 'cases.reopen_rate', weight: 5, green: 5, yellow: 10, better: 'lower' },
  { code: 'orders.response_rate', weight: 10, green: 95, yellow: 85, better: 'higher' },
  { code: 'orders.completion_rate', weight: 10, green: 90, yellow: 80, better: 'higher' },
  { code: 'orders.satisfaction_rate', weight: 5, green: 90, yellow: 80, better: 'higher' },
  { code: 'party_life.required_held_rate', weight: 10, green: 100, yellow: 90, better: 'higher' },
  { code: 'members.target_met_rate', weight: 5, green: 80, yellow: 60, better: 'higher' },
  { code: 'broadcasts.ack_in_day_rate', weight: 5, green: 90, yellow: 70, better: 'higher' },
  { code: 'statistics.reports_on_time', weight: 10, green: 100, yellow: 80, better: 'higher' },
]

/**
 * The streets' and districts' scorecard, read by the level above (weights add up to 100): the
 * 三率 their communities reach, summed up, and the work a level answers for itself: every
 * community's report in and on time, its secretaries' milestones met, organisation life held.
 */
export const LEVEL_SCORECARD: ScoreLine[] = [
  { code: 'cases.on_time_rate', weight: 20, green: 95, yellow: 85, better: 'higher' },
  { code: 'cases.closed_in_community_rate', weight: 10, green: 90, yellow: 80, better: 'higher' },
  { code: 'cases.satisfaction_rate', weight: 10, green: 90, yellow: 80, better: 'higher' },
  { code: 'orders.response_rate', weight: 10, green: 95, yellow: 85, better: 'higher' },
  { code: 'orders.satisfaction_rate', weight: 5, green: 90, yellow: 80, better: 'higher' },
  { code: 'party_life.required_held_rate', weight: 10, green: 100, yellow: 90, better: 'higher' },
  { code: 'statistics.reports_submitted', weight: 10, green: 100, yellow: 90, better: 'higher' },
  { code: 'statistics.reports_on_time', weight: 10, green: 100, yellow: 80, better: 'higher' },
  { code: 'secretary_projects.milestones_on_time', weight: 10, green: 90, yellow: 70, better: 'higher' },
  { code: 'members.target_met_rate', weight: 5, green: 80, yellow: 60, better: 'higher' },
]

/** The scorecard a node's children are judged on: a street judges communities, a district or city judges streets or districts. */
export const scorecardFor = (nodeKind: string): ScoreLine[] => (nodeKind === 'district' || nodeKind === 'city' ? LEVEL_SCORECARD : SCORECARD)

type Color = 'green' | 'yellow' | 'red' | 'none'
type Values = StatisticsTable['total']['values']

/** The period before: the month, quarter or year before it. */
export function previousPeriod(period: string): string {
  if (/^\d{4}$/.test(period)) return String(Number(period) - 1)
  const q = /^(\d{4})-Q([1-4])$/.exec(period)
  if (q) return q[2] === '1' ? `${Number(q[1]) - 1}-Q4` : `${q[1]}-Q${Number(q[2]) - 1}`
  return monthAt(new Date(Date.parse(monthOf(period).from) - 86_400_000))
}

function colorOf(line: ScoreLine, value: number | null): Color {
  if (value === null) return 'none'
  const beyond = (cut: number) => line.better === 'higher' ? value >= cut : value <= cut
  return beyond(line.green) ? 'green' : beyond(line.yellow) ? 'yellow' : 'red'
}

/** Green earns the weight, yellow half, red nothing; lines without data are left out and the score is scaled to 100. */
export function scoreOf(card: ScoreLine[], values: Values) {
  let earned = 0
  let possible = 0
  const cells: Record<string, { value: number | null; numerator?: number; denominator?: number; color: Color; points: number }> = {}
  for (const line of card) {
    const v = values[line.code]
    const color = colorOf(line, v?.value ?? null)
    const points = color === 'green' ? line.weight : color === 'yellow' ? line.weight / 2 : 0
    if (color !== 'none') {
      earned += points
      possible += line.weight
    }
    cells[line.code] = { value: v?.value ?? null, ...(v?.numerator !== undefined ? { numerator: v.numerator, denominator: v.denominator } : {}), color, points }
  }
  return { score: possible > 0 ? Math.round((earned / possible) * 1000) / 10 : null, cells }
}

type TableOf = (ctx: RequestContext, q: { orgId?: string; period: string; ledger: 'party' | 'livelihood' }) => Promise<StatisticsTable>

export function createAssessments(table: TableOf) {
  /** Both ledgers' values of the node and its children, by org id. */
  async function valuesOf(ctx: RequestContext, orgId: string | undefined, period: string) {
    const [party, livelihood] = await Promise.all([table(ctx, { orgId, period, ledger: 'party' }), table(ctx, { orgId, period, ledger: 'livelihood' })])
    const merged = new Map<string, { name: string; values: Values }>()
    for (const r of [...party.rows, party.total, ...livelihood.rows, livelihood.total]) {
      const m = merged.get(r.orgId) ?? { name: r.name, values: {} }
      Object.assign(m.values, r.values)
      merged.set(r.orgId, m)
    }
    return { org: party.org, rows: party.rows.map((r) => r.orgId), merged, indicators: [...party.indicators, ...livelihood.indicators] }
  }

  return {
    async assess(ctx: RequestContext, q: { orgId?: string; period: string }) {
      const now = await valuesOf(ctx, q.orgId, q.period)
      const previous = previousPeriod(q.period)
      const before = await valuesOf(ctx, now.org.id, previous)
      const card = scorecardFor(now.org.kind)
      const scored = (id: string) => {
        const s = scoreOf(card, now.merged.get(id)!.values)
        const p = before.merged.get(id) ? scoreOf(card, before.merged.get(id)!.values).score : null
        return { orgId: id, name: now.merged.get(id)!.name, ...s, previousScore: p, trend: s.score !== null && p !== null ? Math.round((s.score - p) * 10) / 10 : null }
      }
      const rows = now.rows.map(scored)
      const ranked = [...rows].filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!)
      const byName = new Map(now.indicators.map((i) => [i.code, i]))
      return {
        period: q.period, previous, org: now.org,
        scorecard: card.filter((l) => byName.has(l.code)).map((l) => ({ ...l, name: byName.get(l.code)!.name, unit: byName.get(l.code)!.unit })),
        rows: rows.map((r) => ({ ...r, rank: r.score === null ? null : ranked.findIndex((x) => x.score === r.score) + 1 })),
        total: scored(now.org.id),
      }
    },
  }
}
