// Who may see and change members, registrations, posts, targets and feedback cards. A member
// acts on their own records; cadres of the residence community (and the street and district
// above it) review and manage; the people who act for a unit (`actingUnits`, from the units
// service) see their own employees' registrations and the feedback cards sent to the unit.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface MemberSubject {
  personId: string
  communityPath: string
  /** The people who act for the member's employer unit (none without one). */
  employerPersonIds: string[]
}

export interface RegistrationSubject {
  /** The member's person (null for a unit's own registration). */
  personId: string | null
  communityPath: string
  unitId: string | null
  actingUnits: string[]
}

export interface CardSubject {
  personId: string
  communityPath: string
  unitId: string | null
  status: 'draft' | 'reviewed' | 'sent'
  actingUnits: string[]
}

const isSelf = (actor: Actor, personId: string | null) => actor.kind === 'person' && personId !== null && actor.personId === personId
const isCadre = (actor: Actor, path: string) => levelAt(actor, path) >= LEVEL.cadre
const actsFor = (units: string[], unitId: string | null) => unitId !== null && units.includes(unitId)

/** A unit sees its own employees, as its member list shows them. */
definePolicy<MemberSubject>('member.read', (actor, m) =>
  isSelf(actor, m.personId) || isCadre(actor, m.communityPath) || (actor.personId !== null && m.employerPersonIds.includes(actor.personId)),
)
definePolicy<MemberSubject>('member.manage', (actor, m) => actor.kind === 'person' && isCadre(actor, m.communityPath))
/** What a member shows on the public walls is theirs to choose. */
definePolicy<MemberSubject>('member.editOwn', (actor, m) => isSelf(actor, m.personId) || isCadre(actor, m.communityPath))

definePolicy<RegistrationSubject>('registration.read', (actor, r) =>
  isSelf(actor, r.personId) || isCadre(actor, r.communityPath) || actsFor(r.actingUnits, r.unitId),
)
definePolicy<RegistrationSubject>('registration.submit', (actor, r) =>
  actor.kind === 'person' && (isCadre(actor, r.communityPath) || (r.personId !== null ? isSelf(actor, r.personId) : actsFor(r.actingUnits, r.unitId))),
)
definePolicy<RegistrationSubject>('registration.review', (actor, r) => actor.kind === 'person' && isCadre(actor, r.communityPath))

/** The employer's people number and issue introduction letters for their own employees. */
definePolicy<MemberSubject>('letter.issue', (actor, m) => actor.kind === 'person' && actor.personId !== null && m.employerPersonIds.includes(actor.personId))

/** `orgPath`: the community's path (an org subject of kernel/access.ts fits). */
definePolicy<{ orgPath: string }>('member.create', (actor, c) => actor.kind === 'person' && isCadre(actor, c.orgPath))

definePolicy<{ orgPath: string }>('post.manage', (actor, c) => actor.kind === 'person' && isCadre(actor, c.orgPath))
definePolicy<Pick<MemberSubject, 'personId' | 'communityPath'>>('post.claim', (actor, m) => actor.kind === 'person' && (isSelf(actor, m.personId) || isCadre(actor, m.communityPath)))

definePolicy<{ orgPath: string }>('memberTarget.manage', (actor, t) => actor.kind === 'person' && levelAt(actor, t.orgPath) >= LEVEL.scopeAdmin)

definePolicy<CardSubject>('card.read', (actor, c) =>
  isCadre(actor, c.communityPath) || (isSelf(actor, c.personId) && c.status !== 'draft') || (c.status === 'sent' && actsFor(c.actingUnits, c.unitId)),
)
definePolicy<{ communityPath: string }>('card.manage', (actor, c) => actor.kind === 'person' && isCadre(actor, c.communityPath))

definePolicy<{ orgPath: string }>('ledger.read', (actor, l) => isCadre(actor, l.orgPath))
