// Queries of errands, their steps and their timeline. The first argument is a database or a
// transaction; no HTTP, no permission logic (the caller passes the read rule as SQL).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { LEVEL, roleLevels } from '../../kernel/policy.ts'
import { countedIds } from '../../kernel/pagination.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { unitRows, unitStaff } from '../units/units.read.ts'
import { attachmentRows } from '../files/files.read.ts'
import type { ErrandState } from './errands.schemas.ts'

const rolesFrom = (min: number) => Object.entries(roleLevels).filter(([, level]) => level >= min).map(([role]) => role).join(',')
const STAFF_ROLES = rolesFrom(LEVEL.gridStaff)
const CADRE_ROLES = rolesFrom(LEVEL.cadre)

export interface ChecklistItem { name: string; required: boolean; received: boolean; fileIds: string[] }

export interface ErrandRow {
  id: string
  state: ErrandState
  orgId: string
  orgName: string
  orgKind: string
  orgPath: string
  matter: string
  title: string
  description: string | null
  requesterId: string
  requesterName: string
  unitId: string | null
  unitName: string | null
  unitPersonIds: string[]
  ownerId: string | null
  ownerName: string | null
  createdById: string | null
  createdByName: string | null
  checklist: ChecklistItem[]
  dueOn: string | null
  acceptedAt: string | null
  doneAt: string | null
  result: string | null
  reason: string | null
  rating: number | null
  feedback: string | null
  ratedAt: string | null
  stepsTotal: number
  stepsDone: number
  stepsOverdue: number
  createdAt: string
  updatedAt: string
}

const errandColumns = sql`e.id::text, e.state, e.org_id::text AS "orgId", o.name AS "orgName", o.kind AS "orgKind", o.path::text AS "orgPath",
  e.matter, e.title, e.description, e.requester_id::text AS "requesterId", rp.name AS "requesterName",
  e.unit_id::text AS "unitId", u.name AS "unitName",
  ARRAY(SELECT s.person_id::text FROM ${unitStaff} s WHERE s.unit_id = e.unit_id ORDER BY 1) AS "unitPersonIds",
  e.owner_id::text AS "ownerId", op.name AS "ownerName", e.created_by::text AS "createdById", cp.name AS "createdByName",
  e.checklist, e.due_on::text AS "dueOn", e.accepted_at::text AS "acceptedAt", e.done_at::text AS "doneAt", e.result, e.reason,
  e.rating, e.feedback, e.rated_at::text AS "ratedAt",
  (SELECT count(*)::int FROM errand_steps st WHERE st.errand_id = e.id) AS "stepsTotal",
  (SELECT count(*)::int FROM errand_steps st WHERE st.errand_id = e.id AND st.done_at IS NOT NULL) AS "stepsDone",
  (SELECT count(*)::int FROM errand_steps st WHERE st.errand_id = e.id AND st.done_at IS NULL AND st.due_at < now()
    AND e.state IN ('accepted','in_progress')) AS "stepsOverdue",
  e.created_at::text AS "createdAt", e.updated_at::text AS "updatedAt"`

const errandJoins = sql`JOIN ${orgTree} o ON o.id = e.org_id
  JOIN ${personNames} rp ON rp.id = e.requester_id
  LEFT JOIN ${unitRows} u ON u.id = e.unit_id
  LEFT JOIN ${personNames} op ON op.id = e.owner_id
  LEFT JOIN ${personNames} cp ON cp.id = e.created_by`

export async function findErrand(ex: Executor, id: string): Promise<ErrandRow | undefined> {
  return firstRow<ErrandRow>(ex, sql`SELECT ${errandColumns} FROM errands e ${errandJoins} WHERE e.id = ${id}`)
}

/** Locks the errand for a write; false when there is none. */
export async function lockErrand(tx: Executor, id: string): Promise<boolean> {
  return (await firstRow(tx, sql`SELECT id FROM errands WHERE id = ${id} FOR UPDATE`)) !== undefined
}

export interface ListSelection {
  readable: SQL
  minePersonId?: SQL
  underPath?: string
  state?: ErrandState
  kinds?: string[]
  overdue?: boolean
  afterId?: string
  limit: number
}

const overdueStep = sql`EXISTS (SELECT 1 FROM errand_steps st WHERE st.errand_id = e.id AND st.done_at IS NULL AND st.due_at < now())
  AND e.state IN ('accepted','in_progress')`

function whereOf(s: Omit<ListSelection, 'afterId' | 'limit'>): SQL {
  const where = [s.readable]
  if (s.minePersonId) where.push(s.minePersonId)
  if (s.underPath) where.push(sql`o.path <@ ${s.underPath}::ltree`)
  if (s.state) where.push(sql`e.state = ${s.state}`)
  if (s.kinds) where.push(sql`o.kind = ANY(string_to_array(${s.kinds.join(',')}, ','))`)
  if (s.overdue) where.push(overdueStep)
  return sql.join(where, sql` AND `)
}

export async function listErrands(ex: Executor, s: ListSelection) {
  const inner = sql`SELECT e.id FROM errands e JOIN ${orgTree} o ON o.id = e.org_id WHERE ${whereOf(s)}
    ${s.afterId ? sql`AND e.id < ${s.afterId}` : sql``} ORDER BY e.id DESC`
  return rows<ErrandRow & { total?: number }>(ex, sql`SELECT ${errandColumns}, ids.total
    FROM ${countedIds(inner, sql`ids.id DESC`, s.limit, s.afterId === undefined)} ids JOIN errands e ON e.id = ids.id ${errandJoins}
    ORDER BY e.id DESC`)
}

export interface StepRow {
  id: string
  position: number
  title: string
  ownerId: string | null
  ownerName: string | null
  dueAt: string | null
  doneAt: string | null
  doneById: string | null
  doneByName: string | null
  note: string | null
  overdue: boolean
}

export async function stepsOf(ex: Executor, errandId: string): Promise<StepRow[]> {
  return rows<StepRow>(ex, sql`SELECT st.id::text, st.position, st.title, st.owner_id::text AS "ownerId", op.name AS "ownerName",
      st.due_at::text AS "dueAt", st.done_at::text AS "doneAt", st.done_by::text AS "doneById", dp.name AS "doneByName", st.note,
      coalesce(st.done_at IS NULL AND st.due_at < now(), false) AS overdue
    FROM errand_steps st LEFT JOIN ${personNames} op ON op.id = st.owner_id LEFT JOIN ${personNames} dp ON dp.id = st.done_by
    WHERE st.errand_id = ${errandId} ORDER BY st.position, st.id`)
}

export async function findStep(ex: Executor, errandId: string, stepId: string) {
  return firstRow<{ id: string; position: number; title: string; ownerId: string | null; doneAt: string | null; dueAt: string | null }>(ex, sql`
    SELECT id::text, position, title, owner_id::text AS "ownerId", done_at::text AS "doneAt", due_at::text AS "dueAt"
    FROM errand_steps WHERE id = ${stepId} AND errand_id = ${errandId}`)
}

export interface EventRow {
  id: string
  action: string
  fromState: ErrandState | null
  toState: ErrandState
  actorId: string | null
  actorName: string | null
  note: string | null
  data: Record<string, unknown>
  at: string
}

export async function timelineOf(ex: Executor, errandId: string): Promise<EventRow[]> {
  return rows<EventRow>(ex, sql`SELECT ev.id::text, ev.action, ev.from_state AS "fromState", ev.to_state AS "toState",
      ev.actor_id::text AS "actorId", ap.name AS "actorName", ev.note, ev.data, ev.at::text AS at
    FROM errand_events ev LEFT JOIN ${personNames} ap ON ap.id = ev.actor_id WHERE ev.errand_id = ${errandId} ORDER BY ev.id`)
}

export interface EventInput {
  errandId: string
  actorId: string | null
  action: string
  from: ErrandState | null
  to: ErrandState
  note?: string | null
  data?: Record<string, unknown>
  at?: string
}

export async function insertEvent(tx: Executor, e: EventInput): Promise<string> {
  const row = await firstRow<{ id: string }>(tx, sql`INSERT INTO errand_events (errand_id, actor_id, action, from_state, to_state, note, data, at)
    VALUES (${e.errandId}, ${e.actorId}, ${e.action}, ${e.from}, ${e.to}, ${e.note ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb, coalesce(${e.at ?? null}::timestamptz, now()))
    RETURNING id::text`)
  return row!.id
}

export async function setErrand(tx: Executor, id: string, sets: SQL[]) {
  await tx.execute(sql`UPDATE errands SET ${sql.join([...sets, sql`updated_at = now()`], sql`, `)} WHERE id = ${id}`)
}

export async function insertErrand(tx: Executor, e: { orgId: string; requesterId: string; unitId: string | null; matter: string; title: string; description: string | null; checklist: ChecklistItem[]; dueOn: string | null; createdBy: string | null }) {
  const row = await firstRow<{ id: string }>(tx, sql`INSERT INTO errands (org_id, state, requester_id, unit_id, matter, title, description, checklist, due_on, created_by)
    VALUES (${e.orgId}, 'submitted', ${e.requesterId}, ${e.unitId}, ${e.matter}, ${e.title}, ${e.description}, ${JSON.stringify(e.checklist)}::jsonb, ${e.dueOn}::date, ${e.createdBy})
    RETURNING id::text`)
  return row!.id
}

/** The files behind attachment ids, for the checklist. */
export async function filesOf(ex: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const found = await rows<{ id: string; sha256: string }>(ex, sql`SELECT id::text, sha256 FROM ${attachmentRows} a WHERE id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])`)
  return new Map(found.map((f) => [f.id, f.sha256]))
}

/** The person holds a staff role (grid worker rank and up) on the desk's node itself today. */
export async function worksAtDesk(ex: Executor, personId: string, orgId: string): Promise<boolean> {
  return (await firstRow(ex, sql`SELECT 1 FROM ${currentRoles} r WHERE r.person_id = ${personId} AND r.org_id = ${orgId}
    AND r.role = ANY(string_to_array(${STAFF_ROLES}, ',')) LIMIT 1`)) !== undefined
}

/** The people working at a desk (`cadres`: cadre rank and up only), for notifications. */
export async function deskPeople(ex: Executor, orgId: string, cadres = false): Promise<string[]> {
  const found = await rows<{ id: string }>(ex, sql`SELECT DISTINCT r.person_id::text AS id FROM ${currentRoles} r
    WHERE r.org_id = ${orgId} AND r.role = ANY(string_to_array(${cadres ? CADRE_ROLES : STAFF_ROLES}, ','))`)
  return found.map((r) => r.id)
}

/** The community (or village) of the person's home or work: the point their errands go to by default. */
export async function homePoint(ex: Executor, personId: string) {
  return firstRow<{ id: string }>(ex, sql`SELECT c.id::text FROM ${currentRoles} r JOIN ${orgTree} n ON n.id = r.org_id
    JOIN ${orgTree} c ON c.path @> n.path AND c.kind IN ('community','village') AND c.deleted_at IS NULL
    WHERE r.person_id = ${personId} ORDER BY (r.role = 'resident') DESC, r.id LIMIT 1`)
}

/** The nearest desk above a node (a street's station above a point, the district's centre above a station). */
export async function deskAbove(ex: Executor, path: string) {
  return firstRow<{ id: string; name: string; kind: string; path: string }>(ex, sql`SELECT id::text, name, kind, path::text FROM ${orgTree} o
    WHERE o.path @> ${path}::ltree AND o.path <> ${path}::ltree AND o.kind IN ('district','street','community','village') AND o.deleted_at IS NULL
    ORDER BY nlevel(o.path) DESC LIMIT 1`)
}

/** Steps' owners other than the given people, of the steps not done (to keep or clear on a hand-off). */
export async function openStepOwners(ex: Executor, errandId: string) {
  return rows<{ id: string; ownerId: string }>(ex, sql`SELECT id::text, owner_id::text AS "ownerId" FROM errand_steps
    WHERE errand_id = ${errandId} AND done_at IS NULL AND owner_id IS NOT NULL`)
}
