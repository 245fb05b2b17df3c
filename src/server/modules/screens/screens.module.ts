// 智慧屏 (wall screens): links cadres make for a node's TV, and the feed the screen page shows.
import { defineModule } from '../../kernel/module.ts'
import { createScreenService } from './screens.service.ts'
import { screenRoutes } from './screens.routes.ts'

export const screensModule = defineModule({
  name: 'screens',
  needs: [],
  routesUse: ['orders', 'statistics'],
  create: ({ db, indicators }) => createScreenService({ db, indicators }),
  routes: screenRoutes,
})
