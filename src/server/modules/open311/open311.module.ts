// Open311 GeoReport v2: the public face of cases for other systems.
import { defineModule } from '../../kernel/module.ts'
import type { CaseService } from '../cases/cases.service.ts'
import { createOpen311Service } from './open311.service.ts'
import { open311Routes } from './open311.routes.ts'

export const open311Module = defineModule({
  name: 'open311',
  needs: ['cases'],
  create: ({ db, reads }, { cases }: { cases: CaseService }) => createOpen311Service({ db, cases, reads }),
  routes: open311Routes,
  prefix: '/open311/v2',
})
