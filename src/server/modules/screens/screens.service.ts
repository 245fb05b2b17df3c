// 智慧屏 (wall screens): cadres make a link for a TV in a service centre, one per screen and node,
// shown once and revocable. The link is not a login: it opens the feed of its node only, made of
// counts and times read through the owners' relations (cases, volunteers, venues) and the orders
// module's figures, never a person's name. The figures of service orders come from the orders
// service, asked as a read-only staff member of exactly that node (an actor that exists only for
// that call and holds no other role).
import type { Executor } from '../../kernel/db/client.ts'
import type { Actor, RequestContext } from '../../kernel/context.ts'
import { requireSignedIn, scopeParam, scopesOf, LEVEL } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import type { IndicatorRegistry } from '../../kernel/indicators.ts'
import type { HeadlineFigure } from '../statistics/statistics.headline.ts'
import { newSecret, sha256 } from '../../kernel/auth/secrets.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './screens.repository.ts'
import { DEFAULT_SCREEN_INDICATORS, type Feed } from './screens.schemas.ts'
import type { ScreenSubject } from './screens.policy.ts'
import './screens.policy.ts'
import './screens.access.ts'

export const REFRESH_SECONDS = 60
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/

/** What the screen needs of the orders module: its figures for a node since a moment. */
export interface OrderFigures {
  figures(ctx: RequestContext, q: { orgId?: string; from?: string }): Promise<{ total: { orders: number; completed: number; completionRate: number | null; satisfaction: number | null; rated: number } }>
}

/** What the screen needs of the statistics module: a node's headline figures this month and last. */
export interface HeadlineSource {
  headline(node: { id: string; path: string; kind: string }, codes: string[], now: Date): Promise<HeadlineFigure[]>
}

/** The China-time boundaries of this month, this year and today, as ISO moments. */
export function windowAt(now: Date): repo.Window & { today: string } {
  const china = new Date(now.getTime() + 8 * 3_600_000)
  const day = china.toISOString().slice(0, 10)
  const tomorrow = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  return {
    today: day, todayStart: `${day}T00:00:00+08:00`, tomorrowStart: `${tomorrow}T00:00:00+08:00`,
    monthStart: `${day.slice(0, 7)}-01T00:00:00+08:00`, yearStart: `${day.slice(0, 4)}-01-01T00:00:00+08:00`,
  }
}

const present = (s: repo.ScreenRow) => ({
  id: s.id, org: { id: s.orgId, name: s.orgName }, name: s.name, tokenHint: s.tokenHint,
  createdBy: s.createdById ? { id: s.createdById, name: s.createdByName ?? '' } : null, createdAt: s.createdAt, revokedAt: s.revokedAt, lastSeenAt: s.lastSeenAt,
  indicatorCodes: s.indicatorCodes,
})

/** A staff member of exactly this node and nothing else, for reading figures on the screen's behalf. */
function screenActor(s: repo.ScreenRow): Actor {
  return {
    kind: 'token', personId: null, personName: null, accountId: null, sessionId: null, tokenId: null,
    roles: [{ role: 'grid_worker', orgId: s.orgId, orgPath: s.orgPath }], mustChangePassword: false, totpSetupRequired: false, sessionExpired: false,
  }
}

export function createScreenService(deps: { db: Executor; indicators: IndicatorRegistry; clock?: () => Date }) {
  const { db, indicators } = deps
  const now = deps.clock ?? (() => new Date())
  /** Every chosen code must be in the dictionary (the schema checked the shape, the count and repeats). */
  const checkCodes = (codes: string[] | null | undefined) => {
    const unknown = (codes ?? []).flatMap((c, i) => (indicators.get(c) ? [] : [{ path: `indicatorCodes.${i}`, message: 'screens.indicatorUnknown' }]))
    if (unknown.length) throw unprocessable('SCREEN_INVALID', {}, unknown)
  }

  return {
    async list(ctx: RequestContext, q: { orgId?: string }) {
      requireSignedIn(ctx.actor)
      const scopes = scopesOf(ctx.actor, LEVEL.cadre)
      if (!scopes.length) throw forbidden()
      const under = q.orgId ? (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'screen.manageAt', entity: 'org', id: q.orgId })).path : undefined
      return { items: (await repo.listScreens(db, scopeParam(scopes), under)).map(present) }
    },

    async create(ctx: RequestContext, input: { orgId: string; name: string; indicatorCodes?: string[] }) {
      requireSignedIn(ctx.actor)
      checkCodes(input.indicatorCodes)
      return inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'screen.manageAt', entity: 'org', id: input.orgId })
        const token = newSecret()
        const id = await repo.insertScreen(tx, { orgId: org.id, name: input.name, tokenHash: sha256(token), tokenHint: token.slice(-4), createdBy: ctx.actor.personId, indicatorCodes: input.indicatorCodes })
        await recordAudit(tx, ctx, { action: 'screen.create', entity: 'screen', entityId: id, orgPath: org.path, after: { name: input.name } })
        return { ...present((await repo.findScreen(tx, id))!), token, path: `/screen/${token}` }
      })
    },

    async revoke(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const s = await requireAccessOne<ScreenSubject>(tx, ctx.actor, { permission: 'screen.manage', entity: 'screen', id })
        if (!(await repo.revoke(tx, id, ctx.actor.personId))) throw conflict('SCREEN_REVOKED')
        await recordAudit(tx, ctx, { action: 'screen.revoke', entity: 'screen', entityId: id, orgPath: s.orgPath })
        return present((await repo.findScreen(tx, id))!)
      })
    },

    /** Renames a screen or chooses its headline indicators (null: the default list); a revoked screen stays as it was. */
    async update(ctx: RequestContext, id: string, input: { name?: string; indicatorCodes?: string[] | null }) {
      requireSignedIn(ctx.actor)
      checkCodes(input.indicatorCodes)
      return inTransaction(db, async (tx) => {
        const s = await requireAccessOne<ScreenSubject>(tx, ctx.actor, { permission: 'screen.manage', entity: 'screen', id })
        const before = (await repo.findScreen(tx, id))!
        if (before.revokedAt) throw conflict('SCREEN_REVOKED')
        await repo.updateScreen(tx, id, input)
        await recordAudit(tx, ctx, { action: 'screen.update', entity: 'screen', entityId: id, orgPath: s.orgPath,
          before: { name: before.name, indicatorCodes: before.indicatorCodes }, after: input })
        return present((await repo.findScreen(tx, id))!)
      })
    },

    /** Records that a screen fetched its feed: called after the response has gone (a GET writes nothing itself); throttled. */
    async touch(id: string) {
      await repo.touchScreen(db, id)
    },

    /** The feed of the screen a token opens: its node's figures only. Reads, never writes. */
    async feed(token: string, { orders, statistics }: { orders: OrderFigures; statistics: HeadlineSource }): Promise<Feed & { screenId: string }> {
      const s = TOKEN.test(token) ? await repo.screenByHash(db, sha256(token)) : undefined
      if (!s) throw notFound('SCREEN_NOT_FOUND')
      const at = now()
      const w = windowAt(at)
      const ctx: RequestContext = { actor: screenActor(s), ip: null, userAgent: 'linli-screen', requestId: null }
      const [cases, hours, bookings, activities, o, notices, resolutions, headline] = await Promise.all([
        repo.caseFigures(db, s.orgPath, w), repo.hourFigures(db, s.orgPath, w), repo.todaysBookings(db, s.orgPath, w), repo.todaysActivities(db, s.orgPath, w),
        orders.figures(ctx, { orgId: s.orgId, from: w.monthStart }), repo.latestNotices(db, s.orgPath), repo.latestResolutions(db, s.orgPath),
        statistics.headline({ id: s.orgId, path: s.orgPath, kind: s.orgKind }, s.indicatorCodes ?? DEFAULT_SCREEN_INDICATORS, at),
      ])
      const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null)
      return {
        screenId: s.id, org: { id: s.orgId, name: s.orgName }, screen: { name: s.name }, generatedAt: at.toISOString(), refreshSeconds: REFRESH_SECONDS,
        cases: { reported: cases.reported, yearReported: cases.yearReported, closed: cases.closed, handled: cases.handled, onTimeRate: rate(cases.onTime, cases.handled) },
        orders: { orders: o.total.orders, completed: o.total.completed, completionRate: o.total.completionRate, satisfaction: o.total.satisfaction, rated: o.total.rated },
        volunteers: { monthHours: Math.round(hours.month * 10) / 10, yearHours: Math.round(hours.year * 10) / 10 },
        today: { date: w.today, bookings: bookings.count, bookingSlots: bookings.slots, activities },
        notices: notices.map((n) => ({ title: n.title, sentAt: new Date(n.sentAt).toISOString() })),
        resolutions: resolutions.map((r) => ({ title: r.title, state: r.state as 'executing' | 'done', progress: r.progress, decidedAt: new Date(r.decidedAt).toISOString() })),
        headline,
      }
    },
  }
}

export type ScreenService = ReturnType<typeof createScreenService>
