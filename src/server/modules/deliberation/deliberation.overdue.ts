// The minute sweep's reminder of an overdue stage: a topic under deliberation whose stage has
// passed its deadline tells the stage's owners (the people holding the stage's role at the
// topic's node or above it) once per stage. (A proposal's first stage is not reminded: a proposal
// without support expires by itself.) The topic records the stage index it reminded
// for, claimed in the same UPDATE, so a second sweep (or a concurrent one) sends nothing again;
// the next stage, once overdue, is reminded afresh.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import { rows } from '../../kernel/db/client.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import { currentRoles } from '../people/people.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { Stage } from './deliberation.schemas.ts'

export async function remindOverdueStages(tx: Executor, at: Date, notifications: Pick<NotificationService, 'notifyAll'>) {
  // Claimed by id first, then read with the template and the node: on Citus an UPDATE of topics
  // (a Citus local table) may not join the org tree (a reference table).
  const ids = (await rows<{ id: string }>(tx, sql`
    UPDATE topics SET overdue_reminded_stage = stage_index
    WHERE id IN (SELECT id FROM topics WHERE state = 'deliberating' AND stage_due_at IS NOT NULL
        AND stage_due_at < ${at.toISOString()}::timestamptz AND overdue_reminded_stage IS DISTINCT FROM stage_index
        ORDER BY stage_due_at, id LIMIT 200 FOR UPDATE SKIP LOCKED)
    RETURNING id::text`)).map((r) => r.id)
  const claimed = ids.length === 0 ? [] : await rows<{ id: string; title: string; orgPath: string; stageIndex: number; stage: Stage | null; stageKey: string }>(tx, sql`
    SELECT t.id::text, t.title, o.path::text AS "orgPath", t.stage_index AS "stageIndex", v.stages -> t.stage_index AS stage, t.stage_key AS "stageKey"
    FROM topics t JOIN deliberation_template_versions v ON v.id = t.template_version_id JOIN ${orgTree} o ON o.id = t.org_id
    WHERE t.id = ANY (${`{${ids.join(',')}}`}::bigint[]) ORDER BY t.id`)
  let reminded = 0
  for (const t of claimed) {
    const role = t.stage?.role ?? 'community_cadre'
    reminded += await notifications.notifyAll(tx, {
      recipients: sql`SELECT DISTINCT r.person_id FROM ${currentRoles} r JOIN ${orgTree} n ON n.id = r.org_id
        WHERE r.role = ${role} AND n.path @> ${t.orgPath}::ltree`,
      kind: 'topic.overdue',
      title: `议题“${t.title}”的“${t.stage?.name ?? t.stageKey}”阶段已超期`,
      body: '请尽快推进本阶段或说明情况。',
      link: { topicId: t.id },
    })
  }
  return { topics: claimed.length, reminded }
}
