// Who is calling and from where: built once per request, passed to every service call.
import type { Role } from './policy.ts'

export interface ActiveRole {
  role: Role
  orgId: string
  orgPath: string
}

export interface Actor {
  kind: 'person' | 'token' | 'anonymous'
  personId: string | null
  personName: string | null
  accountId: string | null
  sessionId: string | null
  tokenId: string | null
  roles: ActiveRole[]
  mustChangePassword: boolean
  totpSetupRequired: boolean
  /** The request carried a session cookie that has expired or ended. */
  sessionExpired: boolean
}

export interface RequestContext {
  actor: Actor
  ip: string | null
  userAgent: string | null
  requestId: string | null
}

export const anonymousActor: Actor = {
  kind: 'anonymous',
  personId: null,
  personName: null,
  accountId: null,
  sessionId: null,
  tokenId: null,
  roles: [],
  mustChangePassword: false,
  totpSetupRequired: false,
  sessionExpired: false,
}

/** A context for work the system does itself (start-up seeding, the scheduler). */
export function systemContext(): RequestContext {
  return { actor: anonymousActor, ip: null, userAgent: 'linli-system', requestId: null }
}
