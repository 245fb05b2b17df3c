// Accounts, sessions, tokens, SMS codes and the login itself.
import { defineModule } from '../../kernel/module.ts'
import { createAuthService } from './auth.service.ts'
import { authRoutes } from './auth.routes.ts'

export const authModule = defineModule({
  name: 'auth',
  needs: [],
  // Self-registration and the phone change answer at /auth but are the people module's writes.
  routesUse: ['orgs', 'people'],
  create: ({ db, config, sms, pii }) => createAuthService({ db, config, sms, pii }),
  routes: authRoutes,
})
