// /api/v1/notifications and the live stream /api/v1/events (Server-Sent Events).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { NotificationService } from './notifications.service.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { boolQuery, idSchema, pageOf, pageQuery } from '../../kernel/contract.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import type { LiveHub } from '../../kernel/live.ts'

const tags = ['notifications']

const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.record(z.string(), z.string()),
  readAt: z.string().nullable(),
  createdAt: z.string(),
})

const PING_MS = 25_000

export const notificationRoutes: FastifyPluginAsyncZod<RouteOptions<NotificationService, Record<never, never>>> = async (app, { service, kernel }) => {
  const live = kernel.live
  // Open streams, ended when the server closes (else close would wait for clients to leave).
  const open = new Set<() => void>()
  app.addHook('onClose', async () => {
    for (const end of [...open]) end()
  })

  app.get('/notifications', {
    schema: {
      tags,
      summary: '我的消息',
      querystring: z.object({ unread: boolQuery.optional(), cursor: pageQuery.cursor, limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: pageOf(notificationSchema).extend({ unread: z.number().int() }), ...errorResponses },
    },
  }, (req) => service.list(req.ctx, req.query))

  app.post('/notifications/read', {
    schema: { tags, summary: '标记为已读（不传 ids 则全部）', body: z.strictObject({ ids: z.array(idSchema).max(500).optional() }), response: { 200: z.object({ updated: z.number().int() }), ...errorResponses } },
  }, (req) => service.markRead(req.ctx, req.body.ids))

  app.get('/events', {
    schema: {
      tags,
      summary: '实时推送（Server-Sent Events）',
      description: '事件名 notification，数据为一条消息；每 25 秒发送一行注释保持连接。',
      produces: ['text/event-stream'],
      response: errorResponses,
    },
  }, async (req, reply) => {
    requireSignedIn(req.ctx.actor)
    const { personId: me, sessionId, accountId } = req.ctx.actor
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    res.write('retry: 5000\n\n')
    const send = (event: string, data: unknown) => {
      const own = data as { id: string | null; ids?: Record<string, string> }
      const payload = own.ids && me ? { ...own, id: own.ids[me] ?? null, ids: undefined } : data
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
    }
    // The stream ends with the session: the hub closes it on logout, expiry or a disabled account.
    const unsubscribe = me && sessionId && accountId ? live.subscribe({ personId: me, sessionId, accountId, send, end: () => end() }) : () => undefined
    const ping = setInterval(() => res.write(': ping\n\n'), PING_MS)
    const end = () => {
      if (!open.delete(end)) return
      clearInterval(ping)
      unsubscribe()
      res.end()
    }
    open.add(end)
    req.raw.on('close', end)
  })
}
