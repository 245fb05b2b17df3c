// How an order reads for one viewer: its actions for them, and, for a provider browsing the grab
// hall who is neither staff nor party to it, the requester's name masked and no timeline.
import type { Actor, RequestContext } from '../../kernel/context.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { notFound } from '../../kernel/errors.ts'
import { candidatesFor } from './orders.matching.ts'
import { fileUrl, thumbUrl } from '../files/files.service.ts'
import type { ItemRow } from './orders.catalogue.repository.ts'
import type { EventRow, OrderRow } from './orders.repository.ts'
import type { Order, OrderDetail } from './orders.schemas.ts'
import { actionsFor, viewerOf } from './orders.workflow.ts'

export const maskName = (name: string) => (name.length <= 1 ? name : name.slice(0, 1) + '*'.repeat(Math.min(name.length - 1, 2)))
const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString())
export const photo = (p: { id: string; sha256: string }) => ({ id: p.id, url: fileUrl(p.sha256), thumbUrl: thumbUrl(p.sha256) })

/**
 * An open order read only as a grabber (not staff, requester or provider): the reader must be
 * one who may serve it (orders.matching.ts), else it answers as missing.
 */
export async function assertGrabber(ex: Executor, ctx: RequestContext, o: OrderRow): Promise<void> {
  if (!grabberOnly(ctx.actor, o)) return
  if ((await candidatesFor(ex, o.id, { only: ctx.actor.personId ?? '0' })).length === 0) throw notFound('ORDER_NOT_FOUND')
}

/** Whether the viewer sees the order only as a grabber (not staff, requester or provider). */
export function grabberOnly(actor: Actor, o: OrderRow): boolean {
  const v = viewerOf(actor, o)
  return !v.staff && !v.requester && !v.provider
}

export function presentOrder(actor: Actor, o: OrderRow, item: Pick<ItemRow, 'id' | 'versionId' | 'version' | 'name' | 'list' | 'icon' | 'ratingRequired' | 'points'>, distanceM: number | null = null): Order {
  const masked = grabberOnly(actor, o)
  const assignee = o.assigneeKind === null ? null : { kind: o.assigneeKind, id: (o.assigneePersonId ?? o.assigneeTeamId ?? o.assigneeUnitId)!, name: o.assigneeName ?? '' }
  return {
    id: o.id,
    state: o.state,
    item: { id: item.id, versionId: item.versionId, version: item.version, name: item.name, list: item.list, icon: item.icon, ratingRequired: item.ratingRequired, points: item.points },
    org: { id: o.orgId, name: o.orgName },
    community: { id: o.communityId, name: o.communityName },
    requester: { id: masked ? '' : o.requesterId, name: masked ? maskName(o.requesterName) : o.requesterName },
    placedBy: masked || o.placedById === null ? null : { id: o.placedById, name: o.placedByName ?? '' },
    channel: o.channel,
    location: { lng: o.lng, lat: o.lat },
    address: o.address,
    window: o.windowFrom ? { from: iso(o.windowFrom)!, to: iso(o.windowTo ?? o.windowFrom)! } : null,
    note: o.note,
    urgent: o.urgent,
    assignee,
    provider: o.providerId ? { id: o.providerId, name: o.providerName ?? '' } : null,
    dueAt: iso(o.dueAt),
    overdue: o.overdue,
    rating: o.rating,
    ratingComment: masked ? null : o.ratingComment,
    hours: o.hours,
    result: o.result,
    reason: o.reason,
    mergedIntoId: o.mergedIntoId,
    distanceM,
    createdAt: iso(o.createdAt)!,
    updatedAt: iso(o.updatedAt)!,
    actions: actionsFor(actor, o),
  }
}

export function presentDetail(actor: Actor, o: OrderRow, item: ItemRow, events: EventRow[], photos: { id: string; sha256: string }[], press: OrderDetail['press']): OrderDetail {
  const masked = grabberOnly(actor, o)
  return {
    ...presentOrder(actor, o, item),
    photos: photos.map(photo),
    timeline: masked ? [] : events.map((e) => ({
      id: e.id, action: e.action, from: e.from, to: e.to, actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null, actorKind: e.actorKind,
      note: e.note, photos: e.photos.map(photo), data: e.data, at: iso(e.at)!,
    })),
    press: masked ? null : press,
  }
}
