// /api/v1/family-bank: 家风银行: depositing mottos and stories, one's own deposits, the staff's list
// and moderation queue, approve / reject / withdraw, and the public page with its counts (no login).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema } from '../../kernel/contract.ts'
import type { FamilyBankService } from './family_bank.service.ts'
import {
  countsQuerySchema, countsSchema, depositCreateSchema, depositRejectSchema, depositSchema, depositsQuerySchema, mineQuerySchema, publicDepositSchema, publicQuerySchema,
} from './family_bank.schemas.ts'

const tags = ['family-bank']
const params = z.object({ id: idSchema })

export const familyBankRoutes: FastifyPluginAsyncZod<RouteOptions<FamilyBankService, Record<never, never>>> = async (app, { service }) => {
  app.get('/family-bank/public', {
    schema: { tags, summary: '家风银行公开展示（无需登录）：某社区或街道（含下级）已审核展示的家训和家风故事，只显示“王家”这样的姓氏称呼', querystring: publicQuerySchema, response: { 200: countedPageOf(publicDepositSchema), ...errorResponses } },
  }, (req) => service.publicList(req.query))

  app.get('/family-bank/public/counts', {
    schema: { tags, summary: '家风银行公开统计（无需登录）：家训、家风故事、存入的家庭数，按社区分列', querystring: countsQuerySchema, response: { 200: countsSchema, ...errorResponses } },
  }, (req) => service.publicCounts(req.query))

  app.get('/family-bank/deposits/mine', {
    schema: { tags, summary: '我存入的家训和家风故事（含待审核、未通过及原因）', querystring: mineQuerySchema, response: { 200: countedPageOf(depositSchema), ...errorResponses } },
  }, (req) => service.mine(req.ctx, req.query))

  app.get('/family-bank/deposits', {
    schema: { tags, summary: '工作人员管辖范围内的家风存单；state=pending 为待审核队列', querystring: depositsQuerySchema, response: { 200: countedPageOf(depositSchema), ...errorResponses } },
  }, (req) => service.list(req.ctx, req.query))

  app.post('/family-bank/deposits', {
    schema: { tags, summary: '存入家训（motto）或家风故事（story，须有标题），待社区审核后展示', body: depositCreateSchema, response: { 201: depositSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)))

  app.get('/family-bank/deposits/:id', {
    schema: { tags, summary: '一份家风存单：存入人和社区工作人员看到完整信息，其他人只看到已展示的公开内容', params, response: { 200: z.union([depositSchema, publicDepositSchema]), ...errorResponses } },
  }, (req) => service.get(req.ctx, req.params.id))

  app.post('/family-bank/deposits/:id/approve', {
    schema: { tags, summary: '审核通过，公开展示（社区干部）', params, response: { 200: depositSchema, ...errorResponses } },
  }, (req) => service.approve(req.ctx, req.params.id))

  app.post('/family-bank/deposits/:id/reject', {
    schema: { tags, summary: '审核不通过，须写明原因（社区干部）', params, body: depositRejectSchema, response: { 200: depositSchema, ...errorResponses } },
  }, (req) => service.reject(req.ctx, req.params.id, req.body.reason))

  app.post('/family-bank/deposits/:id/withdraw', {
    schema: { tags, summary: '撤回（存入人本人，或社区干部撤下已展示的）', params, response: { 200: depositSchema, ...errorResponses } },
  }, (req) => service.withdraw(req.ctx, req.params.id))
}
