// The statistics table (统计一套表, issue 18): the indicator dictionary every module contributes to,
// facts per community and month refreshed by the sweep, and a node's table read from them.
import { defineModule } from '../../kernel/module.ts'
import { createStatisticsService } from './statistics.service.ts'
import { statisticsRoutes } from './statistics.routes.ts'
import { statisticsIndicatorSource } from './statistics.indicators.ts'
import './statistics.policy.ts'

export const statisticsModule = defineModule({
  name: 'statistics',
  needs: [],
  create: ({ db, reads, indicators }) => createStatisticsService({ db, reads, indicators }),
  routes: statisticsRoutes,
  indicators: statisticsIndicatorSource,
  jobs: (s) => [{ name: 'statisticsRefresh', run: (tx, now) => s.refresh(tx, now) }],
})
