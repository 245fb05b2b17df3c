// Who may do what with broadcasts. A notice is sent from a node by its staff (grid workers and
// above) and read, with its receipts and figures, by the staff over that node; staff of a node
// inside it (the grid workers of a community's grids) read the notice and the receipts of the
// people under their own node, and tick those calls and door visits. Recipients read and
// answer their own receipt (the service finds it by the caller's person id).
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface BroadcastSubject {
  orgPath: string
  authorId: string
}

const person = (actor: Actor) => actor.kind === 'person'
export const staffOver = (actor: Actor, orgPath: string) => person(actor) && levelAt(actor, orgPath) >= LEVEL.gridStaff
/** Staff somewhere inside the node (a grid worker of one of its grids). */
export const staffInside = (actor: Actor, orgPath: string) =>
  person(actor) && actor.roles.some((r) => roleLevels[r.role] >= LEVEL.gridStaff && isAncestorOrSelf(orgPath, r.orgPath))

definePolicy<BroadcastSubject>('broadcast.read', (actor, b) => staffOver(actor, b.orgPath) || staffInside(actor, b.orgPath))
/** Sending from a node (and addressing its people): its staff. */
definePolicy<{ orgPath: string }>('broadcast.send', (actor, o) => staffOver(actor, o.orgPath))
/** Sending a draft, reminding, handing to grid workers: the staff over the node. */
definePolicy<BroadcastSubject>('broadcast.manage', (actor, b) => staffOver(actor, b.orgPath))
definePolicy<BroadcastSubject>('broadcast.withdraw', (actor, b) => person(actor) && (levelAt(actor, b.orgPath) >= LEVEL.cadre || (staffOver(actor, b.orgPath) && b.authorId === actor.personId)))
/** Ticking a call or a door visit: staff over the receipt's node (the person's building or group). */
definePolicy<{ orgPath: string }>('broadcast.tick', (actor, r) => staffOver(actor, r.orgPath))
/** Per-community figures of a node: its staff. */
definePolicy<{ orgPath: string }>('broadcast.figures', (actor, o) => staffOver(actor, o.orgPath))
