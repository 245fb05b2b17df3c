// /api/v1/library: the shared library (云平台) of practices: search, one practice with its history,
// publishing and revising, comments, "adopted" marks with the one-click template import, the
// figures per street and the kinds of templates this installation imports.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema, pageOf, pageQuery } from '../../kernel/contract.ts'
import type { LibraryService } from './library.service.ts'
import {
  adoptionSchema, adoptSchema, commentCreateSchema, commentSchema, figuresQuerySchema, figuresSchema, practiceCardSchema, practiceCreateSchema,
  practiceReviseSchema, practiceSchema, practicesQuerySchema, templateKindSchema, unadoptQuerySchema, versionSchema, versionSummarySchema,
} from './library.schemas.ts'

const tags = ['library']
const params = z.object({ id: idSchema })

export const libraryRoutes: FastifyPluginAsyncZod<RouteOptions<LibraryService, Record<never, never>>> = async (app, { service }) => {
  app.get('/library/practices', {
    schema: { tags, summary: '经验库检索：中文全文检索（结巴分词，按相关度排序）、按标签、发布单位（含下级）和模板类型筛选；登录即可查阅', querystring: practicesQuerySchema, response: { 200: countedPageOf(practiceCardSchema), ...errorResponses } },
  }, (req) => service.list(req.ctx, req.query))

  app.get('/library/figures', {
    schema: { tags, summary: '经验库统计：发布数、采纳数，各街道发布和采纳的经验数，采纳最多的经验', querystring: figuresQuerySchema, response: { 200: figuresSchema, ...errorResponses } },
  }, (req) => service.figures(req.ctx, req.query))

  app.get('/library/template-kinds', {
    schema: { tags, summary: '可随经验一同发布、一键导入的模板类型（由各业务模块登记）', response: { 200: z.object({ items: z.array(templateKindSchema) }), ...errorResponses } },
  }, (req) => service.templateKinds(req.ctx))

  app.post('/library/practices', {
    schema: { tags, summary: '发布经验做法（发布单位的社区干部及以上），可附照片和模板', body: practiceCreateSchema, response: { 201: practiceSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.publish(req.ctx, req.body)))

  app.get('/library/practices/:id', {
    schema: { tags, summary: '一条经验做法的最新版本：正文、照片、模板、采纳和评论数', params, response: { 200: practiceSchema, ...errorResponses } },
  }, (req) => service.get(req.ctx, req.params.id))

  app.patch('/library/practices/:id', {
    schema: { tags, summary: '修订经验做法：生成新版本，读者看到最新版，历史版本保留（发布单位的干部）', params, body: practiceReviseSchema, response: { 200: practiceSchema, ...errorResponses } },
  }, (req) => service.revise(req.ctx, req.params.id, req.body))

  app.delete('/library/practices/:id', {
    schema: { tags, summary: '删除经验做法（发布单位的干部）；已有的采纳记录保留', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await service.remove(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/library/practices/:id/versions', {
    schema: { tags, summary: '经验做法的历史版本（新的在前）', params, response: { 200: z.object({ items: z.array(versionSummarySchema) }), ...errorResponses } },
  }, (req) => service.versions(req.ctx, req.params.id))

  app.get('/library/practices/:id/versions/:version', {
    schema: { tags, summary: '某一历史版本的全文', params: params.extend({ version: z.coerce.number().int().min(1).max(100_000) }), response: { 200: versionSchema, ...errorResponses } },
  }, (req) => service.version(req.ctx, req.params.id, req.params.version))

  app.get('/library/practices/:id/comments', {
    schema: { tags, summary: '经验做法的评论（新的在前）', params, querystring: z.object(pageQuery), response: { 200: pageOf(commentSchema), ...errorResponses } },
  }, (req) => service.comments(req.ctx, req.params.id, req.query))

  app.post('/library/practices/:id/comments', {
    schema: { tags, summary: '评论经验做法（登录即可）', params, body: commentCreateSchema, response: { 201: z.object({ id: z.string() }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.comment(req.ctx, req.params.id, req.body.body)))

  app.delete('/library/comments/:id', {
    schema: { tags, summary: '删除评论（评论人，或发布单位的干部）', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await service.deleteComment(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/library/practices/:id/adoptions', {
    schema: { tags, summary: '采纳了这条经验的单位（按街道可汇总）及其导入记录', params, response: { 200: z.object({ items: z.array(adoptionSchema) }), ...errorResponses } },
  }, (req) => service.adoptions(req.ctx, req.params.id))

  app.post('/library/practices/:id/adopt', {
    schema: {
      tags, params, body: adoptSchema, response: { 200: adoptionSchema, ...errorResponses },
      summary: '标记“已采纳”（每个单位一次，采纳单位的社区干部及以上）；import 同时一键导入经验附带的模板（如走访计划），由模板所属模块在采纳单位（或 import.orgId）建立记录',
    },
  }, (req) => service.adopt(req.ctx, req.params.id, req.body))

  app.delete('/library/practices/:id/adopt', {
    schema: { tags, summary: '取消采纳标记（采纳单位的干部；已导入的记录不受影响）', params, querystring: unadoptQuerySchema, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await service.unadopt(req.ctx, req.params.id, req.query.orgId)
    return reply.code(204).send(null)
  })
}
