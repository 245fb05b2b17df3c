// The org tree service: reads scoped to the caller, writes checked against the tree and
// geometry rules, each write one transaction with its audit row.
import type { Config } from '../../kernel/config.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, isAncestorOrSelf, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, type Page } from '../../kernel/pagination.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
// Role grants are the people module's table. The people service is created after orgs (it needs
// auth and geo, which need orgs), so orgs calls the owner's repository function, not its service.
import { insertRole as grantRole } from '../people/people.repository.ts'
import * as repo from './orgs.repository.ts'
import { childKinds, type OrgRef } from './orgs.policy.ts'
import './orgs.access.ts'
import type { Geometry, Org, OrgCreate, OrgKind, OrgSummary, OrgUpdate } from './orgs.schemas.ts'

const POLYGON_KINDS: OrgKind[] = ['city', 'district', 'street', 'community', 'village', 'grid', 'estate']
/**
 * The kinds a node's outline may not overlap (beyond the tolerance), wherever they hang in the
 * tree: siblings, and also the same level under another parent, since two grids covering one
 * spot make locating (and so the routing of reports) depend on which was drawn first. A
 * community and a village are one level.
 */
const PEER_KINDS: Partial<Record<OrgKind, OrgKind[]>> = {
  city: ['city'],
  district: ['district'],
  street: ['street'],
  community: ['community', 'village'],
  village: ['community', 'village'],
  grid: ['grid'],
  estate: ['estate'],
}
const BUILDING_EDGE_METRES = 5

function toSummary(r: repo.OrgRow): OrgSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    path: r.path,
    parentId: r.parentId,
    divisionCode: r.divisionCode,
    partyOrg: r.partyOrgKind && r.partyOrgName ? { kind: r.partyOrgKind, name: r.partyOrgName, secretary: r.partyOrgSecretary } : null,
    propertyFirm: r.propertyFirm,
    childCount: r.childCount,
  }
}

/** The fields an audit row records of a node (geometry as GeoJSON). */
function auditView(r: repo.OrgRowWithGeometry) {
  const { childCount: _c, createdAt: _a, updatedAt: _u, ...rest } = r
  return rest as unknown as Record<string, unknown>
}

/** The audit view of a write that sets the outline: the full GeoJSON and its area, so a review sees an enlargement at a glance. */
async function auditOutline(ex: Executor, r: repo.OrgRowWithGeometry) {
  return { ...auditView(r), area_m2: await repo.geometryArea(ex, r.geometry) }
}

export function createOrgService(deps: { db: Executor; config: Config }) {
  const { db, config } = deps
  const tolerance = config.GEOMETRY_TOLERANCE_M2

  async function loadReadable(ctx: RequestContext, id: string, ex: Executor = db, lock = false) {
    requireSignedIn(ctx.actor)
    const row = await repo.findOrg(ex, id, { lock })
    if (!row) throw notFound('ORG_NOT_FOUND')
    authorize(ctx.actor, 'org.read', { path: row.path, kind: row.kind }, 'ORG_NOT_FOUND')
    return row
  }

  async function parentRefOf(ex: Executor, row: { parentId: string | null }, lock = false): Promise<(OrgRef & { id: string; row: repo.OrgRowWithGeometry }) | null> {
    if (row.parentId === null) return null
    const parent = await repo.findOrg(ex, row.parentId, { lock })
    if (!parent) throw notFound('ORG_PARENT_NOT_FOUND')
    return { id: parent.id, path: parent.path, kind: parent.kind, row: parent }
  }

  function toOrg(r: repo.OrgRowWithGeometry): Org {
    return {
      ...toSummary(r),
      geometry: r.geometry,
      ancestors: r.ancestors,
      deletedAt: isoTime(r.deletedAt),
      createdAt: isoTime(r.createdAt)!,
      updatedAt: isoTime(r.updatedAt)!,
    }
  }

  function assertKindAllowed(kind: OrgKind, parentKind: OrgKind | null) {
    if (!childKinds[parentKind ?? 'root'].includes(kind)) {
      throw unprocessable('ORG_KIND_NOT_ALLOWED', { kind, parentKind: parentKind ?? '（顶级）' })
    }
  }

  /** Every geometry rule for a node of `kind` with geometry `g` under `parent`. */
  async function assertGeometryRules(ex: Executor, kind: OrgKind, g: Geometry, parent: { id: string; kind: OrgKind } | null, selfId: string | null) {
    const expected = POLYGON_KINDS.includes(kind) ? ['Polygon', 'MultiPolygon'] : ['Point']
    if (!expected.includes(g.type)) {
      throw unprocessable('GEOMETRY_TYPE_NOT_ALLOWED', { kind, expected: expected.join(' / ') }, [{ path: 'geometry', message: 'orgs.geometryExpected', params: { expected: expected.join(' / ') } }])
    }
    const validity = await repo.geometryValidity(ex, g)
    if (!validity.valid) throw unprocessable('GEOMETRY_INVALID', { reason: validity.reason }, { reason: validity.reason })
    if (parent && (kind === 'grid' || kind === 'estate')) {
      const outside = await repo.areaOutside(ex, g, parent.id)
      if (outside !== null && outside > tolerance) {
        throw unprocessable(kind === 'grid' ? 'GRID_OUTSIDE_COMMUNITY' : 'ESTATE_OUTSIDE_COMMUNITY', { outsideM2: Math.round(outside) }, { outsideM2: outside })
      }
    }
    if (parent && kind === 'building' && (await repo.pointNearContainer(ex, g, parent.id, BUILDING_EDGE_METRES)) === false) {
      throw unprocessable('BUILDING_OUTSIDE_GRID')
    }
    if ((kind === 'community' || kind === 'village') && selfId) {
      const stray = (await repo.childrenOutside(ex, selfId, g, tolerance))[0]
      if (stray) throw unprocessable('COMMUNITY_WOULD_EXCLUDE_GRIDS', { gridName: stray.name }, { id: stray.id, name: stray.name, outsideM2: stray.outsideM2 })
    }
    const peers = PEER_KINDS[kind]
    if (peers) {
      await repo.lockGeometryClass(ex, peers[0]!)
      const overlaps = await repo.overlappingPeers(ex, g, peers, selfId, tolerance)
      const first = overlaps[0]
      if (first) {
        throw unprocessable(
          kind === 'grid' ? 'GRID_OVERLAPS_SIBLING' : 'ORG_OVERLAPS_SIBLING',
          { siblingName: first.name, overlapM2: Math.round(first.overlapM2) },
          { siblings: overlaps.map((o) => ({ id: o.id, name: o.name, parentId: o.parentId, overlapM2: o.overlapM2, overlap: o.overlap })) },
        )
      }
    }
  }

  /**
   * The ancestors of a located grid (its community, street, district, city), cached for 30 s per
   * parent path: every grid of a community shares them, and reading them with each locate was a
   * third of its statement (docs/performance.md). A rename shows within 30 s; a grid moved to
   * another community has another path, so it is never answered with the old chain.
   */
  const ancestorCache = new Map<string, { at: number; chain: { id: string; kind: OrgKind; name: string }[] }>()
  const ANCESTORS_TTL_MS = 30_000
  async function ancestorsOfPath(ex: Executor, path: string) {
    const parent = path.slice(0, Math.max(0, path.lastIndexOf('.')))
    if (parent === '') return []
    const now = Date.now()
    const hit = ancestorCache.get(parent)
    if (hit && now - hit.at < ANCESTORS_TTL_MS) return hit.chain
    const chain = await repo.chainOf(ex, parent)
    if (ancestorCache.size >= 10_000) ancestorCache.clear()
    ancestorCache.set(parent, { at: now, chain })
    return chain
  }

  return {
    /** For other modules: the path and kind of a live node, or null. No permission check. */
    async findRef(ex: Executor, id: string): Promise<(OrgRef & { id: string; name: string }) | null> {
      const row = await repo.findOrg(ex, id)
      return row ? { id: row.id, path: row.path, kind: row.kind, name: row.name } : null
    },

    /**
     * For other modules: the org a list is filtered by (`?orgId=`). It must be a live node that
     * overlaps what the caller may see at `minLevel` (above their grid, or inside their scope);
     * otherwise 404 ORG_NOT_FOUND, so a caller learns nothing of nodes outside their scope.
     * No `orgId`: undefined.
     */
    async resolveFilter(ex: Executor, ctx: RequestContext, orgId: string | undefined, minLevel: number = LEVEL.gridStaff): Promise<(OrgRef & { id: string; name: string }) | undefined> {
      if (orgId === undefined) return undefined
      const row = await repo.findOrg(ex, orgId)
      const scopes = scopesOf(ctx.actor, minLevel)
      if (!row || !scopes.some((s) => isAncestorOrSelf(s, row.path) || isAncestorOrSelf(row.path, s))) throw notFound('ORG_NOT_FOUND')
      return { id: row.id, path: row.path, kind: row.kind, name: row.name }
    },

    /** For other modules: the live nodes of one kind at or below `path`. No permission check. */
    liveOfKindUnder: (ex: Executor, path: string, kind: OrgKind) => repo.liveOfKindUnder(ex, path, kind),

    /** For locating: the grid a WGS-84 point lies in, with its chain above (read with `ex`: a caller's transaction, or db). Grid names are public, so no permission check. */
    async gridAt(ex: Executor, lng: number, lat: number) {
      const grid = await repo.gridAt(ex, lng, lat)
      if (!grid) return null
      return { ...grid, ancestors: await ancestorsOfPath(ex, grid.path) }
    },
    nearestGrid: (lng: number, lat: number) => repo.nearestGrid(db, lng, lat),
    /** The building nearest a WGS-84 point within `maxM` metres, or null (reverse geocoding from Linli's own buildings). */
    nearestBuilding: (ex: Executor, lng: number, lat: number, maxM = 150) => repo.nearestBuilding(ex, lng, lat, maxM),
    /** A live building by id, or null (public: a resident registering names where they live). */
    liveBuilding: (ex: Executor, id: string) => repo.liveBuilding(ex, id),

    /** Outlines and building points inside a box, for maps to orient by (public: names and shapes). */
    orientation: (box: { west: number; south: number; east: number; north: number }, withBuildings: boolean) => repo.orientationFeatures(db, box, withBuildings, 1500),

    /** GET /public/communities: names only, for someone choosing where they live before they have an account. */
    async publicCommunities(q: { q?: string; limit: number }) {
      return { items: await repo.publicCommunities(db, q.q, q.limit) }
    },

    /** GET /public/communities/:id/buildings: the community's buildings by name; a missing community answers 404. */
    async publicBuildings(id: string) {
      if (!(await repo.isLiveCommunity(db, id))) throw notFound('ORG_NOT_FOUND')
      // Each building with the estate that holds it and its centre: a picker groups by estate, and
      // a report placed at a building needs its point (building places are on any map; no person here).
      const { estates, buildings } = await repo.communityPlaces(db, id)
      const estateName = new Map(estates.map((e) => [e.id, e.name]))
      return { items: buildings.map(({ estateId, ...b }) => ({ ...b, estateName: estateId ? estateName.get(estateId) ?? null : null })) }
    },

    /**
     * GET /orgs/:id/places: a community the caller reads, as the pickers offer it: its estates with
     * their buildings, then the buildings outside any estate; each building with its centre.
     */
    async places(ctx: RequestContext, id: string) {
      const community = await loadReadable(ctx, id)
      if (community.kind !== 'community' && community.kind !== 'village') throw unprocessable('ORG_NOT_COMMUNITY', {}, [{ path: 'id', message: 'orgs.notCommunity' }])
      const { estates, grids, buildings } = await repo.communityPlaces(db, id)
      const place = ({ estateId: _, ...b }: repo.PlaceBuilding) => b
      return {
        community: { id: community.id, name: community.name },
        estates: estates.map((e) => ({ ...e, buildings: buildings.filter((b) => b.estateId === e.id).map(place) })),
        otherBuildings: buildings.filter((b) => b.estateId === null).map(place),
        grids,
      }
    },

    async get(ctx: RequestContext, id: string): Promise<Org> {
      return toOrg(await loadReadable(ctx, id))
    },

    async listChildren(ctx: RequestContext, id: string, q: { kind?: OrgKind; cursor?: string; limit: number }): Promise<Page<OrgSummary>> {
      requireSignedIn(ctx.actor)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.listChildrenWithParent(db, id, { scopes: scopeParam(scopesOf(ctx.actor)), kind: q.kind, afterId: after?.id, limit: q.limit })
      const parent = found[0]
      if (!parent) throw notFound('ORG_NOT_FOUND')
      authorize(ctx.actor, 'org.read', { path: parent.parentPath, kind: parent.parentKind }, 'ORG_NOT_FOUND')
      const children = found.filter((r): r is typeof r & repo.OrgRow => r.id !== null)
      return toPage(children, q.limit, toSummary, (r) => ({ id: r.id }))
    },

    async search(ctx: RequestContext, q: { q?: string; under?: string; kind?: OrgKind; cursor?: string; limit: number }): Promise<Page<OrgSummary>> {
      requireSignedIn(ctx.actor)
      const underPath = q.under ? (await loadReadable(ctx, q.under)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchOrgs(db, {
        scopes: scopeParam(scopesOf(ctx.actor)),
        underPath,
        q: q.q,
        kind: q.kind,
        afterId: after?.id,
        limit: q.limit,
      })
      return toPage(found, q.limit, toSummary, (r) => ({ id: r.id }))
    },

    /** Figures for the dashboard: what lies below a node, in total and per child. */
    async stats(ctx: RequestContext, id: string) {
      const org = await loadReadable(ctx, id)
      const { total, byChild } = await repo.subtreeCounts(db, id, org.path, scopeParam(scopesOf(ctx.actor)))
      return { org: { id: org.id, kind: org.kind, name: org.name }, ...total, byChild }
    },

    async childrenGeoJson(ctx: RequestContext, id: string) {
      await loadReadable(ctx, id)
      const features = await repo.childrenFeatures(db, id, scopeParam(scopesOf(ctx.actor)))
      return {
        type: 'FeatureCollection' as const,
        features: features.map((f) => ({
          type: 'Feature' as const,
          id: f.id,
          geometry: f.geometry,
          properties: { id: f.id, kind: f.kind, name: f.name, childCount: f.childCount },
        })),
      }
    },

    async create(ctx: RequestContext, input: OrgCreate): Promise<Org> {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const parent = input.parentId === null ? null : await repo.findOrg(tx, input.parentId, { lock: true })
        if (input.parentId !== null && !parent) throw notFound('ORG_PARENT_NOT_FOUND')
        if (parent) authorize(ctx.actor, 'org.read', { path: parent.path, kind: parent.kind }, 'ORG_PARENT_NOT_FOUND')
        authorize(ctx.actor, 'org.create', { parent: parent ? { path: parent.path, kind: parent.kind } : null })
        assertKindAllowed(input.kind, parent?.kind ?? null)
        if (input.geometry) await assertGeometryRules(tx, input.kind, input.geometry, parent ?? null, null)
        const id = await repo.insertOrg(tx, {
          parentId: input.parentId,
          kind: input.kind,
          name: input.name,
          divisionCode: input.divisionCode ?? null,
          partyOrgKind: input.partyOrg?.kind ?? null,
          partyOrgName: input.partyOrg?.name ?? null,
          partyOrgSecretary: input.partyOrg?.secretary ?? null,
          propertyFirm: input.propertyFirm ?? null,
          geometry: input.geometry ?? null,
        })
        const created = (await repo.findOrg(tx, id))!
        await recordAudit(tx, ctx, { action: 'org.create', entity: 'org', entityId: id, orgPath: created.path, after: input.geometry ? await auditOutline(tx, created) : auditView(created) })
        // A new top-level node lies outside every existing scope: its creator becomes its admin.
        if (parent === null && ctx.actor.personId) {
          await grantRole(tx, { personId: ctx.actor.personId, role: 'admin', orgId: id })
          await recordAudit(tx, ctx, { action: 'role.assign', entity: 'role_assignment', entityId: null, orgPath: created.path, after: { personId: ctx.actor.personId, role: 'admin', orgId: id } })
        }
        return toOrg(created)
      })
    },

    async update(ctx: RequestContext, id: string, input: OrgUpdate): Promise<Org> {
      return inTransaction(db, async (tx) => {
        const before = await loadReadable(ctx, id, tx, true)
        const parent = await parentRefOf(tx, before, true)
        authorize(ctx.actor, 'org.update', { org: { path: before.path, kind: before.kind }, parent })
        const redraws = input.geometry !== undefined
        if (redraws) authorize(ctx.actor, 'org.redraw', { parent })
        if (input.geometry) await assertGeometryRules(tx, before.kind, input.geometry, parent, id)
        await repo.updateOrg(tx, id, {
          name: input.name,
          divisionCode: input.divisionCode,
          partyOrgKind: input.partyOrg === undefined ? undefined : (input.partyOrg?.kind ?? null),
          partyOrgName: input.partyOrg === undefined ? undefined : (input.partyOrg?.name ?? null),
          partyOrgSecretary: input.partyOrg === undefined ? undefined : (input.partyOrg?.secretary ?? null),
          propertyFirm: input.propertyFirm,
          geometry: input.geometry,
        })
        const after = (await repo.findOrg(tx, id))!
        await recordAudit(tx, ctx, {
          action: 'org.update',
          entity: 'org',
          entityId: id,
          orgPath: after.path,
          before: redraws ? await auditOutline(tx, before) : auditView(before),
          after: redraws ? await auditOutline(tx, after) : auditView(after),
        })
        return toOrg(after)
      })
    },

    async move(ctx: RequestContext, id: string, newParentId: string): Promise<Org> {
      return inTransaction(db, async (tx) => {
        const before = await loadReadable(ctx, id, tx, true)
        const from = await parentRefOf(tx, before)
        const to = await repo.findOrg(tx, newParentId, { lock: true })
        if (!to) throw notFound('ORG_PARENT_NOT_FOUND')
        authorize(ctx.actor, 'org.read', { path: to.path, kind: to.kind }, 'ORG_PARENT_NOT_FOUND')
        authorize(ctx.actor, 'org.move', { from, to: { path: to.path, kind: to.kind } })
        if (to.path === before.path || to.path.startsWith(before.path + '.')) throw unprocessable('ORG_MOVE_INTO_SELF')
        assertKindAllowed(before.kind, to.kind)
        if (before.geometry) await assertGeometryRules(tx, before.kind, before.geometry, to, id)
        await repo.moveSubtree(tx, id, before.path, to.id, to.path)
        const after = (await repo.findOrg(tx, id))!
        await recordAudit(tx, ctx, { action: 'org.move', entity: 'org', entityId: id, orgPath: after.path, before: { parentId: before.parentId, path: before.path }, after: { parentId: after.parentId, path: after.path } })
        return toOrg(after)
      })
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      await inTransaction(db, async (tx) => {
        const before = await loadReadable(ctx, id, tx, true)
        authorize(ctx.actor, 'org.delete', { parent: await parentRefOf(tx, before) })
        const children = await repo.countLiveChildren(tx, id)
        if (children > 0) throw conflict('ORG_HAS_CHILDREN', { count: children })
        const records = await repo.countRecords(tx, id)
        if (records.roles + records.tokens > 0) {
          const what = [records.roles ? `${records.roles} 个角色任命` : '', records.tokens ? `${records.tokens} 个访问令牌` : ''].filter(Boolean).join('、')
          throw conflict('ORG_HAS_RECORDS', { what }, records)
        }
        await repo.setDeleted(tx, id, true)
        await recordAudit(tx, ctx, { action: 'org.delete', entity: 'org', entityId: id, orgPath: before.path, before: auditView(before) })
      })
    },

    /** Undo of a delete, while the parent still exists. */
    async restore(ctx: RequestContext, id: string): Promise<Org> {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const row = await repo.findOrg(tx, id, { includeDeleted: true, lock: true })
        if (!row) throw notFound('ORG_NOT_FOUND')
        authorize(ctx.actor, 'org.read', { path: row.path, kind: row.kind }, 'ORG_NOT_FOUND')
        const parent = await parentRefOf(tx, row, true)
        authorize(ctx.actor, 'org.delete', { parent })
        if (row.deletedAt === null) throw conflict('ORG_NOT_DELETED')
        if (row.geometry) await assertGeometryRules(tx, row.kind, row.geometry, parent, id)
        await repo.setDeleted(tx, id, false)
        const after = (await repo.findOrg(tx, id))!
        await recordAudit(tx, ctx, { action: 'org.restore', entity: 'org', entityId: id, orgPath: after.path, after: auditView(after) })
        return toOrg(after)
      })
    },
  }
}

export type OrgService = ReturnType<typeof createOrgService>
