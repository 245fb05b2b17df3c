// Mobilisation (应急动员): emergencies, temporary branches, shock teams, zones, duty posts and
// shifts, hazards; the minute sweep alerts uncovered posts and counts served hours.
import { defineModule } from '../../kernel/module.ts'
import type { Executor } from '../../kernel/db/client.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { CaseService } from '../cases/cases.service.ts'
import type { VolunteerService } from '../volunteers/volunteers.service.ts'
import { createEmergencyService } from './mobilisation.service.ts'
import { createDutyService } from './mobilisation.duty.ts'
import { mobilisationRoutes } from './mobilisation.routes.ts'
import { mobilisationIndicatorSource } from './mobilisation.indicators.ts'

type Deps = { notifications: NotificationService; cases: CaseService; volunteers: VolunteerService }

export function createMobilisationService(deps: { db: Executor; publicUrl?: string } & Deps) {
  const emergencies = createEmergencyService({ db: deps.db })
  return { emergencies, duty: createDutyService({ ...deps, emergencies }) }
}
export type MobilisationModuleService = ReturnType<typeof createMobilisationService>

export const mobilisationModule = defineModule({
  name: 'mobilisation',
  needs: ['notifications', 'cases', 'volunteers'],
  create: ({ db, config }, deps: Deps) => createMobilisationService({ db, publicUrl: config.PUBLIC_URL, ...deps }),
  routes: mobilisationRoutes,
  indicators: mobilisationIndicatorSource,
  jobs: (s) => [{ name: 'mobilisationSweep', run: (tx, now) => s.duty.sweep(tx, now) }],
})
