// Who may do what with secretaries' projects and responsibility lists. A level writes its own
// items: the cadres holding a role of community cadre or above on the item's node itself (a
// community's cadres their community's, a street's admins their street's). The levels above read
// them and comment (督查) but do not edit them. The owner (the responsible person) reports on
// their item: completes milestones with evidence and sets the progress.
import { definePolicy, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface SecretaryProjectSubject {
  orgPath: string
  ownerId: string
}

const person = (actor: Actor) => actor.kind === 'person'

/** A cadre's role held on the node itself (not above it). */
export const cadreOn = (actor: Actor, orgPath: string) =>
  person(actor) && actor.roles.some((r) => r.orgPath === orgPath && roleLevels[r.role] >= LEVEL.cadre)

const isOwner = (actor: Actor, s: SecretaryProjectSubject) => person(actor) && actor.personId !== null && actor.personId === s.ownerId
const overNode = (actor: Actor, orgPath: string) => person(actor) && levelAt(actor, orgPath) >= LEVEL.cadre

/** Reading a node's list: its cadres and the levels above. */
definePolicy<{ orgPath: string }>('secretaryProjects.list', (actor, o) => overNode(actor, o.orgPath))
/** Naming an item for a node: that node's own cadres. */
definePolicy<{ orgPath: string }>('secretaryProject.create', (actor, o) => cadreOn(actor, o.orgPath))
definePolicy<SecretaryProjectSubject>('secretaryProject.read', (actor, s) => overNode(actor, s.orgPath) || isOwner(actor, s))
definePolicy<SecretaryProjectSubject>('secretaryProject.manage', (actor, s) => cadreOn(actor, s.orgPath))
definePolicy<SecretaryProjectSubject>('secretaryProject.report', (actor, s) => cadreOn(actor, s.orgPath) || isOwner(actor, s))
/** 督查: the levels above comment; the node's own cadres and the owner answer in the same timeline. */
definePolicy<SecretaryProjectSubject>('secretaryProject.comment', (actor, s) => overNode(actor, s.orgPath) || isOwner(actor, s))
