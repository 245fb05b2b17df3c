import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { windowAt } from './screens.service.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code

test('the China-time window: month, year and today start at midnight in Beijing', () => {
  const w = windowAt(new Date('2026-03-31T17:30:00Z'))
  assert.equal(w.today, '2026-04-01')
  assert.equal(w.monthStart, '2026-04-01T00:00:00+08:00')
  assert.equal(w.yearStart, '2026-01-01T00:00:00+08:00')
  assert.equal(w.tomorrowStart, '2026-04-02T00:00:00+08:00')
})

test('a cadre makes a screen link for the community; the screen reads its live figures without a login, and nobody else’s', async () => {
  const community = await f.newCommunity()
  const grid = await f.newGrid(community)
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  await f.newCase(grid)
  await f.newCase(grid)
  const other = await f.newCommunity()
  await f.newCase(await f.newGrid(other))
  const made = await cadre.client.post('/api/v1/screens', { orgId: community.id, name: '党群服务中心一楼大厅' })
  assert.equal(made.statusCode, 201, made.body)
  const { token, path, id } = made.json()
  assert.equal(path, `/screen/${token}`)
  assert.equal(made.json().tokenHint, token.slice(-4))
  // Only the hash is stored.
  const [row] = await t.query<{ token_hash: string }>(sql`SELECT token_hash FROM screen_tokens WHERE id = ${id}`)
  assert.notEqual(row!.token_hash, token)
  const list = (await cadre.client.get(`/api/v1/screens?orgId=${community.id}`)).json().items
  assert.equal(list.length, 1)
  assert.equal(list[0].token, undefined)

  const feed = await t.anonymous.get(`/api/v1/screen-feed/${token}`)
  assert.equal(feed.statusCode, 200, feed.body)
  const body = feed.json()
  assert.equal(body.org.id, community.id)
  assert.equal(body.screen.name, '党群服务中心一楼大厅')
  assert.equal(body.cases.reported, 2, 'two cases this month in this community, not the other one')
  assert.equal(body.orders.orders, 0)
  assert.equal(body.volunteers.monthHours, 0)
  assert.equal(body.refreshSeconds, 60)
  // Notices: those to every resident of the community (or of the street above it) show by title;
  // a notice to a list of people and one of another community do not.
  const notice = (orgId: string, title: string, audience: object) => t.query(sql`INSERT INTO broadcasts (org_id, author_id, title, body, audience, channels, state, sent_at)
    VALUES (${orgId}, ${cadre.id}, ${title}, '正文', ${JSON.stringify(audience)}::jsonb, ARRAY['in_app'], 'sent', now())`)
  await notice(community.id, '周六上午停水通知', { kind: 'residents', orgId: community.id })
  await notice(community.id, '请王大爷来社区领药', { kind: 'people', orgId: community.id, personIds: [cadre.id] })
  await notice(other.id, '外社区的通知', { kind: 'residents', orgId: other.id })
  const withNotices = (await t.anonymous.get(`/api/v1/screen-feed/${token}`)).json()
  assert.deepEqual(withNotices.notices.map((n: { title: string }) => n.title), ['周六上午停水通知'])
  assert.deepEqual(withNotices.resolutions, [])
  // No person: neither the reporters' names nor anyone's id.
  const people = await t.query<{ name: string }>(sql`SELECT name FROM people WHERE id IN (SELECT reporter_id FROM cases WHERE org_path <@ ${community.path}::ltree)`)
  for (const p of people) assert.ok(!feed.body.includes(p.name))
  // The feed takes no node: a parameter naming another is refused.
  assert.equal((await t.anonymous.get(`/api/v1/screen-feed/${token}?orgId=${other.id}`)).statusCode, 400)

  // Revoked, the screen goes dark.
  assert.equal((await cadre.client.post(`/api/v1/screens/${id}/revoke`)).json().revokedAt !== null, true)
  const dark = await t.anonymous.get(`/api/v1/screen-feed/${token}`)
  assert.equal(dark.statusCode, 404)
  assert.equal(codeOf(dark), 'SCREEN_NOT_FOUND')
  assert.equal((await cadre.client.post(`/api/v1/screens/${id}/revoke`)).statusCode, 409)
})

test('the token grants nothing else: as a bearer token or a cookie it opens no route, and a made-up token opens no screen', async () => {
  const community = await f.newCommunity()
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const { token } = (await cadre.client.post('/api/v1/screens', { orgId: community.id, name: '社区服务大厅' })).json()
  const asBearer = t.withToken(token)
  for (const url of ['/api/v1/screens', '/api/v1/cases', `/api/v1/orgs/${community.id}`, '/api/v1/me', '/api/v1/library/practices', '/api/v1/family-bank/deposits/mine']) {
    const res = await asBearer.get(url)
    assert.equal(res.statusCode, 401, `${url} with the screen token as bearer → ${res.statusCode}`)
  }
  const asCookie = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { linli_session: token } })
  assert.equal(asCookie.statusCode, 401)
  assert.equal((await asBearer.post('/api/v1/screens', { orgId: community.id, name: '偷偷再做一个' })).statusCode, 401)
  assert.equal((await t.anonymous.get(`/api/v1/screen-feed/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).statusCode, 404)
  assert.equal((await t.anonymous.get('/api/v1/screen-feed/short')).statusCode, 404)
})

test('only cadres of the node make, list and revoke its links', async () => {
  const community = await f.newCommunity()
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const grid = await f.newPerson({ role: 'grid_worker', orgId: (await f.newGrid(community)).id })
  const resident = await f.newPerson({ role: 'resident', orgId: community.id })
  const outsider = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
  const { id } = (await cadre.client.post('/api/v1/screens', { orgId: community.id, name: '社区服务大厅' })).json()
  assert.equal((await resident.client.post('/api/v1/screens', { orgId: community.id, name: '居民自己做的屏' })).statusCode, 403)
  assert.equal((await grid.client.post('/api/v1/screens', { orgId: community.id, name: '网格员做的屏' })).statusCode, 403)
  assert.equal((await outsider.client.post('/api/v1/screens', { orgId: community.id, name: '外社区做的屏' })).statusCode, 404)
  assert.equal((await outsider.client.post(`/api/v1/screens/${id}/revoke`)).statusCode, 404)
  assert.equal((await resident.client.get('/api/v1/screens')).statusCode, 403)
  assert.deepEqual((await outsider.client.get('/api/v1/screens')).json().items, [])
})
