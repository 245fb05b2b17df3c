// Helpers of the statistics indicators' tests: the sweep (failing the test when the statistics
// refresh failed, since a failing job is only reported), a moment of the current month, a street
// with two communities whose grids lie apart, and its table for a ledger.
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import type { Factories, Org, Person } from './factories.ts'
import { sweepOnce } from '../../src/server/kernel/scheduler.ts'
import { schedulerJobs } from '../../src/server/app.ts'
import { monthAt } from '../../src/server/kernel/indicators.ts'

export type Cell = { value: number | null; numerator?: number; denominator?: number; source?: string }

export function statisticsHelpers(t: TestApp, f: Factories) {
  const period = monthAt(new Date())

  /** Sweeps until no community-month waits (a sweep recomputes for about 3 s, newest month first). */
  async function sweep() {
    for (let i = 0; i < 30; i++) {
      const report = await sweepOnce(t.database, schedulerJobs(t.app.services), new Date())
      const refresh = report?.['statisticsRefresh'] as { failed?: string } | undefined
      assert.equal(refresh?.failed, undefined, refresh?.failed)
      const [dirty] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
      if (dirty!.n === 0) return
    }
    assert.fail('the statistics sweep did not catch up in 30 rounds')
  }

  /** A moment of this month (China time) on day `day` at `hour`. */
  const on = (day: number, hour = 10) => `${period}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`

  /** A street with two communities; B's grid skips eleven cells of the shared outline, so it lies kilometres from A's first grid. */
  async function world() {
    const street = await f.newStreet()
    const a = await f.newCommunity({ street })
    const b = await f.newCommunity({ street })
    const ga = await f.newGrid(a)
    for (let i = 0; i < 11; i++) {
      const placeholder = await f.newGrid(b)
      await t.query(sql`UPDATE orgs SET deleted_at = now() - interval '1 second' WHERE id = ${placeholder.id}`)
    }
    const gb = await f.newGrid(b)
    const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
    return { street, a, b, ga, gb, admin }
  }

  /** The street's table: a community's values per row (A, B) and the total. */
  async function table(w: { street: Org; admin: Person }, ledger: 'party' | 'livelihood') {
    const res = await w.admin.client.get(`/api/v1/statistics?orgId=${w.street.id}&period=${period}&ledger=${ledger}`)
    assert.equal(res.statusCode, 200, res.body)
    const tb = res.json() as { rows: { values: Record<string, Cell> }[]; total: { values: Record<string, Cell> } }
    return { rows: tb.rows.map((r) => r.values), total: tb.total.values }
  }

  return { period, sweep, on, world, table }
}
