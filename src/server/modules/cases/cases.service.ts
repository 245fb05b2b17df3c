// Cases: reported by anyone, routed to the grid the point falls in, and closed in a verified
// loop. This file composes the parts (categories, reporting, transitions, the sweep) and answers
// the reads: the inbox, the map, the figures, one case, follows.
import { sql } from 'drizzle-orm'
import type { Config } from '../../kernel/config.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { firstRow, type Executor } from '../../kernel/db/client.ts'
import type { Actor, RequestContext } from '../../kernel/context.ts'
import { authorize, can, LEVEL, requireSignedIn, roleLevels, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { forbidden, notFound } from '../../kernel/errors.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { primaryReads, type ReadRouter } from '../../kernel/db/replicas.ts'
import { decodeCursor, idCursor, toCountedPage } from '../../kernel/pagination.ts'
import type { GeoService } from '../geo/geo.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import * as repo from './cases.repository.ts'
import { caseReadableBy } from './cases.access.ts'
/** The public part of the read rule, for the modules that show cases to the public (Open311). */
export { publicCategory } from './cases.access.ts'
import { auditCase } from './cases.audit.ts'
import { presentDetail, presentFor, staffViewOf } from './cases.present.ts'
import { actionsFor, subjectOf } from './cases.workflow.ts'
import type { CaseAction, CaseDetail, CaseFilter, TodoCounts } from './cases.schemas.ts'
import { actionLabels, stateLabels } from './cases.labels.ts'
import { createCategoryBook, type CategoryInput } from './cases.categories.ts'
import { createCaseEffects } from './cases.effects.ts'
import { createReporting } from './cases.report.ts'
import { createTransitions, type Bodies } from './cases.transitions.ts'
import { createCaseSweep } from './cases.sweep.ts'

export { actionLabels, actionsFor, stateLabels }
export type { CreateOptions, ReportInput } from './cases.report.ts'

export function createCaseService(deps: {
  db: Executor
  config: Config
  geo: Pick<GeoService, 'findGridAt' | 'nearestBuilding'>
  notifications: Pick<NotificationService, 'notify' | 'notifyEach' | 'sweepDigests'>
  /** The points ledger: a verified report pays its reporter, a five-star rating the last handler. */
  points?: Pick<PointsService, 'award'>
  /** Opens the reporter's sealed phone for staff who call them (optional in tests that never do). */
  pii?: Pick<PiiKeyring, 'decrypt'>
  /** The inbox list, the map and the figures tolerate a few seconds' lag: a replica may answer them. */
  reads?: ReadRouter
}) {
  const { db, config, geo, notifications } = deps
  const reads = deps.reads ?? primaryReads(db)
  const categories = createCategoryBook({ db })
  const effects = createCaseEffects({ notifications, points: deps.points })
  const reporting = createReporting({ db, geo, notifications, categories, effects })
  const transitions = createTransitions({ db, config, notifications, categories, effects })

  async function loadReadable(ctx: RequestContext, ex: Executor, id: string) {
    requireSignedIn(ctx.actor)
    const c = await repo.findCase(ex, id, ctx.actor.personId)
    if (!c) throw notFound('CASE_NOT_FOUND')
    authorize(ctx.actor, 'case.read', subjectOf(c, ctx.actor.personId), 'CASE_NOT_FOUND')
    return c
  }

  async function detail(ctx: RequestContext, c: repo.CaseRow, ex: Executor = db): Promise<CaseDetail> {
    const staff = staffViewOf(ctx.actor, c)
    const events = await repo.timeline(ex, c, !staff)
    return presentDetail(ctx.actor, c, events, staff ? await repo.meetings(ex, c) : [])
  }

  /** Runs one action in one transaction; answers the case as it is afterwards. */
  async function act<A extends CaseAction>(ctx: RequestContext, id: string, action: A, body: Bodies[A], system = false): Promise<CaseDetail> {
    const key = await transitions.run(db, ctx, id, action, body, system)
    const after = (await repo.findCase(db, key, ctx.actor.personId))!
    return can(ctx.actor, 'case.read', subjectOf(after, ctx.actor.personId)) || system ? detail(ctx, after) : { ...presentFor(ctx.actor, after), timeline: [], meetings: [] }
  }

  function selection(ctx: RequestContext, q: CaseFilter, underPath?: string): repo.ListSelection {
    const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
    return { ...q, scopes: scopes.length ? scopeParam(scopes) : null, personId: ctx.actor.personId, readable: caseReadableBy(ctx.actor), underPath, todo: todoPaths(ctx.actor) }
  }

  /** The node a list narrows to: one the caller may read (404 otherwise, as for a missing node). */
  async function underPathOf(ctx: RequestContext, orgId: string | undefined) {
    if (!orgId) return undefined
    return (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })).path
  }

  return {
    actionsFor,

    /** The photos another module's record attaches (a visit's), under the same rule as a case's. */
    assertPhotos: (ex: Executor, actor: Actor, ids: string[] | undefined) => effects.assertPhotos(ex, actor, ids),

    categories: (ctx: RequestContext, all: boolean) => categories.list(ctx, all),
    createCategory: (ctx: RequestContext, input: CategoryInput & { code: string }) => categories.create(ctx, input),
    updateCategory: (ctx: RequestContext, code: string, input: Partial<CategoryInput>) => categories.update(ctx, code, input),

    /**
     * Reports a case in a transaction of `ex` (another module passes its own, so its record and
     * the case commit or roll back together). Anonymous reports are allowed.
     */
    create: reporting.create,
    nearby: reporting.nearby,

    /** What waits for the caller at each step: the inbox tabs' and the menu badge's counts. */
    async todoCounts(ctx: RequestContext): Promise<TodoCounts> {
      requireSignedIn(ctx.actor)
      const n = await repo.todoCounts(db, caseReadableBy(ctx.actor), todoPaths(ctx.actor), ctx.actor.personId)
      return { ...n, total: n.accept + n.handle + n.verify + n.revisit }
    },

    async list(ctx: RequestContext, q: CaseFilter & { cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const after = decodeCursor(q.cursor, idCursor)
      const s = selection(ctx, q, await underPathOf(ctx, q.orgId))
      const found = await reads.run(ctx, (ex) => repo.listCases(ex, { ...s, afterId: after?.id, limit: q.limit }))
      return toCountedPage(found, q.limit, (c) => presentFor(ctx.actor, c), (c) => ({ id: c.id }), after === undefined)
    },

    async map(ctx: RequestContext, q: CaseFilter & { bbox?: [number, number, number, number] }) {
      requireSignedIn(ctx.actor)
      const s = selection(ctx, q, await underPathOf(ctx, q.orgId))
      const found = await reads.run(ctx, (ex) => repo.mapCases(ex, { ...s, bbox: q.bbox, limit: repo.MAP_POINTS }))
      return {
        type: 'FeatureCollection' as const,
        // More than the cap in view: the newest MAP_POINTS, and the page asks to zoom in.
        truncated: found.length > repo.MAP_POINTS,
        limit: repo.MAP_POINTS,
        features: found.slice(0, repo.MAP_POINTS).map((r) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [r.lng, r.lat] as [number, number] },
          properties: { id: r.id, state: r.state, categoryCode: r.categoryCode, overdue: r.overdue, level: r.level },
        })),
      }
    },

    /** Figures for a node: cases by state, on-time rate, and where they were closed. */
    async stats(ctx: RequestContext, q: { orgId: string; from?: string; to?: string }) {
      requireSignedIn(ctx.actor)
      const underPath = (await underPathOf(ctx, q.orgId))!
      const s = selection(ctx, { box: 'scope', from: q.from, to: q.to }, underPath)
      // Without a time window, from the rollup kept by triggers (migration 0047): the same rows
      // as the count over cases, since the read rule's staff part is the scope condition itself
      // (readable AND within the caller's scopes = within them; no scopes, nothing). A window
      // (no console page asks one) counts the cases reported in it.
      const r = q.from || q.to
        ? (await reads.run(ctx, (ex) => repo.caseStats(ex, repo.selectionWhere(s))))!
        : (await reads.run(ctx, (ex) => repo.caseStats(ex, repo.selectionWhere({ ...s, readable: sql`true` }), 'rollup')))!
      const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000)
      return {
        total: r.total,
        byState: r.byState ?? {},
        overdue: r.overdue,
        onTimeRate: share(r.onTime, r.timed),
        closed: r.closed,
        closedAtGrid: r.closedGrid,
        closedAtCommunity: r.closedCommunity,
        gridShare: share(r.closedGrid, r.closed),
        communityShare: share(r.closedCommunity, r.closed),
        avgRating: r.avgRating === null ? null : Number(r.avgRating),
      }
    },

    async get(ctx: RequestContext, id: string) {
      return detail(ctx, await loadReadable(ctx, db, id))
    },

    /**
     * 联系上报人: the full phone of a case's named reporter, for the staff over the case, each read
     * audited like a resident's reveal. An anonymous reporter has none to give; nor does the
     * reporter's own view.
     */
    async reporterPhone(ctx: RequestContext, id: string) {
      const c = await loadReadable(ctx, db, id)
      if (!staffViewOf(ctx.actor, c) || c.anonymous || c.reporterId === null || c.reporterId === ctx.actor.personId) throw forbidden()
      return inTransaction(db, async (tx) => {
        const sealed = await repo.reporterPhoneSealed(tx, c.reporterId!)
        if (!sealed || !deps.pii) throw notFound('REPORTER_PHONE_NONE')
        await recordAudit(tx, ctx, { action: 'case.reporter_phone', entity: 'case', entityId: c.id, orgPath: c.orgPath, after: { reporterId: c.reporterId } })
        return { phone: deps.pii.decrypt('phone', sealed) }
      })
    },

    act,

    /**
     * Whoever reads a case may follow it, and anyone signed in an open case of a public category
     * (the duplicate check shows such cases to the public); following opens its public view to them.
     */
    async follow(ctx: RequestContext, id: string, digest: boolean) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw forbidden()
      const key = await inTransaction(db, async (tx) => {
        const c = await repo.findCase(tx, id, ctx.actor.personId)
        if (!c || !can(ctx.actor, 'case.follow', subjectOf(c, ctx.actor.personId))) throw notFound('CASE_NOT_FOUND')
        await effects.follow(tx, ctx.actor.personId!, c, digest)
        await auditCase(tx, ctx, c, 'case.follow', { digest })
        return { id: c.id, districtId: c.districtId }
      })
      return presentFor(ctx.actor, (await repo.findCase(db, key, ctx.actor.personId))!)
    },

    async unfollow(ctx: RequestContext, id: string) {
      const key = await inTransaction(db, async (tx) => {
        const c = await loadReadable(ctx, tx, id)
        const key = { id: c.id, districtId: c.districtId }
        const gone = await firstRow(tx, sql`DELETE FROM follows WHERE person_id = ${ctx.actor.personId} AND case_id = ${c.id} AND district_id = ${c.districtId} RETURNING id`)
        if (!gone) return key
        await tx.execute(sql`UPDATE cases SET followers = followers - 1 WHERE id = ${c.id} AND district_id = ${c.districtId}`)
        await auditCase(tx, ctx, c, 'case.unfollow', {})
        return key
      })
      return presentFor(ctx.actor, (await repo.findCase(db, key, ctx.actor.personId))!)
    },

    /** The minute sweep (cases.sweep.ts). */
    sweep: createCaseSweep({ config, notifications, transitions }),
  }
}

/** Each role's own node (not merged into an ancestor's scope: the to-do looks one level down from each). */
function todoPaths(actor: Actor) {
  const at = (min: number) => [...new Set(actor.roles.filter((r) => roleLevels[r.role] >= min).map((r) => r.orgPath))].join(',')
  return { staffPaths: at(LEVEL.gridStaff), dispatchPaths: at(roleLevels.grid_leader) }
}

export type CaseService = ReturnType<typeof createCaseService>
