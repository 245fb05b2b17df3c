// What the parts of the units service share: who the caller is for visibility filters, and the
// org nodes and units a request names, checked against the caller's rights (kernel/access.ts).
import type { Executor } from '../../kernel/db/client.ts'
import type { Config } from '../../kernel/config.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import * as repo from './units.repository.ts'
import { limitFor } from './units.pairings.repository.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { overlaps } from './units.policy.ts'
import './units.access.ts'
import type { UnitAccessSubject } from './units.access.ts'

export const AREA_KINDS = ['street', 'community', 'village']
export const COMMUNITY_KINDS = ['community', 'village']

const chinaDate = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

export interface UnitDeps { db: Executor; config: Pick<Config, 'PAIRING_MAX_UNITS'>; clock?: () => Date }

export function createUnitLookups(deps: UnitDeps) {
  const { db, config } = deps
  /** Today in China (the day pairings and roles are counted on). */
  const today = () => chinaDate((deps.clock ?? (() => new Date()))())

  /** Who the caller is for visibility filters: staff scopes and the units they act for. */
  async function visibility(ctx: RequestContext): Promise<repo.Visibility> {
    requireSignedIn(ctx.actor)
    const unitIds = ctx.actor.personId ? await repo.unitIdsOf(db, ctx.actor.personId) : []
    return { scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), unitIds }
  }

  function requireKind(org: { kind: string }, kinds: string[]) {
    if (!kinds.includes(org.kind)) throw unprocessable(kinds === COMMUNITY_KINDS ? 'COMMUNITY_REQUIRED' : 'UNIT_ORG_KIND', {}, [{ path: 'orgId', message: kinds === COMMUNITY_KINDS ? '须为社区' : '须为街道或社区' }])
  }

  /** A street or community named in a request, on which the caller may do `permission` (kernel/access.ts). */
  async function area(ex: Executor, ctx: RequestContext, id: string, permission: string, kinds: string[]) {
    const org = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission, entity: 'org', id })
    requireKind(org, kinds)
    return org
  }

  /** A unit named in a request, on which the caller may do `permission` (by default: read it). */
  const unitFor = (ex: Executor, ctx: RequestContext, id: string, permission = 'unit.read') =>
    requireAccessOne<UnitAccessSubject>(ex, ctx.actor, { permission, entity: 'unit', id })

  /**
   * The community a unit acts towards (publishing a list item in its name): the unit's pairing
   * with it is what lets the unit's people name it, whether or not they hold a role there.
   */
  async function pairedCommunity(ex: Executor, unit: UnitAccessSubject, communityId: string) {
    const org = await repo.findOrg(ex, communityId)
    if (!org) throw notFound('ORG_NOT_FOUND')
    requireKind(org, COMMUNITY_KINDS)
    if (!unit.pairedCommunities.some((c) => c.id === org.id)) throw unprocessable('UNIT_NOT_PAIRED', {}, [{ path: 'unitId', message: 'units.notPairedWithCommunity' }])
    return org
  }

  /** The path of an `orgId` filter of a list; a node outside the caller's view is refused (404). */
  async function filterPath(ctx: RequestContext, v: repo.Visibility, orgId: string | undefined) {
    if (!orgId) return undefined
    const org = await repo.findOrg(db, orgId)
    if (!org) throw notFound('ORG_NOT_FOUND')
    // Someone acting for a unit may also filter by a node their unit lies under; any other node
    // outside their roles does not exist for them.
    if (!overlaps(ctx.actor, org.path, LEVEL.anyRole) && !(await repo.anyUnitUnder(db, v.unitIds, org.path))) throw notFound('ORG_NOT_FOUND')
    return org.path
  }

  /** A node whose co-building figures the caller asks for; outside their reach it does not exist (404). */
  const figuresOf = (ctx: RequestContext, id: string) =>
    requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'coBuilding.figures', entity: 'org', id, hide: true })

  async function limitOf(community: repo.OrgNode, ex: Executor = db) {
    const set = await limitFor(ex, community.path)
    return set ?? { maxUnits: config.PAIRING_MAX_UNITS, setAt: null }
  }

  return { db, today, visibility, requireKind, area, unitFor, pairedCommunity, filterPath, figuresOf, limitOf }
}

export type UnitLookups = ReturnType<typeof createUnitLookups>
