// The permission matrix for the ids in bodies and query strings that the other matrix files left
// out (security review, issue 11; the registry test/api/id-fields.ts points here): moving a node
// under a parent, audit filters, photos of a handling and of a visit's case, schedule, summary and
// volunteer list filters, an activity's team and attendance, the unit filters of pairings, list
// items, members, registrations and cards, the letter and registration references, and the
// community filters of ledgers and the pioneer index. For every demo role a request naming a
// record outside the role's scope is refused (403 or 404; 422 where the module documents it for
// that field, as for photos and a member's own community; an empty list for list filters) and
// writes nothing; the same request inside the scope succeeds for the roles that may act.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { plainJpeg } from '../support/images.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const level: Record<RoleName, number> = { admin: 100, district: 90, street: 80, cadre: 70, grid: 50, member: 30, resident: 10 }

let t: TestApp
const as = {} as Record<RoleName, Client>
/** A world nobody holds a role in, not even the admin: every id in it is outside every scope. */
const far = {} as Record<'root' | 'street' | 'department' | 'community' | 'grid' | 'person' | 'unit' | 'member' | 'post' | 'photo' | 'letter' | 'team', string>
/** Per role: a grid just outside what it may act on, and its own records inside the demo scope. */
const outsideGrid = {} as Record<RoleName, string>
const outsideOrg = {} as Record<RoleName, string>
const own = {} as Record<RoleName, { photo: string; building: string; handleCase: string; visit: string | null }>
let streetUnit: string
let activityId: string
let teamId: string
let residentMember: string

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id
const inTwoDays = (h: number) => new Date(Date.now() + (48 + h) * 3_600_000).toISOString()

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const f = t.fixtures
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  far.root = await org('city', '矩阵外的城市', null)
  const district = await org('district', '矩阵外的区', far.root)
  far.street = await org('street', '矩阵外的街道', district)
  far.department = await org('department', '矩阵外的部门', far.street)
  far.community = await org('community', '矩阵外的社区', far.street)
  far.grid = await org('grid', '矩阵外的网格', far.community)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${far.person}, 'resident', ${far.grid})`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'non_public_firm', ${far.street}) RETURNING id::text`)
  far.member = await one(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id, employer_unit_id) VALUES (${far.person}, '中共矩阵外支部', 'regular', ${far.community}, ${far.unit}) RETURNING id::text`)
  far.post = await one(sql`INSERT INTO community_posts (community_id, kind, title, capacity) VALUES (${far.community}, 'post', '矩阵外的岗位', 5) RETURNING id::text`)
  far.photo = await one(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${far.person}) RETURNING id::text`)
  far.letter = await one(sql`INSERT INTO introduction_letters (unit_id, member_id, community_id, year, serial, number, issued_by)
    VALUES (${far.unit}, ${far.member}, ${far.community}, 2026, 1, '矩阵外的介绍信', ${far.person}) RETURNING id::text`)
  far.team = await one(sql`INSERT INTO volunteer_teams (org_id, name, function) VALUES (${far.community}, '矩阵外的服务队', 'other') RETURNING id::text`)
  await t.query(sql`INSERT INTO audit_log (actor_person_id, action, entity, entity_id, org_path) SELECT ${far.person}, 'org.update', 'org', ${far.grid}, path FROM orgs WHERE id = ${far.grid}`)
  // Rows of the far world that the unit, post and community filters below would match, were they not scoped.
  await t.query(sql`INSERT INTO pairing_agreements (community_id, unit_id, kind, title, terms, tags, starts_on, created_by) VALUES (${far.community}, ${far.unit}, 'area', '矩阵外的协议', '矩阵外的条款。', ARRAY['party_work'], '2026-01-01', ${far.person})`)
  await t.query(sql`INSERT INTO list_items (list, community_id, title, description, published_by, publisher_unit_id) VALUES ('need', ${far.community}, '矩阵外的需求', '矩阵外的需求说明', ${far.person}, ${far.unit})`)
  await t.query(sql`INSERT INTO registrations (kind, unit_id, community_id, submitted_by) VALUES ('unit', ${far.unit}, ${far.community}, ${far.person})`)
  await t.query(sql`INSERT INTO feedback_cards (member_id, period, community_id, unit_id, content, generated_by) VALUES (${far.member}, '2025', ${far.community}, ${far.unit}, '{}'::jsonb, ${far.person})`)
  await t.query(sql`INSERT INTO post_claims (post_id, member_id, year, claimed_by) VALUES (${far.post}, ${far.member}, 2026, ${far.person})`)

  const otherStreetGrid = await one(sql`SELECT g.id::text FROM orgs g JOIN orgs c ON c.id = g.parent_id WHERE c.id = ${f.otherCommunityId} AND g.kind = 'grid' ORDER BY g.id LIMIT 1`)
  const inGrid = (await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${f.gridId}`))[0]!
  const visits: Partial<Record<RoleName, string>> = {}
  for (const [i, r] of ROLES.entries()) {
    outsideGrid[r] = level[r] >= 90 ? far.grid : level[r] >= 70 || r === 'member' ? otherStreetGrid : f.siblingGridId
    outsideOrg[r] = level[r] >= 90 ? far.community : level[r] >= 70 || r === 'member' ? f.otherCommunityId : f.siblingGridId
    const upload = await as[r].request({ method: 'POST', url: '/api/v1/attachments', payload: await plainJpeg({ seed: 20 + 30 * i }), headers: { 'content-type': 'image/jpeg' } })
    assert.equal(upload.statusCode, 201, upload.body)
    const handleCase = (await as.admin.post('/api/v1/cases', { categoryCode: 'facility.road', description: `${r} 处置用例`, location: inGrid })).json().id as string
    // Assigned to the demo grid worker: the dispatchers (cadre and up) and the assignee may handle it.
    await t.query(sql`UPDATE cases SET state = 'assigned', assignee_id = ${f.personIds.grid} WHERE id = ${handleCase}`)
    if (level[r] >= 50) {
      const v = await as[r].post('/api/v1/visits', { kind: 'night', mode: 'active', orgId: f.gridId, households: 1, people: 1, note: `${r} 的走访` })
      assert.equal(v.statusCode, 201, v.body)
      visits[r] = v.json().id
    }
    own[r] = { photo: upload.json().id, building: await org('building', `${r} 要挪动的楼栋`, f.gridId), handleCase, visit: visits[r] ?? visits.grid ?? null }
  }
  streetUnit = await one(sql`SELECT id::text FROM units WHERE org_id = ${f.streetId} AND deleted_at IS NULL ORDER BY id LIMIT 1`)
  teamId = (await as.cadre.post('/api/v1/volunteer-teams', { orgId: f.communityId, name: '矩阵服务队', function: 'other' })).json().id
  const activity = await as.cadre.post('/api/v1/activities', { orgId: f.communityId, title: '矩阵活动', place: '社区广场', location: { lng: 115.86, lat: 28.68 }, startsAt: inTwoDays(0), endsAt: inTwoDays(2), capacity: 5 })
  assert.equal(activity.statusCode, 201, activity.body)
  activityId = activity.json().id
  // The demo resident becomes a party member of the demo community, employed by a street unit, not yet registered.
  residentMember = await one(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id, employer_unit_id)
    VALUES (${f.personIds.resident}, '中共矩阵支部', 'regular', ${f.communityId}, ${streetUnit}) RETURNING id::text`)
  // The demo member works for that unit: the employer's people issue its introduction letters.
  await t.query(sql`INSERT INTO unit_people (unit_id, person_id) VALUES (${streetUnit}, ${f.personIds.member}) ON CONFLICT DO NOTHING`)
})
after(() => t.close())

const TABLES = ['orgs', 'cases', 'case_events', 'visits', 'visit_schedules', 'visit_schedule_targets', 'case_categories', 'activities', 'activity_attendances',
  'registrations', 'introduction_letters', 'pairing_agreements', 'list_items', 'feedback_cards', 'post_claims', 'audit_log']
async function snapshot(): Promise<string> {
  const [row] = await t.query<Record<string, unknown>>(sql.raw(`SELECT ${TABLES.map((n) => `(SELECT count(*)::int FROM ${n}) AS ${n}`).join(', ')},
    (SELECT md5(string_agg(id::text || ':' || path::text, ',' ORDER BY id)) FROM orgs) AS paths,
    (SELECT md5(string_agg(id::text || ':' || state || ':' || coalesce(result, ''), ',' ORDER BY id)) FROM cases) AS states,
    (SELECT md5(string_agg(id::text || ':' || coalesce(team_id::text, '') || ':' || title, ',' ORDER BY id)) FROM activities) AS teams,
    (SELECT md5(string_agg(id::text || ':' || status || ':' || coalesce(letter_attachment_id::text, '') || ':' || coalesce(letter_id::text, ''), ',' ORDER BY id)) FROM registrations) AS regs`))
  return JSON.stringify(row)
}

const LIST = 'list' as const

interface Row {
  family: string
  role: RoleName
  method: 'GET' | 'POST' | 'PATCH'
  url: string
  body?: unknown
  /** The status when allowed; undefined: refused with one of `refuse` and nothing written. */
  ok?: number
  refuse?: number[]
  /** A list that may answer 200: then it must hold nothing. */
  emptyList?: true
}

function rowsFor(r: RoleName): Row[] {
  const f = t.fixtures
  const o = own[r]
  const may = (min: number, status: number) => (level[r] >= min ? status : undefined)
  /** `LIST`: a list filter, which may also answer 200 with nothing in it. */
  const refused = (family: string, method: Row['method'], url: string, body?: unknown, refuse?: number[] | typeof LIST): Row =>
    (refuse === LIST ? { family, role: r, method, url, body, emptyList: true } : { family, role: r, method, url, body, refuse })
  const control = (family: string, method: Row['method'], url: string, ok: number | undefined, body?: unknown): Row[] => (ok === undefined ? [] : [{ family, role: r, method, url, body, ok }])
  const PHOTO = [403, 404, 422]
  const visitCase = (photo: string) => ({ categoryCode: 'facility.road', description: `${r} 走访发现的问题`, photoIds: [photo] })
  return [
    // Orgs: a managed node moved under a parent outside the scope.
    refused('orgs.move.parentId', 'POST', `/api/v1/orgs/${o.building}/move`, { parentId: outsideGrid[r] }),
    ...control('orgs.move.parentId', 'POST', `/api/v1/orgs/${o.building}/move`, may(70, 200), { parentId: f.siblingGridId }),
    // Audit filters: never a row outside the reader's scope.
    refused('audit.list.actorId', 'GET', `/api/v1/audit?actorId=${far.person}`, undefined, LIST),
    refused('audit.list.entityId', 'GET', `/api/v1/audit?entity=org&entityId=${far.grid}`, undefined, LIST),
    ...control('audit.list.actorId', 'GET', `/api/v1/audit?actorId=${f.personIds[r]}`, may(70, 200)),
    // Cases: the department of a new category, the photos of a handling and of a visit's case.
    refused('case-categories.create.departmentId', 'POST', '/api/v1/case-categories', { code: `other.gap_${r}`, name: '越界部门', nameEn: 'Outside department', departmentId: far.department }),
    refused('cases.handle.photoIds', 'POST', `/api/v1/cases/${o.handleCase}/handle`, { result: '别人的照片', photoIds: [far.photo] }, PHOTO),
    ...control('cases.handle.photoIds', 'POST', `/api/v1/cases/${o.handleCase}/handle`, may(50, 200), { result: '已处置，附自己的照片', photoIds: [o.photo] }),
    refused('visits.cases.photoIds', 'POST', `/api/v1/visits/${o.visit}/cases`, visitCase(far.photo), PHOTO),
    ...control('visits.cases.photoIds', 'POST', `/api/v1/visits/${o.visit}/cases`, may(50, 201), visitCase(o.photo)),
    // Visit schedules and tasks.
    refused('visit-schedules.list.orgId', 'GET', `/api/v1/visit-schedules?orgId=${outsideOrg[r]}`, undefined, LIST),
    refused('visit-schedules.create.visitorOrgId', 'POST', '/api/v1/visit-schedules', { orgId: f.streetId, name: '越界的走访单位', kind: 'home', dayOfMonth: 5, startsOn: '2026-01-01', targets: [{ visitorOrgId: far.department, communityId: f.communityId }] }),
    refused('visit-tasks.summary.orgId', 'GET', `/api/v1/visit-tasks/summary?orgId=${outsideOrg[r]}`, undefined, LIST),
    ...control('visit-tasks.summary.orgId', 'GET', `/api/v1/visit-tasks/summary?orgId=${f.gridId}`, may(50, 200)),
    // Volunteers: list filters, an activity's team and the person whose attendance is confirmed.
    refused('volunteer-teams.list.orgId', 'GET', `/api/v1/volunteer-teams?orgId=${outsideOrg[r]}`, undefined, LIST),
    refused('volunteers.list.orgId', 'GET', `/api/v1/volunteers?orgId=${outsideOrg[r]}`, undefined, LIST),
    refused('activities.list.orgId', 'GET', `/api/v1/activities?orgId=${outsideOrg[r]}`, undefined, LIST),
    refused('time-bank.list.orgId', 'GET', `/api/v1/time-bank/entries?orgId=${outsideOrg[r]}`, undefined, LIST),
    ...control('volunteers.list.orgId', 'GET', `/api/v1/volunteers?orgId=${f.communityId}`, 200),
    refused('activities.update.teamId', 'PATCH', `/api/v1/activities/${activityId}`, { teamId: far.team }, [403, 404, 422]),
    ...control('activities.update.teamId', 'PATCH', `/api/v1/activities/${activityId}`, may(70, 200), { teamId, title: `${r} 改过的活动` }),
    refused('activities.attendance.personId', 'POST', `/api/v1/activities/${activityId}/attendance`, { personId: far.person, checkedInAt: inTwoDays(0) }, [403, 404, 422]),
    // Units named by list filters.
    refused('pairings.list.unitId', 'GET', `/api/v1/pairings?unitId=${far.unit}`, undefined, LIST),
    refused('list-items.list.unitId', 'GET', `/api/v1/list-items?unitId=${far.unit}`, undefined, LIST),
    refused('members.list.unitId', 'GET', `/api/v1/members?unitId=${far.unit}`, undefined, LIST),
    refused('registrations.list.unitId', 'GET', `/api/v1/registrations?unitId=${far.unit}`, undefined, LIST),
    refused('cards.list.unitId', 'GET', `/api/v1/feedback-cards?unitId=${far.unit}`, undefined, LIST),
    refused('cards.list.communityId', 'GET', `/api/v1/feedback-cards?communityId=${far.community}`, undefined, LIST),
    refused('claims.list.postId', 'GET', `/api/v1/post-claims?postId=${far.post}`, undefined, LIST),
    ...control('members.list.unitId', 'GET', `/api/v1/members?unitId=${streetUnit}`, 200),
    // Members: the behind list, ledgers and the pioneer index filtered by a community outside the scope.
    refused('members.behind.communityId', 'GET', `/api/v1/members/behind?communityId=${far.community}`, undefined, LIST),
    refused('ledgers.communityId', 'GET', `/api/v1/ledgers/member-database?communityId=${far.community}`),
    refused('ledgers.xlsx.communityId', 'GET', `/api/v1/ledgers/member-database.xlsx?communityId=${far.community}`),
    refused('pioneer-index.communityId', 'GET', `/api/v1/pioneer-index?communityId=${far.community}`),
    ...control('ledgers.communityId', 'GET', `/api/v1/ledgers/member-database?communityId=${f.communityId}`, may(70, 200)),
    ...control('pioneer-index.communityId', 'GET', `/api/v1/pioneer-index?communityId=${f.communityId}`, may(70, 200)),
    // Letters and registrations: the community and the letter a member registers with are their own.
    refused('letters.communityId', 'POST', '/api/v1/introduction-letters', { memberId: residentMember, communityId: far.community }, [403, 404, 422]),
    ...control('letters.communityId', 'POST', '/api/v1/introduction-letters', r === 'member' ? 201 : undefined, { memberId: residentMember, communityId: f.communityId }),
    refused('registrations.communityId', 'POST', '/api/v1/registrations', { kind: 'member', communityId: far.community, letterAttachmentId: o.photo }, [403, 404, 409, 422]),
    refused('registrations.letterAttachmentId', 'POST', '/api/v1/registrations', { kind: 'member', letterAttachmentId: far.photo }, [403, 404, 409, 422]),
    refused('registrations.letterId', 'POST', '/api/v1/registrations', { kind: 'member', letterId: far.letter }, [403, 404, 409, 422]),
    ...control('registrations.create', 'POST', '/api/v1/registrations', r === 'resident' ? 201 : undefined, { kind: 'member', letterAttachmentId: o.photo }),
  ]
}

async function run(rows: Row[], wrong: string[]): Promise<{ refusals: number; successes: number }> {
  let refusals = 0
  let successes = 0
  for (const row of rows) {
    const before = await snapshot()
    const res = await as[row.role].request({ method: row.method, url: row.url, ...(row.body !== undefined ? { payload: row.body as object } : {}) })
    const where = `${row.family} as ${row.role}: ${row.method} ${row.url} ${row.body ? JSON.stringify(row.body) : ''} → ${res.statusCode} ${res.body.slice(0, 160)}`
    if (row.ok !== undefined) {
      if (res.statusCode !== row.ok) wrong.push(`${where} (expected ${row.ok})`)
      else successes++
      continue
    }
    if (row.emptyList && res.statusCode === 200) {
      const items = (res.json() as { items?: unknown[] }).items
      if (!Array.isArray(items) || items.length > 0) wrong.push(`${where}: listed rows outside the scope`)
      else refusals++
    } else if (!(row.refuse ?? [403, 404]).includes(res.statusCode)) {
      wrong.push(`${where} (expected ${(row.refuse ?? [403, 404]).join(' or ')})`)
    } else if (!res.json().error?.message) {
      wrong.push(`${where}: no error shape`)
    } else {
      refusals++
    }
    if ((await snapshot()) !== before) wrong.push(`${where}: refused but wrote`)
  }
  return { refusals, successes }
}

test('ids outside the caller\'s scope that the other matrix files left out are refused and write nothing; inside it, the request succeeds', { timeout: 600_000 }, async () => {
  const wrong: string[] = []
  const { refusals, successes } = await run(ROLES.flatMap(rowsFor), wrong)
  assert.deepEqual(wrong, [])
  assert.ok(refusals >= 7 * 30, `${refusals} refusals`)
  assert.ok(successes >= 45, `${successes} allowed rows answered as expected`)
})

test('a returned registration is resubmitted only with the member\'s own letter photo or letter', { timeout: 120_000 }, async () => {
  const [reg] = await t.query<{ id: string }>(sql`SELECT id::text FROM registrations WHERE member_id = ${residentMember}`)
  assert.ok(reg, 'the resident registered in the matrix above')
  await t.query(sql`UPDATE registrations SET status = 'returned', return_reason = '请重新上传介绍信' WHERE id = ${reg!.id}`)
  const rows: Row[] = ROLES.flatMap((r): Row[] => [
    { family: 'registrations.resubmit.letterAttachmentId', role: r, method: 'POST', url: `/api/v1/registrations/${reg!.id}/resubmit`, body: { letterAttachmentId: far.photo }, refuse: [403, 404, 422] },
    { family: 'registrations.resubmit.letterId', role: r, method: 'POST', url: `/api/v1/registrations/${reg!.id}/resubmit`, body: { letterId: far.letter }, refuse: [403, 404, 422] },
  ])
  rows.push({ family: 'registrations.resubmit', role: 'resident', method: 'POST', url: `/api/v1/registrations/${reg!.id}/resubmit`, body: { letterAttachmentId: own.resident.photo }, ok: 200 })
  const wrong: string[] = []
  const { refusals, successes } = await run(rows, wrong)
  assert.deepEqual(wrong, [])
  assert.equal(refusals, 14)
  assert.equal(successes, 1)
})
