// Units: employers and resident units, pairing with communities, alliances.
import { defineModule } from '../../kernel/module.ts'
import { createUnitService } from './units.service.ts'
import { unitRoutes } from './units.routes.ts'

export const unitsModule = defineModule({
  name: 'units',
  needs: [],
  create: ({ db, config }) => createUnitService({ db, config }),
  routes: unitRoutes,
})
