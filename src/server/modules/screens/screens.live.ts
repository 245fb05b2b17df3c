// The wall screen's live stream (Server-Sent Events at /api/v1/screen-feed/<token>/stream): the
// feed once on connecting, then again whenever it changed. What may have changed is learnt from
// the app's live channel (kernel/live.ts: every notification, case, order or notice that is pushed
// to someone passes there): each pass pokes the open screens, which recompute their feed at most
// once every few seconds and send it only when it differs from what they showed. A periodic
// recompute catches what is not announced (a booking, a revocation); the page keeps polling as a
// fallback when the stream is down. One LISTEN serves all screens of an instance.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { LIVE_CHANNEL } from '../../kernel/live.ts'
import type { Kernel } from '../../kernel/module.ts'
import { AppError } from '../../kernel/errors.ts'
import type { Feed } from './screens.schemas.ts'

/** A burst of live messages costs each screen one recompute per this many ms. */
export const POKE_DEBOUNCE_MS = 2_000
const PING_MS = 25_000

type Compute = () => Promise<Feed>

interface Stream { poke(): void; end(): void }

export function createScreenStreams(app: FastifyInstance, kernel: Pick<Kernel, 'database'>) {
  const streams = new Set<Stream>()
  let stop: Promise<() => Promise<void>> | null = null
  const listen = () => {
    stop ??= kernel.database.listen(LIVE_CHANNEL, (payload) => {
      // Session endings pass on the same channel; only messages about something done poke.
      if (!payload.includes('"event"')) return
      for (const s of streams) s.poke()
    })
    return stop
  }
  app.addHook('onClose', async () => {
    for (const s of [...streams]) s.end()
    if (stop) await (await stop)()
  })

  /** Takes over the reply: sends `first`, then each changed feed; `revoked` when the token stops working. */
  async function open(reply: FastifyReply, first: Feed, compute: Compute, onFeed: () => void) {
    await listen()
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    res.write('retry: 10000\n\n')
    const shape = (f: Feed) => JSON.stringify({ ...f, generatedAt: null })
    let last = shape(first)
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    send('feed', first)
    let timer: ReturnType<typeof setTimeout> | undefined
    let busy = false
    let closed = false
    const refresh = async () => {
      timer = undefined
      if (busy || closed) return
      busy = true
      try {
        const feed = await compute()
        if (closed) return
        onFeed()
        const now = shape(feed)
        if (now !== last) {
          last = now
          send('feed', feed)
        }
      } catch (err) {
        if (err instanceof AppError && err.status === 404) {
          send('revoked', {})
          end()
        }
      } finally {
        busy = false
      }
    }
    const stream: Stream = { poke: () => { timer ??= setTimeout(() => void refresh(), POKE_DEBOUNCE_MS) }, end: () => end() }
    const ping = setInterval(() => send('ping', {}), PING_MS)
    const periodic = setInterval(() => void refresh(), first.refreshSeconds * 1000)
    streams.add(stream)
    function end() {
      if (closed) return
      closed = true
      streams.delete(stream)
      clearTimeout(timer)
      clearInterval(ping)
      clearInterval(periodic)
      res.end()
    }
    res.on('close', end)
  }

  return { open, size: () => streams.size }
}
