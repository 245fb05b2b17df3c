import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { errandBody, errandWorld } from '../../../../test/support/errands.ts'
import { unitFor } from '../../../../test/support/venues.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
const noticesOf = async (personId: string) => (await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${personId} ORDER BY id`)).map((n) => n.title)

describe('an errand from the phone to done', () => {
  test('a resident asks at their community\'s point; the desk accepts, plans steps, completes them and finishes; the resident follows and rates', async () => {
    const w = await errandWorld(t, f)
    const made = await w.resident.client.post('/api/v1/errands', errandBody({ title: '小超市营业执照' }))
    assert.equal(made.statusCode, 201, made.body)
    const { id, state } = made.json()
    assert.equal(state, 'submitted')
    assert.ok((await noticesOf(w.pointCadre.id)).some((n) => n.includes('小超市营业执照')), 'the point is told')

    const seen = (await w.resident.client.get(`/api/v1/errands/${id}`)).json()
    assert.equal(seen.org.id, w.community.id)
    assert.equal(seen.level, 'point')
    assert.equal(seen.missingDocuments, 2)
    assert.deepEqual(seen.actions, ['cancel'])
    assert.equal(seen.deskView, false)

    const list = (await w.pointCadre.client.get('/api/v1/errands?state=submitted')).json()
    assert.deepEqual(list.items.map((e: { id: string }) => e.id), [id])
    assert.equal(list.total, 1)

    const accepted = await w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, { note: '材料基本齐全', ownerId: w.pointHelper.id })
    assert.equal(accepted.statusCode, 200, accepted.body)
    assert.equal(accepted.json().owner.id, w.pointHelper.id)
    assert.ok((await noticesOf(w.resident.id)).some((n) => n.includes('已受理')))

    const step1 = await w.pointCadre.client.post(`/api/v1/errands/${id}/steps`, { title: '核对材料', ownerId: w.pointHelper.id, dueAt: inHours(48) })
    assert.equal(step1.statusCode, 201, step1.body)
    const step2 = await w.pointCadre.client.post(`/api/v1/errands/${id}/steps`, { title: '网上提交申请', ownerId: w.pointCadre.id, dueAt: inHours(72) })
    const step3res = await w.pointCadre.client.post(`/api/v1/errands/${id}/steps`, { title: '领取执照' })
    assert.equal(step3res.statusCode, 201, step3res.body)
    const step3 = step3res.json()
    assert.deepEqual(step3.steps.map((s: { title: string }) => s.title), ['核对材料', '网上提交申请', '领取执照'])
    assert.equal(step2.statusCode, 201)
    const [a, b, c] = step3.steps as { id: string }[]
    const moved = await w.pointCadre.client.patch(`/api/v1/errands/${id}/steps/${c!.id}`, { position: 1, title: '预约领取执照' })
    assert.equal(moved.statusCode, 200, moved.body)
    assert.deepEqual(moved.json().steps.map((s: { title: string; position: number }) => `${s.position}${s.title}`), ['1预约领取执照', '2核对材料', '3网上提交申请'])

    const started = await w.pointHelper.client.post(`/api/v1/errands/${id}/start`, {})
    assert.equal(started.json().state, 'in_progress')
    for (const s of [a!, b!, c!]) {
      const done = await w.pointHelper.client.post(`/api/v1/errands/${id}/steps/${s.id}/done`, { note: '已办' })
      assert.equal(done.statusCode, 200, done.body)
      if (s === a) {
        // Finishing with a step still open is refused and changes nothing.
        const early = await w.pointCadre.client.post(`/api/v1/errands/${id}/done`, { result: '执照已领取' })
        assert.equal(early.statusCode, 409, early.body)
        assert.equal(early.json().error.code, 'ERRAND_STEPS_OPEN')
      }
    }
    assert.equal((await noticesOf(w.resident.id)).filter((n) => n.includes('已完成')).length, 3, 'each completed step is news')
    const finished = await w.pointCadre.client.post(`/api/v1/errands/${id}/done`, { result: '营业执照已领取' })
    assert.equal(finished.statusCode, 200, finished.body)
    assert.equal(finished.json().state, 'done')

    const mine = (await w.resident.client.get('/api/v1/errands?mine=true')).json()
    assert.equal(mine.items[0].id, id)
    assert.equal(mine.items[0].steps.done, 3)
    const detail = (await w.resident.client.get(`/api/v1/errands/${id}`)).json()
    assert.deepEqual(detail.actions, ['rate'])
    assert.deepEqual(detail.timeline.map((e: { action: string }) => e.action), ['create', 'accept', 'step_add', 'step_add', 'step_add', 'step_update', 'start', 'step_done', 'step_done', 'step_done', 'done'])
    const rated = await w.resident.client.post(`/api/v1/errands/${id}/rate`, { rating: 5, comment: '帮办员很耐心' })
    assert.equal(rated.statusCode, 200, rated.body)
    assert.equal(rated.json().rating, 5)
    assert.equal(rated.json().feedback, '帮办员很耐心')
    const again = await w.resident.client.post(`/api/v1/errands/${id}/rate`, { rating: 1 })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'ERRAND_ALREADY_RATED')

    const figures = (await w.stationStaff.client.get(`/api/v1/errands/figures?orgId=${w.street.id}`)).json()
    assert.equal(figures.done, 1)
    assert.equal(figures.avgRating, 5)
    assert.equal(figures.byDesk[0].org.id, w.community.id)
    assert.equal(figures.byLevel[0].level, 'point')
    assert.ok(figures.avgDays !== null && figures.avgDays < 1)
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'errand' AND entity_id = ${id}`)
    assert.equal(audit!.n, 12)
  })

  test('an errand is handed up to the street\'s station and back down, keeping its timeline; the point no longer reads it while it is above', async () => {
    const w = await errandWorld(t, f)
    const { id } = (await w.resident.client.post('/api/v1/errands', errandBody())).json()
    await w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, {})
    const up = await w.pointCadre.client.post(`/api/v1/errands/${id}/handoff`, { note: '涉及街道审批' })
    assert.equal(up.statusCode, 200, up.body)
    assert.equal(up.json().org.id, w.street.id)
    assert.equal(up.json().level, 'station')
    assert.deepEqual(up.json().timeline, [], 'the point sees what it did, not what follows')
    assert.equal((await w.pointCadre.client.get(`/api/v1/errands/${id}`)).statusCode, 404)
    const atStation = (await w.stationStaff.client.get(`/api/v1/errands/${id}`)).json()
    assert.equal(atStation.owner, null)
    assert.ok((await noticesOf(w.stationStaff.id)).some((n) => n.includes('转来')))
    const down = await w.stationStaff.client.post(`/api/v1/errands/${id}/handoff`, { orgId: w.community.id, note: '退回社区继续办理' })
    assert.equal(down.statusCode, 200, down.body)
    const back = (await w.resident.client.get(`/api/v1/errands/${id}`)).json()
    assert.equal(back.org.id, w.community.id)
    const handoffs = back.timeline.filter((e: { action: string }) => e.action === 'handoff')
    assert.deepEqual(handoffs.map((e: { data: { direction: string; to: { id: string } } }) => [e.data.direction, e.data.to.id]), [['up', w.street.id], ['down', w.community.id]])
    assert.equal((await noticesOf(w.resident.id)).filter((n) => n.includes('已转交')).length, 2)
  })

  test('a firm\'s errand: the person acting for the unit asks, a colleague of the unit follows it, a helper registers one for a visitor', async () => {
    const w = await errandWorld(t, f)
    const colleague = await f.newPerson({ role: 'resident', orgId: w.building.id })
    const unitId = await unitFor(t, w.community.id, w.resident)
    await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${unitId}, ${colleague.id}, 'staff')`)
    const made = await w.resident.client.post('/api/v1/errands', errandBody({ unitId, matter: 'permit', title: '食品经营许可' }))
    assert.equal(made.statusCode, 201, made.body)
    const seen = (await colleague.client.get(`/api/v1/errands/${made.json().id}`)).json()
    assert.equal(seen.unit.id, unitId)
    assert.deepEqual((await colleague.client.get('/api/v1/errands?mine=true')).json().items.map((e: { id: string }) => e.id), [made.json().id])
    // The colleague may cancel it for the unit.
    assert.equal((await colleague.client.post(`/api/v1/errands/${made.json().id}/cancel`, { reason: '暂不办理' })).json().state, 'cancelled')

    const visitor = await f.newPerson({ role: 'resident', orgId: w.building.id })
    const forVisitor = await w.pointHelper.client.post('/api/v1/errands', errandBody({ orgId: w.community.id, requesterId: visitor.id, matter: 'subsidy', title: '高龄补贴申领' }))
    assert.equal(forVisitor.statusCode, 201, forVisitor.body)
    const v = (await visitor.client.get(`/api/v1/errands/${forVisitor.json().id}`)).json()
    assert.equal(v.requester.id, visitor.id)
    assert.equal(v.createdBy.id, w.pointHelper.id)
  })
})

describe('bad input and illegal transitions', () => {
  test('bad bodies answer 400 or 422 in the one error shape, unknown ids 404, and nothing is written', async () => {
    const w = await errandWorld(t, f)
    const count = async () => (await t.query<{ n: string }>(sql`SELECT (SELECT count(*) FROM errands) || '/' || (SELECT count(*) FROM errand_events) || '/' || (SELECT count(*) FROM errand_steps) AS n`))[0]!.n
    const { id } = (await w.resident.client.post('/api/v1/errands', errandBody())).json()
    const before = await count()
    const outsider = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
    // Works in the community's grid, not at its point.
    const gridWorker = await f.newPerson({ role: 'grid_worker', orgId: w.grid.id })
    const cases: [() => Promise<{ statusCode: number; body: string; json(): { error: { code: string; message: string; details?: { path: string }[] } } }>, number, string][] = [
      [() => w.resident.client.post('/api/v1/errands', errandBody({ title: '' })), 400, 'VALIDATION_FAILED'],
      [() => w.resident.client.post('/api/v1/errands', errandBody({ matter: 'flying' })), 400, 'VALIDATION_FAILED'],
      [() => w.resident.client.post('/api/v1/errands', errandBody({ checklist: [{ name: '身份证' }, { name: '身份证' }] })), 400, 'VALIDATION_FAILED'],
      [() => w.resident.client.post('/api/v1/errands', errandBody({ dueOn: '2026-02-30' })), 400, 'VALIDATION_FAILED'],
      [() => w.resident.client.post('/api/v1/errands', errandBody({ dueOn: '2020-01-01' })), 422, 'ERRAND_INVALID'],
      [() => w.resident.client.post('/api/v1/errands', errandBody({ orgId: w.grid.id })), 422, 'ERRAND_INVALID'],
      [() => w.resident.client.post('/api/v1/errands', errandBody({ orgId: '999999999' })), 404, 'ORG_NOT_FOUND'],
      [() => w.resident.client.post('/api/v1/errands', errandBody({ unitId: '999999999' })), 404, 'UNIT_NOT_FOUND'],
      [() => w.resident.client.post('/api/v1/errands', errandBody({ checklist: [{ name: '身份证', fileIds: ['999999999'] }] })), 404, 'PHOTO_NOT_FOUND'],
      [() => w.pointCadre.client.post('/api/v1/errands', errandBody({ requesterId: w.resident.id })), 422, 'ERRAND_INVALID'],
      [() => w.pointCadre.client.get('/api/v1/errands/999999999'), 404, 'ERRAND_NOT_FOUND'],
      [() => w.pointCadre.client.post('/api/v1/errands/999999999/accept', {}), 404, 'ERRAND_NOT_FOUND'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/reject`, { reason: '' }), 400, 'VALIDATION_FAILED'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, { ownerId: outsider.id }), 404, 'PERSON_NOT_FOUND'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, { ownerId: w.stationStaff.id }), 404, 'PERSON_NOT_FOUND'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, { ownerId: gridWorker.id }), 422, 'ERRAND_INVALID'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/start`, {}), 409, 'ERRAND_STATE_CONFLICT'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/steps`, { title: '核对材料' }), 409, 'ERRAND_STATE_CONFLICT'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/done`, { result: '好了' }), 409, 'ERRAND_STATE_CONFLICT'],
      [() => w.resident.client.post(`/api/v1/errands/${id}/rate`, { rating: 6 }), 400, 'VALIDATION_FAILED'],
      [() => w.resident.client.post(`/api/v1/errands/${id}/rate`, { rating: 5 }), 409, 'ERRAND_STATE_CONFLICT'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/handoff`, { orgId: w.grid.id, note: '转网格' }), 422, 'ERRAND_INVALID'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/handoff`, { orgId: t.fixtures.districtId, note: '越级' }), 422, 'ERRAND_INVALID'],
      [() => w.pointCadre.client.get('/api/v1/errands?state=lost'), 400, 'VALIDATION_FAILED'],
      [() => w.pointCadre.client.get('/api/v1/errands?cursor=nonsense'), 400, 'VALIDATION_FAILED'],
    ]
    for (const [send, status, code] of cases) {
      const res = await send()
      assert.equal(res.statusCode, status, res.body)
      assert.equal(res.json().error.code, code, res.body)
      assert.match(res.json().error.message, /[\u4e00-\u9fa5]/)
    }
    assert.equal(await count(), before)

    await w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, {})
    const steps = (await w.pointCadre.client.post(`/api/v1/errands/${id}/steps`, { title: '核对材料' })).json().steps
    const mid = await count()
    const later: [() => Promise<{ statusCode: number; body: string; json(): { error: { code: string; details?: { path: string }[] } } }>, number, string][] = [
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/steps`, { title: '网格员办理', ownerId: gridWorker.id }), 422, 'ERRAND_INVALID'],
      [() => w.pointCadre.client.patch(`/api/v1/errands/${id}/steps/999999999`, { title: '改名' }), 404, 'ERRAND_STEP_NOT_FOUND'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/steps/999999999/done`, {}), 404, 'ERRAND_STEP_NOT_FOUND'],
      [() => w.pointCadre.client.patch(`/api/v1/errands/${id}/steps/${steps[0].id}`, { dueAt: '明天' }), 400, 'VALIDATION_FAILED'],
      [() => w.pointCadre.client.post(`/api/v1/errands/${id}/accept`, {}), 409, 'ERRAND_STATE_CONFLICT'],
      [() => w.pointCadre.client.put(`/api/v1/errands/${id}/checklist`, { items: [{ name: '' }] }), 400, 'VALIDATION_FAILED'],
    ]
    for (const [send, status, code] of later) {
      const res = await send()
      assert.equal(res.statusCode, status, res.body)
      assert.equal(res.json().error.code, code, res.body)
    }
    assert.equal(await count(), mid)
    const [row] = await t.query<{ state: string }>(sql`SELECT state FROM errands WHERE id = ${id}`)
    assert.equal(row!.state, 'accepted')
  })
})

describe('the demo errands', () => {
  test('about 60 errands at the centre, the station and the points, in every state, firms and residents, overdue steps and feedback; the demo resident has their own', async () => {
    const [d] = await t.query<{ n: number; states: number; kinds: string[]; firms: number; overdue: number; rated: number; handoffs: number }>(sql`SELECT count(*)::int AS n,
        count(DISTINCT e.state)::int AS states, array_agg(DISTINCT o.kind ORDER BY o.kind) AS kinds, count(e.unit_id)::int AS firms,
        (SELECT count(*)::int FROM errand_steps st JOIN errands x ON x.id = st.errand_id WHERE st.done_at IS NULL AND st.due_at < now() AND x.state IN ('accepted','in_progress')) AS overdue,
        count(e.rating)::int AS rated, (SELECT count(*)::int FROM errand_events WHERE action = 'handoff') AS handoffs
      FROM errands e JOIN orgs o ON o.id = e.org_id WHERE e.title NOT LIKE '矩阵%' AND e.created_at < now() - interval '1 hour'`)
    assert.ok(d!.n >= 55 && d!.n <= 65, `${d!.n} errands`)
    assert.equal(d!.states, 6)
    assert.deepEqual(d!.kinds, ['community', 'district', 'street'])
    assert.ok(d!.firms >= 10, `${d!.firms} firms' errands`)
    assert.ok(d!.overdue >= 3, `${d!.overdue} overdue steps`)
    assert.ok(d!.rated >= 10, `${d!.rated} rated`)
    assert.ok(d!.handoffs >= 1)
    const resident = await t.as('resident')
    const mine = (await resident.get('/api/v1/errands?mine=true')).json()
    assert.equal(mine.items.length, 3)
    const district = await t.as('district')
    const figures = (await district.get('/api/v1/errands/figures')).json()
    assert.ok(figures.total >= 55 && figures.byLevel.length === 3 && figures.avgRating !== null && figures.overdueSteps >= 3, JSON.stringify(figures).slice(0, 300))
  })
})
