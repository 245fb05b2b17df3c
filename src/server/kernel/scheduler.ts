// The minute sweep: deadlines, reminders, escalations, revisits, digests, visit tasks. Several
// app instances may run it. On PostgreSQL one of them leads (a session-level advisory lock on a
// connection of its own, Database.lead): only the leader's timer sweeps, so each minute is swept
// once; when the leader dies its lock goes with its connection and another instance takes over at
// its next tick. A transaction-level advisory lock keeps any two sweeps from overlapping besides.
// Each job runs in a savepoint of the locked transaction.
import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import type { Database, Executor } from './db/client.ts'
import { firstRow } from './db/client.ts'
import { withLiveOutbox } from './live.ts'
import { inTransaction } from './db/transaction.ts'

export const SCHEDULER_LOCK = 7_411_001
/** Held for as long as an instance leads the sweep (pg_locks shows it against `linli-leader-<pid>`). */
export const SCHEDULER_LEADER_LOCK = 7_411_002

export interface Job {
  name: string
  run: (tx: Executor, now: Date) => Promise<unknown>
}

/** One sweep; returns what each job reported, or null when another instance holds the lock. */
export async function sweepOnce(database: Database, jobs: Job[], now = new Date(), log?: Pick<FastifyBaseLogger, 'error'>): Promise<Record<string, unknown> | null> {
  return withLiveOutbox(database.db, () =>
    database.db.transaction(async (tx) => {
      const lock = await firstRow<{ got: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${SCHEDULER_LOCK}) AS got`)
      if (!lock?.got) return null
      const report: Record<string, unknown> = {}
      // Each job in its own savepoint: one that fails is logged and rolled back alone, and the
      // next minute's sweep tries it again; the others' work commits.
      for (const job of jobs) {
        try {
          report[job.name] = await inTransaction(tx, (sp) => job.run(sp, now))
        } catch (err) {
          report[job.name] = { failed: err instanceof Error ? err.message : String(err) }
          log?.error({ err, job: job.name }, 'scheduler job failed')
        }
      }
      return report
    }),
  )
}

export function startScheduler(opts: { database: Database; jobs: Job[]; log: FastifyBaseLogger; intervalMs?: number }) {
  let running: Promise<unknown> | null = null
  const tick = () => {
    if (running) return
    const leads = opts.database.lead ? opts.database.lead(SCHEDULER_LEADER_LOCK) : Promise.resolve(true)
    running = leads
      .then((leader) => (leader ? sweepOnce(opts.database, opts.jobs, new Date(), opts.log) : null))
      .then((report) => {
        if (report) opts.log.debug({ report }, 'scheduler sweep')
      })
      .catch((err: unknown) => opts.log.error({ err }, 'scheduler sweep failed'))
      .finally(() => {
        running = null
      })
  }
  const first = setTimeout(tick, 5_000)
  const timer = setInterval(tick, opts.intervalMs ?? 60_000)
  first.unref()
  timer.unref()
  return {
    async stop() {
      clearTimeout(first)
      clearInterval(timer)
      await running
    },
  }
}
