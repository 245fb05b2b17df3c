// In-service Party members: registration at a community, posts, targets, cards, ledgers.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { UnitService } from '../units/units.service.ts'
import { createVolunteerService, type VolunteerService } from '../volunteers/volunteers.service.ts'
import { createMemberService } from './members.service.ts'
import { memberRoutes } from './members.routes.ts'

type MemberDeps = { notifications: NotificationService; units: UnitService; volunteers: VolunteerService }

export const membersModule = defineModule({
  name: 'members',
  needs: ['notifications', 'units', 'volunteers'],
  create: ({ db }, { notifications, units, volunteers }: MemberDeps) =>
    createMemberService({ db, notifications, units, volunteers, volunteersIn: (ex) => createVolunteerService({ db: ex, notifications }) }),
  routes: memberRoutes,
  jobs: (members) => [{ name: 'memberReminders', run: (tx, now) => members.remindBehind(tx, now) }],
})
