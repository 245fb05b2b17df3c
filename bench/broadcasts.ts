// Figure 9: broadcasts (红喇叭) on PostgreSQL (issue 16). A notice to the 100,000 residents of a
// district (6 in 10 with the app, 3 in 10 with only a phone, 1 in 10 with neither) through the
// broadcast service: its receipts and in-app notifications written set-based in one transaction
// (live messages after the commit), against a bare INSERT … SELECT of the same rows into
// unindexed copies of the two tables in the same run. Then the receipt table's first page
// (unopened first) for that notice, with 30 % already acknowledged, read 500 times.
import { sql } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import { openPostgres, rows, type Database, type Executor } from '../src/server/kernel/db/client.ts'
import { migrate } from '../src/server/kernel/db/migrate.ts'
import { inTransaction } from '../src/server/kernel/db/transaction.ts'
import { createNotificationService } from '../src/server/modules/notifications/notifications.service.ts'
import { createBroadcastService } from '../src/server/modules/broadcasts/broadcasts.service.ts'
import { createFollowUps } from '../src/server/modules/broadcasts/broadcasts.followup.ts'
import { ctxOf, person } from './orders.world.ts'
import { ms, ratio, secs, summarize, verdict, type SectionResult } from './stats.ts'

export const FANOUT_TARGET_MS = 10_000
export const PAGE_P99_TARGET_MS = 50
const STREETS = 5, COMMUNITIES = 5, GRIDS = 10, BUILDINGS = 40

export interface BroadcastsOptions { pages: number; warmup: number; /** Residents per building: 10 makes the 100,000 (less only for a smoke run). */ perBuilding?: number }

const one = async <T,>(db: Executor, q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now()
  const value = await fn()
  return [value, performance.now() - t0]
}

export async function measureBroadcasts(databaseUrl: string, opts: BroadcastsOptions): Promise<SectionResult> {
  const section = '9 broadcasts · PostgreSQL'
  const database: Database = await openPostgres(databaseUrl, 4)
  try {
    await migrate(database)
    const db = database.db
    const rowsOut: SectionResult['rows'] = []
    const notes: string[] = []
    const PER_BUILDING = opts.perBuilding ?? 10
    const RECIPIENTS = STREETS * COMMUNITIES * GRIDS * BUILDINGS * PER_BUILDING

    // The district: 5 streets × 5 communities × 10 grids × 40 buildings × 10 residents = 100,000.
    const city = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name) VALUES ('city', '基准市') RETURNING id::text, path::text`)
    const district = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('district', '基准区', ${city.id}) RETURNING id::text, path::text`)
    const [, buildMs] = await timed(async () => {
      await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'street', '街道' || s, ${district.id} FROM generate_series(1, ${STREETS}) s`)
      await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'community', s.name || '社区' || c, s.id FROM orgs s, generate_series(1, ${COMMUNITIES}) c WHERE s.kind = 'street' ORDER BY s.id, c`)
      await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'grid', c.name || '网格' || g, c.id FROM orgs c, generate_series(1, ${GRIDS}) g WHERE c.kind = 'community' ORDER BY c.id, g`)
      await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry) SELECT 'building', g.name || '楼' || b, g.id, ST_SetSRID(ST_MakePoint(115.8, 28.6), 4326)
        FROM orgs g, generate_series(1, ${BUILDINGS}) b WHERE g.kind = 'grid' ORDER BY g.id, b`)
      await db.execute(sql`CREATE TEMP TABLE bench_homes AS SELECT row_number() OVER (ORDER BY b.id, i) AS n, b.id AS org_id
        FROM orgs b, generate_series(1, ${PER_BUILDING}) i WHERE b.kind = 'building'`)
      // Three in ten have a phone (sealed columns filled with stand-ins: the bench sends no SMS).
      const phone = sql`n % 10 BETWEEN 6 AND 8`
      await db.execute(sql`INSERT INTO people (name, phone_enc, phone_hash, phone_mask) SELECT '居民' || n, CASE WHEN ${phone} THEN 'sealed' END,
        CASE WHEN ${phone} THEN md5(n::text) || md5((n + 1)::text) END, CASE WHEN ${phone} THEN '139****' || lpad((n % 10000)::text, 4, '0') END FROM bench_homes ORDER BY n`)
      await db.execute(sql`INSERT INTO residents (person_id, org_id, household)
        SELECT p.id, h.org_id, '1-101' FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM people WHERE name LIKE '居民%') p JOIN bench_homes h ON h.n = p.n`)
      await db.execute(sql`INSERT INTO accounts (person_id, username, password_hash)
        SELECT r.person_id, 'bench' || r.person_id, 'x' FROM residents r WHERE r.person_id % 10 < 6`)
      for (const t of ['orgs', 'people', 'residents', 'accounts']) await db.execute(sql.raw(`ANALYZE ${t}`))
    })
    const total = (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM residents`)).n
    if (total !== RECIPIENTS) throw new Error(`expected ${RECIPIENTS} residents, made ${total}`)
    notes.push(`Broadcasts: a district of ${RECIPIENTS.toLocaleString('en-US')} residents in ${(STREETS * COMMUNITIES * GRIDS * BUILDINGS).toLocaleString('en-US')} buildings made in ${secs(buildMs)}; 6 in 10 have an account (in the app), 3 in 10 only a phone (SMS), 1 in 10 neither (call list).`)

    const admin = await one<{ id: string }>(db, sql`INSERT INTO people (name) VALUES ('基准干部') RETURNING id::text`)
    const ctx = ctxOf(person(admin.id, [{ role: 'admin', orgId: city.id, orgPath: city.path }]))
    const notifications = createNotificationService({ db })
    const broadcasts = createBroadcastService({ db, notifications })
    const followUps = createFollowUps({ db, notifications, pii: { decrypt: () => '' } })

    // The bare baseline: the same receipt and notification rows into unindexed copies, one INSERT … SELECT each.
    await db.execute(sql`CREATE TABLE bench_receipts (LIKE broadcast_receipts INCLUDING DEFAULTS)`)
    await db.execute(sql`CREATE TABLE bench_notifications (LIKE notifications INCLUDING DEFAULTS)`)
    const [, bareMs] = await timed(() => inTransaction(db, async (tx) => {
      await tx.execute(sql`INSERT INTO bench_receipts (id, broadcast_id, person_id, org_id, channel, delivered_at)
        SELECT row_number() OVER (), 0, r.person_id, r.org_id, 'in_app', now() FROM residents r JOIN orgs o ON o.id = r.org_id WHERE o.path <@ ${district.path}::ltree`)
      await tx.execute(sql`INSERT INTO bench_notifications (id, person_id, kind, title, body, link)
        SELECT row_number() OVER (), r.person_id, 'broadcast.new', '标题', '正文', '{}'::jsonb FROM residents r JOIN accounts a ON a.person_id = r.person_id`)
    }))

    const [notice, fanMs] = await timed(() => broadcasts.create(ctx, {
      title: '台风“海葵”防御通知', body: '今晚至明日有强降雨，请关好门窗，低洼地带居民请按网格员通知转移。', audience: { kind: 'residents', orgId: district.id },
      channels: ['in_app', 'sms'], ackRequired: true, ackOptions: ['收到'], draft: false,
    }))
    const written = await one<{ receipts: number; notifications: number; in_app: number; sms: number; call: number }>(db, sql`SELECT
      (SELECT count(*)::int FROM broadcast_receipts WHERE broadcast_id = ${notice.id}) AS receipts,
      (SELECT count(*)::int FROM notifications WHERE kind = 'broadcast.new') AS notifications,
      (SELECT count(*)::int FROM broadcast_receipts WHERE broadcast_id = ${notice.id} AND channel = 'in_app') AS in_app,
      (SELECT count(*)::int FROM broadcast_receipts WHERE broadcast_id = ${notice.id} AND channel = 'sms') AS sms,
      (SELECT count(*)::int FROM broadcast_receipts WHERE broadcast_id = ${notice.id} AND channel = 'call') AS call`)
    const right = written.receipts === RECIPIENTS && written.notifications === written.in_app
    rowsOut.push({
      section, figure: `notice to ${RECIPIENTS.toLocaleString('en-US')}: receipts + notifications`, measured: secs(fanMs), baseline: `${secs(bareMs)} bare INSERT … SELECT`,
      ratio: ratio(fanMs, bareMs), target: `≤ ${FANOUT_TARGET_MS / 1000} s`, verdict: verdict(fanMs <= FANOUT_TARGET_MS && right),
    })
    notes.push(`Broadcasts: the fan-out wrote ${written.receipts.toLocaleString('en-US')} receipts (${written.in_app.toLocaleString('en-US')} in the app, ${written.sms.toLocaleString('en-US')} SMS, ${written.call.toLocaleString('en-US')} on the call list) and ${written.notifications.toLocaleString('en-US')} notifications in one transaction (audience resolved through the residents, orgs, people and auth relations, 6 indexes on the receipts), then ${Math.ceil(written.in_app / 200)} live messages of 200 people each; the SMS go out after it (not timed here: the provider's pace).`)

    // 30 % acknowledge, set-based, so the first page (unopened first) skips nothing but must not scan them.
    await db.execute(sql`UPDATE broadcast_receipts SET acknowledged_at = now(), opened_at = now(), ack_choice = '收到', stage = 2
      WHERE broadcast_id = ${notice.id} AND person_id % 10 IN (0, 3, 7)`)
    await db.execute(sql`ANALYZE broadcast_receipts`)
    const pageOf = async (query: Parameters<typeof followUps.receipts>[2]) => {
      const samples: number[] = []
      for (let i = 0; i < opts.pages + opts.warmup; i++) {
        const t0 = performance.now()
        const page = await followUps.receipts(ctx, notice.id, query)
        if (page.items.length !== 50) throw new Error(`a receipt page of ${page.items.length}`)
        if (i >= opts.warmup) samples.push(performance.now() - t0)
      }
      return summarize(samples)
    }
    const bare = await (async () => {
      const samples: number[] = []
      for (let i = 0; i < opts.pages + opts.warmup; i++) {
        const t0 = performance.now()
        await db.execute(sql`SELECT id FROM broadcast_receipts WHERE broadcast_id = ${notice.id} ORDER BY stage, id LIMIT 51`)
        if (i >= opts.warmup) samples.push(performance.now() - t0)
      }
      return summarize(samples)
    })()
    const first = await pageOf({ limit: 50 })
    rowsOut.push({ section, figure: 'receipt table, first page (unopened first), p99', measured: ms(first.p99), baseline: `${ms(bare.p99)} bare index read`, ratio: ratio(first.p99, bare.p99), target: `≤ ${PAGE_P99_TARGET_MS} ms`, verdict: verdict(first.p99 <= PAGE_P99_TARGET_MS) })
    const calls = await pageOf({ limit: 50, channel: 'call' })
    rowsOut.push({ section, figure: 'receipt table, call list filter, p99', measured: ms(calls.p99), baseline: '', ratio: '', target: '', verdict: 'info' })
    notes.push(`Broadcasts: the receipt page is a keyset read of (broadcast, stage, id) then names, masked phones and nodes for its 50 rows; p50 ${ms(first.p50)}, ${opts.pages} reads after ${opts.warmup} warm-up.`)
    return { rows: rowsOut, notes }
  } finally {
    await database.close()
  }
}
