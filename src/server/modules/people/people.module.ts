// One person with many hats: the people register and their roles.
import { defineModule } from '../../kernel/module.ts'
import type { AuthService } from '../auth/auth.service.ts'
import type { GeoService } from '../geo/geo.service.ts'
import { createPeopleService } from './people.service.ts'
import { peopleRoutes } from './people.routes.ts'

export const peopleModule = defineModule({
  name: 'people',
  needs: ['auth', 'geo'],
  create: ({ db, config, pii }, { auth, geo }: { auth: AuthService; geo: GeoService }) => createPeopleService({ db, config, auth, geo, pii }),
  routes: peopleRoutes,
})
