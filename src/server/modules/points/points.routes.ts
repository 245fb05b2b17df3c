// /api/v1/points/…: accounts and their postings, transactions (manual awards, reversals), the
// review of manual awards (两人审核), the earning rules, the rewards catalogue and redemptions
// (redeem, hand over, cancel).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { PointsService } from './points.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idParams, pageOf } from '../../kernel/contract.ts'
import {
  accountDetailSchema, accountSchema, accountsQuerySchema, cancelSchema, confirmSchema, manualAwardRecordSchema, manualAwardSchema, manualAwardsQuerySchema,
  manualRejectSchema, merchantSchema, myAccountSchema,
  myRedemptionsQuerySchema, postingPageSchema, postingsQuerySchema, reconciliationSchema, redeemSchema, redemptionSchema, redemptionsQuerySchema,
  reverseSchema, rewardCreateSchema, rewardSchema, rewardsQuerySchema, rewardUpdateSchema, ruleCreateSchema, ruleSchema, ruleUpdateSchema, transactionSchema,
} from './points.schemas.ts'

const tags = ['points']
const ruleParams = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, '规则代码格式不正确') })

export const pointsRoutes: FastifyPluginAsyncZod<RouteOptions<PointsService, Record<never, never>>> = async (app, { service }) => {
  const points = service

  app.get('/points/accounts/me', {
    schema: { tags, summary: '我的积分：余额和最近的收支（尚无积分时 id 为 null、余额 0）', response: { 200: myAccountSchema, ...errorResponses } },
  }, (req) => points.myAccount(req.ctx))

  app.get('/points/accounts', {
    schema: { tags, summary: '管辖范围内的积分账户（网格员及以上）', querystring: accountsQuerySchema, response: { 200: countedPageOf(accountSchema), ...errorResponses } },
  }, (req) => points.listAccounts(req.ctx, req.query))

  app.get('/points/accounts/:id', {
    schema: { tags, summary: '积分账户：余额和最近 20 笔收支（本人或管辖范围内的工作人员）', params: idParams, response: { 200: accountDetailSchema, ...errorResponses } },
  }, (req) => points.getAccount(req.ctx, req.params.id))

  app.get('/points/accounts/:id/postings', {
    schema: { tags, summary: '积分账户的收支明细（新的在前，分页）', params: idParams, querystring: postingsQuerySchema, response: { 200: postingPageSchema, ...errorResponses } },
  }, (req) => points.accountPostings(req.ctx, req.params.id, req.query))

  app.get('/points/transactions/:id', {
    schema: { tags, summary: '积分交易详情（各账户的借贷分录）', params: idParams, response: { 200: transactionSchema, ...errorResponses } },
  }, (req) => points.getTransaction(req.ctx, req.params.id))

  app.post('/points/awards', {
    schema: {
      tags,
      summary: '按规则手工奖励或扣减积分（社区干部及以上，对象须在本人管辖范围内且不能是本人；单笔和每日有上限；超过审核阈值的待他人审核后记账，答 202；带 idempotencyKey 重试不会重复记账，同一键换了内容答 409）',
      body: manualAwardSchema,
      response: { 200: transactionSchema, 201: transactionSchema, 202: manualAwardRecordSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const r = await points.awardManually(req.ctx, req.body)
    if (r.transaction === null) return reply.code(202).send(r.award)
    return reply.code(r.replayed ? 200 : 201).send(r.transaction)
  })

  app.get('/points/manual-awards', {
    schema: { tags, summary: '手工奖励和扣减的审核列表（管辖范围内，社区干部及以上；可按状态筛选）', querystring: manualAwardsQuerySchema, response: { 200: countedPageOf(manualAwardRecordSchema), ...errorResponses } },
  }, (req) => points.manualAwards(req.ctx, req.query))

  app.get('/points/manual-awards/:id', {
    schema: { tags, summary: '一笔手工奖励或扣减', params: idParams, response: { 200: manualAwardRecordSchema, ...errorResponses } },
  }, (req) => points.manualAward(req.ctx, req.params.id))

  app.post('/points/manual-awards/:id/approve', {
    schema: { tags, summary: '审核通过待审的手工积分并记账（须由录入人以外、管辖该组织和对象的干部审核）', params: idParams, response: { 200: manualAwardRecordSchema, ...errorResponses } },
  }, (req) => points.approveManualAward(req.ctx, req.params.id))

  app.post('/points/manual-awards/:id/reject', {
    schema: { tags, summary: '驳回待审的手工积分（须填写原因，不记账）', params: idParams, body: manualRejectSchema, response: { 200: manualAwardRecordSchema, ...errorResponses } },
  }, (req) => points.rejectManualAward(req.ctx, req.params.id, req.body.reason))

  app.post('/points/transactions/:id/reverse', {
    schema: { tags, summary: '冲正一笔积分交易（只能一次；会使余额为负时拒绝）', params: idParams, body: reverseSchema, response: { 201: transactionSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await points.reverse(req.ctx, req.params.id, req.body)))

  app.get('/points/reconciliation', {
    schema: { tags, summary: '对账：各账户余额与分录合计是否一致、每笔交易是否借贷平衡（区管理员及以上）', response: { 200: reconciliationSchema, ...errorResponses } },
  }, (req) => points.reconcile(req.ctx))

  app.get('/points/rules', {
    schema: { tags, summary: '积分规则', response: { 200: z.object({ items: z.array(ruleSchema) }), ...errorResponses } },
  }, (req) => points.rules(req.ctx))

  app.post('/points/rules', {
    schema: { tags, summary: '新增积分规则（区管理员及以上）', body: ruleCreateSchema, response: { 201: ruleSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await points.createRule(req.ctx, req.body)))

  app.patch('/points/rules/:code', {
    schema: { tags, summary: '修改积分规则：名称、分值、启用（区管理员及以上）', params: ruleParams, body: ruleUpdateSchema, response: { 200: ruleSchema, ...errorResponses } },
  }, (req) => points.updateRule(req.ctx, req.params.code, req.body))

  app.get('/points/rewards', {
    schema: { tags, summary: '积分兑换商品（所在社区、街道发布的）', querystring: rewardsQuerySchema, response: { 200: pageOf(rewardSchema), ...errorResponses } },
  }, (req) => points.listRewards(req.ctx, req.query))

  app.get('/points/rewards/:id', {
    schema: { tags, summary: '兑换商品详情', params: idParams, response: { 200: rewardSchema, ...errorResponses } },
  }, (req) => points.getReward(req.ctx, req.params.id))

  app.post('/points/rewards', {
    schema: { tags, summary: '发布兑换商品（社区或街道的干部；可指定本区域的商户）', body: rewardCreateSchema, response: { 201: rewardSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await points.createReward(req.ctx, req.body)))

  app.patch('/points/rewards/:id', {
    schema: { tags, summary: '修改兑换商品：名称、积分、补货（restock）、上下架', params: idParams, body: rewardUpdateSchema, response: { 200: rewardSchema, ...errorResponses } },
  }, (req) => points.updateReward(req.ctx, req.params.id, req.body))

  app.get('/points/merchants', {
    schema: { tags, summary: '可关联兑换商品的商户（管辖范围内“商户”类单位）', response: { 200: z.object({ items: z.array(merchantSchema) }), ...errorResponses } },
  }, (req) => points.merchants(req.ctx))

  app.post('/points/redemptions', {
    schema: {
      tags,
      summary: '用积分兑换商品（扣库存、扣积分、生成兑换码；带 idempotencyKey 重试不会重复兑换）',
      body: redeemSchema,
      response: { 200: redemptionSchema, 201: redemptionSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const r = await points.redeem(req.ctx, req.body)
    return reply.code(r.replayed ? 200 : 201).send(r.redemption)
  })

  app.get('/points/redemptions/mine', {
    schema: { tags, summary: '我的兑换记录和兑换码', querystring: myRedemptionsQuerySchema, response: { 200: pageOf(redemptionSchema), ...errorResponses } },
  }, (req) => points.myRedemptions(req.ctx, req.query))

  app.get('/points/redemptions', {
    schema: { tags, summary: '待核销 / 已核销的兑换（所代表的商户、管辖范围内）', querystring: redemptionsQuerySchema, response: { 200: pageOf(redemptionSchema), ...errorResponses } },
  }, (req) => points.listRedemptions(req.ctx, req.query))

  app.get('/points/redemptions/:id', {
    schema: { tags, summary: '兑换详情', params: idParams, response: { 200: redemptionSchema, ...errorResponses } },
  }, (req) => points.getRedemption(req.ctx, req.params.id))

  app.post('/points/redemptions/confirm', {
    schema: { tags, summary: '凭兑换码核销（商户或社区干部确认已交付）', body: confirmSchema, response: { 200: redemptionSchema, ...errorResponses } },
  }, (req) => points.confirmRedemption(req.ctx, req.body.code))

  app.post('/points/redemptions/:id/cancel', {
    schema: { tags, summary: '取消未核销的兑换：积分冲正退回、库存恢复', params: idParams, body: cancelSchema, response: { 200: redemptionSchema, ...errorResponses } },
  }, (req) => points.cancelRedemption(req.ctx, req.params.id, req.body))
}
