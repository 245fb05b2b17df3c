// Volunteers: teams, activities, sign-ups, check-in, hours.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import { createVolunteerService } from './volunteers.service.ts'
import { volunteerRoutes } from './volunteers.routes.ts'

import { volunteerIndicatorSource } from './volunteers.indicators.ts'
export const volunteersModule = defineModule({
  name: 'volunteers',
  needs: ['notifications', 'points'],
  create: ({ db, config }, { notifications, points }: { notifications: NotificationService; points: PointsService }) =>
    createVolunteerService({ db, notifications, points, publicUrl: config.PUBLIC_URL }),
  routes: volunteerRoutes,
  jobs: (volunteers) => [{ name: 'volunteerNoShows', run: (tx, now) => volunteers.markNoShows(tx, now) }],
  indicators: volunteerIndicatorSource,
})
