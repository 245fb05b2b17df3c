// Every id that names a record passes one check, wherever it arrives (path, query string or
// body), for the action being done, before anything is written: in the manner of Immich's
// `requireAccess({ permission, ids })`. The module that owns a kind of record registers how to
// load the policy subjects of its ids (`defineAccessLoader`); a service asks for a permission
// (a policy action of kernel/policy.ts) on the ids it was handed and gets the subjects back.
//
// What the caller may not even read answers the same 404 as an id that does not exist, so a
// refusal never tells whether a record exists outside the caller's scope.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from './db/client.ts'
import type { Actor } from './context.ts'
import { can, requireSignedIn } from './policy.ts'
import { forbidden, notFound } from './errors.ts'
import type { ErrorCode } from './messages.ts'

export interface AccessLoader<S> {
  /** The subjects of those ids that exist (absent ids are left out of the map). */
  load(ex: Executor, ids: readonly string[]): Promise<Map<string, S>>
  /** The answer for an id that does not exist or that the caller may not read. */
  notFound: ErrorCode
  /** The policy a caller needs to learn that a record exists; failing it answers `notFound`. */
  read?: string
}

const loaders = new Map<string, AccessLoader<unknown>>()

/** The ids a loader was handed, as one bigint[] parameter: `WHERE t.id = ANY(${idArray(ids)})`. */
export const idArray = (ids: readonly string[]): SQL => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`

/** Registers how the ids of one kind of record ("org", "person", "case", …) are loaded. */
export function defineAccessLoader<S>(entity: string, loader: AccessLoader<S>): void {
  if (loaders.has(entity)) throw new Error(`access loader ${entity} defined twice`)
  loaders.set(entity, loader as AccessLoader<unknown>)
}

export interface AccessRequest {
  /** The policy action being done on each record, e.g. "resident.manage" or "person.manage". */
  permission: string
  /** The ids as they arrived; null and undefined (an optional field left out) are skipped. */
  ids: readonly (string | null | undefined)[]
  /** The kind of record the ids name; by default the permission's first word ("org.update" → "org"). */
  entity?: string
  /** Answer 404 instead of 403 also when the record is readable (for reads and hidden writes). */
  hide?: boolean
}

// Ids are bigint identities; anything else cannot name a record.
const ID = /^[1-9][0-9]{0,18}$/

/**
 * Throws unless the actor may do `permission` on every record named by `ids`; returns their
 * subjects by id. Call it inside the write's transaction, before anything is written.
 */
export async function requireAccess<S>(ex: Executor, actor: Actor, request: AccessRequest): Promise<Map<string, S>> {
  requireSignedIn(actor)
  const entity = request.entity ?? request.permission.split('.')[0]!
  const loader = loaders.get(entity) as AccessLoader<S> | undefined
  if (!loader) throw new Error(`no access loader for ${entity}`)
  const ids = [...new Set(request.ids.filter((id): id is string => id !== null && id !== undefined))]
  if (ids.length === 0) return new Map()
  if (ids.some((id) => !ID.test(id))) throw notFound(loader.notFound)
  const subjects = await loader.load(ex, ids)
  for (const id of ids) {
    const subject = subjects.get(id)
    if (subject === undefined) throw notFound(loader.notFound)
    if (loader.read && !can(actor, loader.read, subject)) throw notFound(loader.notFound)
  }
  for (const id of ids) {
    if (!can(actor, request.permission, subjects.get(id)!)) throw request.hide ? notFound(loader.notFound) : forbidden()
  }
  return subjects
}

/** The one subject of a single id (see `requireAccess`). */
export async function requireAccessOne<S>(ex: Executor, actor: Actor, request: Omit<AccessRequest, 'ids'> & { id: string }): Promise<S> {
  const found = await requireAccess<S>(ex, actor, { ...request, ids: [request.id] })
  return found.get(request.id)!
}
