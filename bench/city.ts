// Figure 13: a city on one PostgreSQL (issue 19 §1). The city of city.world.ts at LINLI_CITY_SCALE
// (default 1: 6.5 million residents, 5 million cases), then every list, map and figure endpoint
// the console and the phone pages call, through the real app with app.inject as the person who
// calls it (city admin, street admin, community cadre, grid worker, member, anonymous): p50 and
// p99 against 200 ms (the city's statistics table 2 s); for each that misses, the top lines of
// EXPLAIN (ANALYZE, BUFFERS) of its slowest statement. Then the minute sweep, run once as the
// scheduler runs it (the first, catching up on what the load left overdue, and a second).
//
// With LINLI_BENCH_KEEP=1 the loaded city is also copied, before anything reads or sweeps it, to
// `<database>_loaded` (the world's ids kept in its table bench_city_world); a later run with
// LINLI_BENCH_CITY_FROM=<that name> measures a fresh copy of it (migrations added since applied)
// instead of loading again, the first sweep still catching up on the load.
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { sql } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import { buildApp, schedulerJobs } from '../src/server/app.ts'
import { loadConfig } from '../src/server/kernel/config.ts'
import { TEST_PII_KEYS } from '../test/support/template.ts'
import { openPostgres, rows, type Database } from '../src/server/kernel/db/client.ts'
import { prepareDatabase } from '../src/server/kernel/start.ts'
import { withDatabase } from './postgres-cluster.ts'
import { sweepOnce } from '../src/server/kernel/scheduler.ts'
import { partitionsJob } from '../src/server/kernel/db/partitions.ts'
import { hashPassword } from '../src/server/kernel/auth/passwords.ts'
import { buildCityWorld, countsAt, lastMonths, type CityWorld } from './city.world.ts'
import { ms, secs, summarize, verdict, type Row, type SectionResult } from './stats.ts'

export const CITY_ENDPOINT_P99_MS = 200
export const CITY_TABLE_P99_MS = 2000
export const SWEEP_TARGET_MS = 5000
const REPORTERS = 8
const SECTION = '13 city · PostgreSQL'
const PASSWORD = 'Bench#City2026'

export interface CityOptions { scale: number; reads: number; warmup: number }

/** LINLI_CITY_SCALE (default 1), LINLI_CITY_READS (default 50 timed requests per endpoint). */
export function cityOptionsFromEnv(env = process.env): CityOptions {
  const scale = Number(env.LINLI_CITY_SCALE ?? '1')
  if (!(scale > 0 && scale <= 1)) throw new Error(`LINLI_CITY_SCALE must be in (0, 1], got ${env.LINLI_CITY_SCALE}`)
  const reads = Number(env.LINLI_CITY_READS ?? '50')
  return { scale, reads: Number.isInteger(reads) && reads > 0 ? reads : 50, warmup: 5 }
}

// Every statement the app sends, with its time, so the slowest of a missed endpoint can be explained.
interface Sent { text: string; values: unknown[]; ms: number }
let recording: Sent[] | null = null
const originalQuery = pg.Client.prototype.query
function recordStatements(on: boolean): void {
  if (!on) {
    pg.Client.prototype.query = originalQuery
    recording = null
    return
  }
  recording = []
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    const [q, v] = args
    const text: string = typeof q === 'string' ? q : q?.text
    const values: unknown[] = (typeof q === 'string' ? undefined : q?.values) ?? (Array.isArray(v) ? v : [])
    const t0 = performance.now()
    const log = recording
    const note = () => { if (log && typeof text === 'string') log.push({ text, values, ms: performance.now() - t0 }) }
    // pg-pool calls client.query(text, values, callback); drizzle on a client awaits the promise.
    const last = args.length - 1
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => void
      args[last] = (...a: unknown[]) => { note(); callback(...a) }
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (originalQuery as any).apply(this, args)
    if (typeof args[last] !== 'function' && out && typeof out.then === 'function') out.then(note, () => undefined)
    return out
  } as typeof pg.Client.prototype.query
}

interface Endpoint { name: string; who: string; url: string; target: number }
const figureOf = (e: Endpoint) => `GET ${e.url.split('?')[0]!.replace('/api/v1', '')} — ${e.name} (${e.who})`

/** The city a kept run loaded into this database (a copy of its `_loaded` snapshot), or null for an empty one. */
async function loadedCity(db: Database['db']): Promise<{ world: CityWorld; loadMs: number; from: string } | null> {
  const [t] = await rows<{ there: boolean }>(db, sql`SELECT to_regclass('bench_city_world') IS NOT NULL AS there`)
  if (!t?.there) return null
  const [r] = await rows<{ world: CityWorld; load_ms: number; db: string }>(db, sql`SELECT world, load_ms, db FROM bench_city_world`)
  return r ? { world: r.world, loadMs: r.load_ms, from: r.db } : null
}

/** Copies the just-loaded city to `<database>_loaded` (no connection may be open on it meanwhile); returns the copy's name. */
async function snapshotCity(database: Database, databaseUrl: string, world: CityWorld, loadMs: number): Promise<string> {
  const name = new URL(databaseUrl).pathname.slice(1)
  await database.db.execute(sql`CREATE TABLE bench_city_world AS SELECT ${JSON.stringify(world)}::jsonb AS world, ${loadMs}::float8 AS load_ms, ${name}::text AS db`)
  await database.close()
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(`${name}_loaded`)} TEMPLATE ${pg.escapeIdentifier(name)}`)
  } finally {
    await admin.end()
  }
  return `${name}_loaded`
}

export async function measureCity(databaseUrl: string, opts: CityOptions): Promise<SectionResult> {
  // One fixed keyring (the tests'), not the checkout's data/pii.key: a city kept with LINLI_BENCH_KEEP
  // then opens from any checkout (its stored HMAC fingerprint is checked at start).
  const config = loadConfig({ LOG_LEVEL: 'silent', SCHEDULER: '0', LINLI_PII_KEYS: process.env.LINLI_PII_KEYS ?? TEST_PII_KEYS })
  let database: Database = await openPostgres(databaseUrl, config.DATABASE_POOL_MAX)
  let app: FastifyInstance | undefined
  try {
    const { migration } = await prepareDatabase(database, { ...config, LINLI_DEMO: false, LINLI_ADMIN_PASSWORD: PASSWORD })
    const counts = countsAt(opts.scale)
    const loaded = await loadedCity(database.db)
    if (loaded && loaded.world.counts.scale !== opts.scale) throw new Error(`LINLI_BENCH_CITY_FROM holds a city at scale ${loaded.world.counts.scale}, not LINLI_CITY_SCALE=${opts.scale}`)
    let world: CityWorld, loadMs: number, kept = ''
    if (loaded) {
      ({ world, loadMs } = loaded)
    } else {
      const t0 = performance.now()
      world = await buildCityWorld(database.db, counts)
      loadMs = performance.now() - t0
      if (process.env.LINLI_BENCH_KEEP === '1') {
        kept = await snapshotCity(database, databaseUrl, world, loadMs)
        database = await openPostgres(databaseUrl, config.DATABASE_POOL_MAX)
      }
    }
    const db = database.db
    const size = (await rows<{ size: string }>(db, sql`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`))[0]!.size

    app = await buildApp({ config, database, migration, logger: false })
    const actors = await signIn(app, db, world)
    const month = lastMonths(2)[1]!
    const street = String(world.street.first), community = String(world.community.first)
    const [lng, lat] = await centreOfFirstCommunity(database, world)
    const bbox = `${(lng - 0.05).toFixed(4)},${(lat - 0.05).toFixed(4)},${(lng + 0.05).toFixed(4)},${(lat + 0.05).toFixed(4)}`
    const T = CITY_ENDPOINT_P99_MS
    const endpoints: Endpoint[] = [
      { name: 'cases list (scope, first page)', who: 'admin', url: '/api/v1/cases?box=scope', target: T },
      { name: 'cases list (street scope, open states)', who: 'street', url: '/api/v1/cases?box=scope&state=reported,accepted,assigned,in_progress', target: T },
      { name: 'cases inbox (todo)', who: 'grid', url: '/api/v1/cases?box=todo', target: T },
      { name: 'cases mine (reported by me)', who: 'member', url: '/api/v1/cases?box=reported', target: T },
      { name: 'cases map (bbox)', who: 'admin', url: `/api/v1/cases/map?bbox=${bbox}`, target: T },
      { name: 'cases stats (city)', who: 'admin', url: `/api/v1/cases/stats?orgId=${world.city.id}`, target: T },
      { name: 'cases todo-counts', who: 'grid', url: '/api/v1/cases/todo-counts', target: T },
      { name: 'orders list (manage)', who: 'street', url: '/api/v1/orders?view=manage', target: T },
      { name: 'orders grab hall (open near me)', who: 'member', url: `/api/v1/orders/open-near-me?lng=${lng}&lat=${lat}`, target: T },
      { name: 'venues list', who: 'anonymous', url: '/api/v1/venues', target: T },
      { name: 'venues nearest', who: 'anonymous', url: `/api/v1/venues/nearest?lng=${lng}&lat=${lat}`, target: T },
      { name: 'venues public map (GeoJSON)', who: 'anonymous', url: '/api/v1/public/venues.geojson', target: T },
      { name: 'members list', who: 'admin', url: '/api/v1/members', target: T },
      { name: 'units list', who: 'admin', url: '/api/v1/units', target: T },
      { name: 'residents list (community)', who: 'cadre', url: '/api/v1/residents', target: T },
      { name: 'residents list (city)', who: 'admin', url: '/api/v1/residents', target: T },
      { name: 'notifications list', who: 'grid', url: '/api/v1/notifications', target: T },
      { name: 'points balance (me)', who: 'member', url: '/api/v1/points/accounts/me', target: T },
      { name: 'points ledger (my postings)', who: 'member', url: `/api/v1/points/accounts/${actors.memberAccount}/postings`, target: T },
      { name: 'statistics table of the city', who: 'admin', url: `/api/v1/statistics?orgId=${world.city.id}&period=${month}`, target: CITY_TABLE_P99_MS },
      { name: 'statistics table of a street', who: 'admin', url: `/api/v1/statistics?orgId=${street}&period=${month}`, target: T },
      { name: 'hotspots (city)', who: 'admin', url: `/api/v1/hotspots?orgId=${world.city.id}`, target: T },
      { name: 'hotspots (community)', who: 'cadre', url: `/api/v1/hotspots?orgId=${community}`, target: T },
      { name: 'audit list', who: 'admin', url: '/api/v1/audit', target: T },
    ]
    const out: Row[] = []
    const notes: string[] = []
    // LINLI_CITY_ENDPOINTS=hotspots,cases: only the endpoints whose name contains one of these words
    // (quick iterations on a few); LINLI_CITY_SWEEP=0 skips the minute sweep.
    const only = (process.env.LINLI_CITY_ENDPOINTS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    for (const e of endpoints.filter((x) => only.length === 0 || only.some((w) => x.name.includes(w)))) {
      const headers = actors.cookies[e.who] ? { cookie: actors.cookies[e.who]!, 'x-linli-csrf': '1' } : {}
      const get = () => app!.inject({ method: 'GET', url: e.url, headers })
      const first = await get()
      if (first.statusCode !== 200) {
        out.push({ section: SECTION, figure: figureOf(e), measured: `answered ${first.statusCode}: ${first.body.slice(0, 120)}`, baseline: '', ratio: '', target: `p99 ≤ ${e.target} ms`, verdict: 'FAIL' })
        continue
      }
      const samples: number[] = []
      for (let i = 0; i < opts.warmup + opts.reads; i++) {
        const s = performance.now()
        const res = await get()
        if (res.statusCode !== 200) throw new Error(`${e.url} answered ${res.statusCode} on read ${i}`)
        if (i >= opts.warmup) samples.push(performance.now() - s)
      }
      const r = summarize(samples)
      const ok = r.p99 <= e.target
      out.push({ section: SECTION, figure: figureOf(e), measured: `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`, baseline: `${first.body.length.toLocaleString('en-US')} B`, ratio: '', target: `p99 ≤ ${e.target} ms`, verdict: verdict(ok) })
      if (!ok) notes.push(`City: ${e.name} missed (p99 ${ms(r.p99)}); ${await explainSlowest(databaseUrl, get)}`)
    }

    // Case reporting: REPORTERS at once for LINLI_CITY_REPORT_S seconds (default 10; 0 skips), as the
    // member, each report at a point of the first grid of a district in turn (spread over them).
    const reportS = Number(process.env.LINLI_CITY_REPORT_S ?? '10')
    if (reportS > 0 && only.length === 0) {
      const spots = await rows<{ lng: number; lat: number }>(db, sql`SELECT DISTINCT ON (subpath(path, 0, 2)) ST_X(ST_PointOnSurface(geometry)) AS lng, ST_Y(ST_PointOnSurface(geometry)) AS lat
        FROM orgs WHERE kind = 'grid' AND geometry IS NOT NULL ORDER BY subpath(path, 0, 2), id`)
      const [category] = await rows<{ code: string }>(db, sql`SELECT code FROM case_categories WHERE public AND parent_code IS NOT NULL ORDER BY code LIMIT 1`)
      const headers = { cookie: actors.cookies.member!, 'x-linli-csrf': '1' }
      const times: number[] = []
      const failures = new Map<string, number>()
      let k = 0
      const end = performance.now() + reportS * 1000
      const started = performance.now()
      await Promise.all(Array.from({ length: REPORTERS }, async () => {
        while (performance.now() < end) {
          const spot = spots[k++ % spots.length]!
          const s = performance.now()
          const res = await app!.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: { categoryCode: category!.code, description: `压测上报 #${k}`, location: { lng: spot.lng, lat: spot.lat } } })
          if (res.statusCode === 201) times.push(performance.now() - s)
          else failures.set(`${res.statusCode} ${res.body.slice(0, 80)}`, (failures.get(`${res.statusCode} ${res.body.slice(0, 80)}`) ?? 0) + 1)
        }
      }))
      const elapsed = (performance.now() - started) / 1000
      const r = summarize(times)
      out.push({ section: SECTION, figure: `case reporting (POST /cases, ${REPORTERS} at once, over ${spots.length} districts) (member)`, measured: `${(times.length / elapsed).toFixed(1)}/s, p99 ${ms(r.p99)}`, baseline: `${times.length} reports`, ratio: '', target: 'no error', verdict: verdict(failures.size === 0 && times.length > 0) })
      if (failures.size) notes.push(`City: case reports refused: ${[...failures].map(([k2, n]) => `${n}× ${k2}`).join('; ')}.`)
    }

    // The minute sweep, as the scheduler runs it: every module's jobs under its lock.
    const took: Record<string, number> = {}
    const jobs = [...schedulerJobs(app.services), partitionsJob(config)].map((j) => ({
      name: j.name,
      run: async (tx: Parameters<typeof j.run>[0], now: Date) => {
        const s = performance.now()
        try { return await j.run(tx, now) } finally { took[j.name] = performance.now() - s }
      },
    }))
    for (const label of process.env.LINLI_CITY_SWEEP === '0' ? [] : ['first after the load (catches up on what the load left due)', 'the next minute']) {
      const s = performance.now()
      const report = await sweepOnce(database, jobs, new Date())
      const whole = performance.now() - s
      // Every job of 50 ms or more (at least the slowest four), so the rest of the time is accounted for.
      const slowest = Object.entries(took).sort((a, b) => b[1] - a[1]).filter(([, v], i) => i < 4 || v >= 50).map(([k, v]) => `${k} ${ms(v)}`).join(', ')
      out.push({ section: SECTION, figure: `minute sweep, ${label}`, measured: secs(whole), baseline: `${jobs.length} jobs`, ratio: '', target: `< ${SWEEP_TARGET_MS / 1000} s`, verdict: verdict(whole < SWEEP_TARGET_MS && report !== null) })
      notes.push(`City: minute sweep, ${label}: ${secs(whole)}; slowest jobs ${slowest}.`)
      const failed = Object.entries(report ?? {}).filter(([, v]) => v && typeof v === 'object' && 'failed' in (v as object))
      if (failed.length) notes.push(`City: sweep jobs failed: ${failed.map(([k, v]) => `${k}: ${(v as { failed: string }).failed}`).join('; ')}.`)
    }

    const c = counts
    notes.unshift(
      `City (figure 13) at LINLI_CITY_SCALE=${c.scale}: ${c.districts} districts, ${c.streets} streets, ${c.communities.toLocaleString('en-US')} communities, ${c.grids.toLocaleString('en-US')} grids, ${c.buildings.toLocaleString('en-US')} buildings, ` +
        `${c.residents.toLocaleString('en-US')} residents, ${c.members.toLocaleString('en-US')} members, ${c.units.toLocaleString('en-US')} units, ${c.venues.toLocaleString('en-US')} venues, ${c.cases.toLocaleString('en-US')} cases over five years, ` +
        `${c.orders.toLocaleString('en-US')} orders, ${c.pointsTransactions.toLocaleString('en-US')} points awards (two postings each), ${c.audit.toLocaleString('en-US')} audit rows; loaded in ${secs(loadMs)} (database ${size}). ` +
        `Per table: ${world.steps.map((s) => `${s.table} ${s.rows ? `${s.rows.toLocaleString('en-US')} rows ` : ''}${secs(s.ms)}`).join('; ')}.` +
        (loaded ? ` Not loaded by this run: a copy of ${loaded.from}_loaded (LINLI_BENCH_CITY_FROM), loaded earlier in the time above, migrations since applied by prepareDatabase.` : '') +
        (kept ? ` The loaded city was copied to ${kept} (LINLI_BENCH_KEEP=1): LINLI_BENCH_CITY_FROM=${kept} measures a copy of it without loading.` : ''),
      `City: each endpoint ${opts.reads} times after ${opts.warmup} warm-up through app.inject as the person named (the Baseline column is the size of its answer). ` +
        'Full scale (LINLI_CITY_SCALE=1) was not run on the shared 2-core machine; the load is set-based and linear in the counts, so it should take about 1/scale times the load above (see docs/performance.md).',
    )
    out.unshift({ section: SECTION, figure: `${loaded ? 'load (earlier, copied)' : 'load'} of the city at scale ${c.scale} (${(c.residents + c.cases).toLocaleString('en-US')} residents + cases, indexes and ANALYZE included)`, measured: secs(loadMs), baseline: size, ratio: '', target: '— (context)', verdict: 'info' })
    return { rows: out, notes }
  } finally {
    recordStatements(false)
    await app?.close()
    await database.close()
  }
}

async function centreOfFirstCommunity(database: Database, w: CityWorld): Promise<[number, number]> {
  const [p] = await rows<{ lng: number; lat: number }>(database.db, sql`SELECT ST_X(ST_Centroid(geometry)) AS lng, ST_Y(ST_Centroid(geometry)) AS lat FROM orgs WHERE id = ${w.community.first}`)
  return [Number(p!.lng.toFixed(5)), Number(p!.lat.toFixed(5))]
}

/** Accounts for the people who call the pages, and their session cookies. */
async function signIn(app: FastifyInstance, db: Database['db'], w: CityWorld): Promise<{ cookies: Record<string, string | undefined>; memberAccount: string }> {
  const hash = await hashPassword(PASSWORD)
  const q = (text: ReturnType<typeof sql>) => rows<{ id: string }>(db, text)
  // The member with the most postings: the first member account.
  const [member] = await q(sql`SELECT a.person_id::text AS id FROM points_accounts a WHERE a.owner_kind = 'person' ORDER BY a.id LIMIT 1`)
  const people: Record<string, string> = { street: String(w.streetAdmins.first), cadre: String(w.cadres.first), grid: String(w.gridWorkers.first), member: member!.id }
  for (const [who, personId] of Object.entries(people)) {
    await db.execute(sql`INSERT INTO accounts (person_id, username, password_hash) VALUES (${personId}, ${`city_${who}`}, ${hash})`)
  }
  const cookies: Record<string, string | undefined> = {}
  for (const [i, [who, username]] of [['admin', 'admin'], ...Object.keys(people).map((k) => [k, `city_${k}`])].entries()) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'x-linli-csrf': '1' }, remoteAddress: `127.0.1.${i + 1}`, payload: { username, password: PASSWORD } })
    if (res.statusCode !== 200) throw new Error(`login as ${username} answered ${res.statusCode}: ${res.body}`)
    const session = res.cookies.find((c) => c.name === 'linli_session')
    if (!session) throw new Error(`login as ${username} set no linli_session cookie`)
    cookies[who!] = `linli_session=${session.value}`
  }
  const me = await app.inject({ method: 'GET', url: '/api/v1/points/accounts/me', headers: { cookie: cookies.member! } })
  const memberAccount = (me.json() as { id?: string; account?: { id: string } }).id ?? (me.json() as { account?: { id: string } }).account?.id
  if (me.statusCode !== 200 || !memberAccount) throw new Error(`the member's balance answered ${me.statusCode}: ${me.body.slice(0, 200)}`)
  return { cookies, memberAccount }
}

/** Runs the request once recording statements; EXPLAIN (ANALYZE, BUFFERS) of the slowest read, its top lines. */
async function explainSlowest(databaseUrl: string, request: () => Promise<unknown>): Promise<string> {
  recordStatements(true)
  const log = recording!
  try {
    await request()
  } finally {
    recordStatements(false)
  }
  const reads = log.filter((s) => /^\s*(select|with)\b/i.test(s.text)).sort((a, b) => b.ms - a.ms)
  const slowest = reads[0]
  if (!slowest) return 'no SELECT recorded.'
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.text}`, slowest.values)
    const top = plan.rows.map((r) => r['QUERY PLAN']).slice(0, 8).join(' ⏎ ')
    return `slowest statement ${ms(slowest.ms)} of ${log.length}: \`${slowest.text.replace(/\s+/g, ' ').slice(0, 160)}…\`; plan: \`${top}\``
  } catch (err) {
    return `the plan of its slowest statement could not be taken: ${(err as Error).message}`
  } finally {
    await client.end()
  }
}
