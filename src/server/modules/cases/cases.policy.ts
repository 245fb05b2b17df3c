// Who may see and act on a case. The read rule: staff (grid worker rank and up) whose scope holds
// the case's grid or the unit handling it now; its reporter and its assignee; and whoever follows
// it or a node above it, only while its category is public. A follow never opens a case of a
// non-public category. The same rule as SQL for lists, the map, figures, notifications and
// digests is `caseReadableBy` / `caseReadableByPerson` in cases.access.ts: change both together.
// Acting needs staff rank on the handling unit; dispatching, verifying and closing need
// grid-leader rank there.
import { can, definePolicy, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'
import type { CaseState } from './cases.schemas.ts'

export interface CaseSubject {
  orgPath: string
  handlingOrgPath: string
  reporterId: string | null
  assigneeId: string | null
  /** The category and its parent are public (shown to the public). */
  publicCategory: boolean
  /**
   * People who follow the case or a grid, community or street it lies in. The access loader lists
   * them all; a case read for one viewer lists that viewer alone, when they follow it.
   */
  followerIds: readonly string[]
  state: CaseState
  mergedIntoId: string | null
}

export const isStaffOn = (actor: Actor, c: Pick<CaseSubject, 'orgPath' | 'handlingOrgPath'>) =>
  levelAt(actor, c.orgPath) >= LEVEL.gridStaff || levelAt(actor, c.handlingOrgPath) >= LEVEL.gridStaff

definePolicy<CaseSubject>('case.read', (actor, c) => {
  if (isStaffOn(actor, c)) return true
  const me = actor.personId
  if (me === null) return false
  return me === c.reporterId || me === c.assigneeId || (c.publicCategory && c.followerIds.includes(me))
})

/**
 * Following: whoever reads the case, and anyone signed in for an open case of a public category
 * (the duplicate check shows such cases to the public).
 */
definePolicy<CaseSubject>('case.follow', (actor, c) =>
  actor.personId !== null &&
  (can(actor, 'case.read', c) || (c.publicCategory && c.mergedIntoId === null && c.state !== 'rejected')),
)

/** A duplicate is merged into a case its merger is staff over. */
definePolicy<CaseSubject>('case.mergeInto', (actor, c) => isStaffOn(actor, c))

/** Accept, reject, take, start, handle, escalate, progress notes, meetings, merging. */
definePolicy<CaseSubject>('case.handle', (actor, c) =>
  levelAt(actor, c.handlingOrgPath) >= LEVEL.gridStaff || (actor.personId !== null && actor.personId === c.assigneeId),
)

/** Assign to others, verify, send back, close, reopen. */
definePolicy<CaseSubject>('case.dispatch', (actor, c) => levelAt(actor, c.handlingOrgPath) >= roleLevels.grid_leader)

/** The taxonomy and the working-day calendar are shared by the whole deployment. */
definePolicy<null>('case.configure', (actor) => actor.roles.some((r) => roleLevels[r.role] >= roleLevels.district_admin))
