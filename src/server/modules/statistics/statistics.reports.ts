// Bottom-up reporting of the statistics table (DHIS2's data approval): a community submits its
// month (manual fields filled, computed figures recomputed and confirmed), its street approves
// once every community has submitted, the district (or city) accepts once every street has
// approved. Each step freezes a snapshot; a frozen node is locked, and says why; a lock exception
// is granted from the level above, is time-limited, has a reason and is audited.
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { conflict, unprocessable } from '../../kernel/errors.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { allOn, inTransaction } from '../../kernel/db/transaction.ts'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { monthOf, type IndicatorRegistry } from '../../kernel/indicators.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './statistics.repository.ts'
import * as reports from './statistics.reports.repository.ts'
import { ON_TIME_DAYS } from './statistics.indicators.ts'
import { lockWords } from './statistics.messages.ts'

/** A month stays open for a first submission this many months after it ended; later it is closed. */
export const CLOSE_AFTER_MONTHS = 3
const COMMUNITY = new Set(['community', 'village'])
const APPROVER = new Set(['street', 'district', 'city'])

export type LockReason = 'submitted' | 'approved' | 'accepted' | 'period_closed'
export interface Lock {
  reason: LockReason
  /** The node whose report locks this one (itself, or the level above that approved it). */
  by: { orgId: string; name: string } | null
  actedBy: { id: string; name: string } | null
  at: string | null
  message: string
  /** An exception open until then: the node may report again. */
  unlockedUntil: string | null
}

const monthEnded = (period: string, now = Date.now()) => Date.parse(monthOf(period).to) <= now
function monthClosed(period: string, now = Date.now()): boolean {
  const [y, m] = period.split('-').map(Number) as [number, number]
  const close = new Date(Date.UTC(y, m - 1 + 1 + CLOSE_AFTER_MONTHS, 1) - 8 * 3_600_000)
  return close.getTime() <= now
}

const sumFigures = (sets: reports.Figures[]): reports.Figures => {
  const total: reports.Figures = {}
  for (const s of sets) {
    for (const [code, [n, d]] of Object.entries(s)) {
      const t = total[code] ?? [0, null]
      total[code] = [t[0] + n, d === null ? t[1] : (t[1] ?? 0) + d]
    }
  }
  return total
}
export { sumFigures }

export function createReportsService(deps: { db: Executor; indicators: IndicatorRegistry }) {
  const { db, indicators } = deps

  /** Every indicator of a node for a month, both ledgers, as summed from the facts now. */
  async function figuresOf(ex: Executor, node: { id: string; path: string }, period: string): Promise<reports.Figures> {
    const lastCodes = indicators.all().filter((i) => i.time === 'last').map((i) => i.code)
    const facts = await repo.summed(ex, [node], [period], lastCodes)
    return Object.fromEntries(facts.map((f) => [f.code, [Number(f.numerator), f.denominator === null ? null : Number(f.denominator)] as reports.Pair]))
  }

  /** Why a node's month cannot be reported now, or null: the level above's approval first, then its own report, then the calendar. */
  async function lockOf(ex: Executor, node: { id: string; name: string }, period: string): Promise<Lock | null> {
    // Independent reads at once on a pool (side by side), one after the other in a transaction.
    const [unlock, own, parent] = await allOn(ex, [
      () => reports.activeUnlock(ex, node.id, period),
      async () => (await reports.reportsOf(ex, [node.id], period)).get(node.id),
      () => reports.parentOf(ex, node.id),
    ])
    const words = (reason: LockReason, by: string, who: string | null, at: string | null) => lockWords(reason, { node: by, who: who ?? '', at: at ? at.slice(0, 16) : '' })
    const above = parent ? (await reports.reportsOf(ex, [parent.id], period)).get(parent.id) : undefined
    if (parent && above) {
      return { reason: above.state, by: { orgId: parent.id, name: parent.name }, actedBy: { id: above.actedBy, name: above.actedByName }, at: above.actedAt,
        message: words(above.state, parent.name, above.actedByName, above.actedAt), unlockedUntil: null }
    }
    if (own) {
      return { reason: own.state, by: { orgId: node.id, name: node.name }, actedBy: { id: own.actedBy, name: own.actedByName }, at: own.actedAt,
        message: words(own.state, node.name, own.actedByName, own.actedAt), unlockedUntil: unlock?.until ?? null }
    }
    if (monthClosed(period)) return { reason: 'period_closed', by: null, actedBy: null, at: null, message: words('period_closed', node.name, null, null), unlockedUntil: unlock?.until ?? null }
    return null
  }

  async function nodeFor(ctx: RequestContext, orgId: string, permission: string) {
    const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
    authorize(ctx.actor, permission, { orgPath: org.path })
    return org
  }

  function assertEnded(period: string) {
    if (!monthEnded(period)) throw unprocessable('STATISTICS_PERIOD_OPEN', { period })
  }

  return {
    figuresOf,
    lockOf,

    /** A community's month: manual figures saved, every figure recomputed now and frozen. */
    async submit(ctx: RequestContext, input: { orgId: string; period: string; manual: Record<string, number> }) {
      requireSignedIn(ctx.actor)
      const org = await nodeFor(ctx, input.orgId, 'statistics.report')
      if (!COMMUNITY.has(org.kind)) throw unprocessable('STATISTICS_NOT_COMMUNITY')
      assertEnded(input.period)
      const manualDefs = indicators.all().filter((i) => i.manual)
      const details = [
        ...Object.keys(input.manual).filter((code) => !manualDefs.some((d) => d.code === code)).map((code) => ({ path: `manual.${code}`, message: 'statistics.manualUnknown' })),
        ...manualDefs.filter((d) => input.manual[d.code] === undefined).map((d) => ({ path: `manual.${d.code}`, message: 'statistics.manualMissing' })),
      ]
      if (details.length) throw unprocessable('STATISTICS_INVALID', {}, details)
      return inTransaction(db, async (tx) => {
        await reports.lockReport(tx, org.id, input.period)
        const lock = await lockOf(tx, org, input.period)
        if (lock && !(lock.unlockedUntil && lock.by?.orgId === org.id) && !(lock.reason === 'period_closed' && lock.unlockedUntil)) throw conflict('STATISTICS_LOCKED', { reason: lock.message })
        await reports.saveManual(tx, org.id, input.period, input.manual, ctx.actor.personId!)
        await reports.saveReport(tx, { orgId: org.id, period: input.period, state: 'submitted', snapshot: { total: {}, rows: {} }, actedBy: ctx.actor.personId! })
        // Confirmed figures are this moment's: recomputed here, not whatever the sweep last left.
        for (const def of indicators.all()) await repo.recompute(tx, def, monthOf(input.period), [org.id])
        const total = await figuresOf(tx, org, input.period)
        await reports.saveReport(tx, { orgId: org.id, period: input.period, state: 'submitted', snapshot: { total, rows: {} }, actedBy: ctx.actor.personId! })
        await reports.closeUnlocks(tx, org.id, input.period)
        await recordAudit(tx, ctx, { action: 'statistics.submit', entity: 'statistic_report', entityId: org.id, orgPath: org.path, after: { period: input.period, manual: input.manual } })
        return overview(tx, org, input.period)
      })
    },

    /** A street approves (every community submitted), a district or city accepts (every street approved). */
    async approve(ctx: RequestContext, input: { orgId: string; period: string }) {
      requireSignedIn(ctx.actor)
      const org = await nodeFor(ctx, input.orgId, 'statistics.approve')
      if (!APPROVER.has(org.kind)) throw unprocessable('STATISTICS_NOT_APPROVER')
      assertEnded(input.period)
      const state = org.kind === 'street' ? 'approved' as const : 'accepted' as const
      return inTransaction(db, async (tx) => {
        await reports.lockReport(tx, org.id, input.period)
        const lock = await lockOf(tx, org, input.period)
        if (lock && lock.reason !== 'period_closed' && !(lock.unlockedUntil && lock.by?.orgId === org.id)) throw conflict('STATISTICS_LOCKED', { reason: lock.message })
        const children = await repo.childrenOf(tx, org.id)
        const below = await reports.reportsOf(tx, children.map((c) => c.id), input.period)
        const ready = (c: repo.NodeRow) => {
          const r = below.get(c.id)
          return r !== undefined && (COMMUNITY.has(c.kind) || r.state !== 'submitted')
        }
        const waiting = children.filter((c) => !ready(c))
        if (waiting.length) throw conflict('STATISTICS_WAITING', { count: waiting.length, names: waiting.map((c) => c.name).join('、') })
        const rows = Object.fromEntries(children.map((c) => [c.id, below.get(c.id)!.snapshot.total]))
        await reports.saveReport(tx, { orgId: org.id, period: input.period, state, snapshot: { total: sumFigures(Object.values(rows)), rows }, actedBy: ctx.actor.personId! })
        await reports.closeUnlocks(tx, org.id, input.period)
        await recordAudit(tx, ctx, { action: state === 'approved' ? 'statistics.approve' : 'statistics.accept', entity: 'statistic_report', entityId: org.id, orgPath: org.path, after: { period: input.period } })
        return overview(tx, org, input.period)
      })
    },

    /** The level above opens a locked month for a while, with a reason (audited). */
    async unlock(ctx: RequestContext, input: { orgId: string; period: string; reason: string; hours: number }) {
      requireSignedIn(ctx.actor)
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: input.orgId })
      const parent = await reports.parentOf(db, org.id)
      authorize(ctx.actor, 'statistics.unlock', { orgPath: parent?.path ?? org.path, top: parent === undefined })
      return inTransaction(db, async (tx) => {
        await reports.lockReport(tx, org.id, input.period)
        const lock = await lockOf(tx, org, input.period)
        if (!lock) throw conflict('STATISTICS_NOT_LOCKED')
        if (lock.by && lock.by.orgId !== org.id) throw conflict('STATISTICS_PARENT_LOCKED', { node: lock.by.name })
        const u = await reports.insertUnlock(tx, { orgId: org.id, period: input.period, reason: input.reason.trim(), hours: input.hours, by: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'statistics.unlock', entity: 'statistic_report', entityId: org.id, orgPath: org.path, after: { period: input.period, reason: u.reason, until: u.until, lock: lock.reason } })
        return { id: u.id, orgId: org.id, period: input.period, reason: u.reason, until: u.until, grantedBy: { id: u.grantedBy, name: u.grantedByName }, grantedAt: u.grantedAt }
      })
    },

    /** The approval page: the node's state and lock, each child's report, who is still waiting. */
    async overview(ctx: RequestContext, q: { orgId: string; period: string }) {
      requireSignedIn(ctx.actor)
      const org = await nodeFor(ctx, q.orgId, 'statistics.read')
      return overview(db, org, q.period)
    },
  }

  async function overview(ex: Executor, org: OrgAccessSubject, period: string) {
    const children = COMMUNITY.has(org.kind) ? [] : await repo.childrenOf(ex, org.id)
    const all = await reports.reportsOf(ex, [org.id, ...children.map((c) => c.id)], period)
    const own = all.get(org.id)
    const deadline = Date.parse(monthOf(period).to) + ON_TIME_DAYS * 86_400_000
    const present = (r: reports.ReportRow | undefined) => r ? { state: r.state, actedBy: { id: r.actedBy, name: r.actedByName }, actedAt: r.actedAt, onTime: Date.parse(r.actedAt) < deadline } : { state: 'open' as const, actedBy: null, actedAt: null, onTime: null }
    const childReady = (c: repo.NodeRow) => {
      const r = all.get(c.id)
      return r !== undefined && (COMMUNITY.has(c.kind) || r.state !== 'submitted')
    }
    const manual = COMMUNITY.has(org.kind) ? await reports.manualOf(ex, org.id, period) : []
    return {
      org: { id: org.id, name: org.name, kind: org.kind }, period, ...present(own),
      lock: await lockOf(ex, org, period),
      ended: monthEnded(period),
      children: children.map((c) => ({ orgId: c.id, name: c.name, kind: c.kind, ...present(all.get(c.id)) })),
      waiting: children.filter((c) => !childReady(c)).map((c) => ({ orgId: c.id, name: c.name })),
      manual: manual.map((m) => ({ code: m.code, value: m.value, enteredBy: { id: m.enteredBy, name: m.enteredByName }, enteredAt: m.enteredAt })),
      unlocks: (await reports.unlocksOf(ex, [org.id], period)).map((u) => ({ id: u.id, reason: u.reason, until: u.until, grantedBy: { id: u.grantedBy, name: u.grantedByName }, grantedAt: u.grantedAt })),
    }
  }
}

export type ReportsService = ReturnType<typeof createReportsService>
