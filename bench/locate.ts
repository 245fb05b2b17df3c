// Figure 1: GET /api/v1/geo/locate over a generated city of 15,000 grid polygons, against the
// bare containment query through the same driver, at the same seeded random points.
import { performance } from 'node:perf_hooks'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/kernel/config.ts'
import { firstRow, openPostgres, pgliteExtensions, wrapPglite, type Database } from '../src/server/kernel/db/client.ts'
import { migrate } from '../src/server/kernel/db/migrate.ts'
import { ms, ratio, seededRandom, summarize, verdict, type Row, type SectionResult, type Summary } from './stats.ts'

export const COLS = 150
export const ROWS = 100
export const GRID_COUNT = COLS * ROWS
// A lattice over central Beijing: tiles of 0.001° (about 85 m × 111 m), 15 km × 11 km in all.
const ORIGIN_LNG = 116.3
const ORIGIN_LAT = 39.85
const TILE = 0.001

export const RAW_LOCATE_SQL =
  `SELECT id, name, path FROM orgs WHERE kind='grid' AND deleted_at IS NULL ` +
  `AND ST_Contains(geometry, ST_SetSRID(ST_MakePoint($1,$2),4326)) LIMIT 1`
// The statement the app runs per request (orgs.repository.ts gridAt), verbatim; the grid's
// ancestors come from the orgs service's 30-second cache (one query per community, not per locate).
// On PostgreSQL the app runs it as a named prepared statement, and so does this series.
const RAW_APP_SQL =
  `SELECT g.id::text, g.name, g.path::text FROM orgs g WHERE g.kind = 'grid' AND g.deleted_at IS NULL ` +
  `AND ST_Contains(g.geometry, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)) ORDER BY g.id LIMIT 1`

type RawQuery = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>

export interface LocateTarget {
  label: 'PostgreSQL' | 'PGlite'
  database: Database
  /** The same driver the app uses, without Drizzle, Fastify or zod in between. */
  raw: RawQuery
  /** The same, as a named prepared statement where the driver has them (PostgreSQL). */
  rawPrepared: (name: string, text: string, params: unknown[]) => Promise<Record<string, unknown>[]>
  close(): Promise<void>
}

export async function postgresTarget(url: string): Promise<LocateTarget> {
  const database = await openPostgres(url, 10)
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  return {
    label: 'PostgreSQL',
    database,
    raw: async (text, params) => (await pool.query(text, params)).rows as Record<string, unknown>[],
    rawPrepared: async (name, text, params) => (await pool.query({ name, text, values: params })).rows as Record<string, unknown>[],
    async close() {
      await Promise.allSettled([database.close(), pool.end()])
    },
  }
}

export async function pgliteTarget(): Promise<LocateTarget> {
  // Created here rather than through openPglite() so the raw baseline can reach the client;
  // the options (extensions, int8/numeric as strings) are the ones openPglite() uses.
  const client = await PGlite.create({ extensions: pgliteExtensions, parsers: { 20: (v: string) => v, 1700: (v: string) => v } })
  const database = wrapPglite(client)
  return {
    label: 'PGlite',
    database,
    raw: async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
    rawPrepared: async (_name, text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
    close: () => database.close(),
  }
}

export class BudgetExceeded extends Error {}

interface Point {
  lng: number
  lat: number
  expected: string
}

const gridName = (r: number, c: number) => `网格 ${r}-${c}`

export function randomPoints(count: number, seed: number): Point[] {
  const rand = seededRandom(seed)
  return Array.from({ length: count }, () => {
    const r = Math.floor(rand() * ROWS)
    const c = Math.floor(rand() * COLS)
    // Keep clear of tile edges, so every point has exactly one right answer to check against.
    const u = 0.1 + 0.8 * rand()
    const v = 0.1 + 0.8 * rand()
    return { lng: ORIGIN_LNG + (c + u) * TILE, lat: ORIGIN_LAT + (r + v) * TILE, expected: gridName(r, c) }
  })
}

/** city → district → street → community, then every grid of the lattice in one INSERT…SELECT. */
export async function seedCity(database: Database): Promise<void> {
  const db = database.db
  const x1 = ORIGIN_LNG + COLS * TILE
  const y1 = ORIGIN_LAT + ROWS * TILE
  const bbox = sql`ST_MakeEnvelope(${ORIGIN_LNG}::float8, ${ORIGIN_LAT}::float8, ${x1}::float8, ${y1}::float8, 4326)`
  let parent: string | null = null
  for (const [kind, name] of [['city', '基准市'], ['district', '基准区'], ['street', '基准街道'], ['community', '基准社区']] as const) {
    const row: { id: string } | undefined = await firstRow<{ id: string }>(
      db,
      sql`INSERT INTO orgs (parent_id, kind, name, geometry) VALUES (${parent}::bigint, ${kind}, ${name}, ${bbox}) RETURNING id::text`,
    )
    parent = row!.id
  }
  // Both edges of neighbouring tiles come from the same expression, so they are bit-identical
  // and the tiles neither overlap nor leave slivers.
  await db.execute(sql`
    INSERT INTO orgs (parent_id, kind, name, geometry)
    SELECT ${parent}::bigint, 'grid', '网格 ' || r || '-' || c,
           ST_MakeEnvelope(${ORIGIN_LNG}::float8 + c * ${TILE}::float8, ${ORIGIN_LAT}::float8 + r * ${TILE}::float8,
                           ${ORIGIN_LNG}::float8 + (c + 1) * ${TILE}::float8, ${ORIGIN_LAT}::float8 + (r + 1) * ${TILE}::float8, 4326)
    FROM generate_series(0, ${ROWS - 1}::int) AS r, generate_series(0, ${COLS - 1}::int) AS c
    ORDER BY r, c`)
  // Autovacuum would analyze the new rows within a minute in production; without statistics
  // the planner may skip the GiST index on a table it believes is empty.
  await db.execute(sql`ANALYZE orgs`)
  const count = await firstRow<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM orgs WHERE kind = 'grid'`)
  if (count?.n !== GRID_COUNT) throw new Error(`expected ${GRID_COUNT} grids, found ${count?.n}`)
}

export interface LocateOptions {
  requests: number
  warmup: number
  seed: number
  /** Wall-clock budget for the whole target (PGlite); exceeded → BudgetExceeded. */
  budgetMs?: number
}

export interface LocateFigures {
  label: string
  setupMs: number
  app: Summary
  raw: Summary
  rawAppQueries: Summary
}

export async function measureLocate(target: LocateTarget, opts: LocateOptions): Promise<LocateFigures> {
  const started = performance.now()
  const deadline = opts.budgetMs === undefined ? Infinity : started + opts.budgetMs
  const overBudget = (where: string) => {
    if (performance.now() > deadline) {
      throw new BudgetExceeded(`over the ${Math.round(opts.budgetMs! / 60_000)} min budget ${where} (${((performance.now() - started) / 1000).toFixed(0)} s)`)
    }
  }
  const { current: migration } = await migrate(target.database)
  await seedCity(target.database)
  const setupMs = performance.now() - started
  overBudget('while migrating and inserting the city')

  const app: FastifyInstance = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: target.database, migration, logger: false })
  try {
    await app.ready()
    const points = randomPoints(opts.warmup + opts.requests, opts.seed)
    const timesApp: number[] = []
    const timesRaw: number[] = []
    const timesRawApp: number[] = []

    const viaApp = async (p: Point, i: number) => {
      const t0 = performance.now()
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/geo/locate?lng=${p.lng.toFixed(7)}&lat=${p.lat.toFixed(7)}`,
        // locate is public and limited to 600 requests/min per client address; spreading the
        // run over 16 addresses keeps the limiter in the path without ever tripping it.
        remoteAddress: `127.0.0.${(i % 16) + 1}`,
      })
      const t = performance.now() - t0
      if (res.statusCode !== 200) throw new Error(`locate answered ${res.statusCode}: ${res.body.slice(0, 300)}`)
      const body = res.json() as { grid: { name: string }; ancestors: unknown[] }
      if (body.grid.name !== p.expected || body.ancestors.length !== 4) {
        throw new Error(`locate(${p.lng}, ${p.lat}) gave ${body.grid.name} with ${body.ancestors.length} ancestors, expected ${p.expected} with 4`)
      }
      return t
    }
    const viaRaw = async (p: Point) => {
      const t0 = performance.now()
      const found = await target.raw(RAW_LOCATE_SQL, [p.lng, p.lat])
      const t = performance.now() - t0
      if (found[0]?.name !== p.expected) throw new Error(`raw query at (${p.lng}, ${p.lat}) gave ${String(found[0]?.name)}, expected ${p.expected}`)
      return t
    }
    const viaRawAppQueries = async (p: Point) => {
      const t0 = performance.now()
      await target.rawPrepared('bench_grid_at', RAW_APP_SQL, [p.lng, p.lat])
      return performance.now() - t0
    }

    for (let i = 0; i < points.length; i++) {
      const p = points[i]!
      const measured = i >= opts.warmup
      // Interleaved, rotating which goes first, so drift on a noisy machine hits all three alike.
      const order = [0, 1, 2].map((k) => (k + i) % 3)
      for (const k of order) {
        if (k === 0) {
          const t = await viaApp(p, i)
          if (measured) timesApp.push(t)
        } else if (k === 1) {
          const t = await viaRaw(p)
          if (measured) timesRaw.push(t)
        } else {
          const t = await viaRawAppQueries(p)
          if (measured) timesRawApp.push(t)
        }
      }
      if (i % 50 === 0) overBudget(`after ${i} of ${points.length} points`)
    }
    return { label: target.label, setupMs, app: summarize(timesApp), raw: summarize(timesRaw), rawAppQueries: summarize(timesRawApp) }
  } finally {
    await app.close()
  }
}

export const P99_TARGET_MS = 5
export const OVERHEAD_TARGET = 1.5

export function locateRows(f: LocateFigures): SectionResult {
  const section = `1 locate · ${f.label}`
  const pp = (s: Summary) => `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`
  const onPostgres = f.label === 'PostgreSQL'
  const overhead = f.app.p50 / f.raw.p50
  const rows: Row[] = [
    {
      section,
      figure: 'locate latency (app.inject: grid, ancestors cached)',
      measured: pp(f.app),
      baseline: `raw 1 query: ${pp(f.raw)}`,
      ratio: `${ratio(f.app.p99, f.raw.p99)} (p99)`,
      target: onPostgres ? `p99 ≤ ${P99_TARGET_MS} ms` : '— (target is for PostgreSQL)',
      verdict: onPostgres ? verdict(f.app.p99 <= P99_TARGET_MS) : 'info',
    },
    {
      section,
      figure: 'app overhead over raw query (p50)',
      measured: ms(f.app.p50),
      baseline: `raw 1 query: ${ms(f.raw.p50)}`,
      ratio: ratio(f.app.p50, f.raw.p50),
      target: `≤ ${OVERHEAD_TARGET}×`,
      verdict: verdict(overhead <= OVERHEAD_TARGET),
    },
    {
      section,
      figure: "same vs the app's statement run raw (p50)",
      measured: ms(f.app.p50),
      baseline: `the app's statement raw${f.label === 'PostgreSQL' ? ', prepared' : ''}: ${pp(f.rawAppQueries)}`,
      ratio: ratio(f.app.p50, f.rawAppQueries.p50),
      target: '— (context)',
      verdict: 'info',
    },
  ]
  const notes = [
    `${f.label}: fresh database migrated and filled with ${GRID_COUNT.toLocaleString('en-US')} grids in ${(f.setupMs / 1000).toFixed(1)} s; ` +
      `${f.app.n} requests per series after warm-up, app, raw and the app's statement run raw, interleaved at the same seeded points.`,
  ]
  notes.push(
    `${f.label}: the app runs one statement per locate (the grid${f.label === 'PostgreSQL' ? ', as a named prepared statement' : ''}; its ancestors come from a 30-second cache per community); ` +
      `against that statement run raw the app (HTTP, hooks, validation, serialisation) costs ${ratio(f.app.p50, f.rawAppQueries.p50)} at p50.`,
  )
  return { rows, notes }
}
