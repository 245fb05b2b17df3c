import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { checkInCode, codeWindow } from '../../kernel/checkin-code.ts'
import { chinaYear } from './volunteers.service.ts'

let t: TestApp
let street: Client, cadre: Client, grid: Client, member: Client, resident: Client, district: Client
before(async () => {
  t = await startTestApp()
  ;[street, cadre, grid, member, resident, district] = await t.asEach('street', 'cadre', 'grid', 'member', 'resident', 'district')
})
after(() => t.close())

const TABLES = ['volunteer_teams', 'volunteers', 'volunteer_team_members', 'activities', 'activity_signups', 'activity_attendances', 'time_bank_entries'] as const
async function counts(): Promise<string> {
  const parts: string[] = []
  for (const table of TABLES) {
    const [row] = await t.query<{ n: number; at: string | null }>(sql`SELECT count(*)::int AS n, max(updated_at)::text AS at FROM ${sql.identifier(table)}`)
    parts.push(`${table}:${row!.n}:${row!.at}`)
  }
  return parts.join(' ')
}

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
let serial = 0
const activityBody = (over: Record<string, unknown> = {}) => ({
  orgId: t.fixtures.communityId, title: `敬老院陪伴活动 ${++serial}`, description: '陪老人聊天、读报', place: '社区养老服务站',
  location: { lng: 115.86, lat: 28.68 }, startsAt: hoursFromNow(48), endsAt: hoursFromNow(51), capacity: 5, ...over,
})

async function createActivity(over: Record<string, unknown> = {}, by: Client = cadre) {
  const res = await by.post('/api/v1/activities', activityBody(over))
  assert.equal(res.statusCode, 201, res.body)
  return res.json() as { id: string; title: string; capacity: number }
}

/** Moves an activity in time (tests need ones that are running or over; the API only creates future ones). */
async function shift(id: string, startsInH: number, lengthH: number) {
  await t.query(sql`UPDATE activities SET starts_at = now() + make_interval(secs => ${startsInH * 3600}),
    ends_at = now() + make_interval(secs => ${(startsInH + lengthH) * 3600}) WHERE id = ${id}`)
}

async function currentCode(activityId: string, windowOffset = 0) {
  const [row] = await t.query<{ s: string }>(sql`SELECT checkin_secret AS s FROM activities WHERE id = ${activityId}`)
  return checkInCode(row!.s, activityId, codeWindow(new Date()) + windowOffset)
}

describe('volunteer teams', () => {
  test('a cadre creates a team in their community, a resident joins it, and only managers see the member list', async () => {
    const res = await cadre.post('/api/v1/volunteer-teams', { orgId: t.fixtures.communityId, name: '测试维修队', function: 'repairs', skills: ['水电维修', '家电维修', '水电维修'] })
    assert.equal(res.statusCode, 201, res.body)
    const team = res.json()
    assert.deepEqual(team.skills, ['水电维修', '家电维修'])
    assert.equal(team.canManage, true)
    const join = await resident.post(`/api/v1/volunteer-teams/${team.id}/members`, {})
    assert.equal(join.statusCode, 201, join.body)
    assert.equal(join.json().myRole, 'member')
    assert.deepEqual(join.json().members, [])
    const seen = (await cadre.get(`/api/v1/volunteer-teams/${team.id}`)).json()
    assert.equal(seen.memberCount, 1)
    assert.equal(seen.members[0].person.id, t.fixtures.personIds.resident)
    assert.equal((await resident.post(`/api/v1/volunteer-teams/${team.id}/members`, {})).json().error.code, 'VOLUNTEER_TEAM_ALREADY_MEMBER')
    const me = (await resident.get('/api/v1/volunteers/me')).json()
    assert.equal(me.isVolunteer, true)
    assert.ok(me.teams.some((x: { id: string }) => x.id === team.id))
    const listed = (await member.get(`/api/v1/volunteer-teams?orgId=${t.fixtures.communityId}&function=repairs&limit=200`)).json().items as { id: string }[]
    assert.ok(listed.some((x) => x.id === team.id))
    assert.equal((await resident.delete(`/api/v1/volunteer-teams/${team.id}/members/${t.fixtures.personIds.resident}`)).statusCode, 204)
    assert.equal((await cadre.get(`/api/v1/volunteer-teams/${team.id}`)).json().memberCount, 0)
  })

  test('a team leader manages their team but cannot name leaders; outsiders are refused', async () => {
    const team = (await cadre.post('/api/v1/volunteer-teams', { orgId: t.fixtures.communityId, name: '测试巡逻队', function: 'patrol' })).json()
    assert.equal((await cadre.post(`/api/v1/volunteer-teams/${team.id}/members`, { personId: t.fixtures.personIds.member, role: 'leader' })).statusCode, 201)
    const renamed = await member.patch(`/api/v1/volunteer-teams/${team.id}`, { description: '夜间巡逻' })
    assert.equal(renamed.statusCode, 200, renamed.body)
    assert.equal(renamed.json().canManage, true)
    assert.equal((await member.post(`/api/v1/volunteer-teams/${team.id}/members`, { personId: t.fixtures.personIds.resident })).statusCode, 201)
    assert.equal((await member.post(`/api/v1/volunteer-teams/${team.id}/members`, { personId: t.fixtures.personIds.grid, role: 'leader' })).statusCode, 403)
    assert.equal((await resident.patch(`/api/v1/volunteer-teams/${team.id}`, { description: '改' })).statusCode, 403)
    assert.equal((await resident.delete(`/api/v1/volunteer-teams/${team.id}/members/${t.fixtures.personIds.member}`)).statusCode, 403)
    const other = await cadre.post('/api/v1/volunteer-teams', { orgId: t.fixtures.otherCommunityId, name: '越界服务队', function: 'health' })
    assert.equal(other.statusCode, 404, 'a community of another street is not even seen')
    assert.equal(other.json().error.code, 'ORG_NOT_FOUND')
    assert.equal((await grid.post('/api/v1/volunteer-teams', { orgId: t.fixtures.communityId, name: '网格员建社区队', function: 'health' })).statusCode, 403)
    assert.equal((await resident.get('/api/v1/volunteer-teams/999999999')).statusCode, 404)
  })

  test('bad team input is refused in the error shape and writes nothing', async () => {
    const before = await counts()
    const bodies: [unknown, number, string?][] = [
      [{ orgId: t.fixtures.communityId, name: '队', function: 'repairs' }, 400],
      [{ orgId: t.fixtures.communityId, name: '测试队伍', function: 'cooking' }, 400],
      [{ orgId: t.fixtures.communityId, name: '测试队伍', function: 'repairs', skills: Array(21).fill('技能') }, 400],
      [{ orgId: t.fixtures.communityId, name: '测试队伍', function: 'repairs', extra: 1 }, 400],
      [{ orgId: '999999999', name: '测试队伍', function: 'repairs' }, 404, 'ORG_NOT_FOUND'],
      [{ orgId: t.fixtures.buildingId, name: '测试队伍', function: 'repairs' }, 422, 'VOLUNTEER_TEAM_ORG_KIND'],
      [{ orgId: t.fixtures.communityId, name: '测试维修队', function: 'repairs' }, 409, 'VOLUNTEER_TEAM_NAME_TAKEN'],
    ]
    for (const [body, status, code] of bodies) {
      const res = await street.post('/api/v1/volunteer-teams', body)
      assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`)
      assert.ok(res.json().error.message)
      if (code) assert.equal(res.json().error.code, code)
    }
    assert.equal((await resident.put('/api/v1/volunteers/me', { skills: 'all' })).statusCode, 400)
    assert.equal((await resident.post('/api/v1/volunteer-teams/abc/members', {})).statusCode, 400)
    assert.equal(await counts(), before)
  })
})

describe('activities', () => {
  test('a cadre publishes an activity; everyone signed in sees it, nearest first with distances', async () => {
    const near = await createActivity({ location: { lng: 115.8601, lat: 28.6801 }, skillNeeds: [{ skill: '急救', count: 2 }] })
    const far = await createActivity({ location: { lng: 115.95, lat: 28.75 } })
    const list = (await resident.get('/api/v1/activities?nearLng=115.86&nearLat=28.68&limit=200')).json()
    const ids = list.items.map((a: { id: string }) => a.id)
    assert.ok(ids.indexOf(near.id) < ids.indexOf(far.id))
    const got = list.items.find((a: { id: string }) => a.id === near.id)
    assert.ok(got.distanceM >= 10 && got.distanceM < 30, String(got.distanceM))
    assert.equal(got.phase, 'upcoming')
    assert.equal(got.seatsLeft, 5)
    assert.equal(got.canManage, false)
    assert.deepEqual(got.skillNeeds, [{ skill: '急救', count: 2, covered: 0 }])
    const page1 = (await resident.get('/api/v1/activities?limit=1')).json()
    const page2 = (await resident.get(`/api/v1/activities?limit=1&cursor=${page1.nextCursor}`)).json()
    assert.ok(page2.items[0].startsAt >= page1.items[0].startsAt)
    assert.notEqual(page2.items[0].id, page1.items[0].id)
    assert.equal((await cadre.get(`/api/v1/activities/${near.id}`)).json().canManage, true)
    const fromHome = (await resident.get('/api/v1/activities?nearHome=1&limit=5')).json().items as { distanceM: number | null }[]
    assert.ok(fromHome.length > 0 && fromHome.every((a) => a.distanceM !== null), 'the resident lives in a building with a location')
    assert.ok(fromHome.every((a, i) => i === 0 || a.distanceM! >= fromHome[i - 1]!.distanceM!))
    assert.equal(t.anonymous && (await t.anonymous.get('/api/v1/activities')).statusCode, 401)
  })

  test('grid staff organise in their own grid only; outsiders cannot edit or cancel', async () => {
    const own = await grid.post('/api/v1/activities', activityBody({ orgId: t.fixtures.gridId }))
    assert.equal(own.statusCode, 201, own.body)
    assert.equal((await grid.post('/api/v1/activities', activityBody({ orgId: t.fixtures.siblingGridId }))).statusCode, 404, 'a sibling grid is not even seen')
    assert.equal((await grid.post('/api/v1/activities', activityBody())).statusCode, 403)
    assert.equal((await cadre.post('/api/v1/activities', activityBody({ orgId: t.fixtures.otherCommunityId }))).statusCode, 404)
    assert.equal((await resident.post('/api/v1/activities', activityBody())).statusCode, 403)
    const id = own.json().id
    assert.equal((await resident.patch(`/api/v1/activities/${id}`, { title: '改标题' })).statusCode, 403)
    assert.equal((await resident.post(`/api/v1/activities/${id}/cancel`, { reason: '天气原因' })).statusCode, 403)
    const edited = await cadre.patch(`/api/v1/activities/${id}`, { title: '网格清洁日', capacity: 8 })
    assert.equal(edited.statusCode, 200, edited.body)
    assert.equal(edited.json().title, '网格清洁日')
    assert.equal(edited.json().capacity, 8)
    assert.equal((await resident.get('/api/v1/activities/999999999')).statusCode, 404)
  })

  test('a team leader organises activities of their team', async () => {
    const team = (await street.post('/api/v1/volunteer-teams', { orgId: t.fixtures.streetId, name: '街道文艺队', function: 'culture' })).json()
    await street.post(`/api/v1/volunteer-teams/${team.id}/members`, { personId: t.fixtures.personIds.resident, role: 'leader' })
    const res = await resident.post('/api/v1/activities', activityBody({ teamId: team.id }))
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().team.id, team.id)
    assert.equal(res.json().canManage, true)
    assert.equal((await resident.get(`/api/v1/activities/${res.json().id}/signups`)).statusCode, 200)
    const gridTeam = (await grid.post('/api/v1/volunteer-teams', { orgId: t.fixtures.gridId, name: '测试环保队', function: 'environment' })).json()
    await grid.post(`/api/v1/volunteer-teams/${gridTeam.id}/members`, { personId: t.fixtures.personIds.member, role: 'leader' })
    assert.equal((await member.post('/api/v1/activities', activityBody({ orgId: t.fixtures.gridId, teamId: gridTeam.id }))).statusCode, 201)
    assert.equal((await member.post('/api/v1/activities', activityBody({ orgId: t.fixtures.communityId, teamId: gridTeam.id }))).statusCode, 403, 'not beyond the team\'s own area')
    assert.equal((await member.post('/api/v1/activities', activityBody({ orgId: t.fixtures.gridId }))).statusCode, 403, 'not without the team')
  })

  test('bad activity input is refused in the error shape and writes nothing', async () => {
    const before = await counts()
    const cases: [Record<string, unknown>, number, string?][] = [
      [{ title: '活' }, 400],
      [{ capacity: 0 }, 400],
      [{ location: { lng: 200, lat: 28 } }, 400],
      [{ startsAt: 'tomorrow' }, 400],
      [{ extra: true }, 400],
      [{ skillNeeds: [{ skill: '急救', count: 0 }] }, 400],
      [{ maxHours: -1 }, 400],
      [{ endsAt: hoursFromNow(47) }, 422, 'ACTIVITY_TIME_INVALID'],
      [{ endsAt: hoursFromNow(48 + 80) }, 422, 'ACTIVITY_TIME_INVALID'],
      [{ startsAt: hoursFromNow(-5), endsAt: hoursFromNow(-2) }, 422, 'ACTIVITY_TIME_INVALID'],
      [{ capacity: 2, skillNeeds: [{ skill: '急救', count: 2 }, { skill: '摄影', count: 1 }] }, 422, 'ACTIVITY_SKILL_NEEDS_EXCEED'],
      [{ teamId: '999999999' }, 404, 'VOLUNTEER_TEAM_NOT_FOUND'],
      [{ orgId: t.fixtures.buildingId }, 422, 'ACTIVITY_ORG_KIND'],
    ]
    for (const [over, status, code] of cases) {
      const res = await street.post('/api/v1/activities', activityBody(over))
      assert.equal(res.statusCode, status, `${JSON.stringify(over)} → ${res.body}`)
      if (code) assert.equal(res.json().error.code, code)
    }
    assert.equal((await resident.get('/api/v1/activities?nearLng=abc&nearLat=1')).statusCode, 400)
    assert.equal((await resident.get('/api/v1/activities?cursor=bad')).statusCode, 400)
    assert.equal(await counts(), before)
  })
})

describe('sign-ups and the waitlist', () => {
  test('two people taking the last seat at once: exactly one gets it, the other is waitlisted', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const a = await createActivity({ capacity: 1 })
    const [x, y] = await Promise.all([member.post(`/api/v1/activities/${a.id}/signups`), resident.post(`/api/v1/activities/${a.id}/signups`)])
    assert.equal(x.statusCode, 201, x.body)
    assert.equal(y.statusCode, 201, y.body)
    const statuses = [x.json().status, y.json().status].sort()
    assert.deepEqual(statuses, ['confirmed', 'waitlisted'])
    const waiting = [x, y].find((r) => r.json().status === 'waitlisted')!.json()
    assert.equal(waiting.position, 1)
    const rows = await t.query<{ status: string }>(sql`SELECT status FROM activity_signups WHERE activity_id = ${a.id}`)
    assert.equal(rows.filter((r) => r.status === 'confirmed').length, 1)
  })

  test('cancelling a seat moves the first on the waitlist up in the same transaction and tells them', async () => {
    const a = await createActivity({ capacity: 1 })
    const first = (await member.post(`/api/v1/activities/${a.id}/signups`)).json()
    const second = (await resident.post(`/api/v1/activities/${a.id}/signups`)).json()
    const third = (await grid.post(`/api/v1/activities/${a.id}/signups`)).json()
    assert.deepEqual([first.status, second.status, third.status], ['confirmed', 'waitlisted', 'waitlisted'])
    assert.equal(third.position, 2)
    assert.equal((await resident.get(`/api/v1/activities/${a.id}`)).json().mySignup.position, 1)
    assert.equal((await member.post(`/api/v1/activities/${a.id}/signups`)).json().error.code, 'ACTIVITY_ALREADY_SIGNED_UP')
    assert.equal((await resident.delete(`/api/v1/activities/${a.id}/signups/${first.id}`)).statusCode, 404)
    const cancelled = await member.delete(`/api/v1/activities/${a.id}/signups/${first.id}`)
    assert.equal(cancelled.statusCode, 200, cancelled.body)
    assert.equal(cancelled.json().status, 'cancelled')
    const mine = (await resident.get(`/api/v1/activities/${a.id}`)).json()
    assert.equal(mine.mySignup.status, 'confirmed')
    assert.equal((await grid.get(`/api/v1/activities/${a.id}`)).json().mySignup.position, 1)
    const [note] = await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${t.fixtures.personIds.resident} AND kind = 'activity_promoted' ORDER BY id DESC LIMIT 1`)
    assert.match(note!.title, /候补转正/)
    const list = (await cadre.get(`/api/v1/activities/${a.id}/signups`)).json()
    assert.deepEqual(list.items.map((s: { status: string }) => s.status), ['cancelled', 'confirmed', 'waitlisted'])
    assert.equal((await cadre.get(`/api/v1/activities/${a.id}/signups?status=waitlisted`)).json().items.length, 1)
    // More seats: the waitlist moves up.
    await cadre.patch(`/api/v1/activities/${a.id}`, { capacity: 3 })
    assert.equal((await grid.get(`/api/v1/activities/${a.id}`)).json().mySignup.status, 'confirmed')
    assert.equal((await cadre.patch(`/api/v1/activities/${a.id}`, { capacity: 1 })).json().error.code, 'ACTIVITY_CAPACITY_BELOW_CONFIRMED')
    // Signing up again after cancelling goes to the end of the line.
    const again = await member.post(`/api/v1/activities/${a.id}/signups`)
    assert.equal(again.json().status, 'confirmed')
  })

  test('outsiders cannot see the sign-up list; cancelled and started activities take no sign-ups', async () => {
    const a = await createActivity()
    assert.equal((await resident.get(`/api/v1/activities/${a.id}/signups`)).statusCode, 403)
    assert.equal((await grid.get(`/api/v1/activities/${a.id}/signups`)).statusCode, 403)
    assert.equal((await street.get(`/api/v1/activities/${a.id}/signups`)).statusCode, 200)
    assert.equal((await member.post(`/api/v1/activities/${a.id}/signups`)).statusCode, 201)
    const cancel = await cadre.post(`/api/v1/activities/${a.id}/cancel`, { reason: '台风预警，活动取消' })
    assert.equal(cancel.statusCode, 200, cancel.body)
    assert.equal(cancel.json().status, 'cancelled')
    assert.equal((await resident.post(`/api/v1/activities/${a.id}/signups`)).json().error.code, 'ACTIVITY_CANCELLED')
    assert.ok((await member.get('/api/v1/activities?mine=1&limit=200')).json().items.some((x: { id: string }) => x.id === a.id))
    assert.ok(!(await resident.get('/api/v1/activities?limit=200')).json().items.some((x: { id: string }) => x.id === a.id))
    const started = await createActivity()
    await shift(started.id, -1, 3)
    assert.equal((await resident.post(`/api/v1/activities/${started.id}/signups`)).json().error.code, 'ACTIVITY_STARTED')
    assert.equal((await cadre.post(`/api/v1/activities/${a.id}/cancel`, { reason: 'x' })).statusCode, 400)
  })
})

describe('check-in and check-out', () => {
  test('the organiser screen shows a rotating QR code of the phone page; volunteers check in and out with it', async () => {
    const a = await createActivity({ capacity: 2, maxHours: 2 })
    await resident.post(`/api/v1/activities/${a.id}/signups`)
    assert.equal((await resident.get(`/api/v1/activities/${a.id}/check-in-code`)).statusCode, 403)
    const shown = await cadre.get(`/api/v1/activities/${a.id}/check-in-code`)
    assert.equal(shown.statusCode, 200, shown.body)
    const qr = shown.json()
    assert.match(qr.url, new RegExp(`^/h5/checkin\\?activity=${a.id}&code=`), 'without PUBLIC_URL, the path only')
    assert.match(qr.svg, /^<svg/)
    assert.equal(qr.windowSec, 30)
    assert.ok(Date.parse(qr.expiresAt) - Date.now() <= 30_000)
    // Too early: check-in opens an hour before the start, and both the screen and the refusal say when.
    const [start] = await t.query<{ startsAt: string; endsAt: string }>(sql`SELECT starts_at AS "startsAt", ends_at AS "endsAt" FROM activities WHERE id = ${a.id}`)
    const opensAt = new Date(new Date(start!.startsAt).getTime() - 3_600_000)
    assert.equal(qr.checkInOpensAt, opensAt.toISOString())
    assert.equal(qr.checkInClosesAt, new Date(start!.endsAt).toISOString())
    const early = await resident.post(`/api/v1/activities/${a.id}/check-in`, { code: qr.code })
    assert.equal(early.statusCode, 422)
    assert.equal(early.json().error.code, 'ACTIVITY_CHECK_IN_NOT_YET')
    const beijing = new Date(opensAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
    assert.ok(early.json().error.message.includes(`签到将于 ${beijing}`), early.json().error.message)
    await shift(a.id, -2.5, 3)
    const code = await currentCode(a.id)
    const inRes = await resident.post(`/api/v1/activities/${a.id}/check-in`, { code })
    assert.equal(inRes.statusCode, 200, inRes.body)
    assert.equal(inRes.json().status, 'checked_in')
    assert.equal((await resident.post(`/api/v1/activities/${a.id}/check-in`, { code })).json().error.code, 'ACTIVITY_ALREADY_CHECKED_IN')
    // Pretend the check-in happened at the start, 2.5 hours ago.
    await t.query(sql`UPDATE activity_attendances SET checked_in_at = now() - interval '150 minutes' WHERE activity_id = ${a.id}`)
    const out = await resident.post(`/api/v1/activities/${a.id}/check-out`, { code: await currentCode(a.id) })
    assert.equal(out.statusCode, 200, out.body)
    assert.equal(out.json().status, 'checked_out')
    assert.equal(out.json().hours, 2, 'capped by the activity at 2 hours')
    const [paid] = await t.query<{ quantity: string; rule_code: string }>(sql`SELECT quantity::text, rule_code FROM points_transactions WHERE idempotency_key = ${`volunteer_attendance:${out.json().id}`}`)
    assert.equal(paid?.rule_code, 'volunteer_hour', 'check-out pays the volunteer-hour points')
    assert.equal(Number(paid!.quantity), 2)
    const [completed] = await t.query<{ rule_code: string }>(sql`SELECT rule_code FROM points_transactions WHERE idempotency_key = ${`activity_completed:${out.json().id}`}`)
    assert.equal(completed?.rule_code, 'activity_completed', 'and the points for a completed activity, once')
    assert.equal((await resident.post(`/api/v1/activities/${a.id}/check-out`, { code: await currentCode(a.id) })).json().error.code, 'ACTIVITY_ALREADY_CHECKED_OUT')
    const records = await t.app.services.volunteers.serviceRecords(t.database.db, t.fixtures.personIds.resident!, chinaYear(new Date()))
    assert.ok(records.some((r) => r.activityId === a.id && r.hours === 2 && r.status === 'checked_out'))
  })

  test('a code from an old window or from another activity is refused with a clear message, and so is a waitlisted person', async () => {
    const a = await createActivity({ capacity: 1 })
    const b = await createActivity()
    await shift(a.id, -0.5, 3)
    await shift(b.id, -0.5, 3)
    await t.query(sql`INSERT INTO volunteers (person_id) VALUES (${t.fixtures.personIds.member}) ON CONFLICT DO NOTHING`)
    await t.query(sql`INSERT INTO activity_signups (activity_id, person_id, status) VALUES (${a.id}, ${t.fixtures.personIds.member}, 'confirmed'),
      (${a.id}, ${t.fixtures.personIds.resident}, 'waitlisted')`)
    const before = await counts()
    const old = await member.post(`/api/v1/activities/${a.id}/check-in`, { code: await currentCode(a.id, -3) })
    assert.equal(old.statusCode, 422)
    assert.equal(old.json().error.code, 'ACTIVITY_CODE_EXPIRED')
    assert.match(old.json().error.message, /过期/)
    const other = await member.post(`/api/v1/activities/${a.id}/check-in`, { code: await currentCode(b.id) })
    assert.equal(other.json().error.code, 'ACTIVITY_CODE_INVALID')
    assert.match(other.json().error.message, /不是本活动/)
    assert.equal((await member.post(`/api/v1/activities/${a.id}/check-in`, { code: 'abc' })).statusCode, 400)
    const waiting = await resident.post(`/api/v1/activities/${a.id}/check-in`, { code: await currentCode(a.id) })
    assert.equal(waiting.json().error.code, 'ACTIVITY_NOT_SIGNED_UP')
    assert.match(waiting.json().error.message, /候补/)
    assert.equal((await grid.post(`/api/v1/activities/${a.id}/check-out`, { code: await currentCode(a.id) })).json().error.code, 'ACTIVITY_NOT_SIGNED_UP')
    assert.equal((await member.post(`/api/v1/activities/${a.id}/check-out`, { code: await currentCode(a.id) })).json().error.code, 'ACTIVITY_NOT_CHECKED_IN')
    assert.equal(await counts(), before)
    // The previous window still works (a phone that scanned just before the screen changed).
    assert.equal((await member.post(`/api/v1/activities/${a.id}/check-in`, { code: await currentCode(a.id, -1) })).statusCode, 200)
  })

  test('an organiser confirms attendance by hand; hours are capped by the activity; outsiders are refused', async () => {
    const a = await createActivity({ capacity: 3 })
    await member.post(`/api/v1/activities/${a.id}/signups`)
    await resident.post(`/api/v1/activities/${a.id}/signups`)
    await shift(a.id, -5, 3)
    const [row] = await t.query<{ s: string; e: string }>(sql`SELECT starts_at::text AS s, ends_at::text AS e FROM activities WHERE id = ${a.id}`)
    const starts = Date.parse(row!.s.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))
    const at = (h: number) => new Date(starts + h * 3_600_000).toISOString()
    const body = { personId: t.fixtures.personIds.member, checkedInAt: at(-0.5), checkedOutAt: at(3.5) }
    assert.equal((await resident.post(`/api/v1/activities/${a.id}/attendance`, body)).statusCode, 403)
    const before = await counts()
    const bad: [Record<string, unknown>, number, string?][] = [
      [{ ...body, checkedInAt: 'now' }, 400],
      [{ ...body, personId: 'x' }, 400],
      [{ ...body, checkedOutAt: at(-1) }, 422, 'ATTENDANCE_TIME_INVALID'],
      [{ ...body, checkedInAt: at(-3) }, 422, 'ATTENDANCE_TIME_INVALID'],
      [{ ...body, personId: t.fixtures.personIds.grid }, 422, 'ACTIVITY_NOT_SIGNED_UP'],
    ]
    for (const [b, status, code] of bad) {
      const res = await cadre.post(`/api/v1/activities/${a.id}/attendance`, b)
      assert.equal(res.statusCode, status, res.body)
      if (code) assert.equal(res.json().error.code, code)
    }
    assert.equal(await counts(), before)
    const ok = await cadre.post(`/api/v1/activities/${a.id}/attendance`, body)
    assert.equal(ok.statusCode, 201, ok.body)
    assert.equal(ok.json().hours, 3, 'only the time inside the activity counts')
    assert.equal(ok.json().method, 'confirmed')
    assert.equal(ok.json().confirmedBy.id, t.fixtures.personIds.cadre)
    assert.equal((await cadre.post(`/api/v1/activities/${a.id}/attendance`, body)).json().error.code, 'ACTIVITY_ALREADY_CHECKED_OUT')
    const hours = await t.app.services.volunteers.hoursByPerson(t.database.db, [t.fixtures.personIds.member!, t.fixtures.personIds.grid!], chinaYear(new Date()))
    assert.ok(hours.get(t.fixtures.personIds.member!)!.hours >= 3)
    assert.equal(hours.get(t.fixtures.personIds.grid!), undefined)
    assert.equal((await resident.get(`/api/v1/activities/${a.id}/attendance`)).statusCode, 403)
  })

  test('the sweep marks signed-up people who never checked in as no-shows once the activity has ended', async () => {
    const a = await createActivity({ capacity: 3 })
    await member.post(`/api/v1/activities/${a.id}/signups`)
    await resident.post(`/api/v1/activities/${a.id}/signups`)
    await shift(a.id, -4, 2)
    await cadre.post(`/api/v1/activities/${a.id}/attendance`, { personId: t.fixtures.personIds.member, checkedInAt: hoursFromNow(-4), checkedOutAt: hoursFromNow(-2.5) })
    const marked = await t.database.db.transaction((tx) => t.app.services.volunteers.markNoShows(tx, new Date()))
    assert.ok(marked >= 1)
    const list = (await cadre.get(`/api/v1/activities/${a.id}/attendance`)).json().items as { person: { id: string }; status: string; hours: number | null }[]
    assert.deepEqual(list.map((x) => [x.person.id, x.status]).sort(), [[t.fixtures.personIds.member, 'checked_out'], [t.fixtures.personIds.resident, 'no_show']].sort())
    assert.equal((await cadre.get(`/api/v1/activities/${a.id}/attendance?status=no_show`)).json().items.length, 1)
    assert.equal(await t.database.db.transaction((tx) => t.app.services.volunteers.markNoShows(tx, new Date())), 0)
    const me = (await resident.get('/api/v1/volunteers/me')).json()
    assert.ok(me.noShows >= 1)
    assert.ok(me.records.some((r: { activityId: string; status: string }) => r.activityId === a.id && r.status === 'no_show'))
    // An organiser can still correct a no-show.
    const fixed = await cadre.post(`/api/v1/activities/${a.id}/attendance`, { personId: t.fixtures.personIds.resident, checkedInAt: hoursFromNow(-4), checkedOutAt: hoursFromNow(-3) })
    assert.equal(fixed.json().status, 'checked_out')
    assert.equal(fixed.json().hours, 1)
  })
})

describe('hours and the time bank', () => {
  test('a cadre records a one-to-one service; the giver and the receiver see it in their time bank', async () => {
    await resident.put('/api/v1/volunteers/me', { skills: ['陪诊'] })
    const before = (await resident.get('/api/v1/time-bank/me')).json()
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    const body = { orgId: t.fixtures.communityId, giverId: t.fixtures.personIds.resident, receiverId: t.fixtures.personIds.member, hours: 1.5, servedOn: today, note: '陪同就医' }
    assert.equal((await resident.post('/api/v1/time-bank/entries', body)).statusCode, 403)
    assert.equal((await cadre.post('/api/v1/time-bank/entries', { ...body, orgId: t.fixtures.otherCommunityId })).statusCode, 404)
    const saved = await cadre.post('/api/v1/time-bank/entries', body)
    assert.equal(saved.statusCode, 201, saved.body)
    const giver = (await resident.get('/api/v1/time-bank/me')).json()
    assert.equal(giver.given.services, before.given.services + 1.5)
    assert.equal(giver.balance, before.balance + 1.5)
    assert.equal(giver.entries[0].direction, 'given')
    const receiver = (await member.get('/api/v1/time-bank/me')).json()
    assert.ok(receiver.received >= 1.5)
    assert.equal(receiver.entries[0].direction, 'received')
    assert.ok((await cadre.get('/api/v1/time-bank/entries')).json().items.some((e: { id: string }) => e.id === saved.json().id))
    assert.ok(!(await district.get(`/api/v1/time-bank/entries?orgId=${t.fixtures.otherCommunityId}`)).json().items.some((e: { id: string }) => e.id === saved.json().id))
    assert.deepEqual((await resident.get('/api/v1/time-bank/entries')).json().items, [])
  })

  test('bad time-bank input is refused and writes nothing', async () => {
    const [neighbour] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('非志愿者邻居') RETURNING id::text`)
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${neighbour!.id}, 'resident', ${t.fixtures.buildingId})`)
    const before = await counts()
    const base = { orgId: t.fixtures.communityId, giverId: t.fixtures.personIds.resident, receiverId: t.fixtures.personIds.member, hours: 1, servedOn: '2026-01-05', note: '上门维修' }
    const cases: [Record<string, unknown>, number, string?][] = [
      [{ hours: 0.3 }, 400], [{ hours: 30 }, 400], [{ servedOn: '2026-13-01' }, 400], [{ note: '' }, 400],
      [{ receiverId: t.fixtures.personIds.resident }, 422, 'TIME_BANK_ENTRY_INVALID'],
      [{ servedOn: '2099-01-01' }, 422, 'TIME_BANK_ENTRY_INVALID'],
      [{ giverId: neighbour!.id }, 404, 'VOLUNTEER_NOT_FOUND'],
      [{ giverId: t.fixtures.personIds.street }, 404, 'PERSON_NOT_FOUND'],
      [{ receiverId: '999999999' }, 404, 'PERSON_NOT_FOUND'],
    ]
    for (const [over, status, code] of cases) {
      const res = await cadre.post('/api/v1/time-bank/entries', { ...base, ...over })
      assert.equal(res.statusCode, status, `${JSON.stringify(over)} → ${res.body}`)
      if (code) assert.equal(res.json().error.code, code)
    }
    assert.equal((await resident.get('/api/v1/time-bank/me?year=abc')).statusCode, 400)
    assert.equal(await counts(), before)
  })

  test('organisers see the volunteers of their area with hours, no-shows and time bank; a resident sees none', async () => {
    const page = (await cadre.get(`/api/v1/volunteers?limit=200`)).json()
    const res = page.items.find((v: { person: { id: string } }) => v.person.id === t.fixtures.personIds.resident)
    assert.ok(res, 'the resident volunteer is listed')
    assert.ok(res.hours > 0)
    assert.ok(res.timeBank.given >= 1.5)
    assert.deepEqual((await resident.get('/api/v1/volunteers')).json().items, [])
    const otherStreet = await cadre.get(`/api/v1/volunteers?orgId=${t.fixtures.otherCommunityId}`)
    assert.equal(otherStreet.statusCode, 404, 'a node outside the scope is not found, like a missing one')
    assert.deepEqual({ ...otherStreet.json().error, requestId: null }, { ...(await cadre.get('/api/v1/volunteers?orgId=999999999')).json().error, requestId: null })
  })
})

describe('demo data', () => {
  test('the demo street has six teams, a year of activities with hours and no-shows, and upcoming ones with open seats and a waitlist', async () => {
    const teams = (await street.get(`/api/v1/volunteer-teams?orgId=${t.fixtures.streetId}&limit=200`)).json().items as { name: string; function: string; memberCount: number }[]
    const demoTeams = teams.filter((x) => !x.name.startsWith('测试') && !x.name.startsWith('街道文艺'))
    assert.deepEqual(new Set(demoTeams.map((x) => x.function)), new Set(['repairs', 'patrol', 'health', 'legal_aid', 'culture', 'publicity']))
    assert.ok(demoTeams.every((x) => x.memberCount >= 5))
    const past = (await resident.get('/api/v1/activities?when=past&limit=200')).json().items as { confirmed: number }[]
    assert.ok(past.length >= 100)
    const [noShows] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM activity_attendances WHERE status = 'no_show' AND method = 'sweep'`)
    assert.ok(noShows!.n > 10)
    const upcoming = (await resident.get('/api/v1/activities?when=upcoming&limit=200')).json().items as { seatsLeft: number; waitlisted: number; title: string }[]
    assert.ok(upcoming.some((a) => a.seatsLeft > 0))
    assert.ok(upcoming.some((a) => a.waitlisted > 0))
    const hours = await t.app.services.volunteers.hoursByPerson(t.database.db, [t.fixtures.personIds.member!], 2026)
    assert.ok(hours.get(t.fixtures.personIds.member!)!.hours > 5)
    const me = (await resident.get('/api/v1/volunteers/me?year=2026')).json()
    assert.equal(me.isVolunteer, true)
    assert.ok(me.teams.some((x: { role: string }) => x.role === 'leader'))
    assert.ok((await resident.get('/api/v1/time-bank/me?year=2026')).json().given.services > 0)
  })
})

test("the demo's night patrols start in the evening, China time, the upcoming one too (issue 13: it ran at 09:00)", async () => {
  const found = await t.query<{ hour: number; upcoming: boolean }>(sql`
    SELECT extract(hour FROM starts_at AT TIME ZONE 'Asia/Shanghai')::int AS hour, starts_at > now() AS upcoming FROM activities WHERE title LIKE '夜间%'`)
  assert.ok(found.some((a) => a.upcoming), 'an upcoming patrol is in the demo')
  for (const a of found) assert.ok(a.hour >= 18, `a night patrol at ${a.hour}:00`)
})
