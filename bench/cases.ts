// Figure 5: cases at district scale on PostgreSQL. One million generated cases across the demo
// district's grids; (a) the first inbox page through the repository's own listCases() with a
// street or community scope and two filters, with the plan; (b) reporting through the real
// POST /api/v1/cases (grid lookup, routing, timeline, notifications) under 50 connections,
// against a bare Fastify route doing only the INSERT of the same row on the same pool.
import Fastify, { type FastifyInstance } from 'fastify'
import { sql, type SQL } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/kernel/config.ts'
import { openPostgres, rows, type Database, type Executor } from '../src/server/kernel/db/client.ts'
import { prepareDatabase } from '../src/server/kernel/start.ts'
import { listCases, type ListSelection } from '../src/server/modules/cases/cases.repository.ts'
import { TOTAL_CAP } from '../src/server/kernel/pagination.ts'
import { caseReadableBy } from '../src/server/modules/cases/cases.access.ts'
import { anonymousActor, type Actor } from '../src/server/kernel/context.ts'
import type { CaseState } from '../src/server/modules/cases/cases.schemas.ts'
import { DEMO_PASSWORD } from '../src/server/demo/seed.ts'
import { baseOf, checkClean, CONNECTIONS, hammer, latencyRow } from './list-throughput.ts'
import { ms, perSec, ratio, seededRandom, summarize, verdict, type SectionResult } from './stats.ts'

export const CASE_COUNT = 1_000_000
export const INBOX_P99_TARGET_MS = 50
const OPEN_STATES: CaseState[] = ['reported', 'accepted', 'assigned', 'in_progress']

export interface CasesOptions {
  inboxRuns: number
  warmup: number
  durationSec: number
  warmupSec: number
  seed: number
}

/**
 * One million cases over three years, newest ids last: older ones mostly closed, the last
 * 30,000 spread over the open states, 2.5 % rejected, one in eight open ones overdue; 90 % held
 * by the grid, 8 % by the community, 2 % by the street. Set-based, in batches of 250,000.
 */
async function generateCases(db: Executor): Promise<number> {
  const t0 = performance.now()
  for (let from = 1; from <= CASE_COUNT; from += 250_000) {
    const to = Math.min(CASE_COUNT, from + 249_999)
    await db.execute(sql`
      WITH g AS (
        SELECT id, linli_district_of(id) AS district_id, path, ST_PointOnSurface(geometry) AS point, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total
        FROM orgs WHERE kind = 'grid' AND deleted_at IS NULL),
      cat AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total FROM case_categories WHERE parent_code IS NOT NULL),
      s AS (
        SELECT i, (i::bigint * 2654435761) % 4294967296 AS h, now() - make_interval(mins => ((${CASE_COUNT} - i) * 1.6)::int) AS at FROM generate_series(${from}::int, ${to}::int) i)
      INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, state, level, handling_org_id, handling_org_path,
                         channel, anonymous, accept_due_at, handle_due_at, overdue_at, accepted_at, closed_at, closed_level, created_at, updated_at)
      SELECT g.district_id, g.id, g.path, cat.code, '批量生成的事件 #' || s.i, g.point, x.state, x.level,
             CASE x.level WHEN 'grid' THEN g.id ELSE ltree2text(subpath(g.path, x.depth - 1, 1))::bigint END,
             CASE x.level WHEN 'grid' THEN g.path ELSE subpath(g.path, 0, x.depth) END,
             'h5', true, s.at + interval '24 hours', s.at + interval '3 days',
             CASE WHEN x.state IN ('reported','accepted','assigned','in_progress') AND s.h % 8 = 0 THEN s.at + interval '3 days' END,
             CASE WHEN x.state NOT IN ('reported','rejected') THEN s.at + interval '2 hours' END,
             CASE WHEN x.state = 'closed' THEN s.at + interval '2 days' END,
             CASE WHEN x.state = 'closed' THEN x.level END,
             s.at, s.at
      FROM s
      JOIN g ON g.n = s.h % g.total
      JOIN cat ON cat.n = (s.h / 7) % cat.total
      CROSS JOIN LATERAL (SELECT
        CASE WHEN s.h % 40 = 1 THEN 'rejected'
             WHEN s.i > ${CASE_COUNT - 30_000} THEN (ARRAY['reported','accepted','assigned','in_progress','handled','verified','closed'])[1 + (s.h / 11) % 7]
             WHEN s.h % 200 = 3 THEN (ARRAY['accepted','assigned','in_progress'])[1 + (s.h / 13) % 3]
             ELSE 'closed' END AS state,
        CASE WHEN (s.h / 17) % 50 = 0 THEN 'street' WHEN (s.h / 17) % 50 < 5 THEN 'community' ELSE 'grid' END AS level,
        CASE WHEN (s.h / 17) % 50 = 0 THEN 3 WHEN (s.h / 17) % 50 < 5 THEN 4 ELSE 5 END AS depth) x`)
  }
  await db.execute(sql`ANALYZE cases`)
  return performance.now() - t0
}

/** The repository call as the service makes it, with the statement it ran captured for EXPLAIN. */
function capturing(db: Executor): { ex: Executor; last: () => SQL } {
  let captured: SQL | undefined
  const ex = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'execute') return (query: SQL) => { captured = query; return target.execute(query) }
      return Reflect.get(target, prop, receiver)
    },
  })
  return { ex, last: () => captured! }
}

export interface CasesMeasurement extends SectionResult {
  /** EXPLAIN (ANALYZE, BUFFERS) of one inbox page, for docs/performance.md. */
  plan: string
  planQuery: string
}

export async function measureCases(databaseUrl: string, opts: CasesOptions): Promise<CasesMeasurement> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SCHEDULER: '0' })
  const database: Database = await openPostgres(databaseUrl, config.DATABASE_POOL_MAX)
  let app: FastifyInstance | undefined
  let bare: FastifyInstance | undefined
  try {
    const { migration } = await prepareDatabase(database, { LINLI_DEMO: true, LINLI_ADMIN_PASSWORD: undefined })
    const db = database.db
    const generateMs = await generateCases(db)
    const section = '5 cases · PostgreSQL'

    // (a) The inbox: a street admin's or a community cadre's scope, open states, and a category or overdue.
    const scopes = await rows<{ path: string; kind: string }>(db, sql`SELECT path::text, kind FROM orgs WHERE kind IN ('street', 'community') AND deleted_at IS NULL ORDER BY id`)
    const tops = (await rows<{ code: string }>(db, sql`SELECT code FROM case_categories WHERE parent_code IS NULL ORDER BY sort`)).map((c) => c.code)
    const random = seededRandom(opts.seed)
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    // As the service builds it for a signed-in street admin or cadre: their scope, and the case read rule.
    const staffOn = (scope: { path: string; kind: string }) => {
      const actor: Actor = { ...anonymousActor, kind: 'person', personId: '1', roles: [{ role: scope.kind === 'street' ? 'street_admin' : scope.kind === 'district' ? 'district_admin' : 'community_cadre', orgId: '0', orgPath: scope.path }] }
      return { box: 'scope' as const, scopes: scope.path, personId: actor.personId, readable: caseReadableBy(actor) }
    }
    const selectionAt = (): ListSelection & { limit: number } => {
      const scope = random() < 0.5 ? pick(scopes.filter((s) => s.kind === 'street')) : pick(scopes)
      const states = OPEN_STATES.filter(() => random() < 0.6)
      const byCategory = random() < 0.5
      return {
        ...staffOn(scope), state: states.length ? states : ['reported'],
        ...(byCategory ? { categoryCode: pick(tops) } : { overdue: true }), limit: 20,
      } as ListSelection & { limit: number }
    }
    const samples: number[] = []
    let items = 0
    for (let i = 0; i < opts.warmup + opts.inboxRuns; i++) {
      const s = selectionAt()
      const t0 = performance.now()
      const page = await listCases(db, s)
      const elapsed = performance.now() - t0
      if (i >= opts.warmup) {
        samples.push(elapsed)
        items += Math.min(page.length, 20)
      }
    }
    const inbox = summarize(samples)

    // (a2) The widest first page: the whole district, no filter, so every case matches and the
    // list's count (issue 13: 共 N 条) stops at its cap; against the second page of the same list,
    // which counts nothing. The ratio is what counting costs.
    const [district] = await rows<{ path: string }>(db, sql`SELECT path::text FROM orgs WHERE kind = 'district' AND deleted_at IS NULL ORDER BY id LIMIT 1`)
    const wide = { ...staffOn({ path: district!.path, kind: 'district' }), limit: 20 } as ListSelection & { limit: number }
    const firstPage = await listCases(db, wide)
    const after = firstPage[19]!.id
    const counted: number[] = []
    const uncounted: number[] = []
    for (let i = 0; i < opts.warmup + opts.inboxRuns / 5; i++) {
      const t0 = performance.now()
      await listCases(db, wide)
      const t1 = performance.now()
      await listCases(db, { ...wide, afterId: after })
      const t2 = performance.now()
      if (i >= opts.warmup) {
        counted.push(t1 - t0)
        uncounted.push(t2 - t1)
      }
    }
    const widest = summarize(counted)
    const widestNext = summarize(uncounted)
    // The plan of a typical page: the demo street, the four open states, one top category.
    const probe = capturing(db)
    const street = scopes.find((s) => s.kind === 'street')!
    await listCases(probe.ex, { ...staffOn(street), state: OPEN_STATES, categoryCode: 'environment', limit: 20 } as ListSelection & { limit: number })
    const planRows = await rows<{ 'QUERY PLAN': string }>(db, sql`EXPLAIN (ANALYZE, BUFFERS) ${probe.last()}`)
    const plan = planRows.map((r) => r['QUERY PLAN']).join('\n')
    const planQuery = `listCases(db, { box: 'scope', scopes: '${street.path}', state: ${JSON.stringify(OPEN_STATES)}, categoryCode: 'environment', limit: 20 })`

    // (b) Reporting through the real route as the grid worker, against a bare INSERT of the same row.
    app = await buildApp({ config, database, migration, logger: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const appBase = baseOf(app)
    const login = await fetch(`${appBase}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-linli-csrf': '1' },
      body: JSON.stringify({ username: 'grid', password: DEMO_PASSWORD }),
    })
    if (login.status !== 200) throw new Error(`login as grid failed: ${login.status} ${await login.text()}`)
    const session = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('linli_session='))
    if (!session) throw new Error('login set no linli_session cookie')
    const headers = { cookie: session, 'x-linli-csrf': '1' }
    const [grid] = await rows<{ id: string; path: string; lng: number; lat: number }>(db, sql`
      SELECT o.id::text, o.path::text, ST_X(ST_PointOnSurface(o.geometry)) AS lng, ST_Y(ST_PointOnSurface(o.geometry)) AS lat
      FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id JOIN orgs o ON o.id = r.org_id WHERE a.username = 'grid'`)
    const report = { categoryCode: 'environment.garbage', description: '垃圾桶满了没人清运，气味很大。', location: { lng: grid!.lng, lat: grid!.lat }, address: '基准测试' }
    const body = JSON.stringify(report)
    const first = await fetch(`${appBase}/api/v1/cases`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })
    if (first.status !== 201) throw new Error(`POST /cases answered ${first.status}: ${await first.text()}`)

    bare = Fastify({ logger: false })
    bare.post('/api/v1/cases', async (req, reply) => {
      const b = req.body as typeof report
      const [row] = await rows<{ id: string }>(db, sql`
        INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, address, handling_org_id, handling_org_path, anonymous, channel, accept_due_at)
        VALUES (linli_district_of(${grid!.id}), ${grid!.id}, ${grid!.path}::ltree, ${b.categoryCode}, ${b.description}, ST_SetSRID(ST_MakePoint(${b.location.lng}, ${b.location.lat}), 4326),
                ${b.address}, ${grid!.id}, ${grid!.path}::ltree, false, 'console', now() + interval '12 hours')
        RETURNING id::text`)
      return reply.code(201).send({ id: row!.id })
    })
    await bare.listen({ port: 0, host: '127.0.0.1' })
    const bareUrl = `${baseOf(bare)}/api/v1/cases`

    const appUrl = `${appBase}/api/v1/cases`
    await hammer(appUrl, headers, opts.warmupSec, { body })
    const viaApp = await hammer(appUrl, headers, opts.durationSec, { body })
    checkClean('app', viaApp)
    await hammer(bareUrl, {}, opts.warmupSec, { body })
    const viaBare = await hammer(bareUrl, {}, opts.durationSec, { body })
    checkClean('bare', viaBare)

    return {
      plan,
      planQuery,
      rows: [
        {
          section,
          figure: `inbox first page (listCases, limit 20): scope + states + category or overdue, ${(CASE_COUNT / 1e6).toFixed(0)}M cases`,
          measured: `p50 ${ms(inbox.p50)}, p99 ${ms(inbox.p99)}`,
          baseline: '—',
          ratio: '',
          target: `p99 ≤ ${INBOX_P99_TARGET_MS} ms`,
          verdict: verdict(inbox.p99 <= INBOX_P99_TARGET_MS),
        },
        {
          section,
          figure: `inbox first page of a whole district, no filter, counted (共 N 条, capped at ${TOTAL_CAP.toLocaleString('en-US')})`,
          measured: `p50 ${ms(widest.p50)}, p99 ${ms(widest.p99)}`,
          baseline: `page 2 (no count): p50 ${ms(widestNext.p50)}, p99 ${ms(widestNext.p99)}`,
          ratio: ratio(widest.p99, widestNext.p99),
          target: `p99 ≤ ${INBOX_P99_TARGET_MS} ms`,
          verdict: verdict(widest.p99 <= INBOX_P99_TARGET_MS),
        },
        {
          section,
          figure: `POST /cases as grid worker (locate, route, timeline, notify), ${CONNECTIONS} connections`,
          measured: perSec(viaApp.reqPerSec),
          baseline: `bare INSERT route: ${perSec(viaBare.reqPerSec)}`,
          ratio: ratio(viaApp.reqPerSec, viaBare.reqPerSec),
          target: '— (context)',
          verdict: 'info',
        },
        latencyRow(section, viaApp, viaBare),
      ],
      notes: [
        `Cases: demo city seeded into a fresh PostgreSQL database, then ${CASE_COUNT.toLocaleString('en-US')} cases generated over its grids in ${(generateMs / 1000).toFixed(1)} s (set-based, then ANALYZE). ` +
          `Inbox: ${opts.inboxRuns} seeded random pages after ${opts.warmup} warm-up, each through listCases() as the service calls it: a street or community scope, 1–4 open states, and a top category or overdue=true ` +
          `(${(items / opts.inboxRuns).toFixed(1)} rows a page on average).`,
        `Reporting: ${opts.durationSec} s per run after ${opts.warmupSec} s warm-up, app first then bare, autocannon in a worker thread ` +
          `(${viaApp.total.toLocaleString('en-US')} and ${viaBare.total.toLocaleString('en-US')} requests, all 2xx). The app resolves the session, validates, finds the grid, ` +
          `inserts the case and its report event, and notifies the grid staff and org followers in one transaction; the bare route runs only the INSERT of the same row on the same pool of ${config.DATABASE_POOL_MAX}.`,
      ],
    }
  } finally {
    await Promise.allSettled([app?.close(), bare?.close()])
    await database.close()
  }
}
