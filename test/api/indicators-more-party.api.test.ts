// The indicators of deliberation, broadcasts, points, organisation life, building leaders,
// mobilisation, funds and members' targets (issue 18's dictionary): records made in two
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
const table = (w: Awaited<ReturnType<typeof world>>, ledger: 'party' | 'livelihood') => h.table(w, ledger)

describe('indicators of deliberation, broadcasts, points, organisation life, leaders, mobilisation, funds and members', () => {
  test('deliberation: topics raised and settled, resolutions done, tasks on time summed as parts', async () => {
    const w = await world()
    const [v] = await t.query<{ id: string }>(sql`SELECT id::text FROM deliberation_template_versions ORDER BY id LIMIT 1`)
    const topic = async (grid: Org, state: string) => (await t.query<{ id: string }>(sql`INSERT INTO topics (org_id, title, body, template_version_id, state, stage_key, closed_at)
      VALUES (${grid.id}, '加装电梯议题', '居民提议加装电梯', ${v!.id}, ${state}, 'collect', ${state === 'settled' ? sql`now()` : null}) RETURNING id::text`))[0]!.id
    const ta = await topic(w.ga, 'settled')
    await topic(w.ga, 'proposed')
    await t.query(sql`UPDATE topics SET state = 'merged', merged_into_id = ${ta}, closed_at = now() WHERE id = ${await topic(w.ga, 'proposed')}`)
    const tb = await topic(w.gb, 'settled')
    const resolution = async (topicId: string, org: Org, done: boolean) => (await t.query<{ id: string }>(sql`INSERT INTO resolutions (topic_id, org_id, title, text, state, done_at)
      VALUES (${topicId}, ${org.id}, '加装电梯决议', '按方案实施', ${done ? 'done' : 'executing'}, ${done ? sql`now()` : null}) RETURNING id::text`))[0]!.id
    const ra = await resolution(ta, w.a, true)
    const rb = await resolution(tb, w.gb, false)
    const task = (r: string, due: number, doneDay: number | null) => t.query(sql`INSERT INTO resolution_tasks (resolution_id, title, due_on, done_at)
      VALUES (${r}, '公示方案', ${`${period}-${String(due).padStart(2, '0')}`}, ${doneDay === null ? null : sql`${on(doneDay)}::timestamptz`})`)
    await task(ra, 5, 4)
    await task(ra, 5, 7)
    await task(rb, 10, null)
    await sweep()

    const { rows, total } = await table(w, 'party')
    assert.deepEqual(rows.map((r) => r['deliberation.topics_raised']!.value), [2, 1])
    assert.deepEqual(rows.map((r) => r['deliberation.topics_settled']!.value), [1, 1])
    assert.deepEqual(rows.map((r) => r['deliberation.resolutions_done']!.value), [1, 0])
    assert.deepEqual(rows.map((r) => r['deliberation.tasks_on_time_rate']!.value), [50, 0])
    assert.deepEqual(total['deliberation.tasks_on_time_rate'], { value: 33.33, numerator: 1, denominator: 3, source: 'computed' })
  })

  test('broadcasts: notices sent; acknowledged within a day counted where the recipients live', async () => {
    const w = await world()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: w.a.id })
    const [r1, r2, r3] = [await f.newPerson({ role: 'resident', orgId: w.ga.id }), await f.newPerson({ role: 'resident', orgId: w.ga.id }), await f.newPerson({ role: 'resident', orgId: w.gb.id })]
    const [b] = await t.query<{ id: string }>(sql`INSERT INTO broadcasts (org_id, author_id, title, body, audience, channels, ack_required, ack_options, state, sent_at, recipients)
      VALUES (${w.a.id}, ${cadre.id}, '停水通知', '明日停水', ${JSON.stringify({ kind: 'people' })}::jsonb, ARRAY['in_app'], true, ARRAY['收到'], 'sent', now() - interval '3 hours', 3) RETURNING id::text`)
    const receipt = (p: { id: string }, org: Org, ackAfter: string) => t.query(sql`INSERT INTO broadcast_receipts (broadcast_id, person_id, channel, org_id, acknowledged_at, stage)
      VALUES (${b!.id}, ${p.id}, 'in_app', ${org.id}, now() - interval '3 hours' + ${ackAfter}::interval, 2)`)
    await receipt(r1, w.ga, '1 hour')
    await receipt(r2, w.ga, '30 hours')
    await receipt(r3, w.gb, '2 hours')
    await sweep()

    const { rows, total } = await table(w, 'party')
    assert.deepEqual(rows.map((r) => r['broadcasts.sent']!.value), [1, 0])
    assert.deepEqual(rows.map((r) => r['broadcasts.ack_in_day_rate']!.value), [50, 100])
    assert.deepEqual(total['broadcasts.ack_in_day_rate'], { value: 66.67, numerator: 2, denominator: 3, source: 'computed' })
  })

  test('points: issued and redeemed, net of reversals, at the community the transaction was booked at', async () => {
    const w = await world()
    const holder = await f.newPerson({ role: 'resident', orgId: w.ga.id })
    const account = async (kind: 'person' | 'org', org: Org) => (await t.query<{ id: string }>(sql`INSERT INTO points_accounts (owner_kind, person_id, org_id)
      VALUES (${kind}, ${kind === 'person' ? holder.id : null}, ${org.id}) RETURNING id::text`))[0]!.id
    const [mine, issuerA, issuerB] = [await account('person', w.a), await account('org', w.a), await account('org', w.b)]
    let n = 0
    const book = async (kind: string, org: Org, amount: number, issuer: string, reverses: string | null = null) => {
      const [x] = await t.query<{ id: string }>(sql`INSERT INTO points_transactions (kind, idempotency_key, memo, reverses_id, org_id, org_path)
        SELECT ${kind}, ${`indicators-${w.street.id}-${++n}`}, '测试', ${reverses}, o.id, o.path FROM orgs o WHERE o.id = ${org.id} RETURNING id::text`)
      await t.query(sql`INSERT INTO points_postings (transaction_id, account_id, amount) VALUES (${x!.id}, ${mine}, ${amount}), (${x!.id}, ${issuer}, ${-amount})`)
      return x!.id
    }
    await book('award', w.a, 10, issuerA)
    const award = await book('award', w.b, 5, issuerB)
    await book('reversal', w.b, -5, issuerB, award)
    await book('redemption', w.a, -4, issuerA)
    await sweep()

    const { rows, total } = await table(w, 'livelihood')
    assert.deepEqual(rows.map((r) => r['points.issued']!.value), [10, 0])
    assert.deepEqual(rows.map((r) => r['points.redeemed']!.value), [4, 0])
    assert.equal(total['points.issued']!.value, 10)
  })

  test('organisation life: required meetings held over required, Party meetings held, study hours', async () => {
    const w = await world()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: w.a.id })
    const year = Number(period.slice(0, 4))
    await t.query(sql`UPDATE orgs SET party_org_kind = 'branch', party_org_name = '社区党支部' WHERE id IN (${w.a.id}, ${w.b.id})`)
    const plan = (org: Org, kind: string) => t.query(sql`INSERT INTO party_life_plans (party_org_id, year, kind, frequency) VALUES (${org.id}, ${year}, ${kind}, 'monthly')`)
    await plan(w.a, 'branch_committee')
    await plan(w.a, 'theme_day')
    await plan(w.b, 'branch_committee')
    const meeting = (org: Org, kind: string, state: string) => t.query(sql`INSERT INTO meetings (org_id, kind, title, starts_at, ends_at, state, created_by, held_at)
      VALUES (${org.id}, ${kind}, '支委会', ${on(2, 19)}::timestamptz, ${on(2, 21)}::timestamptz, ${state}, ${cadre.id}, ${state === 'held' ? sql`now()` : null})`)
    await meeting(w.a, 'branch_committee', 'held')
    await meeting(w.a, 'theme_day', 'cancelled')
    await meeting(w.b, 'branch_committee', 'held')
    // Study: a course of A's; a course of the street's, whose attendee belongs to B's branch.
    const [p1, p2] = [await f.newPerson({ role: 'member', orgId: w.ga.id }), await f.newPerson({ role: 'member', orgId: w.gb.id })]
    await t.query(sql`INSERT INTO party_org_members (party_org_id, person_id, relation, joined_on) VALUES (${w.b.id}, ${p2.id}, 'direct', DATE '2026-01-01')`)
    const study = async (org: Org, person: { id: string }, hours: number) => {
      const [c] = await t.query<{ id: string }>(sql`INSERT INTO study_courses (org_id, kind, title, year, created_by) VALUES (${org.id}, 'theory', '理论学习', ${year}, ${cadre.id}) RETURNING id::text`)
      const [s] = await t.query<{ id: string }>(sql`INSERT INTO study_sessions (course_id, title, starts_at, hours, created_by) VALUES (${c!.id}, '第一讲', ${on(3, 9)}::timestamptz, ${hours}, ${cadre.id}) RETURNING id::text`)
      await t.query(sql`INSERT INTO study_attendance (session_id, person_id, present, hours, recorded_by) VALUES (${s!.id}, ${person.id}, true, ${hours}, ${cadre.id})`)
    }
    await study(w.a, p1, 2)
    await study(w.street, p2, 1.5)
    await sweep()

    const { rows, total } = await table(w, 'party')
    assert.deepEqual(rows.map((r) => r['party_life.meetings_held']!.value), [1, 1])
    assert.deepEqual(rows.map((r) => r['party_life.required_held_rate']!.value), [50, 100])
    assert.deepEqual(total['party_life.required_held_rate'], { value: 66.67, numerator: 2, denominator: 3, source: 'computed' })
    assert.deepEqual(rows.map((r) => r['party_life.study_hours']!.value), [2, 1.5])
  })

  test('building leaders: buildings with a leader in post over buildings, cards shown', async () => {
    const w = await world()
    const [b1] = [await f.newBuilding(w.ga), await f.newBuilding(w.ga), await f.newBuilding(w.gb)]
    const leader = await f.newPerson({ role: 'building_leader', orgId: b1!.id })
    await t.query(sql`INSERT INTO building_leader_cards (building_id, person_id, duties, commitments) VALUES (${b1!.id}, ${leader.id}, ARRAY['information'], '有事找我')`)
    await sweep()

    const { rows, total } = await table(w, 'party')
    assert.deepEqual(rows.map((r) => r['building_leaders.coverage_rate']!.value), [50, 0])
    assert.deepEqual(total['building_leaders.coverage_rate'], { value: 33.33, numerator: 1, denominator: 3, source: 'computed' })
    assert.deepEqual(rows.map((r) => r['building_leaders.cards_shown']!.value), [1, 0])
  })

  test('mobilisation: hours on duty and emergencies at the community whose outline holds the post, hazards', async () => {
    const w = await world()
    // The factory lays both communities over the whole street: give each its half.
    const mid = w.a.box.west + (w.a.box.east - w.a.box.west) / 2
    await t.query(sql`UPDATE orgs SET geometry = ST_MakeEnvelope(${w.a.box.west}, ${w.a.box.south}, ${mid}, ${w.a.box.north}, 4326) WHERE id = ${w.a.id}`)
    await t.query(sql`UPDATE orgs SET geometry = ST_MakeEnvelope(${mid}, ${w.b.box.south}, ${w.b.box.east}, ${w.b.box.north}, 4326) WHERE id = ${w.b.id}`)
    const admin = w.admin
    const [e] = await t.query<{ id: string }>(sql`INSERT INTO emergencies (kind, name, tag, org_id, declared_by) VALUES ('flood', '防汛应急', '防汛', ${w.street.id}, ${admin.id}) RETURNING id::text`)
    const post = async (grid: Org) => {
      const c = f.centre(grid.box)
      return (await t.query<{ id: string }>(sql`INSERT INTO emergency_posts (emergency_id, name, kind, location) VALUES (${e!.id}, '堤段岗', 'embankment', ST_SetSRID(ST_MakePoint(${c.lng}, ${c.lat}), 4326)) RETURNING id::text`))[0]!.id
    }
    const shift = async (postId: string, people: { id: string; hours: number | null }[]) => {
      const [s] = await t.query<{ id: string }>(sql`INSERT INTO emergency_shifts (post_id, starts_at, ends_at, needed) VALUES (${postId}, ${on(4, 8)}::timestamptz, ${on(4, 12)}::timestamptz, 2) RETURNING id::text`)
      for (const p of people) await t.query(sql`INSERT INTO shift_signups (shift_id, person_id, source, hours, hours_recorded_at) VALUES (${s!.id}, ${p.id}, 'self', ${p.hours}, ${p.hours === null ? null : sql`now()`})`)
    }
    const [pa, pb] = [await post(w.ga), await post(w.gb)]
    const [v1, v2] = [await f.newPerson({ role: 'resident', orgId: w.ga.id }), await f.newPerson({ role: 'resident', orgId: w.gb.id })]
    await shift(pa, [{ id: v1.id, hours: 4 }, { id: v2.id, hours: 3.5 }])
    await shift(pb, [{ id: v2.id, hours: null }])
    const c = await f.newCase(w.ga)
    await t.query(sql`INSERT INTO emergency_hazards (emergency_id, post_id, case_id, priority, reported_by) VALUES (${e!.id}, ${pa}, ${c.id}, 'high', ${v1.id})`)
    await sweep()

    const { rows, total } = await table(w, 'party')
    assert.deepEqual(rows.map((r) => r['mobilisation.duty_hours']!.value), [7.5, 0])
    assert.deepEqual(rows.map((r) => r['mobilisation.emergencies']!.value), [1, 1])
    assert.equal(total['mobilisation.emergencies']!.value, 2, 'one emergency in two communities: two community responses')
    assert.deepEqual(rows.map((r) => r['mobilisation.hazards']!.value), [1, 0])
  })

  test('funds: service funds spent, the governance share summed as yuan over yuan, projects done', async () => {
    const w = await world()
    const year = Number(period.slice(0, 4))
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    const fund = async (org: Org, source: string) => (await t.query<{ id: string }>(sql`INSERT INTO funds (org_id, year, source, name, amount_yuan) VALUES (${org.id}, ${year}, ${source}, '服务群众专项经费', 100000) RETURNING id::text`))[0]!.id
    const project = async (org: Org, fundId: string, governance: boolean, done = false) => (await t.query<{ id: string }>(sql`INSERT INTO fund_projects (org_id, year, kind, state, title, governance, proposed_by, fund_id, budget_yuan, done_at)
      VALUES (${org.id}, ${year}, 'benefit', ${done ? 'done' : 'budgeted'}, '楼道改造', ${governance}, 'community', ${fundId}, 5000, ${done ? sql`now()` : null}) RETURNING id::text`))[0]!.id
    const spend = (projectId: string, yuan: number) => t.query(sql`INSERT INTO fund_expenses (project_id, amount_yuan, spent_on, item) VALUES (${projectId}, ${yuan}, ${today}::date, '材料费')`)
    const [fa, fb, other] = [await fund(w.a, 'service'), await fund(w.b, 'service'), await fund(w.a, 'party_work')]
    await spend(await project(w.a, fa, true), 300)
    await spend(await project(w.a, fa, false), 700)
    await spend(await project(w.a, other, true), 999) // not a service fund
    await spend(await project(w.b, fb, true, true), 500)
    await sweep()

    const { rows, total } = await table(w, 'livelihood')
    assert.deepEqual(rows.map((r) => r['funds.service_spent']!.value), [1000, 500])
    assert.deepEqual(rows.map((r) => r['funds.governance_share']!.value), [30, 100])
    assert.deepEqual(total['funds.governance_share'], { value: 53.33, numerator: 800, denominator: 1500, source: 'computed' })
    assert.deepEqual(rows.map((r) => r['funds.projects_done']!.value), [0, 1])
  })

  test('members: the demo street’s share on target is its members’ own progress (hours and projects of the year)', async () => {
    await sweep()
    const admin = await t.as('street')
    const party = (await admin.get(`/api/v1/statistics?orgId=${t.fixtures.streetId}&period=${period}&ledger=party`)).json() as { total: { values: Record<string, { numerator?: number; denominator?: number }> } }
    const cell = party.total.values['members.target_met_rate']!
    const registered: { progress: { met: boolean } }[] = []
    let cursor: string | null = null
    do {
      const page = (await admin.get(`/api/v1/members?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json() as { items: { registrationStatus: string | null; progress: { met: boolean } }[]; nextCursor: string | null }
      registered.push(...page.items.filter((m) => m.registrationStatus === 'accepted'))
      cursor = page.nextCursor
    } while (cursor)
    assert.ok(registered.length > 0, 'the demo has registered members')
    assert.equal(cell.denominator, registered.length)
    assert.equal(cell.numerator, registered.filter((m) => m.progress.met).length)
  })
})
