// Units: employers and resident units, pairing with communities, alliances.
import { defineModule } from '../../kernel/module.ts'
import type { PeopleService } from '../people/people.service.ts'
import { createUnitService } from './units.service.ts'
import { unitRoutes } from './units.routes.ts'
import { unitIndicatorSource } from './units.indicators.ts'

export const unitsModule = defineModule({
  name: 'units',
  needs: ['people'],
  create: ({ db, reads, config }, { people }: { people: PeopleService }) => createUnitService({ db, reads, config, people }),
  routes: unitRoutes,
  indicators: unitIndicatorSource,
})
