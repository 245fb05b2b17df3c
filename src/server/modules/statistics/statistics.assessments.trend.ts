// The assessment's trend (考核走势): the node's score and each child's over the last N periods of
// the same kind, each scored on the same scorecard as the ranking (statistics.assessments.ts) from
// the same table the ranking reads, so a point on the line is the score the ranking showed then.
import type { RequestContext } from '../../kernel/context.ts'
import { previousPeriod, scorecardFor, scoreOf } from './statistics.assessments.ts'
import type { StatisticsTable } from './statistics.schemas.ts'
import type { AssessmentTrend } from './statistics.assessments.schemas.ts'

type TableOf = (ctx: RequestContext, q: { orgId?: string; period: string; ledger: 'party' | 'livelihood' }) => Promise<StatisticsTable>

/** The periods ending at `period`, oldest first: `count` months, quarters or years. */
export function periodsBack(period: string, count: number): string[] {
  const out = [period]
  while (out.length < count) out.unshift(previousPeriod(out[0]!))
  return out
}

export function createAssessmentTrend(table: TableOf) {
  /** The score of the node and of each child in one period, from both ledgers' scorecard figures. */
  async function scoresIn(ctx: RequestContext, orgId: string | undefined, period: string) {
    const ledgers = await Promise.all([table(ctx, { orgId, period, ledger: 'party' }), table(ctx, { orgId, period, ledger: 'livelihood' })])
    const card = scorecardFor(ledgers[0].org.kind)
    const codes = new Set(card.map((l) => l.code))
    const figures = new Map<string, StatisticsTable['total']['values']>()
    for (const t of ledgers) {
      for (const r of [...t.rows, t.total]) {
        const into = figures.get(r.orgId) ?? {}
        for (const [code, v] of Object.entries(r.values)) if (codes.has(code)) into[code] = v
        figures.set(r.orgId, into)
      }
    }
    const score = new Map([...figures].map(([id, values]) => [id, scoreOf(card, values).score]))
    return { org: ledgers[0]!.org, total: ledgers[0]!.total, rows: ledgers[0]!.rows, score }
  }

  return async function trend(ctx: RequestContext, q: { orgId?: string; period: string; periods: number }): Promise<AssessmentTrend> {
    const periods = periodsBack(q.period, q.periods)
    // The last period first: it checks the reader and the node, and fixes the children named.
    const last = await scoresIn(ctx, q.orgId, q.period)
    const earlier = []
    for (const p of periods.slice(0, -1)) earlier.push(await scoresIn(ctx, last.org.id, p))
    const all = [...earlier, last]
    const series = (r: { orgId: string; name: string }) => ({ orgId: r.orgId, name: r.name, scores: all.map((s) => s.score.get(r.orgId) ?? null) })
    return { org: last.org, periods, total: series(last.total), rows: last.rows.map(series) }
  }
}
