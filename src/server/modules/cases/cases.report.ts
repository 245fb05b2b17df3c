// Reporting a case: the point is resolved to its grid, which handles it first; its grid staff and
// the followers of the nodes above are told at once. Other modules (visits, open311, estate
// ratings) report inside their own transaction by passing it as `ex`.
import { sql } from 'drizzle-orm'
import { firstRow, isoTime, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { toWgs84, type Crs, type GeoService } from '../geo/geo.service.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { currentRoles } from '../people/people.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import * as repo from './cases.repository.ts'
import { auditCase } from './cases.audit.ts'
import type { CategoryBook } from './cases.categories.ts'
import type { CaseEffects } from './cases.effects.ts'
import { presentFor } from './cases.present.ts'
import type { CaseChannel } from './cases.schemas.ts'

export interface ReportInput {
  categoryCode: string
  description: string
  location: { lng: number; lat: number }
  crs?: Crs
  address?: string
  photoIds?: string[]
  anonymous?: boolean
}

export interface CreateOptions {
  channel?: CaseChannel
  contact?: Record<string, string>
  visitId?: string
  estateRatingId?: string
}

export function createReporting(deps: {
  db: Executor
  geo: Pick<GeoService, 'findGridAt' | 'nearestBuilding'>
  notifications: Pick<NotificationService, 'notify'>
  categories: CategoryBook
  effects: CaseEffects
}) {
  const { db, geo, notifications, categories, effects } = deps
  return {
    /**
     * Reports a case. The point is resolved to its grid, which handles it first; its grid staff
     * are told at once. Anonymous reports are allowed; a signed-in reporter may hide their name.
     */
    async create(ex: Executor, ctx: RequestContext, input: ReportInput, options: CreateOptions = {}) {
      const category = await categories.cached(ex, input.categoryCode)
      if (!category || !category.active) throw notFound('CATEGORY_NOT_FOUND', [{ path: 'categoryCode', message: 'cases.categoryMissingOrInactive' }])
      const [lng, lat] = toWgs84(input.location.lng, input.location.lat, input.crs ?? 'wgs84')
      const grid = await geo.findGridAt(ex, { lng, lat, crs: 'wgs84' })
      if (!grid) throw unprocessable('LOCATION_OUTSIDE', {}, [{ path: 'location', message: 'cases.locationOutsideGrids' }])
      // Without a typed address the nearest building names the place (issue 13: only "翠岩社区 · 第一网格" was shown).
      const typed = input.address?.trim()
      const near = typed ? null : await geo.nearestBuilding(ex, lng, lat, 150)
      const address = typed || (near ? `${near.name}附近` : null)
      const reporterId = ctx.actor.kind === 'person' ? ctx.actor.personId : null
      const channel: CaseChannel =
        options.channel ?? (ctx.actor.kind === 'token' ? 'api' : ctx.actor.roles.some((r) => r.role !== 'resident' && r.role !== 'member' && r.role !== 'volunteer') ? 'console' : 'h5')
      const anonymous = input.anonymous === true || reporterId === null
      const key = await inTransaction(ex, async (tx) => {
        const photos = await effects.assertPhotos(tx, ctx.actor, input.photoIds)
        // One statement writes the case and its first timeline row and finds who must accept it:
        // the grid's staff and the community's cadres (the same people whose to-do it enters).
        const row = await firstRow<{ id: string; districtId: string; eventId: string; staff: string[] | null }>(tx, sql`
          WITH c AS (
            INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, address, handling_org_id, handling_org_path,
                               reporter_id, anonymous, channel, contact, photo_ids, visit_id, estate_rating_id, accept_due_at)
            VALUES (linli_district_of(${grid.id}), ${grid.id}, ${grid.path}::ltree, ${category.code}, ${input.description}, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326),
                    ${address}, ${grid.id}, ${grid.path}::ltree, ${reporterId}, ${anonymous},
                    ${channel}, ${options.contact ? JSON.stringify(options.contact) : null}::jsonb,
                    string_to_array(${photos.join(',')}, ',')::bigint[], ${options.visitId ?? null}, ${options.estateRatingId ?? null},
                    now() + make_interval(hours => ${category.limits.grid?.acceptHours ?? category.acceptHours}))
            RETURNING id, district_id),
          e AS (
            INSERT INTO case_events (case_id, district_id, action, from_state, to_state, actor_id, actor_kind, photo_ids, data)
            SELECT id, district_id, 'report', NULL, 'reported', ${reporterId}, ${ctx.actor.kind === 'token' ? 'token' : 'person'},
                   string_to_array(${photos.join(',')}, ',')::bigint[], ${JSON.stringify({ channel })}::jsonb FROM c
            RETURNING id)
          SELECT c.id::text, c.district_id::text AS "districtId", (SELECT e.id::text FROM e) AS "eventId",
            (SELECT array_agg(DISTINCT r.person_id::text) FROM ${currentRoles} r
              WHERE (r.org_id = ${grid.id} AND r.role IN ('grid_leader', 'grid_worker'))
                 OR (r.role = 'community_cadre' AND r.org_id = (SELECT g.parent_id FROM ${orgTree} g WHERE g.id = ${grid.id}))) AS staff
          FROM c`)
        const caseId = row!.id
        await auditCase(tx, ctx, { id: caseId, orgPath: grid.path, anonymous, reporterId: reporterId }, 'case.create', { eventId: row!.eventId })
        const notMe = (p: string) => p !== reporterId
        await notifications.notify(tx, { personIds: (row!.staff ?? []).filter(notMe), kind: 'case.new', title: `网格新事件 #${caseId} ${category.name}`, body: input.description.slice(0, 80), link: { caseId } })
        // Followers of the grid and the nodes above it, each only if they may read this case.
        const orgFollowers = await repo.followersOf(tx, { id: caseId, districtId: row!.districtId }, true)
        await notifications.notify(tx, {
          personIds: orgFollowers.filter((f) => !f.digest).map((f) => f.personId).filter(notMe),
          digestPersonIds: orgFollowers.filter((f) => f.digest).map((f) => f.personId).filter(notMe),
          kind: 'case.update',
          title: `${grid.name} 新事件 #${caseId} ${category.name}`,
          body: input.description.slice(0, 80),
          link: { caseId },
        })
        return { id: caseId, districtId: row!.districtId }
      })
      const created = (await repo.findCase(ex, key, reporterId))!
      return presentFor(ctx.actor, created)
    },

    /** Open cases nearby: anyone may ask, so only cases of public categories, in their public view. */
    async nearby(q: { lng: number; lat: number; crs: Crs; categoryCode: string }) {
      const [lng, lat] = toWgs84(q.lng, q.lat, q.crs)
      const found = await repo.nearbyOpen(db, lng, lat, q.categoryCode)
      return {
        items: found.map((r) => ({ id: r.id, categoryCode: r.categoryCode, categoryName: r.categoryName, description: r.description, state: r.state, distanceM: Math.round(r.distanceM), createdAt: isoTime(r.createdAt)!, followers: r.followers })),
      }
    },
  }
}
