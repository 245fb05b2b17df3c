// The permission matrix of broadcasts (issue 16): for every demo role, each request that names a
// notice, a receipt, a node, a team or a person outside the role's scope is refused (401/403/404)
// and writes nothing; derived views (the list, the receipt table, figures, "mine") show nothing
// from outside. Inside the demo community the staff send and follow up, the others are refused.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { noticeBody } from '../support/broadcasts.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const sends: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'team' | 'person' | 'broadcast' | 'receipt', string>

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM broadcasts) || '/' || (SELECT count(*) FROM broadcast_receipts) || '/' ||
  (SELECT count(*) FROM broadcasts WHERE updated_at > created_at) || '/' || (SELECT count(*) FROM broadcast_receipts WHERE stage > 0 OR call_ticked_at IS NOT NULL OR reminded_at IS NOT NULL OR handed_to IS NOT NULL) || '/' ||
  (SELECT count(*) FROM notifications) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street)
  const building = await org('building', '矩阵外的楼', await org('grid', '矩阵外的网格', far.community))
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  await t.query(sql`INSERT INTO residents (person_id, org_id) VALUES (${far.person}, ${building})`)
  const author = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的干部') RETURNING id::text`)
  far.team = await one(sql`INSERT INTO volunteer_teams (org_id, name, function) VALUES (${far.community}, '矩阵外的队', 'other') RETURNING id::text`)
  far.broadcast = await one(sql`INSERT INTO broadcasts (org_id, author_id, title, body, audience, channels, ack_required, ack_options, state, sent_at, recipients)
    VALUES (${far.community}, ${author}, '矩阵外的通知', '正文', ${JSON.stringify({ kind: 'residents', orgId: far.community, label: '矩阵外' })}::jsonb, '{call}', true, '{收到}', 'sent', now(), 1) RETURNING id::text`)
  far.receipt = await one(sql`INSERT INTO broadcast_receipts (broadcast_id, person_id, org_id, channel) VALUES (${far.broadcast}, ${far.person}, ${building}, 'call') RETURNING id::text`)
})
after(() => t.close())

test('broadcasts: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const rows = [
      refused('broadcasts.create.orgId', () => c.post('/api/v1/broadcasts', noticeBody(far.community)), [403, 404]),
      refused('broadcasts.create.teamId', () => c.post('/api/v1/broadcasts', noticeBody(far.community, { audience: { kind: 'team', teamId: far.team } })), [403, 404]),
      refused('broadcasts.create.personIds', () => c.post('/api/v1/broadcasts', noticeBody(far.community, { audience: { kind: 'people', orgId: t.fixtures.communityId, personIds: [far.person] } })), [403, 404]),
      refused('broadcasts.read', () => c.get(`/api/v1/broadcasts/${far.broadcast}`), [404]),
      refused('broadcasts.receipts', () => c.get(`/api/v1/broadcasts/${far.broadcast}/receipts`), [404]),
      refused('broadcasts.figures', () => c.get(`/api/v1/broadcasts/${far.broadcast}/figures`), [404]),
      refused('broadcasts.send', () => c.post(`/api/v1/broadcasts/${far.broadcast}/send`, {}), [404]),
      refused('broadcasts.withdraw', () => c.post(`/api/v1/broadcasts/${far.broadcast}/withdraw`, {}), [404]),
      refused('broadcasts.remind', () => c.post(`/api/v1/broadcasts/${far.broadcast}/remind`, {}), [404]),
      refused('broadcasts.handover', () => c.post(`/api/v1/broadcasts/${far.broadcast}/handover`, {}), [404]),
      refused('broadcasts.tick', () => c.post(`/api/v1/broadcasts/${far.broadcast}/receipts/${far.receipt}/tick`, { outcome: 'reached' }), [404]),
      refused('broadcasts.phone', () => c.post(`/api/v1/broadcasts/${far.broadcast}/receipts/${far.receipt}/phone`, {}), [404]),
      refused('broadcasts.open', () => c.post(`/api/v1/broadcasts/${far.broadcast}/open`, {}), [404]),
      refused('broadcasts.ack', () => c.post(`/api/v1/broadcasts/${far.broadcast}/ack`, {}), [404]),
      refused('broadcasts.list.orgId', () => c.get(`/api/v1/broadcasts?orgId=${far.community}`), [403, 404]),
      refused('broadcasts.figures.orgId', () => c.get(`/api/v1/broadcasts/figures?orgId=${far.community}&from=2026-01-01&to=2026-12-31`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Derived views show nothing from outside.
    const list = await c.get('/api/v1/broadcasts')
    assert.equal(list.statusCode, 200)
    assert.equal(list.json().items.some((b: { id: string }) => b.id === far.broadcast), false, `list as ${r}`)
    assert.equal((await c.get('/api/v1/broadcasts/mine')).json().items.some((b: { id: string }) => b.id === far.broadcast), false)
    // The compose form's team picker (broadcasts.teams) lists no team outside the role's staff scope.
    const teams = await c.get(`/api/v1/broadcasts/teams?q=${encodeURIComponent('矩阵外')}`)
    assert.equal(teams.statusCode, 200, `broadcasts.teams as ${r}`)
    assert.deepEqual(teams.json().items, [], `broadcasts.teams as ${r}`)
    // Inside the demo community: its staff over it send (the grid worker is staff of one grid only).
    const own = await c.post('/api/v1/broadcasts', noticeBody(t.fixtures.communityId, { channels: ['call'], draft: true }))
    if (sends[r]) assert.equal(own.statusCode, 201, `create (own) as ${r}: ${own.body.slice(0, 200)}`)
    else assert.ok([403, 404].includes(own.statusCode), `create (own) as ${r}: ${own.statusCode}`)
    if (own.statusCode === 201) {
      const receipts = await c.get(`/api/v1/broadcasts/${own.json().id}/receipts?orgId=${far.community}`)
      assert.ok([403, 404].includes(receipts.statusCode), `broadcasts.receipts.orgId as ${r}: ${receipts.statusCode}`)
    }
  }
  // The grid worker sends to their own grid.
  const grid = await as.grid.post('/api/v1/broadcasts', noticeBody(t.fixtures.gridId, { channels: ['call'], draft: true }))
  assert.equal(grid.statusCode, 201, grid.body)
})

test('broadcasts.receipts.orgId: a node outside the reader\'s scope is refused in the receipt table\'s filter', async () => {
  const own = await as.cadre.post('/api/v1/broadcasts', noticeBody(t.fixtures.communityId, { channels: ['call'], draft: true }))
  const row = { family: 'broadcasts.receipts.orgId', send: () => as.cadre.get(`/api/v1/broadcasts/${own.json().id}/receipts?orgId=${far.community}`) }
  const res = await row.send()
  assert.ok([403, 404].includes(res.statusCode), `${row.family}: ${res.statusCode}`)
  assert.equal((await as.cadre.get(`/api/v1/broadcasts/${own.json().id}/receipts?orgId=${t.fixtures.gridId}`)).statusCode, 200)
})
