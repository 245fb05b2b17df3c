// The permission matrix of ids named in bodies and query strings of the cases, follows,
// notifications, visits, visit schedules and estate ratings routes: for each demo role, a request
// naming a record outside the role's reach is refused and writes nothing; the same request naming
// a record inside it succeeds. Then the follows: whatever a role follows, its lists, map and
// notifications never show a case of a non-public category it may not read.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { plainJpeg } from '../support/images.ts'
import { factories } from '../support/factories.ts'
import { anonymousActor } from '../../src/server/kernel/context.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const level: Record<RoleName, number> = { admin: 100, district: 90, street: 80, cadre: 70, grid: 50, member: 30, resident: 10 }

let t: TestApp
const as = {} as Record<RoleName, Client>
/** A subtree nobody holds a role on (a city, its district, street, community and grid), with records in it. */
const root = { cityId: '', streetId: '', communityId: '', gridId: '', departmentId: '', personId: '', caseId: '', scheduleId: '', taskId: '', photoId: '', notificationId: '', residentId: '' }
/** Per role: its own photo, its own notification, and fresh cases to act on. */
const own = {} as Record<RoleName, { photoId: string; notificationId: string; assignCase: string; mergeCase: string; mergeInto: string; mergeCase2: string }>
let inGrid: { lng: number; lat: number }
/** A grid of the demo street outside the demo community, and two anonymous cases there. */
let nbGridPoint: { lng: number; lat: number }
let secretCaseId: string
let publicCaseId: string

/** A report without a login, through the service (the route's per-address limit counts every request this file makes). */
const reportAnonymously = (input: { categoryCode: string; description: string; location: { lng: number; lat: number }; photoIds?: string[] }) =>
  t.app.services.cases.create(t.database.db, { actor: anonymousActor, ip: null, userAgent: null, requestId: null }, input)
const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const count = async (table: string, where = sql`true`) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`))[0]!.n
const pointIn = async (orgId: string) =>
  (await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${orgId}`))[0]!

before(async () => {
  t = await startTestApp()
  for (const r of ROLES) as[r] = await t.as(r)
  inGrid = await pointIn(t.fixtures.gridId)

  root.cityId = await one(sql`INSERT INTO orgs (kind, name) VALUES ('city', '矩阵外的城市') RETURNING id::text`)
  const district = await one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('district', '矩阵外的区', ${root.cityId}) RETURNING id::text`)
  root.streetId = await one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('street', '矩阵外的街道', ${district}) RETURNING id::text`)
  root.departmentId = await one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('department', '矩阵外的部门', ${root.streetId}) RETURNING id::text`)
  root.communityId = await one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('community', '矩阵外的社区', ${root.streetId}) RETURNING id::text`)
  root.gridId = await one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('grid', '矩阵外的网格', ${root.communityId}) RETURNING id::text`)
  root.personId = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的网格员') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${root.personId}, 'grid_worker', ${root.gridId})`)
  root.caseId = await one(sql`INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, handling_org_id, handling_org_path, channel)
    SELECT linli_district_of(g.id), g.id, g.path, 'facility.road', '矩阵外的事件', ST_SetSRID(ST_MakePoint(100, 30), 4326), g.id, g.path, 'console' FROM orgs g WHERE g.id = ${root.gridId}
    RETURNING id::text`)
  root.scheduleId = await one(sql`INSERT INTO visit_schedules (org_id, name, kind, day_of_month, starts_on) VALUES (${root.streetId}, '矩阵外的计划', 'night', 1, '2026-01-01') RETURNING id::text`)
  await t.query(sql`INSERT INTO visit_schedule_targets (schedule_id, visitor_org_id, community_id) VALUES (${root.scheduleId}, ${root.departmentId}, ${root.communityId})`)
  root.taskId = await one(sql`INSERT INTO visit_tasks (schedule_id, visitor_org_id, community_id, due_on, deadline)
    VALUES (${root.scheduleId}, ${root.departmentId}, ${root.communityId}, '2026-01-01', '2026-01-08') RETURNING id::text`)
  root.photoId = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${root.personId}) RETURNING id::text`)
  root.notificationId = await one(sql`INSERT INTO notifications (person_id, kind, title) VALUES (${root.personId}, 'case.new', '别人的消息') RETURNING id::text`)
  root.residentId = await one(sql`INSERT INTO residents (person_id, org_id, household) VALUES (${root.personId}, ${root.gridId}, '1-101') RETURNING id::text`)

  const report = async (description: string, who: Client = as.admin) => (await who.post('/api/v1/cases', { categoryCode: 'facility.road', description, location: inGrid })).json().id as string
  for (const [i, r] of ROLES.entries()) {
    const upload = await as[r].request({ method: 'POST', url: '/api/v1/attachments', payload: await plainJpeg({ seed: 10 + 30 * i }), headers: { 'content-type': 'image/jpeg' } })
    assert.equal(upload.statusCode, 201, upload.body)
    own[r] = {
      photoId: upload.json().id,
      notificationId: await one(sql`INSERT INTO notifications (person_id, kind, title) VALUES (${t.fixtures.personIds[r]}, 'case.new', '自己的消息') RETURNING id::text`),
      assignCase: await report(`${r} 派单用例`),
      mergeCase: await report(`${r} 合并用例`),
      mergeInto: await report(`${r} 合并目标`),
      mergeCase2: await report(`${r} 合并用例二`),
    }
  }

  // Everyone follows the demo street; then two cases are reported anonymously in a neighbouring
  // community, one of them in a category the public must not see.
  assert.equal((await as.admin.post('/api/v1/case-categories', { code: 'other.matrix_private', name: '不公开类别', nameEn: 'Private', public: false })).statusCode, 201)
  for (const r of ROLES) assert.equal((await as[r].post('/api/v1/follows', { orgId: t.fixtures.streetId })).statusCode, 201, r)
  const [nb] = await t.query<{ id: string }>(sql`SELECT g.id::text FROM orgs g JOIN orgs c ON c.id = g.parent_id
    WHERE g.kind = 'grid' AND c.parent_id = ${t.fixtures.streetId} AND c.id <> ${t.fixtures.communityId} AND g.geometry IS NOT NULL ORDER BY g.id LIMIT 1`)
  nbGridPoint = await pointIn(nb!.id)
  secretCaseId = (await reportAnonymously({ categoryCode: 'other.matrix_private', description: '矩阵：不公开的事件', location: nbGridPoint })).id
  publicCaseId = (await reportAnonymously({ categoryCode: 'facility.road', description: '矩阵：公开的事件', location: nbGridPoint })).id
})
after(() => t.close())

interface Row {
  family: string
  role: RoleName
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  url: () => string
  body?: () => unknown
  expect: number
  /** Read before and after a refused request: it must not change. */
  unchanged?: () => Promise<unknown>
}

const outsideOrg: Record<RoleName, () => string> = {
  admin: () => root.cityId,
  district: () => root.streetId,
  street: () => t.fixtures.otherCommunityId,
  cadre: () => t.fixtures.otherCommunityId,
  grid: () => t.fixtures.siblingGridId,
  member: () => t.fixtures.otherCommunityId,
  resident: () => t.fixtures.siblingGridId,
}
const caseRow = (id: () => string) => () => t.query(sql`SELECT state, assignee_id, merged_into_id, (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id AND e.district_id = c.district_id) AS events FROM cases c WHERE c.id = ${id()}`)

const rows: Row[] = []
for (const role of ROLES) {
  const staff = level[role] >= 50
  const dispatcher = level[role] >= 60
  // Members and residents follow the demo street (before), so they read its public cases: acting on one is refused (403), not hidden.
  const reader = 403
  const o = () => own[role]
  rows.push(
    // Cases: the assignee, the merge target and photo ids of an action.
    { family: 'cases.assign', role, method: 'POST', url: () => `/api/v1/cases/${o().assignCase}/assign`, body: () => ({ assigneeId: root.personId }), expect: dispatcher ? 404 : 403, unchanged: caseRow(() => o().assignCase) },
    { family: 'cases.assign', role, method: 'POST', url: () => `/api/v1/cases/${o().assignCase}/assign`, body: () => ({ assigneeId: t.fixtures.personIds.grid }), expect: dispatcher ? 200 : 403, unchanged: caseRow(() => o().assignCase) },
    { family: 'cases.merge', role, method: 'POST', url: () => `/api/v1/cases/${o().mergeCase}/merge`, body: () => ({ intoId: root.caseId }), expect: staff ? 404 : reader, unchanged: caseRow(() => o().mergeCase) },
    { family: 'cases.merge', role, method: 'POST', url: () => `/api/v1/cases/${o().mergeCase2}/merge`, body: () => ({ intoId: o().mergeInto }), expect: staff ? 200 : reader, unchanged: caseRow(() => o().mergeCase2) },
    // 联系上报人 names a case in the path: one outside every scope is not found for anyone.
    { family: 'cases.reporter-phone', role, method: 'POST', url: () => `/api/v1/cases/${root.caseId}/reporter-phone`, body: () => ({}), expect: 404 },
    { family: 'cases.update', role, method: 'POST', url: () => `/api/v1/cases/${o().mergeInto}/update`, body: () => ({ note: '别人的照片', photoIds: [root.photoId] }), expect: staff ? 404 : reader, unchanged: caseRow(() => o().mergeInto) },
    { family: 'cases.update', role, method: 'POST', url: () => `/api/v1/cases/${o().mergeInto}/update`, body: () => ({ note: '自己的照片', photoIds: [o().photoId] }), expect: staff ? 200 : reader, unchanged: caseRow(() => o().mergeInto) },
    { family: 'cases.create', role, method: 'POST', url: () => '/api/v1/cases', body: () => ({ categoryCode: 'facility.road', description: '别人的照片', location: inGrid, photoIds: [root.photoId] }), expect: 404, unchanged: () => count('cases') },
    { family: 'cases.create', role, method: 'POST', url: () => '/api/v1/cases', body: () => ({ categoryCode: 'facility.road', description: '自己的照片', location: inGrid, photoIds: [o().photoId] }), expect: 201 },
    { family: 'cases.list', role, method: 'GET', url: () => `/api/v1/cases?orgId=${outsideOrg[role]()}`, expect: 404 },
    { family: 'cases.map', role, method: 'GET', url: () => `/api/v1/cases/map?box=following&orgId=${outsideOrg[role]()}`, expect: 404 },
    { family: 'cases.stats', role, method: 'GET', url: () => `/api/v1/cases/stats?orgId=${outsideOrg[role]()}`, expect: 404 },
    { family: 'case-categories', role, method: 'PATCH', url: () => '/api/v1/case-categories/other', body: () => ({ departmentId: root.departmentId }), expect: level[role] >= 90 ? 404 : 403, unchanged: () => t.query(sql`SELECT department_id FROM case_categories WHERE code = 'other'`) },
    // Follows and notifications.
    { family: 'follows', role, method: 'POST', url: () => '/api/v1/follows', body: () => ({ orgId: outsideOrg[role]() }), expect: 404, unchanged: () => count('follows') },
    { family: 'follows', role, method: 'POST', url: () => '/api/v1/follows', body: () => ({ orgId: root.gridId }), expect: 404, unchanged: () => count('follows') },
    { family: 'notifications.read', role, method: 'POST', url: () => '/api/v1/notifications/read', body: () => ({ ids: [o().notificationId, root.notificationId] }), expect: 404, unchanged: () => count('notifications', sql`read_at IS NOT NULL`) },
    { family: 'notifications.read', role, method: 'POST', url: () => '/api/v1/notifications/read', body: () => ({ ids: [o().notificationId] }), expect: 200 },
    // Visits, schedules and tasks.
    { family: 'visits.create', role, method: 'POST', url: () => '/api/v1/visits', body: () => ({ kind: 'night', mode: 'active', orgId: t.fixtures.gridId, visitorOrgId: outsideOrg[role](), households: 1, people: 1, note: '越权的走访单位' }), expect: 404, unchanged: () => count('visits') },
    { family: 'visits.create', role, method: 'POST', url: () => '/api/v1/visits', body: () => ({ kind: 'night', mode: 'active', orgId: t.fixtures.gridId, taskId: root.taskId, households: 1, people: 1, note: '越权的走访任务' }), expect: 404, unchanged: () => count('visits') },
    { family: 'visits.create', role, method: 'POST', url: () => '/api/v1/visits', body: () => ({ kind: 'night', mode: 'active', orgId: t.fixtures.gridId, photoIds: [root.photoId], households: 1, people: 1, note: '别人的照片' }), expect: staff ? 404 : 403, unchanged: () => count('visits') },
    { family: 'visits.create', role, method: 'POST', url: () => '/api/v1/visits', body: () => ({ kind: 'night', mode: 'active', orgId: t.fixtures.gridId, photoIds: [o().photoId], households: 1, people: 1, note: '自己的照片' }), expect: staff ? 201 : 403, unchanged: () => count('visits') },
    // The residents met: someone outside the caller's scope is not found; none written.
    { family: 'visits.create', role, method: 'POST', url: () => '/api/v1/visits', body: () => ({ kind: 'home', mode: 'active', orgId: t.fixtures.gridId, residentIds: [root.residentId], households: 1, people: 1, note: '越权的居民' }), expect: staff ? 404 : 403, unchanged: () => count('visits') },
    { family: 'visits.list', role, method: 'GET', url: () => `/api/v1/visits?visitorId=${root.personId}`, expect: 404 },
    { family: 'visits.list', role, method: 'GET', url: () => `/api/v1/visits?taskId=${root.taskId}`, expect: 404 },
    { family: 'visits.list', role, method: 'GET', url: () => `/api/v1/visits?visitorId=${t.fixtures.personIds[role]}`, expect: 200 },
    { family: 'visit-schedules.create', role, method: 'POST', url: () => '/api/v1/visit-schedules', body: () => ({ orgId: t.fixtures.streetId, name: '越权的走访对象', kind: 'home', dayOfMonth: 5, startsOn: '2026-01-01', targets: [{ visitorOrgId: t.fixtures.gridId, communityId: root.communityId }] }), expect: level[role] >= 80 ? 404 : 403, unchanged: () => count('visit_schedules') },
    { family: 'visit-schedules.create', role, method: 'POST', url: () => '/api/v1/visit-schedules', body: () => ({ orgId: t.fixtures.streetId, name: `${role} 的计划`, kind: 'home', dayOfMonth: 5, startsOn: '2026-01-01', targets: [{ visitorOrgId: t.fixtures.gridId, communityId: t.fixtures.communityId }] }), expect: level[role] >= 80 ? 201 : 403, unchanged: () => count('visit_schedules') },
    { family: 'visit-tasks.list', role, method: 'GET', url: () => `/api/v1/visit-tasks?scheduleId=${root.scheduleId}`, expect: 404 },
    { family: 'visit-tasks.summary', role, method: 'GET', url: () => `/api/v1/visit-tasks/summary?scheduleId=${root.scheduleId}`, expect: 404 },
    { family: 'estate-ratings.list', role, method: 'GET', url: () => `/api/v1/estate-ratings?orgId=${outsideOrg[role]()}`, expect: 404 },
    { family: 'estate-ratings.list', role, method: 'GET', url: () => `/api/v1/estate-ratings?orgId=${t.fixtures.communityId}`, expect: 200 },
  )
}

test('ids in bodies and query strings are checked like ids in paths; a refusal writes nothing', { timeout: 300_000 }, async () => {
  const wrong: string[] = []
  for (const r of rows) {
    const before = r.unchanged ? JSON.stringify(await r.unchanged()) : null
    const payload = r.body?.()
    const res = await as[r.role].request({ method: r.method, url: r.url(), ...(payload === undefined ? {} : { payload: payload as object }) })
    const where = `${r.family} as ${r.role}: ${r.method} ${r.url()}`
    if (res.statusCode !== r.expect) wrong.push(`${where} → ${res.statusCode} (expected ${r.expect}) ${res.body.slice(0, 160)}`)
    else if (res.statusCode >= 400 && !res.json().error?.message) wrong.push(`${where}: no error shape`)
    if (res.statusCode >= 400 && before !== null && JSON.stringify(await r.unchanged!()) !== before) wrong.push(`${where}: refused but wrote`)
  }
  assert.deepEqual(wrong, [])
  assert.ok(rows.length >= 7 * 25)
})

test('whatever a role follows, box=following, the map and its notifications show no case it may not read', async () => {
  const wrong: string[] = []
  for (const role of ROLES) {
    const staffThere = level[role] >= 80
    const who = as[role]
    const listed: string[] = []
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { items: { id: string; reporter: unknown }[]; nextCursor: string | null } = (await who.get(`/api/v1/cases?box=following&limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json()
      listed.push(...page.items.map((c) => c.id))
      cursor = page.nextCursor
    }
    const mapped = ((await who.get('/api/v1/cases/map?box=following')).json().features as { properties: { id: string } }[]).map((f) => f.properties.id)
    const told = ((await who.get('/api/v1/notifications?limit=100')).json().items as { link: { caseId?: string } }[]).map((n) => n.link.caseId)
    const record = (await who.get(`/api/v1/cases/${secretCaseId}`)).statusCode
    const seen = { list: listed.includes(secretCaseId), map: mapped.includes(secretCaseId), told: told.includes(secretCaseId), record: record === 200 }
    const expected = { list: staffThere, map: staffThere, told: staffThere, record: staffThere }
    if (JSON.stringify(seen) !== JSON.stringify(expected)) wrong.push(`${role}: the non-public case ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`)
    if (!listed.includes(publicCaseId) || !mapped.includes(publicCaseId) || !told.includes(publicCaseId)) wrong.push(`${role}: the public case of the followed street is missing`)
    if (listed.includes(root.caseId) || mapped.includes(root.caseId)) wrong.push(`${role}: a case outside every scope is listed`)
    if (level[role] < 50 && (await who.get(`/api/v1/cases/stats?orgId=${t.fixtures.streetId}`)).json().total !== 0) wrong.push(`${role}: figures count cases it is not staff over`)
  }
  assert.deepEqual(wrong, [])
})

test('a photo uploaded without a login goes to the one report that uses it, and to no later one', async () => {
  // A grid and a resident of its own (test/support/factories.ts), not the demo's.
  const make = factories(t)
  const grid = await make.newGrid(await make.newCommunity())
  const resident = await make.newPerson({ role: 'resident', orgId: (await make.newBuilding(grid)).id })
  const inGrid = make.centre(grid.box)
  const upload = await t.anonymous.request({ method: 'POST', url: '/api/v1/attachments', payload: await plainJpeg({ seed: 235 }), headers: { 'content-type': 'image/jpeg' } })
  assert.equal(upload.statusCode, 201, upload.body)
  const first = await reportAnonymously({ categoryCode: 'facility.road', description: '带照片的匿名反映', location: inGrid, photoIds: [upload.json().id] })
  assert.equal(first.photos[0]!.id, upload.json().id)
  const before = await count('cases')
  const again = await resident.client.post('/api/v1/cases', { categoryCode: 'facility.road', description: '借用别人的照片', location: inGrid, photoIds: [upload.json().id] })
  assert.equal(again.statusCode, 404)
  assert.equal(again.json().error.code, 'PHOTO_NOT_FOUND')
  assert.equal(await count('cases'), before)
})
