// Health: is the app up, which database, version and migration; the web client's config.
import { defineModule } from '../../kernel/module.ts'
import { healthRoutes } from './health.routes.ts'

export const healthModule = defineModule({
  name: 'health',
  needs: [],
  create: () => null,
  routes: healthRoutes,
})
