// /api/v1/wishes: the public wall (no login), one's own and claimed wishes, the staff's lists and
// moderation queue, posting, one wish with its timeline, the transitions and the figures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema } from '../../kernel/contract.ts'
import type { WishesModuleService } from './wishes.module.ts'
import {
  claimantSchema,
  figuresQuerySchema,
  figuresSchema,
  wishClaimSchema,
  wishCreatedSchema,
  wishCreateSchema,
  wishesQuerySchema,
  wishFulfilSchema,
  wishNoteSchema,
  wishOrWallSchema,
  wishRejectSchema,
  wishThankSchema,
} from './wishes.schemas.ts'

const tags = ['wishes']
const params = z.object({ id: idSchema })

export const wishRoutes: FastifyPluginAsyncZod<RouteOptions<WishesModuleService, Record<never, never>>> = async (app, { service }) => {
  const { transitions } = service

  app.get('/wishes', {
    schema: {
      tags, querystring: wishesQuerySchema, response: { 200: countedPageOf(wishOrWallSchema), ...errorResponses },
      summary: '微心愿：默认为公开的心愿墙（无需登录，不显示心愿人身份）；mine=true 我的心愿；view=claimed 我（或我的单位）认领的；view=manage 或 state=pending 工作人员管辖范围内的全部心愿和待审核队列',
    },
  }, (req) => service.list(req.ctx, req.query))

  app.get('/wishes/figures', {
    schema: { tags, summary: '微心愿统计：各社区发布、待审核、待认领、已认领、已实现数，审核通过到实现的平均天数', querystring: figuresQuerySchema, response: { 200: figuresSchema, ...errorResponses } },
  }, (req) => service.figures(req.ctx, req.query))

  app.get('/wishes/claimant', {
    schema: { tags, summary: '我能否认领心愿：是否党员，可代表哪些单位认领', response: { 200: claimantSchema, ...errorResponses } },
  }, (req) => service.claimantOf(req.ctx))

  app.get('/wishes/:id', {
    schema: { tags, summary: '一个心愿：心愿人、发布人、认领人和社区工作人员看到完整信息和时间线，其他人看到心愿墙上的公开信息', params, response: { 200: wishOrWallSchema, ...errorResponses } },
  }, (req) => service.get(req.ctx, req.params.id))

  app.post('/wishes', {
    schema: { tags, summary: '发布微心愿（本人，或社区干部代困难群众发布），待社区审核', body: wishCreateSchema, response: { 201: wishCreatedSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)))

  app.post('/wishes/:id/claim', {
    schema: { tags, summary: '认领心愿（党员本人，或代表所在单位：unitId）；一个心愿只能被一人认领，晚到的认领得到 409', params, body: wishClaimSchema.optional(), response: { 200: wishOrWallSchema, ...errorResponses } },
  }, (req) => transitions.act(req.ctx, req.params.id, 'claim', req.body ?? {}))

  app.post('/wishes/:id/approve', {
    schema: { tags, summary: '审核通过，心愿上墙（社区干部）', params, body: wishNoteSchema.optional(), response: { 200: wishOrWallSchema, ...errorResponses } },
  }, (req) => transitions.act(req.ctx, req.params.id, 'approve', req.body ?? {}))

  app.post('/wishes/:id/reject', {
    schema: { tags, summary: '审核不通过，须写明原因（社区干部）', params, body: wishRejectSchema, response: { 200: wishOrWallSchema, ...errorResponses } },
  }, (req) => transitions.act(req.ctx, req.params.id, 'reject', req.body))

  app.post('/wishes/:id/release', {
    schema: { tags, summary: '放弃认领，心愿回到心愿墙（认领人，或社区干部）', params, body: wishNoteSchema.optional(), response: { 200: wishOrWallSchema, ...errorResponses } },
  }, (req) => transitions.act(req.ctx, req.params.id, 'release', req.body ?? {}))

  app.post('/wishes/:id/fulfil', {
    schema: { tags, summary: '心愿已实现：上传实现心愿的照片（认领人）', params, body: wishFulfilSchema, response: { 200: wishOrWallSchema, ...errorResponses } },
  }, (req) => transitions.act(req.ctx, req.params.id, 'fulfil', req.body))

  app.post('/wishes/:id/thank', {
    schema: { tags, summary: '写一句感谢，公开展示在心愿墙上（心愿人、发布人或社区干部）', params, body: wishThankSchema, response: { 200: wishOrWallSchema, ...errorResponses } },
  }, (req) => transitions.act(req.ctx, req.params.id, 'thank', req.body))

  app.post('/wishes/:id/cancel', {
    schema: { tags, summary: '撤回心愿（认领前；心愿人、发布人或社区干部）', params, body: wishNoteSchema.optional(), response: { 200: wishOrWallSchema, ...errorResponses } },
  }, (req) => transitions.act(req.ctx, req.params.id, 'cancel', req.body ?? {}))
}
