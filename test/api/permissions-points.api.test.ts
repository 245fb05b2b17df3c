// The permission matrix of the ids named in the bodies and query strings of the points and
// volunteer routes (security review, issue 11): for each demo role, a request naming a person,
// node, unit, reward, manual award or team outside that role's scope is refused and writes nothing;
// the same request inside the scope succeeds where the role may act at all.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]

let t: TestApp
const as: Partial<Record<RoleName, Client>> = {}
let otherRootId: string
let farPersonId: string
let farUnitId: string
let farRewardId: string
let farManualAwardId: string
let farTeamId: string
let neighbourId: string
let ownTeamId: string

before(async () => {
  t = await startTestApp()
  for (const r of ROLES) as[r] = await t.as(r)
  // A top-level node nobody holds a role on, and its records: outside every scope, even the admin's.
  const first = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
  otherRootId = await first(sql`INSERT INTO orgs (kind, name) VALUES ('city', '另一座城市') RETURNING id::text`)
  farPersonId = await first(sql`INSERT INTO people (name) VALUES ('外地居民丙') RETURNING id::text`)
  const farAwarder = await first(sql`INSERT INTO people (name) VALUES ('外地干部丁') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${farPersonId}, 'resident', ${otherRootId}), (${farAwarder}, 'community_cadre', ${otherRootId})`)
  await t.query(sql`INSERT INTO volunteers (person_id) VALUES (${farPersonId})`)
  farUnitId = await first(sql`INSERT INTO units (name, kind, org_id) VALUES ('外地商户', 'merchant', ${otherRootId}) RETURNING id::text`)
  farRewardId = await first(sql`INSERT INTO points_rewards (name, points, stock, org_id, created_by) VALUES ('外地兑换品', 10, 10, ${otherRootId}, ${farAwarder}) RETURNING id::text`)
  farManualAwardId = await first(sql`INSERT INTO points_manual_awards (status, person_id, rule_code, direction, quantity, points, org_id, org_path, reason, awarded_by, idempotency_key)
    SELECT 'pending', ${farPersonId}, 'good_deed', 'earn', 6, 300, id, path, '外地待审奖励', ${farAwarder}, 'matrix:far' FROM orgs WHERE id = ${otherRootId} RETURNING id::text`)
  farTeamId = await first(sql`INSERT INTO volunteer_teams (org_id, name, function) VALUES (${otherRootId}, '外地服务队', 'other') RETURNING id::text`)
  // A resident of the demo grid's building, in the scope of every staff role of the demo street.
  neighbourId = await first(sql`INSERT INTO people (name) VALUES ('矩阵测试邻居') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${neighbourId}, 'resident', ${t.fixtures.buildingId})`)
  ownTeamId = (await as.cadre!.post('/api/v1/volunteer-teams', { orgId: t.fixtures.communityId, name: '矩阵测试服务队', function: 'other' })).json().id
})
after(() => t.close())

const f = () => t.fixtures
const own: Record<RoleName, () => string> = {
  admin: () => f().cityId, district: () => f().districtId, street: () => f().streetId, cadre: () => f().communityId,
  grid: () => f().gridId, member: () => f().communityId, resident: () => f().buildingId,
}
const outside: Record<RoleName, () => string> = {
  admin: () => otherRootId, district: () => otherRootId, street: () => f().otherCommunityId, cadre: () => f().otherCommunityId,
  grid: () => f().siblingGridId, member: () => f().otherCommunityId, resident: () => f().siblingGridId,
}
/** Where each role publishes rewards (a community or street) and organises volunteering (an area it is staff of, where it is). */
const rewardOrg = (role: RoleName) => (['admin', 'district', 'street'].includes(role) ? f().streetId : f().communityId)
const areaOrg = (role: RoleName) => (role === 'grid' ? f().gridId : f().communityId)
const level: Record<RoleName, number> = { admin: 100, district: 90, street: 80, cadre: 70, grid: 50, member: 30, resident: 10 }
const inTwoDays = (h: number) => new Date(Date.now() + (48 + h) * 3_600_000).toISOString()
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

interface Case {
  family: string
  role: RoleName
  method: 'GET' | 'POST'
  url: () => string
  body?: () => unknown
  expect: number
}

const cases: Case[] = []
for (const role of ROLES) {
  const isCadre = level[role] >= 70
  const isStaff = level[role] >= 50
  const award = (over: () => Record<string, unknown>) => () => ({ personId: neighbourId, ruleCode: 'good_deed', quantity: 1, orgId: own[role](), reason: '矩阵测试奖励', ...over() })
  // Bodies are built when the request is sent: the fixtures exist only once `before` has run.
  const activity = (over: () => Record<string, unknown>) => () => ({
    orgId: areaOrg(role), title: '矩阵测试活动', place: '社区广场', location: { lng: 115.86, lat: 28.68 }, startsAt: inTwoDays(0), endsAt: inTwoDays(2), capacity: 3, ...over(),
  })
  const entry = (over: () => Record<string, unknown>) => () => ({
    orgId: areaOrg(role), giverId: f().personIds.resident, receiverId: neighbourId, hours: 1, servedOn: today(), note: '矩阵测试服务', ...over(),
  })
  cases.push(
    // Points: who a manual award names, in whose name, and the filters and references of the catalogue.
    { family: 'points.awards.person', role, method: 'POST', url: () => '/api/v1/points/awards', body: award(() => ({ personId: farPersonId })), expect: isCadre ? 404 : 403 },
    { family: 'points.awards.self', role, method: 'POST', url: () => '/api/v1/points/awards', body: award(() => ({ personId: f().personIds[role] })), expect: 403 },
    { family: 'points.awards.org', role, method: 'POST', url: () => '/api/v1/points/awards', body: award(() => ({ orgId: outside[role]() })), expect: 404 },
    { family: 'points.awards.unit', role, method: 'POST', url: () => '/api/v1/points/awards', body: award(() => ({ personId: undefined, unitId: farUnitId })), expect: isCadre ? 404 : 403 },
    { family: 'points.accounts.list', role, method: 'GET', url: () => `/api/v1/points/accounts?orgId=${outside[role]()}`, expect: 404 },
    { family: 'points.rewards.create', role, method: 'POST', url: () => '/api/v1/points/rewards', body: () => ({ name: '越权商品', points: 10, stock: 1, orgId: outside[role]() }), expect: 404 },
    { family: 'points.rewards.merchant', role, method: 'POST', url: () => '/api/v1/points/rewards', body: () => ({ name: '越权商品', points: 10, stock: 1, orgId: rewardOrg(role), merchantUnitId: farUnitId }), expect: isCadre ? 404 : 403 },
    { family: 'points.rewards.list', role, method: 'GET', url: () => `/api/v1/points/rewards?orgId=${outside[role]()}`, expect: 404 },
    { family: 'points.rewards.list', role, method: 'GET', url: () => `/api/v1/points/rewards?merchantUnitId=${farUnitId}`, expect: 404 },
    { family: 'points.redeem', role, method: 'POST', url: () => '/api/v1/points/redemptions', body: () => ({ rewardId: farRewardId }), expect: 404 },
    { family: 'points.manual.list', role, method: 'GET', url: () => `/api/v1/points/manual-awards?orgId=${outside[role]()}`, expect: 404 },
    { family: 'points.manual.approve', role, method: 'POST', url: () => `/api/v1/points/manual-awards/${farManualAwardId}/approve`, expect: 404 },
    { family: 'points.manual.reject', role, method: 'POST', url: () => `/api/v1/points/manual-awards/${farManualAwardId}/reject`, body: () => ({ reason: '越权驳回' }), expect: 404 },
    // Volunteers: the node, team and people a body names, and the filters of the lists.
    { family: 'volunteer-teams.create', role, method: 'POST', url: () => '/api/v1/volunteer-teams', body: () => ({ orgId: outside[role](), name: '越权服务队', function: 'patrol' }), expect: 404 },
    { family: 'volunteer-teams.members', role, method: 'POST', url: () => `/api/v1/volunteer-teams/${ownTeamId}/members`, body: () => ({ personId: farPersonId }), expect: isCadre ? 404 : 403 },
    { family: 'activities.create', role, method: 'POST', url: () => '/api/v1/activities', body: activity(() => ({ orgId: outside[role]() })), expect: 404 },
    { family: 'activities.team', role, method: 'POST', url: () => '/api/v1/activities', body: activity(() => ({ teamId: farTeamId })), expect: isStaff ? 422 : 403 },
    { family: 'time-bank.giver', role, method: 'POST', url: () => '/api/v1/time-bank/entries', body: entry(() => ({ giverId: farPersonId })), expect: isStaff ? 404 : 403 },
    { family: 'time-bank.receiver', role, method: 'POST', url: () => '/api/v1/time-bank/entries', body: entry(() => ({ receiverId: farPersonId })), expect: isStaff ? 404 : 403 },
    { family: 'time-bank.org', role, method: 'POST', url: () => '/api/v1/time-bank/entries', body: entry(() => ({ orgId: outside[role]() })), expect: 404 },
    ...['volunteers', 'time-bank/entries', 'activities', 'volunteer-teams'].map((list): Case => (
      { family: `${list}.list`, role, method: 'GET', url: () => `/api/v1/${list}?orgId=${outside[role]()}`, expect: 404 })),
    { family: 'activities.list', role, method: 'GET', url: () => '/api/v1/activities?teamId=999999999', expect: 404 },
  )
}

const WATCHED = ['points_transactions', 'points_postings', 'points_accounts', 'points_manual_awards', 'points_rewards', 'points_redemptions',
  'volunteer_teams', 'volunteer_team_members', 'volunteers', 'activities', 'activity_signups', 'time_bank_entries', 'audit_log'] as const

/** Row counts of every table these routes write, and when the mutable ones last changed. */
async function written(): Promise<string> {
  const parts: string[] = []
  for (const table of WATCHED) {
    const [row] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`)
    parts.push(`${table}:${row!.n}`)
  }
  const [m] = await t.query<{ at: string | null }>(sql`SELECT max(updated_at)::text AS at FROM points_manual_awards`)
  return `${parts.join(' ')} manual:${m!.at}`
}

test('a body or query naming a record outside the role’s scope is refused and writes nothing', { timeout: 300_000 }, async () => {
  const wrong: string[] = []
  for (const c of cases) {
    const before = await written()
    const body = c.body?.()
    const res = await as[c.role]!.request({ method: c.method, url: c.url(), ...(body !== undefined ? { payload: body as object } : {}) })
    if (res.statusCode !== c.expect) wrong.push(`${c.family} as ${c.role}: ${c.method} ${c.url()} → ${res.statusCode} (expected ${c.expect}) ${res.body.slice(0, 160)}`)
    else if (c.method !== 'GET' && (await written()) !== before) wrong.push(`${c.family} as ${c.role}: refused but wrote something`)
  }
  assert.deepEqual(wrong, [])
  assert.ok(cases.length >= 7 * 25)
  const [far] = await t.query<{ status: string }>(sql`SELECT status FROM points_manual_awards WHERE id = ${farManualAwardId}`)
  assert.equal(far!.status, 'pending')
})

test('the same requests inside the scope succeed where the role may act', { timeout: 120_000 }, async () => {
  const wrong: string[] = []
  const check = async (role: RoleName, what: string, res: { statusCode: number; body: string }, expect: number) => {
    if (res.statusCode !== expect) wrong.push(`${what} as ${role} → ${res.statusCode} (expected ${expect}) ${res.body.slice(0, 160)}`)
  }
  for (const role of ROLES) {
    const client = as[role]!
    const isCadre = level[role] >= 70
    const isStaff = level[role] >= 50
    await check(role, 'award a neighbour', await client.post('/api/v1/points/awards', { personId: neighbourId, ruleCode: 'good_deed', orgId: own[role](), reason: '矩阵测试奖励' }), isCadre ? 201 : 403)
    await check(role, 'accounts of the own node', await client.get(`/api/v1/points/accounts?orgId=${own[role]()}`), isStaff ? 200 : 404)
    await check(role, 'rewards of the own node', await client.get(`/api/v1/points/rewards?orgId=${own[role]()}`), 200)
    await check(role, 'manual awards of the own node', await client.get(`/api/v1/points/manual-awards?orgId=${own[role]()}`), isCadre ? 200 : 404)
    await check(role, 'time-bank entry', await client.post('/api/v1/time-bank/entries', {
      orgId: areaOrg(role), giverId: t.fixtures.personIds.resident, receiverId: neighbourId, hours: 1, servedOn: today(), note: '矩阵测试服务',
    }), isStaff ? 201 : 403)
    await check(role, 'activities of the own area', await client.get(`/api/v1/activities?orgId=${areaOrg(role)}&teamId=${ownTeamId}`), 200)
    await check(role, 'volunteers of the own node', await client.get(`/api/v1/volunteers?orgId=${own[role]()}`), 200)
  }
  assert.deepEqual(wrong, [])
  const entries = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM time_bank_entries WHERE receiver_id = ${neighbourId}`)
  assert.equal(entries[0]!.n, 5, 'admin, district, street, cadre and grid recorded one each')
})
