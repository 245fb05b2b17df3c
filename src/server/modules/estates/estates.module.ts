// Estates: residents rate their property firm; a low rating may open a case.
import { defineModule } from '../../kernel/module.ts'
import type { CaseService } from '../cases/cases.service.ts'
import { createEstateService } from './estates.service.ts'
import { estateRoutes } from './estates.routes.ts'
import { estateIndicatorSource } from './estates.indicators.ts'

export const estatesModule = defineModule({
  name: 'estates',
  needs: ['cases'],
  create: ({ db }, { cases }: { cases: CaseService }) => createEstateService({ db, cases }),
  routes: estateRoutes,
  indicators: estateIndicatorSource,
})
