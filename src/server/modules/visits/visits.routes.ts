// /api/v1/visits, /visit-schedules, /visit-tasks: visit logs, the cases found on them, recurring
// visit schedules and the board of who has (not) done their visits.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { VisitService } from './visits.service.ts'
import { caseSchema } from '../cases/cases.schemas.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema, pageOf } from '../../kernel/contract.ts'
import {
  scheduleCreateSchema,
  scheduleSchema,
  schedulesQuerySchema,
  taskSchema,
  tasksQuerySchema,
  taskSummarySchema,
  visitCaseCreateSchema,
  visitCreateSchema,
  visitSchema,
  visitsQuerySchema,
} from './visits.schemas.ts'

const tags = ['visits']
const params = z.object({ id: idSchema })
const page = pageOf

export const visitRoutes: FastifyPluginAsyncZod<RouteOptions<VisitService, Record<never, never>>> = async (app, { service }) => {
  const visits = service

  app.get('/visits', {
    schema: { tags, summary: '走访记录（管辖范围内，新的在前）', querystring: visitsQuerySchema, response: { 200: countedPageOf(visitSchema), ...errorResponses } },
  }, (req) => visits.list(req.ctx, req.query))

  app.get('/visits/:id', {
    schema: { tags, summary: '走访记录详情', params, response: { 200: visitSchema, ...errorResponses } },
  }, (req) => visits.get(req.ctx, req.params.id))

  app.post('/visits', {
    schema: { tags, summary: '记录一次民情夜访 / 家访（带 taskId 时完成该走访任务）', body: visitCreateSchema, response: { 201: visitSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await visits.create(req.ctx, req.body)))

  app.post('/visits/:id/cases', {
    schema: { tags, summary: '走访中发现的问题转为事件（渠道 visit）', params, body: visitCaseCreateSchema, response: { 201: caseSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await visits.reportCase(req.ctx, req.params.id, req.body)))

  app.get('/visit-schedules', {
    schema: { tags, summary: '走访计划', querystring: schedulesQuerySchema, response: { 200: page(scheduleSchema), ...errorResponses } },
  }, (req) => visits.listSchedules(req.ctx, req.query))

  app.get('/visit-schedules/:id', {
    schema: { tags, summary: '走访计划详情（含走访对象和任务完成情况）', params, response: { 200: scheduleSchema, ...errorResponses } },
  }, (req) => visits.getSchedule(req.ctx, req.params.id))

  app.post('/visit-schedules', {
    schema: { tags, summary: '新建走访计划（每月固定日期，各单位走访各自的社区）；即时生成已到期的任务', body: scheduleCreateSchema, response: { 201: scheduleSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await visits.createSchedule(req.ctx, req.body)))

  app.delete('/visit-schedules/:id', {
    schema: { tags, summary: '结束走访计划（未完成的任务随之撤下，已完成的保留）', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await visits.endSchedule(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/visit-tasks', {
    schema: { tags, summary: '走访任务（pending 待完成 / done 已完成 / late 已逾期未完成）', querystring: tasksQuerySchema, response: { 200: page(taskSchema), ...errorResponses } },
  }, (req) => visits.listTasks(req.ctx, req.query))

  app.get('/visit-tasks/summary', {
    schema: { tags, summary: '各走访单位的任务完成情况（已完成 / 待完成 / 逾期）', querystring: tasksQuerySchema.omit({ status: true, cursor: true, limit: true }), response: { 200: taskSummarySchema, ...errorResponses } },
  }, (req) => visits.summariseTasks(req.ctx, req.query))
}
