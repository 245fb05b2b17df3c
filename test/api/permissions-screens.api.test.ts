// The permission matrix of wall screens (issue 16): for every demo role, each request that names
// a screen link or a node outside the role's scope is refused (401/403/404) and writes nothing;
// inside the scope, cadres (community cadres and above) make, list and revoke the node's links.
// The feed needs no login but only a live token, and shows its node only.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const cadre: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'screen', string>

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM screen_tokens) || '/' || (SELECT count(*) FROM screen_tokens WHERE revoked_at IS NOT NULL) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  far.community = await org('community', '矩阵外的社区', await org('street', '矩阵外的街道', await org('city', '矩阵外的城市', null)))
  far.screen = await one(sql`INSERT INTO screen_tokens (org_id, name, token_hash, token_hint) VALUES (${far.community}, '矩阵外的屏', 'x', 'xxxx') RETURNING id::text`)
})
after(() => t.close())

test('screens: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('screens.revoke', () => c.post(`/api/v1/screens/${far.screen}/revoke`), [403, 404]),
      refused('screens.update', () => c.patch(`/api/v1/screens/${far.screen}`, { name: '改名的屏', indicatorCodes: ['cases.closed'] }), [403, 404]),
      refused('screens.create.orgId', () => c.post('/api/v1/screens', { orgId: far.community, name: '矩阵外的屏' }), [403, 404]),
      refused('screens.list.orgId', () => c.get(`/api/v1/screens?orgId=${far.community}`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    const made = await c.post('/api/v1/screens', { orgId: t.fixtures.communityId, name: `${r}做的屏` })
    assert.equal(made.statusCode, cadre[r] ? 201 : 403, `screens.create (own) as ${r}`)
    const list = await c.get('/api/v1/screens')
    if (!cadre[r]) assert.equal(list.statusCode, 403, `screens.list as ${r}`)
    else {
      assert.ok(!(list.json().items as { id: string }[]).some((s) => s.id === far.screen), `screens.list as ${r} shows a far screen`)
      assert.equal((await c.patch(`/api/v1/screens/${made.json().id}`, { indicatorCodes: ['cases.closed'] })).statusCode, 200, `screens.update (own) as ${r}`)
      assert.equal((await c.post(`/api/v1/screens/${made.json().id}/revoke`)).statusCode, 200)
      assert.equal((await t.anonymous.get(`/api/v1/screen-feed/${made.json().token}`)).statusCode, 404)
    }
  }
  assert.equal((await t.anonymous.get('/api/v1/screens')).statusCode, 401)
  assert.equal((await t.anonymous.patch(`/api/v1/screens/${far.screen}`, { name: '匿名改的屏' })).statusCode, 401)
  assert.equal((await t.anonymous.post('/api/v1/screens', { orgId: t.fixtures.communityId, name: '匿名做的屏' })).statusCode, 401)
})
