// /api/v1/members, /registrations, /introduction-letters, /community-posts, /post-claims,
// /member-targets, /feedback-cards, /ledgers, /pioneer-index and the public walls
// /public/walls/:communityId: Party members and their registration (报到) at their community.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { MemberService } from './members.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idParams, idSchema, pageOf } from '../../kernel/contract.ts'
import {
  behindQuerySchema, cardCreateSchema, cardReviewSchema, cardSchema, cardsQuerySchema, claimCreateSchema, claimSchema, claimsQuerySchema,
  ledgerNameSchema, ledgerQuerySchema, ledgerSchema, letterCreateSchema, letterSchema, memberCreateSchema, memberSchema, membersQuerySchema,
  memberUpdateSchema, pioneerQuerySchema, pioneerSchema, postCreateSchema, postSchema, postsQuerySchema, postUpdateSchema, registrationCreateSchema,
  registrationSchema, registrationsQuerySchema, resubmitSchema, returnSchema, targetPutSchema, targetSchema, targetsQuerySchema, wallsSchema, yearSchema,
} from './members.schemas.ts'

const tags = ['members']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const memberRoutes: FastifyPluginAsyncZod<RouteOptions<MemberService, Record<never, never>>> = async (app, { service }) => {
  const members = service

  app.get('/members', {
    schema: { tags, summary: '党员（本人及管辖范围内），含年度目标进度', querystring: membersQuerySchema, response: { 200: pageOf(memberSchema), ...errorResponses } },
  }, (req) => members.list(req.ctx, req.query))

  app.get('/members/me', {
    schema: { tags, summary: '我的党员信息和年度目标进度', response: { 200: memberSchema, ...errorResponses } },
  }, (req) => members.mine(req.ctx))

  app.get('/members/behind', {
    schema: { tags, summary: '年度目标未达标的已报到党员（服务时长少的在前）', querystring: behindQuerySchema, response: { 200: pageOf(memberSchema).extend({ total: z.number().int() }), ...errorResponses } },
  }, (req) => members.behind(req.ctx, req.query))

  app.get('/members/:id', {
    schema: { tags, summary: '党员详情', params: idParams, querystring: z.object({ year: yearSchema.optional() }), response: { 200: memberSchema, ...errorResponses } },
  }, (req) => members.get(req.ctx, req.params.id, req.query.year))

  app.post('/members', {
    schema: { tags, summary: '登记党员（社区干部）', body: memberCreateSchema, response: { 201: memberSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await members.create(req.ctx, req.body)))

  app.patch('/members/:id', {
    schema: { tags, summary: '修改党员信息（本人可改公开展示和承诺）', params: idParams, body: memberUpdateSchema, response: { 200: memberSchema, ...errorResponses } },
  }, (req) => members.update(req.ctx, req.params.id, req.body))

  app.get('/members/:id/handbook', {
    schema: { tags, summary: '党员纪实手册（生成）', params: idParams, querystring: z.object({ year: yearSchema.optional() }), response: { 200: ledgerSchema, ...errorResponses } },
  }, (req) => members.handbook(req.ctx, req.params.id, req.query.year))

  app.get('/members/:id/handbook.xlsx', {
    schema: { tags, summary: '党员纪实手册（Excel）', params: idParams, querystring: z.object({ year: yearSchema.optional() }) },
  }, async (req, reply) => {
    const ledger = await members.handbook(req.ctx, req.params.id, req.query.year)
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="handbook-${req.params.id}.xlsx"`).send(await members.workbook(ledger))
  })

  app.get('/introduction-letters', {
    schema: { tags, summary: '介绍信（单位开具的、本人的、管辖范围内的）', querystring: z.object({ memberId: idSchema.optional() }), response: { 200: z.object({ items: z.array(letterSchema) }), ...errorResponses } },
  }, (req) => members.listLetters(req.ctx, req.query))

  app.post('/introduction-letters', {
    schema: { tags, summary: '单位为本单位党员开具编号介绍信', body: letterCreateSchema, response: { 201: letterSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await members.issueLetter(req.ctx, req.body)))

  app.get('/registrations', {
    schema: { tags, summary: '报到记录（本人、本单位职工、管辖范围内）', querystring: registrationsQuerySchema, response: { 200: pageOf(registrationSchema), ...errorResponses } },
  }, (req) => members.listRegistrations(req.ctx, req.query))

  app.post('/registrations', {
    schema: { tags, summary: '提交报到：党员（附介绍信照片或编号介绍信）或单位整体报到（双报到）', body: registrationCreateSchema, response: { 201: registrationSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await members.register(req.ctx, req.body)))

  app.get('/registrations/:id', {
    schema: { tags, summary: '报到详情', params: idParams, response: { 200: registrationSchema, ...errorResponses } },
  }, (req) => members.getRegistration(req.ctx, req.params.id))

  app.post('/registrations/:id/accept', {
    schema: { tags, summary: '社区接收报到', params: idParams, response: { 200: registrationSchema, ...errorResponses } },
  }, (req) => members.accept(req.ctx, req.params.id))

  app.post('/registrations/:id/return', {
    schema: { tags, summary: '社区退回报到（须写明原因）', params: idParams, body: returnSchema, response: { 200: registrationSchema, ...errorResponses } },
  }, (req) => members.returnRegistration(req.ctx, req.params.id, req.body.reason))

  app.post('/registrations/:id/resubmit', {
    schema: { tags, summary: '被退回后重新提交（可换介绍信）', params: idParams, body: resubmitSchema, response: { 200: registrationSchema, ...errorResponses } },
  }, (req) => members.resubmit(req.ctx, req.params.id, req.body))

  app.get('/community-posts', {
    schema: { tags, summary: '社区服务岗位和项目（含已认领人数）', querystring: postsQuerySchema, response: { 200: pageOf(postSchema), ...errorResponses } },
  }, (req) => members.listPosts(req.ctx, req.query))

  app.post('/community-posts', {
    schema: { tags, summary: '新建服务岗位或项目（社区干部）', body: postCreateSchema, response: { 201: postSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await members.createPost(req.ctx, req.body)))

  app.patch('/community-posts/:id', {
    schema: { tags, summary: '修改服务岗位或项目（名额不少于已认领人数）', params: idParams, body: postUpdateSchema, response: { 200: postSchema, ...errorResponses } },
  }, (req) => members.updatePost(req.ctx, req.params.id, req.body))

  app.get('/post-claims', {
    schema: { tags, summary: '岗位认领记录', querystring: claimsQuerySchema, response: { 200: pageOf(claimSchema), ...errorResponses } },
  }, (req) => members.listClaims(req.ctx, req.query))

  app.post('/post-claims', {
    schema: { tags, summary: '认领岗位或项目（报到被接收后；名额满时 409）', body: claimCreateSchema, response: { 201: claimSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await members.claim(req.ctx, req.body)))

  app.delete('/post-claims/:id', {
    schema: { tags, summary: '取消认领', params: idParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await members.release(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/member-targets', {
    schema: { tags, summary: '年度目标（按年度和地区；未设定时为默认值）', querystring: targetsQuerySchema, response: { 200: z.object({ items: z.array(targetSchema), defaults: z.object({ minProjects: z.number(), minHours: z.number() }) }), ...errorResponses } },
  }, (req) => members.listTargets(req.ctx, req.query))

  app.put('/member-targets', {
    schema: { tags, summary: '设定某地区某年度的目标（街道管理员及以上）', body: targetPutSchema, response: { 200: targetSchema, ...errorResponses } },
  }, (req) => members.putTarget(req.ctx, req.body))

  app.get('/feedback-cards', {
    schema: { tags, summary: '反馈卡（社区：全部；本人：已审核的；单位：发给本单位的）', querystring: cardsQuerySchema, response: { 200: pageOf(cardSchema), ...errorResponses } },
  }, (req) => members.listCards(req.ctx, req.query))

  app.post('/feedback-cards', {
    schema: { tags, summary: '按党员的记录生成某期间的反馈卡（社区干部）', body: cardCreateSchema, response: { 201: cardSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await members.generateCard(req.ctx, req.body)))

  app.get('/feedback-cards/:id', {
    schema: { tags, summary: '反馈卡详情', params: idParams, response: { 200: cardSchema, ...errorResponses } },
  }, (req) => members.getCard(req.ctx, req.params.id))

  app.post('/feedback-cards/:id/review', {
    schema: { tags, summary: '社区审核反馈卡（评价和评语）', params: idParams, body: cardReviewSchema, response: { 200: cardSchema, ...errorResponses } },
  }, (req) => members.reviewCard(req.ctx, req.params.id, req.body))

  app.post('/feedback-cards/:id/send', {
    schema: { tags, summary: '将审核后的反馈卡发送给党员的工作单位', params: idParams, response: { 200: cardSchema, ...errorResponses } },
  }, (req) => members.sendCard(req.ctx, req.params.id))

  app.get('/feedback-cards/:id/pdf', {
    schema: { tags, summary: '反馈卡 PDF（可打印）', params: idParams },
  }, async (req, reply) => {
    const pdf = await members.cardPdf(req.ctx, req.params.id)
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${pdf.filename}"`).send(pdf.bytes)
  })

  app.get('/ledgers/:ledger', {
    schema: { tags, summary: '台账（生成）：member-database 党员信息库、member-service 党员服务台账、unit-service 单位服务台账', params: z.object({ ledger: ledgerNameSchema }), querystring: ledgerQuerySchema, response: { 200: ledgerSchema, ...errorResponses } },
  }, (req) => members.ledger(req.ctx, req.params.ledger, req.query))

  app.get('/ledgers/:ledger.xlsx', {
    schema: { tags, summary: '导出台账为 Excel', params: z.object({ ledger: ledgerNameSchema }), querystring: ledgerQuerySchema },
  }, async (req, reply) => {
    const ledger = await members.ledger(req.ctx, req.params.ledger, req.query)
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${req.params.ledger}.xlsx"`).send(await members.workbook(ledger))
  })

  app.get('/pioneer-index', {
    schema: { tags, summary: '新就业群体党员先锋指数（个人和团队）', querystring: pioneerQuerySchema, response: { 200: pioneerSchema, ...errorResponses } },
  }, (req) => members.pioneer(req.ctx, req.query))

  app.get('/public/walls/:communityId', {
    schema: { tags, summary: '公开：社区签名墙、承诺墙、先锋墙（仅本人同意展示的党员，无需登录）', security: [], params: z.object({ communityId: idSchema }), response: { 200: wallsSchema, ...errorResponses } },
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
  }, (req) => members.walls(req.params.communityId))
}
