// The shared library (云平台): practices communities publish for others, versioned, searched in
// Chinese, commented and adopted; templates of other modules travel with them (kernel/templates.ts).
import { defineModule } from '../../kernel/module.ts'
import { createLibraryService } from './library.service.ts'
import { libraryRoutes } from './library.routes.ts'

export const libraryModule = defineModule({
  name: 'library',
  needs: [],
  create: ({ db, templates }) => createLibraryService({ db, templates }),
  routes: libraryRoutes,
})
