// Deliberation (协商议事): topics through the stages of a process template, votes with secret
// ballots and paper tallies, resolutions with tasks and public supervision. The sweep expires
// unsupported topics, opens scheduled votes, closes votes at their deadline and reminds the owners
// of an overdue stage once.
import { defineModule } from '../../kernel/module.ts'
import type { Executor } from '../../kernel/db/client.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { createTopicService, type DeliberationDeps } from './deliberation.topics.ts'
import { createVoteService } from './deliberation.votes.ts'
import { createResolutionService } from './deliberation.resolutions.ts'
import { createTemplateService } from './deliberation.templates.ts'
import { deliberationRoutes } from './deliberation.routes.ts'
import { deliberationTemplateKind } from './deliberation.library.ts'
import { remindOverdueStages } from './deliberation.overdue.ts'
import { deliberationIndicatorSource } from './deliberation.indicators.ts'

export function createDeliberationModuleService(deps: DeliberationDeps) {
  return { topics: createTopicService(deps), votes: createVoteService(deps), resolutions: createResolutionService(deps), templates: createTemplateService(deps),
    remindOverdue: (tx: Executor, at: Date) => remindOverdueStages(tx, at, deps.notifications) }
}
export type DeliberationModuleService = ReturnType<typeof createDeliberationModuleService>

export const deliberationModule = defineModule({
  name: 'deliberation',
  needs: ['notifications'],
  create: ({ db }, { notifications }: { notifications: NotificationService }) => createDeliberationModuleService({ db, notifications }),
  routes: deliberationRoutes,
  indicators: deliberationIndicatorSource,
  templates: (s) => [deliberationTemplateKind(s.templates)],
  jobs: (s) => [
    { name: 'topicExpiry', run: (tx, now) => s.topics.sweep(tx, now) },
    { name: 'voteDeadlines', run: (tx, now) => s.votes.sweep(tx, now) },
    { name: 'resolutionLinkedTasks', run: (tx) => s.resolutions.sweep(tx) },
    { name: 'stageOverdue', run: (tx, now) => s.remindOverdue(tx, now) },
  ],
})

