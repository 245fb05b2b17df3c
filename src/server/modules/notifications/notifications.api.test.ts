import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { dbKind, startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { readEvents } from '../../../../test/support/sse.ts'

let t: TestApp
let grid: Client, resident: Client
let baseUrl: string
before(async () => {
  t = await startTestApp()
  ;[grid, resident] = await t.asEach('grid', 'resident')
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
})
after(() => t.close())

/** Opens the event stream as a client and collects `notification` events. */
async function openStream(client: Client) {
  const controller = new AbortController()
  const res = await fetch(`${baseUrl}/api/v1/events`, { headers: { cookie: client.cookie! }, signal: controller.signal })
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/)
  return readEvents<{ id: string; kind: string; link: { caseId?: string } }>(res, controller)
}

test('the grid worker’s open stream receives a new case in their grid at once, with their own notification id', async () => {
  const stream = await openStream(grid)
  const others = await openStream(resident)
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
  const c = (await resident.post('/api/v1/cases', { categoryCode: 'order.noise', description: '夜间施工噪音', location: p })).json()
  const got = await stream.waitFor((e) => e.event === 'notification' && e.data.link.caseId === c.id)
  assert.equal(got.data.kind, 'case.new')
  const stored = (await grid.get('/api/v1/notifications?unread=true')).json()
  assert.ok(stored.items.some((n: { id: string }) => n.id === got.data.id), 'the pushed id is the stored notification')
  assert.ok(!others.events.some((e) => e.data.link?.caseId === c.id), 'the reporter is not told about their own report')
  const read = await grid.post('/api/v1/notifications/read', { ids: [got.data.id] })
  assert.equal(read.json().updated, 1)
  assert.ok(!(await grid.get('/api/v1/notifications?unread=true')).json().items.some((n: { id: string }) => n.id === got.data.id))
  await stream.close()
  await others.close()
})

test('a rolled-back write pushes nothing; the stream needs a login', async () => {
  const stream = await openStream(grid)
  const before = stream.events.length
  const bad = await resident.post('/api/v1/cases', { categoryCode: 'order.noise', description: '区外', location: { lng: 100, lat: 30 } })
  assert.equal(bad.statusCode, 422)
  await new Promise((r) => setTimeout(r, 300))
  assert.equal(stream.events.length, before)
  await stream.close()
  const anonymous = await fetch(`${baseUrl}/api/v1/events`)
  assert.equal(anonymous.status, 401)
  assert.equal((await anonymous.json()).error.code, 'UNAUTHENTICATED')
})

// The listener connection exists on PostgreSQL only (PGlite delivers in-process).
if (dbKind === 'postgres') test('on PostgreSQL the listener comes back after the server drops its connection', async () => {
  const killed = await t.query<{ n: number }>(sql`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND query ILIKE 'LISTEN%linli_live%' AND pid <> pg_backend_pid()`)
  assert.equal(killed[0]!.n, 1)
  await new Promise((r) => setTimeout(r, 4_000))
  const stream = await openStream(grid)
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
  const c = (await resident.post('/api/v1/cases', { categoryCode: 'order.noise', description: '重连之后的噪音', location: p })).json()
  await stream.waitFor((e) => e.data.link?.caseId === c.id)
  await stream.close()
})
