// The error answer (issue 12, section 6): every error carries its request id (body and
// header), field complaints follow Accept-Language, a record named in a body that does not
// exist answers 404, and a write without a caller answers 401 before its body is validated.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { messages } from './messages.ts'
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts'

let t: TestApp
let resident: Client
let inGrid: { lng: number; lat: number }

before(async () => {
  t = await startTestApp()
  resident = await t.as('resident')
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${t.fixtures.gridId}`)
  inGrid = p!
})
after(() => t.close())

function assertRequestId(res: LightMyRequestResponse): string {
  const id = res.json().error.requestId as unknown
  assert.equal(typeof id, 'string', res.body)
  assert.ok((id as string).length > 0)
  assert.equal(res.headers['x-request-id'], id)
  return id as string
}

test('every module owns its codes once, and the kernel merges them all', () => {
  const modulesDir = path.resolve(import.meta.dirname, '../modules')
  const seen = new Map<string, string>()
  const files = readdirSync(modulesDir).map((m) => path.join(modulesDir, m, `${m}.messages.ts`)).filter((f) => { try { readFileSync(f); return true } catch { return false } })
  files.push(path.join(import.meta.dirname, 'messages.ts'))
  for (const file of files) {
    const head = readFileSync(file, 'utf8').split('export const detailMessages')[0]!.split(/Details = \{/)[0]!
    for (const [, code] of head.matchAll(/^ {2}([A-Z][A-Z0-9_]+): \{/gm)) {
      assert.ok(!seen.has(code!), `${code} is defined in ${seen.get(code!)} and ${file}`)
      seen.set(code!, file)
    }
  }
  assert.equal(seen.size, Object.keys(messages).length)
})

test('errors carry the request id in the body and the x-request-id header', async () => {
  const unknownRoute = await resident.get('/api/v1/no-such-route')
  assert.equal(unknownRoute.statusCode, 404)
  assert.equal(unknownRoute.json().error.code, 'ROUTE_NOT_FOUND')
  assertRequestId(unknownRoute)

  const invalid = await resident.post('/api/v1/cases', { categoryCode: 'facility.road', description: '', location: inGrid })
  assert.equal(invalid.statusCode, 400)
  assertRequestId(invalid)

  // A caller's own id is kept, so a log line can be found from either side.
  const given = await resident.request({ method: 'GET', url: '/api/v1/no-such-route', headers: { 'x-request-id': 'client-abc-123' } })
  assert.equal(assertRequestId(given), 'client-abc-123')

  // Rate limits answer in the same shape: /auth/sms-codes allows 10 a minute.
  let limited: LightMyRequestResponse | undefined
  for (let i = 0; i < 12 && !limited; i++) {
    const res = await t.anonymous.post('/api/v1/auth/sms-codes', {})
    if (res.statusCode === 429) limited = res
  }
  assert.ok(limited, 'the 11th request is limited')
  assert.equal(limited.json().error.code, 'TOO_MANY_REQUESTS')
  assertRequestId(limited)

  // Open311 answers in the spec's own shape, with the header still.
  const open311 = await t.anonymous.get('/open311/v2/requests/999999999.json')
  assert.ok(open311.statusCode >= 400, open311.body)
  assert.ok(typeof open311.headers['x-request-id'] === 'string' && open311.headers['x-request-id'].length > 0)
})

test('field complaints follow Accept-Language; Chinese by default', async () => {
  const body = { categoryCode: 'nope.none', description: '语言测试', location: inGrid }
  const zh = await resident.post('/api/v1/cases', body)
  // A record named in a body that does not exist answers 404, as one named in the path.
  assert.equal(zh.statusCode, 404, zh.body)
  assert.equal(zh.json().error.code, 'CATEGORY_NOT_FOUND')
  assert.deepEqual(zh.json().error.details, [{ path: 'categoryCode', message: '问题类别不存在或已停用' }])
  const en = await resident.post('/api/v1/cases', body, { 'accept-language': 'en-GB,en;q=0.9' })
  assert.equal(en.statusCode, 404)
  assert.deepEqual(en.json().error.details, [{ path: 'categoryCode', message: 'No such category, or it is switched off' }])
  assert.ok(!/[\u4e00-\u9fff]/.test(en.json().error.message), en.body)

  const outside = await resident.post('/api/v1/cases', { ...body, categoryCode: 'facility.road', location: { lng: 100, lat: 30 } }, { 'accept-language': 'en' })
  assert.equal(outside.statusCode, 422)
  assert.deepEqual(outside.json().error.details, [{ path: 'location', message: 'This location is not inside any grid' }])

  // Schema validation too: English generic words, never the schema's Chinese.
  const invalid = await resident.post('/api/v1/cases', { ...body, description: '' }, { 'accept-language': 'en' })
  assert.equal(invalid.statusCode, 400)
  for (const d of invalid.json().error.details as { message: string }[]) assert.ok(!/[\u4e00-\u9fff]/.test(d.message), invalid.body)
})

test('a write without a caller answers 401 before its body is validated; public writes still validate', async () => {
  for (const [url, payload] of [['/api/v1/visits', {}], ['/api/v1/residents', { nonsense: true }], ['/api/v1/follows', 'not json']] as const) {
    const res = await t.anonymous.request({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } })
    assert.equal(res.statusCode, 401, `${url}: ${res.body}`)
    assert.equal(res.json().error.code, 'UNAUTHENTICATED')
    assertRequestId(res)
  }
  // A stale cookie is told its session expired, still before validation.
  const stale = await t.anonymous.request({ method: 'POST', url: '/api/v1/visits', payload: {}, headers: { cookie: 'linli_session=no-such-session-token-0123456789' } })
  assert.equal(stale.statusCode, 401)

  for (const url of ['/api/v1/auth/login', '/api/v1/auth/register', '/api/v1/cases']) {
    const res = await t.anonymous.post(url, { nonsense: true })
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`)
    assert.equal(res.json().error.code, 'VALIDATION_FAILED')
  }
  // Logout without a session stays a harmless 204.
  assert.equal((await t.anonymous.post('/api/v1/auth/logout')).statusCode, 204)
})
