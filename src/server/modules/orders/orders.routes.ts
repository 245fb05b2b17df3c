// /api/v1/service-items, /orders, /order-providers, /devices, /device-presses: the service
// catalogue, orders and their actions (one route each), the grab hall, providers' profiles, and
// the one-button call with its signed device route.
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { idSchema, lngLatSchema, crsSchema, pageOf, pageQuery } from '../../kernel/contract.ts'
import { AppError } from '../../kernel/errors.ts'
import type { OrdersModuleService } from './orders.module.ts'
import {
  actionBodies, candidatesSchema, deviceCreatedSchema, deviceCreateSchema, devicePatchSchema, deviceSchema, devicesQuerySchema, figuresQuerySchema,
  figuresSchema, nearMeQuerySchema, orderActionSchema, orderCreateSchema, orderDetailSchema, orderSchema, ordersQuerySchema, pressBodySchema,
  pressResultSchema, pressSchema, providerProfileSchema, serviceItemInputSchema, serviceItemPatchSchema, serviceItemSchema, serviceItemsQuerySchema,
} from './orders.schemas.ts'
import { actionLabels } from './orders.labels.ts'

const params = z.object({ id: idSchema })
const profileSchema = z.object({ windows: z.array(z.object({ day: z.number(), from: z.string(), to: z.string() })), radiusM: z.number().nullable(), paused: z.boolean(), liveAt: z.string().nullable() })
const nearSchema = z.object({
  items: z.array(z.object({
    id: z.string(), item: z.object({ id: z.string(), name: z.string(), icon: z.string(), list: z.string(), points: z.number() }), address: z.string(),
    window: z.object({ from: z.string(), to: z.string() }).nullable(), note: z.string().nullable(), urgent: z.boolean(), location: z.object({ lng: z.number(), lat: z.number() }),
    distanceM: z.number(), requester: z.string(), inMyWindows: z.boolean(), createdAt: z.string(), dueAt: z.string().nullable(),
  })),
  kinds: z.array(z.string()),
})

export const orderRoutes: FastifyPluginAsyncZod<RouteOptions<OrdersModuleService, Record<never, never>>> = async (app, { service }) => {
  const { catalogue, orders, transitions, devices, figures } = service
  app.addHook('onClose', async () => devices.stop())

  // ---- the catalogue
  let tags = ['service-items']
  app.get('/service-items', {
    schema: { tags, summary: '服务清单（公共、社会、志愿三张清单）：按清单、组织筛选；orderable=true 为我所在社区可下单的项目', querystring: serviceItemsQuerySchema, response: { 200: z.object({ items: z.array(serviceItemSchema) }), ...errorResponses } },
  }, (req) => catalogue.list(req.ctx, req.query))
  app.get('/service-items/:id', { schema: { tags, summary: '服务项目（当前版本）', params, response: { 200: serviceItemSchema, ...errorResponses } } }, (req) => catalogue.get(req.ctx, req.params.id))
  app.post('/service-items', {
    schema: { tags, summary: '新增服务项目（社区及以上的干部）', body: serviceItemInputSchema, response: { 201: serviceItemSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await catalogue.create(req.ctx, req.body)))
  app.patch('/service-items/:id', {
    schema: { tags, summary: '修改服务项目（生成新版本，已下的订单不受影响）', params, body: serviceItemPatchSchema, response: { 200: serviceItemSchema, ...errorResponses } },
  }, (req) => catalogue.update(req.ctx, req.params.id, req.body))
  app.post('/service-items/:id/retire', { schema: { tags, summary: '下架服务项目', params, response: { 200: serviceItemSchema, ...errorResponses } } }, (req) => catalogue.setRetired(req.ctx, req.params.id, true))
  app.post('/service-items/:id/restore', { schema: { tags, summary: '恢复已下架的服务项目', params, response: { 200: serviceItemSchema, ...errorResponses } } }, (req) => catalogue.setRetired(req.ctx, req.params.id, false))

  // ---- orders
  tags = ['orders']
  app.post('/orders', {
    schema: { tags, summary: '下单（点单）：居民从清单下单；干部可代下单（onBehalfOf）', body: orderCreateSchema, response: { 201: orderDetailSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await orders.place(req.ctx, req.body)))
  app.get('/orders', {
    schema: { tags, summary: '订单列表：view=mine 我下的、serving 我服务的、manage 我辖区的（工作人员默认）', querystring: ordersQuerySchema, response: { 200: pageOf(orderSchema), ...errorResponses } },
  }, (req) => orders.list(req.ctx, req.query))
  app.get('/orders/open-near-me', {
    schema: { tags, summary: '抢单大厅：附近我可以接的待抢订单（党员、志愿者、社区工作者）', querystring: nearMeQuerySchema, response: { 200: nearSchema, ...errorResponses } },
  }, (req) => orders.nearMe(req.ctx, req.query))
  app.get('/orders/figures', {
    schema: { tags, summary: '订单统计：响应率、完成率、满意率，按项目、服务者类型、渠道', querystring: figuresQuerySchema, response: { 200: figuresSchema, ...errorResponses } },
  }, (req) => figures.figures(req.ctx, req.query))
  app.get('/orders/:id', { schema: { tags, summary: '订单详情与时间线', params, response: { 200: orderDetailSchema, ...errorResponses } } }, (req) => orders.detail(req.ctx, req.params.id))
  app.get('/orders/:id/candidates', {
    schema: { tags, summary: '派单：可服务该订单的人员（距离、是否忙、是否在其服务时段）、队伍和单位', params, response: { 200: candidatesSchema, ...errorResponses } },
  }, (req) => orders.candidates(req.ctx, req.params.id))
  for (const action of orderActionSchema.options) {
    app.post(`/orders/:id/${action}`, {
      schema: { tags, summary: `订单操作：${actionLabels[action].zh}`, params, body: actionBodies[action], response: { 200: orderDetailSchema, ...errorResponses } },
    }, async (req) => {
      await transitions.act(req.ctx, req.params.id, action, req.body as never)
      return orders.detail(req.ctx, req.params.id)
    })
  }

  // ---- providers
  tags = ['order-providers']
  app.get('/order-providers/me', { schema: { tags, summary: '我的接单设置（错时服务时段、范围、暂停）', response: { 200: profileSchema, ...errorResponses } } }, (req) => orders.myProfile(req.ctx))
  app.put('/order-providers/me', { schema: { tags, summary: '保存我的接单设置', body: providerProfileSchema, response: { 200: profileSchema, ...errorResponses } } }, (req) => orders.saveMyProfile(req.ctx, req.body))
  app.post('/order-providers/me/location', {
    schema: { tags, summary: '上报我当前的位置（抢单匹配用，两小时内有效）', body: lngLatSchema.extend({ crs: crsSchema.default('wgs84') }), response: { 200: profileSchema, ...errorResponses } },
  }, (req) => orders.saveMyLocation(req.ctx, req.body))

  // ---- one-button devices
  tags = ['devices']
  app.get('/devices', { schema: { tags, summary: '一键通设备（silent=true：超过一天没有心跳的设备）', querystring: devicesQuerySchema, response: { 200: pageOf(deviceSchema), ...errorResponses } } }, (req) => devices.list(req.ctx, req.query))
  app.get('/devices/mine', { schema: { tags, summary: '我的一键通设备', response: { 200: z.object({ items: z.array(deviceSchema) }), ...errorResponses } } }, (req) => devices.mine(req.ctx))
  app.post('/devices/mine/press', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: '长辈版一键呼叫：按下我的一键通（取消窗口内可撤回）', response: { 201: pressResultSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await devices.pressMine(req.ctx)))
  app.post('/devices', {
    schema: { tags, summary: '登记一键通设备（密钥只在此时显示一次）', body: deviceCreateSchema, response: { 201: deviceCreatedSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await devices.create(req.ctx, req.body)))
  app.get('/devices/:id', { schema: { tags, summary: '一键通设备（联系人电话已打码）', params, response: { 200: deviceSchema, ...errorResponses } } }, (req) => devices.get(req.ctx, req.params.id))
  app.patch('/devices/:id', { schema: { tags, summary: '修改一键通设备', params, body: devicePatchSchema, response: { 200: deviceSchema, ...errorResponses } } }, (req) => devices.update(req.ctx, req.params.id, req.body))
  app.post('/devices/:id/secret', { schema: { tags, summary: '重置设备密钥（新密钥只显示一次）', params, response: { 200: deviceCreatedSchema, ...errorResponses } } }, (req) => devices.rotateSecret(req.ctx, req.params.id))
  app.post('/devices/:id/reveal', { schema: { tags, summary: '查看联系人和值班电话完整号码（记入审计）', params, response: { 200: deviceSchema, ...errorResponses } } }, (req) => devices.reveal(req.ctx, req.params.id))

  // The gateway's route signs the raw body: parse JSON here as text first.
  await app.register(async (signed) => {
    signed.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 4096 }, (req, body, done) => {
      ;(req as unknown as { rawBody: string }).rawBody = body as string
      try {
        done(null, JSON.parse(body as string))
      } catch {
        done(new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body', message: 'JSON 格式不正确' }]), undefined)
      }
    })
    signed.withTypeProvider<ZodTypeProvider>().post('/devices/:id/press', {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags, summary: '设备网关上报按键、心跳或撤回（X-Linli-Signature：设备密钥对原始请求体的 HMAC-SHA256 十六进制；timestamp 为毫秒，须比上次新且与服务器时间相差不超过 5 分钟）',
        params, body: pressBodySchema, headers: z.object({ 'x-linli-signature': z.string().max(200).optional() }), response: { 201: pressResultSchema, ...errorResponses },
      },
    }, async (req, reply) => {
      const raw = (req as unknown as { rawBody?: string }).rawBody ?? ''
      const signature = req.headers['x-linli-signature']
      return reply.code(201).send(await devices.signed(req.params.id, raw, typeof signature === 'string' ? signature : undefined, req.body))
    })
  })

  tags = ['devices']
  app.get('/device-presses', {
    schema: { tags, summary: '一键通呼叫记录与升级过程', querystring: z.object({ deviceId: idSchema.optional(), ...pageQuery }), response: { 200: pageOf(pressSchema), ...errorResponses } },
  }, (req) => devices.presses(req.ctx, req.query))
  app.get('/device-presses/:id', { schema: { tags, summary: '一次呼叫的进展（按键的老人、家属联系人与所在网格的工作人员可查看）', params, response: { 200: pressSchema, ...errorResponses } } }, (req) => devices.pressOne(req.ctx, req.params.id))
  app.post('/device-presses/:id/cancel', { schema: { tags, summary: '撤回误按的呼叫（取消窗口内）', params, response: { 200: pressSchema, ...errorResponses } } }, (req) => devices.cancelPress(req.ctx, req.params.id))
  app.post('/device-presses/:id/acknowledge', { schema: { tags, summary: '响应呼叫（停止升级）', params, response: { 200: pressSchema, ...errorResponses } } }, (req) => devices.acknowledge(req.ctx, req.params.id))
}
