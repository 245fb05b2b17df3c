import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { chinaDate } from './visits.service.ts'

let t: TestApp
let street: Client, cadre: Client, grid: Client, resident: Client, district: Client
let deptA: string, deptB: string, member: Client
before(async () => {
  t = await startTestApp()
  const depts = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.streetId} AND kind = 'department' ORDER BY id`)
  ;[deptA, deptB] = [depts[0]!.id, depts[1]!.id]
  // The demo party member also works in one of the street's departments.
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${t.fixtures.personIds.member}, 'member', ${deptA})`)
  ;[street, cadre, grid, resident, district, member] = await t.asEach('street', 'cadre', 'grid', 'resident', 'district', 'member')
})
after(() => t.close())

const count = async (table: 'visits' | 'visit_schedules' | 'visit_tasks') =>
  (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n

const visitBody = (over: Record<string, unknown> = {}) => ({ kind: 'night', mode: 'active', orgId: t.fixtures.gridId, households: 6, people: 9, note: '走访独居老人，了解冬季取暖情况', ...over })

/** The first of the month `back` months before today (China time). */
function monthStart(back: number): string {
  const today = chinaDate(new Date())
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() - back)
  return d.toISOString().slice(0, 10)
}

describe('visit logs', () => {
  test('a grid worker logs a night visit in their grid; the community and street see it, a resident does not', async () => {
    const res = await grid.post('/api/v1/visits', visitBody({ location: { lng: 115.7, lat: 28.7 } }))
    assert.equal(res.statusCode, 201, res.body)
    const visit = res.json()
    assert.equal(visit.org.id, t.fixtures.gridId)
    assert.equal(visit.community.id, t.fixtures.communityId)
    assert.equal(visit.visitor.id, t.fixtures.personIds.grid)
    assert.deepEqual(visit.location, { lng: 115.7, lat: 28.7 })
    for (const c of [grid, cadre, street]) {
      const items = (await c.get('/api/v1/visits')).json().items as { id: string }[]
      assert.ok(items.some((v) => v.id === visit.id))
    }
    const sibling = (await cadre.get(`/api/v1/visits?orgId=${t.fixtures.siblingGridId}&limit=200`)).json().items as { id: string; org: { id: string } }[]
    assert.ok(!sibling.some((v) => v.id === visit.id))
    assert.deepEqual((await resident.get('/api/v1/visits')).json().items, [])
    assert.equal((await resident.get(`/api/v1/visits/${visit.id}`)).statusCode, 404)
    assert.equal((await cadre.get(`/api/v1/visits/${visit.id}`)).json().note, visit.note)
    const [audit] = await t.query<{ entity_id: string }>(sql`SELECT entity_id FROM audit_log WHERE action = 'visit.create' ORDER BY id DESC LIMIT 1`)
    assert.equal(audit!.entity_id, visit.id)
  })

  test('the log filters by kind, mode and date, and pages newest first', async () => {
    // Long before the demo data, so only these two fall in the dates asked for.
    await grid.post('/api/v1/visits', visitBody({ kind: 'home', mode: 'appointed', visitedAt: '2020-03-02T20:00:00+08:00' }))
    await grid.post('/api/v1/visits', visitBody({ kind: 'home', mode: 'return', visitedAt: '2020-03-05T20:00:00+08:00' }))
    await grid.post('/api/v1/visits', visitBody({ kind: 'night', mode: 'active', visitedAt: '2020-03-04T20:00:00+08:00' }))
    const homes = (await cadre.get('/api/v1/visits?kind=home&from=2020-01-01&to=2020-12-31')).json().items as { mode: string }[]
    assert.deepEqual(homes.map((v) => v.mode), ['return', 'appointed'])
    assert.equal((await cadre.get('/api/v1/visits?from=2020-03-03&to=2020-03-05')).json().items.length, 2)
    assert.equal((await cadre.get('/api/v1/visits?from=2020-03-03&to=2020-03-05&mode=return')).json().items.length, 1)
    const first = (await cadre.get('/api/v1/visits?limit=1')).json()
    assert.equal(first.items.length, 1)
    const second = (await cadre.get(`/api/v1/visits?limit=1&cursor=${first.nextCursor}`)).json()
    assert.notEqual(second.items[0].id, first.items[0].id)
    assert.ok(second.items[0].visitedAt <= first.items[0].visitedAt)
  })

  test('a visit records the households and people met and checks the place against the logged location (issue 13)', async () => {
    const home = t.fixtures.buildingId
    const here = await t.query<{ id: string }>(sql`SELECT id::text FROM residents WHERE org_id = ${home} AND deleted_at IS NULL ORDER BY id LIMIT 2`)
    assert.ok(here.length >= 1, 'the fixture building has residents')
    const [centre] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${home}`)
    const ids = here.map((r) => r.id)
    const res = await grid.post('/api/v1/visits', visitBody({ kind: 'home', orgId: home, residentIds: ids, people: ids.length, households: 1, location: { lng: centre!.lng, lat: centre!.lat } }))
    assert.equal(res.statusCode, 201, res.body)
    const visit = res.json()
    assert.deepEqual(visit.residents.map((r: { id: string }) => r.id).sort(), [...ids].sort())
    assert.ok(visit.residents.every((r: { name: string; buildingName: string }) => r.name && r.buildingName))
    assert.deepEqual(visit.placeCheck, { status: 'inside', distanceM: 0 })
    // The community reads who was met; a street admin too (both above the grid).
    assert.equal((await cadre.get(`/api/v1/visits/${visit.id}`)).json().residents.length, ids.length)

    // Logged about 1 km away: the visit is kept, and the check says how far.
    const far = (await grid.post('/api/v1/visits', visitBody({ orgId: home, location: { lng: centre!.lng + 0.01, lat: centre!.lat } }))).json()
    assert.equal(far.placeCheck.status, 'away')
    assert.ok(far.placeCheck.distanceM > 800 && far.placeCheck.distanceM < 1200, String(far.placeCheck.distanceM))
    assert.equal((await grid.post('/api/v1/visits', visitBody({ orgId: home }))).json().placeCheck, null, 'no location, no check')
  })

  test('the residents of a visit are checked: readable, living at the place, no more than the people met', async () => {
    const before = await count('visits')
    const home = t.fixtures.buildingId
    const [mine] = await t.query<{ id: string }>(sql`SELECT id::text FROM residents WHERE org_id = ${home} AND deleted_at IS NULL ORDER BY id LIMIT 1`)
    const [neighbour] = await t.query<{ id: string }>(sql`SELECT r.id::text FROM residents r JOIN orgs b ON b.id = r.org_id
      WHERE b.parent_id = ${t.fixtures.gridId} AND b.id <> ${home} AND r.deleted_at IS NULL ORDER BY r.id LIMIT 1`)
    const [sibling] = await t.query<{ id: string }>(sql`SELECT r.id::text FROM residents r JOIN orgs b ON b.id = r.org_id JOIN orgs g ON g.id = ${t.fixtures.siblingGridId}
      WHERE b.path <@ g.path AND r.deleted_at IS NULL ORDER BY r.id LIMIT 1`)
    const refused: [Client, Record<string, unknown>, number, string][] = [
      [grid, { orgId: home, residentIds: [sibling!.id] }, 404, 'RESIDENT_NOT_FOUND'],
      [grid, { orgId: home, residentIds: ['999999999'] }, 404, 'RESIDENT_NOT_FOUND'],
      [grid, { orgId: home, residentIds: [neighbour!.id] }, 422, 'VISIT_RESIDENT_ELSEWHERE'],
      [grid, { orgId: home, residentIds: [mine!.id, neighbour!.id], people: 1 }, 422, 'VISIT_RESIDENT_ELSEWHERE'],
      [grid, { orgId: home, residentIds: [mine!.id], people: 0 }, 422, 'VALIDATION_FAILED'],
      [grid, { orgId: home, residentIds: ['x'] }, 400, 'VALIDATION_FAILED'],
    ]
    for (const [client, over, status, code] of refused) {
      const res = await client.post('/api/v1/visits', visitBody(over))
      assert.equal(res.statusCode, status, `${JSON.stringify(over)} → ${res.body}`)
      assert.equal(res.json().error.code, code)
    }
    assert.equal(await count('visits'), before, 'nothing written')
    // A visit to the whole grid may name any resident of it.
    const wide = await grid.post('/api/v1/visits', visitBody({ residentIds: [mine!.id, neighbour!.id] }))
    assert.equal(wide.statusCode, 201, wide.body)
  })

  test('bad input is refused in the error shape and writes nothing', async () => {
    const before = await count('visits')
    const cases: [Client, unknown, number][] = [
      [grid, visitBody({ note: '好' }), 400],
      [grid, visitBody({ mode: 'random' }), 400],
      [grid, visitBody({ households: -1 }), 400],
      [grid, visitBody({ visitedAt: 'yesterday' }), 400],
      [grid, visitBody({ extra: 1 }), 400],
      [grid, visitBody({ visitedAt: '2099-01-01T00:00:00+08:00' }), 422],
      [grid, visitBody({ photoIds: ['999999'] }), 404],
      [street, visitBody({ orgId: t.fixtures.streetId }), 422],
      [grid, visitBody({ orgId: '999999999' }), 404],
      [grid, visitBody({ orgId: t.fixtures.siblingGridId }), 404],
      [grid, visitBody({ orgId: t.fixtures.communityId }), 403],
      [resident, visitBody({ orgId: t.fixtures.buildingId }), 403],
      [grid, visitBody({ visitorOrgId: deptA }), 404],
      [grid, visitBody({ taskId: '999999' }), 404],
    ]
    for (const [client, body, status] of cases) {
      const res = await client.post('/api/v1/visits', body)
      assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`)
      assert.ok(res.json().error.message)
    }
    const future = await grid.post('/api/v1/visits', visitBody({ visitedAt: '2099-01-01T00:00:00+08:00' }))
    assert.equal(future.json().error.code, 'VISIT_IN_FUTURE')
    assert.equal(future.json().error.details[0].path, 'visitedAt')
    assert.equal(await count('visits'), before)
  })
})

describe('visit schedules and tasks', () => {
  let scheduleId: string
  const startsOn = monthStart(2)
  // Occurrences on the 1st of two months ago, last month and this month; late a week after.
  const lateMonths = [2, 1, 0].filter((back) => Date.parse(monthStart(back)) + 7 * 86_400_000 < Date.parse(chinaDate(new Date()))).length

  test('a street admin sets up a monthly schedule; the tasks due so far appear at once', async () => {
    const res = await street.post('/api/v1/visit-schedules', {
      orgId: t.fixtures.streetId, name: '每月 1 日部门进社区夜访', kind: 'night', dayOfMonth: 1, graceDays: 7, startsOn,
      targets: [{ visitorOrgId: deptA, communityId: t.fixtures.communityId }, { visitorOrgId: deptB, communityId: t.fixtures.communityId }],
    })
    assert.equal(res.statusCode, 201, res.body)
    const schedule = res.json()
    scheduleId = schedule.id
    assert.equal(schedule.targets.length, 2)
    // Three occurrences (two months ago, last month, this month) for each of two targets.
    const { done, pending, late } = schedule.tasks
    assert.equal(done + pending + late, 6)
    assert.equal(late, lateMonths * 2, 'past their deadline')
    assert.ok(late >= 4)
    const tasks = (await street.get(`/api/v1/visit-tasks?scheduleId=${scheduleId}&limit=200`)).json().items as { dueOn: string; deadline: string }[]
    assert.equal(tasks.length, 6)
    assert.ok(tasks.every((x) => x.dueOn.endsWith('-01')))
    assert.equal(tasks.at(-1)!.dueOn, startsOn)
    assert.ok(tasks.every((x) => Date.parse(x.deadline) - Date.parse(x.dueOn) === 7 * 86_400_000))
  })

  test('generating tasks is idempotent and adds each new occurrence once', async () => {
    const visits = t.app.services.visits
    const mine = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM visit_tasks WHERE schedule_id = ${scheduleId}`))[0]!.n
    // The demo's schedules may have fallen due since the template was seeded (its tasks run up to
    // the seeding day); catch them up first, so what follows depends on this test's schedule only.
    await visits.generateTasks(t.database.db, new Date())
    const before = [await count('visit_tasks'), await mine()]
    assert.equal(await visits.generateTasks(t.database.db, new Date()), 0)
    const later = new Date(Date.now() + 62 * 86_400_000)
    const created = await visits.generateTasks(t.database.db, later)
    assert.equal(await mine(), before[1]! + 4, 'two more months for two targets')
    assert.equal(await visits.generateTasks(t.database.db, later), 0)
    assert.equal(await count('visit_tasks'), before[0]! + created)
    await t.query(sql`DELETE FROM visit_tasks WHERE due_on > ${chinaDate(new Date())}::date`)
  })

  test('bad schedules are refused and write nothing', async () => {
    const before = [await count('visit_schedules'), await count('visit_tasks')]
    const body = (over: Record<string, unknown>) => ({ orgId: t.fixtures.streetId, name: '计划', kind: 'home', dayOfMonth: 1, startsOn: '2026-01-01', targets: [{ visitorOrgId: deptA, communityId: t.fixtures.communityId }], ...over })
    const cases: [Client, unknown, number, string?][] = [
      [street, body({ dayOfMonth: 29 }), 400],
      [street, body({ dayOfMonth: 0 }), 400],
      [street, body({ targets: [] }), 400],
      [street, body({ startsOn: '2026-02-30x' }), 400],
      [street, body({ endsOn: '2025-12-31' }), 422],
      [street, body({ orgId: t.fixtures.communityId }), 422, 'VISIT_SCHEDULE_ORG_KIND'],
      [street, body({ targets: [{ visitorOrgId: deptA, communityId: t.fixtures.otherCommunityId }] }), 404, 'ORG_NOT_FOUND'],
      [street, body({ targets: [{ visitorOrgId: deptA, communityId: '999999999' }] }), 404, 'ORG_NOT_FOUND'],
      [street, body({ targets: [{ visitorOrgId: deptA, communityId: t.fixtures.gridId }] }), 422, 'VISIT_SCHEDULE_TARGETS_INVALID'],
      [street, body({ targets: [{ visitorOrgId: deptA, communityId: t.fixtures.communityId }, { visitorOrgId: deptA, communityId: t.fixtures.communityId }] }), 422, 'VISIT_SCHEDULE_TARGETS_INVALID'],
      [cadre, body({}), 403],
      [street, body({ orgId: t.fixtures.otherStreetId }), 404],
    ]
    for (const [client, b, status, code] of cases) {
      const res = await client.post('/api/v1/visit-schedules', b)
      assert.equal(res.statusCode, status, `${JSON.stringify(b)} → ${res.body}`)
      if (code) assert.equal(res.json().error.code, code)
    }
    const dup = await street.post('/api/v1/visit-schedules', body({ targets: [{ visitorOrgId: deptA, communityId: t.fixtures.communityId }, { visitorOrgId: deptA, communityId: t.fixtures.communityId }] }))
    assert.deepEqual(dup.json().error.details.map((d: { path: string }) => d.path), ['targets.1'])
    assert.deepEqual([await count('visit_schedules'), await count('visit_tasks')], before)
  })

  test('the board shows who has not done their visits; a department member fulfils a task by logging a visit', async () => {
    const late = (await street.get(`/api/v1/visit-tasks?scheduleId=${scheduleId}&status=late`)).json().items as { id: string; visitorOrg: { id: string }; status: string }[]
    assert.equal(late.length, lateMonths * 2)
    assert.ok(late.every((x) => x.status === 'late'))
    const mine = late.find((x) => x.visitorOrg.id === deptA)!
    const summaryBefore = (await street.get(`/api/v1/visit-tasks/summary?orgId=${t.fixtures.streetId}&scheduleId=${scheduleId}`)).json().items as { visitorOrg: { id: string }; done: number; late: number }[]
    assert.equal(summaryBefore.find((s) => s.visitorOrg.id === deptA)!.late, lateMonths)

    // The member sees their department's tasks; without a task they may not log a visit here.
    const memberTasks = (await member.get('/api/v1/visit-tasks?status=late')).json().items as { id: string }[]
    assert.ok(memberTasks.some((x) => x.id === mine.id))
    assert.equal((await member.post('/api/v1/visits', visitBody({ visitorOrgId: deptA }))).statusCode, 403)
    assert.equal((await member.post('/api/v1/visits', visitBody({ taskId: mine.id, kind: 'home' }))).statusCode, 422, 'the task is a night visit')
    assert.equal((await member.post('/api/v1/visits', visitBody({ taskId: mine.id, visitorOrgId: deptB }))).statusCode, 422)
    const otherTask = late.find((x) => x.visitorOrg.id === deptB)!
    assert.equal((await member.post('/api/v1/visits', visitBody({ taskId: otherTask.id }))).statusCode, 403, 'not their department')

    const done = await member.post('/api/v1/visits', visitBody({ taskId: mine.id, mode: 'fixed' }))
    assert.equal(done.statusCode, 201, done.body)
    assert.equal(done.json().visitorOrg.id, deptA)
    assert.equal(done.json().taskId, mine.id)
    const again = await member.post('/api/v1/visits', visitBody({ taskId: mine.id }))
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'VISIT_TASK_DONE')

    const summary = (await street.get(`/api/v1/visit-tasks/summary?orgId=${t.fixtures.streetId}&scheduleId=${scheduleId}`)).json().items as { visitorOrg: { id: string }; done: number; late: number }[]
    const a = summary.find((s) => s.visitorOrg.id === deptA)!
    assert.deepEqual([a.done, a.late], [1, lateMonths - 1])
    assert.equal((await street.get(`/api/v1/visit-tasks?status=done&scheduleId=${scheduleId}`)).json().items[0].visitId, done.json().id)
    assert.equal((await street.get(`/api/v1/visit-tasks?dueFrom=${startsOn}&dueTo=${startsOn}&scheduleId=${scheduleId}`)).json().items.length, 2)
  })

  test('schedules and tasks are read within the scope', async () => {
    assert.equal((await cadre.get(`/api/v1/visit-schedules/${scheduleId}`)).statusCode, 200, 'the cadre of a target community')
    assert.ok((await cadre.get('/api/v1/visit-schedules')).json().items.some((s: { id: string }) => s.id === scheduleId))
    assert.equal((await resident.get(`/api/v1/visit-schedules/${scheduleId}`)).statusCode, 404)
    assert.deepEqual((await resident.get('/api/v1/visit-tasks')).json().items, [])
    assert.deepEqual((await resident.get('/api/v1/visit-schedules')).json().items, [])
    assert.equal((await district.get(`/api/v1/visit-tasks?orgId=${t.fixtures.otherStreetId}&scheduleId=${scheduleId}`)).json().items.length, 0)
    assert.equal((await street.get(`/api/v1/visit-tasks?orgId=${t.fixtures.otherStreetId}`)).statusCode, 404)
  })

  test('ending a schedule takes its open tasks off the board and keeps the done one', async () => {
    assert.equal((await cadre.delete(`/api/v1/visit-schedules/${scheduleId}`)).statusCode, 403)
    assert.equal((await street.delete(`/api/v1/visit-schedules/${scheduleId}`)).statusCode, 204)
    assert.equal((await street.get(`/api/v1/visit-schedules/${scheduleId}`)).statusCode, 404)
    const left = (await street.get(`/api/v1/visit-tasks?scheduleId=${scheduleId}`)).json().items as { status: string }[]
    assert.deepEqual(left.map((x) => x.status), ['done'])
    await t.app.services.visits.generateTasks(t.database.db, new Date(Date.now() + 62 * 86_400_000))
    const [n] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM visit_tasks WHERE schedule_id = ${scheduleId} AND due_on > CURRENT_DATE`)
    assert.equal(n!.n, 0, 'an ended schedule makes no new tasks')
  })
})

describe('cases found on visits', () => {
  test('a problem found on a visit becomes a case linked to the visit, through the cases service', async () => {
    const visit = (await grid.post('/api/v1/visits', visitBody({ kind: 'home', mode: 'return' }))).json()
    const [point] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geometry) AS p FROM orgs WHERE id = ${t.fixtures.gridId}) x`)
    const body = { categoryCode: 'facility.streetlight', description: '走访发现 3 号楼前路灯不亮', location: { lng: point!.lng, lat: point!.lat } }
    const res = await grid.post(`/api/v1/visits/${visit.id}/cases`, body)
    assert.equal(res.statusCode, 201, res.body)
    const [row] = await t.query<{ visit_id: string; channel: string; org_id: string; reporter_id: string }>(sql`SELECT visit_id::text, channel, org_id::text, reporter_id::text FROM cases WHERE id = ${res.json().id}`)
    assert.deepEqual(row, { visit_id: visit.id, channel: 'visit', org_id: t.fixtures.gridId, reporter_id: t.fixtures.personIds.grid })
    assert.equal((await cadre.post(`/api/v1/visits/${visit.id}/cases`, { ...body, description: '同一次走访发现的另一个问题' })).statusCode, 201, 'grid staff where the visit was may add one too')
  })

  test('without a location the case is placed inside the node visited', async () => {
    const visit = (await grid.post('/api/v1/visits', visitBody())).json()
    const res = await grid.post(`/api/v1/visits/${visit.id}/cases`, { categoryCode: 'environment.littering', description: '走访发现楼道堆放杂物' })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().visitId, visit.id)
    assert.equal(res.json().channel, 'visit')
    const [inside] = await t.query<{ ok: boolean }>(sql`SELECT ST_Contains(o.geometry, c.location) AS ok FROM cases c JOIN orgs o ON o.id = ${visit.org.id} WHERE c.id = ${res.json().id}`)
    assert.equal(inside!.ok, true)
  })

  test('bad case bodies and callers outside the visit are refused; no case is written', async () => {
    const visit = (await grid.post('/api/v1/visits', visitBody())).json()
    const cases = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0]!.n
    const before = await cases()
    const body = { categoryCode: 'facility.streetlight', description: '路灯不亮', location: { lng: 115.7, lat: 28.7 } }
    const attempts: [Client, string, unknown, number][] = [
      [grid, visit.id, { ...body, anonymous: true }, 400],
      [grid, visit.id, { ...body, description: '' }, 400],
      [grid, visit.id, { ...body, categoryCode: 'nosuch.thing' }, 404],
      [grid, visit.id, { ...body, location: { lng: 0, lat: 0 } }, 422],
      [resident, visit.id, body, 404],
      [grid, '999999999', body, 404],
    ]
    for (const [client, id, b, status] of attempts) {
      const res = await client.post(`/api/v1/visits/${id}/cases`, b)
      assert.equal(res.statusCode, status, `${JSON.stringify(b)} → ${res.body}`)
    }
    assert.equal(await cases(), before)
  })
})
