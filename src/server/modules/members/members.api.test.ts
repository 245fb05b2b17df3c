import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { inflateSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { onePixelPng } from '../../../../test/support/images.ts'

let t: TestApp
let street: Client, cadre: Client, grid: Client, member: Client, resident: Client
/** Two units of the demo street: `grid` acts for unitA (the resident's employer), `member` for unitB. */
let unitA: string, unitB: string
let memberId: string
let residentMemberId: string
let registrationId: string
let letterPhotoId: string

const count = async (table: string) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n

before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  ;[street, cadre, grid, member, resident] = await t.asEach('street', 'cadre', 'grid', 'member', 'resident')
  // Units registered on the street itself: every cadre of the street sees them, so may name one as an employer.
  const units = await t.query<{ id: string }>(sql`SELECT u.id::text FROM units u WHERE u.org_id = ${t.fixtures.streetId} AND u.deleted_at IS NULL ORDER BY u.id DESC LIMIT 2`)
  ;[unitA, unitB] = [units[0]!.id, units[1]!.id]
  await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${unitA}, ${t.fixtures.personIds.grid}, 'representative'), (${unitB}, ${t.fixtures.personIds.member}, 'representative')`)
  memberId = (await member.get('/api/v1/members/me')).json().id
  const upload = await resident.request({ method: 'POST', url: '/api/v1/attachments', payload: onePixelPng, headers: { 'content-type': 'image/png' } })
  assert.equal(upload.statusCode, 201, upload.body)
  letterPhotoId = upload.json().id
})
after(() => t.close())

describe('party members', () => {
  test('the demo member sees their own membership with an accepted registration and this year’s target progress', async () => {
    const me = (await member.get('/api/v1/members/me')).json()
    assert.equal(me.person.id, t.fixtures.personIds.member)
    assert.equal(me.registrationStatus, 'accepted')
    assert.equal(me.kind, 'in_service')
    assert.ok(me.employerUnit)
    assert.ok(me.progress.posts >= 2 && me.progress.projects >= 1, JSON.stringify(me.progress))
    assert.equal(me.progress.minHours, 24)
  })

  test('a cadre registers a resident as a member employed by a unit; the same person twice is refused', async () => {
    const body = { personId: t.fixtures.personIds.resident, partyOrgName: '中共测试单位支部委员会', kind: 'in_service', employerUnitId: unitA, communityId: t.fixtures.communityId, joinedOn: '2010-07-01' }
    const res = await cadre.post('/api/v1/members', body)
    assert.equal(res.statusCode, 201, res.body)
    residentMemberId = res.json().id
    assert.equal(res.json().employerUnit.id, unitA)
    assert.equal(res.json().registrationStatus, null)
    const again = await cadre.post('/api/v1/members', body)
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'MEMBER_EXISTS')
  })

  test('an in-service member’s employer may be registered anywhere in the city, outside the cadre’s own scope', async () => {
    const [far] = await t.query<{ id: string }>(sql`INSERT INTO units (name, kind, org_id) VALUES ('另一街道的单位', 'state_enterprise', ${t.fixtures.otherStreetId}) RETURNING id::text`)
    const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('跨街道上班的党员') RETURNING id::text`)
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${p!.id}, 'resident', ${t.fixtures.buildingId})`)
    assert.equal((await cadre.get(`/api/v1/units/${far!.id}`)).statusCode, 404, 'the cadre cannot read the unit itself')
    const res = await cadre.post('/api/v1/members', { personId: p!.id, partyOrgName: '中共外街道单位支部', kind: 'in_service', employerUnitId: far!.id, communityId: t.fixtures.communityId })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().employerUnit.id, far!.id)
  })

  test('registering a member is refused on bad input, in a grid, for a missing unit, and to non-cadres, writing nothing', async () => {
    const before = await count('party_members')
    const body = { personId: t.fixtures.personIds.grid, partyOrgName: '中共测试支部', kind: 'in_service', communityId: t.fixtures.communityId }
    for (const bad of [{ ...body, kind: 'boss' }, { ...body, partyOrgName: 'x' }, { ...body, personId: 'abc' }, { ...body, extra: 1 }, { ...body, joinedOn: '2020-13-01' }]) {
      const res = await cadre.post('/api/v1/members', bad)
      assert.equal(res.statusCode, 400, JSON.stringify(bad))
      assert.ok(res.json().error.message)
    }
    assert.equal((await cadre.post('/api/v1/members', { ...body, communityId: t.fixtures.gridId })).json().error.code, 'MEMBER_COMMUNITY_KIND')
    assert.equal((await cadre.post('/api/v1/members', { ...body, employerUnitId: '999999999' })).json().error.code, 'UNIT_NOT_FOUND')
    assert.equal((await cadre.post('/api/v1/members', { ...body, communityId: t.fixtures.otherCommunityId })).statusCode, 404)
    // An employer in another city answers like a missing unit; someone ranking as high as the cadre is not theirs to register.
    const [root] = await t.query<{ id: string }>(sql`INSERT INTO orgs (kind, name) VALUES ('city', '另一座城市') RETURNING id::text`)
    const [elsewhere] = await t.query<{ id: string }>(sql`INSERT INTO units (name, kind, org_id) VALUES ('外市单位', 'non_public_firm', ${root!.id}) RETURNING id::text`)
    assert.equal((await cadre.post('/api/v1/members', { ...body, employerUnitId: elsewhere!.id })).json().error.code, 'UNIT_NOT_FOUND')
    assert.equal((await cadre.post('/api/v1/members', { ...body, personId: t.fixtures.personIds.district })).json().error.code, 'PERSON_NOT_FOUND')
    assert.equal((await cadre.post('/api/v1/members', { ...body, personId: t.fixtures.personIds.cadre })).statusCode, 403)
    assert.equal((await grid.post('/api/v1/members', body)).statusCode, 403)
    assert.equal((await member.post('/api/v1/members', body)).statusCode, 403)
    assert.equal((await t.anonymous.post('/api/v1/members', body)).statusCode, 401)
    assert.equal(await count('party_members'), before)
  })

  test('a member lists only themselves; a cadre lists the community’s members; others’ records answer 404', async () => {
    const mine = (await member.get('/api/v1/members?limit=200')).json().items as { id: string; employerUnit: { id: string } | null }[]
    assert.ok(mine.some((m) => m.id === memberId))
    assert.ok(mine.every((m) => m.id === memberId || m.employerUnit?.id === unitB), 'besides themselves only the employees of the unit they act for')
    assert.ok(!mine.some((m) => m.id === residentMemberId))
    const page = (await cadre.get(`/api/v1/members?communityId=${t.fixtures.communityId}&limit=200`)).json()
    assert.ok(page.items.length > 20)
    assert.ok(page.items.every((m: { community: { id: string } }) => m.community.id === t.fixtures.communityId))
    const next = (await cadre.get(`/api/v1/members?communityId=${t.fixtures.communityId}&limit=5`)).json()
    assert.ok(next.nextCursor)
    const second = (await cadre.get(`/api/v1/members?communityId=${t.fixtures.communityId}&limit=5&cursor=${next.nextCursor}`)).json()
    assert.ok(Number(second.items[0].id) > Number(next.items[4].id))
    assert.equal((await member.get(`/api/v1/members/${residentMemberId}`)).statusCode, 404)
    assert.equal((await grid.get(`/api/v1/members/${memberId}`)).statusCode, 404)
    assert.equal((await member.get(`/api/v1/members?communityId=${t.fixtures.otherCommunityId}`)).statusCode, 404)
    assert.equal((await street.get(`/api/v1/members/${memberId}`)).statusCode, 200)
    const employees = (await grid.get('/api/v1/members?limit=200')).json().items as { employerUnit: { id: string } | null; person: { id: string } }[]
    assert.ok(employees.length > 0)
    assert.ok(employees.every((m) => m.employerUnit?.id === unitA || m.person.id === t.fixtures.personIds.grid), 'a unit’s people list their own employees only')
    assert.equal((await t.anonymous.get('/api/v1/members')).statusCode, 401)
  })

  test('a cadre filters by a node in or above their scope (the list stays within the scope); a node elsewhere is not found', async () => {
    const ids = async (url: string) => {
      const res = await cadre.get(url)
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      return (res.json().items as { id: string }[]).map((m) => m.id)
    }
    const unfiltered = await ids('/api/v1/members?limit=200')
    assert.ok(unfiltered.length > 0)
    assert.deepEqual(await ids(`/api/v1/members?communityId=${t.fixtures.streetId}&limit=200`), unfiltered, 'the street above narrows nothing: the cadre sees their community only')
    for (const url of ['/api/v1/members', '/api/v1/members/behind', '/api/v1/pioneer-index', '/api/v1/ledgers/member-database']) {
      const elsewhere = await cadre.get(`${url}?communityId=${t.fixtures.otherCommunityId}`)
      assert.equal(elsewhere.statusCode, 404, `${url}: ${elsewhere.body}`)
      assert.deepEqual({ ...elsewhere.json().error, requestId: null }, { ...(await cadre.get(`${url}?communityId=999999999`)).json().error, requestId: null })
    }
  })

  test('a member chooses what they show on the public walls but cannot change their membership', async () => {
    const res = await resident.patch(`/api/v1/members/${residentMemberId}`, { publicWalls: ['signature', 'commitment'], commitment: '每月为邻居义务理发一次' })
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json().publicWalls, ['signature', 'commitment'])
    assert.equal((await resident.patch(`/api/v1/members/${residentMemberId}`, { kind: 'retired' })).statusCode, 403)
    assert.equal((await resident.patch(`/api/v1/members/${residentMemberId}`, { publicWalls: ['everything'] })).statusCode, 400)
    assert.equal((await member.patch(`/api/v1/members/${residentMemberId}`, { publicWalls: [] })).statusCode, 404)
  })
})

describe('introduction letters and registrations', () => {
  test('a registration needs a letter; a missing photo is refused', async () => {
    const before = await count('registrations')
    assert.equal((await resident.post('/api/v1/registrations', { kind: 'member' })).json().error.code, 'REGISTRATION_LETTER_REQUIRED')
    assert.equal((await resident.post('/api/v1/registrations', { kind: 'member', letterAttachmentId: '999999999' })).json().error.code, 'PHOTO_NOT_FOUND')
    assert.equal((await resident.post('/api/v1/registrations', { kind: 'boss' })).statusCode, 400)
    assert.equal((await resident.post('/api/v1/registrations', { kind: 'member', letterAttachmentId: letterPhotoId, communityId: t.fixtures.otherCommunityId })).json().error.code, 'REGISTRATION_COMMUNITY_MISMATCH')
    assert.equal(await count('registrations'), before)
  })

  test('a member submits with a photo of the letter; a second registration is refused', async () => {
    const res = await resident.post('/api/v1/registrations', { kind: 'member', letterAttachmentId: letterPhotoId, note: '本人居住在本社区' })
    assert.equal(res.statusCode, 201, res.body)
    registrationId = res.json().id
    assert.equal(res.json().status, 'submitted')
    assert.equal(res.json().letterAttachment.id, letterPhotoId)
    assert.equal(res.json().unit.id, unitA)
    assert.equal((await resident.post('/api/v1/registrations', { kind: 'member', letterAttachmentId: letterPhotoId })).statusCode, 409)
  })

  test('the employer’s people see their employee’s registration; other units and members do not', async () => {
    const seen = (await grid.get(`/api/v1/registrations?unitId=${unitA}&limit=200`)).json().items.map((r: { id: string }) => r.id)
    assert.ok(seen.includes(registrationId))
    assert.equal((await grid.get(`/api/v1/registrations/${registrationId}`)).statusCode, 200)
    assert.equal((await member.get(`/api/v1/registrations/${registrationId}`)).statusCode, 404)
    const theirs = (await member.get('/api/v1/registrations?limit=200')).json().items.map((r: { id: string }) => r.id)
    assert.ok(!theirs.includes(registrationId))
  })

  test('only the community reviews: a unit’s people and members cannot accept', async () => {
    assert.equal((await grid.post(`/api/v1/registrations/${registrationId}/accept`)).statusCode, 403)
    assert.equal((await member.post(`/api/v1/registrations/${registrationId}/accept`)).statusCode, 404)
    assert.equal((await cadre.post(`/api/v1/registrations/${registrationId}/return`, { reason: '' })).statusCode, 400)
  })

  test('the community returns it with a reason, the member resubmits with a numbered letter from the unit, the community accepts', async () => {
    const returned = await cadre.post(`/api/v1/registrations/${registrationId}/return`, { reason: '介绍信照片不清晰' })
    assert.equal(returned.statusCode, 200, returned.body)
    assert.deepEqual([returned.json().status, returned.json().returnReason], ['returned', '介绍信照片不清晰'])
    assert.equal((await cadre.post(`/api/v1/registrations/${registrationId}/accept`)).json().error.code, 'REGISTRATION_STATE_CONFLICT')
    const [note] = await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${t.fixtures.personIds.resident} AND kind = 'registration' ORDER BY id DESC LIMIT 1`)
    assert.match(note!.title, /退回/)

    assert.equal((await member.post('/api/v1/introduction-letters', { memberId: residentMemberId })).statusCode, 404, 'another unit cannot issue it')
    const letter = await grid.post('/api/v1/introduction-letters', { memberId: residentMemberId })
    assert.equal(letter.statusCode, 201, letter.body)
    assert.match(letter.json().number, new RegExp(`^报到介绍信 \\d{4}-U${unitA}-\\d{4}$`))
    const second = (await grid.post('/api/v1/introduction-letters', { memberId: residentMemberId })).json()
    assert.equal(Number(second.number.slice(-4)), Number(letter.json().number.slice(-4)) + 1, 'numbers run on per unit and year')

    const resubmitted = await resident.post(`/api/v1/registrations/${registrationId}/resubmit`, { letterId: letter.json().id })
    assert.equal(resubmitted.statusCode, 200, resubmitted.body)
    assert.deepEqual([resubmitted.json().status, resubmitted.json().submissions, resubmitted.json().letter.number], ['submitted', 2, letter.json().number])
    assert.equal((await resident.post(`/api/v1/registrations/${registrationId}/resubmit`, {})).statusCode, 409)
    const accepted = await cadre.post(`/api/v1/registrations/${registrationId}/accept`)
    assert.equal(accepted.statusCode, 200)
    assert.equal(accepted.json().status, 'accepted')
    assert.equal(accepted.json().reviewedBy.id, t.fixtures.personIds.cadre)
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'registration' AND entity_id = ${registrationId}`)
    assert.equal(audit!.n, 4)
  })

  test('a unit registers as a whole at a community once; another unit’s people cannot register it', async () => {
    assert.equal((await member.post('/api/v1/registrations', { kind: 'unit', unitId: unitA, communityId: t.fixtures.communityId })).statusCode, 404, 'a unit they do not act for is not theirs to see')
    const other = await rowsOf(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.streetId} AND kind = 'community' AND id NOT IN (SELECT community_id FROM registrations WHERE unit_id = ${unitA} AND kind = 'unit') ORDER BY id LIMIT 1`)
    const res = await grid.post('/api/v1/registrations', { kind: 'unit', unitId: unitA, communityId: other })
    assert.equal(res.statusCode, 201, res.body)
    assert.deepEqual([res.json().kind, res.json().member, res.json().unit.id], ['unit', null, unitA])
    assert.equal((await grid.post('/api/v1/registrations', { kind: 'unit', unitId: unitA, communityId: other })).statusCode, 409)
  })
})

async function rowsOf(q: ReturnType<typeof sql>): Promise<string> {
  return (await t.query<{ id: string }>(q))[0]!.id
}

describe('community posts and claims', () => {
  let postId: string
  test('a cadre opens a post with one seat; grid staff and members cannot', async () => {
    const body = { communityId: t.fixtures.communityId, kind: 'post', title: '测试岗位：楼道清洁督导', capacity: 1 }
    assert.equal((await member.post('/api/v1/community-posts', body)).statusCode, 403)
    assert.equal((await grid.post('/api/v1/community-posts', body)).statusCode, 403)
    assert.equal((await cadre.post('/api/v1/community-posts', { ...body, capacity: 0 })).statusCode, 400)
    const res = await cadre.post('/api/v1/community-posts', body)
    assert.equal(res.statusCode, 201, res.body)
    postId = res.json().id
    assert.deepEqual([res.json().capacity, res.json().taken], [1, 0])
  })

  test('two members race for the last seat: exactly one gets it, the other is told it is full', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const before = await count('post_claims')
    const results = await Promise.all([member.post('/api/v1/post-claims', { postId }), resident.post('/api/v1/post-claims', { postId })])
    const codes = results.map((r) => r.statusCode).sort()
    assert.deepEqual(codes, [201, 409], results.map((r) => r.body).join(' '))
    assert.equal(results.find((r) => r.statusCode === 409)!.json().error.code, 'POST_FULL')
    assert.equal(await count('post_claims'), before + 1)
    const post = (await member.get(`/api/v1/community-posts?communityId=${t.fixtures.communityId}&limit=200`)).json().items.find((p: { id: string }) => p.id === postId)
    assert.equal(post.taken, 1)
  })

  test('a seat given up is free again; giving it up twice is refused; only the member or a cadre may give it up', async () => {
    // The race above takes the seat on PostgreSQL only; elsewhere the member takes it here.
    if (!(await t.query(sql`SELECT 1 FROM post_claims WHERE post_id = ${postId}`)).length) {
      assert.equal((await member.post('/api/v1/post-claims', { postId })).statusCode, 201)
    }
    const [claim] = await t.query<{ id: string; person_id: string }>(sql`SELECT pc.id::text, pm.person_id::text FROM post_claims pc JOIN party_members pm ON pm.id = pc.member_id WHERE pc.post_id = ${postId}`)
    const holder = claim!.person_id === t.fixtures.personIds.member ? member : resident
    const other = holder === member ? resident : member
    assert.equal((await other.delete(`/api/v1/post-claims/${claim!.id}`)).statusCode, 404)
    assert.equal((await holder.delete(`/api/v1/post-claims/${claim!.id}`)).statusCode, 204)
    assert.equal((await holder.delete(`/api/v1/post-claims/${claim!.id}`)).statusCode, 409)
    const again = await other.post('/api/v1/post-claims', { postId })
    assert.equal(again.statusCode, 201, again.body)
    assert.equal((await other.post('/api/v1/post-claims', { postId })).statusCode, 409)
    assert.equal((await cadre.patch(`/api/v1/community-posts/${postId}`, { capacity: 1, title: '楼道清洁督导' })).statusCode, 200)
  })

  test('posts of another community, closed posts and members not yet accepted cannot be claimed', async () => {
    const [otherPost] = await t.query<{ id: string }>(sql`SELECT id::text FROM community_posts WHERE community_id <> ${t.fixtures.communityId} ORDER BY id LIMIT 1`)
    assert.equal((await member.post('/api/v1/post-claims', { postId: otherPost!.id })).statusCode, 404)
    const closed = (await cadre.post('/api/v1/community-posts', { communityId: t.fixtures.communityId, kind: 'project', title: '已结束的项目', capacity: 5 })).json()
    assert.equal((await cadre.patch(`/api/v1/community-posts/${closed.id}`, { active: false })).statusCode, 200)
    assert.equal((await member.post('/api/v1/post-claims', { postId: closed.id })).json().error.code, 'POST_INACTIVE')
    assert.equal((await member.post('/api/v1/post-claims', { postId: '999999999' })).statusCode, 404)
    const [waiting] = await t.query<{ person_id: string; post: string }>(sql`SELECT pm.person_id::text, (SELECT id::text FROM community_posts cp WHERE cp.community_id = pm.community_id LIMIT 1) AS post
      FROM registrations r JOIN party_members pm ON pm.id = r.member_id WHERE r.status = 'submitted' AND pm.community_id = ${t.fixtures.communityId} LIMIT 1`)
    const res = await cadre.post('/api/v1/post-claims', { postId: waiting!.post, memberId: (await t.query<{ id: string }>(sql`SELECT id::text FROM party_members WHERE person_id = ${waiting!.person_id}`))[0]!.id })
    assert.equal(res.json().error.code, 'REGISTRATION_NOT_ACCEPTED')
  })

  test('a cadre cannot lower a post’s seats below those taken', async () => {
    const full = (await cadre.get(`/api/v1/community-posts?communityId=${t.fixtures.communityId}&limit=200`)).json().items.find((p: { taken: number }) => p.taken >= 2)
    const res = await cadre.patch(`/api/v1/community-posts/${full.id}`, { capacity: 1 })
    assert.equal(res.json().error.code, 'POST_CAPACITY_BELOW_TAKEN')
  })
})

describe('yearly targets, the behind list and reminders', () => {
  const year = 2026
  test('a street admin sets a community’s target, which members there then count against; cadres cannot', async () => {
    assert.equal((await cadre.put('/api/v1/member-targets', { orgId: t.fixtures.communityId, year, minProjects: 1, minHours: 30 })).statusCode, 403)
    assert.equal((await street.put('/api/v1/member-targets', { orgId: t.fixtures.communityId, year, minProjects: 1, minHours: 30.3 })).statusCode, 400)
    assert.equal((await street.put('/api/v1/member-targets', { orgId: t.fixtures.gridId, year, minProjects: 1, minHours: 30 })).statusCode, 422)
    const res = await street.put('/api/v1/member-targets', { orgId: t.fixtures.communityId, year, minProjects: 2, minHours: 30 })
    assert.equal(res.statusCode, 200, res.body)
    const me = (await member.get(`/api/v1/members/${memberId}?year=${year}`)).json()
    assert.deepEqual([me.progress.minHours, me.progress.minProjects], [30, 2])
    const list = (await cadre.get(`/api/v1/member-targets?year=${year}`)).json()
    assert.ok(list.items.some((x: { org: { id: string }; minHours: number }) => x.org.id === t.fixtures.communityId && x.minHours === 30))
  })

  test('cadres see who is behind in their community; a member sees nobody else', async () => {
    const behind = (await cadre.get(`/api/v1/members/behind?year=${year}&limit=200`)).json()
    assert.ok(behind.total > 0)
    assert.ok(behind.items.every((m: { progress: { met: boolean }; registrationStatus: string }) => !m.progress.met && m.registrationStatus === 'accepted'))
    assert.ok(behind.items.some((m: { id: string }) => m.id === residentMemberId))
    assert.equal((await member.get('/api/v1/members/behind')).json().items.length, 0)
  })

  test('from 1 October (China time) each behind member is reminded at most once a week', async () => {
    const remind = (at: string) => t.database.db.transaction((tx) => t.app.services.members.remindBehind(tx, new Date(at)))
    const reminders = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${t.fixtures.personIds.resident} AND kind = 'member_target'`))[0]!.n
    assert.equal(await remind('2026-09-30T15:59:00Z'), 0, 'still September in China')
    assert.ok((await remind('2026-09-30T16:00:00Z')) > 0)
    assert.equal(await reminders(), 1)
    await remind('2026-10-05T16:00:00Z')
    assert.equal(await reminders(), 1, 'not again within the week')
    await remind('2026-10-07T16:01:00Z')
    assert.equal(await reminders(), 2)
  })
})

describe('feedback cards', () => {
  let cardId: string
  test('a cadre generates a card from the member’s records; the same period twice and a future period are refused', async () => {
    // Who holds the raced seat above depends on which request won; the card needs a post of its own.
    const post = await cadre.post('/api/v1/community-posts', { communityId: t.fixtures.communityId, kind: 'post', title: '反馈卡用的岗位', capacity: 5 })
    assert.equal((await resident.post('/api/v1/post-claims', { postId: post.json().id })).statusCode, 201)
    const res = await cadre.post('/api/v1/feedback-cards', { memberId: residentMemberId, period: '2026' })
    assert.equal(res.statusCode, 201, res.body)
    cardId = res.json().id
    const card = res.json()
    assert.equal(card.status, 'draft')
    assert.equal(card.content.unitName !== null, true)
    assert.ok(card.content.posts.length >= 1, 'the post claimed above is on the card')
    assert.equal((await cadre.post('/api/v1/feedback-cards', { memberId: residentMemberId, period: '2026' })).statusCode, 409)
    assert.equal((await cadre.post('/api/v1/feedback-cards', { memberId: residentMemberId, period: '2099' })).statusCode, 422)
    assert.equal((await cadre.post('/api/v1/feedback-cards', { memberId: residentMemberId, period: '2026-Q3' })).statusCode, 400)
    assert.equal((await resident.post('/api/v1/feedback-cards', { memberId: residentMemberId, period: '2025' })).statusCode, 403)
  })

  test('a draft is the community’s alone; after review the member sees it; after sending the employer does too', async () => {
    assert.equal((await resident.get(`/api/v1/feedback-cards/${cardId}`)).statusCode, 404)
    assert.equal((await grid.post(`/api/v1/feedback-cards/${cardId}/send`)).statusCode, 404)
    assert.equal((await cadre.post(`/api/v1/feedback-cards/${cardId}/send`)).json().error.code, 'CARD_STATE_CONFLICT')
    assert.equal((await cadre.post(`/api/v1/feedback-cards/${cardId}/review`, { rating: 'great', comment: '很好' })).statusCode, 400)
    const reviewed = await cadre.post(`/api/v1/feedback-cards/${cardId}/review`, { rating: 'excellent', comment: '认领岗位积极，服务居民热情。' })
    assert.equal(reviewed.statusCode, 200, reviewed.body)
    assert.equal((await resident.get(`/api/v1/feedback-cards/${cardId}`)).statusCode, 200)
    assert.equal((await grid.get(`/api/v1/feedback-cards/${cardId}`)).statusCode, 404, 'not yet sent to the unit')
    const sent = await cadre.post(`/api/v1/feedback-cards/${cardId}/send`)
    assert.equal(sent.json().status, 'sent')
    assert.equal((await grid.get(`/api/v1/feedback-cards/${cardId}`)).statusCode, 200)
    const unitCards = (await grid.get('/api/v1/feedback-cards?limit=200')).json().items
    assert.ok(unitCards.length > 0 && unitCards.every((c: { unit: { id: string }; status: string }) => c.unit.id === unitA && c.status === 'sent'))
    assert.equal((await member.get(`/api/v1/feedback-cards/${cardId}`)).statusCode, 404, 'another unit does not see it')
  })

  test('the card downloads as a PDF naming the member, for the employer but not for outsiders', async () => {
    const pdf = await grid.get(`/api/v1/feedback-cards/${cardId}/pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    const bytes = pdf.rawPayload
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-')
    assert.match(bytes.subarray(-8).toString('latin1'), /%%EOF/)
    const [person] = await t.query<{ name: string }>(sql`SELECT name FROM people WHERE id = ${t.fixtures.personIds.resident}`)
    assert.ok(pdfText(bytes).includes(person!.name), 'the member’s name is in the PDF')
    assert.equal((await member.get(`/api/v1/feedback-cards/${cardId}/pdf`)).statusCode, 404)
    assert.equal((await t.anonymous.get(`/api/v1/feedback-cards/${cardId}/pdf`)).statusCode, 401)
  })

  test('the demo member’s card was sent to its unit', async () => {
    const res = await member.get(`/api/v1/feedback-cards?memberId=${memberId}`)
    assert.equal(res.statusCode, 200, res.body.slice(0, 500))
    const cards = res.json().items
    assert.ok(cards.some((c: { status: string }) => c.status === 'sent'))
  })

  test('one definition of a member’s hours: activities checked out plus services given, the same on every face (issue 13)', async () => {
    // Counted here straight from the records, by China date: the figure every face must show.
    const served = async (from: string, to: string) => (await t.query<{ h: number }>(sql`SELECT round(coalesce((
        SELECT sum(at.hours) FROM activity_attendances at JOIN activities a ON a.id = at.activity_id
        WHERE at.person_id = ${t.fixtures.personIds.member} AND at.status = 'checked_out'
          AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date), 0)
      + coalesce((SELECT sum(hours) FROM time_bank_entries WHERE giver_id = ${t.fixtures.personIds.member} AND served_on BETWEEN ${from}::date AND ${to}::date), 0), 1)::float8 AS h`))[0]!.h
    const faces = async () => ({
      progress: (await member.get('/api/v1/members/me')).json().progress.hours as number,
      phone: (await member.get('/api/v1/volunteers/me')).json().hours as number,
      timeBank: (await member.get('/api/v1/time-bank/me')).json().given.total as number,
    })
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()
    const before = await faces()
    const expected = await served(`${year}-01-01`, `${year}-12-31`)
    assert.deepEqual(before, { progress: expected, phone: expected, timeBank: expected })

    // A one-to-one service given today counts on every face at once.
    const [community] = await t.query<{ id: string }>(sql`SELECT community_id::text AS id FROM party_members WHERE id = ${memberId}`)
    await t.query(sql`INSERT INTO time_bank_entries (org_id, giver_id, receiver_id, hours, served_on, note)
      VALUES (${community!.id}, ${t.fixtures.personIds.member}, ${t.fixtures.personIds.resident}, 2.5, (now() AT TIME ZONE 'Asia/Shanghai')::date, '陪同就医')`)
    const after = await faces()
    assert.deepEqual(after, { progress: before.progress + 2.5, phone: before.phone + 2.5, timeBank: before.timeBank + 2.5 })
    const records = (await member.get('/api/v1/volunteers/me')).json().records as { kind: string; title: string; hours: number }[]
    assert.ok(records.some((r) => r.kind === 'service' && r.title === '一对一服务：陪同就医' && r.hours === 2.5))

    // The demo's first-half cards hold the hours served in that half year, not 0.
    const cards = (await cadre.get(`/api/v1/feedback-cards?period=${year}-H1&limit=100`)).json().items as { member: { id: string }; content: { hours: number } }[]
    assert.ok(cards.length > 0)
    const [demoCard] = (await member.get(`/api/v1/feedback-cards?memberId=${memberId}`)).json().items as { period: string; content: { hours: number } }[]
    assert.equal(demoCard!.content.hours, await served(`${year}-01-01`, `${year}-06-30`))
    assert.ok(cards.some((c) => c.content.hours > 0), 'some member served in the first half year')
  })
})

/**
 * The text pdfkit drew, recovered the way a reader does: each text-showing operator's glyph ids
 * looked up in the font's ToUnicode map (all streams are deflated).
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  const streams: string[] = []
  const re = /stream\r?\n/g
  let m: RegExpExecArray | null
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length
    const end = raw.indexOf('endstream', start)
    try {
      streams.push(inflateSync(pdf.subarray(start, end)).toString('latin1'))
    } catch {
      // not deflated (the font program itself)
    }
  }
  const map = new Map<string, string>()
  for (const s of streams.filter((x) => x.includes('begincmap'))) {
    for (const [, from, to] of s.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4,})>/gi)) map.set(from!.toLowerCase(), String.fromCodePoint(...to!.match(/.{4}/g)!.map((h) => parseInt(h, 16))))
    for (const [, lo, hi, list] of s.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*\[([^\]]*)\]/gi)) {
      const targets = [...list!.matchAll(/<([0-9a-f]+)>/gi)].map((x) => String.fromCodePoint(...x[1]!.match(/.{4}/g)!.map((h) => parseInt(h, 16))))
      for (let g = parseInt(lo!, 16), i = 0; g <= parseInt(hi!, 16); g++, i++) map.set(g.toString(16).padStart(4, '0'), targets[i] ?? '')
    }
  }
  let text = ''
  for (const s of streams) for (const [, hex] of s.matchAll(/<([0-9a-f]+)>\s*-?\d*\s*\]?\s*TJ?/gi)) text += (hex!.match(/.{4}/g) ?? []).map((g) => map.get(g.toLowerCase()) ?? '').join('')
  for (const s of streams) for (const [, arr] of s.matchAll(/\[([^\]]*)\]\s*TJ/g)) text += [...arr!.matchAll(/<([0-9a-f]+)>/gi)].map((x) => (x[1]!.match(/.{4}/g) ?? []).map((g) => map.get(g.toLowerCase()) ?? '').join('')).join('')
  return text
}

describe('ledgers', () => {
  test('a cadre reads the member database and exports it to Excel; members are refused', async () => {
    const ledger = (await cadre.get(`/api/v1/ledgers/member-database?communityId=${t.fixtures.communityId}`)).json()
    assert.equal(ledger.title, '党员信息库')
    const [person] = await t.query<{ name: string }>(sql`SELECT name FROM people WHERE id = ${t.fixtures.personIds.resident}`)
    assert.ok(ledger.rows.some((r: { name: string }) => r.name === person!.name))
    const xlsx = await cadre.get(`/api/v1/ledgers/member-database.xlsx?communityId=${t.fixtures.communityId}`)
    assert.equal(xlsx.statusCode, 200)
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString('latin1'), 'PK')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    assert.equal(sheet.getCell(1, 1).value, '党员信息库')
    assert.equal(sheet.rowCount, ledger.rows.length + 2)
    assert.equal((await member.get('/api/v1/ledgers/member-database')).statusCode, 403)
    assert.equal((await member.get('/api/v1/ledgers/unit-service.xlsx')).statusCode, 403)
    assert.equal((await cadre.get('/api/v1/ledgers/everything')).statusCode, 400)
  })

  test('the member service and unit service ledgers add up the same claims', async () => {
    const members = (await street.get('/api/v1/ledgers/member-service?year=2026')).json()
    const units = (await street.get('/api/v1/ledgers/unit-service?year=2026')).json()
    const sum = (rows: Record<string, number>[], key: string) => rows.reduce((s, r) => s + Number(r[key]), 0)
    assert.ok(members.rows.length > 100)
    assert.equal(sum(units.rows, 'posts') >= sum(members.rows, 'posts'), true)
    assert.equal((await street.get('/api/v1/ledgers/unit-service.xlsx?year=2026')).statusCode, 200)
  })

  test('a member reads their own handbook; another member’s answers 404', async () => {
    const book = await member.get(`/api/v1/members/${memberId}/handbook`)
    assert.equal(book.statusCode, 200)
    assert.match(book.json().title, /党员纪实手册/)
    assert.equal((await member.get(`/api/v1/members/${memberId}/handbook.xlsx`)).statusCode, 200)
    assert.equal((await member.get(`/api/v1/members/${residentMemberId}/handbook`)).statusCode, 404)
  })
})

describe('public walls and the pioneer index', () => {
  test('anyone sees a community’s walls with the consenting members’ names and commitments only', async () => {
    const res = await t.anonymous.get(`/api/v1/public/walls/${t.fixtures.communityId}`)
    assert.equal(res.statusCode, 200)
    const walls = res.json()
    const [person] = await t.query<{ name: string }>(sql`SELECT name FROM people WHERE id = ${t.fixtures.personIds.resident}`)
    assert.ok(walls.commitment.some((c: { name: string; commitment: string }) => c.name === person!.name && c.commitment === '每月为邻居义务理发一次'))
    assert.ok(!walls.pioneer.some((c: { name: string }) => c.name === person!.name), 'not on a wall they did not choose')
    const silent = await t.query<{ name: string }>(sql`SELECT p.name FROM party_members pm JOIN people p ON p.id = pm.person_id
      WHERE pm.community_id = ${t.fixtures.communityId} AND cardinality(pm.public_walls) = 0`)
    const shown = new Set([...walls.signature, ...walls.commitment, ...walls.pioneer].map((x: { name: string }) => x.name))
    assert.ok(silent.filter((s) => shown.has(s.name)).length <= 1, 'members who did not consent are not shown')
    assert.deepEqual(JSON.stringify(walls).match(/"id":"\d+"/g), [`"id":"${t.fixtures.communityId}"`], 'no ids beyond the community')
    assert.deepEqual(Object.keys(walls.pioneer[0] ?? { name: '', hours: 0, pioneerIndex: 0 }).sort(), ['hours', 'name', 'pioneerIndex'])
    assert.equal((await t.anonymous.get(`/api/v1/public/walls/${t.fixtures.gridId}`)).statusCode, 404)
  })

  test('the pioneer index ranks gig-worker members and their teams for cadres', async () => {
    const res = await street.get('/api/v1/pioneer-index?year=2026')
    assert.equal(res.statusCode, 200)
    const { people, teams } = res.json()
    assert.ok(people.length > 0 && teams.length > 0)
    assert.ok(people.every((p: { index: number }) => p.index >= 0 && p.index <= 100))
    assert.deepEqual(people.map((p: { index: number }) => p.index), [...people.map((p: { index: number }) => p.index)].sort((a, b) => b - a))
    assert.equal((await member.get('/api/v1/pioneer-index')).json().people.length, 0)
  })
})
