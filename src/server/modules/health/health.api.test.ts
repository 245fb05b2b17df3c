import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { dbKind, startTestApp, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

describe('health and the error shape', () => {
  test('health reports the database kind, version and newest migration', async () => {
    const res = await t.anonymous.get('/api/v1/health')
    assert.equal(res.statusCode, 200)
    const body = res.json()
    assert.equal(body.status, 'ok')
    assert.equal(body.db, dbKind)
    assert.match(body.version, /^\d+\.\d+\.\d+/)
    assert.match(body.migration, /^\d{4}_.+\.sql$/)
    assert.deepEqual(body.replicas, { configured: 0, serving: 0 }, 'no replica is configured in this app')
  })

  test('the replicas\' states are for the platform\'s admins only', async () => {
    const anonymous = await t.anonymous.get('/api/v1/health/replicas')
    assert.equal(anonymous.statusCode, 401)
    const street = await t.as('street')
    const refused = await street.get('/api/v1/health/replicas')
    assert.equal(refused.statusCode, 403)
    assert.equal(refused.json().error.code, 'FORBIDDEN')
    const admin = await t.as('admin')
    const res = await admin.get('/api/v1/health/replicas')
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), { maxLagMs: null, items: [] })
  })

  test('the OpenAPI document lists the contract routes and the docs UI is served', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json()
    assert.equal(doc.openapi.startsWith('3.'), true)
    for (const p of ['/api/v1/me', '/api/v1/orgs/{id}', '/api/v1/orgs/{id}/children.geojson', '/api/v1/geo/locate', '/api/v1/auth/tokens/{id}']) {
      assert.ok(doc.paths[p], `${p} is documented`)
    }
    const ui = await t.anonymous.get('/api/docs/')
    assert.equal(ui.statusCode, 200)
    assert.match(ui.body, /swagger/i)
  })

  test('an unknown route answers 404 in the error shape, in Chinese by default', async () => {
    const res = await t.anonymous.get('/api/v1/no-such-thing')
    assert.equal(res.statusCode, 404)
    assert.deepEqual(res.json(), { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', details: null, requestId: res.headers['x-request-id'] } })
  })

  test('Accept-Language: en gives the English message', async () => {
    const res = await t.anonymous.get('/api/v1/no-such-thing', { 'accept-language': 'en-US,en;q=0.9' })
    assert.equal(res.json().error.message, 'No such route')
  })

  test('malformed JSON answers 400 INVALID_JSON', async () => {
    const admin = await t.as('admin')
    const res = await admin.request({ method: 'POST', url: '/api/v1/orgs', headers: { 'content-type': 'application/json' }, payload: '{"kind":' })
    assert.equal(res.statusCode, 400)
    assert.equal(res.json().error.code, 'INVALID_JSON')
  })

  test('a body that is not JSON answers 415', async () => {
    const admin = await t.as('admin')
    const res = await admin.request({ method: 'POST', url: '/api/v1/orgs', headers: { 'content-type': 'text/xml' }, payload: '<org/>' })
    assert.equal(res.statusCode, 415)
    assert.equal(res.json().error.code, 'UNSUPPORTED_MEDIA_TYPE')
  })

  test('a body over the limit answers 413', async () => {
    const admin = await t.as('admin')
    const res = await admin.request({ method: 'POST', url: '/api/v1/orgs', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(t.config.BODY_LIMIT_BYTES + 10) }) })
    assert.equal(res.statusCode, 413)
    assert.equal(res.json().error.code, 'BODY_TOO_LARGE')
  })

  test('validation errors list each bad field with a Chinese message', async () => {
    const admin = await t.as('admin')
    const res = await admin.post('/api/v1/orgs', { parentId: 'abc', kind: 'planet', name: '' })
    assert.equal(res.statusCode, 400)
    const { error } = res.json()
    assert.equal(error.code, 'VALIDATION_FAILED')
    const paths = error.details.map((d: { path: string }) => d.path).sort()
    assert.deepEqual(paths, ['body.kind', 'body.name', 'body.parentId'])
    assert.ok(error.details.every((d: { message: string }) => /[\u4e00-\u9fff]/.test(d.message)))
  })
})

describe('client configuration', () => {
  test('without a configured base map the web app draws its own layers on a plain background', async () => {
    const res = await t.anonymous.get('/api/v1/client-config')
    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json().mapTiles, { provider: 'none', crs: 'wgs84', tiles: [], attribution: '' })
  })

  test('AMap tiles are declared in GCJ-02 and Tianditu needs a key', async () => {
    const { mapTilesOf } = await import('./health.routes.ts')
    assert.equal(mapTilesOf({ MAP_TILES: 'amap', MAP_TILES_KEY: undefined }).crs, 'gcj02')
    assert.match(mapTilesOf({ MAP_TILES: 'tianditu', MAP_TILES_KEY: 'k123' }).tiles[0]!, /tk=k123/)
    const { loadConfig, ConfigError } = await import('../../kernel/config.ts')
    assert.throws(() => loadConfig({ MAP_TILES: 'tianditu' }), ConfigError)
    assert.throws(() => loadConfig({ PORT: 'abc' }), /PORT/)
  })
})
