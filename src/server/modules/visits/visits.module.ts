// Visits: schedules of home visits and the tasks the sweep generates from them.
import { defineModule } from '../../kernel/module.ts'
import type { CaseService } from '../cases/cases.service.ts'
import { createVisitService } from './visits.service.ts'
import { visitRoutes } from './visits.routes.ts'
import { visitScheduleTemplate } from './visits.template.ts'
import { visitIndicatorSource } from './visits.indicators.ts'

export const visitsModule = defineModule({
  name: 'visits',
  needs: ['cases'],
  create: ({ db }, { cases }: { cases: CaseService }) => createVisitService({ db, cases }),
  routes: visitRoutes,
  indicators: visitIndicatorSource,
  jobs: (visits) => [{ name: 'visitTasks', run: (tx, now) => visits.generateTasks(tx, now) }],
  templates: (visits) => [visitScheduleTemplate(visits)],
})
