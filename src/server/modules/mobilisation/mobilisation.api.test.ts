// Mobilisation through the API: declaring an emergency (and refusing bad input with nothing
// written), posts with shifts, sign-ups up to the number needed, check-in by the post's rotating
// code or by position, hazards becoming cases, the board, the sweep's alerts and hours, the end.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { centreOf, hoursFromNow, mobilisationWorld, postWith, square } from '../../../../test/support/mobilisation.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const count = async (table: string) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]!.n
const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code

describe('declaring an emergency', () => {
  test('a street admin declares one for the street; bad input is refused in Chinese and nothing is written', async () => {
    const w = await mobilisationWorld(t, f)
    const e = (await w.admin.client.get(`/api/v1/emergencies/${w.emergencyId}`)).json()
    assert.equal(e.kind, 'flood')
    assert.equal(e.tag, `防汛${new Date().getFullYear()}`)
    assert.equal(e.org.id, w.street.id)
    assert.equal(e.area.type, 'Polygon')
    assert.equal(e.canEnd, true)
    const before = await count('emergencies')
    const bad = await w.admin.client.post('/api/v1/emergencies', { orgId: w.street.id, kind: 'storm', name: '防' })
    assert.equal(bad.statusCode, 400, bad.body)
    assert.match(bad.json().error.message, /[\u4e00-\u9fa5]/)
    const grid = await w.admin.client.post('/api/v1/emergencies', { orgId: w.grid.id, kind: 'flood', name: '网格防汛' })
    assert.equal(grid.statusCode, 422, grid.body)
    assert.equal(grid.json().error.details[0].path, 'orgId')
    const cadre = await w.cadre.client.post('/api/v1/emergencies', { orgId: w.community.id, kind: 'fire', name: '社区火情' })
    assert.equal(cadre.statusCode, 403, cadre.body)
    const outside = await w.outsider.client.post('/api/v1/emergencies', { orgId: w.street.id, kind: 'fire', name: '他街火情' })
    assert.equal(outside.statusCode, 404, outside.body)
    assert.equal(await count('emergencies'), before)
    // Listed to people of the area, not to others.
    assert.ok((await w.members[0]!.client.get('/api/v1/emergencies')).json().items.some((x: { id: string }) => x.id === w.emergencyId))
    assert.ok(!(await w.outsider.client.get('/api/v1/emergencies')).json().items.some((x: { id: string }) => x.id === w.emergencyId))
  })

  test('branches, shock teams and zones are formed; a zone must be a polygon and a team of the same emergency', async () => {
    const w = await mobilisationWorld(t, f)
    const [a, b, c] = w.members
    const branch = await w.cadre.client.post(`/api/v1/emergencies/${w.emergencyId}/branches`, { name: '防汛临时党支部', secretaryId: a!.id, memberIds: [b!.id, c!.id] })
    assert.equal(branch.statusCode, 201, branch.body)
    assert.equal(branch.json().members.length, 3)
    const team = await w.cadre.client.post(`/api/v1/emergencies/${w.emergencyId}/teams`, { name: '党员突击队', leaderId: a!.id, members: [{ personId: b!.id, source: 'member' }] })
    assert.equal(team.statusCode, 201, team.body)
    const zone = await w.cadre.client.post(`/api/v1/emergencies/${w.emergencyId}/zones`, { name: '一号责任区', area: square(w.grid), personId: a!.id, teamId: team.json().id })
    assert.equal(zone.statusCode, 201, zone.body)
    assert.equal(zone.json().team.name, '党员突击队')
    const other = await mobilisationWorld(t, f)
    const foreign = await other.cadre.client.post(`/api/v1/emergencies/${other.emergencyId}/zones`, { name: '二号责任区', area: square(other.grid), personId: other.members[0]!.id, teamId: team.json().id })
    assert.equal(foreign.statusCode, 404, foreign.body)
    const zones = await count('emergency_zones')
    const bow = await w.cadre.client.post(`/api/v1/emergencies/${w.emergencyId}/zones`, {
      name: '蝴蝶区', personId: a!.id, area: { type: 'Polygon', coordinates: [[[w.grid.box.west, w.grid.box.south], [w.grid.box.east, w.grid.box.north], [w.grid.box.east, w.grid.box.south], [w.grid.box.west, w.grid.box.north], [w.grid.box.west, w.grid.box.south]]] },
    })
    assert.equal(bow.statusCode, 422, bow.body)
    assert.equal(await count('emergency_zones'), zones)
    assert.equal((await w.members[0]!.client.post(`/api/v1/emergencies/${w.emergencyId}/teams`, { name: '自封突击队', leaderId: a!.id })).statusCode, 403)
  })
})

describe('posts, shifts and sign-ups', () => {
  test('members sign up until the shift is full; twice is refused; a cancelled seat frees up; cadres assign', async () => {
    const w = await mobilisationWorld(t, f, { members: 4 })
    const post = await postWith(w, [[1, 9, 2]])
    const shiftId = post.shifts[0]!.id
    const [a, b, c, d] = w.members
    const first = await a!.client.post(`/api/v1/shifts/${shiftId}/signups`, {})
    assert.equal(first.statusCode, 201, first.body)
    assert.deepEqual([first.json().held, first.json().needed], [1, 2])
    const again = await a!.client.post(`/api/v1/shifts/${shiftId}/signups`, {})
    assert.equal(again.statusCode, 409)
    assert.equal(codeOf(again), 'SHIFT_TAKEN')
    assert.equal((await b!.client.post(`/api/v1/shifts/${shiftId}/signups`, {})).statusCode, 201)
    const full = await c!.client.post(`/api/v1/shifts/${shiftId}/signups`, {})
    assert.equal(full.statusCode, 409)
    assert.equal(codeOf(full), 'SHIFT_FULL')
    assert.match(full.json().error.message, /已满/)
    assert.equal((await a!.client.post(`/api/v1/shift-signups/${first.json().id}/cancel`, {})).statusCode, 200)
    // A member cannot assign someone else; a cadre can, and the person is told.
    assert.equal((await c!.client.post(`/api/v1/shifts/${shiftId}/signups`, { personId: d!.id })).statusCode, 403)
    const assigned = await w.cadre.client.post(`/api/v1/shifts/${shiftId}/signups`, { personId: d!.id })
    assert.equal(assigned.statusCode, 201, assigned.body)
    assert.equal(assigned.json().source, 'assigned')
    const [note] = await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${d!.id} ORDER BY id DESC LIMIT 1`)
    assert.match(note!.title, /值守/)
    const bad = await w.cadre.client.post(`/api/v1/emergency-posts/${post.id}/shifts`, { shifts: [{ startsAt: hoursFromNow(3), endsAt: hoursFromNow(2), needed: 1 }] })
    assert.equal(bad.statusCode, 400, bad.body)
    const mine = (await d!.client.get(`/api/v1/me/duties?emergencyId=${w.emergencyId}`)).json()
    assert.equal(mine.items.length, 1)
    assert.equal(mine.items[0].post.name, '滨江堤段一号')
  })

  test('check-in on post: by the rotating code or within the radius; too far or a wrong code is refused', async () => {
    const w = await mobilisationWorld(t, f)
    const post = await postWith(w, [[-0.2, 3, 2]])
    const shiftId = post.shifts[0]!.id
    const [a, b] = w.members
    const sa = (await a!.client.post(`/api/v1/shifts/${shiftId}/signups`, {})).json()
    const sb = (await b!.client.post(`/api/v1/shifts/${shiftId}/signups`, {})).json()
    const code = (await w.gridWorker.client.get(`/api/v1/emergency-posts/${post.id}/checkin-code`)).json()
    assert.match(code.url, /\/h5\/mobilisation\/checkin\?post=/)
    assert.equal(codeOf(await a!.client.post(`/api/v1/shift-signups/${sa.id}/checkin`, { code: '123.abcdef0123456789' })), 'CHECKIN_CODE_INVALID')
    const ok = await a!.client.post(`/api/v1/shift-signups/${sa.id}/checkin`, { code: code.code })
    assert.equal(ok.statusCode, 200, ok.body)
    assert.equal(ok.json().method, 'qr')
    assert.equal(codeOf(await a!.client.post(`/api/v1/shift-signups/${sa.id}/checkin`, { code: code.code })), 'CHECKIN_DONE')
    // Someone else's sign-up is not theirs to check in.
    assert.equal((await a!.client.post(`/api/v1/shift-signups/${sb.id}/checkin`, { code: code.code })).statusCode, 404)
    const far = await b!.client.post(`/api/v1/shift-signups/${sb.id}/checkin`, { position: { lng: w.grid.box.west - 0.05, lat: w.grid.box.south } })
    assert.equal(far.statusCode, 422)
    assert.match(far.json().error.message, /米/)
    const near = await b!.client.post(`/api/v1/shift-signups/${sb.id}/checkin`, { position: centreOf(w.grid) })
    assert.equal(near.statusCode, 200, near.body)
    const board = (await w.gridWorker.client.get(`/api/v1/emergencies/${w.emergencyId}/board`)).json()
    assert.deepEqual(board.posts, { total: 1, coveredNow: 1, vanguard: 1 })
    assert.equal(board.onDutyNow.length, 2)
    assert.equal((await a!.client.get(`/api/v1/emergencies/${w.emergencyId}/board`)).statusCode, 403)
    const roster = (await w.gridWorker.client.get(`/api/v1/emergencies/${w.emergencyId}/roster?date=${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}`)).json()
    assert.equal(roster.posts[0].shifts[0].people.length, 2)
  })
})

describe('hazards, alerts, hours and the end', () => {
  test('a hazard becomes a case with the emergency tag; the board counts it open', async () => {
    const w = await mobilisationWorld(t, f)
    const post = await postWith(w, [[0, 8, 1]])
    const cases = await count('cases')
    const res = await w.members[0]!.client.post(`/api/v1/emergencies/${w.emergencyId}/hazards`, { description: '堤段出现管涌，需要沙袋', location: centreOf(w.grid), postId: post.id })
    assert.equal(res.statusCode, 201, res.body)
    const h = res.json()
    assert.equal(h.priority, 'urgent')
    assert.equal(await count('cases'), cases + 1)
    const [c] = await t.query<{ description: string }>(sql`SELECT description FROM cases WHERE id = ${h.caseId}`)
    assert.match(c!.description, /^【防汛\d{4}·紧急】堤段出现管涌/)
    const board = (await w.cadre.client.get(`/api/v1/emergencies/${w.emergencyId}/board`)).json()
    assert.deepEqual(board.hazards, { open: 1, handled: 0 })
    const bad = await w.members[0]!.client.post(`/api/v1/emergencies/${w.emergencyId}/hazards`, { description: '短', location: centreOf(w.grid) })
    assert.equal(bad.statusCode, 400)
    assert.equal(await count('cases'), cases + 1)
  })

  test('the sweep alerts an uncovered shift once, counts served hours as service hours, and the end closes branches', async () => {
    const w = await mobilisationWorld(t, f)
    const [a] = w.members
    await a!.client.put('/api/v1/volunteers/me', { skills: [] })
    const post = await postWith(w, [[-0.1, 2, 1], [3, 11, 3]])
    const signup = (await a!.client.post(`/api/v1/shifts/${post.shifts[0]!.id}/signups`, {})).json()
    assert.equal((await a!.client.post(`/api/v1/shift-signups/${signup.id}/checkin`, { position: centreOf(w.grid) })).statusCode, 200)
    const sweep = (at: Date) => t.database.db.transaction((tx) => t.app.services.mobilisation.duty.sweep(tx, at))
    await sweep(new Date())
    await sweep(new Date())
    const alerts = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${w.admin.id} AND kind = 'emergency.uncovered'`)
    assert.equal(alerts[0]!.n, 1)
    await sweep(new Date(Date.now() + 2.5 * 3_600_000))
    const [row] = await t.query<{ hours: number }>(sql`SELECT hours::float8 AS hours FROM shift_signups WHERE id = ${signup.id}`)
    assert.ok(row!.hours > 2 && row!.hours < 2.2, String(row!.hours))
    const hours = await t.app.services.volunteers.hoursByPerson(t.database.db, [a!.id], new Date().getFullYear())
    assert.ok((hours.get(a!.id)?.hours ?? 0) > 2)
    await w.cadre.client.post(`/api/v1/emergencies/${w.emergencyId}/branches`, { name: '临时党支部', secretaryId: a!.id })
    assert.equal((await w.cadre.client.post(`/api/v1/emergencies/${w.emergencyId}/commendations`, { personId: a!.id, reason: '坚守堤段' })).statusCode, 201)
    assert.equal((await w.cadre.client.post(`/api/v1/emergencies/${w.emergencyId}/end`, { summary: '汛情解除' })).statusCode, 403)
    const end = await w.admin.client.post(`/api/v1/emergencies/${w.emergencyId}/end`, { summary: '汛情解除，转入灾后恢复' })
    assert.equal(end.statusCode, 200, end.body)
    const report = end.json()
    assert.equal(report.served[0].id, a!.id)
    assert.equal(report.served[0].commendation, '坚守堤段')
    assert.ok(report.branches[0].closedAt)
    assert.equal(codeOf(await w.members[1]!.client.post(`/api/v1/shifts/${post.shifts[1]!.id}/signups`, {})), 'EMERGENCY_ENDED')
    assert.equal((await w.admin.client.post(`/api/v1/emergencies/${w.emergencyId}/end`, { summary: '再次结束' })).statusCode, 403)
  })
})
