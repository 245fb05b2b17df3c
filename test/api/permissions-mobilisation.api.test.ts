// The permission matrix of mobilisation (emergencies, branches, teams, zones, posts, shifts,
// sign-ups, hazards, boards, rosters, reports) and building leaders' cards (issue 17): for every
// demo role, each request that names an emergency, post, shift, sign-up, node, person, unit or
// photo outside the role's scope is refused (401/403/404, or 422 where a field is checked after its
// record loads) and writes nothing; lists and boards show nothing of what the reader may not read.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'street' | 'community' | 'building' | 'person' | 'unit' | 'photo' | 'emergency' | 'post' | 'shift' | 'signup' | 'zone' | 'team' | 'branch', string>
let own: { emergency: string; post: string; shift: string }

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const square = { type: 'Polygon', coordinates: [[[100, 30], [100.01, 30], [100.01, 30.01], [100, 30.01], [100, 30]]] }
const soon = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM emergencies) || '/' || (SELECT count(*) FROM emergency_branches) || '/' ||
  (SELECT count(*) FROM emergency_teams) || '/' || (SELECT count(*) FROM emergency_zones) || '/' || (SELECT count(*) FROM emergency_posts) || '/' ||
  (SELECT count(*) FROM emergency_shifts) || '/' || (SELECT count(*) FROM shift_signups WHERE cancelled_at IS NULL AND checked_in_at IS NULL) || '/' ||
  (SELECT count(*) FROM emergency_hazards) || '/' || (SELECT count(*) FROM emergency_commendations) || '/' || (SELECT count(*) FROM emergencies WHERE ended_at IS NOT NULL) || '/' ||
  (SELECT count(*) FROM building_leader_cards) || '/' || (SELECT count(*) FROM cases) AS n`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null, geom = sql`NULL`) => one(sql`INSERT INTO orgs (kind, name, parent_id, geometry) VALUES (${kind}, ${name}, ${parent}, ${geom}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  far.street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', far.street)
  far.building = await org('building', '矩阵外的楼', far.community, sql`ST_SetSRID(ST_MakePoint(100, 30), 4326)`)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的楼栋长') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${far.person}, 'building_leader', ${far.building}, DATE '2026-01-01')`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'merchant', ${far.street}) RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  far.emergency = await one(sql`INSERT INTO emergencies (org_id, kind, name, tag, declared_by) VALUES (${far.street}, 'flood', '矩阵外的汛情', '防汛', ${far.person}) RETURNING id::text`)
  far.team = await one(sql`INSERT INTO emergency_teams (emergency_id, name, leader_id) VALUES (${far.emergency}, '矩阵外突击队', ${far.person}) RETURNING id::text`)
  far.branch = await one(sql`INSERT INTO emergency_branches (emergency_id, name, secretary_id) VALUES (${far.emergency}, '矩阵外临时支部', ${far.person}) RETURNING id::text`)
  far.zone = await one(sql`INSERT INTO emergency_zones (emergency_id, name, area, person_id) VALUES (${far.emergency}, '矩阵外责任区', ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(square)}), 4326), ${far.person}) RETURNING id::text`)
  far.post = await one(sql`INSERT INTO emergency_posts (emergency_id, name, kind, location) VALUES (${far.emergency}, '矩阵外卡口', 'checkpoint', ST_SetSRID(ST_MakePoint(100, 30), 4326)) RETURNING id::text`)
  far.shift = await one(sql`INSERT INTO emergency_shifts (post_id, starts_at, ends_at, needed) VALUES (${far.post}, now() - interval '1 hour', now() + interval '5 hours', 3) RETURNING id::text`)
  far.signup = await one(sql`INSERT INTO shift_signups (shift_id, person_id, source) VALUES (${far.shift}, ${far.person}, 'self') RETURNING id::text`)
  // The demo street's own emergency, declared by its street admin.
  const e = await as.street.post('/api/v1/emergencies', { orgId: t.fixtures.streetId, kind: 'flood', name: '矩阵防汛' })
  assert.equal(e.statusCode, 201, e.body)
  const p = await as.street.post(`/api/v1/emergencies/${e.json().id}/posts`, { name: '矩阵堤段', kind: 'embankment', location: { lng: 115.8, lat: 28.6 }, shifts: [{ startsAt: soon(30), endsAt: soon(38), needed: 50 }] })
  assert.equal(p.statusCode, 201, p.body)
  own = { emergency: e.json().id, post: p.json().id, shift: p.json().shifts[0].id }
})
after(() => t.close())

test('mobilisation and building leaders: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const E = `/api/v1/emergencies/${far.emergency}`
    const O = `/api/v1/emergencies/${own.emergency}`
    const rows = [
      refused('emergencies.create', () => c.post('/api/v1/emergencies', { orgId: far.street, kind: 'flood', name: '越权防汛' }), [403, 404]),
      refused('emergencies.list.orgId', () => c.get(`/api/v1/emergencies?orgId=${far.street}`), [403, 404]),
      refused('emergencies.read', () => c.get(E), [404]),
      refused('emergencies.board', () => c.get(`${E}/board`), [404]),
      refused('emergencies.roster', () => c.get(`${E}/roster?date=2026-12-06`), [404]),
      refused('emergencies.report', () => c.get(`${E}/report`), [404]),
      refused('emergencies.branches', () => c.get(`${E}/branches`), [404]),
      refused('emergencies.teams', () => c.get(`${E}/teams`), [404]),
      refused('emergencies.zones', () => c.get(`${E}/zones`), [404]),
      refused('emergencies.posts', () => c.get(`${E}/posts`), [404]),
      refused('emergencies.hazards', () => c.get(`${E}/hazards`), [404]),
      refused('branches.create', () => c.post(`${E}/branches`, { name: '越权支部', secretaryId: far.person }), [403, 404]),
      refused('branches.create.secretaryId', () => c.post(`${O}/branches`, { name: '越权支部', secretaryId: far.person }), [403, 404]),
      refused('branches.create.memberIds', () => c.post(`${O}/branches`, { name: '越权支部', secretaryId: t.fixtures.personIds.member, memberIds: [far.person] }), [403, 404]),
      refused('branches.create.unitId', () => c.post(`${O}/branches`, { name: '越权支部', secretaryId: t.fixtures.personIds.member, unitId: far.unit }), [403, 404]),
      refused('teams.create', () => c.post(`${E}/teams`, { name: '越权突击队', leaderId: far.person }), [403, 404]),
      refused('teams.create.leaderId', () => c.post(`${O}/teams`, { name: '越权突击队', leaderId: far.person }), [403, 404]),
      refused('teams.create.members.personId', () => c.post(`${O}/teams`, { name: '越权突击队', leaderId: t.fixtures.personIds.member, members: [{ personId: far.person, source: 'member' }] }), [403, 404]),
      refused('teams.create.members.unitId', () => c.post(`${O}/teams`, { name: '越权突击队', leaderId: t.fixtures.personIds.member, members: [{ personId: t.fixtures.personIds.member, source: 'unit', unitId: far.unit }] }), [403, 404]),
      refused('zones.create', () => c.post(`${E}/zones`, { name: '越权责任区', area: square, personId: far.person }), [403, 404]),
      refused('zones.create.personId', () => c.post(`${O}/zones`, { name: '越权责任区', area: square, personId: far.person }), [403, 404]),
      refused('zones.create.teamId', () => c.post(`${O}/zones`, { name: '越权责任区', area: square, personId: t.fixtures.personIds.member, teamId: far.team }), [403, 404]),
      refused('posts.create', () => c.post(`${E}/posts`, { name: '越权卡口', kind: 'checkpoint', location: { lng: 100, lat: 30 } }), [403, 404]),
      refused('posts.create.zoneId', () => c.post(`${O}/posts`, { name: '越权卡口', kind: 'checkpoint', location: { lng: 115.8, lat: 28.6 }, zoneId: far.zone }), [403, 404]),
      refused('posts.create.teamId', () => c.post(`${O}/posts`, { name: '越权卡口', kind: 'checkpoint', location: { lng: 115.8, lat: 28.6 }, teamId: far.team }), [403, 404]),
      refused('shifts.create', () => c.post(`/api/v1/emergency-posts/${far.post}/shifts`, { shifts: [{ startsAt: soon(1), endsAt: soon(2), needed: 1 }] }), [403, 404]),
      refused('posts.checkin-code', () => c.get(`/api/v1/emergency-posts/${far.post}/checkin-code`), [403, 404]),
      refused('signups.create', () => c.post(`/api/v1/shifts/${far.shift}/signups`, {}), [403, 404]),
      refused('signups.create.personId', () => c.post(`/api/v1/shifts/${own.shift}/signups`, { personId: far.person }), [403, 404]),
      refused('signups.cancel', () => c.post(`/api/v1/shift-signups/${far.signup}/cancel`, {}), [403, 404]),
      refused('signups.checkin', () => c.post(`/api/v1/shift-signups/${far.signup}/checkin`, { position: { lng: 100, lat: 30 } }), [403, 404]),
      refused('hazards.create', () => c.post(`${E}/hazards`, { description: '越权上报险情', location: { lng: 100, lat: 30 } }), [403, 404]),
      refused('hazards.create.postId', () => c.post(`${O}/hazards`, { description: '越权上报险情', location: { lng: 115.8, lat: 28.6 }, postId: far.post }), [403, 404, 422]),
      refused('hazards.create.photoIds', () => c.post(`${O}/hazards`, { description: '越权上报险情', location: { lng: 115.8, lat: 28.6 }, photoIds: [far.photo] }), [403, 404, 422]),
      refused('commendations.create', () => c.post(`${E}/commendations`, { personId: far.person, reason: '越权表彰' }), [403, 404]),
      refused('commendations.create.personId', () => c.post(`${O}/commendations`, { personId: far.person, reason: '越权表彰' }), [403, 404]),
      refused('emergencies.end', () => c.post(`${E}/end`, { summary: '越权结束' }), [403, 404]),
      refused('duties.mine.emergencyId', () => c.get(`/api/v1/me/duties?emergencyId=${far.emergency}`), [403, 404]),
      refused('leader-card.update', () => c.put(`/api/v1/buildings/${far.building}/leader-card`, { duties: [], commitments: '越权', showPhone: true }), [403, 404]),
      refused('leader-card.update.photoId', () => c.put(`/api/v1/buildings/${t.fixtures.buildingId}/leader-card`, { duties: [], commitments: '越权', showPhone: true, photoId: far.photo }), [403, 404]),
      refused('building-leaders.list.orgId', () => c.get(`/api/v1/building-leaders?orgId=${far.community}`), [403, 404]),
      refused('building-leaders.coverage.orgId', () => c.get(`/api/v1/building-leaders/coverage?orgId=${far.community}`), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Lists show nothing of the far emergency; my duties show only mine.
    const list = (await c.get('/api/v1/emergencies?limit=100')).json().items as { id: string }[]
    assert.ok(!list.some((e) => e.id === far.emergency), `emergencies list as ${r}`)
    const duties = (await c.get('/api/v1/me/duties')).json().items as { emergency: { id: string } }[]
    assert.ok(!duties.some((d) => d.emergency.id === far.emergency), `my duties as ${r}`)
  }
  // The card is public; the rest needs a login.
  assert.equal((await t.anonymous.get(`/api/v1/buildings/${far.building}/leader-card`)).statusCode, 200)
  assert.equal((await t.anonymous.get(`/api/v1/emergencies/${own.emergency}`)).statusCode, 401)
  assert.equal((await t.anonymous.post(`/api/v1/shifts/${own.shift}/signups`, {})).statusCode, 401)
})

test('inside the demo street: the street admin and cadres run the emergency, staff read its board, everyone of the area signs up', async () => {
  const board: Record<RoleName, number> = { admin: 200, district: 200, street: 200, cadre: 200, grid: 200, member: 403, resident: 403 }
  const manage: Record<RoleName, number> = { admin: 201, district: 201, street: 201, cadre: 201, grid: 403, member: 403, resident: 403 }
  for (const r of ROLES) {
    assert.equal((await as[r].get(`/api/v1/emergencies/${own.emergency}/board`)).statusCode, board[r], `board as ${r}`)
    const post = await as[r].post(`/api/v1/emergencies/${own.emergency}/posts`, { name: `矩阵卡口${r}`, kind: 'checkpoint', location: { lng: 115.8, lat: 28.6 } })
    assert.equal(post.statusCode, manage[r], `posts.create as ${r}: ${post.body.slice(0, 200)}`)
    const signup = await as[r].post(`/api/v1/shifts/${own.shift}/signups`, {})
    assert.equal(signup.statusCode, 201, `signups.create as ${r}: ${signup.body.slice(0, 200)}`)
  }
})
