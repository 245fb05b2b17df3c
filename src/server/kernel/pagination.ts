// Keyset pagination: lists answer {"items":[…],"nextCursor":…}; the cursor is opaque to clients.
import { z } from 'zod'
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

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => Record<string, string | number>): Page<T> {
  const more = rows.length > limit
  const kept = more ? rows.slice(0, limit) : rows
  const last = kept.at(-1)
  return { items: kept.map(map), nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null }
}

export const idCursor = z.object({ id: z.string().regex(/^\d+$/) })
