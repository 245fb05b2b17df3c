// The permission matrix for ids named in a body or a query string (security review, issue 11),
// for the route families of residents, people and roles, units, pairings, list items,
// alliances, members, registrations, letters, posts and claims, targets and feedback cards.
// For every demo role: a request naming a record outside the role's scope is refused (403 or
// 404) and writes nothing, not even an audit row; the same request naming records inside the
// scope succeeds for the roles that may act, so the matrix cannot pass by refusing everything.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'

const ROLES = ['admin', 'district', 'street', 'cadre', 'grid', 'member', 'resident'] as const
type RoleName = (typeof ROLES)[number]
const level: Record<RoleName, number> = { admin: 100, district: 90, street: 80, cadre: 70, grid: 50, member: 30, resident: 10 }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let t: TestApp
const as: Partial<Record<RoleName, Client>> = {}
/** A world nobody holds a role in, not even the admin: every id in it is outside every scope. */
const far = {} as Record<'root' | 'district' | 'street' | 'community' | 'grid' | 'building' | 'person' | 'unit' | 'member' | 'post', string>
/** Per role, a building and a community just outside what the role may act on. */
const outsideBuilding = {} as Record<RoleName, string>
const outsideCommunity = {} as Record<RoleName, string>
/** Per role, fresh records inside the demo scope, for the requests that should succeed. */
const fresh = {} as Record<RoleName, { person: string; person2: string; person3: string; unit: string }>
let streetUnits: [string, string]
let ownRecord: string
let districtRecord: string
let ownMember: string
let ownPost: string
let openItem: string
let ownAlliance: string

const one = async (q: ReturnType<typeof sql>) => (await t.query<{ id: string }>(q))[0]!.id

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  for (const r of ROLES) as[r] = await t.as(r)
  const f = t.fixtures
  const org = (kind: string, name: string, parent: string | null) => one(sql`INSERT INTO orgs (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id::text`)
  far.root = await org('city', '矩阵外的城市', null)
  far.district = await org('district', '矩阵外的区', far.root)
  far.street = await org('street', '矩阵外的街道', far.district)
  far.community = await org('community', '矩阵外的社区', far.street)
  far.grid = await org('grid', '矩阵外的网格', far.community)
  far.building = await org('building', '矩阵外的楼栋', far.grid)
  far.person = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的居民') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${far.person}, 'resident', ${far.building})`)
  far.unit = await one(sql`INSERT INTO units (name, kind, org_id) VALUES ('矩阵外的单位', 'non_public_firm', ${far.street}) RETURNING id::text`)
  const farMemberPerson = await one(sql`INSERT INTO people (name) VALUES ('矩阵外的党员') RETURNING id::text`)
  far.member = await one(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id) VALUES (${farMemberPerson}, '中共矩阵外支部', 'regular', ${far.community}) RETURNING id::text`)
  far.post = await one(sql`INSERT INTO community_posts (community_id, kind, title, capacity) VALUES (${far.community}, 'post', '矩阵外的岗位', 5) RETURNING id::text`)

  const buildingIn = (parent: string) => one(sql`SELECT b.id::text FROM orgs b JOIN orgs p ON p.id = ${parent} WHERE b.kind = 'building' AND b.path <@ p.path ORDER BY b.id LIMIT 1`)
  const [otherBuilding, siblingBuilding] = [await buildingIn(f.otherCommunityId), await buildingIn(f.siblingGridId)]
  for (const r of ROLES) {
    outsideBuilding[r] = level[r] >= 90 ? far.building : level[r] >= 70 || r === 'member' ? otherBuilding : siblingBuilding
    outsideCommunity[r] = level[r] >= 90 ? far.community : f.otherCommunityId
    const person = async (name: string) => {
      const id = await one(sql`INSERT INTO people (name) VALUES (${name}) RETURNING id::text`)
      await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${id}, 'resident', ${f.buildingId})`)
      return id
    }
    fresh[r] = {
      person: await person(`${r} 的新居民`), person2: await person(`${r} 的新居民二`), person3: await person(`${r} 的新居民三`),
      unit: await one(sql`INSERT INTO units (name, kind, org_id) VALUES (${`${r} 的结对单位`}, 'non_public_firm', ${f.streetId}) RETURNING id::text`),
    }
  }
  const units = await t.query<{ id: string }>(sql`SELECT id::text FROM units WHERE org_id = ${f.streetId} AND deleted_at IS NULL ORDER BY id LIMIT 2`)
  streetUnits = [units[0]!.id, units[1]!.id]
  ownRecord = (await as.cadre!.post('/api/v1/residents', { name: '矩阵居民', orgId: f.buildingId })).json().id
  districtRecord = await one(sql`INSERT INTO residents (person_id, org_id) VALUES (${f.personIds.district}, ${f.buildingId}) RETURNING id::text`)
  ownMember = (await as.member!.get('/api/v1/members/me')).json().id
  ownPost = (await as.cadre!.post('/api/v1/community-posts', { communityId: f.communityId, kind: 'post', title: '矩阵岗位', capacity: 50 })).json().id
  openItem = (await as.cadre!.post('/api/v1/list-items', { list: 'need', communityId: f.communityId, title: '矩阵需求', description: '权限矩阵用的需求清单' })).json().id
  ownAlliance = (await as.street!.post('/api/v1/alliances', { name: '矩阵联盟', orgId: f.streetId, unitIds: streetUnits })).json().id
  assert.ok(ownRecord && ownMember && ownPost && openItem && ownAlliance)
})
after(() => t.close())

const TABLES = ['people', 'role_assignments', 'accounts', 'residents', 'units', 'unit_people', 'pairing_agreements', 'pairing_limits', 'list_items', 'list_item_events',
  'alliances', 'alliance_units', 'party_members', 'registrations', 'introduction_letters', 'community_posts', 'post_claims', 'member_targets', 'feedback_cards', 'audit_log']
async function snapshot(): Promise<Record<string, number>> {
  const [row] = await t.query<Record<string, number>>(sql.raw(`SELECT ${TABLES.map((n) => `(SELECT count(*)::int FROM ${n}) AS ${n}`).join(', ')},
    (SELECT md5(string_agg(id::text || ':' || coalesce(org_id::text, '') || ':' || coalesce(employer_unit_id::text, ''), ',' ORDER BY id)) FROM
      (SELECT id, org_id, NULL::bigint AS employer_unit_id FROM residents UNION ALL SELECT id + 1000000000, NULL, employer_unit_id FROM party_members) x) AS links`))
  return row!
}

interface Row {
  family: string
  role: RoleName
  method: 'GET' | 'POST' | 'PATCH' | 'PUT'
  url: string
  body?: unknown
  headers?: Record<string, string>
  /** The status when allowed; undefined: refused (403 or 404) with nothing written. */
  ok?: number
  /** A list that may answer 200: then it must hold nothing. */
  emptyList?: true
}

function rowsFor(r: RoleName): Row[] {
  const f = t.fixtures
  const x = fresh[r]
  const may = (min: number, status: number) => (level[r] >= min ? status : undefined)
  const refused = (family: string, method: Row['method'], url: string, body?: unknown): Row => ({ family, role: r, method, url, body })
  const need = (over: Record<string, unknown>) => ({ list: 'need', communityId: f.communityId, title: `${r} 的清单`, description: '权限矩阵用的清单事项', ...over })
  const pairing = (over: Record<string, unknown>) => ({ communityId: f.communityId, unitId: x.unit, kind: 'area', title: '矩阵协议', terms: '权限矩阵用的协议条款。', tags: ['party_work'], startsOn: '2026-01-01', ...over })
  const member = (over: Record<string, unknown>) => ({ personId: x.person2, partyOrgName: '中共矩阵支部', kind: 'regular', communityId: f.communityId, ...over })
  const rows: Row[] = [
    // Residents
    refused('residents.create.orgId', 'POST', '/api/v1/residents', { name: '越界登记', orgId: outsideBuilding[r] }),
    refused('residents.create.personId', 'POST', '/api/v1/residents', { personId: far.person, orgId: f.buildingId }),
    refused('residents.update.orgId', 'PATCH', `/api/v1/residents/${ownRecord}`, { orgId: outsideBuilding[r] }),
    refused('residents.import.orgId', 'POST', `/api/v1/residents/import?orgId=${far.grid}`, Buffer.from('不是表格')),
    refused('residents.export.orgId', 'POST', '/api/v1/residents/export', { orgId: far.grid }),
    { family: 'residents.list.orgId', role: r, method: 'GET', url: `/api/v1/residents?orgId=${far.grid}`, emptyList: true },
    { family: 'residents.reveal.rank', role: r, method: 'POST', url: `/api/v1/residents/${districtRecord}/reveal`, body: { field: 'phone', reason: '权限矩阵核对' }, ok: may(100, 200) },
    { family: 'residents.create', role: r, method: 'POST', url: '/api/v1/residents', body: { name: `${r} 登记的居民`, orgId: f.buildingId }, ok: may(50, 201) },
    { family: 'residents.create.personId', role: r, method: 'POST', url: '/api/v1/residents', body: { personId: x.person, orgId: f.buildingId }, ok: may(70, 201) },
    // People and roles
    refused('people.create.orgId', 'POST', '/api/v1/people', { name: '越界人员', role: { role: 'resident', orgId: outsideBuilding[r] } }),
    refused('people.roles.person', 'POST', `/api/v1/people/${far.person}/roles`, { role: 'volunteer', orgId: f.gridId }),
    refused('people.roles.orgId', 'POST', `/api/v1/people/${x.person3}/roles`, { role: 'volunteer', orgId: outsideBuilding[r] }),
    refused('people.list.orgId', 'GET', `/api/v1/people?orgId=${far.community}`),
    refused('people.stats.orgId', 'GET', `/api/v1/people/stats?orgId=${far.community}`),
    { family: 'people.create', role: r, method: 'POST', url: '/api/v1/people', body: { name: `${r} 新建的人员`, role: { role: 'resident', orgId: f.buildingId } }, ok: may(70, 201) },
    { family: 'people.roles', role: r, method: 'POST', url: `/api/v1/people/${x.person3}/roles`, body: { role: 'volunteer', orgId: f.gridId }, ok: may(70, 200) },
    // Units
    refused('units.create.orgId', 'POST', '/api/v1/units', { name: '越界单位', kind: 'merchant', orgId: far.street }),
    refused('units.people.personId', 'POST', `/api/v1/units/${streetUnits[0]}/people`, { personId: far.person }),
    refused('units.list.orgId', 'GET', `/api/v1/units?orgId=${far.street}`),
    refused('units.coverage.orgId', 'GET', `/api/v1/units/coverage?orgId=${far.street}`),
    refused('part-time-members.orgId', 'GET', `/api/v1/part-time-members?orgId=${far.community}`),
    { family: 'units.create', role: r, method: 'POST', url: '/api/v1/units', body: { name: `${r} 登记的单位`, kind: 'merchant', orgId: f.streetId }, ok: may(80, 201) },
    { family: 'units.people.personId', role: r, method: 'POST', url: `/api/v1/units/${streetUnits[1]}/people`, body: { personId: x.person }, ok: may(80, 201) },
    // Pairings
    refused('pairings.create.unitId', 'POST', '/api/v1/pairings', pairing({ unitId: far.unit })),
    refused('pairings.create.communityId', 'POST', '/api/v1/pairings', pairing({ communityId: outsideCommunity[r] })),
    { family: 'pairings.list.communityId', role: r, method: 'GET', url: `/api/v1/pairings?communityId=${far.community}`, emptyList: true },
    { family: 'pairings.create', role: r, method: 'POST', url: '/api/v1/pairings', body: pairing({}), ok: may(70, 201) },
    // List items
    refused('list-items.create.communityId', 'POST', '/api/v1/list-items', need({ communityId: outsideCommunity[r] })),
    refused('list-items.create.unitId', 'POST', '/api/v1/list-items', need({ unitId: far.unit })),
    refused('list-items.claim.unitId', 'POST', `/api/v1/list-items/${openItem}/claims`, { unitId: far.unit }),
    { family: 'list-items.list.communityId', role: r, method: 'GET', url: `/api/v1/list-items?communityId=${far.community}`, emptyList: true },
    { family: 'list-items.create', role: r, method: 'POST', url: '/api/v1/list-items', body: need({}), ok: may(70, 201) },
    // Alliances
    refused('alliances.create.orgId', 'POST', '/api/v1/alliances', { name: `${r} 越界联盟`, orgId: far.street, unitIds: streetUnits }),
    refused('alliances.create.unitIds', 'POST', '/api/v1/alliances', { name: `${r} 越界联盟`, orgId: f.communityId, unitIds: [streetUnits[0], far.unit] }),
    refused('alliances.units.unitId', 'POST', `/api/v1/alliances/${ownAlliance}/units`, { unitId: far.unit }),
    refused('alliances.list.orgId', 'GET', `/api/v1/alliances?orgId=${far.street}`),
    { family: 'alliances.create', role: r, method: 'POST', url: '/api/v1/alliances', body: { name: `${r} 的联盟`, orgId: f.communityId, unitIds: streetUnits }, ok: may(70, 201) },
    // Members
    refused('members.create.personId', 'POST', '/api/v1/members', member({ personId: far.person })),
    refused('members.create.communityId', 'POST', '/api/v1/members', member({ communityId: outsideCommunity[r] })),
    refused('members.create.employerUnitId', 'POST', '/api/v1/members', member({ employerUnitId: far.unit })),
    refused('members.update.employerUnitId', 'PATCH', `/api/v1/members/${ownMember}`, { employerUnitId: far.unit }),
    refused('members.list.communityId', 'GET', `/api/v1/members?communityId=${far.community}`),
    { family: 'members.create', role: r, method: 'POST', url: '/api/v1/members', body: member({ employerUnitId: streetUnits[0] }), ok: may(70, 201) },
    // Registrations and letters
    refused('registrations.memberId', 'POST', '/api/v1/registrations', { kind: 'member', memberId: far.member, note: '越界报到' }),
    refused('registrations.unitId', 'POST', '/api/v1/registrations', { kind: 'unit', unitId: far.unit, communityId: f.communityId }),
    { family: 'registrations.list.communityId', role: r, method: 'GET', url: `/api/v1/registrations?communityId=${far.community}`, emptyList: true },
    refused('letters.memberId', 'POST', '/api/v1/introduction-letters', { memberId: far.member }),
    { family: 'letters.list.memberId', role: r, method: 'GET', url: `/api/v1/introduction-letters?memberId=${far.member}`, emptyList: true },
    // Posts and claims
    refused('posts.create.communityId', 'POST', '/api/v1/community-posts', { communityId: outsideCommunity[r], kind: 'post', title: '越界岗位', capacity: 3 }),
    { family: 'posts.list.communityId', role: r, method: 'GET', url: `/api/v1/community-posts?communityId=${far.community}`, emptyList: true },
    refused('claims.postId', 'POST', '/api/v1/post-claims', { postId: far.post }),
    refused('claims.memberId', 'POST', '/api/v1/post-claims', { postId: ownPost, memberId: far.member }),
    { family: 'claims.list.memberId', role: r, method: 'GET', url: `/api/v1/post-claims?memberId=${far.member}`, emptyList: true },
    { family: 'posts.create', role: r, method: 'POST', url: '/api/v1/community-posts', body: { communityId: f.communityId, kind: 'post', title: `${r} 的岗位`, capacity: 3 }, ok: may(70, 201) },
    // Targets and feedback cards
    refused('targets.orgId', 'PUT', '/api/v1/member-targets', { orgId: far.street, year: 2026, minProjects: 1, minHours: 20 }),
    refused('targets.list.orgId', 'GET', `/api/v1/member-targets?orgId=${far.street}`),
    refused('cards.memberId', 'POST', '/api/v1/feedback-cards', { memberId: far.member, period: '2025' }),
    { family: 'cards.list.memberId', role: r, method: 'GET', url: `/api/v1/feedback-cards?memberId=${far.member}&communityId=${far.community}`, emptyList: true },
    { family: 'targets.put', role: r, method: 'PUT', url: '/api/v1/member-targets', body: { orgId: f.streetId, year: 2030 + ROLES.indexOf(r), minProjects: 1, minHours: 20 }, ok: may(80, 200) },
  ]
  return rows
}

test('an id outside the caller\'s scope, named in a body or a query, is refused and nothing is written; inside it, the request succeeds', { timeout: 600_000 }, async () => {
  const wrong: string[] = []
  let refusals = 0
  let successes = 0
  for (const r of ROLES) {
    for (const row of rowsFor(r)) {
      const before = await snapshot()
      const isFile = Buffer.isBuffer(row.body)
      const res = await as[r]!.request({
        method: row.method, url: row.url,
        ...(row.body !== undefined ? { payload: row.body as object } : {}),
        ...(isFile ? { headers: { 'content-type': XLSX } } : {}),
      })
      const where = `${row.family} as ${r}: ${row.method} ${row.url} → ${res.statusCode} ${res.body.slice(0, 140)}`
      if (row.ok !== undefined) {
        if (res.statusCode !== row.ok) wrong.push(`${where} (expected ${row.ok})`)
        else successes++
        continue
      }
      if (row.emptyList && res.statusCode === 200) {
        if ((res.json() as { items: unknown[] }).items.length > 0) wrong.push(`${where}: listed rows outside the scope`)
      } else if (res.statusCode !== 403 && res.statusCode !== 404) {
        wrong.push(`${where} (expected 403 or 404)`)
      } else {
        refusals++
      }
      const afterwards = await snapshot()
      if (JSON.stringify(afterwards) !== JSON.stringify(before)) wrong.push(`${where}: wrote ${JSON.stringify(Object.keys(afterwards).filter((k) => afterwards[k] !== before[k]))}`)
    }
  }
  assert.deepEqual(wrong, [])
  assert.ok(refusals > 300, `${refusals} refusals`)
  assert.ok(successes >= 47, `${successes} allowed rows answered as expected`)
})

test('the district admin\'s record made before the fix gives nobody below an admin their phone', async () => {
  const phone = t.pii.decrypt('phone', (await t.query<{ phone_enc: string }>(sql`SELECT phone_enc FROM people WHERE id = ${t.fixtures.personIds.district}`))[0]!.phone_enc)
  for (const r of ['street', 'cadre', 'grid'] as const) {
    const res = await as[r]!.post(`/api/v1/residents/${districtRecord}/reveal`, { field: 'phone', reason: '核实联系方式' })
    assert.equal(res.statusCode, 403, r)
    assert.ok(!res.body.includes(phone))
  }
})
