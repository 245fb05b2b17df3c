// Residents: households, encrypted ID numbers and phones, imports.
import { defineModule } from '../../kernel/module.ts'
import { importLimits } from '../../kernel/spreadsheet.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { OrgService } from '../orgs/orgs.service.ts'
import { createResidentService } from './residents.service.ts'
import { residentRoutes } from './residents.routes.ts'

export const residentsModule = defineModule({
  name: 'residents',
  needs: ['people', 'orgs'],
  create: ({ db, pii, config }, { people, orgs }: { people: PeopleService; orgs: OrgService }) => createResidentService({ db, pii, importLimits: importLimits(config), people, orgs }),
  routes: residentRoutes,
})
