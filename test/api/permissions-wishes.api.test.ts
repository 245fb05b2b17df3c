// The permission matrix of wishes (issue 15): for every demo role, each request that names a wish,
// node, person, unit or photo outside the role's scope is refused (401/403/404) and writes
// nothing; inside the scope, cadres (community cadres and above) moderate and staff (grid staff and
// above on the community or a node above it) read the lists and figures. The wall is public and anonymised; derived views (the wall,
// my wishes, the wishes I claimed, the staff's lists) show only what their reader may read.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const moderates: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }
/** Staff over the demo community (its grid worker works below it, so reads none of its wishes). */
const staff: Record<RoleName, boolean> = { ...moderates }
/** Holds a staff role somewhere: the manage view answers (with what lies under that role). */
const hasScope: Record<RoleName, boolean> = { ...moderates, grid: true }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'person' | 'unit' | 'photo' | 'pending' | 'open' | 'claimed' | 'fulfilled', string>
let demoOpen: string
let serial = 0

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const body = (over: Record<string, unknown> = {}) => ({ beneficiary: 'child', category: 'study', title: `矩阵心愿${++serial}号`, valueYuan: 50, ...over })
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM wishes) || '/' || (SELECT count(*) FROM wish_events) || '/' ||
  (SELECT count(*) FROM wishes WHERE updated_at > created_at) || '/' || (SELECT string_agg(state, ',' ORDER BY id) FROM wishes) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'merchant', ${street}) RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  const wish = (state: string, claimant: string | null = null) => one(sql`INSERT INTO wishes (org_id, state, wisher_id, posted_by, beneficiary, category, title, value_yuan, expires_on, claimant_person_id)
    VALUES (${far.community}, ${state}, ${far.person}, ${far.person}, 'child', 'study', ${`矩阵外的心愿${state}`}, 80, '2099-01-01', ${claimant}) RETURNING id::text`)
  far.pending = await wish('pending')
  far.open = await wish('open')
  far.claimed = await wish('claimed', far.person)
  far.fulfilled = await wish('fulfilled', far.person)
  const posted = await as.resident.post('/api/v1/wishes', body())
  assert.equal(posted.statusCode, 201, posted.body)
  demoOpen = posted.json().id
  assert.equal((await as.cadre.post(`/api/v1/wishes/${demoOpen}/approve`, {})).statusCode, 200)
})
after(() => t.close())

test('wishes: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('wishes.read', () => c.get(`/api/v1/wishes/${far.pending}`), [404]),
      refused('wishes.approve', () => c.post(`/api/v1/wishes/${far.pending}/approve`, {}), [403, 404]),
      refused('wishes.reject', () => c.post(`/api/v1/wishes/${far.pending}/reject`, { reason: '矩阵外' }), [403, 404]),
      refused('wishes.cancel', () => c.post(`/api/v1/wishes/${far.open}/cancel`, {}), [403, 404]),
      refused('wishes.cancel.pending', () => c.post(`/api/v1/wishes/${far.pending}/cancel`, {}), [403, 404]),
      refused('wishes.release', () => c.post(`/api/v1/wishes/${far.claimed}/release`, {}), [403, 404]),
      refused('wishes.fulfil', () => c.post(`/api/v1/wishes/${far.claimed}/fulfil`, { photoIds: [far.photo] }), [403, 404]),
      refused('wishes.thank', () => c.post(`/api/v1/wishes/${far.fulfilled}/thank`, { thanks: '矩阵外的感谢' }), [403, 404]),
      refused('wishes.claim.unitId', () => c.post(`/api/v1/wishes/${demoOpen}/claim`, { unitId: far.unit }), [403, 404]),
      refused('wishes.create.orgId', () => c.post('/api/v1/wishes', body({ orgId: far.community })), [403, 404]),
      refused('wishes.create.wisherId', () => c.post('/api/v1/wishes', body({ wisherId: far.person, orgId: t.fixtures.communityId })), [403, 404]),
      refused('wishes.create.photoIds', () => c.post('/api/v1/wishes', body({ orgId: t.fixtures.communityId, photoIds: [far.photo] })), [403, 404]),
      refused('wishes.list.orgId', () => c.get(`/api/v1/wishes?view=manage&orgId=${far.community}`), [403, 404]),
      refused('wishes.queue.orgId', () => c.get(`/api/v1/wishes?state=pending&orgId=${far.community}`), [403, 404]),
      refused('wishes.figures.orgId', () => c.get(`/api/v1/wishes/figures?orgId=${far.community}`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // In the demo community: cadres and above moderate, staff read the lists and figures.
    const pending = (await as.resident.post('/api/v1/wishes', body())).json().id
    const approved = await c.post(`/api/v1/wishes/${pending}/approve`, {})
    if (moderates[r]) assert.equal(approved.statusCode, 200, `wishes.approve (own) as ${r}: ${approved.body}`)
    else assert.ok([403, 404].includes(approved.statusCode), `wishes.approve (own) as ${r}: ${approved.statusCode}`)
    const list = await c.get(`/api/v1/wishes?view=manage&orgId=${t.fixtures.communityId}`)
    assert.equal(list.statusCode, staff[r] ? 200 : 403, `wishes.list (own) as ${r}`)
    const figures = await c.get(`/api/v1/wishes/figures?orgId=${t.fixtures.communityId}`)
    assert.equal(figures.statusCode, staff[r] ? 200 : 403, `wishes.figures (own) as ${r}`)
    const forOther = await c.post('/api/v1/wishes', body({ wisherId: t.fixtures.personIds[r === 'resident' ? 'member' : 'resident'], orgId: t.fixtures.communityId }))
    if (moderates[r]) assert.equal(forOther.statusCode, 201, `wishes.create (for a resident) as ${r}: ${forOther.body}`)
    else assert.ok([403, 404].includes(forOther.statusCode), `wishes.create (for a resident) as ${r}: ${forOther.statusCode}`)
  }
  // The wall and the public record need no login; every write does.
  assert.equal((await t.anonymous.get(`/api/v1/wishes/${far.open}`)).statusCode, 200)
  assert.equal((await t.anonymous.get(`/api/v1/wishes?orgId=${far.community}`)).json().total, 3)
  assert.equal((await t.anonymous.post(`/api/v1/wishes/${demoOpen}/claim`, {})).statusCode, 401)
  assert.equal((await t.anonymous.post('/api/v1/wishes', body())).statusCode, 401)
  assert.equal((await t.anonymous.get('/api/v1/wishes?state=pending')).statusCode, 401)
  assert.equal((await t.anonymous.get('/api/v1/wishes/figures')).statusCode, 401)
})

test('derived views: the wall, my wishes, my claims and the staff lists show only what the reader may read', async () => {
  const wall = (await t.anonymous.get('/api/v1/wishes?limit=200')).json().items as { id: string; view: string; state: string }[]
  assert.ok(wall.every((w) => w.view === 'public' && ['open', 'claimed', 'fulfilled'].includes(w.state)))
  assert.ok(!wall.some((w) => w.id === far.pending))
  assert.ok(!JSON.stringify(wall).includes('矩阵外的居民'))
  for (const r of ROLES) {
    const mine = (await as[r].get('/api/v1/wishes?mine=true&limit=200')).json().items as { wisher: { id: string } }[]
    assert.ok(mine.every((w) => w.wisher.id === t.fixtures.personIds[r]), `mine as ${r}`)
    const claimed = (await as[r].get('/api/v1/wishes?view=claimed&limit=200')).json().items as { claimant: { id: string } | null; claimantUnit: unknown }[]
    assert.ok(claimed.every((w) => w.claimant?.id === t.fixtures.personIds[r] || w.claimantUnit !== null), `claimed as ${r}`)
    const managed = await as[r].get('/api/v1/wishes?view=manage&limit=200')
    if (!hasScope[r]) assert.equal(managed.statusCode, 403, `manage as ${r}`)
    else assert.ok(!(managed.json().items as { id: string }[]).some((w) => [far.pending, far.open, far.claimed, far.fulfilled].includes(w.id)), `manage as ${r} shows a far wish`)
    const queue = await as[r].get('/api/v1/wishes?state=pending&limit=200')
    if (hasScope[r]) assert.ok(!(queue.json().items as { id: string }[]).some((w) => w.id === far.pending), `queue as ${r}`)
    else assert.equal(queue.statusCode, 403, `queue as ${r}`)
  }
})
