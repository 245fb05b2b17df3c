// Figure 11: shift sign-ups on PostgreSQL (issue 17). Fifty members sign up for a shift that needs
// five at the same moment, each through the mobilisation service on its own pooled connection;
// the shift's row lock must let exactly five hold it (and answer the others SHIFT_FULL). Repeated
// over ten shifts; the time of each burst is reported for information.
import { sql } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import { openPostgres, rows, type Database } from '../src/server/kernel/db/client.ts'
import { migrate } from '../src/server/kernel/db/migrate.ts'
import { createMobilisationService } from '../src/server/modules/mobilisation/mobilisation.module.ts'
import type { NotificationService } from '../src/server/modules/notifications/notifications.service.ts'
import type { CaseService } from '../src/server/modules/cases/cases.service.ts'
import type { VolunteerService } from '../src/server/modules/volunteers/volunteers.service.ts'
import { ctxOf, person } from './orders.world.ts'
import { ms, summarize, verdict, type SectionResult } from './stats.ts'

const MEMBERS = 50, NEEDED = 5, ROUNDS = 10

export async function measureMobilisation(databaseUrl: string): Promise<SectionResult> {
  const section = '11 mobilisation · PostgreSQL'
  const database: Database = await openPostgres(databaseUrl, 20)
  try {
    await migrate(database)
    const db = database.db
    const [street] = await rows<{ id: string; path: string }>(db, sql`WITH c AS (INSERT INTO orgs (kind, name) VALUES ('city', '压测市') RETURNING id)
      INSERT INTO orgs (kind, name, parent_id) SELECT 'street', '压测街道', id FROM c RETURNING id::text, path::text`)
    const people = await rows<{ id: string }>(db, sql`INSERT INTO people (name) SELECT '队员' || g FROM generate_series(1, ${MEMBERS + 1}) g ORDER BY g RETURNING id::text`)
    const [admin, ...members] = people
    const [e] = await rows<{ id: string }>(db, sql`INSERT INTO emergencies (org_id, kind, name, tag, declared_by) VALUES (${street!.id}, 'flood', '压测汛情', '防汛', ${admin!.id}) RETURNING id::text`)
    const [post] = await rows<{ id: string }>(db, sql`INSERT INTO emergency_posts (emergency_id, name, kind, location) VALUES (${e!.id}, '压测堤段', 'embankment', ST_SetSRID(ST_MakePoint(115.8, 28.6), 4326)) RETURNING id::text`)
    const quiet = { notify: async () => {} } as unknown as NotificationService
    const service = createMobilisationService({ db, notifications: quiet, cases: {} as CaseService, volunteers: {} as VolunteerService })
    const roles = [{ role: 'member' as const, orgId: street!.id, orgPath: street!.path }]
    const bursts: number[] = []
    let exact = 0
    for (let round = 0; round < ROUNDS; round++) {
      const [shift] = await rows<{ id: string }>(db, sql`INSERT INTO emergency_shifts (post_id, starts_at, ends_at, needed)
        VALUES (${post!.id}, now() + make_interval(hours => ${round + 1}), now() + make_interval(hours => ${round + 9}), ${NEEDED}) RETURNING id::text`)
      const t0 = performance.now()
      const answers = await Promise.allSettled(members.map((m) => service.duty.signUp(ctxOf(person(m.id, roles)), shift!.id, undefined)))
      bursts.push(performance.now() - t0)
      const held = answers.filter((a) => a.status === 'fulfilled').length
      const full = answers.filter((a) => a.status === 'rejected' && (a.reason as { code?: string }).code === 'SHIFT_FULL').length
      const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM shift_signups WHERE shift_id = ${shift!.id} AND cancelled_at IS NULL`)
      if (held === NEEDED && row!.n === NEEDED && full === MEMBERS - NEEDED) exact++
    }
    const s = summarize(bursts)
    return {
      rows: [
        { section, figure: `${MEMBERS} concurrent sign-ups for a shift needing ${NEEDED}: rounds where exactly ${NEEDED} hold`, measured: `${exact}/${ROUNDS}`, baseline: '', ratio: '', target: `${ROUNDS}/${ROUNDS}`, verdict: verdict(exact === ROUNDS) },
        { section, figure: `burst of ${MEMBERS} sign-ups, p50 / p99`, measured: `${ms(s.p50)} / ${ms(s.p99)}`, baseline: '', ratio: '', target: '', verdict: 'info' },
      ],
      notes: [`Mobilisation: ${ROUNDS} shifts, each taken by ${MEMBERS} members at once through the duty service on a pool of 20 connections; the shift row is locked (SELECT … FOR UPDATE) in its own statement before the holders are counted, so the count sees every sign-up committed while the lock was awaited.`],
    }
  } finally {
    await database.close()
  }
}
