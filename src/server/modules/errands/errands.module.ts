// Errands (红色帮办): help with paperwork at the district's centre, the streets' stations and the
// communities' points, with steps, a checklist, a timeline and the sweep's step reminders.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createErrandService, type ErrandService } from './errands.service.ts'
import { errandRoutes } from './errands.routes.ts'

export const errandsModule = defineModule({
  name: 'errands',
  needs: ['notifications'],
  create: ({ db }, { notifications }: { notifications: NotificationService }): ErrandService => createErrandService({ db, notifications }),
  routes: errandRoutes,
  jobs: (s) => [{ name: 'errandSweep', run: (tx, now) => s.sweep(tx, now) }],
})
