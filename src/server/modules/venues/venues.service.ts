// Venues (阵地) and the red map: the registry that cadres keep (venues, their rooms and booking
// rules) and the public reads of it: filtered lists, "nearest to me" and open data. Every venue
// in an answer carries its opening status and its navigation links.
import type { Executor } from '../../kernel/db/client.ts'
import { primaryReads, type ReadRouter } from '../../kernel/db/replicas.ts'
import type { Config } from '../../kernel/config.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, totalOf } from '../../kernel/pagination.ts'
import { isWeChatAgent, navigationLinksOf } from '../../kernel/navigation.ts'
import { toWgs84 } from '../geo/geo.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import { localDate, openStatus } from './venues.hours.ts'
import * as repo from './venues.repository.ts'
import type { VenueSubject } from './venues.policy.ts'
import type { NearestQuery, RoomInput, RoomPatch, VenueCreate, VenuePatch, VenuesQuery } from './venues.schemas.ts'
import { roomInputSchema } from './venues.schemas.ts'
import './venues.policy.ts'
import './venues.access.ts'

/** A walker's pace on the red map (GB 50180-2018's 15-minute circle assumes about this). */
export const METRES_PER_MINUTE = 80
const VENUE_ORG_KINDS = ['district', 'street', 'community', 'village', 'grid']

type Detail = { path: string; message: string }

export function createVenueService(deps: { db: Executor; reads?: ReadRouter; config: Pick<Config, 'MAP_TENCENT_REFERER' | 'WALK_DETOUR_FACTOR'>; clock?: () => Date }) {
  const { db, config } = deps
  // The red map's reads (list, nearest, open data) tolerate a few seconds' lag: a replica may answer.
  const reads = deps.reads ?? primaryReads(db)
  const now = deps.clock ?? (() => new Date())

  /** Venues as one reader sees them: open now or not, navigation links for the reader's browser. */
  async function present(ctx: RequestContext, ex: Executor, venues: repo.VenueRow[]) {
    const at = now()
    const holidays = venues.length ? await repo.holidaysFrom(ex, localDate(at), 15) : new Set<string>()
    const wechat = isWeChatAgent(ctx.userAgent ?? '')
    return venues.map((v) => {
      const { orgName, orgPath: _p, unitName, unitPersonIds: _u, lng, lat, photos, activities, ...rest } = v
      return {
        ...rest,
        org: { id: v.orgId, name: orgName },
        unit: v.unitId ? { id: v.unitId, name: unitName ?? '' } : null,
        entrance: { lng, lat },
        photos: photos.map((p) => ({ id: p.id, url: `/api/v1/files/${p.sha256}`, thumbUrl: `/api/v1/files/${p.sha256}?size=thumb` })),
        hours: { weekly: v.hours.weekly, exceptions: v.hours.exceptions ?? [], closedOnHolidays: v.hours.closedOnHolidays ?? true },
        openStatus: openStatus(v.hours, at, holidays),
        navigation: navigationLinksOf({ lng, lat }, v.name, { wechat, referer: config.MAP_TENCENT_REFERER }),
        canManage: can(ctx.actor, 'venue.manage', subjectOf(v)),
        // Activities are read by people signed in (the volunteers module's rule): none for a visitor.
        activities: ctx.actor.kind === 'anonymous' ? [] : activities,
        updatedAt: new Date(v.updatedAt).toISOString(),
      }
    })
  }

  const subjectOf = (v: repo.VenueRow): VenueSubject => ({ orgPath: v.orgPath, unitPersonIds: v.unitPersonIds })

  async function loadVenue(ex: Executor, id: string) {
    const venue = await repo.findVenue(ex, id)
    if (!venue) throw notFound('VENUE_NOT_FOUND')
    return venue
  }

  /** The kind's own fields: a level for centres only, a station kind for stations only. */
  function kindDetails(v: { kind: string; level: string | null; stationKind: string | null }): Detail[] {
    const details: Detail[] = []
    if (v.kind === 'party_service_center' && !v.level) details.push({ path: 'level', message: 'venues.levelRequired' })
    if (v.kind !== 'party_service_center' && v.level) details.push({ path: 'level', message: 'venues.levelOnlyCenters' })
    if (v.kind === 'station' && !v.stationKind) details.push({ path: 'stationKind', message: 'venues.stationKindRequired' })
    if (v.kind !== 'station' && v.stationKind) details.push({ path: 'stationKind', message: 'venues.stationKindOnlyStations' })
    return details
  }

  function roomDetails(r: RoomInput, prefix: string): Detail[] {
    return r.minMinutes > r.maxMinutes ? [{ path: `${prefix}minMinutes`, message: 'venues.minOverMax' }] : []
  }

  /**
   * The managing node (cadre there, when the venue is new or moves), the unit (under it, readable)
   * and the new photos (the caller's uploads). A unit's people editing their own venue in place
   * need no rank on the node.
   */
  async function checkPlacement(ctx: RequestContext, tx: Executor, v: repo.VenueWrite, keptPhotos: string[], moving = true): Promise<{ path: string }> {
    await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: v.photoIds.filter((id) => !keptPhotos.includes(id)) })
    if (!moving) return { path: (await repo.orgPaths(tx, [v.orgId]))[0]!.path }
    const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'org.read', entity: 'org', id: v.orgId })
    if (!VENUE_ORG_KINDS.includes(org.kind)) throw unprocessable('VENUE_INVALID', {}, [{ path: 'orgId', message: 'venues.orgKind' }])
    authorize(ctx.actor, 'venue.create', { orgPath: org.path })
    if (v.unitId) {
      await requireAccess<UnitAccessSubject>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', ids: [v.unitId] })
      if (!(await repo.unitUnder(tx, v.unitId, org.path))) throw unprocessable('VENUE_INVALID', {}, [{ path: 'unitId', message: 'venues.unitElsewhere' }])
    }
    return org
  }

  const writeOf = (input: Omit<VenueCreate, 'rooms'>): repo.VenueWrite => {
    const entrance = toWgs84(input.entrance.lng, input.entrance.lat, input.crs ?? 'wgs84')
    return {
      kind: input.kind,
      level: input.level ?? null,
      stationKind: input.stationKind ?? null,
      name: input.name,
      orgId: input.orgId,
      unitId: input.unitId ?? null,
      address: input.address,
      entrance,
      outline: input.outline ?? null,
      areaM2: input.areaM2 ?? null,
      phone: input.phone ?? null,
      description: input.description ?? null,
      photoIds: [...new Set(input.photoIds ?? [])],
      hours: { weekly: input.hours.weekly, exceptions: input.hours.exceptions ?? [], closedOnHolidays: input.hours.closedOnHolidays ?? true },
      amenities: input.amenities,
      services: input.services,
      tags: input.tags,
      audiences: input.audiences,
    }
  }

  const auditOf = (v: repo.VenueRow) => ({ kind: v.kind, name: v.name, orgId: v.orgId, unitId: v.unitId, address: v.address, entrance: [v.lng, v.lat], hours: v.hours, services: v.services, amenities: v.amenities })

  async function filtersOf(ex: Executor, q: { kind?: string; stationKind?: string; amenity?: string[]; service?: string[]; audience?: string; openNow?: boolean; q?: string; orgId?: string }): Promise<repo.VenueFilters> {
    let underPath: string | undefined
    if (q.orgId) {
      // A public filter: the node need only exist (the org tree's names are public, as on the red map).
      const [org] = await repo.orgPaths(ex, [q.orgId])
      if (!org) throw notFound('ORG_NOT_FOUND')
      underPath = org.path
    }
    return { kind: q.kind, stationKind: q.stationKind, amenity: q.amenity, service: q.service, audience: q.audience, openNow: q.openNow, q: q.q, underPath }
  }

  return {
    subjectOf,

    list: (ctx: RequestContext, q: VenuesQuery) => reads.run(ctx, async (ex) => {
      const after = decodeCursor(q.cursor, idCursor)
      const filters = await filtersOf(ex, q)
      const found = await repo.searchVenues(ex, { ...filters, afterId: after?.id, limit: q.limit })
      const page = toPage(found, q.limit, (v) => v, (v) => ({ id: v.id }))
      const total = after ? undefined : await repo.countVenues(ex, filters)
      return { ...page, items: await present(ctx, ex, page.items), ...(total === undefined ? {} : totalOf(total)) }
    }),

    async get(ctx: RequestContext, id: string) {
      const [venue] = await present(ctx, db, [await loadVenue(db, id)])
      return venue!
    },

    nearest: (ctx: RequestContext, q: NearestQuery) => reads.run(ctx, async (ex) => {
      const at = toWgs84(q.lng, q.lat, q.crs)
      const filters = await filtersOf(ex, q)
      const found = await repo.nearestVenues(ex, { lng: at[0]!, lat: at[1]! }, filters, q.limit)
      const venues = await present(ctx, ex, found)
      const detour = config.WALK_DETOUR_FACTOR
      return {
        items: found.map((v, i) => ({
          venue: venues[i]!,
          distanceM: Math.round(v.distanceM),
          walkMin: Math.max(1, Math.ceil((v.distanceM * detour) / METRES_PER_MINUTE)),
        })),
        method: { metresPerMinute: METRES_PER_MINUTE, detourFactor: detour },
      }
    }),

    /** Open data: every venue as a GeoJSON Feature with its public fields. */
    geojson: (ctx: RequestContext) => reads.run(ctx, async (ex) => {
      const features = []
      let afterId: string | undefined
      for (;;) {
        const found = await repo.searchVenues(ex, { afterId, limit: 1000 })
        const page = found.slice(0, 1000)
        for (const v of await present(ctx, ex, page)) {
          const { entrance, canManage: _c, photoIds: _p, rooms, activities: _a, ...props } = v
          features.push({
            type: 'Feature' as const,
            id: v.id,
            geometry: { type: 'Point' as const, coordinates: [entrance.lng, entrance.lat] as [number, number] },
            properties: { ...props, rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })) },
          })
        }
        if (found.length <= 1000) break
        afterId = page[page.length - 1]!.id
      }
      return { type: 'FeatureCollection' as const, features }
    }),

    async create(ctx: RequestContext, input: VenueCreate) {
      const details = [...kindDetails({ kind: input.kind, level: input.level ?? null, stationKind: input.stationKind ?? null }), ...input.rooms.flatMap((r, i) => roomDetails(r, `rooms.${i}.`))]
      if (details.length) throw unprocessable('VENUE_INVALID', {}, details)
      const write = writeOf(input)
      return inTransaction(db, async (tx) => {
        const org = await checkPlacement(ctx, tx, write, [])
        const id = await repo.insertVenue(tx, write)
        for (const room of input.rooms) await repo.insertRoom(tx, id, room)
        const venue = await loadVenue(tx, id)
        await recordAudit(tx, ctx, { action: 'venue.create', entity: 'venue', entityId: id, orgPath: org.path, after: auditOf(venue) })
        return (await present(ctx, tx, [venue]))[0]!
      })
    },

    async update(ctx: RequestContext, id: string, patch: VenuePatch) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'venue.manage', entity: 'venue', id })
        await repo.lockVenue(tx, id)
        const before = await loadVenue(tx, id)
        const merged = {
          kind: before.kind, level: before.level, stationKind: before.stationKind, name: before.name, orgId: before.orgId, unitId: before.unitId,
          address: before.address, entrance: { lng: before.lng, lat: before.lat }, outline: before.outline, areaM2: before.areaM2, phone: before.phone,
          description: before.description, photoIds: before.photoIds, hours: before.hours, amenities: before.amenities, services: before.services,
          tags: before.tags, audiences: before.audiences,
          ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        } as Omit<VenueCreate, 'rooms'>
        // Changing the kind without its own fields: the fields of the old kind drop.
        if (patch.kind && patch.kind !== before.kind) {
          if (patch.level === undefined && patch.kind !== 'party_service_center') merged.level = null
          if (patch.stationKind === undefined && patch.kind !== 'station') merged.stationKind = null
        }
        const details = kindDetails({ kind: merged.kind, level: merged.level ?? null, stationKind: merged.stationKind ?? null })
        if (details.length) throw unprocessable('VENUE_INVALID', {}, details)
        if (!patch.entrance) merged.crs = 'wgs84'
        const write = writeOf(merged)
        // Moving it to another node or unit needs the right to register it there.
        const moving = write.orgId !== before.orgId || write.unitId !== before.unitId
        const org = await checkPlacement(ctx, tx, write, before.photoIds, moving)
        await repo.updateVenue(tx, id, write)
        const after = await loadVenue(tx, id)
        await recordAudit(tx, ctx, { action: 'venue.update', entity: 'venue', entityId: id, orgPath: org.path, before: auditOf(before), after: auditOf(after) })
        return (await present(ctx, tx, [after]))[0]!
      })
    },

    async remove(ctx: RequestContext, id: string) {
      await inTransaction(db, async (tx) => {
        await requireAccessOne(tx, ctx.actor, { permission: 'venue.manage', entity: 'venue', id })
        await repo.lockVenue(tx, id)
        const before = await loadVenue(tx, id)
        const count = await repo.upcomingBookings(tx, { venueId: id })
        if (count > 0) throw conflict('VENUE_HAS_BOOKINGS', { count })
        await repo.deleteVenue(tx, id)
        await recordAudit(tx, ctx, { action: 'venue.delete', entity: 'venue', entityId: id, orgPath: before.orgPath, before: auditOf(before) })
      })
    },

    async addRoom(ctx: RequestContext, venueId: string, input: RoomInput) {
      const details = roomDetails(input, '')
      if (details.length) throw unprocessable('VENUE_INVALID', {}, details)
      return inTransaction(db, async (tx) => {
        const venue = await requireAccessOne<VenueSubject>(tx, ctx.actor, { permission: 'room.manage', entity: 'venue', id: venueId })
        const id = await repo.insertRoom(tx, venueId, input)
        await recordAudit(tx, ctx, { action: 'room.create', entity: 'room', entityId: id, orgPath: venue.orgPath, after: { venueId, ...input } })
        return (await repo.findRoom(tx, id).then(publicRoom))!
      })
    },

    async updateRoom(ctx: RequestContext, id: string, patch: RoomPatch) {
      return inTransaction(db, async (tx) => {
        const venue = await requireAccessOne<VenueSubject>(tx, ctx.actor, { permission: 'room.manage', entity: 'room', id })
        const before = (await repo.findRoom(tx, id, true))!
        const { id: _i, venueId: _v, checkinCode: _c, ...fields } = before
        const merged = roomInputSchema.parse({ ...fields, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) })
        const details = roomDetails(merged, '')
        if (details.length) throw unprocessable('VENUE_INVALID', {}, details)
        await repo.updateRoom(tx, id, merged)
        await recordAudit(tx, ctx, { action: 'room.update', entity: 'room', entityId: id, orgPath: venue.orgPath, before: fields, after: merged })
        return (await repo.findRoom(tx, id).then(publicRoom))!
      })
    },

    async removeRoom(ctx: RequestContext, id: string) {
      await inTransaction(db, async (tx) => {
        const venue = await requireAccessOne<VenueSubject>(tx, ctx.actor, { permission: 'room.manage', entity: 'room', id })
        const before = (await repo.findRoom(tx, id, true))!
        const count = await repo.upcomingBookings(tx, { roomId: id })
        if (count > 0) throw conflict('ROOM_HAS_BOOKINGS', { count })
        await repo.deleteRoom(tx, id)
        await recordAudit(tx, ctx, { action: 'room.delete', entity: 'room', entityId: id, orgPath: venue.orgPath, before: { venueId: before.venueId, name: before.name } })
      })
    },

    /** The room's check-in code, for its managers to print as a QR code. */
    async roomCheckinCode(ctx: RequestContext, id: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'room.manage', entity: 'room', id, hide: true })
      const room = (await repo.findRoom(db, id))!
      return { roomId: id, code: room.checkinCode }
    },
  }
}

function publicRoom(r: (repo.RoomRow & { checkinCode: string }) | undefined) {
  if (!r) return undefined
  const { checkinCode: _c, ...room } = r
  return room
}

export type VenueService = ReturnType<typeof createVenueService>
