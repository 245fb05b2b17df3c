// Permission = role × org subtree. Modules declare rules with `definePolicy`; services call
// `authorize` first. A role held on a node reaches that node and everything below it.
import type { Actor } from './context.ts'
import { forbidden, notFound, unauthenticated } from './errors.ts'
import type { ErrorCode } from './messages.ts'

import { roleLevels, type Role } from './roles.ts'

export { roleLevels, type Role }

/** Levels with named meaning, used by the modules' policies. */
export const LEVEL = {
  admin: roleLevels.admin,
  scopeAdmin: roleLevels.street_admin,
  cadre: roleLevels.community_cadre,
  gridStaff: roleLevels.grid_worker,
  anyRole: roleLevels.resident,
} as const

/** `a` is `b` or an ancestor of `b` (ltree `a @> b`), on id paths like "1.2.17". */
export function isAncestorOrSelf(a: string, b: string): boolean {
  return a === b || b.startsWith(a + '.')
}

/** The highest level the actor holds on `path` or any ancestor of it. 0 when none. */
export function levelAt(actor: Actor, path: string): number {
  let best = 0
  for (const r of actor.roles) {
    if (isAncestorOrSelf(r.orgPath, path)) best = Math.max(best, roleLevels[r.role])
  }
  return best
}

/** The org paths where the actor holds a role of at least `minLevel`: the roots of what they may see. */
export function scopesOf(actor: Actor, minLevel: number = LEVEL.anyRole): string[] {
  const paths = actor.roles.filter((r) => roleLevels[r.role] >= minLevel).map((r) => r.orgPath)
  // Drop paths already covered by an ancestor, so SQL filters stay short.
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && isAncestorOrSelf(q, p)))
}

/** A scope list as one SQL-friendly string ("1.2,1.5"); use with string_to_array(…)::ltree[]. */
export function scopeParam(scopes: string[]): string {
  return scopes.join(',')
}

type Rule<S> = (actor: Actor, subject: S) => boolean

const rules = new Map<string, Rule<never>>()

export function definePolicy<S>(action: string, rule: Rule<S>): void {
  if (rules.has(action)) throw new Error(`policy ${action} defined twice`)
  rules.set(action, rule as Rule<never>)
}

export function can<S>(actor: Actor, action: string, subject: S): boolean {
  const rule = rules.get(action) as Rule<S> | undefined
  if (!rule) throw new Error(`no policy for ${action}`)
  return rule(actor, subject)
}

/**
 * Throws unless the actor may act. Reads of a single record outside the scope answer 404
 * (`hideAs`), so nobody learns that a record exists; writes answer 403.
 */
export function authorize<S>(actor: Actor, action: string, subject: S, hideAs?: ErrorCode): void {
  requireSignedIn(actor)
  if (can(actor, action, subject)) return
  throw hideAs ? notFound(hideAs) : forbidden()
}

export function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') throw unauthenticated(actor.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED')
}
