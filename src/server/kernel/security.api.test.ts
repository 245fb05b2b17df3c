// The security review's kernel items (issue 11): live streams end with their session, which
// proxies are trusted, the security headers, and where the public origin comes from.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { loadConfig } from './config.ts'
import { listMigrations } from './db/migrate.ts'
import { publicOrigin } from './auth/origin.ts'
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts'

let t: TestApp
let baseUrl: string
let cadre: Client
let resident: Client
let point: { lng: number; lat: number }

before(async () => {
  t = await startTestApp()
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
  cadre = await t.as('cadre')
  resident = await t.as('resident')
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
  point = p!
})
after(() => t.close())

let made = 0
/** A new grid worker of the demo grid, logged in (new cases there notify them). */
async function newGridWorker(app: TestApp, by: Client): Promise<{ personId: string; client: Client }> {
  const username = `sec_worker_${++made}`
  const res = await by.post('/api/v1/people', { name: `安全网格员${made}`, username, password: 'Worker#2026x', role: { role: 'grid_worker', orgId: app.fixtures.gridId } })
  assert.equal(res.statusCode, 201, res.body)
  const client = await app.as(username, 'Worker#2026x')
  // A password set by someone else must be changed before anything else.
  assert.equal((await client.post('/api/v1/auth/password', { currentPassword: 'Worker#2026x', newPassword: 'Own!Secret2026' })).statusCode, 204)
  return { personId: res.json().id, client }
}

async function reportCase(by: Client, description: string): Promise<string> {
  const res = await by.post('/api/v1/cases', { categoryCode: 'order.noise', description, location: point })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().id
}

/** Opens /events as a cookie holder; `ended` resolves when the server closes the stream. */
async function openStream(url: string, cookie: string) {
  const controller = new AbortController()
  const res = await fetch(`${url}/api/v1/events`, { headers: { cookie }, signal: controller.signal })
  assert.equal(res.status, 200)
  const caseIds: string[] = []
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let endedByServer = false
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) {
          endedByServer = true
          return
        }
        buffer += decoder.decode(value, { stream: true })
        for (const m of buffer.matchAll(/"caseId":"(\d+)"/g)) if (!caseIds.includes(m[1]!)) caseIds.push(m[1]!)
      }
    } catch {
      // aborted by the test
    }
  })()
  return {
    caseIds,
    /** Whether the server ended the stream within `ms`. */
    async endsWithin(ms: number): Promise<boolean> {
      await Promise.race([ended, new Promise((r) => setTimeout(r, ms))])
      return endedByServer
    },
    async waitForCase(id: string, ms = 10_000) {
      const until = Date.now() + ms
      while (Date.now() < until && !caseIds.includes(id)) await new Promise((r) => setTimeout(r, 50))
      assert.ok(caseIds.includes(id), `case ${id} was pushed`)
    },
    async close() {
      controller.abort()
      await ended
    },
  }
}

const sessionOf = (client: Client) => sql`encode(sha256(convert_to(${client.cookie!.split('=')[1]!}, 'UTF8')), 'hex')`

describe('live streams end with their session', () => {
  test('logging out closes the stream, also one held by another instance of the app', async () => {
    const w = await newGridWorker(t, cadre)
    const worker = w.client
    const here = await openStream(baseUrl, worker.cookie!)
    const first = await reportCase(resident, '登出前的噪音')
    await here.waitForCase(first)

    // A second instance on the same database, as behind a load balancer.
    const other: FastifyInstance = await buildApp({ config: t.config, database: t.database, migration: (await listMigrations()).at(-1)!, logger: false, sms: t.sms, serveWebApp: false })
    const otherUrl = await other.listen({ port: 0, host: '127.0.0.1' })
    const there = await openStream(otherUrl, worker.cookie!)
    try {
      assert.equal((await worker.post('/api/v1/auth/logout')).statusCode, 204)
      assert.equal(await here.endsWithin(3_000), true, 'the stream on this instance ended')
      assert.equal(await there.endsWithin(3_000), true, 'the stream on the other instance ended')
      const second = await reportCase(resident, '登出后的噪音')
      await new Promise((r) => setTimeout(r, 300))
      assert.ok(!here.caseIds.includes(second) && !there.caseIds.includes(second), 'nothing is delivered after logout')
    } finally {
      // Cut by the client too (a no-op once the server has ended them), so that closing never waits.
      await here.close()
      await there.close()
      await other.close()
    }
  })

  test('disabling the account closes its streams at once', async () => {
    const w = await newGridWorker(t, cadre)
    const worker = w.client
    const stream = await openStream(baseUrl, worker.cookie!)
    try {
      assert.equal((await cadre.post(`/api/v1/people/${w.personId}/disable`)).statusCode, 200)
      assert.equal(await stream.endsWithin(3_000), true)
    } finally {
      await stream.close()
    }
  })

  test('a session that expired gets no further delivery: the stream closes instead', async () => {
    const w = await newGridWorker(t, cadre)
    const worker = w.client
    const stream = await openStream(baseUrl, worker.cookie!)
    try {
      await t.query(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = ${sessionOf(worker)}`)
      const id = await reportCase(resident, '会话过期后的噪音')
      assert.equal(await stream.endsWithin(3_000), true)
      assert.ok(!stream.caseIds.includes(id), 'the expired session was not sent the case')
    } finally {
      await stream.close()
    }
  })

  test('an idle stream whose session expired is closed by the periodic check', async () => {
    const quick = await startTestApp({ LIVE_SESSION_CHECK_SEC: '1' })
    try {
      const url = await quick.app.listen({ port: 0, host: '127.0.0.1' })
      const member = await quick.as('member')
      const stream = await openStream(url, member.cookie!)
      try {
        assert.equal(await stream.endsWithin(1_500), false, 'a live session keeps its stream')
        await quick.query(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = ${sessionOf(member)}`)
        assert.equal(await stream.endsWithin(3_000), true)
      } finally {
        await stream.close()
      }
    } finally {
      await quick.close()
    }
  })
})

describe('TRUST_PROXY', () => {
  test('accepts 0, a hop count or a list of proxy addresses, and refuses the ambiguous "true"', () => {
    assert.equal(loadConfig({}).TRUST_PROXY, false)
    assert.equal(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY, false)
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY, 1)
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, 2)
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,::1' }).TRUST_PROXY, ['10.0.0.1', '172.16.0.0/12', '::1'])
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY, false)
    for (const bad of ['true', 'yes', '10.0.0.300', '10.0.0.0/33', '-1']) {
      assert.throws(() => loadConfig({ TRUST_PROXY: bad }), /TRUST_PROXY/, bad)
    }
  })

  test('with one trusted hop, a rotated X-Forwarded-For neither escapes the login throttle nor reaches the audit log', async () => {
    const hop = await startTestApp({ TRUST_PROXY: '1', LOGIN_IP_PER_MIN: '3' })
    try {
      const codes: number[] = []
      for (let i = 0; i < 5; i++) {
        // What a client forged, then the address the proxy saw and appended.
        const r = await hop.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-linli-csrf': '1', 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` }, payload: { username: 'grid', password: 'Wrong@2026x' } })
        codes.push(r.statusCode)
      }
      assert.deepEqual(codes, [401, 401, 401, 429, 429])
      const ips = await hop.query<{ ip: string }>(sql`SELECT ip FROM audit_log WHERE action = 'auth.login_failed'`)
      assert.deepEqual([...new Set(ips.map((r) => r.ip))], ['203.0.113.9'])
    } finally {
      await hop.close()
    }
  })

  test('with a list, only the listed proxies may speak for the client', async () => {
    const listed = await startTestApp({ TRUST_PROXY: '127.0.0.1', LOGIN_IP_PER_MIN: '1000' })
    try {
      const attempt = (remoteAddress: string) => listed.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers: { 'x-linli-csrf': '1', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }, payload: { username: 'street', password: 'Wrong@2026x' } })
      assert.equal((await attempt('127.0.0.1')).statusCode, 401)
      assert.equal((await attempt('198.51.100.50')).statusCode, 401)
      const ips = await listed.query<{ ip: string }>(sql`SELECT ip FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id`)
      assert.deepEqual(ips.map((r) => r.ip), ['203.0.113.7', '198.51.100.50'])
    } finally {
      await listed.close()
    }
  })
})

describe('security headers', () => {
  test('API answers carry a CSP, frame, referrer and sniffing protection, and no HSTS over plain HTTP', async () => {
    const res = await t.anonymous.get('/api/v1/health', { 'x-forwarded-proto': 'https' })
    assert.equal(res.statusCode, 200)
    const csp = String(res.headers['content-security-policy'])
    assert.match(csp, /default-src 'self'/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.match(csp, /worker-src 'self' blob:/)
    assert.match(csp, /object-src 'none'/)
    assert.doesNotMatch(csp, /script-src[^;]*unsafe/, 'no inline or eval scripts')
    assert.equal(res.headers['x-frame-options'], 'DENY')
    assert.equal(res.headers['x-content-type-options'], 'nosniff')
    assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin')
    assert.equal(res.headers['strict-transport-security'], undefined, 'an untrusted X-Forwarded-Proto does not make it HTTPS')
    const failed = await t.anonymous.get('/api/v1/no-such-route')
    assert.equal(failed.statusCode, 404)
    assert.equal(failed.headers['x-content-type-options'], 'nosniff', 'error answers too')
  })

  test('the API docs page is served under the same policy', async () => {
    const page = await t.anonymous.get('/api/docs')
    assert.equal(page.statusCode, 200)
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/)
    assert.doesNotMatch(page.body, /<script>(?!\s*<\/script>)/, 'the page has no inline script the policy would block')
  })

  test('behind a trusted HTTPS proxy HSTS is sent, and the map tile hosts are allowed', async () => {
    const proxied = await startTestApp({ TRUST_PROXY: '127.0.0.1', MAP_TILES: 'amap' })
    try {
      const https = await proxied.anonymous.get('/api/v1/health', { 'x-forwarded-proto': 'https' })
      assert.match(String(https.headers['strict-transport-security']), /^max-age=\d{7,}; includeSubDomains$/)
      const plain = await proxied.anonymous.get('/api/v1/health')
      assert.equal(plain.headers['strict-transport-security'], undefined)
      const csp = String(https.headers['content-security-policy'])
      assert.match(csp, /img-src [^;]*https:\/\/webrd01\.is\.autonavi\.com/)
      assert.match(csp, /connect-src [^;]*https:\/\/webrd04\.is\.autonavi\.com/)
    } finally {
      await proxied.close()
    }
  })
})

describe('the public origin', () => {
  const orgWrite = (app: TestApp, cookie: string, origin: string, host: string) =>
    app.app.inject({ method: 'PATCH', url: `/api/v1/orgs/${app.fixtures.gridId}`, headers: { cookie, origin, host }, payload: { name: '来源校验网格' } })

  test('with PUBLIC_URL set, a write must come from it, whatever Host the request names', async () => {
    const pub = await startTestApp({ PUBLIC_URL: 'https://linli.example.cn' })
    try {
      const c = await pub.as('cadre')
      const forged = await orgWrite(pub, c.cookie!, 'http://evil.example', 'evil.example')
      assert.equal(forged.statusCode, 403)
      assert.equal(forged.json().error.code, 'CSRF_REJECTED')
      const [grid] = await pub.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${pub.fixtures.gridId}`)
      assert.notEqual(grid!.name, '来源校验网格', 'nothing was written')
      assert.equal((await orgWrite(pub, c.cookie!, 'https://linli.example.cn', '10.0.0.5:3000')).statusCode, 200)
    } finally {
      await pub.close()
    }
  })

  test('with ALLOWED_HOSTS set, a Host outside the list is not a same origin', async () => {
    const hosts = await startTestApp({ ALLOWED_HOSTS: 'linli.example,linli.example:8080' })
    try {
      const c = await hosts.as('cadre')
      assert.equal((await orgWrite(hosts, c.cookie!, 'http://evil.example', 'evil.example')).statusCode, 403)
      assert.equal((await orgWrite(hosts, c.cookie!, 'http://linli.example:8080', 'linli.example:8080')).statusCode, 200)
    } finally {
      await hosts.close()
    }
  })

  test('publicOrigin() is PUBLIC_URL, else a listed Host, else localhost', () => {
    const request = (host: string, protocol: 'http' | 'https' = 'http') => ({ host, protocol })
    const base = loadConfig({ PORT: '3100' })
    assert.equal(publicOrigin(request('evil.example'), loadConfig({ PUBLIC_URL: 'https://linli.example.cn' })), 'https://linli.example.cn')
    assert.equal(publicOrigin(request('linli.example', 'https'), loadConfig({ ALLOWED_HOSTS: 'linli.example' })), 'https://linli.example')
    assert.equal(publicOrigin(request('evil.example'), loadConfig({ ALLOWED_HOSTS: 'linli.example' })), 'http://localhost:3000')
    assert.equal(publicOrigin(request('evil.example'), base), 'http://localhost:3100')
  })
})
