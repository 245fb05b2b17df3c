// The org tree: districts down to grids and buildings, with each node's Party side.
import { defineModule } from '../../kernel/module.ts'
import { createOrgService } from './orgs.service.ts'
import { orgRoutes } from './orgs.routes.ts'

import { orgIndicatorSource } from './orgs.indicators.ts'
export const orgsModule = defineModule({
  name: 'orgs',
  needs: [],
  create: ({ db, config }) => createOrgService({ db, config }),
  routes: orgRoutes,
  indicators: orgIndicatorSource,
})
