// /api/v1/errands: the errands of the caller's desks (or their own, `mine=true`), opening one,
// one errand with its steps, checklist and timeline, one route per action, the steps, the
// checklist and the figures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema } from '../../kernel/contract.ts'
import type { ErrandService } from './errands.service.ts'
import {
  actionBodies,
  checklistPutSchema,
  errandCreatedSchema,
  errandCreateSchema,
  errandDetailSchema,
  errandSchema,
  errandsQuerySchema,
  figuresQuerySchema,
  figuresSchema,
  stepCreateSchema,
  stepDoneSchema,
  stepPatchSchema,
} from './errands.schemas.ts'

const tags = ['errands']
const params = z.object({ id: idSchema })
const stepParams = z.object({ id: idSchema, stepId: idSchema })
const detail = { 200: errandDetailSchema, ...errorResponses }

const summaries = {
  accept: '受理（帮办点、站、中心的工作人员；可指定负责人和办结期限；通知申请人）',
  reject: '不予受理（须说明理由；通知申请人）',
  start: '开始办理',
  handoff: '转交上一级（默认）或下一级帮办点、站、中心；保留全部记录；通知申请人和接收方',
  done: '办结（步骤须全部完成；通知申请人评价）',
  cancel: '撤回申请（申请人或其单位经办人，办结前）',
  rate: '评价（申请人或其单位经办人，办结后一次：1–5 星和意见）',
} as const

export const errandRoutes: FastifyPluginAsyncZod<RouteOptions<ErrandService, Record<never, never>>> = async (app, { service }) => {
  app.get('/errands', {
    schema: { tags, summary: '帮办事项列表：工作人员看所辖帮办点、站、中心的；mine=true 看自己（及所在单位）申请的', querystring: errandsQuerySchema, response: { 200: countedPageOf(errandSchema), ...errorResponses } },
  }, (req) => service.list(req.ctx, req.query))

  app.get('/errands/figures', {
    schema: { tags, summary: '帮办统计：办结数、平均办理天数、超期步骤、满意度，按层级和帮办点（本级及下级）', querystring: figuresQuerySchema, response: { 200: figuresSchema, ...errorResponses } },
  }, (req) => service.figures(req.ctx, req.query.orgId))

  app.post('/errands', {
    schema: { tags, summary: '申请帮办（本人，默认到所在社区帮办点；或工作人员为来访群众代办登记）', body: errandCreateSchema, response: { 201: errandCreatedSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)))

  app.get('/errands/:id', {
    schema: { tags, summary: '帮办事项详情：材料清单、办理步骤、进度记录', params, response: detail },
  }, (req) => service.get(req.ctx, req.params.id))

  for (const action of ['accept', 'reject', 'start', 'handoff', 'done', 'cancel', 'rate'] as const) {
    app.post(`/errands/:id/${action}`, {
      schema: { tags, summary: summaries[action], params, body: actionBodies[action], response: detail },
    }, (req) => service.act(req.ctx, req.params.id, action, req.body as never))
  }

  app.post('/errands/:id/steps', {
    schema: { tags, summary: '新增办理步骤（负责人须是本帮办点、站、中心的工作人员）', params, body: stepCreateSchema, response: { 201: errandDetailSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.addStep(req.ctx, req.params.id, req.body)))

  app.patch('/errands/:id/steps/:stepId', {
    schema: { tags, summary: '修改办理步骤：名称、负责人、期限、顺序', params: stepParams, body: stepPatchSchema, response: detail },
  }, (req) => service.updateStep(req.ctx, req.params.id, req.params.stepId, req.body))

  app.post('/errands/:id/steps/:stepId/done', {
    schema: { tags, summary: '完成办理步骤（可附说明；通知申请人）', params: stepParams, body: stepDoneSchema, response: detail },
  }, (req) => service.completeStep(req.ctx, req.params.id, req.params.stepId, req.body.note))

  app.put('/errands/:id/checklist', {
    schema: { tags, summary: '更新材料清单（整体替换；新附的照片须是本人上传的）', params, body: checklistPutSchema, response: detail },
  }, (req) => service.putChecklist(req.ctx, req.params.id, req.body.items))
}
