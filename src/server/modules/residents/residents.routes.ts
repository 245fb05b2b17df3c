// /api/v1/residents: the resident registry (居民信息) with masked ID numbers and phones,
// audited reveals, Excel import/export, and /residents/me for a resident's own record.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { ResidentService } from './residents.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema } from '../../kernel/contract.ts'
import {
  exportSchema, importQuerySchema, importResultSchema, residentCreateSchema, residentSchema, residentSelfUpdateSchema, residentsQuerySchema,
  residentStatsSchema, residentUpdateSchema, revealResultSchema, revealSchema,
} from './residents.schemas.ts'
import { notASpreadsheet } from './residents.service.ts'

const tags = ['residents']
const params = z.object({ id: idSchema })
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const page = countedPageOf(residentSchema)
const attachment = (name: string) => `attachment; filename="residents.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`

export const residentRoutes: FastifyPluginAsyncZod<RouteOptions<ResidentService, Record<never, never>>> = async (app, { service }) => {
  const residents = service
  app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body))

  app.get('/residents', {
    schema: { tags, summary: '居民列表（身份证号、手机号脱敏；关键字可为姓名、户号，或完整手机号/身份证号）', querystring: residentsQuerySchema, response: { 200: page, ...errorResponses } },
  }, (req) => residents.list(req.ctx, req.query))

  app.post('/residents', {
    schema: { tags, summary: '登记居民（新建人员，或为已有人员 personId 建档）', body: residentCreateSchema, response: { 201: residentSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await residents.create(req.ctx, req.body)))

  app.get('/residents/stats', {
    schema: { tags, summary: '居民与户数统计（按标签；仅统计本人可查看的居民）', querystring: z.object({ orgId: idSchema.optional() }), response: { 200: residentStatsSchema, ...errorResponses } },
  }, (req) => residents.stats(req.ctx, req.query))

  app.get('/residents/me', {
    schema: { tags, summary: '我的居民信息（本人可见完整信息）', response: { 200: residentSchema, ...errorResponses } },
  }, (req) => residents.mine(req.ctx))

  app.patch('/residents/me', {
    schema: { tags, summary: '本人更正居民信息（不含楼栋、标签、备注）', body: residentSelfUpdateSchema, response: { 200: residentSchema, ...errorResponses } },
  }, (req) => residents.updateMine(req.ctx, req.body))

  app.get('/residents/import-template', {
    schema: { tags, summary: '下载居民导入模板（.xlsx）' },
  }, async (req, reply) => reply.header('content-type', XLSX).header('content-disposition', attachment('居民导入模板.xlsx')).send(await residents.template(req.ctx)))

  app.post('/residents/import', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: `导入居民（请求体为 .xlsx 文件，Content-Type: ${XLSX}）；任一行有误则全部不导入，错误在 details 中按行、列列出`,
      querystring: importQuerySchema,
      response: { 201: importResultSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw notASpreadsheet()
    return reply.code(201).send(await residents.importSheet(req.ctx, req.query.orgId, req.body))
  })

  app.post('/residents/export', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: '导出居民（.xlsx，默认脱敏；full=true 须街道管理员及以上并写明原因）', body: exportSchema },
  }, async (req, reply) => {
    const { bytes, count } = await residents.exportSheet(req.ctx, req.body)
    return reply.header('content-type', XLSX).header('content-disposition', attachment('居民信息.xlsx')).header('x-linli-count', String(count)).send(bytes)
  })

  app.get('/residents/:id', {
    schema: { tags, summary: '居民详情（脱敏）', params, response: { 200: residentSchema, ...errorResponses } },
  }, (req) => residents.get(req.ctx, req.params.id))

  app.patch('/residents/:id', {
    schema: { tags, summary: '修改居民信息', params, body: residentUpdateSchema, response: { 200: residentSchema, ...errorResponses } },
  }, (req) => residents.update(req.ctx, req.params.id, req.body))

  app.delete('/residents/:id', {
    schema: { tags, summary: '注销居民信息（迁出；人员保留）', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await residents.remove(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.post('/residents/:id/reveal', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: '查看完整身份证号或手机号（须写明原因，留痕审计）', params, body: revealSchema, response: { 200: revealResultSchema, ...errorResponses } },
  }, (req) => residents.reveal(req.ctx, req.params.id, req.body))
}
