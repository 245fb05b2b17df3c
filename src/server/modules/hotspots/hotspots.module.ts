// Hotspots (热点问题): clusters of recurring cases and orders per category, the categories growing
// fastest per street, and raising a hotspot as a deliberation topic (每月一题).
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createHotspotService } from './hotspots.service.ts'
import { hotspotRoutes } from './hotspots.routes.ts'

export type HotspotsModuleService = ReturnType<typeof createHotspotService>

export const hotspotsModule = defineModule({
  name: 'hotspots',
  needs: ['notifications'],
  create: ({ db, reads }, { notifications }: { notifications: NotificationService }) => createHotspotService({ db, reads, notifications }),
  routes: hotspotRoutes,
})
