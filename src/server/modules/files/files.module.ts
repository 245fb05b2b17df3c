// Photos and documents: uploads, thumbnails, who may read them.
import { defineModule } from '../../kernel/module.ts'
import { createFileService } from './files.service.ts'
import { fileRoutes } from './files.routes.ts'

export const filesModule = defineModule({
  name: 'files',
  needs: [],
  create: ({ db, config }) => createFileService({ db, config }),
  routes: fileRoutes,
})
