// In-service Party members: registration at a community, posts, targets, cards, ledgers.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { OrgService } from '../orgs/orgs.service.ts'
import type { UnitService } from '../units/units.service.ts'
import type { VolunteerService } from '../volunteers/volunteers.service.ts'
import { createMemberService } from './members.service.ts'
import { memberRoutes } from './members.routes.ts'

type MemberDeps = { notifications: NotificationService; orgs: OrgService; units: UnitService; volunteers: VolunteerService }

import { memberIndicatorSource } from './members.indicators.ts'
export const membersModule = defineModule({
  name: 'members',
  needs: ['notifications', 'orgs', 'units', 'volunteers'],
  create: ({ db }, { notifications, orgs, units, volunteers }: MemberDeps) => createMemberService({ db, notifications, orgs, units, volunteers }),
  routes: memberRoutes,
  jobs: (members) => [{ name: 'memberReminders', run: (tx, now) => members.remindBehind(tx, now) }],
  indicators: memberIndicatorSource,
})
