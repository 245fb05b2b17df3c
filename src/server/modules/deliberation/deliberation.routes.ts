// /api/v1/topics, /votes, /paper-tallies, /resolutions, /resolution-tasks, /deliberation-templates,
// /deliberation-settings and the public board /public/communities/:id/deliberation.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema, pageOf } from '../../kernel/contract.ts'
import type { DeliberationModuleService } from './deliberation.module.ts'
import * as s from './deliberation.schemas.ts'

const tags = ['deliberation']
const params = z.object({ id: idSchema })
const created = z.object({ id: z.string(), state: s.topicStateSchema })

export const deliberationRoutes: FastifyPluginAsyncZod<RouteOptions<DeliberationModuleService, Record<never, never>>> = async (app, { service }) => {
  const { topics, votes, resolutions, templates } = service
  const r = { ...errorResponses }

  app.get('/topics', { schema: { tags, summary: '议题列表：本人所在社区（及上级管辖范围）的议题；可按节点、状态、阶段、来源（sourceKind+sourceId：案件页显示其议题）、我提出或附议的筛选', querystring: s.topicsQuerySchema, response: { 200: countedPageOf(s.topicSummarySchema), ...r } } },
    (req) => topics.list(req.ctx, req.query))
  app.get('/topics/board', { schema: { tags, summary: '议题看板：按阶段分列（每列最新 20 条及总数）', querystring: s.boardQuerySchema, response: { 200: s.boardSchema, ...r } } },
    (req) => topics.board(req.ctx, req.query.orgId))
  app.get('/topics/home', { schema: { tags, summary: '我的社区：在哪个社区提议题、附议门槛（户）与过期天数（手机端）', response: { 200: s.homeSchema, ...r } } },
    (req) => topics.home(req.ctx))
  app.get('/topics/:id', { schema: { tags, summary: '议题详情：各阶段（办理人、时间、产出）与时间线、表决、决议', params, response: { 200: s.topicSchema, ...r } } },
    (req) => topics.get(req.ctx, req.params.id))
  app.post('/topics', { schema: { tags, summary: '提出议题（居民本人；社区干部代居民收集：proposerId；转为议题：source）', body: s.topicCreateSchema, response: { 201: created, ...r } } },
    async (req, reply) => reply.code(201).send(await topics.create(req.ctx, req.body)))
  app.post('/topics/:id/support', { schema: { tags, summary: '附议（每人一次，按户计数；达到门槛自动提交“两委”商议）', params, response: { 200: s.topicSchema, ...r } } },
    (req) => topics.support(req.ctx, req.params.id))
  app.post('/topics/:id/advance', { schema: { tags, summary: '完成当前阶段并进入下一阶段（须满足阶段的办理角色、产出、人数和表决要求）', params, body: s.advanceSchema, response: { 200: s.topicSchema, ...r } } },
    (req) => topics.advance(req.ctx, req.params.id, req.body))
  app.post('/topics/:id/merge', { schema: { tags, summary: '把相似议题并入另一议题（附议随之合并）', params, body: s.mergeSchema, response: { 200: s.topicSchema, ...r } } },
    (req) => topics.merge(req.ctx, req.params.id, req.body.intoId, req.body.note))
  app.post('/topics/:id/reject', { schema: { tags, summary: '不予立项（须写明原因，告知提议人）', params, body: s.rejectSchema, response: { 200: s.topicSchema, ...r } } },
    (req) => topics.reject(req.ctx, req.params.id, req.body.reason))
  app.post('/topics/:id/votes', { schema: { tags, summary: '发起表决（公开或无记名；法定人数、通过比例、截止时间）', params, body: s.voteCreateSchema, response: { 201: s.voteSchema, ...r } } },
    async (req, reply) => reply.code(201).send(await votes.create(req.ctx, req.params.id, req.body)))

  app.get('/votes', { schema: { tags, summary: '表决列表；mine=true 我可以参加且尚未投票的表决', querystring: s.votesQuerySchema, response: { 200: pageOf(s.voteSchema), ...r } } },
    (req) => votes.list(req.ctx, req.query))
  app.get('/votes/:id', { schema: { tags, summary: '表决详情：本人是否可投、是否已投；结束后公布结果（无记名表决不显示任何人的选择）', params, response: { 200: s.voteSchema, ...r } } },
    (req) => votes.get(req.ctx, req.params.id))
  app.post('/votes/:id/ballots', { schema: { tags, summary: '投票（赞成 for / 反对 against / 弃权 abstain；每人一次）', params, body: s.ballotSchema, response: { 201: z.object({ voted: z.boolean(), mode: s.voteModeSchema }), ...r } } },
    async (req, reply) => reply.code(201).send(await votes.cast(req.ctx, req.params.id, req.body.choice)))
  app.post('/votes/:id/close', { schema: { tags, summary: '结束表决并计票（到截止时间由系统自动结束）', params, response: { 200: s.voteSchema, ...r } } },
    (req) => votes.close(req.ctx, req.params.id))
  app.post('/votes/:id/remind', { schema: { tags, summary: '提醒尚未投票的居民（已投票的不打扰）', params, response: { 200: z.object({ reminded: z.number().int() }), ...r } } },
    (req) => votes.remind(req.ctx, req.params.id))
  app.post('/votes/:id/tallies', { schema: { tags, summary: '录入纸质选票计票结果（第一位计票人）', params, body: s.tallySchema, response: { 201: s.voteSchema, ...r } } },
    async (req, reply) => reply.code(201).send(await votes.enterTally(req.ctx, req.params.id, req.body)))
  app.post('/paper-tallies/:id/confirm', { schema: { tags, summary: '复核纸质计票（第二位计票人重新录入，数字一致才生效）', params, body: s.tallyConfirmSchema, response: { 200: s.voteSchema, ...r } } },
    (req) => votes.confirmTally(req.ctx, req.params.id, req.body))

  app.get('/resolutions', { schema: { tags, summary: '决议跟踪：决议、进度和任务完成数', querystring: s.resolutionsQuerySchema, response: { 200: pageOf(s.resolutionRowSchema), ...r } } },
    (req) => resolutions.list(req.ctx, req.query))
  app.get('/resolutions/rollup', { schema: { tags, summary: '决议落实情况按下级节点汇总（街道看各社区，区看各街道）', querystring: s.rollupQuerySchema, response: { 200: s.rollupSchema, ...r } } },
    (req) => resolutions.rollup(req.ctx, req.query.orgId))
  app.get('/resolutions/:id', { schema: { tags, summary: '决议详情：任务、进度、佐证照片、居民评议', params, response: { 200: s.resolutionSchema, ...r } } },
    (req) => resolutions.get(req.ctx, req.params.id))
  app.patch('/resolutions/:id', { schema: { tags, summary: '更新决议：进度（无任务时）、佐证照片、办结或撤销', params, body: s.resolutionPatchSchema, response: { 200: s.resolutionSchema, ...r } } },
    (req) => resolutions.update(req.ctx, req.params.id, req.body))
  app.post('/resolutions/:id/tasks', { schema: { tags, summary: '分解决议任务（责任人、期限，或关联案件/服务订单）', params, body: s.taskCreateSchema, response: { 201: s.resolutionSchema, ...r } } },
    async (req, reply) => reply.code(201).send(await resolutions.addTask(req.ctx, req.params.id, req.body)))
  app.post('/resolution-tasks/:id/done', { schema: { tags, summary: '任务完成（责任人或社区干部），可附佐证照片（公开栏展示）和说明，进度随之更新', params, body: s.taskDoneSchema, response: { 200: s.resolutionSchema, ...r } } },
    (req) => resolutions.taskDone(req.ctx, req.params.id, req.body ?? {}))
  app.post('/resolutions/:id/comments', { schema: { tags, summary: '居民评议决议落实情况（群众监议）', params, body: s.commentSchema, response: { 201: s.resolutionSchema, ...r } } },
    async (req, reply) => reply.code(201).send(await resolutions.comment(req.ctx, req.params.id, req.body.body)))

  app.get('/public/communities/:id/deliberation', { config: { public: true }, schema: { tags, summary: '社区议事公开栏（无需登录）：议题、决议、进度和佐证照片，不含个人信息', params, response: { 200: s.publicBoardSchema, ...r } } },
    (req) => resolutions.board(req.params.id))

  app.get('/deliberation-templates', { schema: { tags, summary: '议事流程模板（协商六议、民情理事会、五位一体等）', response: { 200: z.array(s.templateSchema), ...r } } },
    (req) => templates.list(req.ctx))
  app.get('/deliberation-templates/:id', { schema: { tags, summary: '议事流程模板详情（当前版本的各阶段）', params, response: { 200: s.templateSchema, ...r } } },
    (req) => templates.get(req.ctx, req.params.id))
  app.post('/deliberation-templates', { schema: { tags, summary: '新建议事流程模板（街道及以上管理员；不指定节点为全市通用，须系统管理员）', body: s.templateCreateSchema, response: { 201: s.templateSchema, ...r } } },
    async (req, reply) => reply.code(201).send(await templates.create(req.ctx, req.body)))
  app.patch('/deliberation-templates/:id', { schema: { tags, summary: '修改模板；修改阶段生成新版本，进行中的议题沿用原版本', params, body: s.templatePatchSchema, response: { 200: s.templateSchema, ...r } } },
    (req) => templates.update(req.ctx, req.params.id, req.body))
  app.get('/deliberation-settings/:orgId', { schema: { tags, summary: '附议门槛与过期天数（本节点或上级的设置）', params: s.orgParams, response: { 200: s.settingsViewSchema, ...r } } },
    (req) => templates.settings(req.ctx, req.params.orgId))
  app.put('/deliberation-settings/:orgId', { schema: { tags, summary: '设置附议门槛（户数或户数比例）、过期天数和默认流程（社区干部及以上）', params: s.orgParams, body: s.settingsSchema, response: { 200: s.settingsViewSchema, ...r } } },
    (req) => templates.putSettings(req.ctx, req.params.orgId, req.body))
}
