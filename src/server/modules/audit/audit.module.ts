// The audit log's reader (rows are written by the kernel's audit helper).
import { defineModule } from '../../kernel/module.ts'
import { createAuditService } from './audit.service.ts'
import { auditRoutes } from './audit.routes.ts'

export const auditModule = defineModule({
  name: 'audit',
  needs: [],
  create: ({ db }) => createAuditService({ db }),
  routes: auditRoutes,
})
