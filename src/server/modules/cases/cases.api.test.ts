import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { sweepOnce } from '../../kernel/scheduler.ts'
import { schedulerJobs } from '../../app.ts'

let t: TestApp
let admin: Client, street: Client, cadre: Client, grid: Client, member: Client, resident: Client
let inGrid: { lng: number; lat: number }
let inSibling: { lng: number; lat: number }

const pointIn = async (orgId: string) => {
  const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat FROM orgs WHERE id = ${orgId}`)
  return p!
}
const report = (who: Client, body: Record<string, unknown> = {}) =>
  who.post('/api/v1/cases', { categoryCode: 'environment.garbage', description: '垃圾桶满了三天没人清运', location: inGrid, address: '测试路 1 号', ...body })
const act = (who: Client, id: string, action: string, body: Record<string, unknown> = {}) => who.post(`/api/v1/cases/${id}/${action}`, body)
const eventsOf = async (id: string) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM case_events WHERE case_id = ${id}`))[0]!.n
const sweep = (at: Date) => sweepOnce(t.database, schedulerJobs(t.app.services), at)
const later = (hours: number) => new Date(Date.now() + hours * 3600_000)

before(async () => {
  t = await startTestApp()
  ;[admin, street, cadre, grid, member, resident] = await t.asEach('admin', 'street', 'cadre', 'grid', 'member', 'resident')
  inGrid = await pointIn(t.fixtures.gridId)
  inSibling = await pointIn(t.fixtures.siblingGridId)
})
after(() => t.close())

describe('reporting', () => {
  test('a resident reports a problem: it lands on the grid of the point, and the grid worker is told', async () => {
    const res = await report(resident)
    assert.equal(res.statusCode, 201, res.body)
    const c = res.json()
    assert.equal(c.state, 'reported')
    assert.equal(c.gridId, t.fixtures.gridId)
    assert.equal(c.level, 'grid')
    assert.equal(c.handlingOrgId, t.fixtures.gridId)
    assert.equal(c.reporter.id, t.fixtures.personIds.resident)
    assert.ok(Date.parse(c.acceptDueAt) > Date.now() + 11 * 3600_000, 'garbage: 12 hours to accept')
    const inbox = (await grid.get('/api/v1/notifications')).json()
    assert.ok(inbox.items.some((n: { kind: string; link: { caseId: string } }) => n.kind === 'case.new' && n.link.caseId === c.id))
    const detail = (await resident.get(`/api/v1/cases/${c.id}`)).json()
    assert.deepEqual(detail.timeline.map((e: { action: string }) => e.action), ['report'])
  })

  test('anyone may report without logging in; the report is anonymous and they cannot read it back', async () => {
    const res = await report(t.anonymous, { description: '楼道灯坏了' })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().anonymous, true)
    assert.equal(res.json().reporter, null)
    assert.equal((await t.anonymous.get(`/api/v1/cases/${res.json().id}`)).statusCode, 401)
    assert.equal((await grid.get(`/api/v1/cases/${res.json().id}`)).json().reporter, null)
  })

  test('a signed-in reporter may hide their name from the staff', async () => {
    const c = (await report(member, { anonymous: true })).json()
    assert.equal((await grid.get(`/api/v1/cases/${c.id}`)).json().reporter, null)
    assert.equal((await member.get(`/api/v1/cases/${c.id}`)).json().reporter.id, t.fixtures.personIds.member)
    assert.ok((await member.get('/api/v1/cases?box=reported')).json().items.some((x: { id: string }) => x.id === c.id))
  })

  test('bad reports are refused with a reason, and nothing is written', async () => {
    const before = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0]!.n
    const outside = await report(resident, { location: { lng: 100, lat: 30 } })
    assert.equal(outside.statusCode, 422)
    assert.equal(outside.json().error.code, 'LOCATION_OUTSIDE')
    const badCategory = await report(resident, { categoryCode: 'nope.none' })
    assert.equal(badCategory.statusCode, 404)
    assert.equal(badCategory.json().error.code, 'CATEGORY_NOT_FOUND')
    assert.equal((await report(resident, { description: '' })).statusCode, 400)
    assert.equal((await report(resident, { photoIds: ['999999'] })).json().error.code, 'PHOTO_NOT_FOUND')
    assert.equal((await report(resident, { photoIds: Array.from({ length: 10 }, (_, i) => String(i + 1)) })).statusCode, 400)
    const after = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0]!.n
    assert.equal(after, before)
  })

  test('before submitting, a reporter sees open cases of the same kind within 50 m and can follow one', async () => {
    const c = (await report(grid, { categoryCode: 'facility.streetlight', description: '路灯不亮' })).json()
    const near = await t.anonymous.get(`/api/v1/cases/nearby?lng=${inGrid.lng + 0.0002}&lat=${inGrid.lat}&categoryCode=facility.streetlight`)
    assert.equal(near.statusCode, 200)
    const hit = near.json().items.find((x: { id: string }) => x.id === c.id)
    assert.ok(hit && hit.distanceM < 50)
    const far = await t.anonymous.get(`/api/v1/cases/nearby?lng=${inGrid.lng + 0.002}&lat=${inGrid.lat}&categoryCode=facility.streetlight`)
    assert.ok(!far.json().items.some((x: { id: string }) => x.id === c.id), '~200 m away is not a duplicate')
    const followed = await resident.post(`/api/v1/cases/${c.id}/follow`, {})
    assert.equal(followed.statusCode, 200, followed.body)
    assert.equal(followed.json().following, true)
    assert.equal(followed.json().followers, 1)
  })
})

describe('the closed loop', () => {
  test('accept → take → start on site → handle with a photo → verify → close → rate, each a timeline row', async () => {
    const c = (await report(resident)).json()
    assert.equal((await act(grid, c.id, 'accept')).json().state, 'accepted')
    const taken = (await act(grid, c.id, 'take')).json()
    assert.equal(taken.state, 'assigned')
    assert.equal(taken.assignee.id, t.fixtures.personIds.grid)
    const started = (await act(grid, c.id, 'start', { location: { lng: inGrid.lng + 0.0001, lat: inGrid.lat } })).json()
    assert.equal(started.state, 'in_progress')
    const checkIn = started.timeline.at(-1).data.checkIn
    assert.ok(checkIn.distanceM > 5 && checkIn.distanceM < 20, `check-in distance ${checkIn.distanceM}`)
    const photo = await grid.request({ method: 'POST', url: '/api/v1/attachments', payload: (await import('../../../../test/support/images.ts')).onePixelPng, headers: { 'content-type': 'image/png' } })
    assert.equal(photo.statusCode, 201, photo.body)
    const handled = (await act(grid, c.id, 'handle', { result: '已联系环卫清运完毕', photoIds: [photo.json().id] })).json()
    assert.equal(handled.state, 'handled')
    assert.equal(handled.timeline.at(-1).photos[0].url, photo.json().url)
    assert.equal((await act(grid, c.id, 'verify')).statusCode, 403, 'a grid worker cannot verify (and not their own work)')
    assert.equal((await act(cadre, c.id, 'verify')).json().state, 'verified')
    const closed = (await act(cadre, c.id, 'close')).json()
    assert.equal(closed.state, 'closed')
    assert.ok(closed.revisitDueAt)
    const mine = (await resident.get(`/api/v1/cases/${c.id}`)).json()
    assert.ok(mine.actions.includes('rate'))
    const rated = (await act(resident, c.id, 'rate', { rating: 5, comment: '很及时' })).json()
    assert.equal(rated.rating, 5)
    assert.equal(rated.state, 'closed')
    assert.deepEqual(
      rated.timeline.map((e: { action: string }) => e.action),
      ['report', 'accept', 'take', 'start', 'handle', 'verify', 'close', 'rate'],
    )
    // The case and every row of its timeline carry its grid's district (the Citus key, issue 19).
    const [keys] = await t.query<{ districts: string[] }>(sql`SELECT ARRAY(SELECT DISTINCT district_id::text FROM cases WHERE id = ${c.id}
      UNION SELECT DISTINCT district_id::text FROM case_events WHERE case_id = ${c.id}) AS districts`)
    assert.deepEqual(keys!.districts, [t.fixtures.districtId])
    assert.equal((await act(resident, c.id, 'rate', { rating: 4 })).json().error.code, 'CASE_ALREADY_RATED')
    // The ledger pays the reporter for a verified report and the handler for five stars, once each.
    const paid = await t.query<{ rule_code: string; person_id: string }>(sql`
      SELECT t.rule_code, a.person_id::text FROM points_transactions t JOIN points_postings p ON p.transaction_id = t.id
      JOIN points_accounts a ON a.id = p.account_id AND a.owner_kind = 'person'
      WHERE t.idempotency_key IN (${`case_report_verified:${c.id}`}, ${`rating_five_star:${c.id}:0`}) ORDER BY t.id`)
    assert.deepEqual(paid, [
      { rule_code: 'case_report_verified', person_id: t.fixtures.personIds.resident },
      { rule_code: 'rating_five_star', person_id: t.fixtures.personIds.grid },
    ])
    const [expected] = await t.query<{ closed: number; grid: number }>(sql`
      SELECT count(*) FILTER (WHERE state = 'closed')::int AS closed, count(*) FILTER (WHERE state = 'closed' AND closed_level = 'grid')::int AS grid
      FROM cases WHERE org_path <@ (SELECT path FROM orgs WHERE id = ${t.fixtures.communityId})`)
    const stats = (await cadre.get(`/api/v1/cases/stats?orgId=${t.fixtures.communityId}`)).json()
    assert.equal(stats.closed, expected!.closed)
    assert.equal(stats.closedAtGrid, expected!.grid)
    assert.equal(stats.gridShare, Math.round((expected!.grid / expected!.closed) * 1000) / 1000)
  })

  test('an illegal transition answers 409 in Chinese and changes nothing', async () => {
    const c = (await report(resident)).json()
    const n = await eventsOf(c.id)
    const res = await act(cadre, c.id, 'close')
    assert.equal(res.statusCode, 409)
    assert.equal(res.json().error.code, 'CASE_STATE_CONFLICT')
    assert.match(res.json().error.message, /已上报.*销号/)
    assert.equal(await eventsOf(c.id), n)
    assert.equal((await cadre.get(`/api/v1/cases/${c.id}`)).json().state, 'reported')
  })

  test('two workers take the same case at once: exactly one wins', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const c = (await report(resident)).json()
    const [a, b] = await Promise.all([act(grid, c.id, 'take'), act(cadre, c.id, 'take')])
    const codes = [a.statusCode, b.statusCode].sort()
    assert.deepEqual(codes, [200, 409])
    const loser = a.statusCode === 409 ? a : b
    assert.equal(loser.json().error.code, 'CASE_ALREADY_TAKEN')
    const takes = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM case_events WHERE case_id = ${c.id} AND action = 'take'`)
    assert.equal(takes[0]!.n, 1)
  })

  test('verification can send the work back; a rejected case tells the reporter why', async () => {
    const c = (await report(resident)).json()
    await act(grid, c.id, 'take')
    await act(grid, c.id, 'handle', { result: '已处理' })
    const back = (await act(cadre, c.id, 'return', { note: '现场仍有垃圾，请重办' })).json()
    assert.equal(back.state, 'in_progress')
    assert.equal(back.assignee.id, t.fixtures.personIds.grid)
    const d = (await report(resident, { description: '重复反映测试' })).json()
    const rejected = (await act(grid, d.id, 'reject', { reason: '不属于本网格职责' })).json()
    assert.equal(rejected.state, 'rejected')
    const told = (await resident.get('/api/v1/notifications')).json().items
    assert.ok(told.some((n: { link: { caseId: string }; body: string }) => n.link.caseId === d.id && n.body === '不属于本网格职责'))
    assert.equal((await act(resident, d.id, 'reject', { reason: 'x' })).statusCode, 409)
  })

  test('a dissatisfied rating reopens the case to its last handler, up to the limit', async () => {
    const c = (await report(resident)).json()
    for (let round = 0; round < 3; round++) {
      const now = (await cadre.get(`/api/v1/cases/${c.id}`)).json()
      if (now.state === 'accepted' || now.state === 'reported') await act(grid, c.id, 'take')
      if (now.state !== 'assigned' && now.state !== 'reported' && now.state !== 'accepted') assert.fail(`unexpected ${now.state}`)
      await act(grid, c.id, 'handle', { result: `第 ${round + 1} 次处理` })
      await act(cadre, c.id, 'verify')
      await act(cadre, c.id, 'close')
      const rated = (await act(resident, c.id, 'rate', { rating: 1, comment: '没解决' })).json()
      if (round < 2) {
        assert.equal(rated.state, 'assigned', `round ${round}`)
        assert.equal(rated.assignee.id, t.fixtures.personIds.grid)
        assert.equal(rated.reopens, round + 1)
        assert.equal(rated.rating, null)
      } else {
        assert.equal(rated.state, 'closed', 'the third dissatisfied rating is recorded but does not reopen (limit 2)')
        assert.equal(rated.rating, 1)
        // Not silently: the staff timeline says the limit stopped it, and the grid's staff are told to decide.
        const staffView = (await cadre.get(`/api/v1/cases/${c.id}`)).json()
        const limit = staffView.timeline.at(-1)
        assert.equal(limit.action, 'reopen_limit')
        assert.match(limit.note, /已重新办理 2 次，达到上限/)
        assert.equal((await resident.get(`/api/v1/cases/${c.id}`)).json().timeline.some((e: { action: string }) => e.action === 'reopen_limit'), false, 'the reporter does not see the staff note')
        const told = (await grid.get('/api/v1/notifications')).json().items
        assert.ok(told.some((n: { link: { caseId: string }; title: string }) => n.link.caseId === c.id && n.title.includes('重新办理已达上限')))
      }
    }
  })
})

describe('tiered handling', () => {
  test('grid → community → street → department, routed by category; staff there see it', async () => {
    const c = (await report(resident, { categoryCode: 'dispute.wages', description: '工地拖欠工资' })).json()
    const up = (await act(grid, c.id, 'escalate', { note: '涉及多方，网格无法调解' })).json()
    assert.equal(up.level, 'community')
    assert.equal(up.handlingOrgId, t.fixtures.communityId)
    assert.equal(up.state, 'accepted')
    assert.equal((await act(grid, c.id, 'take')).statusCode, 403, 'the grid no longer holds it')
    const toStreet = (await act(cadre, c.id, 'escalate', { note: '需街道协调' })).json()
    assert.equal(toStreet.level, 'street')
    assert.equal(toStreet.handlingOrgId, t.fixtures.streetId)
    const noDept = await act(street, c.id, 'escalate', { note: '转部门' })
    assert.equal(noDept.statusCode, 422)
    assert.equal(noDept.json().error.code, 'CASE_NO_DEPARTMENT')
    const [dept] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE kind = 'department' AND path <@ (SELECT path FROM orgs WHERE id = ${t.fixtures.streetId}) ORDER BY id LIMIT 1`)
    assert.ok(dept, 'the demo street has a department')
    assert.equal((await street.patch('/api/v1/case-categories/dispute', { departmentId: dept!.id })).statusCode, 403, 'street admins do not edit the taxonomy')
    assert.equal((await admin.patch('/api/v1/case-categories/dispute', { departmentId: dept!.id })).statusCode, 200)
    const toDept = (await act(street, c.id, 'escalate', { note: '转劳动保障部门' })).json()
    assert.equal(toDept.level, 'department')
    assert.equal(toDept.handlingOrgId, dept!.id)
    assert.equal(toDept.escalations, 3)
  })

  test('the sweep marks overdue cases, reminds, and escalates those overdue too long', async () => {
    const c = (await report(resident, { categoryCode: 'safety.fire', description: '消防通道被堵' })).json()
    const first = await sweep(later(3))
    assert.ok(first, 'the sweep got its lock')
    const overdue = (await cadre.get(`/api/v1/cases/${c.id}`)).json()
    assert.equal(overdue.overdue, true)
    assert.ok(overdue.timeline.some((e: { action: string }) => e.action === 'overdue'))
    assert.ok((await cadre.get('/api/v1/cases?overdue=true&limit=200')).json().items.some((x: { id: string }) => x.id === c.id))
    const warned = (await grid.get('/api/v1/notifications')).json().items
    assert.ok(warned.some((n: { kind: string; link: { caseId: string } }) => n.kind === 'case.overdue' && n.link.caseId === c.id))
    await sweep(later(3 + 25))
    const escalated = (await cadre.get(`/api/v1/cases/${c.id}`)).json()
    assert.equal(escalated.level, 'community')
    assert.equal(escalated.overdue, false, 'the clock restarts at the new level')
    const auto = escalated.timeline.find((e: { action: string }) => e.action === 'escalate')
    assert.equal(auto.actor, null)
    assert.match(auto.note, /自动上报/)
  })

  test('deadlines count working days when the category says so', async () => {
    const due = async (from: string, days: number) =>
      (await t.query<{ due: string }>(sql`SELECT (linli_add_workdays(${from}::timestamptz, ${days}) AT TIME ZONE 'Asia/Shanghai')::text AS due`))[0]!.due
    // 10-01..10-07 are the National Day holiday; 10-08 and 10-09 count, and so does Saturday 10-10 (a make-up working day).
    assert.equal(await due('2026-09-30 10:00+08', 3), '2026-10-10 10:00:00')
    assert.equal(await due('2026-11-27 10:00+08', 1), '2026-11-30 10:00:00', 'Friday + 1 working day = Monday')
  })
})

describe('merging, follows, revisits, meetings', () => {
  test('a duplicate is merged: it ends, its reporter follows the other case', async () => {
    const a = (await report(grid, { description: '小区门口垃圾堆积' })).json()
    const b = (await report(resident, { description: '门口垃圾很多' })).json()
    const merged = (await act(grid, b.id, 'merge', { intoId: a.id })).json()
    assert.equal(merged.state, 'rejected')
    assert.equal(merged.mergedIntoId, a.id)
    const view = (await resident.get(`/api/v1/cases/${a.id}`)).json()
    assert.equal(view.reporter, null, 'a follower sees the public view: no reporter')
    assert.ok(view.timeline.every((e: { public: boolean }) => e.public))
    const follows = (await resident.get('/api/v1/follows')).json().items
    assert.ok(follows.some((f: { caseId: string }) => f.caseId === a.id))
    assert.equal((await act(grid, a.id, 'merge', { intoId: a.id })).json().error.code, 'CASE_MERGE_INVALID')
  })

  test('回访 right after closing: staff record the answer and satisfaction; a dissatisfied reporter reopens the case', async () => {
    const closed = async () => {
      const c = (await report(resident)).json()
      await act(grid, c.id, 'take')
      await act(grid, c.id, 'handle', { result: '清理完毕' })
      await act(cadre, c.id, 'verify')
      await act(cadre, c.id, 'close')
      return c.id as string
    }
    const a = await closed()
    const bad = await act(cadre, a, 'revisit', { fixed: true, satisfaction: 'so-so' })
    assert.equal(bad.statusCode, 400)
    assert.equal((await cadre.get(`/api/v1/cases/${a}`)).json().revisitedAt, null, 'a refused answer records nothing')
    assert.equal((await act(resident, a, 'revisit', { fixed: true })).json().error.code, 'CASE_REVISIT_NOT_DUE')
    const done = (await act(cadre, a, 'revisit', { fixed: true, satisfaction: 'basic', method: 'visit', note: '居民表示感谢' })).json()
    assert.equal(done.state, 'closed')
    assert.equal(done.revisitSatisfaction, 'basic')
    assert.equal(done.revisitFixed, true)
    assert.equal(done.timeline.at(-1).note, '上门回访，问题已解决，基本满意。居民表示感谢')
    assert.equal((await act(cadre, a, 'revisit', { fixed: true })).json().error.code, 'CASE_REVISIT_NOT_DUE', 'once')

    const b = await closed()
    const back = (await act(cadre, b, 'revisit', { fixed: true, satisfaction: 'dissatisfied', note: '太慢了' })).json()
    assert.equal(back.state, 'assigned', 'handled again by its last handler')
    assert.deepEqual(back.timeline.slice(-2).map((e: { action: string }) => e.action), ['revisit', 'reopen'])
    assert.match(back.timeline.at(-1).note, /不满意/)
    assert.equal(back.revisitedAt, null, 'the next closing gets its own 回访')
    assert.equal(back.revisitSatisfaction, null, 'and its own satisfaction; the last one stays on the timeline')
  })

  test('a failed revisit reopens the case; digest followers get one summary a day', async () => {
    const c = (await report(resident)).json()
    await member.post('/api/v1/follows', { orgId: t.fixtures.gridId, digest: true })
    await act(grid, c.id, 'take')
    await act(grid, c.id, 'handle', { result: '清理完毕' })
    await act(cadre, c.id, 'verify')
    await act(cadre, c.id, 'close')
    assert.equal((await act(resident, c.id, 'revisit', { fixed: true })).json().error.code, 'CASE_REVISIT_NOT_DUE', 'the reporter is asked when it falls due')
    await t.query(sql`UPDATE cases SET revisit_due_at = now() - interval '1 minute' WHERE id = ${c.id}`)
    await sweep(new Date())
    const asked = (await resident.get('/api/v1/notifications?limit=100')).json().items
    assert.ok(asked.some((n: { kind: string; link: { caseId: string } }) => n.kind === 'case.revisit' && n.link.caseId === c.id))
    const back = (await act(resident, c.id, 'revisit', { fixed: false, note: '又堆满了' })).json()
    assert.equal(back.state, 'assigned')
    assert.deepEqual(back.timeline.slice(-2).map((e: { action: string }) => e.action), ['revisit', 'reopen'])
    const memberBefore = (await member.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'digest').length
    await sweep(later(25))
    const digests = (await member.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'digest')
    assert.equal(digests.length, memberBefore + 1)
    assert.match(digests[0].title, /摘要/)
  })

  test('a joint review meeting is recorded on the case, visible to staff only', async () => {
    const c = (await report(resident)).json()
    const res = await act(cadre, c.id, 'meetings', { heldAt: '2026-11-20T19:00:00+08:00', participants: ['社区书记', '物业经理', '居民代表'], conclusion: '由物业三日内增设垃圾桶' })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().meetings[0].participants.length, 3)
    const seen = (await resident.get(`/api/v1/cases/${c.id}`)).json()
    assert.equal(seen.meetings.length, 0)
    assert.ok(!seen.timeline.some((e: { action: string }) => e.action === 'meetings'))
  })
})

describe('who may see and act', () => {
  test('outside the scope a case is not found; a resident sees only their own reports', async () => {
    const c = (await report(cadre, { location: inSibling, description: '邻网格的问题' })).json()
    assert.equal(c.gridId, t.fixtures.siblingGridId)
    assert.equal((await grid.get(`/api/v1/cases/${c.id}`)).statusCode, 404)
    assert.equal((await act(grid, c.id, 'accept')).statusCode, 404)
    assert.equal((await resident.get(`/api/v1/cases/${c.id}`)).statusCode, 404)
    assert.equal((await street.get(`/api/v1/cases/${c.id}`)).statusCode, 200)
    const list = (await grid.get('/api/v1/cases?limit=200')).json().items
    assert.ok(list.length > 0 && list.every((x: { gridId: string }) => x.gridId === t.fixtures.gridId))
    assert.deepEqual((await resident.get('/api/v1/cases')).json().items, [])
    const stats = await grid.get(`/api/v1/cases/stats?orgId=${t.fixtures.otherCommunityId}`)
    assert.equal(stats.statusCode, 404)
  })

  test('residents cannot act on a case in their grid', async () => {
    const c = (await report(member)).json()
    assert.equal((await act(resident, c.id, 'accept')).statusCode, 404)
    assert.equal((await act(member, c.id, 'accept')).statusCode, 403)
    assert.equal((await act(member, c.id, 'rate', { rating: 5 })).statusCode, 409, 'not closed yet')
  })

  test('the map answers GeoJSON points within the box', async () => {
    const res = await cadre.get(`/api/v1/cases/map?bbox=${inGrid.lng - 0.01},${inGrid.lat - 0.01},${inGrid.lng + 0.01},${inGrid.lat + 0.01}`)
    assert.equal(res.statusCode, 200)
    const fc = res.json()
    assert.equal(fc.type, 'FeatureCollection')
    assert.ok(fc.features.length > 0)
    assert.ok(fc.features.every((f: { geometry: { coordinates: number[] } }) => Math.abs(f.geometry.coordinates[0]! - inGrid.lng) <= 0.01))
    assert.equal(fc.truncated, false)
  })

  test('more cases in view than the map shows: the newest up to its limit, and truncated', async () => {
    const url = `/api/v1/cases/map?bbox=${inGrid.lng - 0.01},${inGrid.lat - 0.01},${inGrid.lng + 0.01},${inGrid.lat + 0.01}`
    const before = (await cadre.get(url)).json() as { limit: number; features: { properties: { id: string } }[] }
    // Copies of a case in view, one more than the map answers.
    const copies = (await t.query<{ id: string }>(sql`
      INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, state, level, handling_org_id, handling_org_path, reporter_id, channel)
      SELECT district_id, org_id, org_path, category_code, description, location, state, level, handling_org_id, handling_org_path, reporter_id, channel
      FROM cases, generate_series(1, ${before.limit - before.features.length + 1}) WHERE id = ${before.features[0]!.properties.id} RETURNING id::text`)).map((r) => r.id)
    try {
      const fc = (await cadre.get(url)).json() as { truncated: boolean; limit: number; features: { properties: { id: string } }[] }
      assert.equal(fc.truncated, true)
      assert.equal(fc.features.length, fc.limit)
      assert.equal(fc.features[0]!.properties.id, copies.map(Number).sort((a, b) => b - a)[0]!.toString(), 'the newest first')
    } finally {
      await t.query(sql`DELETE FROM cases WHERE id = ANY(string_to_array(${copies.join(',')}, ',')::bigint[])`)
    }
    assert.equal((await cadre.get(url)).json().truncated, false)
  })
})

describe('the working-day calendar', () => {
  test('a district admin marks a day off and the deadline moves; others may only read', async () => {
    const due = async () => (await t.query<{ due: string }>(sql`SELECT (linli_add_workdays('2027-03-01 09:00+08', 1) AT TIME ZONE 'Asia/Shanghai')::text AS due`))[0]!.due
    assert.equal(await due(), '2027-03-02 09:00:00')
    const set = await admin.put('/api/v1/calendar-days/2027-03-02', { workday: false, note: '测试假日' })
    assert.equal(set.statusCode, 200, set.body)
    assert.equal(set.json().workday, false)
    assert.equal(await due(), '2027-03-03 09:00:00')
    assert.deepEqual((await cadre.get('/api/v1/calendar-days?year=2027')).json().items, [{ day: '2027-03-02', workday: false, note: '测试假日' }])
    assert.equal((await cadre.put('/api/v1/calendar-days/2027-03-04', { workday: false })).statusCode, 403)
    assert.equal((await admin.put('/api/v1/calendar-days/2027-02-30', { workday: false })).statusCode, 400)
    assert.equal((await admin.put('/api/v1/calendar-days/2027-03-02', { workday: null })).json().workday, true)
    assert.equal(await due(), '2027-03-02 09:00:00')
  })
})
