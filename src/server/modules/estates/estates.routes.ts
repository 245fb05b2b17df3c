// /api/v1/estates/:id/ratings, /estate-ratings, /estate-rating-criteria and the public board
// /public/estate-ratings: five-colour rating (五色管理) of housing estates.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { EstateService } from './estates.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema } from '../orgs/orgs.schemas.ts'
import { criterionSchema, estateRatingItemSchema, estateRatingsQuerySchema, publicRatingSchema, ratingCreateSchema, ratingSchema } from './estates.schemas.ts'
import { pageOf } from '../../kernel/contract.ts'

const tags = ['estates']
const params = z.object({ id: idSchema })
const page = pageOf

export const estateRoutes: FastifyPluginAsyncZod<RouteOptions<EstateService, Record<never, never>>> = async (app, { service }) => {
  const estates = service

  app.get('/estate-rating-criteria', {
    schema: { tags, summary: '五色评定的评分标准（满分合计 100）', security: [], response: { 200: z.object({ items: z.array(criterionSchema) }), ...errorResponses } },
  }, () => estates.criteria())

  app.get('/estate-ratings', {
    schema: { tags, summary: '管辖范围内各小区的当前评定', querystring: estateRatingsQuerySchema, response: { 200: page(estateRatingItemSchema), ...errorResponses } },
  }, (req) => estates.list(req.ctx, req.query))

  app.get('/public/estate-ratings', {
    schema: { tags, summary: '公开：各小区当前五色评定（无需登录）', security: [], querystring: estateRatingsQuerySchema, response: { 200: page(publicRatingSchema), ...errorResponses } },
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
  }, (req) => estates.publicList(req.query))

  app.get('/estates/:id/ratings', {
    schema: { tags, summary: '小区的评定历史（新的期间在前）', params, response: { 200: z.object({ items: z.array(ratingSchema) }), ...errorResponses } },
  }, (req) => estates.history(req.ctx, req.params.id))

  app.post('/estates/:id/ratings', {
    schema: {
      tags,
      summary: '评定小区（总分 ≥90 绿、≥80 蓝、≥70 黄、≥60 橙、<60 红；红色自动生成物业整改事件）',
      params,
      body: ratingCreateSchema,
      response: { 201: ratingSchema, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await estates.rate(req.ctx, req.params.id, req.body)))
}
