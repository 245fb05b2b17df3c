// The indicators of units, venues, visits and estates (issue 18's dictionary): records made in two
// communities of a street of their own, the sweep run, and the figures the statistics table gives
// per community and in the street's total (ratios as summed numerators over summed denominators).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../support/app.ts'
import { factories, type Factories, type Org } from '../support/factories.ts'
import { statisticsHelpers } from '../support/statistics.ts'
import { monthAt } from '../../src/server/kernel/indicators.ts'

let t: TestApp
let f: Factories
let h: ReturnType<typeof statisticsHelpers>
before(async () => {
  t = await startTestApp()
  f = factories(t)
  h = statisticsHelpers(t, f)
})
after(() => t.close())

const period = monthAt(new Date())
const sweep = () => h.sweep()
const on = (day: number, hour?: number) => h.on(day, hour)
const world = () => h.world()
const daysInMonth = () => { const [y, m] = period.split('-').map(Number) as [number, number]; return new Date(Date.UTC(y, m, 0)).getUTCDate() }
const table = (w: Awaited<ReturnType<typeof world>>, ledger: 'party' | 'livelihood') => h.table(w, ledger)

describe('indicators of units, venues, visits and estates', () => {
  test('units: paired units, list items published, claimed and completed, 两新 Party coverage summed as parts', async () => {
    const w = await world()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: w.a.id })
    const unit = async (org: Org, kind: string, party: boolean) => (await t.query<{ id: string }>(sql`INSERT INTO units (name, kind, org_id, has_party_org)
      VALUES (${`测试单位${org.id}${kind}${party}`}, ${kind}, ${org.id}, ${party}) RETURNING id::text`))[0]!.id
    const [u1, u2, u3] = [await unit(w.a, 'non_public_firm', true), await unit(w.a, 'social_organisation', false), await unit(w.b, 'non_public_firm', true)]
    await unit(w.b, 'state_enterprise', false) // not 两新: outside the coverage
    const pair = (community: Org, unitId: string, ended: boolean) => t.query(sql`INSERT INTO pairing_agreements (community_id, unit_id, title, terms, tags, starts_on, status, ended_on, created_by)
      VALUES (${community.id}, ${unitId}, '结对共建协议', '共建共享', ARRAY['party_work'], DATE '2026-01-01', ${ended ? 'ended' : 'active'}, ${ended ? sql`DATE '2026-01-15'` : sql`NULL`}, ${cadre.id})`)
    await pair(w.a, u1, false)
    await pair(w.a, u2, false)
    await pair(w.b, u3, false)
    await pair(w.b, u1, true)
    const item = async (community: Org, state: 'open' | 'claimed' | 'completed') => {
      const [row] = await t.query<{ id: string }>(sql`INSERT INTO list_items (list, community_id, title, description, state, claimant_unit_id, claimed_by, claimed_at, completed_at, published_by)
        VALUES ('need', ${community.id}, '需求事项', '需求说明', ${state}, ${state === 'open' ? null : u1}, ${state === 'open' ? null : cadre.id},
          ${state === 'open' ? null : sql`now()`}, ${state === 'completed' ? sql`now()` : null}, ${cadre.id}) RETURNING id::text`)
      await t.query(sql`INSERT INTO list_item_events (item_id, action, to_state, actor_id) VALUES (${row!.id}, 'publish', ${state}, ${cadre.id})`)
    }
    await item(w.a, 'open')
    await item(w.a, 'claimed')
    await item(w.a, 'completed')
    await item(w.b, 'completed')
    await sweep()

    const { rows, total } = await table(w, 'party')
    assert.deepEqual(rows.map((r) => r['units.paired_units']!.value), [2, 1])
    assert.deepEqual(rows.map((r) => r['units.list_items_published']!.value), [3, 1])
    assert.deepEqual(rows.map((r) => r['units.list_items_claimed']!.value), [2, 1])
    assert.deepEqual(rows.map((r) => r['units.list_items_completed']!.value), [1, 1])
    assert.deepEqual(rows.map((r) => r['units.two_new_party_coverage']!.value), [50, 100])
    // 2 of 3 两新 organisations: 66.67 %, not the 75 % the average of 50 % and 100 % would say.
    assert.deepEqual(total['units.two_new_party_coverage'], { value: 66.67, numerator: 2, denominator: 3, source: 'computed' })
    assert.equal(total['units.paired_units']!.value, 3)
  })

  test('venues: confirmed bookings, occupancy as booked over open hours, the 15-minute circle', async () => {
    const w = await world()
    const booker = await f.newPerson({ role: 'resident', orgId: w.ga.id })
    const hours = { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '09:00', close: '17:00' })), exceptions: [], closedOnHolidays: false }
    const venue = async (grid: Org) => {
      const c = f.centre(grid.box)
      const [v] = await t.query<{ id: string }>(sql`INSERT INTO venues (kind, name, org_id, address, entrance, hours)
        VALUES ('neighbourhood_center', '邻里中心', ${grid.parentId}, '测试路1号', ST_SetSRID(ST_MakePoint(${c.lng}, ${c.lat}), 4326), ${JSON.stringify(hours)}::jsonb) RETURNING id::text`)
      const [r] = await t.query<{ id: string }>(sql`INSERT INTO venue_rooms (venue_id, name, capacity) VALUES (${v!.id}, '多功能室', 20) RETURNING id::text`)
      return r!.id
    }
    // Checked in (the booking sweep marks a past booking nobody checked in to as a no-show).
    const book = (room: string, day: number, hoursLong: number, state: string) => t.query(sql`INSERT INTO room_bookings (room_id, booker_id, start_at, end_at, blocked, purpose, state, checked_in_at)
      VALUES (${room}, ${booker.id}, ${on(day)}::timestamptz, ${on(day, 10 + hoursLong)}::timestamptz, tstzrange(${on(day)}::timestamptz, ${on(day, 10 + hoursLong)}::timestamptz), '党员活动', ${state}, ${on(day)}::timestamptz)`)
    const roomA = await venue(w.ga)
    await book(roomA, 1, 2, 'confirmed')
    await book(roomA, 2, 4, 'confirmed')
    await book(roomA, 3, 2, 'cancelled')
    // B has no venue of its own, and its building lies far from every venue.
    await venue(await f.newGrid(w.a)) // a second venue of A, in A's second grid: one more room open, none booked
    await f.newBuilding(w.ga)
    await f.newBuilding(w.gb)
    await sweep()

    const { rows, total } = await table(w, 'livelihood')
    assert.deepEqual(rows.map((r) => r['venues.bookings']!.value), [2, 0])
    const open = daysInMonth() * 8
    // A: 6 booked hours over two rooms open 8 hours a day; B has no venue of its own.
    assert.deepEqual([rows[0]!['venues.occupancy']!.numerator, rows[0]!['venues.occupancy']!.denominator], [6, 2 * open])
    assert.equal(rows[1]!['venues.occupancy']!.denominator, 0)
    assert.equal(total['venues.occupancy']!.value, Math.round((6 / (2 * open)) * 10000) / 100)
    assert.deepEqual(rows.map((r) => r['venues.circle_coverage']!.value), [100, 0])
    assert.deepEqual(total['venues.circle_coverage'], { value: 50, numerator: 1, denominator: 2, source: 'computed' })
  })

  test('visits: visits and households, planned tasks done over those due in the month', async () => {
    const w = await world()
    const visitor = await f.newPerson({ role: 'grid_worker', orgId: w.ga.id })
    const visit = (grid: Org, households: number) => t.query(sql`INSERT INTO visits (kind, mode, org_id, visitor_id, visited_at, households, note)
      VALUES ('night', 'active', ${grid.id}, ${visitor.id}, now(), ${households}, '入户走访') RETURNING id`)
    await visit(w.ga, 3)
    await visit(w.ga, 2)
    await visit(w.gb, 4)
    const [s] = await t.query<{ id: string }>(sql`INSERT INTO visit_schedules (org_id, name, kind, day_of_month, starts_on) VALUES (${w.street.id}, '每月夜访', 'night', 1, DATE '2026-01-01') RETURNING id::text`)
    const task = (community: Org, visitorOrg: Org, done: boolean) => t.query(sql`INSERT INTO visit_tasks (schedule_id, visitor_org_id, community_id, due_on, deadline, done_at)
      VALUES (${s!.id}, ${visitorOrg.id}, ${community.id}, ${`${period}-01`}::date, ${`${period}-08`}::date, ${done ? sql`now()` : null})`)
    await task(w.a, w.street, true)
    await task(w.a, w.ga, false)
    await task(w.b, w.street, true)
    await sweep()

    const { rows, total } = await table(w, 'livelihood')
    assert.deepEqual(rows.map((r) => r['visits.done']!.value), [2, 1])
    assert.deepEqual(rows.map((r) => r['visits.households']!.value), [5, 4])
    assert.deepEqual(rows.map((r) => r['visits.task_completion_rate']!.value), [50, 100])
    assert.deepEqual(total['visits.task_completion_rate'], { value: 66.67, numerator: 2, denominator: 3, source: 'computed' })
  })

  test('estates: one count per colour by each estate’s latest rating', async () => {
    const w = await world()
    const rater = await f.newPerson({ role: 'community_cadre', orgId: w.a.id })
    const estate = async (community: Org) => (await t.query<{ id: string }>(sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('estate', '测试小区', ${community.id}) RETURNING id::text`))[0]!.id
    const rate = (estateId: string, ratedPeriod: string, total: number, color: string, at: string) => t.query(sql`INSERT INTO estate_ratings (estate_id, period, scores, total, color, rated_by, created_at)
      VALUES (${estateId}, ${ratedPeriod}, '{}'::jsonb, ${total}, ${color}, ${rater.id}, ${at}::timestamptz)`)
    const [e1, e2, e3] = [await estate(w.a), await estate(w.a), await estate(w.b)]
    await rate(e1, '2025-Q4', 55, 'red', '2026-01-05T10:00:00+08:00')
    await rate(e1, period, 92, 'green', new Date().toISOString())
    await rate(e2, period, 65, 'orange', new Date().toISOString())
    await rate(e3, period, 95, 'green', new Date().toISOString())
    await sweep()

    const { rows, total } = await table(w, 'livelihood')
    assert.deepEqual(rows.map((r) => r['estates.green']!.value), [1, 1])
    assert.deepEqual(rows.map((r) => r['estates.orange']!.value), [1, 0])
    assert.equal(total['estates.red']!.value, 0, 'the estate rated red before is green now')
    assert.equal(total['estates.green']!.value, 2)
  })

  test('the dictionary holds about sixty indicators, each with both names, a unit and a definition in both languages', async () => {
    const admin = await f.newPerson({ role: 'street_admin', orgId: (await f.newStreet()).id })
    const items = (await admin.client.get('/api/v1/indicators')).json() as { items: { code: string; name: { zh: string; en: string }; definition: { zh: string; en: string }; unit: { zh: string } }[] }
    assert.ok(items.items.length >= 55, `${items.items.length} indicators`)
    for (const i of items.items) assert.ok(i.name.zh && i.name.en && i.definition.zh && i.definition.en && i.unit.zh, i.code)
  })
})
