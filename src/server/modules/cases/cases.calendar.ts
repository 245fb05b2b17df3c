// The working-day calendar behind case deadlines: days that differ from Monday–Friday (public
// holidays off, make-up weekend days on). Read by anyone signed in, kept by district admins.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'

interface DayRow {
  day: string
  workday: boolean
  note: string | null
}

export function createCalendarService(deps: { db: Executor }) {
  const { db } = deps
  return {
    async list(ctx: RequestContext, year: number) {
      requireSignedIn(ctx.actor)
      return rows<DayRow>(db, sql`SELECT day::text, workday, note FROM calendar_days
        WHERE day >= make_date(${year}, 1, 1) AND day < make_date(${year + 1}, 1, 1) ORDER BY day`)
    },

    /** Sets one day; `workday: null` removes the exception (the day follows the weekly rule). */
    async set(ctx: RequestContext, day: string, input: { workday: boolean | null; note?: string | null }) {
      authorize(ctx.actor, 'case.configure', null)
      return inTransaction(db, async (tx) => {
        const [before] = await rows<DayRow>(tx, sql`SELECT day::text, workday, note FROM calendar_days WHERE day = ${day}::date FOR UPDATE`)
        if (input.workday === null) await tx.execute(sql`DELETE FROM calendar_days WHERE day = ${day}::date`)
        else {
          await tx.execute(sql`INSERT INTO calendar_days (day, workday, note) VALUES (${day}::date, ${input.workday}, ${input.note ?? null})
            ON CONFLICT (day) DO UPDATE SET workday = EXCLUDED.workday, note = EXCLUDED.note`)
        }
        const after = input.workday === null ? null : { day, workday: input.workday, note: input.note ?? null }
        await recordAudit(tx, ctx, { action: 'calendar_day.set', entity: 'calendar_day', entityId: null, orgPath: null, before: before ? { ...before } : null, after })
        const [{ workday }] = (await rows<{ workday: boolean }>(tx, sql`SELECT linli_is_workday(${day}::date) AS workday`)) as [{ workday: boolean }]
        return { day, workday, note: after?.note ?? null }
      })
    },
  }
}

export type CalendarService = ReturnType<typeof createCalendarService>
