// Secretaries' projects as a reader sees them: the node, owner and unit by name, the source, and
// what the reader may do.
import { isoTime } from '../../kernel/db/client.ts'
import { can } from '../../kernel/policy.ts'
import type { RequestContext } from '../../kernel/context.ts'
import type { ProjectRow, MilestoneRow } from './secretary_projects.repository.ts'
import type { SecretaryProject } from './secretary_projects.schemas.ts'

export const subjectOf = (p: Pick<ProjectRow, 'orgPath' | 'ownerId'>) => ({ orgPath: p.orgPath, ownerId: p.ownerId })

export function presentProject(ctx: RequestContext, p: ProjectRow): SecretaryProject {
  const s = subjectOf(p)
  const open = p.state !== 'done'
  return {
    id: p.id, org: { id: p.orgId, name: p.orgName, kind: p.orgKind }, kind: p.kind, state: p.state, yearFrom: p.yearFrom, yearTo: p.yearTo,
    title: p.title, description: p.description, owner: { id: p.ownerId, name: p.ownerName }, unit: p.unitId ? { id: p.unitId, name: p.unitName ?? '' } : null,
    department: p.department, progress: p.progress, progressManual: p.progressManual, milestonesTotal: p.milestonesTotal, milestonesDone: p.milestonesDone,
    nextDueOn: p.nextDueOn,
    source: p.sourceKind ? {
      kind: p.sourceKind, category: p.sourceCategory, categoryName: p.sourceCategoryName, street: p.sourceStreetId ? { id: p.sourceStreetId, name: p.sourceStreetName ?? '' } : null,
      caseIds: p.sourceCaseIds, orderIds: p.sourceOrderIds, caseId: p.sourceCaseId,
      topic: p.sourceTopicId ? { id: p.sourceTopicId, name: p.sourceTopicTitle ?? '' } : null,
    } : null,
    closedAt: isoTime(p.closedAt), closeNote: p.closeNote, createdAt: isoTime(p.createdAt)!, updatedAt: isoTime(p.updatedAt)!,
    canManage: open && can(ctx.actor, 'secretaryProject.manage', s),
    canReport: open && can(ctx.actor, 'secretaryProject.report', s),
    canComment: can(ctx.actor, 'secretaryProject.comment', s),
  }
}

export function presentMilestone(m: MilestoneRow, today: string) {
  return {
    id: m.id, title: m.title, dueOn: m.dueOn, done: m.doneAt !== null, doneAt: isoTime(m.doneAt),
    doneBy: m.doneById ? { id: m.doneById, name: m.doneByName ?? '' } : null, evidenceNote: m.evidenceNote,
    photos: m.photos.map((f) => ({ id: f.id, url: `/api/v1/files/${f.sha256}`, thumbUrl: `/api/v1/files/${f.sha256}?size=thumb` })),
    overdue: m.doneAt === null && m.dueOn < today,
  }
}
