// Who may do what with venues. Venues are public (the red map needs no login); a venue is
// managed by the cadres of its org node and above, and by the people of its unit when it is a
// unit's venue. Bookings are read by their booker, the people of the unit booked for, and the
// venue's managers.
import { definePolicy, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface VenueSubject {
  orgPath: string
  /** The people of the venue's unit (none for an org's own venue). */
  unitPersonIds: string[]
}

export interface BookingSubject extends VenueSubject {
  bookerId: string
  /** The people of the unit booked for. */
  bookerUnitPersonIds: string[]
}

const person = (actor: Actor) => actor.kind === 'person'

export const managesVenue = (actor: Actor, v: VenueSubject) =>
  person(actor) && (levelAt(actor, v.orgPath) >= LEVEL.cadre || (actor.personId !== null && v.unitPersonIds.includes(actor.personId)))

definePolicy<VenueSubject>('venue.read', () => true)
/** The life circle of a node counts its registered residents: staff over the node, as for the residents registry. */
definePolicy<{ orgPath: string }>('coverage.read', (actor, o) => levelAt(actor, o.orgPath) >= LEVEL.gridStaff)
definePolicy<VenueSubject>('venue.manage', managesVenue)
/** Registering a venue at a node: cadres there (a unit's people register theirs through them). */
definePolicy<{ orgPath: string }>('venue.create', (actor, o) => person(actor) && levelAt(actor, o.orgPath) >= LEVEL.cadre)
/** The walking network covers the whole city: district admins and above replace it. */
definePolicy<null>('walkNetwork.manage', (actor) => person(actor) && actor.roles.some((r) => roleLevels[r.role] >= roleLevels.district_admin))
definePolicy<VenueSubject>('room.read', () => true)
definePolicy<VenueSubject>('room.manage', managesVenue)
definePolicy<VenueSubject>('room.book', (actor) => person(actor))

export const isBooker = (actor: Actor, b: BookingSubject) =>
  actor.personId !== null && (b.bookerId === actor.personId || b.bookerUnitPersonIds.includes(actor.personId))

/** Booking for a unit: the caller acts for it (unit_people). */
definePolicy<{ personIds: string[] }>('booking.forUnit', (actor, u) => person(actor) && actor.personId !== null && u.personIds.includes(actor.personId))

definePolicy<BookingSubject>('booking.read', (actor, b) => isBooker(actor, b) || managesVenue(actor, b))
definePolicy<BookingSubject>('booking.decide', managesVenue)
definePolicy<BookingSubject>('booking.cancel', (actor, b) => person(actor) && (isBooker(actor, b) || managesVenue(actor, b)))
