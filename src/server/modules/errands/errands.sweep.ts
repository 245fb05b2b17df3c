// The minute sweep of errands: reminds a step's owner once when its deadline is a day away or has
// passed (`reminded_at`), and tells the desk's cadres once about each step past its deadline (an
// internal timeline row the requester does not see marks it told). `now` is a parameter so tests
// can move time.
import { sql } from 'drizzle-orm'
import { isoTime, rows, type Executor } from '../../kernel/db/client.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './errands.repository.ts'
import type { ErrandState } from './errands.schemas.ts'

/** How long before a step's deadline its owner is reminded. */
export const REMIND_BEFORE_HOURS = 24

interface DueStep { stepId: string; errandId: string; orgId: string; state: ErrandState; title: string; errandTitle: string; ownerId: string | null; dueAt: string; overdue: boolean }

export function createErrandSweep(deps: { notifications: Pick<NotificationService, 'notify'> }) {
  const { notifications } = deps
  return async function sweep(tx: Executor, now: Date) {
    const at = now.toISOString()
    const beijing = (t: string) => new Date(Date.parse(isoTime(t)!) + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ')
    // The time is formatted outside the UPDATE: Citus refuses timestamptz::text (a STABLE cast) in RETURNING.
    const soon = await rows<DueStep>(tx, sql`WITH u AS (UPDATE errand_steps st SET reminded_at = ${at}::timestamptz FROM errands e
      WHERE e.id = st.errand_id AND e.state IN ('accepted','in_progress') AND st.done_at IS NULL AND st.reminded_at IS NULL
        AND st.due_at < ${at}::timestamptz + make_interval(hours => ${REMIND_BEFORE_HOURS})
        AND st.id IN (SELECT s.id FROM errand_steps s WHERE s.done_at IS NULL AND s.reminded_at IS NULL ORDER BY s.due_at LIMIT 500)
      RETURNING st.id AS step_id, e.id AS errand_id, e.org_id, e.state, st.title, e.title AS errand_title, st.owner_id, st.due_at)
      SELECT step_id::text AS "stepId", errand_id::text AS "errandId", org_id::text AS "orgId", state, title, errand_title AS "errandTitle",
        owner_id::text AS "ownerId", due_at::text AS "dueAt", due_at < ${at}::timestamptz AS overdue FROM u`)
    for (const s of soon) {
      const who = s.ownerId ? [s.ownerId] : await repo.deskPeople(tx, s.orgId)
      await notifications.notify(tx, {
        personIds: who,
        kind: s.overdue ? 'errand.step_overdue' : 'errand.step_due',
        title: `帮办事项“${s.errandTitle}”的步骤“${s.title}”${s.overdue ? '已超期' : '即将到期'}`,
        body: `期限：${beijing(s.dueAt)}`,
        link: { errandId: s.errandId },
      })
    }

    const late = await rows<DueStep>(tx, sql`SELECT st.id::text AS "stepId", e.id::text AS "errandId", e.org_id::text AS "orgId", e.state, st.title,
        e.title AS "errandTitle", st.owner_id::text AS "ownerId", st.due_at::text AS "dueAt", true AS overdue
      FROM errand_steps st JOIN errands e ON e.id = st.errand_id
      WHERE e.state IN ('accepted','in_progress') AND st.done_at IS NULL AND st.due_at < ${at}::timestamptz
        AND NOT EXISTS (SELECT 1 FROM errand_events ev WHERE ev.errand_id = e.id AND ev.action = 'step_overdue' AND ev.data->>'stepId' = st.id::text)
      ORDER BY st.due_at LIMIT 500`)
    for (const s of late) {
      await repo.insertEvent(tx, { errandId: s.errandId, actorId: null, action: 'step_overdue', from: s.state, to: s.state, note: s.title, data: { stepId: s.stepId, internal: true }, at })
      await notifications.notify(tx, {
        personIds: await repo.deskPeople(tx, s.orgId, true),
        kind: 'errand.step_overdue',
        title: `帮办事项“${s.errandTitle}”有步骤超期：${s.title}`,
        body: `期限：${beijing(s.dueAt)}`,
        link: { errandId: s.errandId },
      })
    }
    return { reminded: soon.length, overdue: late.length }
  }
}
