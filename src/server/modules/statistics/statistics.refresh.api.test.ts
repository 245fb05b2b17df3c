// The minute sweep's statistics refresh works off a backlog (a bulk load's history, a change that
// marks every community-month) a bounded batch at a time: its first batch is `REFRESH_FIRST_BATCH`
// community-months, so the first sweep after a load stays within its share of the sweep's 5 s, and
// successive sweeps drain the rest, newest month first, to the figures a full recompute gives.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { sweepOnce } from '../../kernel/scheduler.ts'
import { schedulerJobs } from '../../app.ts'
import { REFRESH_FIRST_BATCH } from './statistics.service.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const dirty = async () => (await t.query<{ n: number; newest: string | null }>(sql`SELECT count(*)::int AS n, max(period) AS newest FROM statistic_dirty`))[0]!
const facts = () => t.query(sql`SELECT community_id::text, period, code, breakdown, numerator::text, denominator::text FROM statistic_facts ORDER BY 1, 2, 3, 4`)

describe('the statistics refresh', () => {
  test('works a backlog off over successive sweeps, a bounded batch at a time, to the figures as they were', async () => {
    const jobs = schedulerJobs(t.app.services).filter((j) => j.name === 'statisticsRefresh')
    const sweep = () => sweepOnce(t.database, jobs, new Date())
    for (let i = 0; i < 30 && (await dirty()).n > 0; i++) await sweep()
    await sweep()
    assert.equal((await dirty()).n, 0, 'caught up before the backlog')
    const before = await facts()
    assert.ok(before.length > 0)
    // A backlog as a bulk change leaves it: every community, each of the last three months.
    await t.query(sql`INSERT INTO statistic_dirty (community_id, period)
      SELECT c.id, to_char(date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - m * interval '1 month', 'YYYY-MM')
      FROM orgs c CROSS JOIN generate_series(0, 2) m WHERE c.kind IN ('community', 'village') ON CONFLICT DO NOTHING`)
    const backlog = (await dirty()).n
    assert.ok(backlog > REFRESH_FIRST_BATCH, `a backlog of ${backlog} community-months`)
    // A sweep with no time to spare recomputes its first batch only, newest month first.
    const service = (t.app.services as unknown as { statistics: { refresh(tx: unknown, now: Date, limit?: number, budgetMs?: number): Promise<{ recomputed: number }> } }).statistics
    const newest = (await dirty()).newest
    const one = await t.database.db.transaction((tx) => service.refresh(tx, new Date(), undefined, 0))
    assert.equal(one.recomputed, REFRESH_FIRST_BATCH)
    assert.equal((await dirty()).n, backlog - REFRESH_FIRST_BATCH)
    const [left] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty WHERE period = ${newest}`)
    assert.ok(left!.n < backlog / 3, 'the newest month is taken first')
    // Successive sweeps drain the rest, each leaving fewer waiting, to the figures as they were.
    let waiting = (await dirty()).n
    let sweeps = 0
    while (waiting > 0) {
      await sweep()
      const now = (await dirty()).n
      assert.ok(now < waiting, `sweep ${++sweeps} took some of the ${waiting} waiting`)
      waiting = now
      assert.ok(sweeps < 60, 'the backlog drains')
    }
    // The months computed before are as they were; every community-month of the backlog is computed now.
    const key = (r: unknown) => { const x = r as { community_id: string; period: string }; return `${x.community_id} ${x.period}` }
    const had = new Set(before.map(key))
    assert.deepEqual((await facts()).filter((r) => had.has(key(r))), before)
    const [missing] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs c CROSS JOIN generate_series(0, 2) m
      WHERE c.kind IN ('community', 'village') AND NOT EXISTS (SELECT 1 FROM statistic_facts f WHERE f.community_id = c.id
        AND f.period = to_char(date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - m * interval '1 month', 'YYYY-MM'))`)
    assert.equal(missing!.n, 0, 'every community-month of the backlog has its figures')
  })
})
