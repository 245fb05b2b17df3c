// The one points ledger: awards, manual awards, the shop.
import { defineModule } from '../../kernel/module.ts'
import { createPointsService } from './points.service.ts'
import { pointsRoutes } from './points.routes.ts'

export const pointsModule = defineModule({
  name: 'points',
  needs: [],
  create: ({ db, config }) => createPointsService({ db, config }),
  routes: pointsRoutes,
})
