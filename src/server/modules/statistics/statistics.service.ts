// The statistics table: the sweep keeps the facts per community and month fresh (only the
// community-months a change touched), and a node's table is read from them: one row per child,
// the node's total, every indicator of the ledger asked for. Ratios are summed as numerator and
// denominator and divided last.
import { authorize, LEVEL, requireSignedIn, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { forbidden, unprocessable } from '../../kernel/errors.ts'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { monthAt, monthOf, monthsOf, type IndicatorDef, type IndicatorRegistry, type Ledger } from '../../kernel/indicators.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './statistics.repository.ts'

/** Community-months recomputed per sweep: a backlog drains over several minutes, never stalls one. */
export const REFRESH_BATCH = 500

export interface CellValue {
  value: number | null
  numerator?: number
  denominator?: number
  source: 'computed' | 'manual'
}

export interface TableRow {
  orgId: string
  name: string
  values: Record<string, CellValue>
}

const TABLE_KINDS = new Set(['city', 'district', 'street', 'community', 'village'])

export function presentIndicator(i: IndicatorDef) {
  return {
    code: i.code, name: i.name, ledger: i.ledger, unit: i.unit, kind: i.kind, scale: i.scale ?? 1, time: i.time,
    tree: i.kind === 'ratio' ? 'ratio_of_sums' as const : 'sum' as const, source: i.manual ? 'manual' as const : 'computed' as const, definition: i.definition,
  }
}

function cell(def: IndicatorDef, fact: repo.SummedFact | undefined): CellValue {
  const source = def.manual ? 'manual' : 'computed'
  if (def.manual && !fact) return { value: null, source }
  const numerator = Number(fact?.numerator ?? 0)
  if (def.kind === 'count') return { value: numerator, source }
  const denominator = Number(fact?.denominator ?? 0)
  const value = denominator > 0 ? Math.round((numerator / denominator) * (def.scale ?? 1) * 100) / 100 : null
  return { value, numerator, denominator, source }
}

export function createStatisticsService(deps: { db: Executor; indicators: IndicatorRegistry }) {
  const { db, indicators } = deps

  return {
    dictionary(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      return { items: indicators.all().map(presentIndicator) }
    },

    /** The minute sweep: read the sources' changes into dirty community-months, recompute a batch of them. */
    async refresh(tx: Executor, now: Date, limit = REFRESH_BATCH) {
      await repo.openMonth(tx, monthAt(now))
      let marked = 0
      const to = await repo.readableTo(tx)
      for (const s of indicators.sources()) marked += await repo.readChanges(tx, s, to)
      const batch = await repo.takeDirty(tx, limit)
      const byPeriod = new Map<string, string[]>()
      for (const d of batch) byPeriod.set(d.period, [...(byPeriod.get(d.period) ?? []), d.communityId])
      for (const [period, communities] of byPeriod) {
        for (const def of indicators.all()) await repo.recompute(tx, def, monthOf(period), communities)
      }
      return { marked, recomputed: batch.length }
    },

    async table(ctx: RequestContext, q: { orgId?: string; period: string; ledger: Ledger }) {
      requireSignedIn(ctx.actor)
      const cadreScopes = scopesOf(ctx.actor, LEVEL.cadre)
      const orgId = q.orgId ?? ctx.actor.roles.find((r) => cadreScopes.includes(r.orgPath))?.orgId
      if (!orgId) throw forbidden()
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
      authorize(ctx.actor, 'statistics.read', { orgPath: org.path })
      if (!TABLE_KINDS.has(org.kind)) throw unprocessable('STATISTICS_NODE_KIND')
      const months = monthsOf(q.period)
      if (!months) throw unprocessable('STATISTICS_INVALID', {}, [{ path: 'period', message: 'statistics.period' }])
      const defs = indicators.all().filter((i) => i.ledger === q.ledger)
      const lastCodes = defs.filter((i) => i.time === 'last').map((i) => i.code)
      const children = org.kind === 'community' || org.kind === 'village' ? [] : await repo.childrenOf(db, org.id)
      const facts = await repo.summed(db, [{ id: org.id, path: org.path }, ...children], months, lastCodes)
      const byNode = new Map<string, Map<string, repo.SummedFact>>()
      for (const f of facts) {
        const m = byNode.get(f.nodeId) ?? new Map<string, repo.SummedFact>()
        m.set(f.code, f)
        byNode.set(f.nodeId, m)
      }
      const rowOf = (id: string, name: string): TableRow => ({
        orgId: id, name, values: Object.fromEntries(defs.map((d) => [d.code, cell(d, byNode.get(id)?.get(d.code))])),
      })
      const state = months.length === 1 ? await repo.reportState(db, org.id, q.period) : null
      const fresh = await repo.freshness(db, org.path, months)
      return {
        period: q.period, ledger: q.ledger, months,
        org: { id: org.id, name: org.name, kind: org.kind },
        state: state ?? ('open' as const),
        computedAt: fresh.computedAt, waiting: fresh.waiting,
        indicators: defs.map(presentIndicator),
        rows: children.map((c) => rowOf(c.id, c.name)),
        total: rowOf(org.id, org.name),
      }
    },
  }
}

export type StatisticsService = ReturnType<typeof createStatisticsService>
