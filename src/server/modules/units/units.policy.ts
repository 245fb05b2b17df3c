// Who may see and change units and co-building. Street admins (and above) keep the registry of
// their street's units; community cadres manage their community's pairings, lists and alliances;
// the people of a unit (unit_people) act for it: publish and claim list items for it and read
// its pairings. Staff see the units in, above or paired with their area, and the pairings and
// lists of the communities they work in (grid staff included).
import { definePolicy, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import { isAncestorOrSelf } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'
import type { UnitAccessSubject } from './units.access.ts'

/** A role of at least `minLevel` on `path`, above it or below it. */
export function overlaps(actor: Actor, path: string, minLevel: number): boolean {
  return actor.roles.some((r) => roleLevels[r.role] >= minLevel && (isAncestorOrSelf(r.orgPath, path) || isAncestorOrSelf(path, r.orgPath)))
}

const person = (actor: Actor) => actor.kind === 'person'

/** The caller is one of the people of the unit (unit_people). */
export const actsFor = (actor: Actor, u: Pick<UnitAccessSubject, 'personIds'>) => actor.personId !== null && u.personIds.includes(actor.personId)

/** Acting for the unit, or working where it is registered, or in a community it is paired with. */
definePolicy<UnitAccessSubject>('unit.read', (actor, u) =>
  actsFor(actor, u) || u.pairedCommunities.some((c) => levelAt(actor, c.path) >= LEVEL.gridStaff) || overlaps(actor, u.orgPath, LEVEL.gridStaff))

definePolicy<{ orgPath: string }>('unit.manage', (actor, u) => person(actor) && levelAt(actor, u.orgPath) >= LEVEL.scopeAdmin)

/**
 * Who acts for the unit, with their phones: for the unit itself, cadres where it is registered
 * (or above), and the cadres of a community it is actively paired with, who work with its
 * contacts (issue 13: the unit drawer answered 404 to the paired community's cadre).
 */
definePolicy<UnitAccessSubject>('unit.people.read', (actor, u) =>
  actsFor(actor, u) || levelAt(actor, u.orgPath) >= LEVEL.cadre || u.pairedCommunities.some((c) => levelAt(actor, c.path) >= LEVEL.cadre))

definePolicy<{ orgPath: string }>('coBuilding.figures', (actor, o) => levelAt(actor, o.orgPath) >= LEVEL.gridStaff)

definePolicy<{ communityPath: string; actsFor: boolean }>('pairing.read', (actor, p) => p.actsFor || overlaps(actor, p.communityPath, LEVEL.gridStaff))

/** `orgPath`: the community's path (an org subject of kernel/access.ts fits). */
definePolicy<{ orgPath: string }>('pairing.manage', (actor, c) => person(actor) && levelAt(actor, c.orgPath) >= LEVEL.cadre)

definePolicy<{ orgPath: string }>('pairingLimit.set', (actor, o) => person(actor) && levelAt(actor, o.orgPath) >= LEVEL.scopeAdmin)

/** `actsForParty`: for the publisher or claimant unit; `actsForPaired`: for a unit paired with the community. */
definePolicy<{ communityPath: string; actsForParty: boolean; actsForPaired: boolean }>('listItem.read', (actor, i) =>
  i.actsForParty || i.actsForPaired || overlaps(actor, i.communityPath, LEVEL.gridStaff))

/** Acting for the community side of a list item; `orgPath` is the community's path. */
definePolicy<{ orgPath: string }>('listItem.community', (actor, c) => person(actor) && levelAt(actor, c.orgPath) >= LEVEL.cadre)

/** Acting for a unit (publishing or claiming list items in its name): being one of its people. */
definePolicy<UnitAccessSubject>('listItem.unit', (actor, u) => person(actor) && actsFor(actor, u))

definePolicy<{ orgPath: string; actsForMember: boolean }>('alliance.read', (actor, a) => a.actsForMember || overlaps(actor, a.orgPath, LEVEL.gridStaff))

definePolicy<{ orgPath: string }>('alliance.manage', (actor, a) => person(actor) && levelAt(actor, a.orgPath) >= LEVEL.cadre)

const rootOf = (path: string) => path.split('.')[0]

/** Naming a unit as a member's employer (units.access.ts, `employer_unit`). */
definePolicy<{ orgPath: string }>('unit.employ', (actor, u) => person(actor) && actor.roles.some((r) => rootOf(r.orgPath) === rootOf(u.orgPath)))
