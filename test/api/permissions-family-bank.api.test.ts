// The permission matrix of 家风银行 (issue 16): for every demo role, each request that names a
// deposit, node or photo outside the role's scope is refused (401/403/404) and writes nothing;
// inside the scope, cadres (community cadres and above) moderate and staff (grid staff and above
// over the community) read the lists. The public page needs no login and names no person.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const moderates: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }
const hasScope: Record<RoleName, boolean> = { ...moderates, grid: true }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'person' | 'photo' | 'pending' | 'published', string>
let serial = 0

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const motto = (over: Record<string, unknown> = {}) => ({ kind: 'motto', body: `勤俭持家，耕读传家${++serial}`, orgId: t.fixtures.communityId, ...over })
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM family_deposits) || '/' ||
  (SELECT count(*) FROM family_deposits WHERE updated_at > created_at) || '/' || (SELECT string_agg(state, ',' ORDER BY id) FROM family_deposits) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  far.community = await org('community', '矩阵外的社区', await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root)))
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  const deposit = (state: string) => one(sql`INSERT INTO family_deposits (org_id, kind, state, depositor_id, family_label, body, published_at)
    VALUES (${far.community}, 'motto', ${state}, ${far.person}, '矩家', ${`矩阵外的家训${state}`}, ${state === 'published' ? sql`now()` : null}) RETURNING id::text`)
  far.pending = await deposit('pending')
  far.published = await deposit('published')
})
after(() => t.close())

test('family bank: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('family-bank.read', () => c.get(`/api/v1/family-bank/deposits/${far.pending}`), [404]),
      refused('family-bank.approve', () => c.post(`/api/v1/family-bank/deposits/${far.pending}/approve`, {}), [403, 404]),
      refused('family-bank.reject', () => c.post(`/api/v1/family-bank/deposits/${far.pending}/reject`, { reason: '矩阵外' }), [403, 404]),
      refused('family-bank.withdraw', () => c.post(`/api/v1/family-bank/deposits/${far.published}/withdraw`, {}), [403, 404]),
      refused('family-bank.withdraw.pending', () => c.post(`/api/v1/family-bank/deposits/${far.pending}/withdraw`, {}), [403, 404]),
      refused('family-bank.create.orgId', () => c.post('/api/v1/family-bank/deposits', motto({ orgId: far.community })), [403, 404]),
      refused('family-bank.create.photoIds', () => c.post('/api/v1/family-bank/deposits', motto({ photoIds: [far.photo] })), [403, 404]),
      refused('family-bank.list.orgId', () => c.get(`/api/v1/family-bank/deposits?orgId=${far.community}`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Inside: everyone related to the community deposits; cadres and above moderate; staff list.
    const pending = await as.resident.post('/api/v1/family-bank/deposits', motto())
    assert.equal(pending.statusCode, 201, pending.body)
    const approved = await c.post(`/api/v1/family-bank/deposits/${pending.json().id}/approve`, {})
    if (moderates[r]) assert.equal(approved.statusCode, 200, `family-bank.approve (own) as ${r}: ${approved.body}`)
    else assert.ok([403, 404].includes(approved.statusCode), `family-bank.approve (own) as ${r}: ${approved.statusCode}`)
    const list = await c.get(`/api/v1/family-bank/deposits?orgId=${t.fixtures.communityId}`)
    assert.equal(list.statusCode, moderates[r] ? 200 : 403, `family-bank.list (own) as ${r}`)
    assert.equal((await c.post('/api/v1/family-bank/deposits', motto())).statusCode, 201, `family-bank.create (own) as ${r}`)
  }
  // The public page needs no login; every write does.
  assert.equal((await t.anonymous.get(`/api/v1/family-bank/deposits/${far.published}`)).statusCode, 200)
  assert.equal((await t.anonymous.get(`/api/v1/family-bank/deposits/${far.pending}`)).statusCode, 404)
  const page = await t.anonymous.get(`/api/v1/family-bank/public?orgId=${far.community}`)
  assert.equal(page.json().total, 1)
  assert.ok(!page.body.includes('矩阵外的居民'))
  assert.equal((await t.anonymous.post('/api/v1/family-bank/deposits', motto())).statusCode, 401)
  assert.equal((await t.anonymous.get('/api/v1/family-bank/deposits')).statusCode, 401)
  assert.equal((await t.anonymous.get('/api/v1/family-bank/deposits/mine')).statusCode, 401)
})

test('derived views: my deposits, the staff lists and the public page show only what the reader may read', async () => {
  for (const r of ROLES) {
    const mine = (await as[r].get('/api/v1/family-bank/deposits/mine?limit=200')).json().items as { depositor: { id: string } }[]
    assert.ok(mine.every((d) => d.depositor.id === t.fixtures.personIds[r]), `mine as ${r}`)
    const managed = await as[r].get('/api/v1/family-bank/deposits?limit=200')
    if (!hasScope[r]) assert.equal(managed.statusCode, 403, `list as ${r}`)
    else assert.ok(!(managed.json().items as { id: string }[]).some((d) => [far.pending, far.published].includes(d.id)), `list as ${r} shows a far deposit`)
  }
  const pub = (await t.anonymous.get(`/api/v1/family-bank/public?orgId=${t.fixtures.communityId}&limit=200`)).json().items as Record<string, unknown>[]
  assert.ok(pub.length > 0)
  for (const d of pub) assert.deepEqual(Object.keys(d).sort(), ['body', 'community', 'familyLabel', 'id', 'kind', 'photos', 'publishedAt', 'title'])
})
