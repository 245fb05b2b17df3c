import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { openWish, uploadPhoto, wishBody, wishWorld } from '../../../../test/support/wishes.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const stateOf = async (id: string) => (await t.query<{ state: string }>(sql`SELECT state FROM wishes WHERE id = ${id}`))[0]!.state
const eventsOf = async (id: string) => (await t.query<{ action: string }>(sql`SELECT action FROM wish_events WHERE wish_id = ${id} ORDER BY id`)).map((e) => e.action)
const toldLast = async (personId: string) => (await t.query<{ title: string; link: Record<string, string> }>(sql`SELECT title, link FROM notifications WHERE person_id = ${personId} ORDER BY id DESC LIMIT 1`))[0]

describe('a wish from posting to thanks', () => {
  test('posted on the phone, approved by the community, claimed by a member, fulfilled with photos and thanked on the wall', async () => {
    const w = await wishWorld(t, f)
    const posted = await w.wisher.client.post('/api/v1/wishes', wishBody({ title: '想要一个新书包' }))
    assert.equal(posted.statusCode, 201, posted.body)
    assert.deepEqual(Object.keys(posted.json()).sort(), ['id', 'state'])
    assert.equal(posted.json().state, 'pending')
    const id = posted.json().id as string
    // The community's cadre is told it waits; nobody else sees a pending wish.
    assert.match((await toldLast(w.cadre.id))!.title, /待审核.*新书包/)
    assert.equal((await t.anonymous.get(`/api/v1/wishes/${id}`)).statusCode, 404)
    assert.equal((await w.member.client.get(`/api/v1/wishes/${id}`)).statusCode, 404)
    const queue = await w.cadre.client.get(`/api/v1/wishes?state=pending&orgId=${w.community.id}`)
    assert.equal(queue.statusCode, 200, queue.body)
    assert.deepEqual(queue.json().items.map((x: { id: string }) => x.id), [id])
    assert.equal(queue.json().total, 1)
    assert.deepEqual(queue.json().items[0].actions, ['approve', 'reject', 'cancel'])
    assert.equal(queue.json().items[0].wisher.name, '王小明')

    const approved = await w.cadre.client.post(`/api/v1/wishes/${id}/approve`, {})
    assert.equal(approved.statusCode, 200, approved.body)
    assert.equal(approved.json().state, 'open')
    assert.match((await toldLast(w.wisher.id))!.title, /通过审核/)

    // The wall: readable without login, no wisher id, full name or address.
    const wall = await t.anonymous.get(`/api/v1/wishes?orgId=${w.community.id}`)
    assert.equal(wall.statusCode, 200, wall.body)
    const card = wall.json().items[0]
    assert.equal(card.id, id)
    assert.equal(card.view, 'public')
    assert.equal(card.wisherLabel, '王同学')
    assert.equal(card.community.name, w.community.name)
    assert.deepEqual(card.actions, [])
    for (const body of [wall.body, (await t.anonymous.get(`/api/v1/wishes/${id}`)).body, (await w.member.client.get(`/api/v1/wishes/${id}`)).body]) {
      assert.ok(!body.includes('王小明'), 'the full name is not on the wall')
      assert.ok(!body.includes(`"${w.wisher.id}"`), 'the wisher id is not on the wall')
      assert.ok(!body.includes('wisherId') && !body.includes('"wisher"'), 'no wisher field on the wall')
    }
    assert.deepEqual((await w.member.client.get(`/api/v1/wishes/${id}`)).json().actions, ['claim'])

    const claimed = await w.member.client.post(`/api/v1/wishes/${id}/claim`, {})
    assert.equal(claimed.statusCode, 200, claimed.body)
    assert.equal(claimed.json().state, 'claimed')
    assert.equal(claimed.json().claimant.id, w.member.id)
    assert.match((await toldLast(w.wisher.id))!.title, /已被认领/)
    assert.deepEqual((await toldLast(w.wisher.id))!.link, { wishId: id })
    assert.equal((await t.anonymous.get(`/api/v1/wishes/${id}`)).json().claimantLabel, '李**')

    const photoId = await uploadPhoto(w.member, 3)
    const fulfilled = await w.member.client.post(`/api/v1/wishes/${id}/fulfil`, { photoIds: [photoId], note: '书包已送到' })
    assert.equal(fulfilled.statusCode, 200, fulfilled.body)
    assert.equal(fulfilled.json().state, 'fulfilled')
    assert.equal(fulfilled.json().proofPhotos.length, 1)
    assert.match((await toldLast(w.wisher.id))!.title, /已实现/)

    const thanked = await w.wisher.client.post(`/api/v1/wishes/${id}/thank`, { thanks: '谢谢李叔叔，我会好好学习！' })
    assert.equal(thanked.statusCode, 200, thanked.body)
    assert.match((await toldLast(w.member.id))!.title, /感谢/)
    const onWall = (await t.anonymous.get(`/api/v1/wishes?orgId=${w.community.id}&state=fulfilled`)).json().items[0]
    assert.equal(onWall.thanks, '谢谢李叔叔，我会好好学习！')

    const detail = (await w.wisher.client.get(`/api/v1/wishes/${id}`)).json()
    assert.equal(detail.view, 'full')
    assert.deepEqual(detail.timeline.map((e: { action: string }) => e.action), ['create', 'approve', 'claim', 'fulfil', 'thank'])
    assert.equal(detail.timeline[3].photos.length, 1)
    assert.deepEqual(await eventsOf(id), ['create', 'approve', 'claim', 'fulfil', 'thank'])
    const [audits] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'wish' AND entity_id = ${id}`)
    assert.equal(audits!.n, 5)
    // The relation other modules join counts it.
    const [row] = await t.query<{ claimant_person_id: string }>(sql`SELECT claimant_person_id::text FROM (SELECT id, claimant_person_id FROM wishes WHERE state = 'fulfilled') fw WHERE fw.id = ${id}`)
    assert.equal(row!.claimant_person_id, w.member.id)
  })

  test('my wishes and the wishes I claimed list what is mine in every state', async () => {
    const w = await wishWorld(t, f)
    const pending = (await w.wisher.client.post('/api/v1/wishes', wishBody())).json().id
    const open = await openWish(w)
    const mine = await w.wisher.client.get('/api/v1/wishes?mine=true')
    assert.deepEqual(mine.json().items.map((x: { id: string }) => x.id), [open, pending])
    assert.equal(mine.json().items[0].view, 'full')
    await w.member.client.post(`/api/v1/wishes/${open}/claim`, {})
    const claimed = await w.member.client.get('/api/v1/wishes?view=claimed')
    assert.deepEqual(claimed.json().items.map((x: { id: string }) => x.id), [open])
    assert.deepEqual(claimed.json().items[0].actions, ['release', 'fulfil'])
    assert.equal((await t.anonymous.get('/api/v1/wishes?mine=true')).statusCode, 401)
  })
})

describe('bad input and illegal transitions', () => {
  test('invalid bodies answer 400 in the one error shape and write nothing', async () => {
    const w = await wishWorld(t, f)
    const [before] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM wishes`)
    for (const body of [{}, wishBody({ title: '短' }), wishBody({ category: 'money' }), wishBody({ valueYuan: -5 }), wishBody({ valueYuan: 1.234 }), wishBody({ extra: 1 }), wishBody({ expiresOn: '2026-02-30' })]) {
      const res = await w.wisher.client.post('/api/v1/wishes', body)
      assert.equal(res.statusCode, 400, JSON.stringify(body))
      assert.equal(codeOf(res), 'VALIDATION_FAILED')
      assert.ok(Array.isArray(res.json().error.details) && res.json().error.message)
    }
    assert.deepEqual(await t.query(sql`SELECT count(*)::int AS n FROM wishes`), [before])
  })

  test('a value over the cap or a last day in the past answers 422 naming the field', async () => {
    const w = await wishWorld(t, f)
    const over = await w.wisher.client.post('/api/v1/wishes', wishBody({ valueYuan: t.config.WISH_VALUE_CAP + 1 }))
    assert.equal(over.statusCode, 422, over.body)
    assert.equal(codeOf(over), 'WISH_INVALID')
    assert.deepEqual(over.json().error.details, [{ path: 'valueYuan', message: `心愿价值不能超过 ${t.config.WISH_VALUE_CAP} 元` }])
    const past = await w.wisher.client.post('/api/v1/wishes', wishBody({ expiresOn: '2020-01-01' }))
    assert.equal(past.statusCode, 422)
    assert.equal(past.json().error.details[0].path, 'expiresOn')
    const notCommunity = await w.cadre.client.post('/api/v1/wishes', wishBody({ orgId: w.grid.id }))
    assert.equal(notCommunity.statusCode, 422)
    assert.equal((await w.wisher.client.get('/api/v1/wishes?mine=true')).json().total, 0)
  })

  test('unknown ids answer 404', async () => {
    const w = await wishWorld(t, f)
    assert.equal(codeOf(await t.anonymous.get('/api/v1/wishes/999999999')), 'WISH_NOT_FOUND')
    assert.equal((await w.member.client.post('/api/v1/wishes/999999999/claim', {})).statusCode, 404)
    assert.equal((await w.cadre.client.post('/api/v1/wishes/999999999/approve', {})).statusCode, 404)
    const id = await openWish(w)
    assert.equal(codeOf(await w.unitRep.client.post(`/api/v1/wishes/${id}/claim`, { unitId: '999999999' })), 'UNIT_NOT_FOUND')
    const ghost = await w.cadre.client.post('/api/v1/wishes', wishBody({ wisherId: '999999999' }))
    assert.equal(ghost.statusCode, 404)
  })

  test('illegal transitions answer 409 and change nothing', async () => {
    const w = await wishWorld(t, f)
    const id = await openWish(w)
    const snapshot = async () => [await stateOf(id), (await eventsOf(id)).length].join('/')
    const before = await snapshot()
    for (const [who, action, body] of [
      [w.cadre, 'approve', {}], [w.cadre, 'reject', { reason: '重复发布' }], [w.wisher, 'thank', { thanks: '谢谢大家' }],
    ] as const) {
      const res = await who.client.post(`/api/v1/wishes/${id}/${action}`, body)
      assert.equal(res.statusCode, 409, `${action}: ${res.body}`)
      assert.equal(codeOf(res), 'WISH_STATE')
      assert.match(res.json().error.message, /心愿当前为“待认领”，不能/)
    }
    assert.equal(await snapshot(), before)
    await w.member.client.post(`/api/v1/wishes/${id}/claim`, {})
    const cancel = await w.wisher.client.post(`/api/v1/wishes/${id}/cancel`, {})
    assert.equal(cancel.statusCode, 409)
    const fulfilNoPhoto = await w.member.client.post(`/api/v1/wishes/${id}/fulfil`, { photoIds: [] })
    assert.equal(fulfilNoPhoto.statusCode, 400)
    const strangerPhoto = await uploadPhoto(w.cadre, 9)
    assert.equal(codeOf(await w.member.client.post(`/api/v1/wishes/${id}/fulfil`, { photoIds: [strangerPhoto] })), 'PHOTO_NOT_FOUND')
    assert.equal(await stateOf(id), 'claimed')
    await w.member.client.post(`/api/v1/wishes/${id}/fulfil`, { photoIds: [await uploadPhoto(w.member, 4)] })
    assert.equal((await w.wisher.client.post(`/api/v1/wishes/${id}/thank`, { thanks: '谢谢' })).statusCode, 200)
    const twice = await w.wisher.client.post(`/api/v1/wishes/${id}/thank`, { thanks: '再次感谢' })
    assert.equal(twice.statusCode, 409)
    assert.match(twice.json().error.message, /已致谢/)
    assert.equal((await t.query<{ thanks: string }>(sql`SELECT thanks FROM wishes WHERE id = ${id}`))[0]!.thanks, '谢谢')
  })
})

describe('who may do what', () => {
  test('only Party members and people acting for a unit claim, never the wisher; a second claimant gets 409 in Chinese', async () => {
    const w = await wishWorld(t, f)
    const id = await openWish(w)
    const notMember = await w.unitRep.client.post(`/api/v1/wishes/${id}/claim`, {})
    assert.equal(notMember.statusCode, 403)
    assert.equal(codeOf(notMember), 'WISH_NOT_CLAIMANT')
    assert.equal(codeOf(await w.wisher.client.post(`/api/v1/wishes/${id}/claim`, {})), 'WISH_OWN')
    const byUnit = await w.unitRep.client.post(`/api/v1/wishes/${id}/claim`, { unitId: w.unitId })
    assert.equal(byUnit.statusCode, 200, byUnit.body)
    assert.equal(byUnit.json().claimantUnit.id, w.unitId)
    const late = await w.member.client.post(`/api/v1/wishes/${id}/claim`, {})
    assert.equal(late.statusCode, 409)
    assert.equal(codeOf(late), 'WISH_ALREADY_CLAIMED')
    assert.match(late.json().error.message, /已被他人认领/)
    // A colleague at the unit fulfils it; the member who lost cannot.
    const colleague = await f.newPerson({ role: 'resident', orgId: w.grid.id })
    await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${w.unitId}, ${colleague.id}, 'staff')`)
    assert.equal((await w.member.client.post(`/api/v1/wishes/${id}/fulfil`, { photoIds: [await uploadPhoto(w.member, 5)] })).statusCode, 403)
    assert.deepEqual((await colleague.client.get('/api/v1/wishes?view=claimed')).json().items.map((x: { id: string }) => x.id), [id])
    const done = await colleague.client.post(`/api/v1/wishes/${id}/fulfil`, { photoIds: [await uploadPhoto(colleague, 6)] })
    assert.equal(done.statusCode, 200, done.body)
    assert.equal((await t.anonymous.get(`/api/v1/wishes/${id}`)).json().claimantLabel, (await t.query<{ name: string }>(sql`SELECT name FROM units WHERE id = ${w.unitId}`))[0]!.name)
  })

  test('a member claims for a unit only when acting for it: another unit answers 404 or 403', async () => {
    const w = await wishWorld(t, f)
    const id = await openWish(w)
    const res = await w.member.client.post(`/api/v1/wishes/${id}/claim`, { unitId: w.unitId })
    assert.ok([403, 404].includes(res.statusCode), res.body)
    assert.equal(await stateOf(id), 'open')
  })

  test('a claimant releases the wish back to the wall; the wisher cancels before a claim; a resident moderates nothing', async () => {
    const w = await wishWorld(t, f)
    const id = await openWish(w)
    assert.equal((await w.wisher.client.post(`/api/v1/wishes/${id}/approve`, {})).statusCode, 403)
    await w.member.client.post(`/api/v1/wishes/${id}/claim`, {})
    const released = await w.member.client.post(`/api/v1/wishes/${id}/release`, { note: '临时出差' })
    assert.equal(released.statusCode, 200, released.body)
    assert.equal(released.json().view, 'public', 'after releasing, the member sees the wall card')
    assert.equal(released.json().state, 'open')
    assert.match((await toldLast(w.wisher.id))!.title, /放弃了认领/)
    const cancelled = await w.wisher.client.post(`/api/v1/wishes/${id}/cancel`, {})
    assert.equal(cancelled.statusCode, 200)
    assert.equal(cancelled.json().state, 'cancelled')
    assert.deepEqual(await eventsOf(id), ['create', 'approve', 'claim', 'release', 'cancel'])
    assert.equal((await t.anonymous.get(`/api/v1/wishes/${id}`)).statusCode, 404)
  })

  test('posting for someone else is for cadres of their community; the wish belongs to them', async () => {
    const w = await wishWorld(t, f)
    const elder = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(w.grid)).id, name: '欧阳秀兰' })
    assert.ok([403, 404].includes((await w.member.client.post('/api/v1/wishes', wishBody({ wisherId: elder.id, orgId: w.community.id }))).statusCode))
    const elsewhere = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
    assert.ok([403, 404].includes((await elsewhere.client.post('/api/v1/wishes', wishBody({ wisherId: elder.id, orgId: w.community.id }))).statusCode))
    const posted = await w.cadre.client.post('/api/v1/wishes', wishBody({ wisherId: elder.id, orgId: w.community.id, beneficiary: 'elderly', title: '想要一台收音机' }))
    assert.equal(posted.statusCode, 201, posted.body)
    const id = posted.json().id
    await w.cadre.client.post(`/api/v1/wishes/${id}/approve`, {})
    const mine = (await elder.client.get('/api/v1/wishes?mine=true')).json().items[0]
    assert.equal(mine.id, id)
    assert.equal(mine.postedBy.id, w.cadre.id)
    assert.equal((await t.anonymous.get(`/api/v1/wishes/${id}`)).json().wisherLabel, '欧阳老')
  })
})

describe('expiry and figures', () => {
  test('an expired wish leaves the wall at once, cannot be claimed, and the sweep marks it cancelled with a reason', async () => {
    const w = await wishWorld(t, f)
    const id = await openWish(w)
    await t.query(sql`UPDATE wishes SET expires_on = '2020-01-01' WHERE id = ${id}`)
    assert.equal((await t.anonymous.get(`/api/v1/wishes?orgId=${w.community.id}`)).json().total, 0)
    assert.equal(codeOf(await w.member.client.post(`/api/v1/wishes/${id}/claim`, {})), 'WISH_EXPIRED')
    const report = await t.app.services.wishes.transitions.sweep(t.database.db, new Date())
    assert.ok(report.expired >= 1)
    assert.equal(await stateOf(id), 'cancelled')
    assert.deepEqual((await eventsOf(id)).at(-1), 'expire')
    assert.match((await toldLast(w.wisher.id))!.title, /到期/)
  })

  test('figures per community: posted, open, claimed, fulfilled and the days to fulfil; staff only', async () => {
    const w = await wishWorld(t, f)
    await w.wisher.client.post('/api/v1/wishes', wishBody())
    await openWish(w)
    const c = await openWish(w)
    await w.member.client.post(`/api/v1/wishes/${c}/claim`, {})
    const d = await openWish(w)
    await w.member.client.post(`/api/v1/wishes/${d}/claim`, {})
    await t.query(sql`UPDATE wishes SET moderated_at = now() - interval '3 days' WHERE id = ${d}`)
    const done = await w.member.client.post(`/api/v1/wishes/${d}/fulfil`, { photoIds: [await uploadPhoto(w.member, 8)] })
    assert.equal(done.statusCode, 200, done.body)
    const res = await w.cadre.client.get(`/api/v1/wishes/figures?orgId=${w.community.id}`)
    assert.equal(res.statusCode, 200, res.body)
    const fig = res.json()
    assert.deepEqual({ ...fig.total, avgDaysToFulfil: Math.round(fig.total.avgDaysToFulfil) }, { posted: 4, pending: 1, open: 1, claimed: 1, fulfilled: 1, avgDaysToFulfil: 3, valueFulfilledYuan: 120 })
    assert.equal(fig.communities[0].community.id, w.community.id)
    assert.equal((await w.wisher.client.get(`/api/v1/wishes/figures?orgId=${w.community.id}`)).statusCode, 403)
    assert.equal((await w.member.client.get('/api/v1/wishes/figures')).statusCode, 403)
  })
})
