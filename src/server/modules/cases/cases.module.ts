// Cases (problems found on the grid, closed in a verified loop), follows and the work calendar.
import { defineModule } from '../../kernel/module.ts'
import type { GeoService } from '../geo/geo.service.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import { createCaseService } from './cases.service.ts'
import { createFollowService } from './cases.follows.ts'
import { createCalendarService } from './cases.calendar.ts'
import { caseRoutes } from './cases.routes.ts'
import { caseIndicatorSource } from './cases.indicators.ts'

export const followsModule = defineModule({
  name: 'follows',
  needs: [],
  create: ({ db }) => createFollowService({ db }),
})

export const calendarModule = defineModule({
  name: 'calendar',
  needs: [],
  create: ({ db }) => createCalendarService({ db }),
})

type CaseDeps = { geo: GeoService; notifications: NotificationService; points: PointsService }

export const casesModule = defineModule({
  name: 'cases',
  needs: ['geo', 'notifications', 'points'],
  routesUse: ['follows', 'calendar'],
  create: ({ db, reads, config, pii }, { geo, notifications, points }: CaseDeps) => createCaseService({ db, reads, config, geo, notifications, points, pii }),
  routes: caseRoutes,
  jobs: (cases) => [{ name: 'cases', run: cases.sweep }],
  indicators: caseIndicatorSource,
})
