// The permission matrix: for every route family, each demo role acting inside its scope
// and outside it. Reads outside the scope answer 404 (no existence leak), writes 403.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { factories } from '../support/factories.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]

let t: TestApp
const as: Partial<Record<RoleName | 'anonymous', Client>> = {}
let otherRootId: string
let outsidePersonId: string
let farGridId: string
let estateId: string
let farEstateId: string
let ownCaseId: string
let farCaseId: string
let residentFollowId: string
let farResidentId: string
let farPointsAccountId: string
let farMemberId: string

before(async () => {
  t = await startTestApp()
  for (const r of ROLES) as[r] = await t.as(r)
  as.anonymous = t.anonymous
  // A top-level node nobody holds a role on: outside every scope, even the admin's.
  const [root] = await t.query<{ id: string }>(sql`INSERT INTO orgs (kind, name) VALUES ('city', '另一座城市') RETURNING id::text`)
  otherRootId = root!.id
  const [far] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.otherCommunityId} AND kind = 'grid' ORDER BY id LIMIT 1`)
  farGridId = far!.id
  const [p] = await t.query<{ id: string }>(sql`SELECT person_id::text AS id FROM role_assignments WHERE org_id = ${farGridId} LIMIT 1`)
  outsidePersonId = p!.id
  const estateIn = async (communityId: string) => (await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${communityId} AND kind = 'estate' ORDER BY id LIMIT 1`))[0]!.id
  estateId = await estateIn(t.fixtures.communityId)
  farEstateId = await estateIn(t.fixtures.otherCommunityId)
  const caseIn = async (gridId: string) => {
    const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${gridId}`)
    const res = await as.admin!.post('/api/v1/cases', { categoryCode: 'facility.road', description: '权限矩阵用例', location: p })
    return res.json().id as string
  }
  ownCaseId = await caseIn(t.fixtures.gridId)
  farCaseId = await caseIn(farGridId)
  residentFollowId = (await as.resident!.post('/api/v1/follows', { orgId: t.fixtures.gridId })).json().id
  // Records of a neighbouring community of the demo street (the demo's people and units live in that street).
  const firstIn = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
  const [nb] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE parent_id = ${t.fixtures.streetId} AND kind = 'community' AND id <> ${t.fixtures.communityId} ORDER BY id LIMIT 1`)
  const under = sql`(SELECT id FROM orgs WHERE path <@ ${nb!.path}::ltree)`
  farResidentId = await firstIn(sql`SELECT id::text FROM residents WHERE org_id IN ${under} ORDER BY id LIMIT 1`)
  farMemberId = await firstIn(sql`SELECT id::text FROM party_members WHERE community_id IN ${under} ORDER BY id LIMIT 1`)
  farPointsAccountId = await firstIn(sql`SELECT id::text FROM points_accounts WHERE owner_kind = 'person' AND org_id IN ${under} ORDER BY id LIMIT 1`)
})
after(() => t.close())

interface Case {
  family: string
  role: RoleName | 'anonymous'
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  url: () => string
  body?: () => unknown
  expect: number
  /** The error code a refusal must carry, where the status alone does not tell the branches apart. */
  code?: string
  /** A list that answers 200 must then hold nothing: its filter outside the scope matches no row. */
  empty?: true
}

const f = () => t.fixtures
const own: Record<RoleName, () => string> = {
  admin: () => f().cityId,
  district: () => f().districtId,
  street: () => f().streetId,
  cadre: () => f().communityId,
  grid: () => f().gridId,
  member: () => f().communityId,
  resident: () => f().buildingId,
}
/** A node below each role's own node that it should be able to manage, where it manages anything. */
const managed: Record<RoleName, () => string> = {
  admin: () => f().districtId,
  district: () => f().streetId,
  street: () => f().communityId,
  cadre: () => f().gridId,
  grid: () => f().buildingId,
  member: () => f().gridId,
  resident: () => f().buildingId,
}
const outside: Record<RoleName, () => string> = {
  admin: () => otherRootId,
  district: () => otherRootId,
  street: () => f().otherCommunityId,
  cadre: () => f().otherCommunityId,
  grid: () => f().siblingGridId,
  member: () => f().otherCommunityId,
  resident: () => f().siblingGridId,
}
const level: Record<RoleName, number> = { admin: 100, district: 90, street: 80, cadre: 70, grid: 50, member: 30, resident: 10 }

const cases: Case[] = []
for (const role of ROLES) {
  const isAdmin = level[role] >= 80
  const isCadre = level[role] >= 70
  cases.push(
    { family: 'orgs.read', role, method: 'GET', url: () => `/api/v1/orgs/${own[role]()}`, expect: 200 },
    { family: 'orgs.read', role, method: 'GET', url: () => `/api/v1/orgs/${outside[role]()}`, expect: 404 },
    { family: 'orgs.children', role, method: 'GET', url: () => `/api/v1/orgs/${outside[role]()}/children`, expect: 404 },
    { family: 'orgs.places', role, method: 'GET', url: () => `/api/v1/orgs/${outside[role]()}/places`, expect: 404 },
    { family: 'orgs.places', role, method: 'GET', url: () => `/api/v1/orgs/${f().communityId}/places`, expect: 200 },
    { family: 'orgs.geojson', role, method: 'GET', url: () => `/api/v1/orgs/${outside[role]()}/children.geojson`, expect: 404 },
    { family: 'orgs.stats', role, method: 'GET', url: () => `/api/v1/orgs/${own[role]()}/stats`, expect: 200 },
    { family: 'orgs.stats', role, method: 'GET', url: () => `/api/v1/orgs/${outside[role]()}/stats`, expect: 404 },
    { family: 'people.stats', role, method: 'GET', url: () => `/api/v1/people/stats?orgId=${outside[role]()}`, expect: 404 },
    { family: 'orgs.update', role, method: 'PATCH', url: () => `/api/v1/orgs/${managed[role]()}`, body: () => ({ name: `${role} 修改` }), expect: isCadre ? 200 : 403 },
    { family: 'orgs.update', role, method: 'PATCH', url: () => `/api/v1/orgs/${outside[role]()}`, body: () => ({ name: 'x' }), expect: 404 },
    { family: 'orgs.create', role, method: 'POST', url: () => '/api/v1/orgs', body: () => ({ parentId: outside[role](), kind: 'department', name: '越权部门' }), expect: 404 },
    { family: 'orgs.move', role, method: 'POST', url: () => `/api/v1/orgs/${outside[role]()}/move`, body: () => ({ parentId: own[role]() }), expect: 404 },
    { family: 'orgs.delete', role, method: 'DELETE', url: () => `/api/v1/orgs/${outside[role]()}`, expect: 404 },
    { family: 'people.read', role, method: 'GET', url: () => `/api/v1/people/${outsidePersonId}`, expect: role === 'admin' || role === 'district' ? 200 : 404 },
    { family: 'people.manage', role, method: 'DELETE', url: () => `/api/v1/people/${outsidePersonId}/sessions`, expect: 404, code: role === 'admin' || role === 'district' ? 'ACCOUNT_NOT_FOUND' : 'PERSON_NOT_FOUND' },
    { family: 'people.roles', role, method: 'POST', url: () => `/api/v1/people/${outsidePersonId}/roles`, body: () => ({ role: 'volunteer', orgId: farGridId }), expect: role === 'admin' || role === 'district' ? 200 : 404 },
    // Admin and district reach the far grid worker (who has no login account); the others must not learn the person exists.
    { family: 'people.disable', role, method: 'POST', url: () => `/api/v1/people/${outsidePersonId}/disable`, expect: 404, code: role === 'admin' || role === 'district' ? 'ACCOUNT_NOT_FOUND' : 'PERSON_NOT_FOUND' },
    { family: 'tokens.create', role, method: 'POST', url: () => '/api/v1/auth/tokens', body: () => ({ name: '令牌', orgId: own[role](), role: 'resident' }), expect: isAdmin ? 201 : 403 },
    { family: 'tokens.create', role, method: 'POST', url: () => '/api/v1/auth/tokens', body: () => ({ name: '令牌', orgId: outside[role](), role: 'resident' }), expect: 404 },
    { family: 'audit.read', role, method: 'GET', url: () => '/api/v1/audit', expect: isCadre ? 200 : 403 },
    { family: 'audit.read', role, method: 'GET', url: () => '/api/v1/audit/vocabulary', expect: isCadre ? 200 : 403 },
    { family: 'settings', role, method: 'GET', url: () => '/api/v1/settings/security', expect: role === 'admin' ? 200 : 403 },
    { family: 'me', role, method: 'GET', url: () => '/api/v1/me', expect: 200 },
    { family: 'geo', role, method: 'GET', url: () => '/api/v1/geo/locate?lng=115.70&lat=28.70', expect: 200 },
    { family: 'visits.create', role, method: 'POST', url: () => '/api/v1/visits', body: () => ({ kind: 'night', mode: 'active', orgId: role === 'resident' ? f().buildingId : f().gridId, households: 1, people: 1, note: `${role} 走访` }), expect: level[role] >= 50 ? 201 : 403 },
    { family: 'visits.create', role, method: 'POST', url: () => '/api/v1/visits', body: () => ({ kind: 'night', mode: 'active', orgId: outside[role](), households: 1, people: 1, note: '越权走访' }), expect: 404 },
    { family: 'visits.list', role, method: 'GET', url: () => `/api/v1/visits?orgId=${outside[role]()}`, expect: 404 },
    { family: 'visit-schedules.create', role, method: 'POST', url: () => '/api/v1/visit-schedules', body: () => ({ orgId: f().streetId, name: `${role} 的计划`, kind: 'home', dayOfMonth: 5, startsOn: '2026-01-01', targets: [{ visitorOrgId: f().gridId, communityId: f().communityId }] }), expect: isAdmin ? 201 : 403 },
    { family: 'visit-schedules.create', role, method: 'POST', url: () => '/api/v1/visit-schedules', body: () => ({ orgId: outside[role](), name: '越权计划', kind: 'home', dayOfMonth: 5, startsOn: '2026-01-01', targets: [{ visitorOrgId: f().gridId, communityId: f().communityId }] }), expect: 404 },
    { family: 'visit-tasks.list', role, method: 'GET', url: () => `/api/v1/visit-tasks?orgId=${outside[role]()}`, expect: 404 },
    { family: 'estates.rate', role, method: 'POST', url: () => `/api/v1/estates/${estateId}/ratings`, body: () => ({ period: `2024-${String(ROLES.indexOf(role) + 1).padStart(2, '0')}`, scores: { party: 15, sanitation: 20, safety: 20, facilities: 15, service: 20, satisfaction: 10 } }), expect: isCadre ? 201 : role === 'member' ? 403 : 404 },
    { family: 'estates.history', role, method: 'GET', url: () => `/api/v1/estates/${farEstateId}/ratings`, expect: role === 'admin' || role === 'district' ? 200 : 404 },
    { family: 'estates.list', role, method: 'GET', url: () => `/api/v1/estate-ratings?orgId=${outside[role]()}`, expect: 404 },
    // The resident follows the demo grid, and a follower reads the grid's cases in public categories.
    { family: 'cases.read', role, method: 'GET', url: () => `/api/v1/cases/${ownCaseId}`, expect: level[role] >= 50 || role === 'resident' ? 200 : 404 },
    { family: 'cases.read', role, method: 'GET', url: () => `/api/v1/cases/${farCaseId}`, expect: level[role] >= 90 ? 200 : 404 },
    { family: 'cases.act', role, method: 'POST', url: () => `/api/v1/cases/${ownCaseId}/update`, body: () => ({ note: `${role} 跟进` }), expect: level[role] >= 50 ? 200 : role === 'resident' ? 403 : 404 },
    { family: 'cases.act', role, method: 'POST', url: () => `/api/v1/cases/${farCaseId}/update`, body: () => ({ note: '越权跟进' }), expect: level[role] >= 90 ? 200 : 404 },
    { family: 'cases.list', role, method: 'GET', url: () => `/api/v1/cases?orgId=${outside[role]()}`, expect: 404 },
    { family: 'cases.stats', role, method: 'GET', url: () => `/api/v1/cases/stats?orgId=${outside[role]()}`, expect: 404 },
    { family: 'cases.map', role, method: 'GET', url: () => `/api/v1/cases/map?orgId=${outside[role]()}`, expect: 404 },
    { family: 'case-categories.create', role, method: 'POST', url: () => '/api/v1/case-categories', body: () => ({ code: `other.perm_${role}`, name: '权限测试', nameEn: 'Permission test' }), expect: level[role] >= 90 ? 201 : 403 },
    { family: 'notifications', role, method: 'GET', url: () => '/api/v1/notifications', expect: 200 },
    { family: 'follows.org', role, method: 'POST', url: () => '/api/v1/follows', body: () => ({ orgId: outside[role]() }), expect: 404 },
    { family: 'follows.delete', role, method: 'DELETE', url: () => `/api/v1/follows/${residentFollowId}`, expect: role === 'resident' ? 204 : 404 },
    { family: 'residents.list', role, method: 'GET', url: () => `/api/v1/residents?orgId=${outside[role]()}`, expect: level[role] >= 50 ? 404 : 200, empty: true },
    // Figures count only what the list shows: the own node answers, a node elsewhere is not found, non-staff have no figures.
    { family: 'residents.stats', role, method: 'GET', url: () => `/api/v1/residents/stats?orgId=${own[role]()}`, expect: level[role] >= 50 ? 200 : 403 },
    { family: 'residents.stats', role, method: 'GET', url: () => `/api/v1/residents/stats?orgId=${outside[role]()}`, expect: level[role] >= 50 ? 404 : 403 },
    { family: 'residents.reveal', role, method: 'POST', url: () => `/api/v1/residents/${farResidentId}/reveal`, body: () => ({ field: 'phone', reason: '权限矩阵核对' }), expect: level[role] >= 80 ? 200 : 404 },
    { family: 'members.list', role, method: 'GET', url: () => `/api/v1/members?communityId=${outside[role]()}`, expect: 404 },
    { family: 'members.read', role, method: 'GET', url: () => `/api/v1/members/${farMemberId}`, expect: level[role] >= 80 ? 200 : 404 },
    { family: 'registrations.list', role, method: 'GET', url: () => `/api/v1/registrations?communityId=${outside[role]()}`, expect: 200, empty: true },
    { family: 'points.account', role, method: 'GET', url: () => `/api/v1/points/accounts/${farPointsAccountId}`, expect: level[role] >= 80 ? 200 : 404 },
    { family: 'units.list', role, method: 'GET', url: () => `/api/v1/units?orgId=${outside[role]()}`, expect: 404 },
    { family: 'pairings.list', role, method: 'GET', url: () => `/api/v1/pairings?communityId=${outside[role]()}`, expect: 200, empty: true },
    { family: 'list-items.list', role, method: 'GET', url: () => `/api/v1/list-items?communityId=${outside[role]()}`, expect: 200, empty: true },
    // An org id in a body outside the caller's sight answers like a missing one (kernel/access.ts).
    { family: 'volunteer-teams.create', role, method: 'POST', url: () => '/api/v1/volunteer-teams', body: () => ({ orgId: outside[role](), name: '越权服务队', function: 'patrol' }), expect: 404 },
    { family: 'activities.create', role, method: 'POST', url: () => '/api/v1/activities', body: () => ({ orgId: outside[role](), title: '越权活动', startsAt: '2030-01-05T01:00:00.000Z', endsAt: '2030-01-05T03:00:00.000Z', place: '社区广场', location: { lng: 115.7, lat: 28.7 }, capacity: 5 }), expect: 404 },
    { family: 'calendar.set', role, method: 'PUT', url: () => '/api/v1/calendar-days/2030-01-02', body: () => ({ workday: false, note: '权限测试' }), expect: level[role] >= 90 ? 200 : 403 },
  )
}
for (const [method, url] of [
  ['GET', '/api/v1/me'], ['GET', '/api/v1/orgs'], ['GET', '/api/v1/people'], ['GET', '/api/v1/audit'], ['GET', '/api/v1/audit/vocabulary'], ['GET', '/api/v1/auth/tokens'],
  ['POST', '/api/v1/orgs'], ['POST', '/api/v1/people'], ['POST', '/api/v1/auth/tokens'], ['PUT', '/api/v1/settings/security'],
  ['GET', '/api/v1/cases'], ['GET', '/api/v1/notifications'], ['GET', '/api/v1/follows'], ['GET', '/api/v1/events'], ['POST', '/api/v1/follows'],
  ['GET', '/api/v1/visits'], ['GET', '/api/v1/visit-tasks'], ['GET', '/api/v1/estate-ratings'], ['POST', '/api/v1/visits'], ['POST', '/api/v1/visit-schedules'],
  ['GET', '/api/v1/residents'], ['GET', '/api/v1/residents/stats'], ['GET', '/api/v1/members'], ['GET', '/api/v1/registrations'], ['GET', '/api/v1/points/accounts/me'], ['GET', '/api/v1/units'],
  ['GET', '/api/v1/pairings'], ['GET', '/api/v1/list-items'], ['GET', '/api/v1/activities'], ['POST', '/api/v1/registrations'], ['POST', '/api/v1/points/redemptions'],
] as const) {
  // An invalid body does not matter: authentication comes before validation (issue 12).
  cases.push({ family: 'anonymous', role: 'anonymous', method, url: () => url, body: () => (method === 'GET' ? undefined : {}), expect: 401 })
}

test('every role is allowed inside its scope and refused outside it, for every route family', { timeout: 300_000 }, async () => {
  const wrong: string[] = []
  for (const c of cases) {
    const client = as[c.role]!
    const res = await client.request({ method: c.method, url: c.url(), ...(c.body && c.body() !== undefined ? { payload: c.body() as object } : {}) })
    if (res.statusCode !== c.expect) wrong.push(`${c.family} as ${c.role}: ${c.method} ${c.url()} → ${res.statusCode} (expected ${c.expect}) ${res.body.slice(0, 120)}`)
    else if (res.statusCode === 404 && (res.json() as { error?: { code?: string } }).error?.code === 'ROUTE_NOT_FOUND') wrong.push(`${c.family} as ${c.role}: ${c.method} ${c.url()} is not a route`)
    else if (c.code && (res.json() as { error?: { code?: string } }).error?.code !== c.code) wrong.push(`${c.family} as ${c.role}: ${c.method} ${c.url()} → ${res.body.slice(0, 120)} (expected ${c.code})`)
    else if (c.empty && res.statusCode === 200 && (res.json() as { items: unknown[] }).items.length > 0) wrong.push(`${c.family} as ${c.role}: ${c.method} ${c.url()} listed rows outside the scope`)
  }
  assert.deepEqual(wrong, [])
  assert.ok(cases.length > 130)
})

test('the current estate colours and the rating criteria are public', async () => {
  assert.equal((await t.anonymous.get('/api/v1/public/estate-ratings')).statusCode, 200)
  assert.equal((await t.anonymous.get('/api/v1/estate-rating-criteria')).statusCode, 200)
})

test('anonymous writes with a valid body are refused with 401', async () => {
  const make = factories(t)
  const grid = await make.newGrid(await make.newCommunity())
  const building = await make.newBuilding(grid)
  const res = await t.anonymous.post('/api/v1/orgs', { parentId: grid.id, kind: 'building', name: '匿名楼' })
  assert.equal(res.statusCode, 401)
  const people = await t.anonymous.post('/api/v1/people', { name: '匿名', role: { role: 'resident', orgId: building.id } })
  assert.equal(people.statusCode, 401)
  assert.equal((await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs WHERE parent_id = ${grid.id}`))[0]!.n, 1, 'only the factory building')
})

test('an admin who creates a new top-level node becomes its admin and can manage it', async () => {
  const make = factories(t)
  const admin = (await make.newPerson({ role: 'admin', orgId: t.fixtures.cityId })).client
  const districtAdmin = (await make.newPerson({ role: 'district_admin', orgId: t.fixtures.districtId })).client
  const created = await admin.post('/api/v1/orgs', { parentId: null, kind: 'city', name: '新建的城市' })
  assert.equal(created.statusCode, 201)
  assert.equal((await admin.get(`/api/v1/orgs/${created.json().id}`)).statusCode, 200)
  assert.equal((await admin.get(`/api/v1/orgs/${otherRootId}`)).statusCode, 404)
  assert.equal((await districtAdmin.post('/api/v1/orgs', { parentId: null, kind: 'city', name: '区管理员建的城市' })).statusCode, 403)
})
