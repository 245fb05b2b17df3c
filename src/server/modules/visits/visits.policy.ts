// Who may log and read visits and manage visit schedules. Grid staff log visits in their
// area; staff of a unit (e.g. a department) log visits under a task assigned to their unit;
// a street or district admin sets up the schedules of their node.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

/** A role on the unit itself, or staff level over it. */
export function belongsTo(actor: Actor, orgPath: string): boolean {
  return actor.roles.some((r) => r.orgPath === orgPath) || levelAt(actor, orgPath) >= LEVEL.gridStaff
}

export interface VisitSubject {
  /** The visited node. */
  orgPath: string
  visitorId: string | null
  visitorOrgPath: string | null
}

definePolicy<VisitSubject>('visit.read', (actor, v) =>
  (v.visitorId !== null && v.visitorId === actor.personId) ||
  levelAt(actor, v.orgPath) >= LEVEL.gridStaff ||
  (v.visitorOrgPath !== null && levelAt(actor, v.visitorOrgPath) >= LEVEL.gridStaff),
)

/**
 * Logging a visit at `orgPath`: grid staff there, or someone of the visitor unit when the visit
 * fulfils a task of that unit (`taskOfVisitorOrg`). Naming a visitor unit needs belonging to it.
 */
definePolicy<{ orgPath: string; visitorOrgPath: string | null; taskOfVisitorOrg: boolean }>('visit.log', (actor, v) => {
  if (actor.kind !== 'person') return false
  const ofUnit = v.visitorOrgPath !== null && belongsTo(actor, v.visitorOrgPath)
  if (v.visitorOrgPath !== null && !ofUnit) return false
  return levelAt(actor, v.orgPath) >= LEVEL.gridStaff || (ofUnit && v.taskOfVisitorOrg)
})

/** A case found on a visit: the visitor, or grid staff where the visit took place. */
definePolicy<VisitSubject>('visit.report', (actor, v) =>
  actor.kind === 'person' && (v.visitorId === actor.personId || levelAt(actor, v.orgPath) >= LEVEL.gridStaff),
)

export interface ScheduleSubject {
  orgPath: string
  targetPaths: string[]
}

definePolicy<ScheduleSubject>('visitSchedule.read', (actor, s) =>
  levelAt(actor, s.orgPath) >= LEVEL.gridStaff ||
  s.targetPaths.some((p) => belongsTo(actor, p)),
)

definePolicy<{ orgPath: string }>('visitSchedule.manage', (actor, s) => actor.kind === 'person' && levelAt(actor, s.orgPath) >= LEVEL.scopeAdmin)
