// Notifications: rows per person, live push after commit, digests.
import { defineModule } from '../../kernel/module.ts'
import { createNotificationService } from './notifications.service.ts'
import { notificationRoutes } from './notifications.routes.ts'

export const notificationsModule = defineModule({
  name: 'notifications',
  needs: [],
  create: ({ db }) => createNotificationService({ db }),
  routes: notificationRoutes,
})
