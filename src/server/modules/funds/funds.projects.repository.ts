// Queries of projects, their expenses, pledges and timelines. First argument `db | tx`; no HTTP,
// no permission logic (callers pass the filters their permission check decided).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { countUpTo } from '../../kernel/pagination.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'
import { attachmentRows } from '../files/files.read.ts'
import { publicResolutions } from '../deliberation/deliberation.read.ts'
import { projectUnitPeople } from './funds.access.ts'
import type { FundSource, ProjectKind, ProjectState } from './funds.schemas.ts'

export interface FileRef { id: string; sha256: string }

export interface ProjectRow {
  id: string
  orgId: string
  orgName: string
  orgPath: string
  year: number
  kind: ProjectKind
  state: ProjectState
  title: string
  summary: string | null
  governance: boolean
  proposedBy: 'residents' | 'social_organisation' | 'community'
  unitId: string | null
  unitName: string | null
  unitPersonIds: string[]
  resolutionId: string | null
  resolutionTitle: string | null
  fundId: string | null
  fundName: string | null
  fundSource: FundSource | null
  budgetYuan: number
  targetYuan: number | null
  spentYuan: number
  pledgedYuan: number
  receivedYuan: number
  progress: number
  evidence: FileRef[]
  doneNote: string | null
  decidedAt: string | null
  doneAt: string | null
  createdAt: string
}

/** Money a project may spend: its budget and the pledges received for it. */
export const LIVE_PROJECT_STATES = ['budgeted', 'done']

const columns = sql`p.id::text, p.org_id::text AS "orgId", c.name AS "orgName", c.path::text AS "orgPath", p.year, p.kind, p.state, p.title, p.summary,
  p.governance, p.proposed_by AS "proposedBy", p.unit_id::text AS "unitId", u.name AS "unitName", ${projectUnitPeople} AS "unitPersonIds",
  p.resolution_id::text AS "resolutionId", r.title AS "resolutionTitle", p.fund_id::text AS "fundId", f.name AS "fundName", f.source AS "fundSource",
  p.budget_yuan::float8 AS "budgetYuan", p.target_yuan::float8 AS "targetYuan",
  (SELECT coalesce(sum(e.amount_yuan), 0)::float8 FROM fund_expenses e WHERE e.project_id = p.id) AS "spentYuan",
  (SELECT coalesce(sum(g.amount_yuan), 0)::float8 FROM fund_pledges g WHERE g.project_id = p.id AND g.state <> 'withdrawn') AS "pledgedYuan",
  (SELECT coalesce(sum(g.amount_yuan), 0)::float8 FROM fund_pledges g WHERE g.project_id = p.id AND g.state = 'received') AS "receivedYuan",
  p.progress, coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256) ORDER BY a.id) FROM ${attachmentRows} a
    WHERE a.id = ANY(p.evidence_photo_ids)), '[]'::json) AS evidence,
  p.done_note AS "doneNote", p.decided_at::text AS "decidedAt", p.done_at::text AS "doneAt", p.created_at::text AS "createdAt"`

const joins = sql`FROM fund_projects p JOIN ${orgTree} c ON c.id = p.org_id LEFT JOIN ${unitRows} u ON u.id = p.unit_id
  LEFT JOIN ${publicResolutions} r ON r.id = p.resolution_id LEFT JOIN funds f ON f.id = p.fund_id`

export async function findProject(ex: Executor, id: string): Promise<ProjectRow | undefined> {
  return firstRow<ProjectRow>(ex, sql`SELECT ${columns} ${joins} WHERE p.id = ${id}`)
}

export interface ProjectFilter {
  underPath: string
  year?: number
  kind?: ProjectKind
  state?: ProjectState
  states?: readonly ProjectState[]
  fundId?: string
}

function whereOf(f: ProjectFilter): SQL {
  const conds: SQL[] = [sql`c.path <@ ${f.underPath}::ltree`]
  if (f.year) conds.push(sql`p.year = ${f.year}`)
  if (f.kind) conds.push(sql`p.kind = ${f.kind}`)
  if (f.state) conds.push(sql`p.state = ${f.state}`)
  if (f.states) conds.push(sql`p.state = ANY(string_to_array(${f.states.join(',')}, ','))`)
  if (f.fundId) conds.push(sql`p.fund_id = ${f.fundId}`)
  return sql.join(conds, sql` AND `)
}

export async function listProjects(ex: Executor, f: ProjectFilter, after: string | undefined, limit: number): Promise<ProjectRow[]> {
  return rows<ProjectRow>(ex, sql`SELECT ${columns} ${joins} WHERE ${whereOf(f)} ${after ? sql`AND p.id < ${after}` : sql``}
    ORDER BY p.id DESC LIMIT ${limit + 1}`)
}

export async function countProjects(ex: Executor, f: ProjectFilter): Promise<number> {
  return (await firstRow<{ n: number }>(ex, countUpTo(sql`FROM fund_projects p JOIN ${orgTree} c ON c.id = p.org_id WHERE ${whereOf(f)}`)))!.n
}

export interface ProjectInsert {
  orgId: string
  year: number
  kind: ProjectKind
  state: ProjectState
  title: string
  summary: string | null
  governance: boolean
  proposedBy: string
  unitId: string | null
  resolutionId: string | null
  targetYuan: number | null
  createdBy: string
}

export async function insertProject(ex: Executor, p: ProjectInsert): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO fund_projects (org_id, year, kind, state, title, summary, governance, proposed_by, unit_id, resolution_id, target_yuan, created_by, decided_at)
    VALUES (${p.orgId}, ${p.year}, ${p.kind}, ${p.state}, ${p.title}, ${p.summary}, ${p.governance}, ${p.proposedBy}, ${p.unitId}, ${p.resolutionId}, ${p.targetYuan}, ${p.createdBy},
      ${p.state === 'decided' ? sql`now()` : sql`NULL`}) RETURNING id::text`)
  return r!.id
}

/** Locks the project row for a transition or a spending check; its state and money as they stand. */
export async function lockProject(ex: Executor, id: string) {
  return firstRow<{ state: ProjectState; kind: ProjectKind; orgId: string; year: number; title: string; budgetYuan: number; targetYuan: number | null; progress: number }>(ex, sql`SELECT state, kind,
    org_id::text AS "orgId", year, title, budget_yuan::float8 AS "budgetYuan", target_yuan::float8 AS "targetYuan", progress FROM fund_projects WHERE id = ${id} FOR UPDATE`)
}

/** Moves the (locked) project to `to` with the columns given. */
export async function moveProject(ex: Executor, id: string, to: ProjectState, sets: SQL[] = []): Promise<void> {
  await ex.execute(sql`UPDATE fund_projects SET state = ${to}, updated_at = now()${sets.length ? sql`, ${sql.join(sets, sql`, `)}` : sql``} WHERE id = ${id}`)
}

export async function insertEvent(ex: Executor, e: { projectId: string; actorId: string | null; action: string; from: ProjectState | null; to: ProjectState; note?: string | null; data?: Record<string, unknown> }): Promise<void> {
  await ex.execute(sql`INSERT INTO fund_project_events (project_id, actor_id, action, from_state, to_state, note, data)
    VALUES (${e.projectId}, ${e.actorId}, ${e.action}, ${e.from}, ${e.to}, ${e.note ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb)`)
}

export async function eventsOf(ex: Executor, projectId: string) {
  return rows<{ id: string; action: string; from: string | null; to: string; actorId: string | null; actorName: string | null; note: string | null; at: string }>(ex, sql`SELECT e.id::text,
      e.action, e.from_state AS "from", e.to_state AS "to", e.actor_id::text AS "actorId", n.name AS "actorName", e.note, e.at::text AS at
    FROM fund_project_events e LEFT JOIN ${personNames} n ON n.id = e.actor_id WHERE e.project_id = ${projectId} ORDER BY e.id`)
}

/** Spent so far, pledges standing (not withdrawn) and received of a project (call with the project row locked). */
export async function moneyOf(ex: Executor, projectId: string) {
  return (await firstRow<{ spent: number; pledged: number; received: number }>(ex, sql`SELECT
      (SELECT coalesce(sum(amount_yuan), 0)::float8 FROM fund_expenses WHERE project_id = ${projectId}) AS spent,
      (SELECT coalesce(sum(amount_yuan), 0)::float8 FROM fund_pledges WHERE project_id = ${projectId} AND state <> 'withdrawn') AS pledged,
      (SELECT coalesce(sum(amount_yuan), 0)::float8 FROM fund_pledges WHERE project_id = ${projectId} AND state = 'received') AS received`))!
}

const bigints = (ids: string[]) => (ids.length ? sql`string_to_array(${ids.join(',')}, ',')::bigint[]` : sql`'{}'::bigint[]`)
export { bigints }

export async function insertExpense(ex: Executor, e: { projectId: string; amountYuan: number; spentOn: string; item: string; payee: string | null; receiptPhotoIds: string[]; recordedBy: string }): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO fund_expenses (project_id, amount_yuan, spent_on, item, payee, receipt_photo_ids, recorded_by)
    VALUES (${e.projectId}, ${e.amountYuan}, ${e.spentOn}, ${e.item}, ${e.payee}, ${bigints(e.receiptPhotoIds)}, ${e.recordedBy}) RETURNING id::text`)
  return r!.id
}

export interface ExpenseRow { id: string; projectId: string; amountYuan: number; spentOn: string; item: string; payee: string | null; receipts: FileRef[]; recordedBy: string | null; recordedByName: string | null; createdAt: string }

export async function expensesOf(ex: Executor, projectIds: string[]): Promise<ExpenseRow[]> {
  if (!projectIds.length) return []
  return rows<ExpenseRow>(ex, sql`SELECT e.id::text, e.project_id::text AS "projectId", e.amount_yuan::float8 AS "amountYuan", e.spent_on::text AS "spentOn", e.item, e.payee,
      coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256) ORDER BY a.id) FROM ${attachmentRows} a WHERE a.id = ANY(e.receipt_photo_ids)), '[]'::json) AS receipts,
      e.recorded_by::text AS "recordedBy", n.name AS "recordedByName", e.created_at::text AS "createdAt"
    FROM fund_expenses e LEFT JOIN ${personNames} n ON n.id = e.recorded_by WHERE e.project_id = ANY(${bigints(projectIds)}) ORDER BY e.spent_on, e.id`)
}

export interface PledgeRow { id: string; projectId: string; state: 'pledged' | 'received' | 'withdrawn'; personId: string; personName: string; unitId: string | null; unitName: string | null; amountYuan: number; anonymous: boolean; note: string | null; confirmedAt: string | null; createdAt: string }

export async function pledgesOf(ex: Executor, projectIds: string[]): Promise<PledgeRow[]> {
  if (!projectIds.length) return []
  return rows<PledgeRow>(ex, sql`SELECT g.id::text, g.project_id::text AS "projectId", g.state, g.person_id::text AS "personId", n.name AS "personName",
      g.unit_id::text AS "unitId", u.name AS "unitName", g.amount_yuan::float8 AS "amountYuan", g.anonymous, g.note, g.confirmed_at::text AS "confirmedAt", g.created_at::text AS "createdAt"
    FROM fund_pledges g JOIN ${personNames} n ON n.id = g.person_id LEFT JOIN ${unitRows} u ON u.id = g.unit_id
    WHERE g.project_id = ANY(${bigints(projectIds)}) ORDER BY g.id`)
}

export async function insertPledge(ex: Executor, g: { projectId: string; personId: string; unitId: string | null; amountYuan: number; anonymous: boolean; note: string | null }): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO fund_pledges (project_id, person_id, unit_id, amount_yuan, anonymous, note)
    VALUES (${g.projectId}, ${g.personId}, ${g.unitId}, ${g.amountYuan}, ${g.anonymous}, ${g.note}) RETURNING id::text`)
  return r!.id
}

/** Moves a pledge out of `pledged`; false when another request moved it first. */
export async function movePledge(ex: Executor, id: string, to: 'received' | 'withdrawn', by: string): Promise<{ projectId: string; amountYuan: number } | undefined> {
  return firstRow(ex, sql`UPDATE fund_pledges SET state = ${to}, updated_at = now()${to === 'received' ? sql`, confirmed_by = ${by}, confirmed_at = now()` : sql``}
    WHERE id = ${id} AND state = 'pledged' RETURNING project_id::text AS "projectId", amount_yuan::float8 AS "amountYuan"`)
}

/** Pledge state for messages. */
export async function pledgeState(ex: Executor, id: string) {
  return (await firstRow<{ state: 'pledged' | 'received' | 'withdrawn' }>(ex, sql`SELECT state FROM fund_pledges WHERE id = ${id}`))?.state
}

/** A resolution readable on the public board, with its org's path. */
export async function resolutionOf(ex: Executor, id: string) {
  return firstRow<{ id: string; title: string; orgPath: string }>(ex, sql`SELECT r.id::text, r.title, o.path::text AS "orgPath"
    FROM ${publicResolutions} r JOIN ${orgTree} o ON o.id = r.org_id WHERE r.id = ${id}`)
}

/** A live org node, or undefined. */
export async function orgOf(ex: Executor, id: string) {
  return firstRow<{ id: string; name: string; path: string; kind: string }>(ex, sql`SELECT o.id::text, o.name, o.path::text, o.kind FROM ${orgTree} o WHERE o.id = ${id} AND o.deleted_at IS NULL`)
}
