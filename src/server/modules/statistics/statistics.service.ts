// The statistics table: the sweep keeps the facts per community and month fresh (only the
// community-months a change touched), and a node's table is read from them: one row per child,
// the node's total, every indicator of the ledger asked for. Ratios are summed as numerator and
// denominator and divided last.
import { authorize, LEVEL, requireSignedIn, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { forbidden, unprocessable } from '../../kernel/errors.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { primaryReads, type ReadRouter } from '../../kernel/db/replicas.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { monthAt, monthOf, monthsOf, type IndicatorDef, type IndicatorRegistry, type Ledger } from '../../kernel/indicators.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './statistics.repository.ts'
import { createReportsService, sumFigures } from './statistics.reports.ts'
import { createAssessments } from './statistics.assessments.ts'
import { createHeadline } from './statistics.headline.ts'
import type { Figures, Pair } from './statistics.reports.repository.ts'
import { reportsOf } from './statistics.reports.repository.ts'
import { isBreakdownKey, partLabels, presentBreakdowns, recomputeParts, summedParts } from './statistics.breakdowns.ts'
import { BREAKDOWNS } from '../../kernel/indicators.ts'

/**
 * The most community-months recomputed in one batch (one month's). A batch costs about one query per
 * indicator and its breakdowns whatever its size, plus a share per community: at city scale (150
 * communities a month at LINLI_CITY_SCALE=0.1) a batch of a whole month took 14 s, over the budget
 * below, so batches start at this size and the next is sized to the time left at the last one's pace.
 */
export const REFRESH_BATCH = 50
/**
 * The first batch of a sweep, before its pace is known: the first sweep after a bulk load has every
 * community-month of the history to recompute, and a batch of `REFRESH_BATCH` at the bench city took
 * about the whole budget on its own, so the sweep ran past 5 s; a small first batch measures the pace
 * and the next ones are sized to the time left (up to `REFRESH_BATCH`).
 */
export const REFRESH_FIRST_BATCH = 10
/**
 * How long one sweep keeps recomputing before it leaves the rest to the next minute: its share of
 * the sweep's 5 s (issue 19 §1). At the bench city the other 19 jobs take 1.5–2.5 s a minute once
 * set-based, so 3 s here made the sweep 5.6 s; the catch-up after a bulk change takes a third more
 * minutes instead.
 */
export const REFRESH_BUDGET_MS = 2000

export interface CellValue {
  value: number | null
  numerator?: number
  denominator?: number
  source: 'computed' | 'manual'
  live?: Omit<CellValue, 'source' | 'live' | 'parts'>
  /** With `breakdown`: the figure's parts by `<key>:<part>`, from the current facts. */
  parts?: Record<string, Omit<CellValue, 'source' | 'live' | 'parts'>>
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

function figure(def: IndicatorDef, pair: Pair | undefined): Omit<CellValue, 'source'> {
  if (def.manual && !pair) return { value: null }
  const numerator = pair?.[0] ?? 0
  if (def.kind === 'count') return { value: numerator }
  const denominator = pair?.[1] ?? 0
  const value = denominator > 0 ? Math.round((numerator / denominator) * (def.scale ?? 1) * 100) / 100 : null
  return { value, numerator, denominator }
}

/** A cell; beside a frozen figure, what the records give now when that moved since. */
function cell(def: IndicatorDef, shown: Pair | undefined, live: Pair | undefined, frozen: boolean): CellValue {
  const c: CellValue = { ...figure(def, shown), source: def.manual ? 'manual' : 'computed' }
  if (frozen && (shown?.[0] ?? 0) !== (live?.[0] ?? 0) || frozen && (shown?.[1] ?? 0) !== (live?.[1] ?? 0)) c.live = figure(def, live)
  return c
}

const pairsOf = (facts: repo.SummedFact[], nodeId: string): Figures =>
  Object.fromEntries(facts.filter((f) => f.nodeId === nodeId).map((f) => [f.code, [Number(f.numerator), f.denominator === null ? null : Number(f.denominator)] as Pair]))

export function createStatisticsService(deps: { db: Executor; reads?: ReadRouter; indicators: IndicatorRegistry }) {
  const { db, indicators } = deps
  const reads = deps.reads ?? primaryReads(db)
  const reports = createReportsService({ db, indicators })

  const service = {
    reports,
    headline: createHeadline({ db, indicators }),

    dictionary(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      return { items: indicators.all().map((i) => ({ ...presentIndicator(i), breakdowns: presentBreakdowns(i) })) }
    },

    /**
     * The minute sweep: read the sources' changes into dirty community-months, then recompute them
     * a month at a time, newest month first, up to `limit` communities per month (the first batch
     * `REFRESH_FIRST_BATCH`), until `budgetMs` has passed (at least one batch per sweep). A backlog (a new database's history) drains over
     * the following minutes instead of holding one long transaction (PGlite has one connection).
     */
    async refresh(tx: Executor, now: Date, limit = REFRESH_BATCH, budgetMs = REFRESH_BUDGET_MS) {
      const started = Date.now()
      await repo.openMonth(tx, monthAt(now))
      let marked = 0
      const to = await repo.readableTo(tx)
      for (const s of indicators.sources()) marked += await repo.readChanges(tx, s, to)
      let recomputed = 0
      let size = Math.min(limit, REFRESH_FIRST_BATCH)
      do {
        const began = Date.now()
        const batch = await repo.takeDirty(tx, size)
        if (batch.length === 0) break
        for (const def of indicators.all()) {
          await repo.recompute(tx, def, monthOf(batch[0]!.period), batch.map((d) => d.communityId))
          await recomputeParts(tx, def, monthOf(batch[0]!.period), batch.map((d) => d.communityId))
        }
        recomputed += batch.length
        // The next batch: as many as the time left allows at this one's pace (at least one, at most `limit`).
        const left = budgetMs - (Date.now() - started)
        size = Math.max(1, Math.min(limit, Math.floor((batch.length * left) / Math.max(1, Date.now() - began))))
      } while (Date.now() - started < budgetMs)
      return { marked, recomputed }
    },

    /** The table read through `ex` (`table` reads it where lag is tolerated: a replica when fresh enough). */
    async tableWith(db: Executor, ctx: RequestContext, q: { orgId?: string; period: string; ledger: Ledger; breakdown?: string }) {
      requireSignedIn(ctx.actor)
      const cadreScopes = scopesOf(ctx.actor, LEVEL.cadre)
      const orgId = q.orgId ?? ctx.actor.roles.find((r) => cadreScopes.includes(r.orgPath))?.orgId
      if (!orgId) throw forbidden()
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
      authorize(ctx.actor, 'statistics.read', { orgPath: org.path })
      if (!TABLE_KINDS.has(org.kind)) throw unprocessable('STATISTICS_NODE_KIND')
      const months = monthsOf(q.period)
      if (!months) throw unprocessable('STATISTICS_INVALID', {}, [{ path: 'period', message: 'statistics.period' }])
      const key = q.breakdown
      if (key !== undefined && !isBreakdownKey(key)) throw unprocessable('STATISTICS_INVALID', {}, [{ path: 'breakdown', message: 'statistics.breakdown' }])
      const defs = indicators.all().filter((i) => i.ledger === q.ledger)
      const lastCodes = defs.filter((i) => i.time === 'last').map((i) => i.code)
      const children = org.kind === 'community' || org.kind === 'village' ? [] : await repo.childrenOf(db, org.id)
      const month = months.length === 1 ? q.period : null
      // The reads after the children are independent: sent at once, a pool answers them side by side.
      const split = key ? defs.filter((d) => d.breakdowns?.[key]) : []
      const [facts, reported, fresh, lock, parts, labels] = await Promise.all([
        repo.summed(db, [{ id: org.id, path: org.path }, ...children], months, lastCodes),
        month ? reportsOf(db, [org.id, ...children.map((c) => c.id)], month) : new Map<string, never>(),
        repo.freshness(db, org.path, months),
        month ? reports.lockOf(db, org, month) : null,
        key ? summedParts(db, [{ id: org.id, path: org.path }, ...children], months, lastCodes, split.map((d) => d.code), key) : [],
        key ? partLabels(db, split, key) : {},
      ])
      const live = new Map([org, ...children].map((n) => [n.id, pairsOf(facts, n.id)]))
      // A month with reports shows their frozen figures: the node's own snapshot (rows and total),
      // else each reported child's; the total is then the sum of the rows shown.
      const own = reported.get(org.id)
      const shown = new Map<string, Figures>()
      const frozen: string[] = []
      for (const c of children) {
        const snap = own ? own.snapshot.rows[c.id] : reported.get(c.id)?.snapshot.total
        if (snap) frozen.push(c.id)
        shown.set(c.id, snap ?? live.get(c.id)!)
      }
      if (own) frozen.push(org.id)
      shown.set(org.id, own ? own.snapshot.total : frozen.length && children.length ? sumFigures(children.map((c) => shown.get(c.id)!)) : live.get(org.id)!)
      const partsOf = (id: string, d: IndicatorDef) => Object.fromEntries(parts.filter((p) => p.nodeId === id && p.code === d.code)
        .map((p) => [p.breakdown, figure(d, [Number(p.numerator), p.denominator === null ? null : Number(p.denominator)])]))
      const rowOf = (id: string, name: string): TableRow => ({
        orgId: id, name,
        values: Object.fromEntries(defs.map((d) => {
          const c = cell(d, shown.get(id)![d.code], live.get(id)![d.code], frozen.includes(id) || (id === org.id && frozen.length > 0))
          return [d.code, split.includes(d) ? { ...c, parts: partsOf(id, d) } : c]
        })),
      })
      return {
        period: q.period, ledger: q.ledger, months,
        org: { id: org.id, name: org.name, kind: org.kind },
        state: own?.state ?? ('open' as const),
        lock,
        frozen,
        computedAt: fresh.computedAt, waiting: fresh.waiting,
        indicators: defs.map(presentIndicator),
        rows: children.map((c) => rowOf(c.id, c.name)),
        total: rowOf(org.id, org.name),
        ...(key ? { breakdown: { key, name: BREAKDOWNS[key].name, definition: BREAKDOWNS[key].definition, codes: split.map((d) => d.code), labels } } : {}),
      }
    },
  }
  const table = (ctx: RequestContext, q: Parameters<typeof service.tableWith>[2]) => reads.run(ctx, (ex) => service.tableWith(ex, ctx, q))
  return { ...service, table, assessments: createAssessments(table) }
}

export type StatisticsService = ReturnType<typeof createStatisticsService>
