// The permission matrix of organisation life (issue 17): for every demo role, each request that
// names a Party organisation, node, person, meeting link, study course or session outside the
// role's scope is refused (401/403/404, or 422 where a field is checked after its record loads)
// and writes nothing; inside the scope the staff read and the cadres manage; the lists and the
// dashboards show only what the reader may read.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const manages: Record<RoleName, boolean> = { admin: true, district: true, street: true, cadre: true, grid: false, member: false, resident: false }
const reads: Record<RoleName, boolean> = { ...manages, grid: true }

let t: TestApp
const as = {} as Record<RoleName, Client>
const far = {} as Record<'community' | 'person' | 'activity' | 'wish' | 'course' | 'session' | 'topic' | 'photo', string>
let demoMeeting: string
let demoCourse: string
let demoSession: string
const year = new Date().getUTCFullYear()

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const counts = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM party_org_members) || '/' || (SELECT count(*) FROM party_org_members WHERE left_on IS NOT NULL) || '/' ||
  (SELECT count(*) FROM party_life_plans) || '/' || (SELECT count(*) FROM meetings) || '/' || (SELECT count(*) FROM meeting_invitees) || '/' ||
  (SELECT count(*) FROM study_courses) || '/' || (SELECT count(*) FROM study_sessions) || '/' || (SELECT count(*) FROM study_attendance) AS n`))[0]!.n
const meeting = (over: Record<string, unknown> = {}) => ({
  kind: 'branch_committee', title: '矩阵支委会', startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 5 * 86_400_000 + 3_600_000).toISOString(), place: '党员活动室', ...over,
})

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  const root = await org('city', '矩阵外的城市', null)
  const street = await org('street', '矩阵外的街道', await org('district', '矩阵外的区', root))
  far.community = await org('community', '矩阵外的社区', street)
  await t.query(sql`UPDATE orgs SET party_org_kind = 'branch' WHERE id IN (${far.community}, ${t.fixtures.communityId})`)
  await t.query(sql`UPDATE orgs SET party_org_kind = 'group' WHERE id = ${t.fixtures.gridId}`)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的党员') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${far.person}, 'resident', ${far.community}, DATE '2026-01-01')`)
  await t.query(sql`INSERT INTO party_org_members (party_org_id, person_id, relation, joined_on) VALUES (${far.community}, ${far.person}, 'direct', DATE '2026-01-01')`)
  far.activity = await one(sql`INSERT INTO activities (org_id, title, place, location, starts_at, ends_at, capacity, checkin_secret, status)
    VALUES (${far.community}, '矩阵外的志愿活动', '矩阵外', ST_SetSRID(ST_MakePoint(100, 30), 4326), now() + interval '1 day', now() + interval '26 hours', 10, 'x', 'published') RETURNING id::text`)
  far.wish = await one(sql`INSERT INTO wishes (org_id, state, wisher_id, beneficiary, category, title, value_yuan)
    VALUES (${far.community}, 'open', ${far.person}, 'child', 'study', '矩阵外的心愿', 50) RETURNING id::text`)
  // INSERT … SELECT, not a subquery in VALUES (which Citus refuses on a Citus local table).
  far.topic = await one(sql`INSERT INTO topics (org_id, title, body, template_version_id, state, stage_key)
    SELECT ${far.community}::bigint, '矩阵外的议题', '矩阵外的议题内容', id, 'deliberating', 'discuss' FROM deliberation_template_versions ORDER BY id LIMIT 1 RETURNING id::text`)
  far.course = await one(sql`INSERT INTO study_courses (org_id, kind, title, year, created_by) VALUES (${far.community}, 'party_history', '矩阵外的课程', ${year}, ${far.person}) RETURNING id::text`)
  far.session = await one(sql`INSERT INTO study_sessions (course_id, title, starts_at, hours, created_by) VALUES (${far.course}, '矩阵外的课次', now(), 2, ${far.person}) RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (md5(random()::text) || md5(random()::text), 'image/png', 100, ${far.person}) RETURNING id::text`)
  const dm = await as.cadre.post(`/api/v1/party-orgs/${t.fixtures.communityId}/meetings`, meeting())
  assert.equal(dm.statusCode, 201, dm.body)
  demoMeeting = dm.json().id
  const course = await as.cadre.post('/api/v1/study-courses', { orgId: t.fixtures.communityId, kind: 'theory', title: '矩阵理论学习', year })
  assert.equal(course.statusCode, 201, course.body)
  demoCourse = course.json().id
  const s = await as.cadre.post(`/api/v1/study-courses/${demoCourse}/sessions`, { title: '矩阵课次', startsAt: new Date().toISOString(), hours: 1 })
  assert.equal(s.statusCode, 201, s.body)
  demoSession = s.json().sessions[0].id
})
after(() => t.close())

test('organisation life: every role is refused outside its scope in the path and in each id field, and nothing is written', async () => {
  const demo = t.fixtures.communityId
  for (const r of ROLES) {
    const c = as[r]
    type Send = () => Promise<{ statusCode: number; body: string }>
    const refused = (family: string, send: Send, refuse: number[]): [string, Send, number[]] => [family, send, refuse]
    const fp = `/api/v1/party-orgs/${far.community}`
    const rows = [
      refused('party-orgs.list.orgId', () => c.get(`/api/v1/party-orgs?orgId=${far.community}`), [403, 404]),
      refused('party-orgs.members', () => c.get(`${fp}/members`), [403, 404]),
      refused('party-orgs.members.add', () => c.post(`${fp}/members`, { personId: t.fixtures.personIds.resident!, relation: 'direct' }), [403, 404]),
      refused('party-orgs.members.add.personId', () => c.post(`/api/v1/party-orgs/${demo}/members`, { personId: far.person, relation: 'direct' }), [403, 404]),
      refused('party-orgs.members.remove', () => c.delete(`${fp}/members/${far.person}`), [403, 404]),
      refused('party-orgs.members.record', () => c.get(`${fp}/members/${far.person}/record`), [403, 404]),
      refused('party-orgs.plans.read', () => c.get(`${fp}/plans/${year}`), [403, 404]),
      refused('party-orgs.plans.set', () => c.put(`${fp}/plans/${year}`, { items: [{ kind: 'theme_day', frequency: 'monthly' }] }), [403, 404]),
      refused('party-orgs.meetings.list', () => c.get(`${fp}/meetings`), [403, 404]),
      refused('party-orgs.meetings.create', () => c.post(`${fp}/meetings`, meeting()), [403, 404]),
      refused('party-orgs.meetings.create.inviteeIds', () => c.post(`/api/v1/party-orgs/${demo}/meetings`, meeting({ inviteeIds: [far.person] })), [403, 404]),
      refused('party-orgs.meetings.create.activityId', () => c.post(`/api/v1/party-orgs/${demo}/meetings`, meeting({ kind: 'micro_day', activityId: far.activity })), [403, 404]),
      refused('party-orgs.meetings.create.wishId', () => c.post(`/api/v1/party-orgs/${demo}/meetings`, meeting({ kind: 'micro_day', wishId: far.wish })), [403, 404]),
      refused('party-orgs.meetings.create.topicId', () => c.post(`/api/v1/party-orgs/${demo}/meetings`, meeting({ agenda: [{ text: '议题', topicId: far.topic }] })), [403, 404]),
      refused('party-orgs.meetings.create.representativeIds', () => c.post(`/api/v1/party-orgs/${demo}/meetings`, meeting({ parties: [{ kind: 'school', name: '学校', representativeIds: [far.person] }] })), [403, 404]),
      refused('party-orgs.dashboard', () => c.get(`${fp}/dashboard`), [403, 404]),
      refused('party-orgs.study-hours', () => c.get(`${fp}/study-hours`), [403, 404]),
      refused('party-life.overview.orgId', () => c.get(`/api/v1/party-life/overview?orgId=${far.community}`), [403, 404]),
      refused('study-courses.list.orgId', () => c.get(`/api/v1/study-courses?orgId=${far.community}`), [403, 404]),
      refused('study-courses.create.orgId', () => c.post('/api/v1/study-courses', { orgId: far.community, kind: 'theory', title: '越权课程', year }), [403, 404]),
      refused('study-courses.read', () => c.get(`/api/v1/study-courses/${far.course}`), [403, 404]),
      refused('study-courses.sessions', () => c.post(`/api/v1/study-courses/${far.course}/sessions`, { title: '越权课次', startsAt: new Date().toISOString(), hours: 1 }), [403, 404]),
      refused('study-sessions.read', () => c.get(`/api/v1/study-sessions/${far.session}`), [403, 404]),
      refused('study-sessions.attendance', () => c.post(`/api/v1/study-sessions/${far.session}/attendance`, { entries: [{ personId: far.person, present: true }] }), [403, 404]),
      refused('study-sessions.attendance.personId', () => c.post(`/api/v1/study-sessions/${demoSession}/attendance`, { entries: [{ personId: far.person, present: true }] }), [403, 404]),
      refused('meetings.create.activityId', () => c.post('/api/v1/meetings', { ...meeting({ kind: 'micro_day', activityId: far.activity }), orgId: demo }), [403, 404]),
refused('meetings.photos.photoIds', () => c.put(`/api/v1/meetings/${demoMeeting}/photos`, { photoIds: [far.photo] }), [403, 404]),
            refused('meetings.create.wishId', () => c.post('/api/v1/meetings', { ...meeting({ kind: 'micro_day', wishId: far.wish }), orgId: demo }), [403, 404]),
    ]
    for (const [family, send, refuse] of rows) {
      const before = await counts()
      const res = await send()
      assert.ok(refuse.includes(res.statusCode), `${family} as ${r} → ${res.statusCode} ${res.body.slice(0, 200)}`)
      assert.equal(await counts(), before, `${family} as ${r} wrote something`)
    }
    // Inside the scope: staff read (grid staff their grid's Party group), cadres and above manage.
    const own = r === 'grid' ? t.fixtures.gridId : demo
    const dash = await c.get(`/api/v1/party-orgs/${own}/dashboard`)
    assert.equal(dash.statusCode, reads[r] ? 200 : 404, `dashboard (own) as ${r}: ${dash.body.slice(0, 200)}`)
    const plan = await c.put(`/api/v1/party-orgs/${own}/plans/${year}`, { items: [{ kind: 'theme_day', frequency: 'monthly' }] })
    assert.equal(plan.statusCode, manages[r] ? 200 : reads[r] ? 403 : 404, `plans.set (own) as ${r}: ${plan.body.slice(0, 200)}`)
    const course = await c.post('/api/v1/study-courses', { orgId: own, kind: 'theory', title: `矩阵课程${r}`, year })
    assert.equal(course.statusCode, manages[r] ? 201 : 403, `study-courses.create (own) as ${r}: ${course.body.slice(0, 200)}`)
    const me = await c.get('/api/v1/party-life/me')
    assert.equal(me.statusCode, 200, `me as ${r}`)
  }
  assert.equal((await t.anonymous.get('/api/v1/party-life/me')).statusCode, 401)
  assert.equal((await t.anonymous.get(`/api/v1/party-orgs/${t.fixtures.communityId}/dashboard`)).statusCode, 401)
})

test('derived views: Party organisations, the rollup and study courses list only what the reader may read', async () => {
  for (const r of ROLES) {
    const orgs = await as[r].get('/api/v1/party-orgs')
    if (reads[r]) assert.ok(!orgs.json().some((o: { id: string }) => o.id === far.community), `party-orgs as ${r} shows the far branch`)
    else assert.equal(orgs.statusCode, 403, `party-orgs as ${r}`)
    const overview = await as[r].get('/api/v1/party-life/overview')
    if (reads[r]) assert.ok(!overview.json().orgs.some((o: { id: string }) => o.id === far.community), `overview as ${r} shows the far branch`)
    else assert.equal(overview.statusCode, 403, `overview as ${r}`)
    const courses = await as[r].get('/api/v1/study-courses')
    if (reads[r]) assert.ok(!courses.json().some((o: { id: string }) => o.id === far.course), `study-courses as ${r} shows the far course`)
    else assert.equal(courses.statusCode, 403, `study-courses as ${r}`)
    const me = (await as[r].get('/api/v1/party-life/me')).json()
    assert.equal(me.person.id, t.fixtures.personIds[r], `me as ${r}`)
  }
})
