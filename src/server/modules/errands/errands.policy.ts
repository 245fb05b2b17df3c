// Who may see and work an errand. Desk staff are the people of grid-staff rank or above at the
// errand's desk (its org node) or a node above it; the requester and the people who act for the
// errand's unit read it and follow its timeline, cancel it before it is done and rate it after;
// nobody else learns it exists. The same read rule as SQL for lists and figures is
// `errandReadableBy` in errands.access.ts: change both together.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface ErrandSubject {
  /** The desk's path. */
  orgPath: string
  requesterId: string
  /** The people who act for the errand's unit (none for a resident's errand). */
  unitPersonIds: string[]
}

export const isDeskStaff = (actor: Actor, e: Pick<ErrandSubject, 'orgPath'>) => actor.kind === 'person' && levelAt(actor, e.orgPath) >= LEVEL.gridStaff
export const isRequesterSide = (actor: Actor, e: ErrandSubject) =>
  actor.personId !== null && (actor.personId === e.requesterId || e.unitPersonIds.includes(actor.personId))

definePolicy<ErrandSubject>('errand.read', (actor, e) => isDeskStaff(actor, e) || isRequesterSide(actor, e))
/** Accept, reject, start, hand off, finish; steps and the checklist. */
definePolicy<ErrandSubject>('errand.work', isDeskStaff)
/** Cancel before done, rate after: the requester and the people of the errand's unit. */
definePolicy<ErrandSubject>('errand.request', (actor, e) => actor.kind === 'person' && isRequesterSide(actor, e))
/** Opening an errand at a desk for someone who came in person; the figures of a node. */
definePolicy<{ orgPath: string }>('errand.desk', isDeskStaff)
