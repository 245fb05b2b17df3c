// Venues and the red map: the venue registry, public map reads, room bookings and the sweep that
// expires pending holds and marks no-shows.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createVenueService } from './venues.service.ts'
import { createBookingService } from './venues.bookings.ts'
import { createCoverageService } from './venues.coverage.ts'
import { venueRoutes } from './venues.routes.ts'

export function createVenuesModuleService(deps: Parameters<typeof createVenueService>[0] & { notifications: Pick<NotificationService, 'notify'> }) {
  return { venues: createVenueService(deps), bookings: createBookingService(deps), coverage: createCoverageService(deps) }
}
export type VenuesModuleService = ReturnType<typeof createVenuesModuleService>

export const venuesModule = defineModule({
  name: 'venues',
  needs: ['notifications'],
  create: ({ db, config }, { notifications }: { notifications: NotificationService }) => createVenuesModuleService({ db, config, notifications }),
  routes: venueRoutes,
  jobs: (s) => [{ name: 'bookingSweep', run: (tx, now) => s.bookings.sweep(tx, now) }],
})
