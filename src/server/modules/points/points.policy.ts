// Who may do what with points: the owner of an account and staff (grid staff or above) over the
// org it belongs to read it; cadres (or above) give, deduct and reverse points and publish
// rewards in their scope; district admins (or above) edit the earning rules and reconcile the
// ledger; those who act for a merchant, or cadres over the item's org, hand redeemed items over.
// A manual award names a person the cadre may act on (never themselves) and waits for a second
// person's approval above a threshold (两人审核).
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

/** A person named as the recipient of a manual award: where their points account is and where they hold a role now. */
export interface RecipientSubject {
  personId: string
  paths: string[]
}

/** A manual award: the node it was given in the name of, who entered it, and where its recipient is. */
export interface ManualAwardSubject {
  id: string
  orgPath: string
  awardedById: string
  /** The person recipient, or the people who act for the unit recipient. */
  recipientPersonIds: string[]
  recipientPaths: string[]
}

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

/** The recipient of a manual award or deduction lives or holds a role where the caller is a cadre; never the caller. */
definePolicy<RecipientSubject>('points.award.recipient', (actor, p) =>
  isPerson(actor) && actor.personId !== p.personId && p.paths.some((path) => levelAt(actor, path) >= LEVEL.cadre))

/** A unit recipient is registered where the caller is a cadre, and the caller does not act for it. */
definePolicy<{ orgPath: string; personIds: string[] }>('points.award.unit', (actor, u) =>
  isPerson(actor) && !u.personIds.includes(actor.personId!) && levelAt(actor, u.orgPath) >= LEVEL.cadre)

/** Filtering the accounts by a node: grid staff over it. */
definePolicy<{ orgPath: string }>('points.account.list', (actor, o) => levelAt(actor, o.orgPath) >= LEVEL.gridStaff)

/** The review list of manual awards given in the name of a node: its cadres. */
definePolicy<{ orgPath: string }>('points.manual.list', (actor, o) => levelAt(actor, o.orgPath) >= LEVEL.cadre)

definePolicy<ManualAwardSubject>('points.manual.read', (actor, m) => actor.personId === m.awardedById || levelAt(actor, m.orgPath) >= LEVEL.cadre)

/** 两人审核: someone other than who entered it and its recipient, a cadre over both the node and the recipient. */
definePolicy<ManualAwardSubject>('points.manual.decide', (actor, m) =>
  isPerson(actor) && actor.personId !== m.awardedById && !m.recipientPersonIds.includes(actor.personId!) &&
  levelAt(actor, m.orgPath) >= LEVEL.cadre && m.recipientPaths.some((p) => levelAt(actor, p) >= LEVEL.cadre))

/** A reward is offered to those who live or work at or below the node that published it, and seen by the staff above it. */
definePolicy<{ orgPath: string }>('points.reward.read', (actor, r) =>
  actor.roles.some((role) => isAncestorOrSelf(r.orgPath, role.orgPath) || isAncestorOrSelf(role.orgPath, r.orgPath)))
