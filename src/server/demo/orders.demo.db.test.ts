// The service orders demo (orders.ts): the catalogue of the three lists, a year of orders in every
// state with timelines that end where their orders are, the provider paid once per confirmed
// order, the demo accounts' own orders and grab hall, and the one-button devices.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'

describe('the service orders demo', () => {
  let t: TestApp
  before(async () => { t = await startTestApp() })
  after(() => t.close())

  it('offers about 49 public, 52 social and 9 volunteer items, some in two or three versions', async () => {
    const lists = await t.query<{ list: string; n: number }>(sql`SELECT v.list, count(*)::int AS n FROM service_items i
      JOIN service_item_versions v ON v.id = i.current_version_id GROUP BY v.list`)
    const n = (l: string) => lists.find((x) => x.list === l)?.n ?? 0
    assert.ok(Math.abs(n('public') - 49) <= 3 && Math.abs(n('social') - 52) <= 3 && Math.abs(n('volunteer') - 9) <= 2, JSON.stringify(lists))
    const versions = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM service_item_versions GROUP BY item_id HAVING count(*) > 1`)
    assert.ok(versions.length >= 3 && versions.every((v) => v.n <= 3), JSON.stringify(versions))
    const [mismatch] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orders o JOIN service_item_versions v ON v.id = o.item_version_id WHERE v.item_id <> o.item_id`)
    assert.equal(mismatch!.n, 0)
  })

  it('has orders in every state, each timeline ending in its order state, in time order', async () => {
    const states = await t.query<{ state: string; n: number }>(sql`SELECT state, count(*)::int AS n FROM orders GROUP BY state`)
    const total = states.reduce((s, x) => s + x.n, 0)
    assert.ok(total >= 2500, `got ${total}`)
    for (const s of ['placed', 'accepted', 'open', 'assigned', 'in_progress', 'completed', 'confirmed', 'refused', 'merged', 'cancelled']) assert.ok(states.some((x) => x.state === s), s)
    const [bad] = await t.query<{ last: number; first: number; chain: number; future: number }>(sql`SELECT
        count(*) FILTER (WHERE o.state <> (SELECT e.to_state FROM order_events e WHERE e.order_id = o.id ORDER BY e.at DESC, e.id DESC LIMIT 1))::int AS last,
        count(*) FILTER (WHERE (SELECT e.action FROM order_events e WHERE e.order_id = o.id ORDER BY e.at, e.id LIMIT 1) IS DISTINCT FROM 'place')::int AS first,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM (SELECT e.from_state, lag(e.to_state) OVER (ORDER BY e.at, e.id) AS before FROM order_events e WHERE e.order_id = o.id) x
          WHERE x.before IS NOT NULL AND x.from_state IS DISTINCT FROM x.before))::int AS chain,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.at > now()))::int AS future
      FROM orders o`)
    assert.deepEqual(bad, { last: 0, first: 0, chain: 0, future: 0 })
    const [shape] = await t.query<{ rated: number; refusedWithout: number; mergedWithout: number; overdue: number; reminded: number; checkins: number }>(sql`SELECT
        count(*) FILTER (WHERE state = 'confirmed' AND rating IS NOT NULL)::int AS rated,
        count(*) FILTER (WHERE state = 'refused' AND reason IS NULL)::int AS "refusedWithout",
        count(*) FILTER (WHERE state = 'merged' AND merged_into_id IS NULL)::int AS "mergedWithout",
        count(*) FILTER (WHERE due_at < now() AND state IN ('placed', 'accepted', 'assigned', 'in_progress'))::int AS overdue,
        (SELECT count(DISTINCT order_id)::int FROM order_events WHERE action = 'remind') AS reminded,
        count(*) FILTER (WHERE checkin_distance_m IS NOT NULL)::int AS checkins
      FROM orders`)
    assert.ok(shape!.rated > 1000 && shape!.overdue > 0 && shape!.reminded > 50 && shape!.checkins > 1000, JSON.stringify(shape))
    assert.equal(shape!.refusedWithout + shape!.mergedWithout, 0)
    const channels = await t.query<{ channel: string }>(sql`SELECT DISTINCT channel FROM orders`)
    assert.deepEqual(channels.map((c) => c.channel).sort(), ['app', 'device', 'elder_button', 'proxy'])
  })

  it('pays every confirmed order once in points (and five stars once) and in hours, and nothing else', async () => {
    const [p] = await t.query<{ confirmed: number; paid: number; keys: number; stray: number; fives: number; starred: number; hours: number; entries: number; strayHours: number }>(sql`SELECT
        (SELECT count(*)::int FROM orders WHERE state = 'confirmed' AND provider_id IS NOT NULL) AS confirmed,
        (SELECT count(DISTINCT o.id)::int FROM orders o JOIN points_transactions x ON x.idempotency_key = 'order_completed:' || o.id WHERE o.state = 'confirmed') AS paid,
        (SELECT count(*)::int FROM points_transactions WHERE idempotency_key LIKE 'order_completed:%') AS keys,
        (SELECT count(*)::int FROM points_transactions x JOIN orders o ON x.idempotency_key = 'order_completed:' || o.id WHERE o.state <> 'confirmed') AS stray,
        (SELECT count(*)::int FROM orders WHERE state = 'confirmed' AND rating = 5 AND provider_id IS NOT NULL) AS fives,
        (SELECT count(*)::int FROM points_transactions WHERE idempotency_key LIKE 'order_rating_five_star:%') AS starred,
        (SELECT count(*)::int FROM orders WHERE state = 'confirmed' AND provider_id <> requester_id AND hours > 0) AS hours,
        (SELECT count(*)::int FROM time_bank_entries WHERE source_key LIKE 'order:%') AS entries,
        (SELECT count(*)::int FROM time_bank_entries b JOIN orders o ON b.source_key = 'order:' || o.id WHERE o.state <> 'confirmed' OR b.giver_id <> o.provider_id) AS "strayHours"`)
    assert.ok(p!.confirmed > 1500, JSON.stringify(p))
    assert.equal(p!.paid, p!.confirmed)
    assert.equal(p!.keys, p!.confirmed)
    assert.equal(p!.stray, 0)
    assert.equal(p!.starred, p!.fives)
    assert.equal(p!.entries, p!.hours)
    assert.equal(p!.strayHours, 0)
    const [provider] = await t.query<{ ok: boolean }>(sql`SELECT bool_and(a.person_id = o.provider_id AND pp.amount > 0) AS ok FROM orders o
      JOIN points_transactions x ON x.idempotency_key = 'order_completed:' || o.id JOIN points_postings pp ON pp.transaction_id = x.id JOIN points_accounts a ON a.id = pp.account_id AND a.owner_kind = 'person'`)
    assert.equal(provider!.ok, true)
  })

  it('gives the demo resident orders in several states, the demo member orders to serve and open orders in the grab hall', async () => {
    const mine = await t.query<{ state: string }>(sql`SELECT DISTINCT o.state FROM orders o JOIN accounts a ON a.person_id = o.requester_id WHERE a.username = 'resident'`)
    assert.ok(mine.length >= 6, JSON.stringify(mine))
    const serving = await t.query<{ state: string }>(sql`SELECT DISTINCT o.state FROM orders o JOIN accounts a ON a.person_id = o.provider_id WHERE a.username = 'member'`)
    assert.ok(['assigned', 'completed', 'confirmed'].every((s) => serving.some((x) => x.state === s)), JSON.stringify(serving))
    for (const username of ['member', 'resident']) {
      const [home] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(b.geometry)) AS lng, ST_Y(ST_PointOnSurface(b.geometry)) AS lat
        FROM accounts a JOIN residents r ON r.person_id = a.person_id JOIN orgs b ON b.id = r.org_id WHERE a.username = ${username} ORDER BY r.id LIMIT 1`)
      const client = await t.as(username)
      const hall = await client.get(`/api/v1/orders/open-near-me?lng=${home!.lng}&lat=${home!.lat}`)
      assert.equal(hall.statusCode, 200, hall.body)
      assert.ok(hall.json().items.length >= 3, `${username}: ${hall.body.slice(0, 200)}`)
    }
  })

  it('registers 40 one-button devices with sealed secrets and phones, some silent, whose presses escalated', async () => {
    const devices = await t.query<{ kind: string; secret_enc: string; silent: boolean; contacts: number; masks: boolean; phone: string | null }>(sql`SELECT d.kind, d.secret_enc,
        d.last_seen_at < now() - interval '24 hours' AS silent, (SELECT count(*)::int FROM device_contacts c WHERE c.device_id = d.id) AS contacts,
        (SELECT bool_and(c.phone_mask LIKE '%****%') FROM device_contacts c WHERE c.device_id = d.id) AS masks, d.duty_phone_enc AS phone FROM devices d`)
    assert.equal(devices.length, 40)
    assert.ok(devices.some((d) => d.kind === 'phone') && devices.filter((d) => d.kind === 'button').length > 30)
    assert.ok(devices.some((d) => d.silent) && devices.filter((d) => d.silent).length < 10)
    assert.ok(devices.every((d) => d.contacts >= 1 && d.masks && d.phone !== null))
    assert.ok(t.pii.decrypt('device_secret', devices[0]!.secret_enc).length >= 24)
    const presses = await t.query<{ state: string; orders: number; steps: number; escalated: number }>(sql`SELECT p.state, count(p.order_id)::int AS orders,
        sum(jsonb_array_length(p.steps))::int AS steps, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = p.order_id AND e.action = 'call_step'))::int AS escalated
      FROM device_presses p GROUP BY p.state`)
    const by = (s: string) => presses.find((p) => p.state === s)
    assert.ok(by('acknowledged') && by('acknowledged')!.orders > 50 && by('acknowledged')!.escalated === by('acknowledged')!.orders, JSON.stringify(presses))
    assert.ok(by('cancelled') && by('cancelled')!.orders === 0, JSON.stringify(presses))
    const [urgent] = await t.query<{ n: number; ok: boolean }>(sql`SELECT count(*)::int AS n, bool_and(o.urgent AND o.channel IN ('device', 'elder_button')) AS ok FROM device_presses p JOIN orders o ON o.id = p.order_id`)
    assert.ok(urgent!.n > 50 && urgent!.ok)
    const [pending] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM device_presses WHERE state = 'pending' OR next_step_at IS NOT NULL`)
    assert.equal(pending!.n, 0, 'nothing left for the sweep to pick up at start')
  })
})
