// Who may read and change which org nodes. A role reaches its node and everything below it;
// the level needed to manage children depends on the parent's kind (a street admin manages
// communities, a community cadre manages grids, estates and departments, a grid leader manages
// buildings). Ancestors of a caller's nodes are readable too, so the chain up can be shown.
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'
import { childKinds, manageLevelUnder, type OrgKind } from './orgs.kinds.ts'

export { childKinds }

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

// Redrawing an outline moves where reports are routed, so it is an act of the level above the
// node (a street admin redraws a community, a community cadre a grid), never of the node's own
// staff: a cadre may rename their community but not enlarge it.
definePolicy<{ parent: OrgRef | null }>('org.redraw', (actor, { parent }) => mayManageChildrenOf(actor, parent))
