import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { orderWorld } from '../../../../test/support/orders.ts'
import { signBody } from './orders.devices.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const sweep = () => t.database.db.transaction(async (tx) => {
  await t.app.services.orders.devices.sweep(tx)
  await t.app.services.orders.sweep(tx)
})

async function deviceWorld(over: Record<string, unknown> = {}) {
  const w = await orderWorld(t, f, { list: 'public', name: '紧急呼叫', providerKinds: ['member', 'volunteer', 'staff'] })
  const family = await f.newPerson({ role: 'resident', orgId: w.home.id })
  const res = await w.cadre.client.post('/api/v1/devices', {
    serial: `BTN-${Date.now()}-${Math.round(Math.random() * 1e6)}`, personId: w.resident.id, defaultItemId: w.item.id, cancelWindowS: 0,
    ladder: { grid: 60, nearby: 120, duty: 300, family: 600 }, dutyPhone: '0791-88881234',
    contacts: [{ name: '王小明', relation: '儿子', phone: '13912345678', personId: family.id }], ...over,
  })
  assert.equal(res.statusCode, 201, res.body)
  return { ...w, family, device: res.json() as { id: string; secret: string; serial: string } }
}

/** What a device gateway sends: the JSON body and its signature over the raw bytes. */
async function signedPress(device: { id: string; secret: string }, body: Record<string, unknown>, secret = device.secret) {
  const raw = JSON.stringify(body)
  return t.anonymous.request({ method: 'POST', url: `/api/v1/devices/${device.id}/press`, payload: raw, headers: { 'content-type': 'application/json', 'x-linli-signature': signBody(secret, raw) } })
}

describe('the one-button call', () => {
  test('a signed press becomes an urgent order at the resident\'s home at once, tells the grid worker, and the ladder climbs until someone acknowledges', async () => {
    const w = await deviceWorld()
    assert.equal(typeof w.device.secret, 'string')
    // The secret is sealed in the database, and the contact's phone is masked when read.
    const [stored] = await t.query<{ secret_enc: string }>(sql`SELECT secret_enc FROM devices WHERE id = ${w.device.id}`)
    assert.ok(!stored!.secret_enc.includes(w.device.secret))
    const read = (await w.cadre.client.get(`/api/v1/devices/${w.device.id}`)).json()
    assert.equal(read.contacts[0].phone, '139****5678')
    const res = await signedPress(w.device, { timestamp: Date.now() })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().state, 'ordered')
    const orderId = res.json().orderId as string
    const order = (await w.cadre.client.get(`/api/v1/orders/${orderId}`)).json()
    assert.equal(order.channel, 'device')
    assert.equal(order.urgent, true)
    assert.equal(order.state, 'open')
    assert.equal(order.requester.id, w.resident.id)
    assert.deepEqual(order.press.steps.map((s: { step: string }) => s.step), ['grid'])
    const [told] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${w.gridWorker.id} AND kind = 'order.sos' AND link->>'orderId' = ${orderId}`)
    assert.equal(told!.n, 1)
    // Nobody acknowledges: each step after its wait.
    for (const step of ['nearby', 'duty', 'family']) {
      await t.query(sql`UPDATE device_presses SET next_step_at = now() - interval '1 second' WHERE order_id = ${orderId}`)
      await sweep()
      const steps = (await w.cadre.client.get(`/api/v1/orders/${orderId}`)).json().press.steps.map((s: { step: string }) => s.step)
      assert.equal(steps.at(-1), step)
    }
    // The timeline tells each step apart from a deadline escalation: the first is a call, the rest escalate it.
    const calls = (await w.cadre.client.get(`/api/v1/orders/${orderId}`)).json().timeline.filter((e: { action: string }) => e.action === 'call_step').map((e: { note: string }) => e.note)
    assert.deepEqual(calls, ['呼叫通知网格员', '无人响应，升级通知附近的党员和志愿者', '无人响应，升级通知社区值班电话', '无人响应，升级通知家属'])
    const [family] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${w.family.id} AND kind = 'order.sos'`)
    assert.equal(family!.n, 1)
    const [ladder] = await t.query<{ next: string | null }>(sql`SELECT next_step_at::text AS next FROM device_presses WHERE order_id = ${orderId}`)
    assert.equal(ladder!.next, null)
    const pressId = order.press.id as string
    const ack = await w.family.client.post(`/api/v1/device-presses/${pressId}/acknowledge`)
    assert.equal(ack.statusCode, 200, ack.body)
    assert.equal(ack.json().acknowledgedBy.id, w.family.id)
    const twice = await w.gridWorker.client.post(`/api/v1/device-presses/${pressId}/acknowledge`)
    assert.equal(twice.statusCode, 409)
    assert.equal(codeOf(twice), 'PRESS_ACKNOWLEDGED')
  })

  test('a taken order stops the ladder: the provider acknowledged by taking it', async () => {
    const w = await deviceWorld()
    const orderId = (await signedPress(w.device, { timestamp: Date.now() })).json().orderId as string
    assert.equal((await w.volunteer.client.post(`/api/v1/orders/${orderId}/claim`, {})).statusCode, 200)
    await t.query(sql`UPDATE device_presses SET next_step_at = now() - interval '1 second' WHERE order_id = ${orderId}`)
    await sweep()
    const press = (await w.cadre.client.get(`/api/v1/orders/${orderId}`)).json().press
    assert.deepEqual(press.steps.map((s: { step: string }) => s.step), ['grid'])
    assert.equal(press.acknowledgedBy.id, w.volunteer.id)
    // The elder who pressed follows the call on its own page; the provider is not shown it there.
    const mine = await w.resident.client.get(`/api/v1/device-presses/${press.id}`)
    assert.equal(mine.statusCode, 200, mine.body)
    assert.equal(mine.json().acknowledgedBy.id, w.volunteer.id)
    assert.equal((await w.volunteer.client.get(`/api/v1/device-presses/${press.id}`)).statusCode, 404)
  })

  test('bad signatures, replays, stale timestamps and retired devices are refused and record nothing', async () => {
    const w = await deviceWorld()
    const now = Date.now()
    const forged = await signedPress(w.device, { timestamp: now }, 'not-the-secret')
    assert.equal(forged.statusCode, 401)
    assert.equal(codeOf(forged), 'DEVICE_SIGNATURE')
    const unsigned = await t.anonymous.request({ method: 'POST', url: `/api/v1/devices/${w.device.id}/press`, payload: JSON.stringify({ timestamp: now }), headers: { 'content-type': 'application/json' } })
    assert.equal(unsigned.statusCode, 401)
    const stale = await signedPress(w.device, { timestamp: now - 3_600_000 })
    assert.equal(stale.statusCode, 409)
    assert.equal(codeOf(stale), 'DEVICE_REPLAY')
    assert.equal((await signedPress(w.device, { timestamp: now, kind: 'heartbeat', battery: 80 })).statusCode, 201)
    const replay = await signedPress(w.device, { timestamp: now, kind: 'heartbeat', battery: 80 })
    assert.equal(replay.statusCode, 409)
    assert.equal(codeOf(replay), 'DEVICE_REPLAY')
    const broken = await t.anonymous.request({ method: 'POST', url: `/api/v1/devices/${w.device.id}/press`, payload: '{"timestamp":', headers: { 'content-type': 'application/json', 'x-linli-signature': signBody(w.device.secret, '{"timestamp":') } })
    assert.equal(broken.statusCode, 400)
    assert.equal((await signedPress({ id: '999999999', secret: 'x' }, { timestamp: now + 1 })).statusCode, 404)
    const [n] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM device_presses WHERE device_id = ${w.device.id}`)
    assert.equal(n!.n, 0)
    const [seen] = await t.query<{ battery: number }>(sql`SELECT battery FROM devices WHERE id = ${w.device.id}`)
    assert.equal(seen!.battery, 80)
    await w.cadre.client.patch(`/api/v1/devices/${w.device.id}`, { retired: true })
    const retired = await signedPress(w.device, { timestamp: now + 5 })
    assert.equal(retired.statusCode, 409)
    assert.equal(codeOf(retired), 'DEVICE_RETIRED')
  })

  test('a cancel window: a false alarm withdrawn in time makes no order; otherwise the sweep places it', async () => {
    const w = await deviceWorld({ cancelWindowS: 30 })
    const first = await signedPress(w.device, { timestamp: Date.now() })
    assert.equal(first.statusCode, 201, first.body)
    assert.equal(first.json().state, 'pending')
    const cancelled = await signedPress(w.device, { timestamp: Date.now() + 1, kind: 'cancel' })
    assert.equal(cancelled.statusCode, 201, cancelled.body)
    assert.equal(cancelled.json().state, 'cancelled')
    const second = await signedPress(w.device, { timestamp: Date.now() + 2 })
    await t.query(sql`UPDATE device_presses SET order_at = now() - interval '1 second' WHERE id = ${second.json().pressId}`)
    await sweep()
    const presses = (await w.cadre.client.get(`/api/v1/device-presses?deviceId=${w.device.id}`)).json().items as { state: string; orderId: string | null }[]
    assert.deepEqual(presses.map((p) => p.state), ['ordered', 'cancelled'])
    const [orders] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orders WHERE requester_id = ${w.resident.id} AND channel = 'device'`)
    assert.equal(orders!.n, 1)
    // Too late to withdraw once ordered.
    const late = await w.resident.client.post(`/api/v1/device-presses/${presses[0]!.orderId ? second.json().pressId : ''}/cancel`)
    assert.equal(late.statusCode, 409)
  })

  test('the elder mode\'s big button presses the resident\'s own device; others\' devices and presses are out of reach', async () => {
    const w = await deviceWorld({ cancelWindowS: 10 })
    const mine = (await w.resident.client.get('/api/v1/devices/mine')).json()
    assert.equal(mine.items.length, 1)
    const res = await w.resident.client.post('/api/v1/devices/mine/press')
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().state, 'pending')
    const cancel = await w.resident.client.post(`/api/v1/device-presses/${res.json().pressId}/cancel`)
    assert.equal(cancel.statusCode, 200, cancel.body)
    assert.equal(cancel.json().state, 'cancelled')
    const other = await deviceWorld()
    assert.equal((await other.cadre.client.get(`/api/v1/devices/${w.device.id}`)).statusCode, 404)
    assert.equal((await other.cadre.client.patch(`/api/v1/devices/${w.device.id}`, { cancelWindowS: 5 })).statusCode, 404)
    assert.equal((await w.member.client.patch(`/api/v1/devices/${w.device.id}`, { cancelWindowS: 5 })).statusCode, 404)
    assert.equal((await other.resident.client.post(`/api/v1/device-presses/${res.json().pressId}/cancel`)).statusCode, 404)
    assert.equal((await w.member.client.post('/api/v1/devices/mine/press')).statusCode, 404)
    const list = (await other.cadre.client.get('/api/v1/devices')).json().items.map((d: { id: string }) => d.id)
    assert.ok(!list.includes(w.device.id))
  })

  test('devices silent for more than a day are listed; a serial is registered once; a full phone is read only through the audited reveal', async () => {
    const w = await deviceWorld()
    await t.query(sql`UPDATE devices SET last_seen_at = now() - interval '2 days' WHERE id = ${w.device.id}`)
    const silent = (await w.cadre.client.get('/api/v1/devices?silent=true')).json().items as { id: string; silent: boolean }[]
    assert.ok(silent.some((d) => d.id === w.device.id && d.silent))
    await signedPress(w.device, { timestamp: Date.now(), kind: 'heartbeat' })
    assert.ok(!(await w.cadre.client.get('/api/v1/devices?silent=true')).json().items.some((d: { id: string }) => d.id === w.device.id))
    const dup = await w.cadre.client.post('/api/v1/devices', { serial: w.device.serial, personId: w.resident.id, defaultItemId: w.item.id })
    assert.equal(dup.statusCode, 409)
    assert.equal(codeOf(dup), 'DEVICE_SERIAL_TAKEN')
    const revealed = await w.cadre.client.post(`/api/v1/devices/${w.device.id}/reveal`)
    assert.equal(revealed.json().contacts[0].phone, '13912345678')
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'device.reveal_phone' AND entity_id = ${w.device.id}`)
    assert.equal(audit!.n, 1)
    // A rotated secret: the old one no longer signs.
    const rotated = (await w.cadre.client.post(`/api/v1/devices/${w.device.id}/secret`)).json()
    assert.equal((await signedPress(w.device, { timestamp: Date.now() + 10 })).statusCode, 401)
    assert.equal((await signedPress({ id: w.device.id, secret: rotated.secret }, { timestamp: Date.now() + 20, kind: 'heartbeat' })).statusCode, 201)
  })
})
