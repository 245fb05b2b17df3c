// /api/v1/buildings/:id/leader-card (public), /building-leaders, /me/building-leader: building
// leaders' 三亮 cards, the list of a node's buildings and leaders, and coverage figures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema } from '../../kernel/contract.ts'
import type { BuildingLeaderService } from './building_leaders.service.ts'
import { coverageSchema, leaderCardInputSchema, leaderCardSchema, leaderRowSchema, leadersQuerySchema } from './building_leaders.schemas.ts'

const tags = ['building-leaders']
const params = z.object({ id: idSchema })

export const buildingLeaderRoutes: FastifyPluginAsyncZod<RouteOptions<BuildingLeaderService, Record<never, never>>> = async (app, { service }) => {
  app.get('/buildings/:id/leader-card', {
    config: { public: true },
    schema: { tags, summary: '楼栋长“三亮”名片（无需登录，楼道二维码打开）：身份、职责、承诺、联系方式', params, response: { 200: leaderCardSchema, ...errorResponses } },
  }, (req) => service.leaderCard(req.ctx, req.params.id))

  app.put('/buildings/:id/leader-card', {
    schema: { tags, summary: '修改楼栋长名片（楼栋长本人或社区干部）', params, body: leaderCardInputSchema, response: { 200: leaderCardSchema, ...errorResponses } },
  }, (req) => service.saveCard(req.ctx, req.params.id, req.body))

  app.get('/building-leaders', {
    schema: { tags, summary: '辖区楼栋和楼栋长（网格员以上）', querystring: leadersQuerySchema, response: { 200: z.object({ items: z.array(leaderRowSchema) }), ...errorResponses } },
  }, (req) => service.list(req.ctx, req.query.orgId))

  app.get('/building-leaders/coverage', {
    schema: { tags, summary: '楼栋长配备情况：楼栋数、已配楼栋长、党员楼栋长（按社区）', querystring: leadersQuerySchema, response: { 200: coverageSchema, ...errorResponses } },
  }, (req) => service.coverage(req.ctx, req.query.orgId))

  app.get('/me/building-leader', {
    schema: { tags, summary: '我的楼栋长', response: { 200: z.object({ items: z.array(leaderCardSchema) }), ...errorResponses } },
  }, (req) => service.mine(req.ctx))
}
