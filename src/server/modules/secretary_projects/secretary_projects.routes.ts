// /api/v1/secretary-projects: secretaries' projects (书记抓党建项目) and responsibility lists
// (责任清单) per node, their milestones, progress, 督查 comments and closing; and
// /api/v1/hotspots/projects: raising a hotspot as a secretary's project (每月一题).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema } from '../../kernel/contract.ts'
import type { SecretaryProjectsModuleService } from './secretary_projects.module.ts'
import {
  closeInputSchema, commentInputSchema, mySecretaryProjectsSchema, hotspotProjectSchema, milestoneCompleteSchema, milestoneInputSchema, progressInputSchema,
  secretaryProjectCreateSchema, secretaryProjectDetailSchema, secretaryProjectPageSchema, secretaryProjectPatchSchema, secretaryProjectsQuerySchema,
} from './secretary_projects.schemas.ts'

const tags = ['secretary-projects']
const params = z.object({ id: idSchema })
const milestoneParams = z.object({ id: idSchema, milestoneId: idSchema })
const detail = { 200: secretaryProjectDetailSchema, ...errorResponses }

export const secretaryProjectRoutes: FastifyPluginAsyncZod<RouteOptions<SecretaryProjectsModuleService, Record<never, never>>> = async (app, { service }) => {
  app.get('/secretary-projects', {
    schema: { tags, summary: '书记抓党建项目与责任清单：某节点的（below=true 含下级），按类型、状态、年度、标题筛选；本级及上级干部可看', querystring: secretaryProjectsQuerySchema, response: { 200: secretaryProjectPageSchema, ...errorResponses } },
  }, (req) => service.list(req.ctx, req.query))

  app.get('/me/secretary-projects', {
    schema: { tags, summary: '我负责的书记抓党建项目和责任清单事项（手机端）：未办结的在前，按最近到期的节点排序，最多 100 项', response: { 200: mySecretaryProjectsSchema, ...errorResponses } },
  }, (req) => service.mine(req.ctx))

  app.post('/secretary-projects', {
    schema: { tags, summary: '新建书记抓党建项目（一个年度）或责任清单事项（最长三年），可附节点和来源（热点问题、案件、议题）；本级干部', body: secretaryProjectCreateSchema, response: { 201: secretaryProjectDetailSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)))

  app.post('/hotspots/projects', {
    schema: { tags, summary: '热点问题转为书记抓党建项目（每月一题）：记录来源案件和工单；每个编号都须在所选节点之下', body: hotspotProjectSchema, response: { 201: secretaryProjectDetailSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.raiseHotspot(req.ctx, req.body)))

  app.get('/secretary-projects/:id', {
    schema: { tags, summary: '项目详情：节点、完成情况和佐证、时间线（含督查意见）', params, response: detail },
  }, (req) => service.get(req.ctx, req.params.id))

  app.patch('/secretary-projects/:id', {
    schema: { tags, summary: '修改项目（标题、说明、年度、负责人、责任单位或部门）；本级干部，办结后不能修改', params, body: secretaryProjectPatchSchema, response: detail },
  }, (req) => service.update(req.ctx, req.params.id, req.body))

  app.post('/secretary-projects/:id/milestones', {
    schema: { tags, summary: '新增节点（计划完成日期须在项目年度之内）；本级干部', params, body: milestoneInputSchema, response: { 201: secretaryProjectDetailSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.addMilestone(req.ctx, req.params.id, req.body)))

  app.post('/secretary-projects/:id/milestones/:milestoneId/complete', {
    schema: { tags, summary: '完成节点，写明完成情况并附照片佐证；本级干部或负责人', params: milestoneParams, body: milestoneCompleteSchema, response: detail },
  }, (req) => service.completeMilestone(req.ctx, req.params.id, req.params.milestoneId, req.body))

  app.post('/secretary-projects/:id/progress', {
    schema: { tags, summary: '填报进度（百分比；null 恢复为按节点计算）；本级干部或负责人', params, body: progressInputSchema, response: detail },
  }, (req) => service.setProgress(req.ctx, req.params.id, req.body))

  app.post('/secretary-projects/:id/comments', {
    schema: { tags, summary: '督查意见：上级干部（及本级、负责人回复）写入时间线', params, body: commentInputSchema, response: detail },
  }, (req) => service.comment(req.ctx, req.params.id, req.body.note))

  app.post('/secretary-projects/:id/close', {
    schema: { tags, summary: '办结（全部节点完成后）；本级干部', params, body: closeInputSchema, response: detail },
  }, (req) => service.close(req.ctx, req.params.id, req.body.note))
}
