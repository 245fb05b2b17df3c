// Wishes (微心愿): posted by residents or by cadres for them, moderated by the community, claimed
// one to one by a member or a unit, fulfilled with proof photos and thanked on the public wall.
// The sweep takes wishes past their last day off the wall.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { MemberService } from '../members/members.service.ts'
import { createWishReads, type WishDeps } from './wishes.service.ts'
import { createWishTransitions } from './wishes.transitions.ts'
import { createWishFigures } from './wishes.figures.ts'
import { wishRoutes } from './wishes.routes.ts'

import { wishIndicatorSource } from './wishes.indicators.ts'
export function createWishesModuleService(deps: WishDeps) {
  const reads = createWishReads(deps)
  return { ...reads, transitions: createWishTransitions(deps, reads), figures: createWishFigures(deps) }
}
export type WishesModuleService = ReturnType<typeof createWishesModuleService>

export const wishesModule = defineModule({
  name: 'wishes',
  needs: ['notifications', 'members'],
  create: ({ db, config }, { notifications, members }: { notifications: NotificationService; members: MemberService }) => createWishesModuleService({ db, config, notifications, members }),
  routes: wishRoutes,
  jobs: (s) => [{ name: 'wishSweep', run: (tx, now) => s.transitions.sweep(tx, now) }],
  indicators: wishIndicatorSource,
})
