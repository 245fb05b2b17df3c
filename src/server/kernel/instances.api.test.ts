// Two app instances on one PostgreSQL database (issue 19, section 4): behind a load balancer each
// request may reach either. They share the minute sweep (one sweeps at a time, under the
// scheduler's advisory lock) and the live stream (a message written on one instance reaches every
// open stream on both, once each: it travels as a pg_notify after the commit, and each instance
// LISTENs and hands it to its own streams). PGlite is one process with one connection: skipped there.
// An instance whose database goes away answers 503 DATABASE_UNAVAILABLE and recovers by itself.
import { after, before, describe, test } from 'node:test'
import net from 'node:net'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { dbKind, startTestApp, type TestApp } from '../../../test/support/app.ts'
import { readEvents } from '../../../test/support/sse.ts'
import { databaseUrl } from '../../../test/support/template.ts'
import { buildApp, schedulerJobs } from '../app.ts'
import { openPostgres, type Database } from './db/client.ts'
import { SCHEDULER_LEADER_LOCK, sweepOnce, type Job } from './scheduler.ts'

const skip = dbKind !== 'postgres' ? 'two app instances need PostgreSQL: PGlite is one process with one connection' : false
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('two app instances on one database', { skip }, () => {
  let t: TestApp
  let second: { app: FastifyInstance; database: Database }
  const base: Record<'a' | 'b', string> = { a: '', b: '' }

  before(async () => {
    t = await startTestApp()
    const [db] = await t.query<{ name: string }>(sql`SELECT current_database() AS name`)
    const database = await openPostgres(databaseUrl(process.env.LINLI_TEST_DATABASE_URL!, db!.name), 5)
    const app = await buildApp({ config: t.config, database, migration: 'same', logger: false })
    await app.ready()
    second = { app, database }
    base.a = await t.app.listen({ port: 0, host: '127.0.0.1' })
    base.b = await app.listen({ port: 0, host: '127.0.0.1' })
  })
  after(async () => {
    await second?.app.close()
    await second?.database.close()
    await t?.close()
  })

  /** Logs in on one instance; the session is in the database, so it works on the other too. */
  async function login(on: 'a' | 'b', username: string): Promise<string> {
    const res = await fetch(`${base[on]}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-linli-csrf': '1' }, body: JSON.stringify({ username, password: 'Demo@2026' }) })
    assert.equal(res.status, 200, await res.clone().text())
    const cookie = /linli_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0]
    assert.ok(cookie, 'a session cookie')
    return cookie
  }

  async function openStream(on: 'a' | 'b', cookie: string) {
    const controller = new AbortController()
    const res = await fetch(`${base[on]}/api/v1/events`, { headers: { cookie }, signal: controller.signal })
    assert.equal(res.status, 200)
    return readEvents<{ id: string; kind: string; link: { caseId?: string } }>(res, controller)
  }

  async function report(on: 'a' | 'b', cookie: string, description: string): Promise<string> {
    const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
    const res = await fetch(`${base[on]}/api/v1/cases`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-linli-csrf': '1', cookie }, body: JSON.stringify({ categoryCode: 'order.noise', description, location: p }) })
    assert.equal(res.status, 201, await res.clone().text())
    return ((await res.json()) as { id: string }).id
  }

  test('a case reported on either instance reaches the grid worker\'s streams on both, once each', async () => {
    const grid = await login('a', 'grid')
    const resident = await login('b', 'resident')
    const onA = await openStream('a', grid)
    const onB = await openStream('b', grid)
    try {
      for (const [via, text] of [['a', '经实例甲上报的噪音'], ['b', '经实例乙上报的噪音']] as const) {
        const caseId = await report(via, resident, text)
        const mine = (e: { event: string; data: { link: { caseId?: string } } }) => e.event === 'notification' && e.data.link.caseId === caseId
        await onA.waitFor(mine)
        await onB.waitFor(mine)
        await sleep(500)
        assert.equal(onA.events.filter(mine).length, 1, `reported via ${via}: once on instance A`)
        assert.equal(onB.events.filter(mine).length, 1, `reported via ${via}: once on instance B`)
        assert.equal(onA.events.find(mine)!.data.id, onB.events.find(mine)!.data.id, 'the same stored notification')
      }
    } finally {
      await onA.close()
      await onB.close()
    }
  })

  test('a session made on one instance is honoured by the other, and a logout on one ends it on both', async () => {
    const cookie = await login('a', 'cadre')
    const me = await fetch(`${base.b}/api/v1/me`, { headers: { cookie } })
    assert.equal(me.status, 200)
    const out = await fetch(`${base.b}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'x-linli-csrf': '1' } })
    assert.ok(out.status < 300, `logout: ${out.status}`)
    // Instance A may serve its cached caller for at most SESSION_CACHE_SEC; then the session is gone.
    const deadline = Date.now() + (t.config.SESSION_CACHE_SEC + 2) * 1000
    let status = 200
    while (Date.now() < deadline && status === 200) {
      status = (await fetch(`${base.a}/api/v1/me`, { headers: { cookie } })).status
      if (status === 200) await sleep(250)
    }
    assert.equal(status, 401)
  })

  test('both instances sweep at the same minute: one sweeps, the other skips it', async () => {
    let runs = 0
    // A job that holds the sweep's transaction open long enough for the two to overlap.
    const hold: Job = { name: 'hold', run: async () => { runs += 1; await sleep(1_000) } }
    const now = new Date()
    const [a, b] = await Promise.all([
      sweepOnce(t.database, [...schedulerJobs(t.app.services), hold], now),
      sweepOnce(second.database, [...schedulerJobs(second.app.services), hold], now),
    ])
    assert.equal([a, b].filter((r) => r === null).length, 1, 'exactly one instance skipped the minute')
    assert.equal(runs, 1)
    const report = (a ?? b)!
    assert.ok(Object.keys(report).length > 1, 'the one that swept ran every job')
    for (const [name, result] of Object.entries(report)) assert.ok(!(result && typeof result === 'object' && 'failed' in result), `${name}: ${JSON.stringify(result)}`)
    // The next minute the lock is free again for whichever comes first.
    assert.notEqual(await sweepOnce(second.database, [hold], new Date(now.getTime() + 60_000)), null)
  })

  test('one instance leads the minute sweep; when it goes, another takes over', async () => {
    const [db] = await t.query<{ name: string }>(sql`SELECT current_database() AS name`)
    const url = databaseUrl(process.env.LINLI_TEST_DATABASE_URL!, db!.name)
    const [one, two] = [await openPostgres(url, 1), await openPostgres(url, 1)]
    let oneOpen = true
    try {
      assert.equal(await one.lead!(SCHEDULER_LEADER_LOCK), true)
      assert.equal(await two.lead!(SCHEDULER_LEADER_LOCK), false, 'the second waits')
      assert.equal(await one.lead!(SCHEDULER_LEADER_LOCK), true, 'the leader stays the leader')
      await one.close().then(() => (oneOpen = false))
      let took = false
      for (let i = 0; i < 20 && !took; i++) if (!(took = await two.lead!(SCHEDULER_LEADER_LOCK))) await sleep(100)
      assert.equal(took, true, 'the lock left with the leader\'s connection')
    } finally {
      if (oneOpen) await one.close()
      await two.close()
    }
  })

  test('an instance whose database goes away answers 503 with Retry-After, and serves again once it is back, without a restart', async () => {
    // A third instance reaches PostgreSQL through a TCP relay that the test cuts (every open
    // connection reset, the port closed: as when the server is killed) and opens again.
    const target = new URL(process.env.LINLI_TEST_DATABASE_URL!)
    const sockets = new Set<net.Socket>()
    const relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname)
      for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
        sockets.add(a)
        a.on('close', () => sockets.delete(a))
        a.on('error', () => b.destroy())
        a.pipe(b)
      }
    })
    const open = (port: number) => new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve))
    await open(0)
    const port = (relay.address() as net.AddressInfo).port
    const [db] = await t.query<{ name: string }>(sql`SELECT current_database() AS name`)
    const url = new URL(databaseUrl(process.env.LINLI_TEST_DATABASE_URL!, db!.name))
    url.hostname = '127.0.0.1'
    url.port = String(port)
    const database = await openPostgres(url.toString(), 3)
    const third = await buildApp({ config: t.config, database, migration: 'same', logger: false })
    try {
      await third.ready()
      const cookie = /linli_session=[^;]+/.exec((await third.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-linli-csrf': '1' }, payload: { username: 'grid', password: 'Demo@2026' } })).headers['set-cookie']!.toString())![0]
      const cases = () => third.inject({ method: 'GET', url: '/api/v1/cases?limit=5', headers: { cookie } })
      assert.equal((await cases()).statusCode, 200)

      await new Promise<void>((resolve) => {
        relay.close(() => resolve())
        for (const s of sockets) s.resetAndDestroy()
      })
      for (const [what, res] of [
        ['a list', await cases()],
        ['a write', await third.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie, 'x-linli-csrf': '1' }, payload: { categoryCode: 'order.noise', description: '数据库断开时上报', location: { lng: 115.9, lat: 28.68 } } })],
        ['the health check', await third.inject({ method: 'GET', url: '/api/v1/health' })],
      ] as const) {
        assert.equal(res.statusCode, 503, `${what}: ${res.body}`)
        assert.equal(res.headers['retry-after'], '5', what)
        const body = res.json()
        assert.equal(body.error.code, 'DATABASE_UNAVAILABLE', what)
        assert.equal(body.error.message, '数据库暂时不可用，请稍后重试', what)
        assert.equal(body.error.requestId, res.headers['x-request-id'], what)
      }
      const english = await third.inject({ method: 'GET', url: '/api/v1/health', headers: { 'accept-language': 'en' } })
      assert.equal(english.json().error.message, 'The database is temporarily unavailable; try again shortly')

      await open(port)
      assert.equal((await cases()).statusCode, 200, 'the pool reconnected by itself')
      assert.equal((await third.inject({ method: 'GET', url: '/api/v1/health' })).statusCode, 200)
    } finally {
      await third.close()
      await database.close()
      relay.close()
      for (const s of sockets) s.destroy()
    }
  })

  test('a database that stops answering (a partition: connections accepted, never served) gets a 503 within the connect timeout, not a request that hangs', async () => {
    // The relay forwards until `silent`; then every new connection is accepted and left without an
    // answer, as when a network between the app and the server drops packets. Before the pool had
    // a connect timeout, such a request waited for the kernel's TCP timeout, minutes.
    const target = new URL(process.env.LINLI_TEST_DATABASE_URL!)
    const sockets = new Set<net.Socket>()
    let silent = false
    const relay = net.createServer((client) => {
      sockets.add(client)
      client.on('close', () => sockets.delete(client))
      client.on('error', () => undefined)
      if (silent) return
      const upstream = net.connect(Number(target.port || 5432), target.hostname)
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
      client.pipe(upstream)
      upstream.pipe(client)
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
    const [db] = await t.query<{ name: string }>(sql`SELECT current_database() AS name`)
    const url = new URL(databaseUrl(process.env.LINLI_TEST_DATABASE_URL!, db!.name))
    url.hostname = '127.0.0.1'
    url.port = String((relay.address() as net.AddressInfo).port)
    const database = await openPostgres(url.toString(), 2, 1_000)
    const fourth = await buildApp({ config: t.config, database, migration: 'same', logger: false })
    try {
      await fourth.ready()
      assert.equal((await fourth.inject({ method: 'GET', url: '/api/v1/health' })).statusCode, 200)
      silent = true
      for (const s of sockets) s.resetAndDestroy() // the pool's open connections break; new ones get no answer
      await sleep(200)
      const hung = Symbol('hung')
      const answer = await Promise.race([
        fourth.inject({ method: 'GET', url: '/api/v1/health' }),
        sleep(15_000).then(() => hung),
      ])
      assert.notEqual(answer, hung, 'the request is answered, not left hanging')
      const res = answer as Awaited<ReturnType<typeof fourth.inject>>
      assert.equal(res.statusCode, 503, res.body)
      assert.equal(res.headers['retry-after'], '5')
      assert.equal(res.json().error.code, 'DATABASE_UNAVAILABLE')
      assert.equal(res.json().error.message, '数据库暂时不可用，请稍后重试')
    } finally {
      silent = false
      for (const s of sockets) s.destroy()
      await fourth.close()
      await database.close()
      relay.close()
    }
  })
})
