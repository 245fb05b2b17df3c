import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Person } from '../../../../test/support/factories.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const count = async (q: ReturnType<typeof sql>) => (await t.query<{ n: number }>(q))[0]!.n
const lastYear = new Date().getUTCFullYear() - 1
/** A China-time instant of last year. */
const at = (month: number, day: number, hour = 19) => new Date(Date.UTC(lastYear, month - 1, day, hour - 8)).toISOString()

/** A community whose Party side is a branch, a grid with a Party group, a cadre, and members. */
async function world() {
  const community = await f.newCommunity()
  const grid = await f.newGrid(community)
  await t.query(sql`UPDATE orgs SET party_org_kind = 'branch', party_org_name = ${community.name + '党支部'} WHERE id = ${community.id}`)
  await t.query(sql`UPDATE orgs SET party_org_kind = 'group', party_org_name = ${grid.name + '党小组'} WHERE id = ${grid.id}`)
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const building = await f.newBuilding(grid)
  const members: Person[] = []
  for (let i = 0; i < 4; i++) members.push(await f.newPerson({ role: 'resident', orgId: building.id }))
  for (const [i, m] of members.entries()) {
    const res = await cadre.client.post(`/api/v1/party-orgs/${community.id}/members`, { personId: m.id, relation: i === 3 ? 'participating' : 'direct', post: i === 0 ? 'secretary' : 'member' })
    assert.equal(res.statusCode, 200, res.body)
  }
  const res = await cadre.client.post(`/api/v1/party-orgs/${grid.id}/members`, { personId: members[1]!.id, relation: 'direct', post: 'group_leader' })
  assert.equal(res.statusCode, 200, res.body)
  return { community, grid, cadre, members }
}

/** A Party meeting written directly (a past year's record), with attendance. */
async function pastMeeting(orgId: string, by: string, kind: string, startsAt: string, state: string, attendance: { personId: string; present: boolean }[] = []) {
  const [m] = await t.query<{ id: string }>(sql`INSERT INTO meetings (org_id, kind, title, starts_at, ends_at, place, state, created_by, held_at)
    VALUES (${orgId}, ${kind}, ${'测试组织生活会' + startsAt.slice(0, 10)}, ${startsAt}::timestamptz, ${startsAt}::timestamptz + interval '2 hours', '党员活动室', ${state}, ${by},
      ${state === 'held' ? sql`${startsAt}::timestamptz + interval '2 hours'` : sql`NULL`}) RETURNING id::text`)
  for (const a of attendance) {
    await t.query(sql`INSERT INTO meeting_invitees (meeting_id, person_id) VALUES (${m!.id}, ${a.personId})`)
    await t.query(sql`INSERT INTO meeting_attendance (meeting_id, person_id, present, how, checked_in_at, absence_reason)
      VALUES (${m!.id}, ${a.personId}, ${a.present}, ${a.present ? 'by_hand' : null}, ${a.present ? sql`${startsAt}::timestamptz` : sql`NULL`}, ${a.present ? null : '出差'})`)
  }
  return m!.id
}

describe('members of a Party organisation', () => {
  test('members are counted apart by relation; the list of Party organisations shows the counts', async () => {
    const { community, grid, cadre, members } = await world()
    const list = await cadre.client.get(`/api/v1/party-orgs/${community.id}/members`)
    assert.equal(list.statusCode, 200, list.body)
    assert.equal(list.json().length, 4)
    assert.equal(list.json()[0].post, 'secretary')
    const orgs = await cadre.client.get(`/api/v1/party-orgs?orgId=${community.id}`)
    const mine = orgs.json().find((o: { id: string }) => o.id === community.id)
    assert.deepEqual(mine.members, { direct: 3, participating: 1, assisting: 0 })
    assert.ok(orgs.json().some((o: { id: string; partyKind: string }) => o.id === grid.id && o.partyKind === 'group'))
    const removed = await cadre.client.delete(`/api/v1/party-orgs/${community.id}/members/${members[2]!.id}`)
    assert.equal(removed.statusCode, 200, removed.body)
    assert.equal(removed.json().length, 3)
    const again = await cadre.client.delete(`/api/v1/party-orgs/${community.id}/members/${members[2]!.id}`)
    assert.equal(again.statusCode, 404)
    assert.equal(codeOf(again), 'PARTY_MEMBER_NOT_FOUND')
  })

  test('bad input answers 4xx in Chinese and writes nothing; a node without a Party side is no Party organisation', async () => {
    const { community, cadre, members } = await world()
    const before = await count(sql`SELECT count(*)::int AS n FROM party_org_members`)
    const bad = await cadre.client.post(`/api/v1/party-orgs/${community.id}/members`, { personId: members[0]!.id, relation: 'friend' })
    assert.equal(bad.statusCode, 400)
    const building = await f.newBuilding(await f.newGrid(community))
    const notParty = await cadre.client.post(`/api/v1/party-orgs/${building.id}/members`, { personId: members[0]!.id, relation: 'direct' })
    assert.equal(notParty.statusCode, 404)
    assert.equal(codeOf(notParty), 'PARTY_ORG_NOT_FOUND')
    assert.match(notParty.json().error.message, /党组织不存在/)
    const ghost = await cadre.client.post(`/api/v1/party-orgs/${community.id}/members`, { personId: '999999999', relation: 'direct' })
    assert.equal(ghost.statusCode, 404)
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM party_org_members`), before)
  })
})

describe('yearly plans', () => {
  test('a branch starts from the Party rules; its own plan replaces them; a kind given twice is refused', async () => {
    const { community, grid, cadre } = await world()
    const def = await cadre.client.get(`/api/v1/party-orgs/${community.id}/plans/${lastYear}`)
    assert.equal(def.statusCode, 200, def.body)
    const freq = Object.fromEntries(def.json().items.map((i: { kind: string; frequency: string }) => [i.kind, i.frequency]))
    assert.deepEqual(freq, { branch_assembly: 'quarterly', branch_committee: 'monthly', party_class: 'quarterly', theme_day: 'monthly' })
    assert.ok(def.json().items.every((i: { isDefault: boolean }) => i.isDefault))
    const group = await cadre.client.get(`/api/v1/party-orgs/${grid.id}/plans/${lastYear}`)
    assert.deepEqual(group.json().items.map((i: { kind: string }) => i.kind), ['group_meeting'])
    const set = await cadre.client.put(`/api/v1/party-orgs/${community.id}/plans/${lastYear}`, { items: [{ kind: 'branch_committee', frequency: 'monthly' }, { kind: 'party_class', frequency: 'half_yearly' }] })
    assert.equal(set.statusCode, 200, set.body)
    assert.equal(set.json().items.length, 2)
    assert.ok(set.json().items.every((i: { isDefault: boolean }) => !i.isDefault))
    const twice = await cadre.client.put(`/api/v1/party-orgs/${community.id}/plans/${lastYear}`, { items: [{ kind: 'party_class', frequency: 'monthly' }, { kind: 'party_class', frequency: 'yearly' }] })
    assert.equal(twice.statusCode, 422)
    assert.match(twice.json().error.message, /./)
    const notParty = await cadre.client.put(`/api/v1/party-orgs/${community.id}/plans/${lastYear}`, { items: [{ kind: 'council_hall', frequency: 'monthly' }] })
    assert.equal(notParty.statusCode, 400)
    const badYear = await cadre.client.get(`/api/v1/party-orgs/${community.id}/plans/1999`)
    assert.equal(badYear.statusCode, 400)
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM party_life_plans WHERE party_org_id = ${community.id}`), 2)
  })
})

describe('Party meetings of an organisation', () => {
  test('POST creates a meeting of the one model, inviting the members of the branch and its groups; GET lists them by dates', async () => {
    const { community, cadre, members } = await world()
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
    const endsAt = new Date(Date.now() + 3 * 86_400_000 + 7_200_000).toISOString()
    const res = await cadre.client.post(`/api/v1/party-orgs/${community.id}/meetings`, {
      kind: 'branch_committee', title: '十二月支委会', startsAt, endsAt, place: '党群服务中心三楼', agenda: [{ text: '研究发展党员工作' }],
    })
    assert.equal(res.statusCode, 201, res.body)
    const m = res.json()
    assert.equal(m.kind, 'branch_committee')
    assert.deepEqual(m.invitees.map((i: { person: { id: string } }) => i.person.id).filter((id: string) => members.some((x) => x.id === id)).sort(), members.map((x) => x.id).sort())
    const from = startsAt.slice(0, 10)
    const list = await cadre.client.get(`/api/v1/party-orgs/${community.id}/meetings?from=${from}&to=${new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)}`)
    assert.equal(list.statusCode, 200, list.body)
    assert.deepEqual(list.json().map((x: { id: string }) => x.id), [m.id])
    assert.ok(list.json()[0].invited >= 4)
    const reversed = await cadre.client.get(`/api/v1/party-orgs/${community.id}/meetings?from=2026-05-01&to=2026-01-01`)
    assert.equal(reversed.statusCode, 422)
    const badDate = await cadre.client.get(`/api/v1/party-orgs/${community.id}/meetings?from=2026-13-01`)
    assert.equal(badDate.statusCode, 400)
  })

  test('a Party kind only at a Party organisation, no deliberation kind through the Party route, links only on Party meetings; nothing written', async () => {
    const { community, cadre } = await world()
    const before = await count(sql`SELECT count(*)::int AS n FROM meetings`)
    const body = { title: '测试会议', startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), place: '活动室' }
    const wrongKind = await cadre.client.post(`/api/v1/party-orgs/${community.id}/meetings`, { ...body, kind: 'council_hall' })
    assert.equal(wrongKind.statusCode, 400)
    const building = await f.newBuilding(await f.newGrid(community))
    const atBuilding = await cadre.client.post('/api/v1/meetings', { ...body, orgId: building.id, kind: 'theme_day' })
    assert.equal(atBuilding.statusCode, 422, atBuilding.body)
    assert.equal(codeOf(atBuilding), 'MEETING_NOT_PARTY_ORG')
    const link = await cadre.client.post('/api/v1/meetings', { ...body, orgId: community.id, kind: 'council_hall', activityId: '1' })
    assert.equal(link.statusCode, 422)
    const noActivity = await cadre.client.post(`/api/v1/party-orgs/${community.id}/meetings`, { ...body, kind: 'micro_day', activityId: '999999999' })
    assert.equal(noActivity.statusCode, 422)
    assert.equal(codeOf(noActivity), 'MEETING_ACTIVITY_NOT_FOUND')
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM meetings`), before)
  })

  test('attendance by hand serves Party meetings: an absence needs a reason, which the member record shows', async () => {
    const { community, cadre, members } = await world()
    const start = new Date(Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000)
    const res = await cadre.client.post(`/api/v1/party-orgs/${community.id}/meetings`, {
      kind: 'party_class', title: '专题党课：基层治理', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(), place: '党员活动室',
    })
    assert.equal(res.statusCode, 201, res.body)
    const id = res.json().id
    const noReason = await cadre.client.post(`/api/v1/meetings/${id}/attendance`, { entries: [{ personId: members[0]!.id, present: false }] })
    assert.equal(noReason.statusCode, 422)
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM meeting_attendance WHERE meeting_id = ${id}`), 0)
    const ok = await cadre.client.post(`/api/v1/meetings/${id}/attendance`, { entries: [{ personId: members[0]!.id, present: false, absenceReason: '外出务工请假' }, { personId: members[1]!.id, present: true }] })
    assert.equal(ok.statusCode, 200, ok.body)
    const closed = await cadre.client.post(`/api/v1/meetings/${id}/close`, {})
    assert.equal(closed.statusCode, 200, closed.body)
    const rec = await cadre.client.get(`/api/v1/party-orgs/${community.id}/members/${members[0]!.id}/record`)
    assert.equal(rec.statusCode, 200, rec.body)
    assert.equal(rec.json().absent, 1)
    assert.equal(rec.json().meetings[0].absenceReason, '外出务工请假')
    const mine = await members[1]!.client.get('/api/v1/party-life/me')
    assert.equal(mine.statusCode, 200, mine.body)
    assert.equal(mine.json().attended, 1)
    assert.deepEqual(mine.json().orgs.map((o: { relation: string }) => o.relation).sort(), ['direct', 'direct'])
    const stranger = await cadre.client.get(`/api/v1/party-orgs/${community.id}/members/${cadre.id}/record`)
    assert.equal(stranger.statusCode, 404)
  })
})

describe('the dashboard', () => {
  test('required vs held per kind and period, late and missing, members who missed three in a row; the district rollup', async () => {
    const { community, cadre, members } = await world()
    const [a, b, c] = members as [Person, Person, Person, Person]
    const all = (present: string[]) => [a, b, c].map((m) => ({ personId: m.id, present: present.includes(m.id) }))
    await pastMeeting(community.id, cadre.id, 'branch_committee', at(1, 10), 'held', all([a.id, b.id]))
    await pastMeeting(community.id, cadre.id, 'branch_committee', at(2, 10), 'planned')
    await pastMeeting(community.id, cadre.id, 'branch_committee', at(3, 10), 'held', all([a.id]))
    await pastMeeting(community.id, cadre.id, 'branch_committee', at(4, 10), 'held', all([a.id]))
    await pastMeeting(community.id, cadre.id, 'party_class', at(5, 10), 'held', all([a.id]))
    await pastMeeting(community.id, cadre.id, 'branch_assembly', at(6, 30), 'minutes_approved', all([a.id, b.id]))
    const res = await cadre.client.get(`/api/v1/party-orgs/${community.id}/dashboard?year=${lastYear}`)
    assert.equal(res.statusCode, 200, res.body)
    const d = res.json()
    const committee = d.kinds.find((k: { kind: string }) => k.kind === 'branch_committee')
    assert.deepEqual([committee.required, committee.dueSoFar, committee.held, committee.late, committee.missing], [12, 12, 3, 1, 8])
    assert.deepEqual(committee.periods.slice(0, 5).map((p: { status: string }) => p.status), ['held', 'late', 'held', 'held', 'missing'])
    const assembly = d.kinds.find((k: { kind: string }) => k.kind === 'branch_assembly')
    assert.deepEqual(assembly.periods.map((p: { status: string }) => p.status), ['missing', 'held', 'missing', 'missing'])
    assert.deepEqual(d.missedInARow.map((m: { person: { id: string }; streak: number }) => [m.person.id, m.streak]), [[c.id, 5]])
    assert.equal(d.missedInARow[0].lastAbsenceReason, '出差')
    assert.deepEqual(d.members, { direct: 3, participating: 1, assisting: 0 })
    const overview = await cadre.client.get(`/api/v1/party-life/overview?orgId=${community.id}&year=${lastYear}`)
    assert.equal(overview.statusCode, 200, overview.body)
    const row = overview.json().orgs.find((o: { id: string }) => o.id === community.id)
    // branch: committee 12 + assembly 4 + class 4 + theme day 12 due; held 3 + 1 + 1 + 0
    assert.deepEqual([row.dueSoFar, row.held, row.late], [32, 5, 1])
    assert.equal(row.missing, 32 - 5 - 1)
  })

  test('the sweep reminds the secretary once when a required period ends within a week with nothing planned', async () => {
    const { community, members } = await world()
    const sweep = t.app.services.party_life.life.sweep
    const now = new Date(Date.UTC(new Date().getUTCFullYear(), 11, 27, 1, 0))
    await t.query(sql`DELETE FROM party_life_reminders WHERE party_org_id = ${community.id}`)
    const first = await sweep(t.database.db, now)
    assert.ok(first.reminded >= 1)
    const got = await count(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${members[0]!.id} AND kind = 'party_life'`)
    assert.ok(got >= 1)
    await sweep(t.database.db, now)
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${members[0]!.id} AND kind = 'party_life'`), got)
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${members[2]!.id} AND kind = 'party_life'`), 0)
  })
})

describe('study', () => {
  test('a course with sessions, attendance with hours or reasons, a member\'s hours per year', async () => {
    const { community, cadre, members } = await world()
    const year = new Date().getUTCFullYear()
    const course = await cadre.client.post('/api/v1/study-courses', { orgId: community.id, kind: 'party_history', title: '党史学习教育专题', year })
    assert.equal(course.statusCode, 201, course.body)
    const withSession = await cadre.client.post(`/api/v1/study-courses/${course.json().id}/sessions`, { title: '第一讲', startsAt: new Date().toISOString(), hours: 2, teacher: '王书记' })
    assert.equal(withSession.statusCode, 201, withSession.body)
    const sessionId = withSession.json().sessions[0].id
    const noReason = await cadre.client.post(`/api/v1/study-sessions/${sessionId}/attendance`, { entries: [{ personId: members[0]!.id, present: false }] })
    assert.equal(noReason.statusCode, 422)
    const tooMany = await cadre.client.post(`/api/v1/study-sessions/${sessionId}/attendance`, { entries: [{ personId: members[0]!.id, present: true, hours: 3 }] })
    assert.equal(tooMany.statusCode, 422)
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM study_attendance WHERE session_id = ${sessionId}`), 0)
    const ok = await cadre.client.post(`/api/v1/study-sessions/${sessionId}/attendance`, { entries: [{ personId: members[0]!.id, present: true }, { personId: members[1]!.id, present: true, hours: 1.5 }, { personId: members[2]!.id, present: false, absenceReason: '生病请假' }] })
    assert.equal(ok.statusCode, 200, ok.body)
    assert.equal(ok.json().attendance.length, 3)
    const hours = await cadre.client.get(`/api/v1/party-orgs/${community.id}/study-hours?year=${year}`)
    assert.equal(hours.statusCode, 200, hours.body)
    const of = (id: string) => hours.json().members.find((m: { person: { id: string } }) => m.person.id === id)
    assert.equal(of(members[0]!.id).hours, 2)
    assert.equal(of(members[1]!.id).hours, 1.5)
    assert.equal(of(members[2]!.id).hours, 0)
    const mine = await members[0]!.client.get(`/api/v1/party-life/me?year=${year}`)
    assert.equal(mine.json().studyHours, 2)
    const list = await cadre.client.get(`/api/v1/study-courses?orgId=${community.id}`)
    assert.equal(list.json()[0].hours, 2)
    const badHours = await cadre.client.post(`/api/v1/study-courses/${course.json().id}/sessions`, { title: '第二讲', startsAt: new Date().toISOString(), hours: 0 })
    assert.equal(badHours.statusCode, 400)
    assert.match(badHours.json().error.message + JSON.stringify(badHours.json().error.details ?? ''), /学时/)
  })
})
