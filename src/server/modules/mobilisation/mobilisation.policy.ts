// Who may do what in a mobilisation. An emergency belongs to its area's org node: street and
// district admins over it declare and end it; cadres over it, or cadres of nodes inside it (a
// community's cadres in a flooded street), run it (branches, teams, zones, posts, shifts,
// assignments); staff there read its board and rosters; anyone holding a role in the area (or
// above it) sees it and signs up for shifts, and reports hazards while on duty.
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface EmergencySubject {
  orgPath: string
  /** The emergency has ended: nothing more is written but its records. */
  ended: boolean
}

export interface SignupSubject extends EmergencySubject {
  personId: string
}

const person = (actor: Actor) => actor.kind === 'person' && actor.personId !== null

/** A role of at least `min` on the node, above it, or on a node inside it. */
const reaches = (actor: Actor, orgPath: string, min: number) =>
  levelAt(actor, orgPath) >= min || actor.roles.some((r) => roleLevels[r.role] >= min && isAncestorOrSelf(orgPath, r.orgPath))

export const seesEmergency = (actor: Actor, e: { orgPath: string }) => person(actor) && reaches(actor, e.orgPath, LEVEL.anyRole)
export const runsEmergency = (actor: Actor, e: { orgPath: string }) => person(actor) && reaches(actor, e.orgPath, LEVEL.cadre)
export const staffOfEmergency = (actor: Actor, e: { orgPath: string }) => person(actor) && reaches(actor, e.orgPath, LEVEL.gridStaff)

/** Declaring one: a street or district admin over the area. */
definePolicy<{ orgPath: string }>('emergency.declare', (actor, o) => person(actor) && levelAt(actor, o.orgPath) >= LEVEL.scopeAdmin)
definePolicy<EmergencySubject>('emergency.read', seesEmergency)
definePolicy<EmergencySubject>('emergency.board', staffOfEmergency)
definePolicy<EmergencySubject>('emergency.manage', (actor, e) => !e.ended && runsEmergency(actor, e))
definePolicy<EmergencySubject>('emergency.end', (actor, e) => !e.ended && person(actor) && levelAt(actor, e.orgPath) >= LEVEL.scopeAdmin)
/** Commendations are proposed by those who ran it, also after it ended. */
definePolicy<EmergencySubject>('emergency.commend', runsEmergency)
definePolicy<EmergencySubject>('emergency.signup', seesEmergency)
definePolicy<EmergencySubject>('emergency.report', seesEmergency)

/** A sign-up: its holder, or those who run the emergency (they assign and release people). */
definePolicy<SignupSubject>('signup.read', (actor, s) => (person(actor) && actor.personId === s.personId) || staffOfEmergency(actor, s))
definePolicy<SignupSubject>('signup.cancel', (actor, s) => !s.ended && ((person(actor) && actor.personId === s.personId) || runsEmergency(actor, s)))
definePolicy<SignupSubject>('signup.checkin', (actor, s) => !s.ended && person(actor) && actor.personId === s.personId)
