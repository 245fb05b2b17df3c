// Case categories (the service list): who handles them, their clocks, whether the public sees
// them. Read by every report and transition, so each process keeps them for CATEGORY_CACHE_MS and
// empties the cache when it edits one (another instance sees an edit within that time).
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { conflict, notFound } from '../../kernel/errors.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './cases.repository.ts'
import type { CaseLevel } from './cases.schemas.ts'

const CATEGORY_CACHE_MS = 30_000

/** What a configurer writes of a category (the code and its parent come from the path). */
export type CategoryInput = Omit<repo.CategoryWrite, 'code' | 'parentCode'>

/** When the handling clock ends: `days` (working days when the category says so) after `from`. */
export function dueAfter(category: repo.CategoryRow, level: CaseLevel, from: SQL): SQL {
  const days = category.limits[level]?.handleDays ?? category.handleDays
  return category.workingDays ? sql`linli_add_workdays(${from}, ${days})` : sql`(${from}) + make_interval(days => ${days})`
}

export function presentCategory(c: repo.CategoryRow) {
  return {
    code: c.code,
    parentCode: c.parentCode,
    name: c.name,
    nameEn: c.nameEn,
    description: c.description,
    acceptHours: c.acceptHours,
    handleDays: c.handleDays,
    limits: c.limits as Record<string, { acceptHours?: number; handleDays?: number }>,
    workingDays: c.workingDays,
    revisitDays: c.revisitDays,
    departmentId: c.departmentId,
    public: c.public,
    active: c.active,
    sort: c.sort,
  }
}

export function createCategoryBook(deps: { db: Executor }) {
  const { db } = deps
  const cache = new Map<string, { row: repo.CategoryRow | undefined; at: number }>()

  /** A category by code, from the cache when it is fresh; undefined when there is none. */
  async function cached(ex: Executor, code: string) {
    const hit = cache.get(code)
    if (hit && Date.now() - hit.at < CATEGORY_CACHE_MS) return hit.row
    const row = await repo.findCategory(ex, code)
    cache.set(code, { row, at: Date.now() })
    return row
  }

  /** A category a case already has (404 when it was removed under it). */
  async function of(ex: Executor, code: string) {
    const category = await cached(ex, code)
    if (!category) throw notFound('CATEGORY_NOT_FOUND')
    return category
  }

  /** A category's department: a node the configurer may read (404 otherwise), of kind department. */
  async function assertDepartment(ctx: RequestContext, tx: Executor, departmentId: string | null | undefined) {
    if (!departmentId) return
    const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'org.read', entity: 'org', id: departmentId })
    if (org.kind !== 'department') throw notFound('ORG_NOT_FOUND', [{ path: 'departmentId', message: 'cases.departmentMissing' }])
  }

  return {
    cached,
    of,

    async list(ctx: RequestContext, all: boolean) {
      const list = await repo.listCategories(db, all && can(ctx.actor, 'case.configure', null))
      return list.map(presentCategory)
    },

    async create(ctx: RequestContext, input: CategoryInput & { code: string }) {
      authorize(ctx.actor, 'case.configure', null)
      const created = await inTransaction(db, async (tx) => {
        if (await repo.findCategory(tx, input.code)) throw conflict('CATEGORY_CODE_TAKEN', {}, [{ path: 'code', message: 'cases.categoryCodeTaken' }])
        const parent = input.code.includes('.') ? input.code.split('.')[0]! : null
        if (parent && !(await repo.findCategory(tx, parent))) throw notFound('CATEGORY_NOT_FOUND', [{ path: 'code', message: 'cases.parentCategoryMissing', params: { parent } }])
        await assertDepartment(ctx, tx, input.departmentId)
        await repo.insertCategory(tx, { ...input, parentCode: parent })
        const created = presentCategory((await repo.findCategory(tx, input.code))!)
        await recordAudit(tx, ctx, { action: 'case_category.create', entity: 'case_category', entityId: null, orgPath: null, after: created })
        return created
      })
      cache.clear()
      return created
    },

    async update(ctx: RequestContext, code: string, input: Partial<CategoryInput>) {
      authorize(ctx.actor, 'case.configure', null)
      const updated = await inTransaction(db, async (tx) => {
        const before = await repo.findCategory(tx, code)
        if (!before) throw notFound('CATEGORY_NOT_FOUND')
        await assertDepartment(ctx, tx, input.departmentId)
        await repo.updateCategory(tx, code, input)
        const after = presentCategory((await repo.findCategory(tx, code))!)
        await recordAudit(tx, ctx, { action: 'case_category.update', entity: 'case_category', entityId: null, orgPath: null, before: presentCategory(before), after })
        return after
      })
      cache.clear()
      return updated
    },
  }
}

export type CategoryBook = ReturnType<typeof createCategoryBook>
