// Reading a Server-Sent Events response in a test: the named events (`event:` with JSON `data:`)
// as they arrive, a wait for one that matches, and closing the connection.
export interface SseEvent<D = unknown> { event: string; data: D }

export function readEvents<D = unknown>(res: Response, controller: AbortController) {
  const events: SseEvent<D>[] = []
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.+)$/m.exec(block)?.[1]
          const data = /^data: (.+)$/m.exec(block)?.[1]
          if (event && data) events.push({ event, data: JSON.parse(data) as D })
        }
      }
    } catch {
      // aborted
    }
  })()
  return {
    events,
    async waitFor(pred: (e: SseEvent<D>) => boolean, ms = 10_000): Promise<SseEvent<D>> {
      const until = Date.now() + ms
      while (Date.now() < until) {
        const hit = events.find(pred)
        if (hit) return hit
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error(`no matching event in ${ms} ms; got ${JSON.stringify(events.map((e) => e.event))}`)
    },
    async close() {
      controller.abort()
      await pump
    },
  }
}
