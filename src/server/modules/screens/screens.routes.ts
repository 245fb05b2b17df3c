// /api/v1/screens (cadres make, list and revoke wall-screen links) and /api/v1/screen-feed/:token
// (what the screen page at /screen/<token> shows: no login, the token's node only), with its live
// stream /screen-feed/:token/stream.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema } from '../../kernel/contract.ts'
import type { HeadlineSource, OrderFigures, ScreenService } from './screens.service.ts'
import { createScreenStreams } from './screens.live.ts'
import { feedParamsSchema, feedSchema, screenCreatedSchema, screenCreateSchema, screenSchema, screensQuerySchema, screenUpdateSchema } from './screens.schemas.ts'

const tags = ['screens']
const params = z.object({ id: idSchema })

export const screenRoutes: FastifyPluginAsyncZod<RouteOptions<ScreenService, { orders: { figures: OrderFigures }; statistics: HeadlineSource }>> = async (app, { service, deps, kernel }) => {
  const streams = createScreenStreams(app, kernel)
  const sources = { orders: deps.orders.figures, statistics: deps.statistics }
  app.get('/screens', {
    schema: { tags, summary: '智慧屏链接列表（节点的社区干部及以上）；链接本身不再显示，只显示末四位', querystring: screensQuerySchema, response: { 200: z.object({ items: z.array(screenSchema) }), ...errorResponses } },
  }, (req) => service.list(req.ctx, req.query))

  app.post('/screens', {
    schema: { tags, summary: '为一个节点生成智慧屏链接（/screen/<token>，只在此时显示一次）；链接只能读取该节点的大屏数据', body: screenCreateSchema, response: { 201: screenCreatedSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)))

  app.patch('/screens/:id', {
    schema: { tags, summary: '修改智慧屏：位置名称，以及屏幕上显示的核心指标（指标字典中的编码，1 到 8 个，按所选顺序；null 恢复默认）', params, body: screenUpdateSchema, response: { 200: screenSchema, ...errorResponses } },
  }, (req) => service.update(req.ctx, req.params.id, req.body))

  app.post('/screens/:id/revoke', {
    schema: { tags, summary: '停用智慧屏链接，屏幕随即显示“已停用”', params, response: { 200: screenSchema, ...errorResponses } },
  }, (req) => service.revoke(req.ctx, req.params.id))

  app.get('/screen-feed/:token', {
    schema: {
      tags, params: feedParamsSchema, querystring: z.strictObject({}), response: { 200: feedSchema, ...errorResponses },
      summary: '智慧屏数据（无需登录，凭链接中的令牌）：本月案件与按时办结率、服务订单与满意度、志愿服务时长、今日场地预约与活动、节点的核心指标（统计一套表本月数与较上月变化，可按屏幕选择）；只含统计和时间，不含个人信息',
    },
  }, async (req, reply) => {
    const { screenId, ...feed } = await service.feed(req.params.token, sources)
    // The screen was seen: recorded once the answer has gone, never by the GET itself.
    reply.raw.once('finish', () => void service.touch(screenId).catch(() => undefined))
    return feed
  })

  app.get('/screen-feed/:token/stream', {
    schema: {
      tags, params: feedParamsSchema, querystring: z.strictObject({}), produces: ['text/event-stream'], response: errorResponses,
      summary: '智慧屏实时推送（Server-Sent Events，凭令牌）：连接时发送一次数据（事件 feed），之后数据有变化时再次发送；令牌停用时发送 revoked',
      description: '应用内有消息推送（通知、案件、订单等）时重新计算本节点数据，有变化才推送；另按 refreshSeconds 定时核对。断线时页面改为定时拉取 /screen-feed/:token。',
    },
  }, async (req, reply) => {
    const { token } = req.params
    const strip = async () => {
      const { screenId, ...feed } = await service.feed(token, sources)
      seen = screenId
      return feed
    }
    let seen = ''
    const first = await strip()
    await streams.open(reply, first, strip, () => void service.touch(seen).catch(() => undefined))
    void service.touch(seen).catch(() => undefined)
  })
}
