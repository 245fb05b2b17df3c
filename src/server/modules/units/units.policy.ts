// Who may see and change units and co-building. Street admins (and above) keep the registry of
// their street's units; community cadres manage their community's pairings, lists and alliances;
// the people of a unit (unit_people) act for it: publish and claim list items for it and read
// its pairings. Staff see the units in, above or paired with their area, and the pairings and
// lists of the communities they work in (grid staff included).
import { definePolicy, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import { isAncestorOrSelf } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

/** A role of at least `minLevel` on `path`, above it or below it. */
export function overlaps(actor: Actor, path: string, minLevel: number): boolean {
  return actor.roles.some((r) => roleLevels[r.role] >= minLevel && (isAncestorOrSelf(r.orgPath, path) || isAncestorOrSelf(path, r.orgPath)))
}

const person = (actor: Actor) => actor.kind === 'person'

/** `actsFor`: the caller is in the unit's unit_people; `pairedInScope`: paired with a community the caller works in. */
definePolicy<{ orgPath: string; actsFor: boolean; pairedInScope: boolean }>('unit.read', (actor, u) =>
  u.actsFor || u.pairedInScope || overlaps(actor, u.orgPath, LEVEL.gridStaff))

definePolicy<{ orgPath: string }>('unit.manage', (actor, u) => person(actor) && levelAt(actor, u.orgPath) >= LEVEL.scopeAdmin)

definePolicy<{ orgPath: string; actsFor: boolean }>('unit.people.read', (actor, u) => u.actsFor || levelAt(actor, u.orgPath) >= LEVEL.cadre)

definePolicy<{ orgPath: string }>('coBuilding.figures', (actor, o) => levelAt(actor, o.orgPath) >= LEVEL.gridStaff)

definePolicy<{ communityPath: string; actsFor: boolean }>('pairing.read', (actor, p) => p.actsFor || overlaps(actor, p.communityPath, LEVEL.gridStaff))

definePolicy<{ communityPath: string }>('pairing.manage', (actor, p) => person(actor) && levelAt(actor, p.communityPath) >= LEVEL.cadre)

definePolicy<{ orgPath: string }>('pairingLimit.set', (actor, o) => person(actor) && levelAt(actor, o.orgPath) >= LEVEL.scopeAdmin)

/** `actsForParty`: for the publisher or claimant unit; `actsForPaired`: for a unit paired with the community. */
definePolicy<{ communityPath: string; actsForParty: boolean; actsForPaired: boolean }>('listItem.read', (actor, i) =>
  i.actsForParty || i.actsForPaired || overlaps(actor, i.communityPath, LEVEL.gridStaff))

/** Acting for the community side of a list item. */
definePolicy<{ communityPath: string }>('listItem.community', (actor, i) => person(actor) && levelAt(actor, i.communityPath) >= LEVEL.cadre)

/** Acting for a unit: being one of its people. */
definePolicy<{ actsFor: boolean }>('listItem.unit', (actor, i) => person(actor) && i.actsFor)

definePolicy<{ orgPath: string; actsForMember: boolean }>('alliance.read', (actor, a) => a.actsForMember || overlaps(actor, a.orgPath, LEVEL.gridStaff))

definePolicy<{ orgPath: string }>('alliance.manage', (actor, a) => person(actor) && levelAt(actor, a.orgPath) >= LEVEL.cadre)
