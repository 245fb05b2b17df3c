// 家风银行: family mottos and stories deposited by residents, moderated by cadres, shown publicly.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createFamilyBankService } from './family_bank.service.ts'
import { familyBankRoutes } from './family_bank.routes.ts'

export const familyBankModule = defineModule({
  name: 'family_bank',
  needs: ['notifications'],
  create: ({ db }, { notifications }: { notifications: NotificationService }) => createFamilyBankService({ db, notifications }),
  routes: familyBankRoutes,
})
