// Keyset pagination: lists answer {"items":[…],"nextCursor":…}; the cursor is opaque to clients.
import { z } from 'zod'
import { sql } from 'drizzle-orm'
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
 * The column that counts a list: on its first page (no cursor) every row carries how many rows
 * match in all (a window over the filtered rows, taken before LIMIT), named `total`. Later pages
 * do not pay for it; the client keeps the first page's figure.
 */
export const totalColumn = (afterKey: unknown) => (afterKey === undefined || afterKey === null ? sql`, count(*) OVER ()::int AS "total"` : sql``)

/** `toPage` for a query that selected `totalColumn`: the first page says its total (0 when empty). */
export function toCountedPage<R extends object, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => Record<string, string | number>, first: boolean): Page<T> {
  const total = (rows[0] as { total?: number } | undefined)?.total ?? 0
  const page = toPage(rows, limit, (r) => {
    const { total: _, ...row } = r as R & { total?: number }
    return map(row as R)
  }, key)
  return first ? { ...page, total } : page
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => Record<string, string | number>): Page<T> {
  const more = rows.length > limit
  const kept = more ? rows.slice(0, limit) : rows
  const last = kept.at(-1)
  return { items: kept.map(map), nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null }
}

export const idCursor = z.object({ id: z.string().regex(/^\d+$/) })
