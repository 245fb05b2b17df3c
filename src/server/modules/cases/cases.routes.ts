// /api/v1/cases: report, list, map, figures, one route per action, follows; and the taxonomy.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { CaseService } from './cases.service.ts'
import type { CalendarService } from './cases.calendar.ts'
import type { FollowService } from './cases.follows.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema } from '../orgs/orgs.schemas.ts'
import {
  actionBodies,
  caseActions,
  caseCreateSchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseMapQuerySchema,
  caseSchema,
  caseStatsSchema,
  categoryCodeSchema,
  categoryCreateSchema,
  categorySchema,
  categoryUpdateSchema,
  followSchema,
  nearbyCaseSchema,
  nearbyQuerySchema,
  statsQuerySchema,
  todoCountsSchema,
} from './cases.schemas.ts'
import { actionLabels } from './cases.service.ts'
import { countedPageOf } from '../../kernel/contract.ts'

const tags = ['cases']
const params = z.object({ id: idSchema })

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  /** More cases match in view than `limit`: the newest `limit` are answered (zoom in to see the rest). */
  truncated: z.boolean(),
  limit: z.number().int(),
  features: z.array(z.object({
    type: z.literal('Feature'),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    properties: z.object({ id: z.string(), state: z.string(), categoryCode: z.string(), overdue: z.boolean(), level: z.string() }),
  })),
})

export const caseRoutes: FastifyPluginAsyncZod<RouteOptions<CaseService, { calendar: CalendarService; follows: FollowService }>> = async (app, { service, deps, kernel }) => {
  const cases = service

  app.get('/case-categories', {
    schema: { tags, summary: '问题类别（两级）', querystring: z.object({ all: z.enum(['true', 'false']).optional() }), response: { 200: z.object({ items: z.array(categorySchema) }), ...errorResponses } },
  }, async (req) => ({ items: await cases.categories(req.ctx, req.query.all === 'true') }))

  app.post('/case-categories', {
    schema: { tags, summary: '新增问题类别（区级管理员及以上）', body: categoryCreateSchema, response: { 201: categorySchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await cases.createCategory(req.ctx, req.body)))

  app.patch('/case-categories/:code', {
    schema: { tags, summary: '修改问题类别（时限、回头看天数、职能部门、启停）', params: z.object({ code: categoryCodeSchema }), body: categoryUpdateSchema, response: { 200: categorySchema, ...errorResponses } },
  }, (req) => cases.updateCategory(req.ctx, req.params.code, req.body))

  const dayRow = z.object({ day: z.string(), workday: z.boolean(), note: z.string().nullable() })
  app.get('/calendar-days', {
    schema: { tags, summary: '工作日历：与“周一至周五上班”不同的日子（节假日、调休）', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: z.object({ items: z.array(dayRow) }), ...errorResponses } },
  }, async (req) => ({ items: await deps.calendar.list(req.ctx, req.query.year) }))

  app.put('/calendar-days/:day', {
    schema: {
      tags,
      summary: '设置某日是否上班（workday 为 null 则恢复周一至周五规则；区级管理员及以上）',
      params: z.object({ day: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), '日期不存在') }),
      body: z.strictObject({ workday: z.boolean().nullable(), note: z.string().trim().min(1).max(50).nullable().optional() }),
      response: { 200: dayRow, ...errorResponses },
    },
  }, (req) => deps.calendar.set(req.ctx, req.params.day, req.body))

  app.post('/cases', {
    config: { public: true, rateLimit: { max: (req) => (req.ctx?.actor.kind === 'anonymous' ? 10 : 100000), timeWindow: '1 minute' } },
    schema: { tags, summary: '反映问题（可匿名）', body: caseCreateSchema, response: { 201: caseSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await cases.create(kernel.db, req.ctx, req.body)))

  app.get('/cases/nearby', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: '附近 50 米内 14 天内同类未办结事件（提交前查重）', querystring: nearbyQuerySchema, response: { 200: z.object({ items: z.array(nearbyCaseSchema) }), ...errorResponses } },
  }, (req) => cases.nearby(req.query))

  app.get('/cases/todo-counts', {
    schema: { tags, summary: '我的待办数量（待受理、待办理、待验收、待回访）', response: { 200: todoCountsSchema, ...errorResponses } },
  }, (req) => cases.todoCounts(req.ctx))

  app.get('/cases', {
    schema: { tags, summary: '事件列表（我的待办、管辖范围、我的任务、我反映的、我关注的）', querystring: caseListQuerySchema, response: { 200: countedPageOf(caseSchema), ...errorResponses } },
  }, (req) => cases.list(req.ctx, req.query))

  app.get('/cases/map', {
    schema: { tags, summary: '事件地图（GeoJSON，最多 1000 个点；更多时 truncated=true，请放大地图）', querystring: caseMapQuerySchema, response: { 200: featureCollection, ...errorResponses } },
  }, (req) => cases.map(req.ctx, req.query))

  app.get('/cases/stats', {
    schema: { tags, summary: '事件统计：按状态、按时办结率、网格/社区层级办结占比', querystring: statsQuerySchema, response: { 200: caseStatsSchema, ...errorResponses } },
  }, (req) => cases.stats(req.ctx, req.query))

  app.get('/cases/:id', {
    schema: { tags, summary: '事件详情（含处置时间线）', params, response: { 200: caseDetailSchema, ...errorResponses } },
  }, (req) => cases.get(req.ctx, req.params.id))

  app.post('/cases/:id/reporter-phone', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: '联系上报人：查看上报人的完整手机号（工作人员；每次查看均记入审计日志；匿名上报无）', params, response: { 200: z.object({ phone: z.string() }), ...errorResponses } },
  }, (req) => cases.reporterPhone(req.ctx, req.params.id))

  for (const action of caseActions) {
    app.post(`/cases/:id/${action}`, {
      schema: { tags, summary: `事件操作：${actionLabels[action]}`, params, body: actionBodies[action], response: { 200: caseDetailSchema, ...errorResponses } },
    }, (req) => cases.act(req.ctx, req.params.id, action, req.body as never))
  }

  app.post('/cases/:id/follow', {
    schema: { tags, summary: '关注事件（digest: 每日摘要）', params, body: z.strictObject({ digest: z.boolean().default(false) }).default({ digest: false }), response: { 200: caseSchema, ...errorResponses } },
  }, (req) => cases.follow(req.ctx, req.params.id, req.body.digest))

  app.delete('/cases/:id/follow', {
    schema: { tags, summary: '取消关注', params, response: { 200: caseSchema, ...errorResponses } },
  }, (req) => cases.unfollow(req.ctx, req.params.id))

  app.get('/follows', {
    schema: { tags, summary: '我的关注（事件、网格、社区）', response: { 200: z.object({ items: z.array(followSchema) }), ...errorResponses } },
  }, async (req) => ({ items: await deps.follows.list(req.ctx) }))

  app.post('/follows', {
    schema: { tags, summary: '关注一个网格或社区的事件', body: z.strictObject({ orgId: idSchema, digest: z.boolean().default(false) }), response: { 201: followSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await deps.follows.followOrg(req.ctx, req.body.orgId, req.body.digest)))

  app.delete('/follows/:id', {
    schema: { tags, summary: '取消关注', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await deps.follows.remove(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })
}
