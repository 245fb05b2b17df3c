// Queries of case categories (the service list) and the department that handles each one.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { CaseLevel } from './cases.schemas.ts'

export interface CategoryRow {
  code: string
  parentCode: string | null
  name: string
  nameEn: string
  description: string | null
  acceptHours: number
  handleDays: number
  limits: Partial<Record<CaseLevel, { acceptHours?: number; handleDays?: number }>>
  workingDays: boolean
  revisitDays: number
  departmentId: string | null
  public: boolean
  active: boolean
  sort: number
}

const categoryColumns = sql`code, parent_code AS "parentCode", name, name_en AS "nameEn", description, accept_hours AS "acceptHours", handle_days AS "handleDays", limits, working_days AS "workingDays",
  revisit_days AS "revisitDays", department_id::text AS "departmentId", public, active, sort`

export async function listCategories(ex: Executor, includeInactive: boolean) {
  return rows<CategoryRow>(ex, sql`SELECT ${categoryColumns} FROM case_categories
    ${includeInactive ? sql`` : sql`WHERE active AND public`} ORDER BY sort, code`)
}

export async function findCategory(ex: Executor, code: string) {
  return firstRow<CategoryRow>(ex, sql`SELECT ${categoryColumns} FROM case_categories WHERE code = ${code}`)
}

export interface CategoryWrite {
  code: string
  parentCode: string | null
  name: string
  nameEn: string
  description?: string | null
  acceptHours: number
  handleDays: number
  limits?: Partial<Record<CaseLevel, { acceptHours?: number; handleDays?: number }>>
  workingDays: boolean
  revisitDays: number
  departmentId?: string | null
  public: boolean
  active: boolean
  sort: number
}

export async function insertCategory(ex: Executor, c: CategoryWrite) {
  await ex.execute(sql`INSERT INTO case_categories (code, parent_code, name, name_en, description, accept_hours, handle_days, limits,
      working_days, revisit_days, department_id, public, active, sort)
    VALUES (${c.code}, ${c.parentCode}, ${c.name}, ${c.nameEn}, ${c.description ?? null}, ${c.acceptHours}, ${c.handleDays},
      ${JSON.stringify(c.limits ?? {})}::jsonb, ${c.workingDays}, ${c.revisitDays}, ${c.departmentId ?? null}, ${c.public}, ${c.active}, ${c.sort})`)
}

/** Sets the fields given (undefined: left as it is). */
export async function updateCategory(ex: Executor, code: string, c: Partial<Omit<CategoryWrite, 'code' | 'parentCode'>>) {
  const value = <T,>(v: T | undefined, cast?: (v: T) => SQL) => (v === undefined ? undefined : cast ? cast(v) : sql`${v}`)
  const columns: Record<string, SQL | undefined> = {
    name: value(c.name),
    name_en: value(c.nameEn),
    description: value(c.description),
    accept_hours: value(c.acceptHours),
    handle_days: value(c.handleDays),
    limits: value(c.limits, (v) => sql`${JSON.stringify(v)}::jsonb`),
    working_days: value(c.workingDays),
    revisit_days: value(c.revisitDays),
    department_id: value(c.departmentId),
    public: value(c.public),
    active: value(c.active),
    sort: value(c.sort),
  }
  const sets = Object.entries(columns).flatMap(([k, v]) => (v ? [sql`${sql.identifier(k)} = ${v}`] : []))
  if (sets.length) await ex.execute(sql`UPDATE case_categories SET ${sql.join(sets, sql`, `)}, updated_at = now() WHERE code = ${code}`)
}

/** The department that handles a category: its own, else its parent's. */
export async function departmentFor(ex: Executor, code: string) {
  return firstRow<{ id: string; path: string; name: string }>(ex, sql`
    SELECT o.id::text, o.path::text, o.name FROM case_categories c
    LEFT JOIN case_categories p ON p.code = c.parent_code
    JOIN ${orgTree} o ON o.id = coalesce(c.department_id, p.department_id) AND o.deleted_at IS NULL
    WHERE c.code = ${code}`)
}

