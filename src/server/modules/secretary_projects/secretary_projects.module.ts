// Secretaries' projects (书记抓党建项目) and responsibility lists (责任清单): items with owners,
// milestones and progress, raised from hotspots (每月一题), swept for overdue milestones, counted
// in the statistics table.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createSecretaryProjectService } from './secretary_projects.service.ts'
import { createSecretaryProjectSweep } from './secretary_projects.sweep.ts'
import { secretaryProjectRoutes } from './secretary_projects.routes.ts'
import { secretaryProjectIndicatorSource } from './secretary_projects.indicators.ts'

export function createSecretaryProjectsModuleService(deps: { db: Parameters<typeof createSecretaryProjectService>[0]['db']; notifications: Pick<NotificationService, 'notify'> }) {
  const projects = createSecretaryProjectService(deps)
  return Object.assign(projects, { sweep: createSecretaryProjectSweep({ notifications: deps.notifications, projects }) })
}
export type SecretaryProjectsModuleService = ReturnType<typeof createSecretaryProjectsModuleService>

export const secretaryProjectsModule = defineModule({
  name: 'secretaryProjects',
  needs: ['notifications'],
  create: ({ db }, { notifications }: { notifications: NotificationService }) => createSecretaryProjectsModuleService({ db, notifications }),
  routes: secretaryProjectRoutes,
  indicators: secretaryProjectIndicatorSource,
  jobs: (s) => [{ name: 'secretaryProjectSweep', run: (tx, now) => s.sweep(tx, now) }],
})
