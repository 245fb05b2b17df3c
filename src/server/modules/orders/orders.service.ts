// Placing and reading orders (点单): a resident from the catalogue, a cadre for a resident after a
// phone call (代下单), a one-button device or the elder mode's big button; the order board, one
// order with its timeline, the grab hall near a point, and providers' profiles.
import type { Config } from '../../kernel/config.ts'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { AppError, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { toWgs84, type Crs, type GeoService } from '../geo/geo.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './orders.repository.ts'
import * as items from './orders.catalogue.repository.ts'
import { kindsOf, openNear, providerProfile, saveLiveLocation, saveProfile, candidatesFor } from './orders.matching.ts'
import { assertGrabber, presentDetail, presentOrder } from './orders.present.ts'
import { fitsWindows } from './orders.workflow.ts'
import type { OrderEffects } from './orders.effects.ts'
import type { Transitions } from './orders.transitions.ts'
import { channelLabels } from './orders.labels.ts'
import type { OrderChannel, OrderCreate, OrdersQuery, ProviderProfile } from './orders.schemas.ts'
import { pressOfOrder } from './orders.devices.repository.ts'
import { announceNotifications } from '../notifications/notifications.write.ts'

const ELDERLY_AGE = 60
/** Who is told of an order waiting for its review: these roles over its node. */
const REVIEWERS = ['grid_worker', 'grid_leader', 'community_cadre']
/** A service item's subject for the policy check of the fast placing (see `placeFast`). */
const ANY_ITEM = { orgPath: '' }
const audienceWords = { elderly: '60 岁以上老人', tagged: '特定居民' } as const

export interface PlaceInput {
  item: items.ItemRow
  requesterId: string
  placedBy: string | null
  channel: OrderChannel
  at: { orgId: string; orgPath: string; communityId: string; address: string; lng: number; lat: number }
  window: { from: string; to: string } | null
  note: string | null
  photoIds: string[]
  urgent: boolean
}

export function createOrderService(deps: { db: Executor; config: Config; geo: Pick<GeoService, 'findGridAt' | 'nearestBuilding'>; notifications: Pick<NotificationService, 'notify'>; effects: OrderEffects; transitions: Transitions }) {
  const { db, geo, notifications, effects, transitions } = deps

  /**
   * Writes a placed order and its first event; an auto-accepting item is accepted at once. Answers
   * the order and its timeline as written when nothing changed them since (null after an accept).
   */
  async function placeIn(tx: Executor, p: PlaceInput, actor: { id: string | null; kind: 'person' | 'device' | 'system' }): Promise<{ id: string; asWritten: { order: repo.OrderRow; event: Omit<repo.EventRow, 'photos'> } | null }> {
    const written = await repo.insertOrder(tx, {
      itemId: p.item.id, itemVersionId: p.item.versionId, orgId: p.at.orgId, communityId: p.at.communityId, state: 'placed', requesterId: p.requesterId,
      placedBy: p.placedBy, channel: p.channel, lng: p.at.lng, lat: p.at.lat, address: p.at.address, windowFrom: p.window?.from ?? null, windowTo: p.window?.to ?? null,
      note: p.note, photoIds: p.photoIds, urgent: p.urgent, dueHours: p.item.reviewHours,
    }, { actorId: actor.id, actorKind: actor.kind, action: 'place', from: null, to: 'placed', note: p.note, photoIds: p.photoIds, data: { channel: p.channel, itemVersion: p.item.version } })
    const id = written.order.id
    if (p.item.autoAccept || p.urgent) {
      const o = written.order
      await transitions.accept({ tx, o, me: actor.id ?? '', event: (e) => repo.insertEvent(tx, { orderId: id, actorId: null, actorKind: 'system', action: e.action ?? 'review', from: 'placed', to: e.to, note: e.note, data: e.data }) }, p.item.grab, 'review', { push: !p.urgent })
    } else {
      const staff = await repo.staffOver(tx, p.at.orgPath, REVIEWERS)
      await notifications.notify(tx, { personIds: staff.filter((s) => s !== actor.id), kind: 'order.review', title: `新订单待审核：${p.item.name}`, body: `${channelLabels[p.channel].zh} · ${p.at.address}`, link: { orderId: id } })
      return { id, asWritten: written }
    }
    return { id, asWritten: null }
  }

  /** Where an order is served: a picked point (its grid, or the building within 30 m), else the requester's home. */
  async function placeOf(tx: Executor, requesterId: string, input: Pick<OrderCreate, 'location' | 'crs' | 'address'>): Promise<PlaceInput['at']> {
    if (input.location) {
      const [lng, lat] = toWgs84(input.location.lng, input.location.lat, input.crs as Crs)
      const grid = await geo.findGridAt(tx, { lng, lat, crs: 'wgs84' })
      if (!grid) throw unprocessable('ORDER_INVALID', {}, [{ path: 'location', message: 'orders.locationOutside' }])
      const building = await geo.nearestBuilding(tx, lng, lat, 30)
      const node = building ? await repo.nodeOf(tx, building.id) : { id: grid.id, path: grid.path }
      const community = await repo.communityOf(tx, node!.id)
      if (!community) throw unprocessable('ORDER_INVALID', {}, [{ path: 'location', message: 'orders.locationOutside' }])
      return { orgId: node!.id, orgPath: node!.path, communityId: community.id, address: input.address ?? `${community.name}${building ? building.name : grid.name}`, lng, lat }
    }
    const home = await repo.homeOf(tx, requesterId)
    if (!home) throw unprocessable('ORDER_NO_ADDRESS')
    return { orgId: home.orgId, orgPath: home.orgPath, communityId: home.communityId, address: input.address ?? home.address, lng: home.lng, lat: home.lat }
  }

  /** The item is offered where the order is, and the requester is of its audience. */
  async function assertOrderable(tx: Executor, item: items.ItemRow, requesterId: string, at: PlaceInput['at']) {
    if (item.retiredAt) throw unprocessable('SERVICE_ITEM_RETIRED')
    if (!(at.orgPath === item.orgPath || at.orgPath.startsWith(item.orgPath + '.'))) throw unprocessable('ORDER_NOT_OFFERED')
    if (item.audience === 'everyone') return
    const home = await repo.homeOf(tx, requesterId)
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()
    const ok = home !== undefined && (item.audience === 'elderly'
      ? home.birthYear !== null && year - home.birthYear >= ELDERLY_AGE
      : home.tags.some((t) => item.audienceTags.includes(t)))
    if (!ok) throw unprocessable('ORDER_AUDIENCE', { audience: audienceWords[item.audience] })
  }

  async function loadOrder(ex: Executor, ctx: RequestContext, id: string) {
    await requireAccessOne(ex, ctx.actor, { permission: 'order.read', entity: 'order', id })
    const o = await repo.findOrder(ex, id)
    if (!o) throw notFound('ORDER_NOT_FOUND')
    await assertGrabber(ex, ctx, o)
    return o
  }

  async function detail(ctx: RequestContext, id: string) {
    const o = await loadOrder(db, ctx, id)
    const item = (await items.findVersion(db, o.itemVersionId))!
    return presentDetail(ctx.actor, o, item, await repo.eventsOf(db, id), await repo.photosOf(db, o.photoIds), await pressOfOrder(db, id))
  }

  /**
   * The common placing (a resident for themself, at home, no photos, an item that waits for a
   * review) in two round trips: one statement reads the item and the home, checks the rules and
   * writes the order, its event and the reviewers' notifications; the live push follows its commit.
   * The slow way below took ten (see bench/orders.ts). Undefined when a rule did not hold or the
   * placing is of another kind: the slow way then answers, with its precise refusal.
   */
  async function placeFast(ctx: RequestContext, me: string, input: OrderCreate) {
    if ((input.onBehalfOf && input.onBehalfOf !== me) || input.location || input.photoIds?.length) return undefined
    // The item's subject is known only inside the statement: this way is open while ordering an
    // item asks only who the caller is (orders.policy.ts says so beside the policy).
    if (!can(ctx.actor, 'serviceItem.order', ANY_ITEM)) return undefined
    const placed = await repo.placeAtHome(db, {
      itemId: input.itemId, personId: me, address: input.address ?? null, windowFrom: input.window?.from ?? null, windowTo: input.window?.to ?? null,
      note: input.note ?? null, year: new Date(Date.now() + 8 * 3_600_000).getUTCFullYear(), elderlyAge: ELDERLY_AGE,
      staffRoles: REVIEWERS, title: '新订单待审核：', bodyPrefix: `${channelLabels.app.zh} · `,
    })
    if (!placed) return undefined
    await announceNotifications(db, placed.notified)
    return presentDetail(ctx.actor, placed.order, placed.item, [{ ...placed.event, photos: [] }], [], null)
  }

  return {
    placeIn,
    placeOf,
    assertOrderable,
    detail,

    async place(ctx: RequestContext, input: OrderCreate) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      if (input.window && Date.parse(input.window.from) < Date.now() - 10 * 60_000) throw unprocessable('ORDER_INVALID', {}, [{ path: 'window.from', message: 'orders.windowPast' }])
      const fast = await placeFast(ctx, me, input)
      if (fast) return fast
      // Answers the order as written, read once inside the transaction (the placer may read it).
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'serviceItem.order', entity: 'serviceItem', id: input.itemId })
        const item = (await items.findItem(tx, input.itemId))!
        const requesterId = input.onBehalfOf ?? me
        if (input.onBehalfOf && input.onBehalfOf !== me) {
          await requireAccessOne(tx, ctx.actor, { permission: 'person.read', entity: 'person', id: input.onBehalfOf })
          const home = await repo.homeOf(tx, input.onBehalfOf)
          if (!home) throw unprocessable('ORDER_INVALID', {}, [{ path: 'onBehalfOf', message: 'orders.personNoHome' }])
          if (!can(ctx.actor, 'order.placeFor', { orgPath: home.orgPath })) throw unprocessable('ORDER_INVALID', {}, [{ path: 'onBehalfOf', message: 'orders.onBehalfOutside' }])
        }
        const at = await placeOf(tx, requesterId, input)
        await assertOrderable(tx, item, requesterId, at)
        const photoIds = await effects.assertPhotos(tx, ctx, input.photoIds)
        const proxy = requesterId !== me
        const { id: orderId, asWritten } = await placeIn(tx, {
          item, requesterId, placedBy: me, channel: proxy ? 'proxy' : 'app', at, window: input.window ?? null, note: input.note ?? null, photoIds, urgent: false,
        }, { id: me, kind: 'person' })
        if (proxy) await recordAudit(tx, ctx, { action: 'order.place_for', entity: 'order', entityId: orderId, orgPath: at.orgPath, after: { itemId: input.itemId, onBehalfOf: requesterId } })
        const photos = photoIds.length ? await repo.photosOf(tx, photoIds) : []
        if (asWritten) return presentDetail(ctx.actor, asWritten.order, item, [{ ...asWritten.event, photos }], photos, null)
        const o = (await repo.findOrder(tx, orderId))!
        return presentDetail(ctx.actor, o, item, await repo.eventsOf(tx, orderId), photos, null)
      })
    },

    async list(ctx: RequestContext, q: OrdersQuery) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      const staffScopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      const view = q.view ?? (staffScopes.length > 0 ? 'manage' : 'mine')
      let underPath: string | undefined
      if (q.orgId) underPath = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })).path
      if (q.itemId) await requireAccessOne(db, ctx.actor, { permission: 'serviceItem.read', entity: 'serviceItem', id: q.itemId })
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchOrders(db, {
        scopes: view === 'manage' ? scopeParam(staffScopes) || null : null,
        mine: view === 'mine' ? me ?? '0' : undefined,
        serving: view === 'serving' ? me ?? '0' : undefined,
        underPath, state: q.state, itemId: q.itemId, channel: q.channel, overdue: q.overdue, afterId: after?.id, limit: q.limit,
      })
      const versions = await items.findVersions(db, found.map((o) => o.itemVersionId))
      return toPage(found, q.limit, (o) => presentOrder(ctx.actor, o, versions.get(o.itemVersionId)!), (o) => ({ id: o.id }))
    },

    /** The grab hall: open orders near a point that the caller may take. */
    async nearMe(ctx: RequestContext, q: { lng: number; lat: number; crs: Crs; limit: number }) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      const k = await kindsOf(db, me)
      const staff = scopesOf(ctx.actor, LEVEL.gridStaff).length > 0
      const kinds = [...(k.member ? ['member'] : []), ...(k.volunteer ? ['volunteer'] : []), ...(staff ? ['staff'] : [])]
      if (kinds.length === 0) throw new AppError(403, 'ORDER_NOT_SERVING')
      const [lng, lat] = toWgs84(q.lng, q.lat, q.crs)
      const found = await openNear(db, { lng, lat, kinds, skills: k.skills, me, staffScopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), limit: q.limit })
      const profile = await providerProfile(db, me)
      return {
        items: found.map((n) => ({
          id: n.id, item: { id: n.itemId, name: n.itemName, icon: n.itemIcon, list: n.list, points: n.points }, address: n.address,
          window: n.windowFrom ? { from: new Date(n.windowFrom).toISOString(), to: new Date(n.windowTo ?? n.windowFrom).toISOString() } : null,
          note: n.note, urgent: n.urgent, location: { lng: n.lng, lat: n.lat }, distanceM: n.distanceM, requester: n.requesterName,
          inMyWindows: fitsWindows(profile.windows, n.windowFrom, n.windowTo), createdAt: new Date(n.createdAt).toISOString(), dueAt: n.dueAt ? new Date(n.dueAt).toISOString() : null,
        })),
        kinds,
      }
    },

    /** Who may serve an order, for the dispatch dialog's map (staff only). */
    async candidates(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'order.manage', entity: 'order', id })
      const o = (await repo.findOrder(db, id))!
      const found = await candidatesFor(db, id, { limit: 100 })
      const nearby = await repo.assigneesNear(db, o.orgPath)
      return {
        items: found.map((c) => ({
          person: { id: c.personId, name: c.name }, kinds: c.kinds, distanceM: c.distanceM, busy: c.busy, inWindow: fitsWindows(c.windows, o.windowFrom, o.windowTo),
          location: c.lng === null || c.lat === null ? null : { lng: c.lng, lat: c.lat }, served: c.served,
        })),
        teams: nearby.teams,
        units: nearby.units,
      }
    },

    async myProfile(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw forbidden()
      const p = await providerProfile(db, ctx.actor.personId)
      return { windows: p.windows, radiusM: p.radiusM, paused: p.paused, liveAt: p.liveAt ? new Date(p.liveAt).toISOString() : null }
    },

    async saveMyProfile(ctx: RequestContext, p: ProviderProfile) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw forbidden()
      await inTransaction(db, (tx) => saveProfile(tx, ctx.actor.personId!, p))
      return this.myProfile(ctx)
    },

    async saveMyLocation(ctx: RequestContext, q: { lng: number; lat: number; crs: Crs }) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw forbidden()
      const [lng, lat] = toWgs84(q.lng, q.lat, q.crs)
      await inTransaction(db, (tx) => saveLiveLocation(tx, ctx.actor.personId!, lng, lat))
      return this.myProfile(ctx)
    },
  }
}

export type OrderService = ReturnType<typeof createOrderService>
