// /api/v1/venues, /rooms, /bookings: the venue registry and the public red map (no login for
// reads), rooms and their rules, bookings with approval and check-in, calendars and iCal feeds.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { countedPageOf, idSchema } from '../../kernel/contract.ts'
import { unprocessable } from '../../kernel/errors.ts'
import type { VenuesModuleService } from './venues.module.ts'
import {
  bookingCreatedSchema,
  buildingReachSchema,
  coverageQuerySchema,
  coverageSchema,
  networkImportSchema,
  networkSchema,
  suggestionBodySchema,
  suggestionSchema,
  bookingCreateSchema,
  bookingDecisionSchema,
  bookingSchema,
  bookingsQuerySchema,
  checkinSchema,
  feedSchema,
  nearestQuerySchema,
  nearestSchema,
  roomInputSchema,
  roomPatchSchema,
  roomSchema,
  usageQuerySchema,
  usageSchema,
  venueCalendarSchema,
  venueCreateSchema,
  venuePatchSchema,
  venueSchema,
  venueKindSchema,
  venuesQuerySchema,
  weekQuerySchema,
} from './venues.schemas.ts'

const tags = ['venues']
const params = z.object({ id: idSchema })

export const venueRoutes: FastifyPluginAsyncZod<RouteOptions<VenuesModuleService, Record<never, never>>> = async (app, { service }) => {
  const { venues, bookings, coverage, sheets } = service
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  const attachment = (name: string) => `attachment; filename="venues.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`
  app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body))

  app.get('/venues/import-template', {
    schema: { tags, summary: '下载服务阵地导入模板（.xlsx）' },
  }, async (_req, reply) => reply.header('content-type', XLSX).header('content-disposition', attachment('服务阵地导入模板.xlsx')).send(await sheets.template()))

  app.post('/venues/import', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags, summary: `导入服务阵地（请求体为 .xlsx 文件，Content-Type: ${XLSX}）；任一行有误则全部不导入，错误在 details 中按行、列列出`,
      querystring: z.object({ orgId: idSchema }), response: { 201: z.object({ imported: z.number().int() }), ...errorResponses },
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw unprocessable('VENUE_IMPORT_FILE_INVALID', { reason: '请上传 .xlsx 文件' }, [{ path: 'file', message: '请上传 .xlsx 文件' }])
    return reply.code(201).send(await sheets.importSheet(req.ctx, req.query.orgId, req.body))
  })

  app.post('/venues/export', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: '导出服务阵地（.xlsx，与导入模板同格式）', body: z.strictObject({ orgId: idSchema.optional(), kind: venueKindSchema.optional() }) },
  }, async (req, reply) => {
    const { bytes, count } = await sheets.exportSheet(req.ctx, req.body)
    return reply.header('content-type', XLSX).header('content-disposition', attachment('服务阵地.xlsx')).header('x-linli-count', String(count)).send(bytes)
  })

  app.get('/venues', {
    schema: { tags, summary: '服务阵地（红色地图，无需登录）：按类型、设施、服务、开放状态、名称地址筛选', querystring: venuesQuerySchema, response: { 200: countedPageOf(venueSchema), ...errorResponses } },
  }, (req) => venues.list(req.ctx, req.query))

  app.get('/venues/nearest', {
    schema: { tags, summary: '离我最近的服务阵地（球面距离，步行分钟按 80 米/分钟 × 绕行系数）', querystring: nearestQuerySchema, response: { 200: nearestSchema, ...errorResponses } },
  }, (req) => venues.nearest(req.ctx, req.query))

  app.get('/public/venues.geojson', {
    schema: { tags, summary: '开放数据：全部服务阵地（GeoJSON，公开字段）' },
  }, async (req, reply) => reply.type('application/geo+json; charset=utf-8').header('cache-control', 'public, max-age=300').send(JSON.stringify(await venues.geojson(req.ctx))))

  app.get('/venues/:id', {
    schema: { tags, summary: '服务阵地详情（开放时间、设施、服务、场地、一键导航）', params, response: { 200: venueSchema, ...errorResponses } },
  }, (req) => venues.get(req.ctx, req.params.id))

  app.post('/venues', {
    schema: { tags, summary: '登记服务阵地（可同时登记场地）', body: venueCreateSchema, response: { 201: venueSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await venues.create(req.ctx, req.body)))

  app.patch('/venues/:id', {
    schema: { tags, summary: '修改服务阵地', params, body: venuePatchSchema, response: { 200: venueSchema, ...errorResponses } },
  }, (req) => venues.update(req.ctx, req.params.id, req.body))

  app.delete('/venues/:id', {
    schema: { tags, summary: '删除服务阵地（须先取消未结束的预约）', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await venues.remove(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/venues/:id/calendar', {
    schema: { tags, summary: '阵地的预约周历（管理者）', params, querystring: weekQuerySchema, response: { 200: venueCalendarSchema, ...errorResponses } },
  }, (req) => bookings.venueCalendar(req.ctx, req.params.id, req.query.from, req.query.days))

  app.post('/venues/:id/rooms', {
    schema: { tags, summary: '新增场地及其预约规则', params, body: roomInputSchema, response: { 201: roomSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await venues.addRoom(req.ctx, req.params.id, req.body)))

  app.patch('/rooms/:id', {
    schema: { tags, summary: '修改场地及其预约规则', params, body: roomPatchSchema, response: { 200: roomSchema, ...errorResponses } },
  }, (req) => venues.updateRoom(req.ctx, req.params.id, req.body))

  app.delete('/rooms/:id', {
    schema: { tags, summary: '删除场地（须先取消未结束的预约）', params, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await venues.removeRoom(req.ctx, req.params.id)
    return reply.code(204).send(null)
  })

  app.get('/rooms/:id/checkin-code', {
    schema: { tags, summary: '场地签到码（打印成二维码贴在门口）', params, response: { 200: z.object({ roomId: z.string(), code: z.string() }), ...errorResponses } },
  }, (req) => venues.roomCheckinCode(req.ctx, req.params.id))

  app.get('/rooms/:id/usage', {
    schema: { tags, summary: '场地使用情况：预约时长、使用率、爽约率', params, querystring: usageQuerySchema, response: { 200: usageSchema, ...errorResponses } },
  }, (req) => bookings.usage(req.ctx, req.params.id, req.query.from, req.query.to))

  app.get('/rooms/:id/calendar.ics', {
    schema: { tags, summary: '场地日历订阅（iCalendar，只显示占用时段）', params },
  }, async (req, reply) => reply.type('text/calendar; charset=utf-8').send(await bookings.roomFeed(req.ctx, req.params.id)))

  app.post('/rooms/:id/bookings', {
    schema: { tags, summary: '预约场地（可按 RRULE 重复：fail 全部成功或全部不做，skip 跳过冲突）', params, body: bookingCreateSchema, response: { 201: bookingCreatedSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await bookings.create(req.ctx, req.params.id, req.body)))

  app.get('/bookings', {
    schema: { tags, summary: '预约列表（mine 我的 / manage 我管理的阵地的）', querystring: bookingsQuerySchema, response: { 200: countedPageOf(bookingSchema), ...errorResponses } },
  }, (req) => bookings.list(req.ctx, req.query))

  app.get('/bookings/calendar.ics', {
    schema: { tags, summary: '我的预约日历订阅（iCalendar，凭订阅链接中的令牌）', querystring: z.object({ token: z.string().min(10).max(64) }) },
  }, async (req, reply) => reply.type('text/calendar; charset=utf-8').send(await bookings.personFeed(req.query.token)))

  app.get('/me/booking-feed', {
    schema: { tags, summary: '我的预约日历订阅链接（未生成时为 null）', response: { 200: feedSchema.extend({ url: z.string().nullable() }), ...errorResponses } },
  }, (req) => bookings.myFeed(req.ctx))

  app.post('/me/booking-feed/reset', {
    schema: { tags, summary: '生成或重置我的预约日历订阅链接（旧链接失效）', response: { 200: feedSchema, ...errorResponses } },
  }, (req) => bookings.resetFeed(req.ctx))

  app.get('/bookings/:id', {
    schema: { tags, summary: '预约详情', params, response: { 200: bookingSchema, ...errorResponses } },
  }, (req) => bookings.get(req.ctx, req.params.id))

  for (const action of ['approve', 'reject', 'cancel'] as const) {
    const summary = { approve: '通过预约（仅待审核的）', reject: '驳回预约', cancel: '取消预约（预约人或管理者；通知对方）' }[action]
    app.post(`/bookings/:id/${action}`, {
      schema: { tags, summary, params, body: bookingDecisionSchema.optional(), response: { 200: bookingSchema, ...errorResponses } },
    }, (req) => bookings[action](req.ctx, req.params.id, req.body?.note))
  }

  app.post('/bookings/:id/checkin', {
    schema: { tags, summary: '到场签到（预约人扫场地二维码；管理者可代签）', params, body: checkinSchema.optional(), response: { 200: bookingSchema, ...errorResponses } },
  }, (req) => bookings.checkin(req.ctx, req.params.id, req.body?.code))

  app.get('/coverage', {
    schema: { tags, summary: '15分钟生活圈：某服务类型在 5/10/15 分钟步行范围内覆盖的楼栋和居民比例、各社区情况和盲区楼栋', querystring: coverageQuerySchema, response: { 200: coverageSchema, ...errorResponses } },
  }, (req) => coverage.coverage(req.ctx, req.query))

  app.get('/coverage/buildings/:id', {
    schema: { tags, summary: '某楼栋在 5/10/15 分钟步行范围内能到达的服务类型、阵地类型和最近的阵地', params, response: { 200: buildingReachSchema, ...errorResponses } },
  }, (req) => coverage.building(req.ctx, req.params.id))

  app.post('/coverage/suggestions', {
    schema: { tags, summary: '新增 k 处阵地的选址建议（最大覆盖模型，HiGHS 精确求解，附贪心解和最优性差距）', body: suggestionBodySchema, response: { 200: suggestionSchema, ...errorResponses } },
  }, (req) => coverage.suggest(req.ctx, req.body))

  app.post('/coverage/suggestions.xlsx', {
    schema: { tags, summary: '选址建议导出为 Excel', body: suggestionBodySchema },
  }, async (req, reply) => reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="suggestions.xlsx"; filename*=UTF-8''${encodeURIComponent('选址建议.xlsx')}`)
    .send(await coverage.suggestionWorkbook(req.ctx, req.body)))

  app.get('/walk-network', {
    schema: { tags, summary: '步行路网：节点和路段数，数据库能否按路网计算生活圈（pgRouting）', response: { 200: networkSchema, ...errorResponses } },
  }, (req) => coverage.network(req.ctx))

  app.put('/walk-network', {
    bodyLimit: 50 * 1024 * 1024,
    schema: { tags, summary: '导入步行路网（GeoJSON 线要素，整体替换；区级管理员及以上）', body: networkImportSchema, response: { 200: networkSchema, ...errorResponses } },
  }, (req) => coverage.importNetwork(req.ctx, req.body))
}
