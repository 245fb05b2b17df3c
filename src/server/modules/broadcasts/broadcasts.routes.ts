// /api/v1/broadcasts (红喇叭): compose and send notices, the receipt table (unopened first),
// reminders, door visits and calls, figures; recipients' own notices, opening and one-tap answers.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema, pageOf, pageQuerySchema } from '../../kernel/contract.ts'
import type { BroadcastsModuleService } from './broadcasts.module.ts'
import {
  ackSchema, broadcastCreateSchema, broadcastSchema, broadcastsQuerySchema, communityFiguresQuerySchema, communityFiguresSchema,
  figuresSchema, followUpSchema, handoverSchema, mineItemSchema, teamOptionsSchema, teamSearchQuerySchema, minePageSchema, receiptSchema, receiptsQuerySchema, tickSchema,
} from './broadcasts.schemas.ts'

const tags = ['broadcasts']
const params = z.object({ id: idSchema })

export const broadcastRoutes: FastifyPluginAsyncZod<RouteOptions<BroadcastsModuleService, Record<never, never>>> = async (app, { service }) => {
  const { broadcasts, followUps, figures } = service

  app.get('/broadcasts', {
    schema: { tags, summary: '通知列表（本人管辖范围内发出的，及上级发往本人工作范围的）', querystring: broadcastsQuerySchema, response: { 200: pageOf(broadcastSchema), ...errorResponses } },
  }, (req) => broadcasts.list(req.ctx, req.query))

  app.post('/broadcasts', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: '发送通知（红喇叭）：对象为网格/楼栋居民、报到党员、志愿服务队、结对单位或指定名单；渠道为应用内、短信、电话清单；draft 为 true 时只存草稿', body: broadcastCreateSchema, response: { 201: broadcastSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await broadcasts.create(req.ctx, req.body)))

  app.get('/broadcasts/mine', {
    schema: { tags, summary: '我收到的通知（未读在前）', querystring: pageQuerySchema, response: { 200: minePageSchema, ...errorResponses } },
  }, (req) => broadcasts.mine(req.ctx, req.query))

  app.get('/broadcasts/teams', {
    schema: { tags, summary: '可发送通知的志愿服务队（按队名或所属节点名搜索，服务端检索）', querystring: teamSearchQuerySchema, response: { 200: teamOptionsSchema, ...errorResponses } },
  }, (req) => broadcasts.teams(req.ctx, req.query))

  app.get('/broadcasts/figures', {
    schema: { tags, summary: '各社区通知成效（期间内：发送、已读、回执、80% 回执用时中位数、节省电话比例）', querystring: communityFiguresQuerySchema, response: { 200: communityFiguresSchema, ...errorResponses } },
  }, (req) => figures.communities(req.ctx, req.query))

  app.get('/broadcasts/:id', {
    schema: { tags, summary: '通知详情', params, response: { 200: broadcastSchema, ...errorResponses } },
  }, (req) => broadcasts.get(req.ctx, req.params.id))

  app.post('/broadcasts/:id/send', {
    schema: { tags, summary: '发送草稿', params, response: { 200: broadcastSchema, ...errorResponses } },
  }, (req) => broadcasts.sendDraft(req.ctx, req.params.id))

  app.post('/broadcasts/:id/withdraw', {
    schema: { tags, summary: '撤回通知（收件人只看到标题和“已撤回”）', params, response: { 200: broadcastSchema, ...errorResponses } },
  }, (req) => broadcasts.withdraw(req.ctx, req.params.id))

  app.get('/broadcasts/:id/receipts', {
    schema: { tags, summary: '回执表（未读在前，可按状态、渠道、待登记、转交、网格筛选，游标分页）', params, querystring: receiptsQuerySchema, response: { 200: pageOf(receiptSchema), ...errorResponses } },
  }, (req) => followUps.receipts(req.ctx, req.params.id, req.query))

  app.get('/broadcasts/:id/figures', {
    schema: { tags, summary: '通知成效：发送、送达、已读、回执、80% 回执用时、电话与上门', params, response: { 200: figuresSchema, ...errorResponses } },
  }, (req) => figures.notice(req.ctx, req.params.id))

  app.post('/broadcasts/:id/open', {
    schema: { tags, summary: '收件人打开通知（记为已读）', params, response: { 200: mineItemSchema, ...errorResponses } },
  }, (req) => broadcasts.open(req.ctx, req.params.id))

  app.post('/broadcasts/:id/ack', {
    schema: { tags, summary: '一键回执（“收到”/“我参加”，再点可改）', params, body: ackSchema, response: { 200: mineItemSchema, ...errorResponses } },
  }, (req) => broadcasts.ack(req.ctx, req.params.id, req.body.choice))

  app.post('/broadcasts/:id/remind', {
    schema: { tags, summary: '只提醒未读（需回执时：未回执）的人：应用内再推送、短信再发', params, response: { 200: followUpSchema, ...errorResponses } },
  }, (req) => followUps.remind(req.ctx, req.params.id))

  app.post('/broadcasts/:id/handover', {
    schema: { tags, summary: '把仍未读（未回执）的人交给所在网格的网格员上门告知', params, response: { 200: handoverSchema, ...errorResponses } },
  }, (req) => followUps.handover(req.ctx, req.params.id))

  app.post('/broadcasts/:id/receipts/:receiptId/phone', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: '查看电话清单上某人的完整号码（以便拨打；记入审计）', params: z.object({ id: idSchema, receiptId: idSchema }), response: { 200: z.object({ phone: z.string().nullable() }), ...errorResponses } },
  }, (req) => followUps.revealPhone(req.ctx, req.params.id, req.params.receiptId))

  app.post('/broadcasts/:id/receipts/:receiptId/tick', {
    schema: { tags, summary: '登记电话或上门告知的结果（可代为回执）', params: z.object({ id: idSchema, receiptId: idSchema }), body: tickSchema, response: { 200: receiptSchema, ...errorResponses } },
  }, (req) => followUps.tick(req.ctx, req.params.id, req.params.receiptId, req.body))
}
