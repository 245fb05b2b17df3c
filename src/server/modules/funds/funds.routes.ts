// /api/v1/funds, /projects, /pledges, /social-orgs and the public page /public/projects: a
// community's funds per year, projects from proposal to completion with expenses, crowdfunding
// pledges, the figures with the governance rule, and social organisations' incubation.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema, refSchema } from '../../kernel/contract.ts'
import type { FundsModuleService } from './funds.module.ts'
import {
  budgetSchema,
  completeSchema,
  decideSchema,
  expenseCreateSchema,
  figuresQuerySchema,
  figuresSchema,
  fundCreateSchema,
  fundPatchSchema,
  fundSchema,
  fundsQuerySchema,
  fundsSchema,
  pledgeCreateSchema,
  pledgeStateSchema,
  progressSchema,
  projectCreateSchema,
  projectSchema,
  projectsQuerySchema,
  publicPageSchema,
  publicQuerySchema,
  reasonSchema,
  socialOrgPutSchema,
  socialOrgsQuerySchema,
  socialOrgsSchema,
} from './funds.schemas.ts'

const tags = ['funds']
const params = z.object({ id: idSchema })
const pledgeAnswer = z.object({ id: z.string(), state: pledgeStateSchema, amountYuan: z.number() })

export const fundRoutes: FastifyPluginAsyncZod<RouteOptions<FundsModuleService, Record<never, never>>> = async (app, { service }) => {
  const { funds, projects } = service

  app.get('/funds', {
    schema: { tags, summary: '经费：某社区（或街道）某年度按来源登记的经费，已安排、已支出、剩余，服务群众经费的治理占比规则', querystring: fundsQuerySchema, response: { 200: fundsSchema, ...errorResponses } },
  }, (req) => funds.list(req.ctx, req.query))

  app.get('/funds/figures', {
    schema: { tags, summary: '经费统计：各社区预算、已安排、已支出，按来源和项目类型，治理占比规则是否达标', querystring: figuresQuerySchema, response: { 200: figuresSchema, ...errorResponses } },
  }, (req) => funds.figures(req.ctx, req.query))

  app.post('/funds', {
    schema: { tags, summary: '登记经费（社区干部及以上）；服务群众专项经费默认须有 20% 用于治理项目', body: fundCreateSchema, response: { 201: fundSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await funds.create(req.ctx, req.body)))

  app.patch('/funds/:id', {
    schema: { tags, summary: '修改经费（金额不能少于已安排给项目的部分）', params, body: fundPatchSchema, response: { 200: fundSchema, ...errorResponses } },
  }, (req) => funds.update(req.ctx, req.params.id, req.body))

  app.get('/projects', {
    schema: { tags, summary: '项目（工作人员）：某社区或街道的惠民项目、红色创投、微公益众筹', querystring: projectsQuerySchema, response: { 200: countedPageOf(projectSchema), ...errorResponses } },
  }, (req) => projects.list(req.ctx, req.query))

  app.get('/projects/:id', {
    schema: { tags, summary: '一个项目：预算、支出（收款方、票据照片）、认捐和时间线（工作人员和承接的社会组织）', params, response: { 200: projectSchema, ...errorResponses } },
  }, (req) => projects.get(req.ctx, req.params.id))

  app.post('/projects', {
    schema: { tags, summary: '提出项目（社区干部登记居民议事、社会组织或社区提出的项目；社会组织的联系人也可以自行提出，提出方为社会组织，通知社区干部审议）；关联议事决议的项目直接为“已决定”', body: projectCreateSchema, response: { 201: projectSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await projects.create(req.ctx, req.body)))

  app.post('/projects/:id/decide', {
    schema: { tags, summary: '决定实施（可关联通过它的议事决议；居民议事提出的项目必须关联）', params, body: decideSchema, response: { 200: projectSchema, ...errorResponses } },
  }, (req) => projects.decide(req.ctx, req.params.id, req.body))

  app.post('/projects/:id/reject', {
    schema: { tags, summary: '不予实施', params, body: reasonSchema, response: { 200: projectSchema, ...errorResponses } },
  }, (req) => projects.reject(req.ctx, req.params.id, req.body))

  app.post('/projects/:id/budget', {
    schema: { tags, summary: '安排预算：从一笔经费列支，不能超过经费剩余（同一经费并发安排时只有付得起的成功，晚到的得到 409）', params, body: budgetSchema, response: { 200: projectSchema, ...errorResponses } },
  }, (req) => projects.budget(req.ctx, req.params.id, req.body))

  app.post('/projects/:id/expenses', {
    schema: { tags, summary: '登记支出（金额、日期、事项、收款方、票据照片）；不能超过预算与已到账认捐之和', params, body: expenseCreateSchema, response: { 201: projectSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await projects.addExpense(req.ctx, req.params.id, req.body)))

  app.post('/projects/:id/progress', {
    schema: { tags, summary: '更新项目进度（0–100）', params, body: progressSchema, response: { 200: projectSchema, ...errorResponses } },
  }, (req) => projects.progress(req.ctx, req.params.id, req.body))

  app.post('/projects/:id/complete', {
    schema: { tags, summary: '项目完成（上传完成情况照片）', params, body: completeSchema, response: { 200: projectSchema, ...errorResponses } },
  }, (req) => projects.complete(req.ctx, req.params.id, req.body))

  app.post('/projects/:id/cancel', {
    schema: { tags, summary: '取消项目（已有支出的不能取消；预算退回经费）', params, body: reasonSchema, response: { 200: projectSchema, ...errorResponses } },
  }, (req) => projects.cancel(req.ctx, req.params.id, req.body))

  app.post('/projects/:id/pledges', {
    schema: { tags, summary: '认捐微公益众筹项目（本人或代表所在单位；平台不经手资金，只登记认捐）', params, body: pledgeCreateSchema, response: { 201: pledgeAnswer, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await projects.pledge(req.ctx, req.params.id, req.body)))

  app.post('/pledges/:id/confirm', {
    schema: { tags, summary: '确认认捐款已到账（社区干部）', params, response: { 200: pledgeAnswer, ...errorResponses } },
  }, (req) => projects.settlePledge(req.ctx, req.params.id, 'received'))

  app.post('/pledges/:id/withdraw', {
    schema: { tags, summary: '撤回认捐（认捐人或社区干部；已到账的不能撤回）', params, response: { 200: pledgeAnswer, ...errorResponses } },
  }, (req) => projects.settlePledge(req.ctx, req.params.id, 'withdrawn'))

  app.get('/public/projects', {
    config: { public: true },
    schema: { tags, summary: '项目公开（无需登录）：社区已决定、实施中、已完成的项目，金额、支出事项、进度、完成照片；不含收款方、票据和认捐人姓名', querystring: publicQuerySchema, response: { 200: publicPageSchema, ...errorResponses } },
  }, (req) => funds.publicPage(req.ctx, req.query))

  app.get('/social-orgs', {
    schema: { tags, summary: '社会组织：服务项目、孵化阶段、承接的项目和获得的资金', querystring: socialOrgsQuerySchema, response: { 200: socialOrgsSchema, ...errorResponses } },
  }, (req) => funds.socialOrgs(req.ctx, req.query))

  app.get('/social-orgs/mine', {
    schema: { tags, summary: '我所代表的社会组织（可以自行提出项目）及其所在社区', response: { 200: z.object({ items: z.array(z.object({ unit: refSchema, org: refSchema })) }), ...errorResponses } },
  }, (req) => funds.mySocialOrgs(req.ctx))

  app.put('/social-orgs/:id', {
    schema: {
      tags, summary: '登记社会组织的服务项目和孵化阶段（路径中为单位编号，单位类型须为社会组织）', params, body: socialOrgPutSchema,
      response: { 200: z.object({ unit: z.object({ id: z.string(), name: z.string() }), services: z.array(z.string()), stage: z.string(), incubatedOn: z.string().nullable(), hatchedOn: z.string().nullable(), note: z.string().nullable() }), ...errorResponses },
    },
  }, (req) => funds.putSocialOrg(req.ctx, req.params.id, req.body))
}
