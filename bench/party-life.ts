// Figure 10: the organisation-life dashboard of a district on PostgreSQL (issue 17). A district of
// 10 streets × 10 communities (党委) × 9 grids (党支部 or 党小组) makes 1,000 Party organisations with
// a year of Party meetings (支委会 and 主题党日 monthly, 党员大会 and 党课 quarterly at communities,
// 党小组会 monthly in grids; about one in ten never held, a few left planned). The district's rollup
// (GET /party-life/overview: periods due, held, late, missing per organisation, through the
// service) is read 200 times, against a bare GROUP BY of the same year's meetings by organisation
// in the same run.
import { sql } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import { openPostgres, rows, type Database, type Executor } from '../src/server/kernel/db/client.ts'
import { migrate } from '../src/server/kernel/db/migrate.ts'
import { createPartyLifeService } from '../src/server/modules/party_life/party_life.service.ts'
import { ctxOf, person } from './orders.world.ts'
import { ms, ratio, secs, summarize, verdict, type SectionResult } from './stats.ts'

export const OVERVIEW_P99_TARGET_MS = 200
const STREETS = 10, COMMUNITIES = 10, GRIDS = 9

export interface PartyLifeOptions { reads: number; warmup: number }

const one = async <T,>(db: Executor, q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!

export async function measurePartyLife(databaseUrl: string, opts: PartyLifeOptions): Promise<SectionResult> {
  const section = '10 party life · PostgreSQL'
  const database: Database = await openPostgres(databaseUrl, 4)
  try {
    await migrate(database)
    const db = database.db
    const rowsOut: SectionResult['rows'] = []
    const notes: string[] = []
    const year = new Date().getUTCFullYear()
    const t0 = performance.now()
    const city = await one<{ id: string }>(db, sql`INSERT INTO orgs (kind, name) VALUES ('city', '基准市') RETURNING id::text`)
    const district = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('district', '基准区', ${city.id}) RETURNING id::text, path::text`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, party_org_kind) SELECT 'street', '街道' || s, ${district.id}, 'committee' FROM generate_series(1, ${STREETS}) s`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, party_org_kind) SELECT 'community', s.name || '社区' || c, s.id, 'committee'
      FROM orgs s, generate_series(1, ${COMMUNITIES}) c WHERE s.kind = 'street' ORDER BY s.id, c`)
    await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, party_org_kind) SELECT 'grid', c.name || '网格' || g, c.id, CASE WHEN g <= 3 THEN 'branch' ELSE 'group' END
      FROM orgs c, generate_series(1, ${GRIDS}) g WHERE c.kind = 'community' ORDER BY c.id, g`)
    // The streets' own Party committees are left out of the count: 100 communities + 900 grids.
    await db.execute(sql`UPDATE orgs SET party_org_kind = NULL WHERE kind = 'street'`)
    const admin = await one<{ id: string }>(db, sql`INSERT INTO people (name) VALUES ('区组织部') RETURNING id::text`)
    // A year of meetings: per organisation, kind and month; ~9 % never held, ~4 % left planned.
    const kinds = sql`(VALUES ('branch_committee', 1, 'c'), ('theme_day', 1, 'c'), ('branch_assembly', 3, 'c'), ('party_class', 3, 'c'),
      ('branch_committee', 1, 'b'), ('theme_day', 1, 'b'), ('branch_assembly', 3, 'b'), ('party_class', 3, 'b'), ('group_meeting', 1, 'g')) AS k(kind, every, who)`
    await db.execute(sql`INSERT INTO meetings (org_id, kind, title, starts_at, ends_at, place, state, created_by, held_at)
      SELECT o.id, k.kind, k.kind || m, ts, ts + interval '2 hours', '党员活动室',
        CASE WHEN (o.id * 7 + m * 13 + length(k.kind)) % 25 = 0 THEN 'planned' ELSE 'minutes_approved' END, ${admin.id}, ts + interval '2 hours'
      FROM orgs o JOIN ${kinds} ON k.who = CASE WHEN o.kind = 'community' THEN 'c' WHEN o.party_org_kind = 'branch' THEN 'b' ELSE 'g' END
        CROSS JOIN generate_series(1, 12) m
        CROSS JOIN LATERAL (SELECT make_timestamptz(${year}, m, 10 + (o.id % 15)::int, 19, 0, 0, 'Asia/Shanghai') AS ts) t
      WHERE o.path <@ ${district.path}::ltree AND o.party_org_kind IS NOT NULL AND m % k.every = 0 AND (o.id * 11 + m * 3 + length(k.kind)) % 11 <> 0`)
    await db.execute(sql`ANALYZE`)
    const counts = await one<{ orgs: number; meetings: number }>(db, sql`SELECT (SELECT count(*)::int FROM orgs WHERE party_org_kind IS NOT NULL) AS orgs, (SELECT count(*)::int FROM meetings) AS meetings`)
    notes.push(`Party life: ${counts.orgs} Party organisations, ${counts.meetings.toLocaleString('en-US')} meetings of ${year}, built in ${secs(performance.now() - t0)}.`)

    const service = createPartyLifeService({ db, meetings: { create: () => Promise.reject(new Error('not in the bench')) }, notifications: { notify: async () => {} } })
    const ctx = ctxOf(person(admin.id, [{ role: 'district_admin', orgId: district.id, orgPath: district.path }]))
    const timeIt = async (fn: () => Promise<unknown>) => {
      const samples: number[] = []
      for (let i = 0; i < opts.reads + opts.warmup; i++) {
        const s = performance.now()
        await fn()
        if (i >= opts.warmup) samples.push(performance.now() - s)
      }
      return summarize(samples)
    }
    const check = await service.overview(ctx, { orgId: district.id, year })
    if (check.orgs.length !== counts.orgs) throw new Error(`the rollup shows ${check.orgs.length} of ${counts.orgs} organisations`)
    const bare = await timeIt(() => db.execute(sql`SELECT org_id, kind, count(*) FROM meetings WHERE starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      AND starts_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai') GROUP BY org_id, kind`))
    const overview = await timeIt(() => service.overview(ctx, { orgId: district.id, year }))
    rowsOut.push({
      section, figure: `district rollup of ${counts.orgs} Party organisations, p99`, measured: ms(overview.p99), baseline: `${ms(bare.p99)} bare GROUP BY`,
      ratio: ratio(overview.p99, bare.p99), target: `≤ ${OVERVIEW_P99_TARGET_MS} ms`, verdict: verdict(overview.p99 <= OVERVIEW_P99_TARGET_MS),
    })
    const anOrg = check.orgs[0]!.id
    const dashboard = await timeIt(() => service.dashboard(ctx, anOrg, year))
    rowsOut.push({ section, figure: 'one organisation\'s dashboard, p99', measured: ms(dashboard.p99), baseline: '', ratio: '', target: '', verdict: 'info' })
    notes.push(`Party life: the rollup aggregates the year's meetings per organisation and kind in one query (the month of each) and tallies the periods in the service; p50 ${ms(overview.p50)}; ${check.totals.missing} periods missing, ${check.totals.late} late; ${opts.reads} reads after ${opts.warmup} warm-up.`)
    return { rows: rowsOut, notes }
  } finally {
    await database.close()
  }
}
