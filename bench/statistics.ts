// Figure 12: the statistics table of a city on PostgreSQL (issue 18). A city of 10 districts × 10
// streets × 15 communities (1,500 communities) with a month of facts for every indicator of the
// dictionary. (a) The city's table (a row per district) and one street's (a row per community)
// through the service, against reading the same pre-aggregated fact rows raw. (b) The
// incremental refresh after 10,000 cases reported in 100 communities: from the first sweep to no
// community-month waiting.
import { sql } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import { openPostgres, rows, type Database, type Executor } from '../src/server/kernel/db/client.ts'
import { migrate } from '../src/server/kernel/db/migrate.ts'
import { createIndicatorRegistry, monthAt, monthOf } from '../src/server/kernel/indicators.ts'
import { modules } from '../src/server/app.ts'
import { createStatisticsService } from '../src/server/modules/statistics/statistics.service.ts'
import { ctxOf, person } from './orders.world.ts'
import { ms, ratio, secs, summarize, verdict, type SectionResult } from './stats.ts'

export const CITY_P99_TARGET_MS = 2000
export const STREET_P99_TARGET_MS = 200
export const REFRESH_TARGET_MS = 10_000
const DISTRICTS = 10, STREETS = 10, COMMUNITIES = 15, CHANGED = 10_000, CHANGED_COMMUNITIES = 100

export interface StatisticsOptions { reads: number; warmup: number }

const one = async <T,>(db: Executor, q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!

export async function measureStatistics(databaseUrl: string, opts: StatisticsOptions): Promise<SectionResult> {
  const section = '12 statistics · PostgreSQL'
  const database: Database = await openPostgres(databaseUrl, 4)
  try {
    await migrate(database)
    const db = database.db
    const rowsOut: SectionResult['rows'] = []
    const notes: string[] = []
    const indicators = createIndicatorRegistry()
    for (const m of modules) if ('indicators' in m && m.indicators) indicators.register(m.indicators)
    const service = createStatisticsService({ db, indicators })
    const now = new Date()
    const month = monthAt(now)
    const last = monthAt(new Date(Date.parse(monthOf(month).from) - 86_400_000))

    const t0 = performance.now()
    const city = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name) VALUES ('city', '基准市') RETURNING id::text, path::text`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'district', '区' || d, ${city.id} FROM generate_series(1, ${DISTRICTS}) d`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'street', d.name || '街道' || s, d.id FROM orgs d, generate_series(1, ${STREETS}) s WHERE d.kind = 'district' ORDER BY d.id, s`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry) SELECT 'community', s.name || '社区' || c, s.id,
        ST_Multi(ST_MakeEnvelope(120 + (s.id % 50) * 0.02 + c * 0.001, 30 + (s.id / 50) * 0.02, 120 + (s.id % 50) * 0.02 + c * 0.001 + 0.0009, 30 + (s.id / 50) * 0.02 + 0.0009, 4326))
      FROM orgs s, generate_series(1, ${COMMUNITIES}) c WHERE s.kind = 'street' ORDER BY s.id, c`)
    const defs = indicators.all().filter((i) => !i.manual)
    // A month of facts for every community and indicator (what the sweep would have left).
    await db.execute(sql`INSERT INTO statistic_facts (community_id, period, code, numerator, denominator)
      SELECT c.id, ${last}, d.code, (c.id * 7 + d.n) % 40, CASE WHEN d.ratio THEN 40 + (c.id % 10) END
      FROM orgs c CROSS JOIN (SELECT code, n, ratio FROM unnest(string_to_array(${defs.map((d) => d.code).join(',')}, ','), string_to_array(${defs.map((d) => String(d.kind === 'ratio')).join(',')}, ',')::boolean[]) WITH ORDINALITY AS u(code, ratio, n)) d
      WHERE c.kind = 'community'`)
    await db.execute(sql`ANALYZE`)
    const counts = await one<{ communities: number; facts: number }>(db, sql`SELECT (SELECT count(*)::int FROM orgs WHERE kind = 'community') AS communities, (SELECT count(*)::int FROM statistic_facts) AS facts`)
    notes.push(`Statistics: a city of ${DISTRICTS} districts × ${STREETS} streets × ${COMMUNITIES} communities (${counts.communities.toLocaleString('en-US')}), ${counts.facts.toLocaleString('en-US')} facts of ${defs.length} computed indicators for ${last}, built in ${secs(performance.now() - t0)}.`)

    const admin = await one<{ id: string }>(db, sql`INSERT INTO people (name) VALUES ('市统计员') RETURNING id::text`)
    const ctx = ctxOf(person(admin.id, [{ role: 'admin', orgId: city.id, orgPath: city.path }]))
    const street = await one<{ id: string; path: string }>(db, sql`SELECT id::text, path::text FROM orgs WHERE kind = 'street' ORDER BY id LIMIT 1`)
    const timeIt = async (fn: () => Promise<unknown>) => {
      const samples: number[] = []
      for (let i = 0; i < opts.reads + opts.warmup; i++) {
        const s = performance.now()
        await fn()
        if (i >= opts.warmup) samples.push(performance.now() - s)
      }
      return summarize(samples)
    }
    const raw = (path: string) => () => db.execute(sql`SELECT f.community_id, f.code, f.numerator, f.denominator FROM statistic_facts f JOIN orgs c ON c.id = f.community_id
      WHERE c.path <@ ${path}::ltree AND f.period = ${last}`)
    const check = await service.table(ctx, { orgId: city.id, period: last, ledger: 'livelihood' })
    if (check.rows.length !== DISTRICTS) throw new Error(`the city's table has ${check.rows.length} rows`)
    for (const [name, node, target, rowsOf] of [['city', city, CITY_P99_TARGET_MS, 'district'], ['street', street, STREET_P99_TARGET_MS, 'community']] as const) {
      const bare = await timeIt(raw(node.path))
      const table = await timeIt(() => service.table(ctx, { orgId: node.id, period: last, ledger: 'livelihood' }))
      rowsOut.push({
        section, figure: `the ${name}'s table (a row per ${rowsOf}), p99`, measured: ms(table.p99), baseline: `${ms(bare.p99)} raw fact rows`,
        ratio: ratio(table.p99, bare.p99), target: `≤ ${target} ms`, verdict: verdict(table.p99 <= target),
      })
      notes.push(`Statistics: the ${name}'s table p50 ${ms(table.p50)} (raw rows p50 ${ms(bare.p50)}); ${opts.reads} reads after ${opts.warmup} warm-up.`)
    }

    // (b) 10,000 cases reported this month in 100 communities, then the sweep until nothing waits.
    await db.execute(sql`INSERT INTO statistic_watermarks (source, read_to) SELECT s, now() FROM unnest(string_to_array(${[...indicators.sources().map((s) => s.source), `month:${month}`].join(',')}, ',')) s`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry) SELECT 'grid', c.name || '网格', c.id, c.geometry FROM orgs c WHERE c.kind = 'community' ORDER BY c.id LIMIT ${CHANGED_COMMUNITIES}`)
    const reporter = admin.id
    await db.execute(sql`WITH g AS (SELECT id, linli_district_of(id) AS district_id, path, row_number() OVER (ORDER BY id) - 1 AS n, ST_PointOnSurface(geometry) AS at FROM orgs WHERE kind = 'grid'),
        cat AS (SELECT code FROM case_categories WHERE parent_code IS NOT NULL ORDER BY code LIMIT 1),
        x AS (INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, handling_org_id, handling_org_path, channel, reporter_id)
          SELECT g.district_id, g.id, g.path, cat.code, '基准事件' || i, g.at, g.id, g.path, 'h5', ${reporter}
          FROM generate_series(0, ${CHANGED - 1}) i JOIN g ON g.n = i % ${CHANGED_COMMUNITIES} CROSS JOIN cat RETURNING id, district_id)
      INSERT INTO case_events (case_id, district_id, action, to_state) SELECT id, district_id, 'report', 'reported' FROM x`)
    const r0 = performance.now()
    let sweeps = 0
    let recomputed = 0
    for (;;) {
      const r = await db.transaction((tx) => service.refresh(tx as unknown as Executor, new Date()))
      sweeps++
      recomputed += r.recomputed
      const waiting = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM statistic_dirty`)
      if (waiting.n === 0 || sweeps > 50) break
    }
    const refreshMs = performance.now() - r0
    const street0 = await one<{ n: number }>(db, sql`SELECT coalesce(sum(numerator), 0)::int AS n FROM statistic_facts WHERE period = ${month} AND code = 'cases.reported'`)
    rowsOut.push({
      section, figure: `refresh after ${CHANGED.toLocaleString('en-US')} cases in ${CHANGED_COMMUNITIES} communities`, measured: ms(refreshMs), baseline: `${sweeps} sweeps, ${recomputed} community-months`,
      ratio: '', target: `≤ ${REFRESH_TARGET_MS / 1000} s`, verdict: verdict(refreshMs <= REFRESH_TARGET_MS && street0.n === CHANGED),
    })
    notes.push(`Statistics: after the refresh the facts count ${street0.n.toLocaleString('en-US')} cases reported this month (of ${CHANGED.toLocaleString('en-US')} written); each sweep recomputes every indicator of a month for the dirty communities at once.`)
    return { rows: rowsOut, notes }
  } finally {
    await database.close()
  }
}
