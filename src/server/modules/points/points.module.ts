// The one points ledger: awards, manual awards, the shop.
import { defineModule } from '../../kernel/module.ts'
import type { UnitService } from '../units/units.service.ts'
import { createPointsService } from './points.service.ts'
import { pointsRoutes } from './points.routes.ts'
import { pointsIndicatorSource } from './points.indicators.ts'

export const pointsModule = defineModule({
  name: 'points',
  needs: ['units'],
  create: ({ db, config }, { units }: { units: UnitService }) => createPointsService({ db, units, config }),
  routes: pointsRoutes,
  indicators: pointsIndicatorSource,
})
