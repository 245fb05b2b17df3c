// Organisation life of the Party organisations (issue 17): members, yearly plans, Party meetings
// through the meetings module, dashboards, study; the sweep reminds before a required meeting
// falls due.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { MeetingsModuleService } from '../meetings/meetings.module.ts'
import { createPartyLifeService, type PartyLifeDeps } from './party_life.service.ts'
import { createStudyService } from './party_life.study.ts'
import { partyLifeRoutes } from './party_life.routes.ts'
import { partyLifeIndicatorSource } from './party_life.indicators.ts'

export function createPartyLifeModuleService(deps: PartyLifeDeps) {
  return { life: createPartyLifeService(deps), study: createStudyService(deps) }
}
export type PartyLifeModuleService = ReturnType<typeof createPartyLifeModuleService>

export const partyLifeModule = defineModule({
  name: 'party_life',
  needs: ['notifications', 'meetings'],
  create: ({ db }, { notifications, meetings }: { notifications: NotificationService; meetings: MeetingsModuleService }) =>
    createPartyLifeModuleService({ db, notifications, meetings: meetings.meetings }),
  routes: partyLifeRoutes,
  indicators: partyLifeIndicatorSource,
  jobs: (s) => [{ name: 'partyLifeReminders', run: (tx, now) => s.life.sweep(tx, now) }],
})
