// Venues and the red map: the venue registry, public map reads, room bookings and the sweep that
// expires pending holds and marks no-shows.
import { defineModule } from '../../kernel/module.ts'
import type { Config } from '../../kernel/config.ts'
import type { ReadRouter } from '../../kernel/db/replicas.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createVenueService } from './venues.service.ts'
import { createBookingService } from './venues.bookings.ts'
import { createCoverageService } from './venues.coverage.ts'
import { createVenueSheets } from './venues.import.ts'
import { importLimits } from '../../kernel/spreadsheet.ts'
import { venueRoutes } from './venues.routes.ts'
import { venueIndicatorSource } from './venues.indicators.ts'

export function createVenuesModuleService(deps: { db: Parameters<typeof createVenueService>[0]['db']; reads?: ReadRouter; config: Config; notifications: Pick<NotificationService, 'notify'> }) {
  return { venues: createVenueService(deps), bookings: createBookingService(deps), coverage: createCoverageService(deps), sheets: createVenueSheets({ db: deps.db, importLimits: importLimits(deps.config) }) }
}
export type VenuesModuleService = ReturnType<typeof createVenuesModuleService>

export const venuesModule = defineModule({
  name: 'venues',
  needs: ['notifications'],
  create: ({ db, reads, config }, { notifications }: { notifications: NotificationService }) => createVenuesModuleService({ db, reads, config, notifications }),
  routes: venueRoutes,
  indicators: venueIndicatorSource,
  jobs: (s) => [{ name: 'bookingSweep', run: (tx, now) => s.bookings.sweep(tx, now) }],
})
