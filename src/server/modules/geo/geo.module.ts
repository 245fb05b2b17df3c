// Where a point lies: the grid that contains it (or the nearest one).
import { defineModule } from '../../kernel/module.ts'
import type { OrgService } from '../orgs/orgs.service.ts'
import { createGeoService } from './geo.service.ts'
import { geoRoutes } from './geo.routes.ts'

export const geoModule = defineModule({
  name: 'geo',
  needs: ['orgs'],
  create: ({ db }, { orgs }: { orgs: OrgService }) => createGeoService({ db, orgs }),
  routes: geoRoutes,
})
