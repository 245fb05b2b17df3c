import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { orderWorld, residentAt } from '../../../../test/support/orders.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
const sweep = () => t.database.db.transaction((tx) => t.app.services.orders.sweep(tx))

describe('the service catalogue', () => {
  test('a cadre adds an item; an edit writes a new version and an order keeps the terms it was placed under', async () => {
    const w = await orderWorld(t, f)
    assert.equal(w.item.version, 1)
    const placed = await w.resident.client.post('/api/v1/orders', { itemId: w.item.id, note: '想剪短一点' })
    assert.equal(placed.statusCode, 201, placed.body)
    const edited = await w.cadre.client.patch(`/api/v1/service-items/${w.item.id}`, { name: '上门理发（长者）', points: 30 })
    assert.equal(edited.statusCode, 200, edited.body)
    assert.equal(edited.json().version, 2)
    assert.equal(edited.json().points, 30)
    const order = (await w.resident.client.get(`/api/v1/orders/${placed.json().id}`)).json()
    assert.equal(order.item.name, '上门理发')
    assert.equal(order.item.version, 1)
    assert.equal(order.item.points, 20)
    // A resident sees what they may order where they live; retired items leave the list.
    const mine = (await w.resident.client.get('/api/v1/service-items?orderable=true')).json().items as { id: string; name: string }[]
    assert.ok(mine.some((i) => i.id === w.item.id && i.name === '上门理发（长者）'))
    assert.equal((await w.cadre.client.post(`/api/v1/service-items/${w.item.id}/retire`)).statusCode, 200)
    assert.ok(!(await w.resident.client.get('/api/v1/service-items?orderable=true')).json().items.some((i: { id: string }) => i.id === w.item.id))
    const refused = await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })
    assert.equal(refused.statusCode, 422)
    assert.equal(codeOf(refused), 'SERVICE_ITEM_RETIRED')
  })

  test('bad items are refused in the one error shape; someone outside the org cannot add or edit', async () => {
    const w = await orderWorld(t, f)
    const bad = await w.cadre.client.post('/api/v1/service-items', { orgId: w.community.id, list: 'volunteer', name: '理', providerKinds: [] })
    assert.equal(bad.statusCode, 400)
    assert.equal(codeOf(bad), 'VALIDATION_FAILED')
    const tagged = await w.cadre.client.post('/api/v1/service-items', { orgId: w.community.id, list: 'public', name: '助残服务', providerKinds: ['staff'], audience: 'tagged' })
    assert.equal(tagged.statusCode, 400)
    const other = await orderWorld(t, f)
    const outside = await other.cadre.client.post('/api/v1/service-items', { orgId: w.community.id, list: 'public', name: '助餐服务', providerKinds: ['staff'] })
    assert.equal(outside.statusCode, 404)
    const edit = await other.cadre.client.patch(`/api/v1/service-items/${w.item.id}`, { name: '被改了' })
    assert.equal(edit.statusCode, 403)
    assert.equal((await w.resident.client.patch(`/api/v1/service-items/${w.item.id}`, { name: '被改了' })).statusCode, 403)
    const [v] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM service_item_versions WHERE item_id = ${w.item.id}`)
    assert.equal(v!.n, 1)
  })
})

describe('orders: place, review, grab, serve, confirm, rate', () => {
  test('the whole loop: placed at home, accepted, grabbed by a volunteer nearby, served with a check-in, confirmed, rated; points and hours paid once', async () => {
    const w = await orderWorld(t, f)
    const placed = await w.resident.client.post('/api/v1/orders', { itemId: w.item.id, window: { from: inHours(20), to: inHours(22) }, note: '下午在家' })
    assert.equal(placed.statusCode, 201, placed.body)
    const o = placed.json()
    assert.equal(o.state, 'placed')
    assert.equal(o.channel, 'app')
    assert.match(o.address, /测试楼/)
    assert.deepEqual(o.timeline.map((e: { action: string }) => e.action), ['place'])
    // The grid worker is told to review it.
    const [told] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${w.gridWorker.id} AND kind = 'order.review' AND link->>'orderId' = ${o.id}`)
    assert.equal(told!.n, 1)
    // A volunteer cannot grab before review.
    const early = await w.volunteer.client.post(`/api/v1/orders/${o.id}/claim`, {})
    assert.equal(early.statusCode, 404)
    const reviewed = await w.gridWorker.client.post(`/api/v1/orders/${o.id}/review`, { decision: 'accept' })
    assert.equal(reviewed.statusCode, 200, reviewed.body)
    assert.equal(reviewed.json().state, 'open')
    // Those nearby are pushed the open order and find it in the grab hall.
    const [pushed] = await t.query<{ ids: string[] }>(sql`SELECT array_agg(person_id::text ORDER BY person_id) AS ids FROM notifications WHERE kind = 'order.grab' AND link->>'orderId' = ${o.id}`)
    assert.ok(pushed!.ids.includes(w.volunteer.id) && pushed!.ids.includes(w.member.id))
    assert.ok(!pushed!.ids.includes(w.resident.id))
    const hall = await w.volunteer.client.get(`/api/v1/orders/open-near-me?lng=${o.location.lng}&lat=${o.location.lat}`)
    assert.equal(hall.statusCode, 200, hall.body)
    const seen = hall.json().items.find((x: { id: string }) => x.id === o.id)
    assert.ok(seen)
    assert.match(seen.requester, /^测\*+$/)
    // A grabber sees the order's place but not who it is for, nor its timeline.
    const asGrabber = (await w.volunteer.client.get(`/api/v1/orders/${o.id}`)).json()
    assert.equal(asGrabber.requester.id, '')
    assert.deepEqual(asGrabber.timeline, [])
    assert.ok(asGrabber.actions.includes('claim'))
    const claimed = await w.volunteer.client.post(`/api/v1/orders/${o.id}/claim`, {})
    assert.equal(claimed.statusCode, 200, claimed.body)
    assert.equal(claimed.json().state, 'assigned')
    assert.equal(claimed.json().provider.id, w.volunteer.id)
    const second = await w.member.client.post(`/api/v1/orders/${o.id}/claim`, {})
    assert.equal(second.statusCode, 409)
    assert.equal(codeOf(second), 'ORDER_ALREADY_CLAIMED')
    // …but the order is no longer theirs to read.
    assert.equal((await w.member.client.get(`/api/v1/orders/${o.id}`)).statusCode, 404)
    const checkin = await w.volunteer.client.post(`/api/v1/orders/${o.id}/checkin`, { location: o.location })
    assert.equal(checkin.statusCode, 200, checkin.body)
    assert.equal(checkin.json().state, 'in_progress')
    const ev = checkin.json().timeline.at(-1)
    assert.equal(ev.action, 'checkin')
    assert.equal(ev.data.checkIn.distanceM, 0)
    const done = await w.volunteer.client.post(`/api/v1/orders/${o.id}/complete`, { result: '已理发，老人满意' })
    assert.equal(done.statusCode, 200, done.body)
    assert.equal(done.json().state, 'completed')
    assert.equal(done.json().hours, 1.5)
    const confirmed = await w.resident.client.post(`/api/v1/orders/${o.id}/confirm`, {})
    assert.equal(confirmed.statusCode, 200, confirmed.body)
    assert.equal(confirmed.json().state, 'confirmed')
    const rated = await w.resident.client.post(`/api/v1/orders/${o.id}/rate`, { rating: 5, comment: '非常好' })
    assert.equal(rated.statusCode, 200, rated.body)
    assert.equal(rated.json().rating, 5)
    const again = await w.resident.client.post(`/api/v1/orders/${o.id}/rate`, { rating: 4 })
    assert.equal(again.statusCode, 409)
    assert.equal(codeOf(again), 'ORDER_ALREADY_RATED')
    // Points: the item's 20 for the order and the five-star rule's; hours toward the year, once.
    const [points] = await t.query<{ keys: string[] }>(sql`SELECT array_agg(idempotency_key ORDER BY idempotency_key) AS keys FROM points_transactions WHERE idempotency_key LIKE ${'order%:' + o.id}`)
    assert.deepEqual(points!.keys, [`order_completed:${o.id}`, `order_rating_five_star:${o.id}`])
    const [earned] = await t.query<{ p: number }>(sql`SELECT sum(pp.amount)::int AS p FROM points_postings pp JOIN points_transactions tx ON tx.id = pp.transaction_id
      JOIN points_accounts a ON a.id = pp.account_id WHERE tx.idempotency_key = ${'order_completed:' + o.id} AND a.person_id = ${w.volunteer.id}`)
    assert.equal(earned!.p, 20)
    const [hours] = await t.query<{ h: number; n: number }>(sql`SELECT sum(hours)::float8 AS h, count(*)::int AS n FROM time_bank_entries WHERE source_key = ${'order:' + o.id}`)
    assert.deepEqual(hours, { h: 1.5, n: 1 })
    const actions = (await w.resident.client.get(`/api/v1/orders/${o.id}`)).json().timeline.map((e: { action: string }) => e.action)
    assert.deepEqual(actions, ['place', 'review', 'claim', 'checkin', 'complete', 'confirm', 'rate'])
  })

  test('illegal transitions answer 409 and change nothing; bad bodies 400; a low rating sends it back once for rework', async () => {
    const w = await orderWorld(t, f, { grab: false })
    const o = (await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })).json()
    const before = await t.query(sql`SELECT * FROM orders WHERE id = ${o.id}`)
    const conflict = await w.gridWorker.client.post(`/api/v1/orders/${o.id}/complete`, { result: '已完成服务' })
    assert.equal(conflict.statusCode, 409)
    assert.equal(codeOf(conflict), 'ORDER_STATE_CONFLICT')
    assert.match((conflict.json() as { error: { message: string } }).error.message, /待审核/)
    assert.deepEqual(await t.query(sql`SELECT * FROM orders WHERE id = ${o.id}`), before)
    const noReason = await w.gridWorker.client.post(`/api/v1/orders/${o.id}/review`, { decision: 'refuse' })
    assert.equal(noReason.statusCode, 400)
    assert.equal((await w.resident.client.post(`/api/v1/orders/${o.id}/review`, { decision: 'accept' })).statusCode, 403)
    // Not grabbed: the cadre dispatches to the registered member.
    assert.equal((await w.gridWorker.client.post(`/api/v1/orders/${o.id}/review`, { decision: 'accept' })).json().state, 'accepted')
    const both = await w.cadre.client.post(`/api/v1/orders/${o.id}/dispatch`, { personId: w.member.id, teamId: '1' })
    assert.equal(both.statusCode, 400)
    const dispatched = await w.cadre.client.post(`/api/v1/orders/${o.id}/dispatch`, { personId: w.member.id, note: '请明天上午上门' })
    assert.equal(dispatched.statusCode, 200, dispatched.body)
    assert.equal(dispatched.json().assignee.kind, 'person')
    const [assignedNote] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${w.member.id} AND kind = 'order.assigned'`)
    assert.equal(assignedNote!.n, 1)
    assert.equal((await w.member.client.post(`/api/v1/orders/${o.id}/start`, {})).json().state, 'in_progress')
    assert.equal((await w.member.client.post(`/api/v1/orders/${o.id}/complete`, { result: '已上门服务' })).json().state, 'completed')
    const low = await w.resident.client.post(`/api/v1/orders/${o.id}/rate`, { rating: 1, comment: '没有剪好' })
    assert.equal(low.statusCode, 200, low.body)
    assert.equal(low.json().state, 'assigned')
    assert.equal(low.json().rating, null)
    const [row] = await t.query<{ reworks: number }>(sql`SELECT reworks FROM orders WHERE id = ${o.id}`)
    assert.equal(row!.reworks, 1)
    assert.equal((await w.member.client.post(`/api/v1/orders/${o.id}/complete`, { result: '已重新修剪' })).json().state, 'completed')
    // Only once: the second low rating stays.
    const low2 = await w.resident.client.post(`/api/v1/orders/${o.id}/rate`, { rating: 2 })
    assert.equal(low2.json().state, 'confirmed')
    assert.equal(low2.json().rating, 2)
    // The member's feedback card counts the order served and its hours.
    const [m] = await t.query<{ id: string }>(sql`SELECT id::text FROM party_members WHERE person_id = ${w.member.id}`)
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()
    const card = await w.cadre.client.post('/api/v1/feedback-cards', { memberId: m!.id, period: String(year) })
    assert.equal(card.statusCode, 201, card.body)
    assert.deepEqual(card.json().content.orders.map((x: { title: string; hours: number }) => [x.title, x.hours]), [['上门理发', 1.5]])
    assert.equal(card.json().content.hours, 1.5)
  })

  test('a cadre places an order for a resident after a phone call; the order records who acted for whom; outside their area they cannot', async () => {
    const w = await orderWorld(t, f)
    const res = await w.cadre.client.post('/api/v1/orders', { itemId: w.item.id, onBehalfOf: w.resident.id, note: '电话代下单' })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().channel, 'proxy')
    assert.equal(res.json().requester.id, w.resident.id)
    assert.equal(res.json().placedBy.id, w.cadre.id)
    assert.ok((await w.resident.client.get('/api/v1/orders?view=mine')).json().items.some((x: { id: string }) => x.id === res.json().id))
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'order.place_for' AND entity_id = ${res.json().id}`)
    assert.equal(audit!.n, 1)
    const other = await orderWorld(t, f)
    const outside = await other.cadre.client.post('/api/v1/orders', { itemId: w.item.id, onBehalfOf: w.resident.id })
    assert.equal(outside.statusCode, 404)
    const [n] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orders WHERE requester_id = ${w.resident.id}`)
    assert.equal(n!.n, 1)
  })

  test('a resident\'s own placing at home (one statement) answers what a read gives, tells the reviewers, and keeps every refusal of the checked way', async () => {
    const w = await orderWorld(t, f, { audience: 'tagged', audienceTags: ['empty_nest', 'disabled'] })
    // Counted at the driver: the placing runs as a named prepared statement, past Drizzle.
    const db = t.database.db as unknown as { transaction: (fn: unknown) => Promise<unknown>; $client: { query: (...args: unknown[]) => Promise<unknown> } }
    const { transaction } = db
    const client = db.$client
    const { query } = client
    let statements = 0
    let transactions = 0
    client.query = (...args) => { statements++; return query.apply(client, args) }
    db.transaction = (fn) => { transactions++; return transaction.call(db, fn) }
    const placed = await w.resident.client.post('/api/v1/orders', { itemId: w.item.id, window: { from: inHours(30), to: inHours(32) }, note: '周六上午', address: '3号楼东门' })
    Object.assign(db, { transaction })
    client.query = query
    assert.equal(placed.statusCode, 201, placed.body)
    // The session, the one statement of the placing, the live push: no transaction (the checked way opens one and takes ten).
    assert.deepEqual({ statements, transactions }, { statements: 3, transactions: 0 })
    const read = await w.resident.client.get(`/api/v1/orders/${placed.json().id}`)
    assert.deepEqual(placed.json(), read.json())
    assert.equal(placed.json().address, '3号楼东门')
    assert.ok(placed.json().timeline[0].actor.name)
    const told = await t.query<{ person: string; title: string; body: string }>(sql`SELECT person_id::text AS person, title, body FROM notifications
      WHERE kind = 'order.review' AND link->>'orderId' = ${placed.json().id} ORDER BY person_id`)
    assert.deepEqual(told.map((n) => n.person).sort(), [w.cadre.id, w.gridWorker.id].sort())
    assert.equal(told[0]!.title, '新订单待审核：上门理发')
    assert.equal(told[0]!.body, '居民点单 · 3号楼东门')
    // Refusals: not of the audience's tags, no home, an item offered in another community, a retired item.
    const untagged = await residentAt(t, f, w.home, { tags: ['veteran'] })
    const homeless = await f.newPerson({ role: 'resident', orgId: w.home.id })
    const elsewhere = await orderWorld(t, f)
    const answers = [
      await untagged.client.post('/api/v1/orders', { itemId: w.item.id }),
      await homeless.client.post('/api/v1/orders', { itemId: w.item.id }),
      await w.resident.client.post('/api/v1/orders', { itemId: elsewhere.item.id }),
    ]
    assert.deepEqual(answers.map((r) => [r.statusCode, codeOf(r)]), [[422, 'ORDER_AUDIENCE'], [422, 'ORDER_NO_ADDRESS'], [422, 'ORDER_NOT_OFFERED']])
    assert.equal((await w.cadre.client.post(`/api/v1/service-items/${w.item.id}/retire`)).statusCode, 200)
    assert.equal(codeOf(await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })), 'SERVICE_ITEM_RETIRED')
    const [written] = await t.query<{ orders: number; told: number }>(sql`SELECT (SELECT count(*)::int FROM orders WHERE requester_id IN (${w.resident.id}, ${untagged.id}, ${homeless.id})) AS orders,
      (SELECT count(*)::int FROM notifications WHERE kind = 'order.review' AND person_id IN (${w.cadre.id}, ${w.gridWorker.id}, ${elsewhere.cadre.id}, ${elsewhere.gridWorker.id})) AS told`)
    assert.deepEqual(written, { orders: 1, told: 2 })
  })

  test('audience: an elderly-only item refuses a young resident; a map pick outside every grid is refused', async () => {
    const w = await orderWorld(t, f, { audience: 'elderly' })
    const young = await residentAt(t, f, w.home, { birthYear: 1995 })
    const res = await young.client.post('/api/v1/orders', { itemId: w.item.id })
    assert.equal(res.statusCode, 422)
    assert.equal(codeOf(res), 'ORDER_AUDIENCE')
    assert.equal((await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })).statusCode, 201)
    const far = await w.resident.client.post('/api/v1/orders', { itemId: w.item.id, location: { lng: 10, lat: 10 } })
    assert.equal(far.statusCode, 422)
  })

  test('the sweep: an open order nobody grabs falls back to dispatch; a completed one is confirmed automatically and paid', async () => {
    const w = await orderWorld(t, f)
    const o = (await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })).json()
    await w.gridWorker.client.post(`/api/v1/orders/${o.id}/review`, { decision: 'accept' })
    await t.query(sql`UPDATE orders SET due_at = now() - interval '1 minute' WHERE id = ${o.id}`)
    await sweep()
    const fell = (await w.cadre.client.get(`/api/v1/orders/${o.id}`)).json()
    assert.equal(fell.state, 'accepted')
    assert.equal(fell.timeline.at(-1).action, 'fallback')
    await w.cadre.client.post(`/api/v1/orders/${o.id}/dispatch`, { personId: w.volunteer.id })
    await w.volunteer.client.post(`/api/v1/orders/${o.id}/complete`, { result: '已完成服务' })
    await t.query(sql`UPDATE orders SET due_at = now() - interval '1 minute' WHERE id = ${o.id}`)
    await sweep()
    const auto = (await w.resident.client.get(`/api/v1/orders/${o.id}`)).json()
    assert.equal(auto.state, 'confirmed')
    assert.equal(auto.timeline.at(-1).actorKind, 'system')
    const [paid] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_transactions WHERE idempotency_key = ${'order_completed:' + o.id}`)
    assert.equal(paid!.n, 1)
    // A review overdue is reminded once, then escalated.
    const p = (await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })).json()
    await t.query(sql`UPDATE orders SET due_at = now() - interval '1 minute' WHERE id = ${p.id}`)
    await sweep()
    await sweep()
    const reminded = (await w.cadre.client.get(`/api/v1/orders/${p.id}`)).json()
    assert.deepEqual(reminded.timeline.map((e: { action: string }) => e.action), ['place', 'remind'])
    assert.equal(reminded.overdue, true)
    // A second review period past the deadline: escalated once to the street. Another reminded order
    // still inside its second period is left alone, and does not hold the first back.
    const q = (await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })).json()
    await t.query(sql`UPDATE orders SET due_at = now() - interval '1 minute', reminded_at = now() WHERE id = ${q.id}`)
    const [terms] = await t.query<{ hours: number }>(sql`SELECT v.review_hours::float8 AS hours FROM orders o JOIN service_item_versions v ON v.id = o.item_version_id WHERE o.id = ${p.id}`)
    await t.query(sql`UPDATE orders SET due_at = now() - make_interval(secs => ${terms!.hours * 3600 + 60}) WHERE id = ${p.id}`)
    await sweep()
    await sweep()
    const escalated = (await w.cadre.client.get(`/api/v1/orders/${p.id}`)).json()
    assert.deepEqual(escalated.timeline.map((e: { action: string }) => e.action), ['place', 'remind', 'escalate'])
    const waiting = (await w.cadre.client.get(`/api/v1/orders/${q.id}`)).json()
    assert.deepEqual(waiting.timeline.map((e: { action: string }) => e.action), ['place'])
  })

  test('the sweep takes a batch at once: each late order its own reminder and event, each open one back to dispatch, told only to its own staff', async () => {
    const w = await orderWorld(t, f)
    const other = await orderWorld(t, f)
    const place = async (world: typeof w) => (await world.resident.client.post('/api/v1/orders', { itemId: world.item.id })).json().id as string
    const late = [await place(w), await place(w), await place(other)]
    const open = [await place(w), await place(other)]
    for (const [i, id] of open.entries()) await (i === 0 ? w : other).gridWorker.client.post(`/api/v1/orders/${id}/review`, { decision: 'accept' })
    await t.query(sql`UPDATE orders SET due_at = now() - interval '1 minute' WHERE id = ANY(string_to_array(${[...late, ...open].join(',')}, ',')::bigint[])`)
    await sweep()
    for (const [i, id] of late.entries()) {
      const o = (await (i < 2 ? w : other).cadre.client.get(`/api/v1/orders/${id}`)).json()
      assert.deepEqual(o.timeline.map((e: { action: string }) => e.action), ['place', 'remind'], id)
      assert.equal(o.timeline.at(-1).note, '审核或派单超时提醒')
    }
    for (const [i, id] of open.entries()) {
      const o = (await (i === 0 ? w : other).cadre.client.get(`/api/v1/orders/${id}`)).json()
      assert.equal(o.state, 'accepted')
      assert.deepEqual(o.timeline.map((e: { action: string }) => e.action), ['place', 'review', 'fallback'])
      assert.ok(Date.parse(o.dueAt) > Date.now() + 3_600_000 * 0.9, o.dueAt)
    }
    type Note = { kind: string; title: string; link: { orderId?: string } }
    const told = async (who: typeof w.cadre, kind: string) => ((await who.client.get('/api/v1/notifications?limit=100')).json().items as Note[])
      .filter((n) => n.kind === kind).map((n) => n.link.orderId).sort()
    // Each of the staff over an order hears of it once, and of no other area's.
    assert.deepEqual(await told(w.gridWorker, 'order.overdue'), [late[0], late[1]].sort())
    assert.deepEqual(await told(w.cadre, 'order.overdue'), [late[0], late[1]].sort())
    assert.deepEqual(await told(other.gridWorker, 'order.overdue'), [late[2]])
    assert.deepEqual(await told(w.cadre, 'order.dispatch'), [open[0]])
    assert.deepEqual(await told(other.cadre, 'order.dispatch'), [open[1]])
    const notes = (await w.gridWorker.client.get('/api/v1/notifications?limit=100')).json().items as Note[]
    for (const id of [late[0], late[1]]) assert.ok(notes.some((n) => n.kind === 'order.overdue' && n.link.orderId === id && n.title.startsWith(`#${id} `) && n.title.endsWith('已超时，请尽快处理')), id)
    // The next sweep finds nothing more to do for them.
    await sweep()
    const again = (await w.cadre.client.get(`/api/v1/orders/${late[0]}`)).json()
    assert.deepEqual(again.timeline.map((e: { action: string }) => e.action), ['place', 'remind'])
    assert.deepEqual(await told(w.gridWorker, 'order.overdue'), [late[0], late[1]].sort())
  })

  test('lists: a resident sees their own, a provider what they serve, staff their area; ids in the query are checked', async () => {
    const w = await orderWorld(t, f)
    const other = await orderWorld(t, f)
    const o = (await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })).json()
    const theirs = (await other.resident.client.post('/api/v1/orders', { itemId: other.item.id })).json()
    const staff = (await w.cadre.client.get('/api/v1/orders')).json().items.map((x: { id: string }) => x.id)
    assert.ok(staff.includes(o.id) && !staff.includes(theirs.id))
    const mine = (await w.resident.client.get('/api/v1/orders')).json().items.map((x: { id: string }) => x.id)
    assert.deepEqual(mine, [o.id])
    assert.equal((await w.cadre.client.get(`/api/v1/orders?orgId=${other.community.id}`)).statusCode, 404)
    assert.equal((await w.cadre.client.get(`/api/v1/orders/${theirs.id}`)).statusCode, 404)
    assert.equal((await w.cadre.client.get('/api/v1/orders?state=nonsense')).statusCode, 400)
    const figures = await w.cadre.client.get(`/api/v1/orders/figures?orgId=${w.community.id}`)
    assert.equal(figures.statusCode, 200, figures.body)
    assert.equal(figures.json().total.orders, 1)
    assert.equal((await w.resident.client.get(`/api/v1/orders/figures?orgId=${w.community.id}`)).statusCode, 403)
    assert.equal((await other.cadre.client.get(`/api/v1/orders/figures?orgId=${w.community.id}`)).statusCode, 404)
  })
})

describe('grabbing races', () => {
  test('100 concurrent claims on one open order: exactly one wins, the others answer 409 and nothing else changes', async () => {
    const w = await orderWorld(t, f)
    const o = (await w.resident.client.post('/api/v1/orders', { itemId: w.item.id })).json()
    assert.equal((await w.gridWorker.client.post(`/api/v1/orders/${o.id}/review`, { decision: 'accept' })).json().state, 'open')
    // 100 volunteers living next door, each acting through the service as a signed-in person.
    const ids = (await t.query<{ id: string }>(sql`INSERT INTO people (name) SELECT '抢单志愿者' || g FROM generate_series(1, 100) g RETURNING id::text`)).map((r) => r.id)
    await t.query(sql`INSERT INTO volunteers (person_id) SELECT unnest(string_to_array(${ids.join(',')}, ',')::bigint[])`)
    await t.query(sql`INSERT INTO residents (person_id, org_id) SELECT unnest(string_to_array(${ids.join(',')}, ',')::bigint[]), ${w.near.id}`)
    const [near] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${w.near.id}`)
    const ctxOf = (personId: string) => ({
      actor: { kind: 'person' as const, personId, personName: '抢单志愿者', accountId: null, sessionId: null, tokenId: null, roles: [{ role: 'volunteer' as const, orgId: w.near.id, orgPath: near!.path }], mustChangePassword: false, totpSetupRequired: false, sessionExpired: false },
      ip: null, userAgent: 'race', requestId: null,
    })
    const results = await Promise.allSettled(ids.map((p) => t.app.services.orders.transitions.act(ctxOf(p) as never, o.id, 'claim', {})))
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    assert.equal(won.length, 1)
    assert.equal(lost.length, 99)
    assert.ok(lost.every((r) => (r.reason as { status: number }).status === 409), String(lost.find((r) => (r.reason as { status: number }).status !== 409)?.reason))
    const [row] = await t.query<{ state: string; provider: string; claims: number }>(sql`SELECT state, provider_id::text AS provider,
      (SELECT count(*)::int FROM order_events WHERE order_id = ${o.id} AND action = 'claim') AS claims FROM orders WHERE id = ${o.id}`)
    assert.equal(row!.state, 'assigned')
    assert.ok(ids.includes(row!.provider))
    assert.equal(row!.claims, 1)
  })
})
