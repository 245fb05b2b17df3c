// For the statistics tests: runs the minute sweep until no community-month waits (a sweep
// recomputes for about 3 s, newest month first).
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import { sweepOnce } from '../../src/server/kernel/scheduler.ts'
import { schedulerJobs } from '../../src/server/app.ts'

export async function sweepUntilFresh(t: TestApp, rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await sweepOnce(t.database, schedulerJobs(t.app.services), new Date())
    const [dirty] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
    if (dirty!.n === 0) return
  }
  throw new Error(`the statistics sweep did not catch up in ${rounds} rounds`)
}
