// Five years of activity in the generated city (see city.world.ts): cases with their timelines,
// service orders, notifications, points postings, audit rows and the statistic facts the sweep
// would have left, all written set-based by the server in batches.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../src/server/kernel/db/client.ts'
import { createIndicatorRegistry } from '../src/server/kernel/indicators.ts'
import { modules } from '../src/server/app.ts'
import { lastMonths, type CityWorld, type Helpers, type Range } from './city.world.ts'

const one = async <T,>(db: Executor, q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!
const lit = (x: number) => sql.raw(String(Math.trunc(x)))

async function rangeOf(db: Executor, table: string, insert: () => Promise<unknown>): Promise<Range> {
  const before = await one<{ id: string | null }>(db, sql`SELECT max(id)::text AS id FROM ${sql.identifier(table)}`)
  await insert()
  const after = await one<{ first: string; n: number }>(db, sql`SELECT min(id)::text AS first, count(*)::int AS n FROM ${sql.identifier(table)} WHERE id > ${before.id ?? 0}`)
  return { first: Number(after.first), n: after.n }
}

export async function loadActivity(db: Executor, w: CityWorld, h: Helpers): Promise<void> {
  const c = w.counts
  const { hash, step, inBatches } = h
  const spanSec = h.years * 365 * 86_400
  // Row i of n happened (n - i) / n of five years ago: ids grow with time, as in production.
  const ago = (i: ReturnType<typeof sql>, n: number) => sql`(now() - ((${n}::bigint - ${i})::float8 * ${spanSec / n}::float8) * interval '1 second')`
  const resident = (x: ReturnType<typeof sql>) => sql`(${hash(x)} % ${lit(c.residents)})`

  // Cases: reported from a resident's home grid; older ones closed, the last 0.6 % in every state.
  const recent = Math.max(1, Math.round(c.cases * 0.006))
  let cases: Range = { first: 0, n: 0 }
  await step('cases', c.cases, async () => {
    cases = await rangeOf(db, 'cases', () => inBatches(c.cases, (from, to) => db.execute(sql`
      WITH cat AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total FROM case_categories WHERE parent_code IS NOT NULL),
      s AS (SELECT i, ${hash(sql`i`)} AS h, ${resident(sql`i * 7 + 1`)} AS r, ${ago(sql`i`, c.cases)} AS at FROM generate_series(${from}::bigint, ${to}::bigint) i),
      t AS (SELECT s.*, ${w.grid.first}::bigint + ${h.gridOrdinalOf(sql`s.r`)} AS grid_id FROM s)
      INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, state, level, handling_org_id, handling_org_path, reporter_id, anonymous,
                         channel, accept_due_at, handle_due_at, overdue_at, accepted_at, handled_at, closed_at, closed_level, handled_on_time, created_at, updated_at)
      SELECT ltree2text(subpath(g.path, 1, 1))::bigint, t.grid_id, g.path, cat.code, '居民反映的问题 #' || t.i, ${h.pointIn(h.gridOrdinalOf(sql`t.r`), sql`t.h`, c)}, x.state, x.level,
             CASE x.level WHEN 'grid' THEN t.grid_id ELSE ltree2text(subpath(g.path, x.depth - 1, 1))::bigint END,
             CASE x.level WHEN 'grid' THEN g.path ELSE subpath(g.path, 0, x.depth) END,
             CASE WHEN t.h % 10 < 7 THEN ${w.people.first}::bigint + t.r END, t.h % 10 >= 7,
             (ARRAY['h5','h5','console','visit'])[1 + t.h % 4], t.at + interval '24 hours', t.at + interval '3 days',
             CASE WHEN x.state IN ('reported','accepted','assigned','in_progress') AND t.h % 8 = 0 THEN t.at + interval '3 days' END,
             CASE WHEN x.state NOT IN ('reported','rejected') THEN t.at + interval '2 hours' END,
             CASE WHEN x.state IN ('handled','verified','closed') THEN t.at + interval '1 day' END,
             CASE WHEN x.state = 'closed' THEN t.at + interval '2 days' END,
             CASE WHEN x.state = 'closed' THEN x.level END,
             CASE WHEN x.state IN ('handled','verified','closed') THEN t.h % 20 <> 0 END,
             t.at, CASE WHEN x.state = 'rejected' THEN t.at + interval '2 hours' ELSE t.at END
      FROM t JOIN orgs g ON g.id = t.grid_id
      JOIN cat ON cat.n = (t.h / 7) % cat.total
      CROSS JOIN LATERAL (SELECT
        CASE WHEN t.h % 40 = 1 THEN 'rejected'
             WHEN t.i >= ${c.cases - recent} THEN (ARRAY['reported','accepted','assigned','in_progress','handled','verified','closed'])[1 + (t.h / 11) % 7]
             WHEN t.h % 200 = 3 THEN (ARRAY['accepted','assigned','in_progress'])[1 + (t.h / 13) % 3]
             ELSE 'closed' END AS state,
        CASE WHEN (t.h / 17) % 50 = 0 THEN 'street' WHEN (t.h / 17) % 50 < 5 THEN 'community' ELSE 'grid' END AS level,
        CASE WHEN (t.h / 17) % 50 = 0 THEN 3 WHEN (t.h / 17) % 50 < 5 THEN 4 ELSE 5 END AS depth) x`)))
  })
  const worker = sql`${w.gridWorkers.first}::bigint + (k.org_id - ${w.grid.first}::bigint)`
  const overCases = (fn: (from: number, to: number) => Promise<unknown>) => inBatches(cases.n, (from, to) => fn(cases.first + from, cases.first + to))
  // Every value in the VALUES is a column (Citus pushes the statement down to each shard only then:
  // a rejected case's updated_at is its rejection, two hours after the report).
  await step('case_events', Math.round(c.cases * 3.8), () => overCases((from, to) => db.execute(sql`
    INSERT INTO case_events (case_id, district_id, action, from_state, to_state, actor_id, actor_kind, note, at)
    SELECT k.id, k.district_id, e.action, e.from_state, e.to_state, e.actor, 'person', e.note, e.at
    FROM cases k CROSS JOIN LATERAL (VALUES
      ('report', NULL, 'reported', k.reporter_id, NULL, k.created_at, true),
      ('reject', 'reported', 'rejected', ${worker}, '不属于受理范围', k.updated_at, k.state = 'rejected'),
      ('accept', 'reported', 'accepted', ${worker}, NULL, k.accepted_at, k.accepted_at IS NOT NULL),
      ('handle', 'in_progress', 'handled', ${worker}, '已处理完毕', k.handled_at, k.handled_at IS NOT NULL),
      ('close', 'verified', 'closed', ${worker}, NULL, k.closed_at, k.closed_at IS NOT NULL)
    ) AS e(action, from_state, to_state, actor, note, at, happened)
    WHERE k.id BETWEEN ${from} AND ${to} AND e.happened`)))

  // Two service items at the city; orders placed from residents' homes.
  const item = await one<{ id: string }>(db, sql`INSERT INTO service_items (org_id) VALUES (${w.city.id}) RETURNING id::text`)
  const version = await one<{ id: string }>(db, sql`INSERT INTO service_item_versions (item_id, version, list, name, icon, provider_kinds, audience, auto_accept, grab, points, review_hours, claim_hours, finish_hours)
    VALUES (${item.id}, 1, 'volunteer', '上门理发', 'service', ARRAY['member','volunteer'], 'everyone', false, true, 20, 24, 24, 72) RETURNING id::text`)
  await db.execute(sql`UPDATE service_items SET current_version_id = ${version.id} WHERE id = ${item.id}`)
  w.items = { id: item.id, versionId: version.id }
  const recentOrders = Math.max(1, Math.round(c.orders * 0.01))
  const member = (x: ReturnType<typeof sql>) => sql`(${w.people.first}::bigint + (${hash(x)} % ${lit(c.members)})::bigint * ${c.residents} / ${c.members})`
  let orders: Range = { first: 0, n: 0 }
  await step('orders', c.orders, async () => {
    orders = await rangeOf(db, 'orders', () => inBatches(c.orders, (from, to) => db.execute(sql`
      WITH s AS (SELECT o, ${hash(sql`o * 11`)} AS h, ${resident(sql`o * 13 + 5`)} AS r, ${ago(sql`o`, c.orders)} AS at FROM generate_series(${from}::bigint, ${to}::bigint) o),
      t AS (SELECT s.*, CASE WHEN s.o >= ${c.orders - recentOrders} THEN (ARRAY['placed','open','open','assigned','in_progress'])[1 + s.h % 5]
                             ELSE (ARRAY['confirmed','confirmed','confirmed','completed','cancelled'])[1 + s.h % 5] END AS state FROM s)
      INSERT INTO orders (item_id, item_version_id, org_id, community_id, state, requester_id, channel, location, address, assignee_kind, assignee_person_id,
                          reviewed_at, assigned_at, completed_at, confirmed_at, confirmed_how, rating, due_at, created_at, updated_at)
      SELECT ${item.id}, ${version.id}, b.id, ${h.communityOf(sql`t.r`)}, t.state, ${w.people.first}::bigint + t.r, (ARRAY['app','app','proxy','elder_button'])[1 + t.h % 4],
        b.geometry, '基准路' || t.o || '号',
        CASE WHEN t.state NOT IN ('placed','open','cancelled') THEN 'person' END, CASE WHEN t.state NOT IN ('placed','open','cancelled') THEN ${member(sql`t.o`)} END,
        CASE WHEN t.state <> 'placed' THEN t.at + interval '1 hour' END, CASE WHEN t.state NOT IN ('placed','open','cancelled') THEN t.at + interval '3 hours' END,
        CASE WHEN t.state IN ('completed','confirmed') THEN t.at + interval '1 day' END, CASE WHEN t.state = 'confirmed' THEN t.at + interval '2 days' END,
        CASE WHEN t.state = 'confirmed' THEN 'requester' END, CASE WHEN t.state = 'confirmed' THEN 3 + t.h % 3 END,
        t.at + interval '24 hours', t.at, t.at
      FROM t JOIN orgs b ON b.id = ${w.building.first}::bigint + t.r::bigint * ${w.building.n} / ${c.residents}`)))
  })

  // Notifications: the grid worker told of each case, the reporter of its closing, the requester of each order.
  await step('notifications', Math.round(c.cases * 1.6 + c.orders), async () => {
    await overCases((from, to) => db.execute(sql`INSERT INTO notifications (person_id, kind, title, body, link, read_at, created_at)
      SELECT p.person_id, 'case.update', p.title, k.description, jsonb_build_object('caseId', k.id::text), CASE WHEN p.at < now() - interval '7 days' THEN p.at + interval '1 hour' END, p.at
      FROM cases k CROSS JOIN LATERAL (VALUES (${worker}, '新事件待受理', k.created_at), (k.reporter_id, '您反映的问题已办结', k.closed_at)) AS p(person_id, title, at)
      WHERE k.id BETWEEN ${from} AND ${to} AND p.person_id IS NOT NULL AND p.at IS NOT NULL`))
    await inBatches(orders.n, (from, to) => db.execute(sql`INSERT INTO notifications (person_id, kind, title, link, read_at, created_at)
      SELECT requester_id, 'order.update', '您的服务订单有新进展', jsonb_build_object('orderId', id::text), CASE WHEN created_at < now() - interval '7 days' THEN created_at + interval '1 hour' END, created_at
      FROM orders WHERE id BETWEEN ${orders.first + from} AND ${orders.first + to}`))
  })

  // Points: an issuer account per street, an account per member; each award is two postings,
  // loaded with triggers off (session_replication_role) and balances set from the postings after.
  await step('points_accounts + points_transactions + points_postings', c.pointsTransactions * 3, () => db.transaction(async (tx) => {
    const issuers = await rangeOf(tx, 'points_accounts', () => tx.execute(sql`INSERT INTO points_accounts (owner_kind, org_id) SELECT 'org', ${w.street.first}::bigint + s FROM generate_series(0, ${c.streets - 1}) s ORDER BY s`))
    const accounts = await rangeOf(tx, 'points_accounts', () => tx.execute(sql`INSERT INTO points_accounts (owner_kind, person_id, org_id)
      SELECT 'person', ${w.people.first}::bigint + m * ${c.residents}::bigint / ${c.members}, ${h.communityOf(sql`m * ${lit(c.residents)}::bigint / ${lit(c.members)}`)}
      FROM generate_series(0, ${c.members - 1}) m ORDER BY m`))
    const streetOf = (community: ReturnType<typeof sql>) => sql`(${w.street.first}::bigint + (${community} - ${w.community.first}::bigint) * ${c.streets} / ${c.communities})`
    const txs = await rangeOf(tx, 'points_transactions', () => inBatches(c.pointsTransactions, (from, to) => tx.execute(sql`
      INSERT INTO points_transactions (kind, rule_code, quantity, idempotency_key, memo, org_id, org_path, created_at)
      SELECT 'award', 'order_completed', 1, 'city-bench-' || t, '服务订单完成', s.id, s.path, ${ago(sql`t`, c.pointsTransactions)}
      FROM generate_series(${from}::bigint, ${to}::bigint) t JOIN orgs s ON s.id = ${streetOf(h.communityOf(sql`(t % ${lit(c.members)}) * ${lit(c.residents)}::bigint / ${lit(c.members)}`))}
      ORDER BY t`)))
    await tx.execute(sql`SET LOCAL session_replication_role = replica`)
    await inBatches(txs.n, (from, to) => tx.execute(sql`INSERT INTO points_postings (transaction_id, account_id, amount, created_at)
      SELECT x.id, a.account, a.amount, x.created_at FROM points_transactions x
      CROSS JOIN LATERAL (VALUES (${accounts.first}::bigint + (x.id - ${txs.first}::bigint) % ${c.members}, 10::bigint), (${issuers.first}::bigint + (x.org_id - ${w.street.first}::bigint), -10::bigint)) AS a(account, amount)
      WHERE x.id BETWEEN ${txs.first + from} AND ${txs.first + to}`))
    await tx.execute(sql`UPDATE points_accounts a SET balance = s.total FROM (SELECT account_id, sum(amount) AS total FROM points_postings GROUP BY account_id) s WHERE s.account_id = a.id`)
    await tx.execute(sql`SET LOCAL session_replication_role = origin`)
  }))

  await step('audit_log', c.audit, () => inBatches(c.audit, (from, to) => db.execute(sql`INSERT INTO audit_log (at, actor_person_id, action, entity, entity_id, org_path, after, diff)
    SELECT ${ago(sql`a`, c.audit)}, ${w.gridWorkers.first}::bigint + k.org_id - ${w.grid.first}::bigint, (ARRAY['case.accept','case.handle','case.close'])[1 + a % 3], 'case', k.id::text, k.org_path,
      jsonb_build_object('state', k.state), jsonb_build_object('state', jsonb_build_object('from', 'reported', 'to', k.state))
    FROM generate_series(${from}::bigint, ${to}::bigint) a JOIN cases k ON k.id = ${cases.first}::bigint + a * ${cases.n} / ${c.audit}`)))

  // A month of facts per community and computed indicator, for five years, and the watermarks
  // saying the facts are up to date (what the sweep would have left).
  const indicators = createIndicatorRegistry()
  for (const m of modules) if ('indicators' in m && m.indicators) indicators.register(m.indicators)
  const defs = indicators.all().filter((d) => !d.manual)
  const months = lastMonths(12 * h.years)
  await step('statistic_facts', c.communities * defs.length * months.length, () => db.execute(sql`INSERT INTO statistic_facts (community_id, period, code, numerator, denominator)
    SELECT k.id, m.period, d.code, (k.id * 7 + d.n + m.n) % 40, CASE WHEN d.ratio THEN 40 + (k.id % 10) END
    FROM orgs k
    CROSS JOIN unnest(string_to_array(${months.join(',')}, ',')) WITH ORDINALITY AS m(period, n)
    CROSS JOIN unnest(string_to_array(${defs.map((d) => d.code).join(',')}, ','), string_to_array(${defs.map((d) => String(d.kind === 'ratio')).join(',')}, ',')::boolean[]) WITH ORDINALITY AS d(code, ratio, n)
    WHERE k.id BETWEEN ${w.community.first} AND ${w.community.first + w.community.n - 1}`))
  await db.execute(sql`INSERT INTO statistic_watermarks (source, read_to) SELECT s, now() FROM unnest(string_to_array(${[...indicators.sources().map((s) => s.source), `month:${months[0]}`].join(',')}, ',')) s
    ON CONFLICT DO NOTHING`)
}
