// Who may read and change which org nodes. A role reaches its node and everything below it;
// the level needed to manage children depends on the parent's kind (a street admin manages
// communities, a community cadre manages grids, estates and departments, a grid leader manages
// buildings). Ancestors of a caller's nodes are readable too, so the chain up can be shown.
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'
import type { OrgKind } from './orgs.schemas.ts'

const manageLevelUnder: Record<OrgKind, number> = {
  city: roleLevels.admin,
  district: roleLevels.district_admin,
  street: roleLevels.street_admin,
  community: roleLevels.community_cadre,
  village: roleLevels.community_cadre,
  grid: roleLevels.grid_leader,
  building: Infinity,
  estate: Infinity,
  department: Infinity,
}

export const childKinds: Record<OrgKind | 'root', OrgKind[]> = {
  root: ['city', 'district', 'street'],
  city: ['district', 'department'],
  district: ['street', 'department'],
  street: ['community', 'village', 'department'],
  community: ['grid', 'estate', 'department'],
  village: ['grid', 'estate', 'department'],
  grid: ['building'],
  building: [],
  estate: [],
  department: [],
}

export interface OrgRef {
  path: string
  kind: OrgKind
}

/** Null parent = a new root, which only an admin may create. */
export function mayManageChildrenOf(actor: Actor, parent: OrgRef | null): boolean {
  if (parent === null) return actor.roles.some((r) => r.role === 'admin')
  return levelAt(actor, parent.path) >= manageLevelUnder[parent.kind]
}

definePolicy<OrgRef>('org.read', (actor, org) =>
  actor.roles.some((r) => isAncestorOrSelf(r.orgPath, org.path) || isAncestorOrSelf(org.path, r.orgPath)),
)

definePolicy<{ parent: OrgRef | null }>('org.create', (actor, { parent }) => mayManageChildrenOf(actor, parent))

definePolicy<{ org: OrgRef; parent: OrgRef | null }>(
  'org.update',
  (actor, { org, parent }) => mayManageChildrenOf(actor, parent) || levelAt(actor, org.path) >= LEVEL.cadre,
)

definePolicy<{ parent: OrgRef | null }>('org.delete', (actor, { parent }) => mayManageChildrenOf(actor, parent))

definePolicy<{ from: OrgRef | null; to: OrgRef }>(
  'org.move',
  (actor, { from, to }) => mayManageChildrenOf(actor, from) && mayManageChildrenOf(actor, to),
)
