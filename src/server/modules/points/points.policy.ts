// Who may do what with points: the owner of an account and staff (grid staff or above) over the
// org it belongs to read it; cadres (or above) give, deduct and reverse points and publish
// rewards in their scope; district admins (or above) edit the earning rules and reconcile the
// ledger; those who act for a merchant, or cadres over the item's org, hand redeemed items over.
import { definePolicy, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

const isPerson = (actor: Actor) => actor.kind === 'person' && actor.personId !== null
const holdsAnywhere = (actor: Actor, level: number) => actor.roles.some((r) => roleLevels[r.role] >= level)

definePolicy<{ orgPath: string; owned: boolean }>('points.account.read', (actor, a) => a.owned || levelAt(actor, a.orgPath) >= LEVEL.gridStaff)

definePolicy<{ orgPaths: string[]; party: boolean }>('points.transaction.read', (actor, t) => t.party || t.orgPaths.some((p) => levelAt(actor, p) >= LEVEL.gridStaff))

definePolicy<{ orgPath: string }>('points.award', (actor, s) => isPerson(actor) && levelAt(actor, s.orgPath) >= LEVEL.cadre)

definePolicy<{ orgPath: string }>('points.reverse', (actor, s) => isPerson(actor) && levelAt(actor, s.orgPath) >= LEVEL.cadre)

definePolicy<null>('points.rule.edit', (actor) => isPerson(actor) && holdsAnywhere(actor, roleLevels.district_admin))

definePolicy<null>('points.reconcile', (actor) => holdsAnywhere(actor, roleLevels.district_admin))

definePolicy<{ orgPath: string }>('points.reward.publish', (actor, s) => isPerson(actor) && levelAt(actor, s.orgPath) >= LEVEL.cadre)

definePolicy<null>('points.redeem', (actor) => isPerson(actor))

definePolicy<{ orgPath: string; owned: boolean; merchantStaff: boolean }>('points.redemption.read', (actor, r) =>
  r.owned || r.merchantStaff || levelAt(actor, r.orgPath) >= LEVEL.gridStaff)

definePolicy<{ orgPath: string; merchantStaff: boolean }>('points.redemption.handle', (actor, r) =>
  isPerson(actor) && (r.merchantStaff || levelAt(actor, r.orgPath) >= LEVEL.cadre))

definePolicy<{ orgPath: string; owned: boolean; merchantStaff: boolean; pending: boolean }>('points.redemption.cancel', (actor, r) =>
  isPerson(actor) && ((r.owned && r.pending) || r.merchantStaff || levelAt(actor, r.orgPath) >= LEVEL.cadre))
