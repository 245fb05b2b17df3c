// Broadcasts (红喇叭): notices with receipts, SMS and call lists; the minute job sends the SMS
// still waiting.
import { defineModule } from '../../kernel/module.ts'
import type { Executor } from '../../kernel/db/client.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import type { SmsProvider } from '../../kernel/sms.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createBroadcastService } from './broadcasts.service.ts'
import { createFollowUps } from './broadcasts.followup.ts'
import { createBroadcastFigures } from './broadcasts.figures.ts'
import { createSmsSender } from './broadcasts.sms.ts'
import { broadcastRoutes } from './broadcasts.routes.ts'
import { broadcastIndicatorSource } from './broadcasts.indicators.ts'

/** SMS sent right after a notice (the rest by the minute job). */
const SMS_AT_ONCE = 200
/** SMS per run of the minute job. */
const SMS_PER_MINUTE = 2000

export function createBroadcastsModuleService(deps: { db: Executor; sms: SmsProvider; pii: Pick<PiiKeyring, 'decrypt'>; notifications: Pick<NotificationService, 'notify' | 'notifyAll'> }) {
  const sms = createSmsSender(deps)
  const afterSend = async (id: string) => {
    await sms.deliver(deps.db, SMS_AT_ONCE, id)
  }
  return {
    broadcasts: createBroadcastService({ ...deps, afterSend }),
    followUps: createFollowUps({ ...deps, afterRemind: afterSend }),
    figures: createBroadcastFigures(deps),
    sms,
  }
}
export type BroadcastsModuleService = ReturnType<typeof createBroadcastsModuleService>

export const broadcastsModule = defineModule({
  name: 'broadcasts',
  needs: ['notifications'],
  create: ({ db, sms, pii }, { notifications }: { notifications: NotificationService }) => createBroadcastsModuleService({ db, sms, pii, notifications }),
  routes: broadcastRoutes,
  indicators: broadcastIndicatorSource,
  jobs: (s) => [{ name: 'broadcastSms', run: (tx) => s.sms.deliver(tx, SMS_PER_MINUTE) }],
})
