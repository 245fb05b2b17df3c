// Funds and projects (经费与项目公开): a community's funds per year by source with the governance
// rule, projects decided through deliberation and budgeted against a fund, their expenses,
// crowdfunding pledges, the public page, the figures and social organisations' incubation.
import { defineModule } from '../../kernel/module.ts'
import { createFundService, type FundDeps } from './funds.service.ts'
import { createProjectService } from './funds.projects.ts'
import { fundRoutes } from './funds.routes.ts'
import { fundIndicatorSource } from './funds.indicators.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'

export function createFundsModuleService(deps: FundDeps) {
  return { funds: createFundService(deps), projects: createProjectService(deps) }
}
export type FundsModuleService = ReturnType<typeof createFundsModuleService>

export const fundsModule = defineModule({
  name: 'funds',
  needs: ['notifications'],
  create: ({ db }, { notifications }: { notifications: NotificationService }) => createFundsModuleService({ db, notifications }),
  routes: fundRoutes,
  indicators: fundIndicatorSource,
})
