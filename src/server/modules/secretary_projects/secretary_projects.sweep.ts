// The minute sweep of secretaries' projects: an open milestone past its due day (China time) turns
// its item overdue, and its owner is told once per milestone.
import type { Executor } from '../../kernel/db/client.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './secretary_projects.repository.ts'
import type { SecretaryProjectService } from './secretary_projects.service.ts'
import { chinaDay } from './secretary_projects.workflow.ts'

export function createSecretaryProjectSweep(deps: { notifications: Pick<NotificationService, 'notify'>; projects: Pick<SecretaryProjectService, 'refresh'> }) {
  return async function sweep(tx: Executor, now: Date) {
    const late = await repo.overdueMilestones(tx, chinaDay(now), 500)
    const at = now.toISOString()
    for (const projectId of new Set(late.map((m) => m.projectId))) {
      const { from, to } = await deps.projects.refresh(tx, projectId, now)
      const names = late.filter((m) => m.projectId === projectId)
      await repo.insertEvent(tx, { projectId, actorId: null, action: 'overdue', fromState: from, toState: to, note: names.map((m) => `${m.title}（${m.dueOn}）`).join('、'), data: { milestoneIds: names.map((m) => m.id) }, at })
    }
    for (const m of late) {
      await deps.notifications.notify(tx, {
        personIds: [m.ownerId], kind: 'secretary_project.overdue', title: `${m.projectTitle}：节点“${m.title}”已逾期`,
        body: `计划完成日期 ${m.dueOn}，请尽快推进并上传完成情况`, link: { secretaryProjectId: m.projectId },
      })
    }
    return { overdue: late.length }
  }
}
