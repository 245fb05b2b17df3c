// Who is told what about a project, inside the transition's transaction (messages go out after
// the commit): the cadres of the project's node when a project is proposed or an expense takes
// its spending past the budget (the rest comes from received pledges); the proposer (whoever
// recorded it, and the people of the social organisation it names) when it is decided, rejected
// or completed; every pledger when the pledges of a crowdfunding project reach its target.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { currentRoles } from '../people/people.read.ts'
import { unitStaff } from '../units/units.read.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'

export type FundNotifier = Pick<NotificationService, 'notify'>

const ids = async (ex: Executor, q: ReturnType<typeof sql>) => (await rows<{ id: string }>(ex, q)).map((r) => r.id)

/** The community cadres (or, for a street's project, the street admins) on the project's node. */
export const cadresOf = (ex: Executor, projectId: string) => ids(ex, sql`SELECT DISTINCT r.person_id::text AS id
  FROM fund_projects p JOIN ${currentRoles} r ON r.org_id = p.org_id WHERE p.id = ${projectId} AND r.role IN ('community_cadre', 'street_admin')`)

/** Whoever recorded the project and, when a social organisation proposed it, the people who act for it. */
export const proposersOf = (ex: Executor, projectId: string) => ids(ex, sql`SELECT p.created_by::text AS id FROM fund_projects p WHERE p.id = ${projectId} AND p.created_by IS NOT NULL
  UNION SELECT s.person_id::text FROM fund_projects p JOIN ${unitStaff} s ON s.unit_id = p.unit_id WHERE p.id = ${projectId} AND p.proposed_by = 'social_organisation'`)

/** People with a pledge to the project that was not withdrawn. */
export const pledgersOf = (ex: Executor, projectId: string) => ids(ex, sql`SELECT DISTINCT person_id::text AS id FROM fund_pledges WHERE project_id = ${projectId} AND state <> 'withdrawn'`)

const who = { cadres: cadresOf, proposers: proposersOf, pledgers: pledgersOf }

export function createFundNotices(notifier: FundNotifier | undefined) {
  return {
    /** Tells `to` of the project (never the actor who caused it). */
    async tell(tx: Executor, to: keyof typeof who, n: { projectId: string; actorId: string | null; kind: string; title: string; body?: string | null }) {
      if (!notifier) return
      const personIds = (await who[to](tx, n.projectId)).filter((p) => p !== n.actorId)
      if (personIds.length) await notifier.notify(tx, { personIds, kind: n.kind, title: n.title, body: n.body ?? null, link: { projectId: n.projectId } })
    },
  }
}
export type FundNotices = ReturnType<typeof createFundNotices>
