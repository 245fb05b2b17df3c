// /api/v1/emergencies, /emergency-posts, /shifts, /shift-signups: declaring an emergency, its
// branches, teams, zones, posts and shifts, sign-ups and check-in, hazards, the board, the roster,
// the end report, and a member's own duties.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema } from '../../kernel/contract.ts'
import type { MobilisationModuleService } from './mobilisation.module.ts'
import {
  boardSchema, branchCreateSchema, branchSchema, checkinCodeSchema, checkinResultSchema, checkinSchema, commendationCreateSchema, emergenciesQuerySchema,
  emergencyCreateSchema, emergencySchema, endSchema, hazardCreateSchema, hazardSchema, myDutySchema, postCreateSchema, postSchema, reportSchema,
  rosterQuerySchema, rosterSchema, shiftSchema, shiftsCreateSchema, signupCreateSchema, signupSchema, teamCreateSchema, teamSchema, zoneCreateSchema, zoneSchema,
} from './mobilisation.schemas.ts'

const tags = ['mobilisation']
const params = z.object({ id: idSchema })
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })

export const mobilisationRoutes: FastifyPluginAsyncZod<RouteOptions<MobilisationModuleService, Record<never, never>>> = async (app, { service }) => {
  const { emergencies, duty } = service

  app.post('/emergencies', {
    schema: { tags, summary: '发起应急动员（街道、区管理员）：类型、名称、范围（组织节点，可选多边形）', body: emergencyCreateSchema, response: { 201: emergencySchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await emergencies.declare(req.ctx, req.body)))

  app.get('/emergencies', {
    schema: { tags, summary: '应急事件列表（本人所在范围内的）', querystring: emergenciesQuerySchema, response: { 200: z.object({ items: z.array(emergencySchema), nextCursor: z.string().nullable() }), ...errorResponses } },
  }, (req) => emergencies.list(req.ctx, req.query))

  app.get('/emergencies/:id', {
    schema: { tags, summary: '应急事件详情', params, response: { 200: emergencySchema, ...errorResponses } },
  }, (req) => emergencies.get(req.ctx, req.params.id))

  app.get('/emergencies/:id/board', {
    schema: { tags, summary: '应急指挥看板：点位在岗、当前值守人员、险情、缺人提醒、责任区和点位地图', params, response: { 200: boardSchema, ...errorResponses } },
  }, (req) => duty.board(req.ctx, req.params.id))

  app.get('/emergencies/:id/roster', {
    schema: { tags, summary: '某日值班表（北京时间）', params, querystring: rosterQuerySchema, response: { 200: rosterSchema, ...errorResponses } },
  }, (req) => duty.roster(req.ctx, req.params.id, req.query.date))

  app.post('/emergencies/:id/branches', {
    schema: { tags, summary: '组建临时党支部', params, body: branchCreateSchema, response: { 201: branchSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await emergencies.createBranch(req.ctx, req.params.id, req.body)))

  app.get('/emergencies/:id/branches', {
    schema: { tags, summary: '临时党支部（撤销后记录保留）', params, response: { 200: items(branchSchema), ...errorResponses } },
  }, (req) => emergencies.branches(req.ctx, req.params.id))

  app.post('/emergencies/:id/teams', {
    schema: { tags, summary: '组建突击队（队长和队员，来自单位和报到党员）', params, body: teamCreateSchema, response: { 201: teamSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await emergencies.createTeam(req.ctx, req.params.id, req.body)))

  app.get('/emergencies/:id/teams', {
    schema: { tags, summary: '突击队', params, response: { 200: items(teamSchema), ...errorResponses } },
  }, (req) => emergencies.teams(req.ctx, req.params.id))

  app.post('/emergencies/:id/zones', {
    schema: { tags, summary: '划定责任区（多边形）并指定责任人', params, body: zoneCreateSchema, response: { 201: zoneSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await emergencies.createZone(req.ctx, req.params.id, req.body)))

  app.get('/emergencies/:id/zones', {
    schema: { tags, summary: '责任区', params, response: { 200: items(zoneSchema), ...errorResponses } },
  }, (req) => emergencies.zones(req.ctx, req.params.id))

  app.post('/emergencies/:id/posts', {
    schema: { tags, summary: '设立值守点位（卡口、堤段等；可标为先锋岗），可同时排班', params, body: postCreateSchema, response: { 201: postSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await emergencies.createPost(req.ctx, req.params.id, req.body)))

  app.get('/emergencies/:id/posts', {
    schema: { tags, summary: '值守点位和班次', params, response: { 200: items(postSchema), ...errorResponses } },
  }, (req) => emergencies.posts(req.ctx, req.params.id))

  app.post('/emergency-posts/:id/shifts', {
    schema: { tags, summary: '为点位添加班次', params, body: shiftsCreateSchema, response: { 201: items(shiftSchema), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await duty.addShifts(req.ctx, req.params.id, req.body)))

  app.get('/emergency-posts/:id/checkin-code', {
    schema: { tags, summary: '点位签到二维码（每 30 秒更换）', params, response: { 200: checkinCodeSchema.extend({ svg: z.string() }), ...errorResponses } },
  }, (req) => duty.checkinCode(req.ctx, req.params.id))

  app.post('/shifts/:id/signups', {
    schema: { tags, summary: '报名班次（不填 personId 为本人；指派他人须为应急负责人）；名额满后不再接受', params, body: signupCreateSchema, response: { 201: signupSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await duty.signUp(req.ctx, req.params.id, req.body.personId)))

  app.post('/shift-signups/:id/cancel', {
    schema: { tags, summary: '取消报名（本人或应急负责人）', params, body: z.strictObject({}).optional(), response: { 200: z.object({ id: z.string(), cancelled: z.boolean() }), ...errorResponses } },
  }, (req) => duty.cancel(req.ctx, req.params.id))

  app.post('/shift-signups/:id/checkin', {
    schema: { tags, summary: '到岗签到：扫点位二维码或按位置（须在点位范围内）', params, body: checkinSchema, response: { 200: checkinResultSchema, ...errorResponses } },
  }, (req) => duty.checkIn(req.ctx, req.params.id, req.body))

  app.post('/emergencies/:id/hazards', {
    schema: { tags, summary: '上报险情：生成带应急标签和优先级的事件', params, body: hazardCreateSchema, response: { 201: hazardSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await duty.reportHazard(req.ctx, req.params.id, req.body)))

  app.get('/emergencies/:id/hazards', {
    schema: { tags, summary: '险情列表（处置中、已处置）', params, response: { 200: items(hazardSchema), ...errorResponses } },
  }, (req) => duty.hazards(req.ctx, req.params.id))

  app.post('/emergencies/:id/commendations', {
    schema: { tags, summary: '推荐表彰', params, body: commendationCreateSchema, response: { 201: z.object({ emergencyId: z.string(), personId: z.string(), reason: z.string() }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await duty.commend(req.ctx, req.params.id, req.body)))

  app.post('/emergencies/:id/end', {
    schema: { tags, summary: '结束应急：撤销临时党支部（记录保留），返回参与人员、时长和表彰推荐', params, body: endSchema, response: { 200: reportSchema, ...errorResponses } },
  }, (req) => duty.end(req.ctx, req.params.id, req.body))

  app.get('/emergencies/:id/report', {
    schema: { tags, summary: '应急总结：参与人员、值守时长、险情、表彰推荐', params, response: { 200: reportSchema, ...errorResponses } },
  }, (req) => duty.report(req.ctx, req.params.id))

  app.get('/me/duties', {
    schema: { tags, summary: '我的值守班次', querystring: z.object({ emergencyId: idSchema.optional() }), response: { 200: items(myDutySchema), ...errorResponses } },
  }, (req) => duty.myDuties(req.ctx, req.query.emergencyId))
}
