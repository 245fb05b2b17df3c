// Who may do what with wishes. The wall (open, claimed and fulfilled wishes, anonymised) is public.
// The full record (the wisher's name, the timeline) is read by the wisher, the poster, the claimant
// (the person, or anyone acting for the claiming unit) and staff (grid staff and above) over the
// wish's community. Moderation (approve, reject) and posting for someone else are for cadres
// (community cadres and above) of the community: the community answers for what its wall shows.
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import type { WishState } from './wishes.schemas.ts'

export interface WishSubject {
  /** The community's path. */
  orgPath: string
  state: WishState
  wisherId: string
  postedBy: string | null
  claimantPersonId: string | null
  /** The people acting for the claiming unit (none for a person's claim). */
  claimantUnitPersonIds: string[]
}

const person = (actor: Actor) => actor.kind === 'person' && actor.personId !== null

export const isWisher = (actor: Actor, w: WishSubject) => actor.personId !== null && (w.wisherId === actor.personId || w.postedBy === actor.personId)
export const isClaimant = (actor: Actor, w: WishSubject) =>
  actor.personId !== null && (w.claimantPersonId === actor.personId || w.claimantUnitPersonIds.includes(actor.personId))
export const isStaff = (actor: Actor, w: { orgPath: string }) => levelAt(actor, w.orgPath) >= LEVEL.gridStaff
export const isModerator = (actor: Actor, w: { orgPath: string }) => person(actor) && levelAt(actor, w.orgPath) >= LEVEL.cadre

/** The full record and its timeline. */
export const readsWish = (actor: Actor, w: WishSubject) => isWisher(actor, w) || isClaimant(actor, w) || isStaff(actor, w)

/** What anyone may learn exists: the full record's readers, and everyone for a wish on the wall. */
definePolicy<WishSubject>('wish.read', (actor, w) => readsWish(actor, w) || w.state === 'open' || w.state === 'claimed' || w.state === 'fulfilled')
definePolicy<WishSubject>('wish.readFull', readsWish)
/** Every transition is decided by the workflow (wishes.workflow.ts); this only needs a person. */
definePolicy<WishSubject>('wish.act', (actor) => person(actor))

/** A node whose queue, lists and figures the caller reads as staff. */
definePolicy<{ path: string }>('wish.manageAt', (actor, o) => levelAt(actor, o.path) >= LEVEL.gridStaff)
/** Posting a wish for someone else in a community: its cadres. */
definePolicy<{ path: string }>('wish.postFor', (actor, o) => person(actor) && levelAt(actor, o.path) >= LEVEL.cadre)
/**
 * Posting one's own wish in a community: someone who holds a role there, in a building or grid of
 * it, or above it.
 */
definePolicy<{ path: string }>('wish.postIn', (actor, o) =>
  person(actor) && actor.roles.some((r) => isAncestorOrSelf(r.orgPath, o.path) || isAncestorOrSelf(o.path, r.orgPath)))
/** Claiming for a unit: the caller acts for it (unit_people). */
definePolicy<UnitAccessSubject>('wish.claimForUnit', (actor, u) => person(actor) && u.personIds.includes(actor.personId!))
