// Queries of funds, the figures per community and social organisations. First argument
// `db | tx`; no HTTP, no permission logic.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { activePairings, unitRows, unitStaff } from '../units/units.read.ts'
import type { FundSource, ProjectKind, ProjectState } from './funds.schemas.ts'

export interface FundRow {
  id: string
  orgId: string
  orgName: string
  orgPath: string
  year: number
  source: FundSource
  name: string
  amountYuan: number
  unitId: string | null
  unitName: string | null
  governanceMinPct: number | null
  note: string | null
  committedYuan: number
  spentYuan: number
  governanceYuan: number
  projects: number
}

/** Budgets of live projects count as committed; a cancelled or rejected one gives its money back. */
const live = sql`p.state IN ('budgeted','done')`

const fundColumns = sql`f.id::text, f.org_id::text AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", f.year, f.source, f.name,
  f.amount_yuan::float8 AS "amountYuan", f.unit_id::text AS "unitId", u.name AS "unitName", f.governance_min_pct AS "governanceMinPct", f.note,
  coalesce((SELECT sum(p.budget_yuan) FROM fund_projects p WHERE p.fund_id = f.id AND ${live}), 0)::float8 AS "committedYuan",
  coalesce((SELECT sum(e.amount_yuan) FROM fund_expenses e JOIN fund_projects p ON p.id = e.project_id WHERE p.fund_id = f.id), 0)::float8 AS "spentYuan",
  coalesce((SELECT sum(p.budget_yuan) FROM fund_projects p WHERE p.fund_id = f.id AND ${live} AND p.governance), 0)::float8 AS "governanceYuan",
  (SELECT count(*) FROM fund_projects p WHERE p.fund_id = f.id AND ${live})::int AS projects`

const fundJoins = sql`FROM funds f JOIN ${orgTree} o ON o.id = f.org_id LEFT JOIN ${unitRows} u ON u.id = f.unit_id`

export async function listFunds(ex: Executor, path: string, year: number): Promise<FundRow[]> {
  return rows<FundRow>(ex, sql`SELECT ${fundColumns} ${fundJoins} WHERE o.path <@ ${path}::ltree AND f.year = ${year} AND f.deleted_at IS NULL
    ORDER BY o.path, array_position(ARRAY['party_work','service','member_activity','special','co_building'], f.source), f.id LIMIT 1000`)
}

export async function findFund(ex: Executor, id: string): Promise<FundRow | undefined> {
  return firstRow<FundRow>(ex, sql`SELECT ${fundColumns} ${fundJoins} WHERE f.id = ${id} AND f.deleted_at IS NULL`)
}

export async function insertFund(ex: Executor, f: { orgId: string; year: number; source: FundSource; name: string; amountYuan: number; unitId: string | null; governanceMinPct: number | null; note: string | null; createdBy: string }): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO funds (org_id, year, source, name, amount_yuan, unit_id, governance_min_pct, note, created_by)
    VALUES (${f.orgId}, ${f.year}, ${f.source}, ${f.name}, ${f.amountYuan}, ${f.unitId}, ${f.governanceMinPct}, ${f.note}, ${f.createdBy}) RETURNING id::text`)
  return r!.id
}

export async function updateFund(ex: Executor, id: string, f: { name: string; amountYuan: number; governanceMinPct: number | null; note: string | null }): Promise<void> {
  await ex.execute(sql`UPDATE funds SET name = ${f.name}, amount_yuan = ${f.amountYuan}, governance_min_pct = ${f.governanceMinPct}, note = ${f.note}, updated_at = now() WHERE id = ${id}`)
}

/**
 * Locks the fund row and sums what live projects hold of it: concurrent budgetings of the same
 * fund queue on the lock, so the second sees the first's budget and cannot overdraw the fund.
 */
export async function lockFund(ex: Executor, id: string, exceptProject?: string) {
  const f = await firstRow<{ name: string; orgPath: string; year: number; amountYuan: number }>(ex, sql`SELECT f.name, o.path::text AS "orgPath", f.year, f.amount_yuan::float8 AS "amountYuan"
    FROM funds f JOIN ${orgTree} o ON o.id = f.org_id WHERE f.id = ${id} AND f.deleted_at IS NULL FOR UPDATE OF f`)
  if (!f) return undefined
  const c = await firstRow<{ committed: number }>(ex, sql`SELECT coalesce(sum(p.budget_yuan), 0)::float8 AS committed FROM fund_projects p
    WHERE p.fund_id = ${id} AND ${live} ${exceptProject ? sql`AND p.id <> ${exceptProject}` : sql``}`)
  return { ...f, committedYuan: c!.committed }
}

/** Whether the unit has an active pairing with the community (or any node above or below it). */
export async function pairedWith(ex: Executor, unitId: string, path: string): Promise<boolean> {
  const r = await firstRow<{ ok: boolean }>(ex, sql`SELECT EXISTS (SELECT 1 FROM ${activePairings} pa JOIN ${orgTree} c ON c.id = pa.community_id
    WHERE pa.unit_id = ${unitId} AND (c.path <@ ${path}::ltree OR c.path @> ${path}::ltree)) AS ok`)
  return r!.ok
}

/** The communities (and villages) under a node, or the node itself when it is one. */
export async function communitiesUnder(ex: Executor, path: string): Promise<{ id: string; name: string; path: string }[]> {
  return rows(ex, sql`SELECT c.id::text, c.name, c.path::text FROM ${orgTree} c WHERE c.kind IN ('community','village') AND c.deleted_at IS NULL
    AND (c.path <@ ${path}::ltree OR c.path @> ${path}::ltree) ORDER BY c.path LIMIT 500`)
}

/** Projects' money under a node in a year (live and proposed ones; not rejected or cancelled). */
export async function projectMoney(ex: Executor, path: string, year: number) {
  return rows<{ path: string; kind: ProjectKind; state: ProjectState; governance: boolean; fundSource: FundSource | null; fundMinPct: number | null; budgetYuan: number; spentYuan: number }>(ex, sql`SELECT
      o.path::text, p.kind, p.state, p.governance, f.source AS "fundSource", f.governance_min_pct AS "fundMinPct", p.budget_yuan::float8 AS "budgetYuan",
      coalesce((SELECT sum(e.amount_yuan) FROM fund_expenses e WHERE e.project_id = p.id), 0)::float8 AS "spentYuan"
    FROM fund_projects p JOIN ${orgTree} o ON o.id = p.org_id LEFT JOIN funds f ON f.id = p.fund_id
    WHERE o.path <@ ${path}::ltree AND p.year = ${year} AND p.state NOT IN ('rejected','cancelled')`)
}

/** Social organisations registered under a node, with their profile (if any). */
export async function socialOrgs(ex: Executor, path: string) {
  return rows<{ unitId: string; unitName: string; orgId: string; orgName: string; services: string[] | null; stage: 'incubating' | 'hatched' | 'registered' | null; incubatedOn: string | null; hatchedOn: string | null; note: string | null }>(ex, sql`SELECT
      u.id::text AS "unitId", u.name AS "unitName", o.id::text AS "orgId", o.name AS "orgName", s.services, s.stage, s.incubated_on::text AS "incubatedOn", s.hatched_on::text AS "hatchedOn", s.note
    FROM ${unitRows} u JOIN ${orgTree} o ON o.id = u.org_id LEFT JOIN social_orgs s ON s.unit_id = u.id
    WHERE u.kind = 'social_organisation' AND u.deleted_at IS NULL AND o.path <@ ${path}::ltree ORDER BY u.name, u.id LIMIT 500`)
}

/** The social organisations a person acts for, with the community (or village) each is registered in. */
export async function socialOrgsOf(ex: Executor, personId: string) {
  return rows<{ unitId: string; unitName: string; orgId: string; orgName: string }>(ex, sql`SELECT u.id::text AS "unitId", u.name AS "unitName", c.id::text AS "orgId", c.name AS "orgName"
    FROM ${unitStaff} s JOIN ${unitRows} u ON u.id = s.unit_id JOIN ${orgTree} o ON o.id = u.org_id
      JOIN ${orgTree} c ON c.path @> o.path AND c.kind IN ('community', 'village') AND c.deleted_at IS NULL
    WHERE s.person_id = ${personId} AND u.kind = 'social_organisation' AND u.deleted_at IS NULL ORDER BY u.name, u.id LIMIT 50`)
}

/** The projects run by the given units. */
export async function projectsOfUnits(ex: Executor, unitIds: string[]) {
  if (!unitIds.length) return []
  return rows<{ id: string; unitId: string; title: string; state: ProjectState; budgetYuan: number; spentYuan: number }>(ex, sql`SELECT p.id::text, p.unit_id::text AS "unitId", p.title, p.state,
      p.budget_yuan::float8 AS "budgetYuan", coalesce((SELECT sum(e.amount_yuan) FROM fund_expenses e WHERE e.project_id = p.id), 0)::float8 AS "spentYuan"
    FROM fund_projects p WHERE p.unit_id = ANY(string_to_array(${unitIds.join(',')}, ',')::bigint[]) ORDER BY p.id DESC`)
}

export async function upsertSocialOrg(ex: Executor, unitId: string, s: { services: string[]; stage: string; incubatedOn: string | null; hatchedOn: string | null; note: string | null }): Promise<void> {
  const services = s.services.length ? sql`ARRAY[${sql.join(s.services.map((x) => sql`${x}`), sql`, `)}]::text[]` : sql`'{}'::text[]`
  await ex.execute(sql`INSERT INTO social_orgs (unit_id, services, stage, incubated_on, hatched_on, note)
    VALUES (${unitId}, ${services}, ${s.stage}, ${s.incubatedOn}, ${s.hatchedOn}, ${s.note})
    ON CONFLICT (unit_id) DO UPDATE SET services = excluded.services, stage = excluded.stage, incubated_on = excluded.incubated_on,
      hatched_on = excluded.hatched_on, note = excluded.note, updated_at = EXCLUDED.updated_at`)
}
