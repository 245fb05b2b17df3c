// /api/v1/orgs: the org tree. One service call per route.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { OrgService } from './orgs.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import {
  featureCollectionSchema,
  idSchema,
  communityPlacesSchema,
  orgCreateSchema,
  orgListQuerySchema,
  orgMoveSchema,
  orgPageSchema,
  orgSchema,
  orgSearchQuerySchema,
  orgStatsSchema,
  orgUpdateSchema,
} from './orgs.schemas.ts'

const params = z.object({ id: idSchema })
const tags = ['orgs']

export const orgRoutes: FastifyPluginAsyncZod<RouteOptions<OrgService, Record<never, never>>> = async (app, { service }) => {
  const orgs = service

  app.get('/public/communities', {
    config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '社区（村）名称查询（公开，居民注册时选择住址）', security: [],
      querystring: z.object({ q: z.string().trim().min(1).max(30).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), streetName: z.string().nullable() })) }), ...errorResponses },
    },
  }, (req) => orgs.publicCommunities(req.query))

  app.get('/public/communities/:id/buildings', {
    config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '社区（村）的楼栋（公开，居民注册时选择住址）', security: [], params,
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), gridName: z.string().nullable(), estateName: z.string().nullable(), lng: z.number(), lat: z.number() })) }), ...errorResponses },
    },
  }, (req) => orgs.publicBuildings(req.params.id))

  app.get('/orgs', {
    schema: { tags, summary: '在可见范围内按名称搜索组织', querystring: orgSearchQuerySchema, response: { 200: orgPageSchema, ...errorResponses } },
  }, (req) => orgs.search(req.ctx, req.query))

  app.get('/orgs/:id/places', {
    schema: { tags, summary: '社区的小区与楼栋（选择地点：社区 → 小区 → 楼栋）', params, response: { 200: communityPlacesSchema, ...errorResponses } },
  }, (req) => orgs.places(req.ctx, req.params.id))

  app.get('/orgs/:id', {
    schema: { tags, summary: '组织详情', params, response: { 200: orgSchema, ...errorResponses } },
  }, (req) => orgs.get(req.ctx, req.params.id))

  app.get('/orgs/:id/children', {
    schema: { tags, summary: '下级组织列表', params, querystring: orgListQuerySchema, response: { 200: orgPageSchema, ...errorResponses } },
  }, (req) => orgs.listChildren(req.ctx, req.params.id, req.query))

  app.get('/orgs/:id/stats', {
    schema: { tags, summary: '下级数量统计（首页用）', params, response: { 200: orgStatsSchema, ...errorResponses } },
  }, (req) => orgs.stats(req.ctx, req.params.id))

  app.get('/orgs/:id/children.geojson', {
    schema: { tags, summary: '下级组织的 GeoJSON（地图用）', params, response: { 200: featureCollectionSchema, ...errorResponses } },
  }, (req) => orgs.childrenGeoJson(req.ctx, req.params.id))

  app.post('/orgs', {
    schema: { tags, summary: '新建组织', body: orgCreateSchema, response: { 201: orgSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await orgs.create(req.ctx, req.body)))

  app.patch('/orgs/:id', {
    schema: { tags, summary: '修改组织', params, body: orgUpdateSchema, response: { 200: orgSchema, ...errorResponses } },
  }, (req) => orgs.update(req.ctx, req.params.id, req.body))

  app.post('/orgs/:id/move', {
    schema: { tags, summary: '移动组织（整个下级一起移动）', params, body: orgMoveSchema, response: { 200: orgSchema, ...errorResponses } },
  }, (req) => orgs.move(req.ctx, req.params.id, req.body.parentId))

  app.delete('/orgs/:id', {
    schema: { tags, summary: '删除组织（有下级或关联记录时拒绝；可恢复）', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await orgs.remove(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.post('/orgs/:id/restore', {
    schema: { tags, summary: '恢复已删除的组织', params, response: { 200: orgSchema, ...errorResponses } },
  }, (req) => orgs.restore(req.ctx, req.params.id))
}
