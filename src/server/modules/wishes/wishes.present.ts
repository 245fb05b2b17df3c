// How a wish row is answered: the wall's anonymised card (a surname, the community, what is
// wished, never the wisher's id, name or address) or the full record its people read, each with
// the actions the caller may take.
import { isoTime } from '../../kernel/db/client.ts'
import type { Actor } from '../../kernel/context.ts'
import { isClaimant, isModerator, isWisher, readsWish, type WishSubject } from './wishes.policy.ts'
import { actionsFor, surnameOf, wisherLabel, type WishFacts, type WishViewer } from './wishes.workflow.ts'
import type { EventRow, FileRef, WishRow } from './wishes.repository.ts'
import type { WallWish, Wish, WishEvent } from './wishes.schemas.ts'

export const subjectOf = (w: WishRow): WishSubject => ({
  orgPath: w.orgPath,
  state: w.state,
  wisherId: w.wisherId,
  postedBy: w.postedBy,
  claimantPersonId: w.claimantPersonId,
  claimantUnitPersonIds: w.claimantUnitPersonIds,
})

export const factsOf = (w: Pick<WishRow, 'state' | 'thanks' | 'expiresOn'>, today: string): WishFacts => ({
  state: w.state,
  thanked: w.thanks !== null,
  expired: (w.state === 'open' || w.state === 'pending') && w.expiresOn !== null && w.expiresOn < today,
})

export function viewerOf(actor: Actor, w: WishRow, mayClaim: boolean): WishViewer {
  const s = subjectOf(w)
  return { wisher: isWisher(actor, s), claimant: isClaimant(actor, s), moderator: isModerator(actor, s), mayClaim }
}

const photo = (f: FileRef) => ({ id: f.id, url: `/api/v1/files/${f.sha256}`, thumbUrl: `/api/v1/files/${f.sha256}?size=thumb` })
const photosOf = (ids: string[], files: FileRef[]) => ids.map((id) => files.find((f) => f.id === id)).filter((f): f is FileRef => !!f).map(photo)
const ref = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? '' })

export interface Presenter {
  actor: Actor
  today: string
  /** The caller is a Party member or acts for a unit. */
  mayClaim: boolean
}

export function presentWall(p: Presenter, w: WishRow): WallWish {
  const actions = p.actor.kind === 'anonymous' ? [] : actionsFor(viewerOf(p.actor, w, p.mayClaim), factsOf(w, p.today))
  return {
    view: 'public',
    id: w.id,
    state: w.state,
    wisherLabel: wisherLabel(w.wisherName, w.beneficiary),
    community: { id: w.orgId, name: w.orgName },
    beneficiary: w.beneficiary,
    category: w.category,
    title: w.title,
    story: w.story,
    valueYuan: w.valueYuan,
    expiresOn: w.expiresOn,
    claimantLabel: w.claimantUnitName ?? (w.claimantName ? `${surnameOf(w.claimantName)}**` : null),
    claimedAt: isoTime(w.claimedAt),
    fulfilledAt: isoTime(w.fulfilledAt),
    thanks: w.thanks,
    thankedAt: isoTime(w.thankedAt),
    createdAt: isoTime(w.createdAt)!,
    actions,
  }
}

export function presentFull(p: Presenter, w: WishRow): Wish {
  const facts = factsOf(w, p.today)
  return {
    view: 'full',
    id: w.id,
    state: w.state,
    wisherLabel: wisherLabel(w.wisherName, w.beneficiary),
    community: { id: w.orgId, name: w.orgName },
    wisher: { id: w.wisherId, name: w.wisherName },
    postedBy: ref(w.postedBy, w.postedByName),
    beneficiary: w.beneficiary,
    category: w.category,
    title: w.title,
    story: w.story,
    valueYuan: w.valueYuan,
    photos: photosOf(w.photoIds, w.files),
    expiresOn: w.expiresOn,
    expired: facts.expired,
    moderatedBy: ref(w.moderatedBy, w.moderatedByName),
    moderatedAt: isoTime(w.moderatedAt),
    reason: w.reason,
    claimant: ref(w.claimantPersonId, w.claimantName),
    claimantUnit: ref(w.claimantUnitId, w.claimantUnitName),
    claimedAt: isoTime(w.claimedAt),
    fulfilledAt: isoTime(w.fulfilledAt),
    fulfilNote: w.fulfilNote,
    proofPhotos: photosOf(w.proofPhotoIds, w.files),
    thanks: w.thanks,
    thankedAt: isoTime(w.thankedAt),
    createdAt: isoTime(w.createdAt)!,
    actions: actionsFor(viewerOf(p.actor, w, p.mayClaim), facts),
  }
}

/** The full record to those who may read it, the wall's card to everyone else. */
export const presentFor = (p: Presenter, w: WishRow): Wish | WallWish => (readsWish(p.actor, subjectOf(w)) ? presentFull(p, w) : presentWall(p, w))

export const presentEvent = (e: EventRow): WishEvent => ({
  id: e.id,
  action: e.action,
  from: e.from,
  to: e.to,
  actor: ref(e.actorId, e.actorName),
  note: e.note,
  photos: photosOf(e.data.photoIds ?? [], e.files),
  at: isoTime(e.at)!,
})
