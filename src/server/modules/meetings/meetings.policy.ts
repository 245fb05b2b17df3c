// Who may do what with meetings. A meeting is run by the cadres (community cadres and above) of
// its org node; its staff (grid staff and above) read it; the invited read it, register and check
// in; at a meeting open to registration, anyone who belongs to the node (holds a role at, below or
// above it) reads it, registers and checks in. The minutes are drafted by the meeting's secretary
// (an invitee with the role) or its cadres, and approved by those present.
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'
import type { MeetingState } from './meetings.kinds.ts'

export interface MeetingSubject {
  orgPath: string
  state: MeetingState
  openRegistration: boolean
  /** Everyone invited or registered (declined ones included: they may change their mind). */
  inviteeIds: string[]
  secretaryIds: string[]
  /** Who organised it (may cancel it even without a cadre's role there). */
  createdBy: string
}

const person = (actor: Actor) => actor.kind === 'person' && actor.personId !== null

export const isStaffAt = (actor: Actor, path: string) => levelAt(actor, path) >= LEVEL.gridStaff
export const isManagerAt = (actor: Actor, path: string) => person(actor) && levelAt(actor, path) >= LEVEL.cadre
export const belongsAt = (actor: Actor, path: string) =>
  person(actor) && actor.roles.some((r) => isAncestorOrSelf(r.orgPath, path) || isAncestorOrSelf(path, r.orgPath))
export const isInvitee = (actor: Actor, m: MeetingSubject) => actor.personId !== null && m.inviteeIds.includes(actor.personId)
/** Who may come: the invited, and at an open meeting those who belong to its node. */
export const mayAttend = (actor: Actor, m: MeetingSubject) => person(actor) && (isInvitee(actor, m) || (m.openRegistration && belongsAt(actor, m.orgPath)))
/** Who sees the names of the invited, the attendance and the approvals: staff and the invited. */
export const seesPeople = (actor: Actor, m: MeetingSubject) => isStaffAt(actor, m.orgPath) || isInvitee(actor, m)

definePolicy<MeetingSubject>('meeting.read', (actor, m) => isStaffAt(actor, m.orgPath) || mayAttend(actor, m))
definePolicy<MeetingSubject>('meeting.manage', (actor, m) => isManagerAt(actor, m.orgPath))
definePolicy<MeetingSubject>('meeting.attend', mayAttend)
/** Cancelling: the organiser, or a manager at or above the meeting's node. */
definePolicy<MeetingSubject>('meeting.cancel', (actor, m) => isManagerAt(actor, m.orgPath) || (person(actor) && actor.personId === m.createdBy))
definePolicy<MeetingSubject>('meeting.draftMinutes', (actor, m) =>
  isManagerAt(actor, m.orgPath) || (actor.personId !== null && m.secretaryIds.includes(actor.personId)))
/** Approving minutes: the service checks that the caller was present. */
definePolicy<MeetingSubject>('meeting.approveMinutes', (actor) => person(actor))
definePolicy<{ path: string }>('meeting.createAt', (actor, o) => isManagerAt(actor, o.path))
definePolicy<{ path: string }>('meeting.listAt', (actor, o) => isStaffAt(actor, o.path))
