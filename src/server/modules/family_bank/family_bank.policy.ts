// Who may do what with 家风银行. Published deposits are public (the bank's page needs no login and
// names a family only as "王家"). A deposit's full record is read by its depositor and by staff
// (grid staff and above) over its community; the community's cadres (community cadres and above)
// moderate; the depositor withdraws their own. Depositing in a community: someone who holds a role
// in it, below it or above it (a resident of one of its buildings, a member of its grid).
import { definePolicy, isAncestorOrSelf, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface DepositSubject {
  orgPath: string
  state: 'pending' | 'published' | 'rejected' | 'withdrawn'
  depositorId: string
}

const person = (actor: Actor) => actor.kind === 'person' && actor.personId !== null
export const isDepositor = (actor: Actor, d: DepositSubject) => actor.personId !== null && d.depositorId === actor.personId
export const isStaffOver = (actor: Actor, path: string) => levelAt(actor, path) >= LEVEL.gridStaff
export const moderates = (actor: Actor, path: string) => person(actor) && levelAt(actor, path) >= LEVEL.cadre

definePolicy<DepositSubject>('familyDeposit.read', (actor, d) => d.state === 'published' || isDepositor(actor, d) || isStaffOver(actor, d.orgPath))
definePolicy<DepositSubject>('familyDeposit.readFull', (actor, d) => isDepositor(actor, d) || isStaffOver(actor, d.orgPath))
definePolicy<DepositSubject>('familyDeposit.moderate', (actor, d) => moderates(actor, d.orgPath))
definePolicy<DepositSubject>('familyDeposit.withdraw', (actor, d) => person(actor) && (isDepositor(actor, d) || moderates(actor, d.orgPath)))
definePolicy<{ path: string }>('familyDeposit.depositIn', (actor, o) =>
  person(actor) && actor.roles.some((r) => isAncestorOrSelf(r.orgPath, o.path) || isAncestorOrSelf(o.path, r.orgPath)))
definePolicy<{ path: string }>('familyDeposit.manageAt', (actor, o) => isStaffOver(actor, o.path))
