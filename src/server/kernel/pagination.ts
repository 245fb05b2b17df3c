// Keyset pagination: lists answer {"items":[…],"nextCursor":…}; the cursor is opaque to clients.
import { z } from 'zod'
import { sql, type SQL } from 'drizzle-orm'
import { badRequest } from './errors.ts'

import type { Page } from './contract.ts'
export { pageQuery, type Page } from './contract.ts'

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.infer<T> | undefined {
  if (cursor === undefined) return undefined
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
  } catch {
    throw badRequest('VALIDATION_FAILED', {}, [{ path: 'cursor', message: '分页游标无效' }])
  }
}

/**
 * Counting stops here: a list with more matches says "more than 10,000" (`totalCapped`), so the
 * first page of a district-wide list never reads a million rows to count them.
 */
export const TOTAL_CAP = 10_000

/**
 * A list's page of ids, and on its first page (no cursor) how many match, up to TOTAL_CAP + 1,
 * as the column `total` of every row. `inner` selects `id` in list order (its ORDER BY included);
 * `order` orders the ids again (`ids.id` or `ids.id DESC`). Join the page's columns to it after.
 */
export function countedIds(inner: SQL, order: SQL, limit: number, first: boolean): SQL {
  return first
    ? sql`(SELECT ids.id, count(*) OVER ()::int AS "total" FROM (${inner} LIMIT ${TOTAL_CAP + 1}) ids ORDER BY ${order} LIMIT ${limit + 1})`
    : sql`(${inner} LIMIT ${limit + 1})`
}

/** How many rows `fromWhere` (FROM … WHERE …) matches, up to TOTAL_CAP + 1. */
export const countUpTo = (fromWhere: SQL) => sql`SELECT count(*)::int AS n FROM (SELECT 1 ${fromWhere} LIMIT ${TOTAL_CAP + 1}) x`

/** The first page's count as the API answers it: exact up to the cap, else the cap and `totalCapped`. */
export function totalOf(n: number): { total: number; totalCapped?: true } {
  return n > TOTAL_CAP ? { total: TOTAL_CAP, totalCapped: true } : { total: n }
}

/** `toPage` for rows that carry `countedIds`' `total`: the first page says its total (0 when empty). */
export function toCountedPage<R extends object, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => Record<string, string | number>, first: boolean): Page<T> {
  const total = (rows[0] as { total?: number } | undefined)?.total ?? 0
  const page = toPage(rows, limit, (r) => {
    const { total: _, ...row } = r as R & { total?: number }
    return map(row as R)
  }, key)
  return first ? { ...page, ...totalOf(total) } : page
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => Record<string, string | number>): Page<T> {
  const more = rows.length > limit
  const kept = more ? rows.slice(0, limit) : rows
  const last = kept.at(-1)
  return { items: kept.map(map), nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null }
}

export const idCursor = z.object({ id: z.string().regex(/^\d+$/) })
