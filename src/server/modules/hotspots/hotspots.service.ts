// Hotspots (热点问题, beyond the seed platforms): recurring problems among the cases and service
// orders under a node over the last N weeks, clustered in space per category (ST_ClusterDBSCAN,
// see hotspots.repository.ts for the metric), the categories growing fastest per street, and
// "每月一题": raising a hotspot as a deliberation topic through the deliberation service.
//
// A hotspot is a derived view: the reader is a cadre over the node (hotspot.read), so every case
// and order under it is one they may read record by record, and the list shows only ids,
// categories, points and times; the records' details are read through their own modules.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import { primaryReads, type ReadRouter } from '../../kernel/db/replicas.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, LEVEL, requireSignedIn, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createTopicService } from '../deliberation/deliberation.topics.ts'
import * as repo from './hotspots.repository.ts'
import type { HotspotCluster, HotspotGrowth, HotspotRaise, Hotspots, HotspotsQuery } from './hotspots.schemas.ts'
import './hotspots.access.ts'
import '../secretary_projects/secretary_projects.policy.ts'

/** Records this close (metres) belong to one cluster; this many make one. */
export const EPS_METRES = 150
export const MIN_POINTS = 3
const DEFAULT_WEEKS = 8
const GROWTH_PER_STREET = 10
const WEEK_MS = 7 * 86_400_000

export type HotspotsDeps = {
  db: Executor
  reads?: ReadRouter
  notifications: Pick<NotificationService, 'notify' | 'notifyAll'>
  clock?: () => Date
}

const iso = (t: string | Date) => new Date(t).toISOString()

export function createHotspotService(deps: HotspotsDeps) {
  const { db } = deps
  const reads = deps.reads ?? primaryReads(db)
  const now = deps.clock ?? (() => new Date())

  /** The node asked for, or the caller's own cadre node; refused (404 in scope's disguise) unless a cadre over it. */
  async function nodeOf(ex: Executor, ctx: RequestContext, orgId: string | undefined, permission: string) {
    requireSignedIn(ctx.actor)
    const cadreScopes = scopesOf(ctx.actor, LEVEL.cadre)
    const id = orgId ?? ctx.actor.roles.find((r) => cadreScopes.includes(r.orgPath))?.orgId
    if (!id) throw forbidden()
    return requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission, entity: 'org', id, hide: true })
  }

  return {
    // Computed on request over months of records: a replica may answer (a few seconds' lag is harmless).
    // In one read transaction without JIT: PostGIS declares ST_Transform and ST_ClusterDBSCAN
    // costly, so a city's clustering is estimated far above jit_inline_above_cost and PostgreSQL
    // spent 0.8 s compiling a statement that runs in 0.15 s (the bench city at a tenth).
    list: (ctx: RequestContext, q: HotspotsQuery): Promise<Hotspots> => reads.run(ctx, (on) => inTransaction(on, async (ex) => {
      await ex.execute(sql`SELECT set_config('jit', 'off', true)`)
      const org = await nodeOf(ex, ctx, q.orgId, 'hotspot.read')
      const weeks = q.weeks ?? DEFAULT_WEEKS
      const until = now()
      const since = new Date(until.getTime() - weeks * WEEK_MS).toISOString()
      const previousSince = new Date(until.getTime() - 2 * weeks * WEEK_MS).toISOString()
      const figures = await repo.windowFigures(ex, { path: org.path, since, previousSince })
      const latitude = figures.latitude
      const found = latitude === null ? [] : await repo.clusters(ex, { path: org.path, since, epsMetres: EPS_METRES, minPoints: MIN_POINTS, latitude, limit: 200 })
      const caseIds = found.flatMap((c) => c.records.filter((r) => r.kind === 'case').map((r) => r.id))
      const orderIds = found.flatMap((c) => c.records.filter((r) => r.kind === 'order').map((r) => r.id))
      const raises = await repo.raisesTouching(ex, caseIds, orderIds)
      // A project shows only to who may read it (a community's cadre does not see the street's).
      const projects = (await repo.projectsTouching(ex, caseIds, orderIds)).filter((p) => can(ctx.actor, 'secretaryProject.read', { orgPath: p.orgPath, ownerId: p.ownerId }))
      const touches = (c: repo.ClusterRow, r: { category: string; caseIds: string[]; orderIds: string[] }) =>
        r.category === c.category && c.records.some((x) => (x.kind === 'case' ? r.caseIds : r.orderIds).includes(x.id))
      const clusters: HotspotCluster[] = found.map((c) => {
        const raise = raises.find((r) => touches(c, r))
        const project = projects.find((p) => touches(c, p))
        return {
          category: c.category, categoryName: c.categoryName, source: c.category.startsWith('order:') ? 'order' : 'case', count: c.count,
          firstAt: iso(c.firstAt), lastAt: iso(c.lastAt),
          centroid: { lng: c.centroid.coordinates[0], lat: c.centroid.coordinates[1] }, hull: c.hull,
          records: c.records.map((r) => ({ kind: r.kind, id: r.id, lng: Number(r.lng), lat: Number(r.lat), at: iso(r.at) })),
          topic: raise ? { id: raise.topicId, title: raise.title, state: raise.state } : null,
          raisedAs: raise ? { kind: 'topic' as const, id: raise.topicId, title: raise.title, state: raise.state }
            : project ? { kind: 'project' as const, id: project.id, title: project.title, state: project.state } : null,
        }
      })
      const counted = figures.growth
      const growth: HotspotGrowth[] = []
      const byStreet = new Map<string, repo.GrowthRow[]>()
      for (const g of counted) if (g.current > g.previous) byStreet.set(g.streetId, [...(byStreet.get(g.streetId) ?? []), g])
      for (const list of byStreet.values()) {
        list.sort((a, b) => b.current - b.previous - (a.current - a.previous) || b.current - a.current || a.category.localeCompare(b.category))
        for (const g of list.slice(0, GROWTH_PER_STREET)) {
          growth.push({
            street: { id: g.streetId, name: g.streetName }, category: g.category, categoryName: g.categoryName, current: g.current, previous: g.previous,
            growth: g.current - g.previous, growthRate: g.previous > 0 ? Math.round(((g.current - g.previous) / g.previous) * 1000) / 1000 : null,
          })
        }
      }
      growth.sort((a, b) => a.street.name.localeCompare(b.street.name, 'zh') || b.growth - a.growth)
      return {
        org: { id: org.id, name: org.name, kind: org.kind }, weeks, since, previousSince, until: until.toISOString(),
        epsMetres: EPS_METRES, minPoints: MIN_POINTS, clusters, growth, unlocated: figures.unlocated,
      }
    })),

    /** "转为议题" (每月一题): every id is checked, then the topic is created through the deliberation service in the same transaction. */
    async raise(ctx: RequestContext, input: HotspotRaise) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      const caseIds = [...new Set(input.caseIds)]
      const orderIds = [...new Set(input.orderIds)]
      if (caseIds.length + orderIds.length === 0) throw unprocessable('HOTSPOT_INVALID', {}, [{ path: 'caseIds', message: 'hotspots.records' }])
      return inTransaction(db, async (tx) => {
        const org = await nodeOf(tx, ctx, input.orgId, 'hotspot.raise')
        await requireAccess(tx, ctx.actor, { permission: 'case.read', entity: 'case', ids: caseIds })
        await requireAccess(tx, ctx.actor, { permission: 'order.read', entity: 'order', ids: orderIds })
        const picked = await repo.recordsPicked(tx, org.path, caseIds, orderIds)
        for (const id of caseIds) if (!picked.some((r) => r.kind === 'case' && r.id === id)) throw notFound('HOTSPOT_CASE_NOT_FOUND')
        for (const id of orderIds) if (!picked.some((r) => r.kind === 'order' && r.id === id)) throw notFound('HOTSPOT_ORDER_NOT_FOUND')
        const wrong = picked.findIndex((r) => r.category !== input.category)
        if (wrong >= 0) {
          const r = picked[wrong]!
          const index = (r.kind === 'case' ? caseIds : orderIds).indexOf(r.id)
          throw unprocessable('HOTSPOT_CATEGORY_MISMATCH', {}, [{ path: `${r.kind}Ids.${index}`, message: 'hotspots.category' }])
        }
        // A topic belongs to a community: the node's own, else the one community all the records lie in.
        const communities = [...new Set(picked.map((r) => r.communityId))]
        const topicOrg = (await repo.communityAt(tx, org.path)) ? org.id : communities.length === 1 && communities[0] ? communities[0] : null
        if (!topicOrg) throw unprocessable('HOTSPOT_COMMUNITY', {}, [{ path: 'orgId', message: 'hotspots.community' }])
        const name = picked[0]!.name
        const times = picked.map((r) => new Date(r.at).getTime())
        const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
        const body = `由热点问题转为议题（每月一题）：${org.name}范围内“${name}”类问题反复出现，共 ${picked.length} 件` +
          `（案件 ${caseIds.length} 件，服务工单 ${orderIds.length} 件），最早 ${day(Math.min(...times))}，最近 ${day(Math.max(...times))}。` +
          `相关编号：${[...caseIds.map((id) => `案件 ${id}`), ...orderIds.map((id) => `工单 ${id}`)].join('、')}。`
        const topics = createTopicService({ db: tx, notifications: deps.notifications, clock: deps.clock })
        const source = caseIds.length ? { kind: 'hotspot' as const, id: caseIds[0]! } : { kind: 'order' as const, id: orderIds[0]! }
        const topic = await topics.create(ctx, { title: input.title ?? `${name.slice(0, 60)}问题反复出现（${picked.length} 件）`, body, orgId: topicOrg, source })
        const raiseId = await repo.insertRaise(tx, { orgId: org.id, category: input.category, topicId: topic.id, caseIds, orderIds, raisedBy: me })
        await recordAudit(tx, ctx, { action: 'hotspot.raise', entity: 'hotspot_raise', entityId: raiseId, orgPath: org.path, after: { category: input.category, topicId: topic.id, caseIds, orderIds } })
        return { topicId: topic.id, state: topic.state, orgId: topicOrg }
      })
    },
  }
}

export type HotspotService = ReturnType<typeof createHotspotService>
