// Residents: households, encrypted ID numbers and phones, imports.
import { defineModule } from '../../kernel/module.ts'
import { importLimits } from '../../kernel/spreadsheet.ts'
import { createResidentService } from './residents.service.ts'
import { residentRoutes } from './residents.routes.ts'

export const residentsModule = defineModule({
  name: 'residents',
  needs: [],
  create: ({ db, pii, config }) => createResidentService({ db, pii, importLimits: importLimits(config) }),
  routes: residentRoutes,
})
