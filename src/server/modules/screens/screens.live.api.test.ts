// The wall screen's live stream and its "last seen": the stream sends the feed on connecting and
// again when something pushed on the live channel changed it (a new case), says "revoked" when the
// link is revoked; fetching the feed records last_seen_at after the answer, throttled.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { LIVE_CHANNEL } from '../../kernel/live.ts'
import { readEvents } from '../../../../test/support/sse.ts'

let t: TestApp
let f: Factories
let baseUrl: string
before(async () => {
  t = await startTestApp()
  f = factories(t)
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
})
after(() => t.close())

const poke = () => t.query(sql`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ personIds: ['1'], event: 'notification', data: {} })})`)

type Event = { event: string; data: { cases?: { reported: number } } }

async function openStream(token: string) {
  const controller = new AbortController()
  // The answer's head comes at once; if it does not, the wait ends with an abort, not for ever.
  const headers = setTimeout(() => controller.abort(), 15_000)
  const res = await fetch(`${baseUrl}/api/v1/screen-feed/${token}/stream`, { signal: controller.signal }).finally(() => clearTimeout(headers))
  assert.equal(res.status, 200, res.status === 200 ? '' : await res.text())
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/)
  return readEvents<Event['data']>(res, controller)
}

test('the stream pushes the feed at once and again after a change announced on the live channel; bad tokens get 404', async () => {
  const community = await f.newCommunity()
  const grid = await f.newGrid(community)
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  await f.newPerson({ role: 'grid_worker', orgId: grid.id })
  const { token } = (await cadre.client.post('/api/v1/screens', { orgId: community.id, name: '大厅电视' })).json()
  for (const bad of ['abc', 'x'.repeat(43), `${token.slice(0, -1)}A`]) {
    const res = await t.anonymous.get(`/api/v1/screen-feed/${bad}/stream`)
    assert.equal(res.statusCode, 404, `${bad}: ${res.body}`)
  }
  const stream = await openStream(token)
  try {
    const first = await stream.waitFor((e) => e.event === 'feed', 15_000)
    assert.equal(first.data.cases!.reported, 0)
    assert.ok(!JSON.stringify(first.data).includes('screenId'), 'the screen\'s own id is not sent')
    // A case reported in the community; any message on the live channel (here the one telling
    // its grid worker, sent by hand in case the worker's notices go to the digest) pokes the screen.
    await f.newCase(grid)
    await poke()
    const next = await stream.waitFor((e) => e.event === 'feed' && e.data.cases!.reported === 1, 15_000)
    assert.equal(next.data.cases!.reported, 1)
    // Revoked: the periodic check or the next poke tells the screen.
    await cadre.client.post(`/api/v1/screens/${(await cadre.client.get('/api/v1/screens')).json().items[0].id}/revoke`, {})
    await poke()
    await stream.waitFor((e) => e.event === 'revoked', 15_000)
  } finally {
    await stream.close()
  }
  assert.equal((await fetch(`${baseUrl}/api/v1/screen-feed/${token}/stream`)).status, 404)
})

test('fetching the feed records last_seen_at after the answer, at most every five minutes; the list shows it', async () => {
  const community = await f.newCommunity()
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const made = (await cadre.client.post('/api/v1/screens', { orgId: community.id, name: '二楼电视' })).json()
  const seenAt = async () => (await t.query<{ at: string | null }>(sql`SELECT last_seen_at::text AS at FROM screen_tokens WHERE id = ${made.id}`))[0]!.at
  assert.equal((await cadre.client.get('/api/v1/screens')).json().items.find((s: { id: string }) => s.id === made.id).lastSeenAt, null)
  assert.equal((await fetch(`${baseUrl}/api/v1/screen-feed/${made.token}`)).status, 200)
  let first: string | null = null
  for (let i = 0; i < 40 && !first; i++) {
    await new Promise((r) => setTimeout(r, 50))
    first = await seenAt()
  }
  assert.ok(first, 'recorded')
  assert.equal((await fetch(`${baseUrl}/api/v1/screen-feed/${made.token}`)).status, 200)
  await new Promise((r) => setTimeout(r, 300))
  assert.equal(await seenAt(), first, 'not again within five minutes')
  await t.query(sql`UPDATE screen_tokens SET last_seen_at = now() - interval '6 minutes' WHERE id = ${made.id}`)
  const old = await seenAt()
  assert.equal((await fetch(`${baseUrl}/api/v1/screen-feed/${made.token}`)).status, 200)
  let later = old
  for (let i = 0; i < 40 && later === old; i++) {
    await new Promise((r) => setTimeout(r, 50))
    later = await seenAt()
  }
  assert.notEqual(later, old, 'recorded again after five minutes')
  assert.ok((await cadre.client.get('/api/v1/screens')).json().items.find((s: { id: string }) => s.id === made.id).lastSeenAt)
  // A bad token records nothing anywhere.
  assert.equal((await fetch(`${baseUrl}/api/v1/screen-feed/${'A'.repeat(43)}`)).status, 404)
})
