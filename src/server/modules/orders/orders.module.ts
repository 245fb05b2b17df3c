// Service orders (三单制, 五单), the service catalogue, the grab hall and the one-button call: the
// module's services, routes and sweep (presses past their cancel window, escalation ladders,
// order deadlines and automatic confirmation).
import { defineModule, type Kernel } from '../../kernel/module.ts'
import type { GeoService } from '../geo/geo.service.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import type { VolunteerService } from '../volunteers/volunteers.service.ts'
import { createCatalogue } from './orders.catalogue.ts'
import { createOrderEffects } from './orders.effects.ts'
import { createTransitions } from './orders.transitions.ts'
import { createOrderService } from './orders.service.ts'
import { createDevices } from './orders.devices.ts'
import { createOrderSweep } from './orders.sweep.ts'
import { createOrderFigures } from './orders.figures.ts'
import { orderRoutes } from './orders.routes.ts'
import { serviceCatalogueTemplate } from './orders.template.ts'
import './orders.policy.ts'
import { orderIndicatorSource } from './orders.indicators.ts'
import './orders.access.ts'

export interface OrdersDeps {
  geo: Pick<GeoService, 'findGridAt' | 'nearestBuilding'>
  notifications: Pick<NotificationService, 'notify' | 'notifyEach'>
  points?: Pick<PointsService, 'award' | 'rulePoints'>
  volunteers?: Pick<VolunteerService, 'recordServiceHours'>
}

export function createOrdersModuleService(kernel: Pick<Kernel, 'db' | 'config' | 'pii'>, deps: OrdersDeps) {
  const { db, config, pii } = kernel
  const effects = createOrderEffects({ config, notifications: deps.notifications, points: deps.points, volunteers: deps.volunteers })
  const transitions = createTransitions({ db, config, notifications: deps.notifications, effects })
  const orders = createOrderService({ db, config, geo: deps.geo, notifications: deps.notifications, effects, transitions })
  const devices = createDevices({ db, config, pii, notifications: deps.notifications, effects, orders })
  return { catalogue: createCatalogue({ db }), orders, transitions, devices, figures: createOrderFigures({ db }), sweep: createOrderSweep({ config, notifications: deps.notifications, effects }) }
}
export type OrdersModuleService = ReturnType<typeof createOrdersModuleService>

export const ordersModule = defineModule({
  name: 'orders',
  needs: ['geo', 'notifications', 'points', 'volunteers'],
  create: (kernel, deps: { geo: GeoService; notifications: NotificationService; points: PointsService; volunteers: VolunteerService }) => createOrdersModuleService(kernel, deps),
  routes: orderRoutes,
  templates: (s) => [serviceCatalogueTemplate(s.catalogue)],
  indicators: orderIndicatorSource,
  jobs: (s) => [
    { name: 'devicePresses', run: (tx) => s.devices.sweep(tx) },
    { name: 'orderDeadlines', run: (tx) => s.sweep(tx) },
  ],
})
