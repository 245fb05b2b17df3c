// Deliberation (协商议事): topics through the stages of a process template, votes with secret
// ballots and paper tallies, resolutions with tasks and public supervision. The sweep expires
// unsupported topics, opens scheduled votes and closes votes at their deadline.
import { defineModule } from '../../kernel/module.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { createTopicService, type DeliberationDeps } from './deliberation.topics.ts'
import { createVoteService } from './deliberation.votes.ts'
import { createResolutionService } from './deliberation.resolutions.ts'
import { createTemplateService } from './deliberation.templates.ts'
import { deliberationRoutes } from './deliberation.routes.ts'
import { deliberationTemplateKind } from './deliberation.library.ts'

export function createDeliberationModuleService(deps: DeliberationDeps) {
  return { topics: createTopicService(deps), votes: createVoteService(deps), resolutions: createResolutionService(deps), templates: createTemplateService(deps) }
}
export type DeliberationModuleService = ReturnType<typeof createDeliberationModuleService>

type Visits = { get(ctx: RequestContext, id: string): Promise<unknown> }

export const deliberationModule = defineModule({
  name: 'deliberation',
  needs: ['notifications', 'visits'],
  create: ({ db }, { notifications, visits }: { notifications: NotificationService; visits: Visits }) =>
    createDeliberationModuleService({ db, notifications, readVisit: (ctx, id) => visits.get(ctx, id) }),
  routes: deliberationRoutes,
  templates: (s) => [deliberationTemplateKind(s.templates)],
  jobs: (s) => [
    { name: 'topicExpiry', run: (tx, now) => s.topics.sweep(tx, now) },
    { name: 'voteDeadlines', run: (tx, now) => s.votes.sweep(tx, now) },
    { name: 'resolutionLinkedTasks', run: (tx) => s.resolutions.sweep(tx) },
  ],
})

