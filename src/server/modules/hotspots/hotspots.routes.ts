// /api/v1/hotspots: recurring problems among the cases and orders under a node (clusters per
// category, fastest-growing categories per street) and raising one as a deliberation topic.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import type { HotspotsModuleService } from './hotspots.module.ts'
import { hotspotRaisedSchema, hotspotRaiseSchema, hotspotsQuerySchema, hotspotsSchema } from './hotspots.schemas.ts'

const tags = ['hotspots']

export const hotspotRoutes: FastifyPluginAsyncZod<RouteOptions<HotspotsModuleService, Record<never, never>>> = async (app, { service }) => {
  app.get('/hotspots', {
    schema: {
      tags, summary: '热点问题：节点下近 N 周（默认 8 周）的案件和服务工单按类别的空间聚集（DBSCAN，150 米、至少 3 件）与各街道增长最快的类别；社区书记看本社区，街道、区管理员看辖区',
      querystring: hotspotsQuerySchema, response: { 200: hotspotsSchema, ...errorResponses },
    },
  }, (req) => service.list(req.ctx, req.query))

  app.post('/hotspots/topics', {
    schema: {
      tags, summary: '热点问题转为议题（每月一题）：通过协商议事创建议题，并记录来源案件和工单；每个编号都须在所选节点之下',
      body: hotspotRaiseSchema, response: { 201: hotspotRaisedSchema, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await service.raise(req.ctx, req.body)))
}
