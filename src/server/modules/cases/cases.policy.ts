// Who may see and act on a case. A case is seen by its reporter, its assignee, its followers
// (the public view), and staff (grid
// worker rank and up) whose scope holds its grid or the unit handling it now. Acting needs staff
// rank on the handling unit; dispatching, verifying and closing need grid-leader rank there.
import { definePolicy, LEVEL, levelAt, roleLevels } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface CaseSubject {
  orgPath: string
  handlingOrgPath: string
  reporterId: string | null
  assigneeId: string | null
  /** The viewer follows the case: they see its public view. */
  following: boolean
}

export const isStaffOn = (actor: Actor, c: CaseSubject) =>
  levelAt(actor, c.orgPath) >= LEVEL.gridStaff || levelAt(actor, c.handlingOrgPath) >= LEVEL.gridStaff

definePolicy<CaseSubject>('case.read', (actor, c) =>
  (actor.personId !== null && (actor.personId === c.reporterId || actor.personId === c.assigneeId || c.following)) || isStaffOn(actor, c),
)

/** Accept, reject, take, start, handle, escalate, progress notes, meetings, merging. */
definePolicy<CaseSubject>('case.handle', (actor, c) =>
  levelAt(actor, c.handlingOrgPath) >= LEVEL.gridStaff || (actor.personId !== null && actor.personId === c.assigneeId),
)

/** Assign to others, verify, send back, close, reopen. */
definePolicy<CaseSubject>('case.dispatch', (actor, c) => levelAt(actor, c.handlingOrgPath) >= roleLevels.grid_leader)

/** The taxonomy and the working-day calendar are shared by the whole deployment. */
definePolicy<null>('case.configure', (actor) => actor.roles.some((r) => roleLevels[r.role] >= roleLevels.district_admin))
