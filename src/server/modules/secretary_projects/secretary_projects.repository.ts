// The SQL of secretaries' projects and responsibility lists. Names, nodes, units, topics and
// photos are read through the relations their modules export.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { countedIds } from '../../kernel/pagination.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'
import { topicTitles } from '../deliberation/deliberation.read.ts'
import { attachmentRows } from '../files/files.read.ts'
import { hotspotCategoryName } from '../hotspots/hotspots.read.ts'
import type { SecretaryProjectKind, SecretaryProjectState } from './secretary_projects.schemas.ts'

export interface ProjectRow {
  id: string
  orgId: string
  orgName: string
  orgKind: string
  orgPath: string
  kind: SecretaryProjectKind
  state: SecretaryProjectState
  yearFrom: number
  yearTo: number
  title: string
  description: string | null
  ownerId: string
  ownerName: string
  unitId: string | null
  unitName: string | null
  department: string | null
  progress: number
  progressManual: boolean
  sourceKind: 'hotspot' | 'case' | 'topic' | null
  sourceCategory: string | null
  sourceCategoryName: string | null
  sourceStreetId: string | null
  sourceStreetName: string | null
  sourceCaseIds: string[]
  sourceOrderIds: string[]
  sourceCaseId: string | null
  sourceTopicId: string | null
  sourceTopicTitle: string | null
  closedAt: string | null
  closeNote: string | null
  createdAt: string
  updatedAt: string
  milestonesTotal: number
  milestonesDone: number
  nextDueOn: string | null
  total?: number
}

const selectProject = sql`SELECT p.id::text, p.org_id::text AS "orgId", o.name AS "orgName", o.kind AS "orgKind", o.path::text AS "orgPath",
    p.kind, p.state, p.year_from AS "yearFrom", p.year_to AS "yearTo", p.title, p.description,
    p.owner_id::text AS "ownerId", ow.name AS "ownerName", p.unit_id::text AS "unitId", u.name AS "unitName", p.department,
    p.progress, p.progress_manual AS "progressManual", p.source_kind AS "sourceKind", p.source_category AS "sourceCategory",
    ${hotspotCategoryName(sql`p.source_category`, sql`p.source_order_ids`)} AS "sourceCategoryName",
    p.source_street_id::text AS "sourceStreetId", st.name AS "sourceStreetName",
    p.source_case_ids::text[] AS "sourceCaseIds", p.source_order_ids::text[] AS "sourceOrderIds",
    p.source_case_id::text AS "sourceCaseId", p.source_topic_id::text AS "sourceTopicId", tp.title AS "sourceTopicTitle",
    p.closed_at::text AS "closedAt", p.close_note AS "closeNote", p.created_at::text AS "createdAt", p.updated_at::text AS "updatedAt",
    coalesce(ms.total, 0)::int AS "milestonesTotal", coalesce(ms.done, 0)::int AS "milestonesDone", ms.next_due::text AS "nextDueOn"`

const joins = sql`JOIN ${orgTree} o ON o.id = p.org_id JOIN ${personNames} ow ON ow.id = p.owner_id
  LEFT JOIN ${unitRows} u ON u.id = p.unit_id LEFT JOIN ${orgTree} st ON st.id = p.source_street_id
  LEFT JOIN ${topicTitles} tp ON tp.id = p.source_topic_id
  LEFT JOIN LATERAL (SELECT count(*) AS total, count(m.done_at) AS done, min(m.due_on) FILTER (WHERE m.done_at IS NULL) AS next_due
    FROM secretary_project_milestones m WHERE m.project_id = p.id) ms ON true`

export async function findProject(ex: Executor, id: string): Promise<ProjectRow | undefined> {
  return firstRow<ProjectRow>(ex, sql`${selectProject} FROM secretary_projects p ${joins} WHERE p.id = ${id}`)
}

export interface ListFilter { path: string; below: boolean; kind?: string; state?: string; year?: number; q?: string; after?: number; limit: number }

export async function listProjects(ex: Executor, f: ListFilter): Promise<ProjectRow[]> {
  const where: SQL[] = [f.below ? sql`o.path <@ ${f.path}::ltree` : sql`o.path = ${f.path}::ltree`]
  if (f.kind) where.push(sql`p.kind = ${f.kind}`)
  if (f.state) where.push(sql`p.state = ${f.state}`)
  if (f.year) where.push(sql`${f.year} BETWEEN p.year_from AND p.year_to`)
  if (f.q) where.push(sql`strpos(p.title, ${f.q}) > 0`)
  const filter = sql.join(where, sql` AND `)
  const inner = sql`SELECT p.id FROM secretary_projects p JOIN ${orgTree} o ON o.id = p.org_id WHERE ${filter}
    ${f.after !== undefined ? sql`AND p.id < ${f.after}` : sql``} ORDER BY p.id DESC`
  return rows<ProjectRow>(ex, sql`${selectProject}, ids.total FROM ${countedIds(inner, sql`ids.id DESC`, f.limit, f.after === undefined)} ids
    JOIN secretary_projects p ON p.id = ids.id ${joins} ORDER BY p.id DESC`)
}

/** The items a person answers for (the phone's 我的书记项目): open ones first, then by newest; at most 100. */
export async function listOwned(ex: Executor, personId: string): Promise<ProjectRow[]> {
  return rows<ProjectRow>(ex, sql`${selectProject} FROM secretary_projects p ${joins} WHERE p.owner_id = ${personId}
    ORDER BY (p.state = 'done'), ms.next_due NULLS LAST, p.id DESC LIMIT 100`)
}

export interface MilestoneRow {
  id: string
  title: string
  dueOn: string
  doneAt: string | null
  doneById: string | null
  doneByName: string | null
  evidenceNote: string | null
  photos: { id: string; sha256: string }[]
}

export async function milestonesOf(ex: Executor, projectId: string): Promise<MilestoneRow[]> {
  return rows<MilestoneRow>(ex, sql`SELECT m.id::text, m.title, m.due_on::text AS "dueOn", m.done_at::text AS "doneAt",
      m.done_by::text AS "doneById", d.name AS "doneByName", m.evidence_note AS "evidenceNote",
      coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256) ORDER BY x.n)
        FROM unnest(m.evidence_photo_ids) WITH ORDINALITY x(id, n) JOIN ${attachmentRows} a ON a.id = x.id), '[]'::json) AS photos
    FROM secretary_project_milestones m LEFT JOIN ${personNames} d ON d.id = m.done_by
    WHERE m.project_id = ${projectId} ORDER BY m.due_on, m.id`)
}

export async function insertProject(tx: Executor, p: {
  orgId: string; kind: string; state: string; yearFrom: number; yearTo: number; title: string; description: string | null; ownerId: string
  unitId: string | null; department: string | null; sourceKind: string | null; sourceCategory: string | null; sourceStreetId: string | null
  sourceCaseIds: string[]; sourceOrderIds: string[]; sourceCaseId: string | null; sourceTopicId: string | null; createdBy: string; at: string
}): Promise<string> {
  const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO secretary_projects (org_id, kind, state, year_from, year_to, title, description, owner_id,
      unit_id, department, source_kind, source_category, source_street_id, source_case_ids, source_order_ids, source_case_id, source_topic_id,
      created_by, created_at, updated_at)
    VALUES (${p.orgId}, ${p.kind}, ${p.state}, ${p.yearFrom}, ${p.yearTo}, ${p.title}, ${p.description}, ${p.ownerId}, ${p.unitId}, ${p.department},
      ${p.sourceKind}, ${p.sourceCategory}, ${p.sourceStreetId}, string_to_array(${p.sourceCaseIds.join(',')}, ',')::bigint[],
      string_to_array(${p.sourceOrderIds.join(',')}, ',')::bigint[], ${p.sourceCaseId}, ${p.sourceTopicId}, ${p.createdBy}, ${p.at}::timestamptz, ${p.at}::timestamptz)
    RETURNING id::text`)
  return row!.id
}

export async function insertMilestone(tx: Executor, projectId: string, m: { title: string; dueOn: string }): Promise<string> {
  const [row] = await rows<{ id: string }>(tx, sql`INSERT INTO secretary_project_milestones (project_id, title, due_on)
    VALUES (${projectId}, ${m.title}, ${m.dueOn}::date) RETURNING id::text`)
  return row!.id
}

/** Completes an open milestone; undefined when it was done already (or is not this project's). */
export async function completeMilestone(tx: Executor, projectId: string, id: string, m: { by: string; note: string; photoIds: string[]; at: string }) {
  return firstRow<{ id: string }>(tx, sql`UPDATE secretary_project_milestones SET done_at = ${m.at}::timestamptz, done_by = ${m.by},
      evidence_note = ${m.note}, evidence_photo_ids = string_to_array(${m.photoIds.join(',')}, ',')::bigint[]
    WHERE id = ${id} AND project_id = ${projectId} AND done_at IS NULL RETURNING id::text`)
}

export async function findMilestone(ex: Executor, projectId: string, id: string) {
  return firstRow<{ id: string; title: string; doneAt: string | null }>(ex, sql`SELECT id::text, title, done_at::text AS "doneAt"
    FROM secretary_project_milestones WHERE id = ${id} AND project_id = ${projectId}`)
}

export async function updateProject(tx: Executor, id: string, set: Record<string, unknown>, at: string): Promise<void> {
  const columns: Record<string, string> = {
    title: 'title', description: 'description', yearFrom: 'year_from', yearTo: 'year_to', ownerId: 'owner_id', unitId: 'unit_id',
    department: 'department', state: 'state', progress: 'progress', progressManual: 'progress_manual', closedAt: 'closed_at',
    closedBy: 'closed_by', closeNote: 'close_note',
  }
  const parts = Object.entries(set).filter(([k, v]) => v !== undefined && columns[k]).map(([k, v]) => sql`${sql.raw(columns[k]!)} = ${v}`)
  await tx.execute(sql`UPDATE secretary_projects SET ${sql.join([...parts, sql`updated_at = ${at}::timestamptz`], sql`, `)} WHERE id = ${id}`)
}

export async function insertEvent(tx: Executor, e: { projectId: string; actorId: string | null; action: string; fromState?: string | null; toState?: string | null; note?: string | null; data?: Record<string, unknown>; at: string }) {
  await tx.execute(sql`INSERT INTO secretary_project_events (project_id, actor_id, action, from_state, to_state, note, data, at)
    VALUES (${e.projectId}, ${e.actorId}, ${e.action}, ${e.fromState ?? null}, ${e.toState ?? null}, ${e.note ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb, ${e.at}::timestamptz)`)
}

export async function eventsOf(ex: Executor, projectId: string) {
  return rows<{ id: string; action: string; actorId: string | null; actorName: string | null; fromState: string | null; toState: string | null; note: string | null; data: Record<string, unknown>; at: string }>(ex, sql`
    SELECT e.id::text, e.action, e.actor_id::text AS "actorId", a.name AS "actorName", e.from_state AS "fromState", e.to_state AS "toState", e.note, e.data, e.at::text
    FROM secretary_project_events e LEFT JOIN ${personNames} a ON a.id = e.actor_id WHERE e.project_id = ${projectId} ORDER BY e.id`)
}

/** The street a node lies in (itself when a street); null above streets. */
export async function streetOf(ex: Executor, path: string): Promise<string | null> {
  const row = await firstRow<{ id: string }>(ex, sql`SELECT s.id::text FROM ${orgTree} s WHERE s.kind = 'street' AND s.path @> ${path}::ltree LIMIT 1`)
  return row?.id ?? null
}

/** Locks the project row for a write (two writers wait for each other). */
export async function lockProject(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`SELECT 1 FROM secretary_projects WHERE id = ${id} FOR UPDATE`)
}

/** Open milestones past their due day (China time) not yet notified, of items not done. */
export async function overdueMilestones(tx: Executor, today: string, limit: number) {
  // The day is formatted outside the UPDATE: Citus refuses date::text (a STABLE cast) in RETURNING.
  return rows<{ id: string; projectId: string; title: string; dueOn: string; ownerId: string; projectTitle: string; state: SecretaryProjectState }>(tx, sql`
    WITH u AS (
      UPDATE secretary_project_milestones m SET overdue_notified_at = now() FROM secretary_projects p
      WHERE p.id = m.project_id AND m.id IN (SELECT x.id FROM secretary_project_milestones x JOIN secretary_projects y ON y.id = x.project_id
        WHERE x.done_at IS NULL AND x.overdue_notified_at IS NULL AND x.due_on < ${today}::date AND y.state <> 'done' ORDER BY x.id LIMIT ${limit})
      RETURNING m.id, m.project_id, m.title, m.due_on, p.owner_id, p.title AS project_title, p.state)
    SELECT id::text, project_id::text AS "projectId", title, due_on::text AS "dueOn", owner_id::text AS "ownerId", project_title AS "projectTitle", state FROM u`)
}
