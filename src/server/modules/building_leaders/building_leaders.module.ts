// Building leaders' 三亮 cards and coverage.
import { defineModule } from '../../kernel/module.ts'
import { createBuildingLeaderService } from './building_leaders.service.ts'
import { buildingLeaderRoutes } from './building_leaders.routes.ts'
import { buildingLeaderIndicatorSource } from './building_leaders.indicators.ts'

export const buildingLeadersModule = defineModule({
  name: 'buildingLeaders',
  needs: [],
  create: ({ db, pii, config }) => createBuildingLeaderService({ db, pii, publicUrl: config.PUBLIC_URL }),
  routes: buildingLeaderRoutes,
  indicators: buildingLeaderIndicatorSource,
})
