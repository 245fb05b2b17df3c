// Figure 7: venues on PostgreSQL (issue 14). (a) "Nearest to me" among 10,000 venues through the
// repository the API uses, against the raw KNN query in the same run. (b) The 15-minute circle of
// a district of 200,000 buildings and 10,000 venues for one service type and tier, against the
// bare spatial join. (c) Where to add 5 stations in a street of 5,000 buildings (≤ 2,000 candidate
// sites), exactly by HiGHS, with the optimality gap, against the greedy answer. (d) 100 concurrent
// requests for one slot through the booking service (exactly one holds it), and booking throughput
// of 100 clients against plain INSERTs by the same 100 clients.
import { sql } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import { openPostgres, rows, type Database, type Executor } from '../src/server/kernel/db/client.ts'
import { migrate } from '../src/server/kernel/db/migrate.ts'
import type { Actor, RequestContext } from '../src/server/kernel/context.ts'
import { loadConfig } from '../src/server/kernel/config.ts'
import { nearestVenues } from '../src/server/modules/venues/venues.repository.ts'
import { buildingsWithCover } from '../src/server/modules/venues/venues.coverage.repository.ts'
import { createCoverageService } from '../src/server/modules/venues/venues.coverage.ts'
import { createBookingService } from '../src/server/modules/venues/venues.bookings.ts'
import { coverSets, greedy } from '../src/server/modules/venues/venues.circle.ts'
import { ms, perSec, ratio, seededRandom, secs, summarize, verdict, type SectionResult } from './stats.ts'

export const VENUES = 10_000
export const BUILDINGS = 200_000
export const NEAREST_P99_TARGET_MS = 10
export const COVERAGE_TARGET_MS = 30_000
export const SUGGEST_TARGET_MS = 10_000
const CLIENTS = 100
const WEST = 115.5, SOUTH = 28.5, SPAN = 0.4
const STREETS = 40, COMMUNITIES = 5, GRIDS = 10, PER_GRID = 100

export interface VenuesOptions { nearest: number; warmup: number; durationSec: number; seed: number }

const one = async <T,>(db: Executor, q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!
const ctxOf = (actor: Actor): RequestContext => ({ actor, ip: null, userAgent: 'linli-bench', requestId: null })
const person = (personId: string, roles: Actor['roles']): Actor => ({
  kind: 'person', personId, personName: null, accountId: null, sessionId: null, tokenId: null, roles, mustChangePassword: false, totpSetupRequired: false, sessionExpired: false,
})

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now()
  const value = await fn()
  return [value, performance.now() - t0]
}

export async function measureVenues(databaseUrl: string, opts: VenuesOptions): Promise<SectionResult> {
  const section = '7 venues · PostgreSQL'
  const database: Database = await openPostgres(databaseUrl, CLIENTS + 2)
  try {
    await migrate(database)
    const db = database.db
    const config = loadConfig({ LOG_LEVEL: 'silent' })
    const rowsOut: SectionResult['rows'] = []
    const notes: string[] = []

    // The district: 40 streets in 8 × 5 tiles, 5 communities, 10 grids and 100 buildings (points) each.
    const city = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name) VALUES ('city', '基准市') RETURNING id::text, path::text`)
    const district = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('district', '基准区', ${city.id}) RETURNING id::text, path::text`)
    const tileW = SPAN / 8, tileH = SPAN / 5
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry)
      SELECT 'street', '街道' || s, ${district.id}, ST_MakeEnvelope(${WEST}::float8 + (s % 8) * ${tileW}::float8, ${SOUTH}::float8 + (s / 8) * ${tileH}::float8, ${WEST}::float8 + (s % 8 + 1) * ${tileW}::float8, ${SOUTH}::float8 + (s / 8 + 1) * ${tileH}::float8, 4326)
      FROM generate_series(0, ${STREETS - 1}) s ORDER BY s`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'community', s.name || '社区' || c, s.id FROM orgs s, generate_series(1, ${COMMUNITIES}) c WHERE s.kind = 'street' ORDER BY s.id, c`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'grid', c.name || '网格' || g, c.id FROM orgs c, generate_series(1, ${GRIDS}) g WHERE c.kind = 'community' ORDER BY c.id, g`)
    const [, buildMs] = await timed(() => db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry)
      SELECT 'building', g.name || '楼' || b, g.id,
        ST_SetSRID(ST_MakePoint(ST_XMin(s.geometry) + ${tileW}::float8 * ((hashint4(g.id::int * 1000 + b) & 65535) / 65536.0),
                                ST_YMin(s.geometry) + ${tileH}::float8 * (((hashint4(g.id::int * 1000 + b) >> 16) & 65535) / 65536.0)), 4326)
      FROM orgs g JOIN orgs c ON c.id = g.parent_id JOIN orgs s ON s.id = c.parent_id, generate_series(1, ${PER_GRID}) b
      WHERE g.kind = 'grid' ORDER BY g.id, b`))
    const street = await one<{ id: string; path: string }>(db, sql`SELECT id::text, path::text FROM orgs WHERE kind = 'street' ORDER BY id LIMIT 1`)
    // 10,000 venues over the district; a quarter offer elderly care.
    await db.execute(sql`INSERT INTO venues (kind, station_kind, name, org_id, address, entrance, hours, services)
      SELECT 'station', 'red', '驿站' || i, ${district.id}, '基准路', ST_SetSRID(ST_MakePoint(${WEST}::float8 + ${SPAN}::float8 * ((hashint4(i) & 65535) / 65536.0),
        ${SOUTH}::float8 + ${SPAN}::float8 * (((hashint4(i) >> 16) & 65535) / 65536.0)), 4326), '{"weekly":[],"exceptions":[],"closedOnHolidays":false}'::jsonb,
        CASE WHEN i % 4 = 0 THEN ARRAY['elderly'] ELSE ARRAY['culture_sport'] END
      FROM generate_series(1, ${VENUES}) i`)
    await db.execute(sql`ANALYZE orgs`)
    await db.execute(sql`ANALYZE venues`)
    notes.push(`Venues: ${BUILDINGS.toLocaleString('en-US')} buildings generated in ${secs(buildMs)} (40 streets × 5 communities × 10 grids × 100), ${VENUES.toLocaleString('en-US')} venues over a 0.4° × 0.4° district.`)

    // (a) Nearest 10 to random points: the repository (venue rows with rooms, distance) against the bare KNN.
    const random = seededRandom(opts.seed)
    const points = Array.from({ length: opts.nearest + opts.warmup }, () => ({ lng: WEST + SPAN * random(), lat: SOUTH + SPAN * random() }))
    const lat = async (fn: (p: { lng: number; lat: number }) => Promise<unknown>) => {
      const samples: number[] = []
      for (const [i, p] of points.entries()) {
        const t0 = performance.now()
        await fn(p)
        if (i >= opts.warmup) samples.push(performance.now() - t0)
      }
      return summarize(samples)
    }
    const raw = await lat((p) => db.execute(sql`SELECT id FROM venues WHERE deleted_at IS NULL ORDER BY entrance::geography <-> ST_SetSRID(ST_MakePoint(${p.lng}, ${p.lat}), 4326)::geography LIMIT 10`))
    const api = await lat((p) => nearestVenues(db, p, {}, 10))
    rowsOut.push({ section, figure: `nearest 10 of ${VENUES.toLocaleString('en-US')} venues, p50`, measured: ms(api.p50), baseline: `${ms(raw.p50)} raw KNN`, ratio: ratio(api.p50, raw.p50), target: '', verdict: 'info' })
    rowsOut.push({ section, figure: `nearest 10 of ${VENUES.toLocaleString('en-US')} venues, p99`, measured: ms(api.p99), baseline: `${ms(raw.p99)} raw KNN`, ratio: ratio(api.p99, raw.p99), target: `≤ ${NEAREST_P99_TARGET_MS} ms`, verdict: verdict(api.p99 <= NEAREST_P99_TARGET_MS) })

    // (b) The district's 15-minute circle for elderly care, against the bare spatial join.
    const radius = Math.round(1000 / config.WALK_DETOUR_FACTOR)
    const [covered, coverMs] = await timed(() => buildingsWithCover(db, district.path, radius, { serviceType: 'elderly' }))
    const [bare, bareMs] = await timed(() => one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM orgs b WHERE b.kind = 'building' AND EXISTS (SELECT 1 FROM venues v
      WHERE v.deleted_at IS NULL AND v.services @> ARRAY['elderly'] AND ST_DWithin(v.entrance::geography, b.geometry::geography, ${radius}))`))
    const coveredCount = covered.filter((b) => b.covered).length
    if (coveredCount !== bare.n) throw new Error(`coverage disagrees with the bare join: ${coveredCount} vs ${bare.n}`)
    rowsOut.push({ section, figure: `15-min circle of ${BUILDINGS.toLocaleString('en-US')} buildings (elderly care)`, measured: secs(coverMs), baseline: `${secs(bareMs)} bare join`, ratio: ratio(coverMs, bareMs), target: `≤ ${COVERAGE_TARGET_MS / 1000} s`, verdict: verdict(coverMs <= COVERAGE_TARGET_MS && covered.length === BUILDINGS) })
    notes.push(`Venues: ${coveredCount.toLocaleString('en-US')} of ${covered.length.toLocaleString('en-US')} buildings reach elderly care within 1,000 m on foot (${radius} m straight).`)

    // (c) Five new stations for the first street at the 5-minute tier (its blind spots are the demand).
    const coverage = createCoverageService({ db, config })
    const admin = await one<{ id: string }>(db, sql`INSERT INTO people (name) VALUES ('基准管理员') RETURNING id::text`)
    const ctx = ctxOf(person(admin.id, [{ role: 'admin', orgId: city.id, orgPath: city.path }]))
    const [s, suggestMs] = await timed(() => coverage.suggest(ctx, { orgId: street.id, serviceType: 'elderly', tier: 5, k: 5, candidates: 'buildings', timeLimit: 8 }))
    const demand = (await buildingsWithCover(db, street.path, Math.round(300 / config.WALK_DETOUR_FACTOR), { serviceType: 'elderly' })).filter((b) => !b.covered)
    const [, greedyMs] = await timed(async () => {
      const cands = demand.filter((_, i) => i % Math.max(1, Math.ceil(demand.length / 2000)) === 0)
      return greedy(demand.map((b) => Math.max(1, b.residents)), coverSets(demand, cands, Math.round(300 / config.WALK_DETOUR_FACTOR)), 5)
    })
    rowsOut.push({ section, figure: `5 sites for a street (${s.demand.buildings.toLocaleString('en-US')} demand, ${s.candidates.count.toLocaleString('en-US')} candidates)`, measured: secs(suggestMs), baseline: `${secs(greedyMs)} greedy alone`, ratio: ratio(suggestMs, greedyMs), target: `≤ ${SUGGEST_TARGET_MS / 1000} s`, verdict: verdict(suggestMs <= SUGGEST_TARGET_MS) })
    notes.push(`Venues: HiGHS ${s.method.status} in ${s.method.seconds} s, objective ${s.objective} (bound ${s.bound}), optimality gap ${(s.gap * 100).toFixed(2)}%; greedy reached ${s.greedy.objective} (${(s.greedy.ratio * 100).toFixed(1)}% of it).`)

    // (d) One room, 100 people, the same slot at once; then distinct slots for a while, against plain INSERTs.
    const venue = await one<{ id: string }>(db, sql`SELECT id::text FROM venues ORDER BY id LIMIT 1`)
    await db.execute(sql`UPDATE venues SET hours = ${JSON.stringify({ weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })), exceptions: [], closedOnHolidays: false })}::jsonb WHERE id = ${venue.id}`)
    const room = await one<{ id: string }>(db, sql`INSERT INTO venue_rooms (venue_id, name, capacity, max_advance_days, min_minutes, max_minutes, lead_minutes)
      VALUES (${venue.id}, '基准活动室', 50, 366, 15, 60, 0) RETURNING id::text`)
    const people = await rows<{ id: string }>(db, sql`INSERT INTO people (name) SELECT '预约人' || i FROM generate_series(1, ${CLIENTS}) i RETURNING id::text`)
    const bookings = createBookingService({ db, notifications: { notify: async () => {} } })
    const slotAt = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 20 * 60_000)
    const book = (c: number, n: number) => bookings.create(ctxOf(person(people[c]!.id, [])), room.id, { start: slotAt(n).toISOString(), end: new Date(slotAt(n).getTime() + 15 * 60_000).toISOString(), purpose: '基准预约' })
    const [burst, burstMs] = await timed(() => Promise.allSettled(people.map((_, c) => book(c, 0))))
    const won = burst.filter((r) => r.status === 'fulfilled').length
    const conflicts = burst.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'BOOKING_CONFLICT').length
    const held = (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM room_bookings WHERE room_id = ${room.id}`)).n
    rowsOut.push({ section, figure: `${CLIENTS} concurrent requests for one slot`, measured: `${won} booked, ${conflicts} × 409`, baseline: `${ms(burstMs)} for all`, ratio: '', target: 'exactly 1 holds it', verdict: verdict(won === 1 && held === 1 && conflicts === CLIENTS - 1) })
    await db.execute(sql`CREATE TABLE bench_plain (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, room_id bigint NOT NULL, starts_at timestamptz NOT NULL, purpose text NOT NULL)`)
    let next = 1
    const run = async (work: (c: number) => Promise<unknown>) => {
      const until = performance.now() + opts.durationSec * 1000
      let done = 0
      await Promise.all(people.map(async (_, c) => { while (performance.now() < until) { await work(c); done++ } }))
      return done / opts.durationSec
    }
    const plain = await run(() => db.execute(sql`INSERT INTO bench_plain (room_id, starts_at, purpose) VALUES (${room.id}, now(), '基准预约')`))
    const booked = await run((c) => book(c, next++))
    rowsOut.push({ section, figure: `bookings by ${CLIENTS} clients (distinct slots, one room)`, measured: perSec(booked), baseline: `${perSec(plain)} plain INSERT`, ratio: ratio(booked, plain), target: '', verdict: 'info' })
    notes.push('Venues: a booking holds an advisory lock per booker and room (quota), expires stale holds, checks the clash, and inserts under the exclusion constraint, with its audit row and notification, in one transaction; all 100 clients book the same room, so they queue on its constraint.')
    return { rows: rowsOut, notes }
  } finally {
    await database.close()
  }
}
