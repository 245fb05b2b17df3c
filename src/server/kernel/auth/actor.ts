// Resolves the caller of each request (session cookie or bearer token) into an Actor, in one
// query, and enforces CSRF and the "change your password first" restriction.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../db/client.ts'
import { anonymousActor, type Actor, type ActiveRole, type RequestContext } from '../context.ts'
import { forbidden, unauthenticated } from '../errors.ts'
import { roleLevels, LEVEL } from '../policy.ts'
import type { Config } from '../config.ts'
import { sha256 } from './secrets.ts'
import { isSameOrigin } from './origin.ts'

export const SESSION_COOKIE = 'linli_session'
export const CSRF_HEADER = 'x-linli-csrf'
const TOUCH_AFTER_SECONDS = 60

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext
  }
  interface FastifyContextConfig {
    /** Reachable by a caller who must first change the password or set up TOTP. */
    allowRestricted?: boolean
    /** A write anyone may send (login, register, an anonymous report); every other write needs a caller. */
    public?: boolean
  }
}

interface SessionRow {
  session_id: string
  account_id: string
  person_id: string
  name: string
  must_change_password: boolean
  totp_enabled: boolean
  mfa_required_for_admins: boolean
  stale: boolean
  roles: ActiveRole[]
}

const activeRolesOf = (personId: unknown) => sql`coalesce((
  SELECT json_agg(json_build_object('role', r.role, 'orgId', r.org_id::text, 'orgPath', o.path::text) ORDER BY r.id)
  FROM role_assignments r JOIN orgs o ON o.id = r.org_id AND o.deleted_at IS NULL
  WHERE r.person_id = ${personId} AND r.valid_from <= CURRENT_DATE
    AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)), '[]'::json)`

/** The one rule of an open session (s) of an enabled account (a): not ended, expired or idle. */
const sessionIsOpen = (idleMin: number) => sql`s.ended_at IS NULL AND s.expires_at > now()
  AND s.last_seen_at > now() - make_interval(mins => ${idleMin}) AND a.disabled_at IS NULL`

/** Which of these sessions are still open (live streams re-check theirs with it). */
export async function openSessionIds(db: Executor, ids: string[], config: Pick<Config, 'SESSION_IDLE_MIN'>): Promise<Set<string>> {
  const open = await rows<{ id: string }>(db, sql`SELECT s.id::text FROM sessions s JOIN accounts a ON a.id = s.account_id
    WHERE s.id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[]) AND ${sessionIsOpen(config.SESSION_IDLE_MIN)}`)
  return new Set(open.map((r) => r.id))
}

export async function actorFromSession(db: Executor, token: string, config: Config): Promise<Actor> {
  const hash = sha256(token)
  const row = await firstRow<SessionRow>(
    db,
    sql`SELECT s.id::text AS session_id, a.id::text AS account_id, a.person_id::text AS person_id, p.name,
               a.must_change_password, a.totp_enabled,
               coalesce((SELECT (value->>'mfaRequiredForAdmins')::boolean FROM settings WHERE key = 'security'), false)
                 AS mfa_required_for_admins,
               s.last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS}) AS stale,
               ${activeRolesOf(sql`a.person_id`)} AS roles
        FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN people p ON p.id = a.person_id
        WHERE s.token_hash = ${hash} AND ${sessionIsOpen(config.SESSION_IDLE_MIN)}`,
  )
  if (!row) {
    // A stale cookie leaves the caller anonymous; routes that need a login then say it expired.
    const known = await firstRow<{ id: string }>(db, sql`SELECT id::text FROM sessions WHERE token_hash = ${hash}`)
    return { ...anonymousActor, sessionExpired: known !== undefined }
  }
  if (row.stale) await db.execute(sql`UPDATE sessions SET last_seen_at = now() WHERE id = ${row.session_id}`)
  const isAdmin = row.roles.some((r) => roleLevels[r.role] >= LEVEL.scopeAdmin)
  return {
    kind: 'person',
    personId: row.person_id,
    personName: row.name,
    accountId: row.account_id,
    sessionId: row.session_id,
    tokenId: null,
    roles: row.roles,
    mustChangePassword: row.must_change_password,
    totpSetupRequired: row.mfa_required_for_admins && isAdmin && !row.totp_enabled,
    sessionExpired: false,
  }
}

/** The caller behind an API token: a Bearer header here, or Open311's api_key argument. */
export async function actorFromToken(db: Executor, token: string): Promise<Actor> {
  const row = await firstRow<{ id: string; role: ActiveRole['role']; org_id: string; org_path: string; stale: boolean }>(
    db,
    sql`SELECT t.id::text, t.role, t.org_id::text, o.path::text AS org_path,
               (t.last_used_at IS NULL OR t.last_used_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS})) AS stale
        FROM api_tokens t JOIN orgs o ON o.id = t.org_id AND o.deleted_at IS NULL
        WHERE t.token_hash = ${sha256(token)} AND t.revoked_at IS NULL`,
  )
  if (!row) throw unauthenticated('TOKEN_INVALID')
  if (row.stale) await db.execute(sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${row.id}`)
  return {
    ...anonymousActor,
    kind: 'token',
    tokenId: row.id,
    roles: [{ role: row.role, orgId: row.org_id, orgPath: row.org_path }],
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Browsers send Origin on cross-site writes; a custom header cannot be sent cross-site without
 * CORS. The expected origin is PUBLIC_URL's (or a listed host's), not whatever Host the request
 * names: a rebound DNS name would otherwise make any page "same-origin".
 */
function assertSameOrigin(request: FastifyRequest, config: Config): void {
  const origin = request.headers.origin
  if (origin) {
    if (!isSameOrigin(origin, request, config)) throw forbidden('CSRF_REJECTED')
    return
  }
  if (request.headers[CSRF_HEADER] === undefined) throw forbidden('CSRF_REJECTED')
}

/**
 * Resolved callers are kept for SESSION_CACHE_SEC, keyed by the hash of their cookie or token,
 * so a burst of reads costs one lookup. Every write handled by this process empties the cache
 * before its response leaves (a logout, a role change or a disabled account take effect at
 * once here); another instance may serve a cached caller for at most SESSION_CACHE_SEC.
 */
class ActorCache {
  private readonly entries = new Map<string, { actor: Actor; until: number }>()
  constructor(private readonly ttlMs: number) {}

  get(key: string): Actor | undefined {
    const hit = this.entries.get(key)
    if (!hit) return undefined
    if (hit.until < Date.now()) {
      this.entries.delete(key)
      return undefined
    }
    return hit.actor
  }

  set(key: string, actor: Actor): void {
    if (this.ttlMs <= 0 || actor.kind === 'anonymous') return
    if (this.entries.size > 10_000) this.entries.clear()
    this.entries.set(key, { actor, until: Date.now() + this.ttlMs })
  }

  clear(): void {
    this.entries.clear()
  }
}

export function installActorResolution(app: FastifyInstance, db: Executor, config: Config): void {
  const cache = new ActorCache(config.SESSION_CACHE_SEC * 1000)
  async function cached(kind: 'session' | 'token', secret: string, resolve: () => Promise<Actor>): Promise<Actor> {
    const key = `${kind}:${sha256(secret)}`
    const hit = cache.get(key)
    if (hit) return hit
    const actor = await resolve()
    cache.set(key, actor)
    return actor
  }
  // Hooks that do not wait for anything are written with `done`: an async hook costs a promise
  // and a microtask turn on every request (measured on locate, docs/performance.md).
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (!SAFE_METHODS.has(request.method)) cache.clear()
    done(null, payload)
  })
  app.decorateRequest('ctx')
  app.addHook('onRequest', (request, _reply, done) => {
    request.ctx = {
      actor: anonymousActor,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: request.id,
    }
    // Anonymous (no token, no session cookie): nothing to look up, so no promise either.
    if (!request.url.startsWith('/api/') || (request.headers.authorization === undefined && !request.cookies[SESSION_COOKIE] && SAFE_METHODS.has(request.method))) return done()
    resolveActor(request).then(() => done(), done)
  })
  async function resolveActor(request: FastifyRequest): Promise<void> {
    const authorization = request.headers.authorization
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S{10,200})$/i.exec(authorization)
      if (!match?.[1]) throw unauthenticated('TOKEN_INVALID')
      const token = match[1]
      request.ctx.actor = await cached('token', token, () => actorFromToken(db, token))
      return
    }
    if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request, config)
    const cookie = request.cookies[SESSION_COOKIE]
    if (cookie) request.ctx.actor = await cached('session', cookie, () => actorFromSession(db, cookie, config))
  }
  // Authentication comes before parsing and validation: a write without a caller answers 401
  // before its body is looked at, so a client without a session learns that first. Writes
  // anyone may send say `config: { public: true }`; reads keep answering through their
  // services (some are public, some hide records as 404). Open311 (outside /api/) keeps its own.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config.public || !request.url.startsWith('/api/')) return done(null, payload)
    const actor = request.ctx.actor
    if (actor.kind === 'anonymous') return done(unauthenticated(actor.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED'))
    done(null, payload)
  })
  app.addHook('preHandler', (request, _reply, done) => {
    const actor = request.ctx.actor
    if (request.routeOptions.config.allowRestricted) return done()
    if (actor.mustChangePassword) return done(forbidden('PASSWORD_CHANGE_REQUIRED'))
    if (actor.totpSetupRequired) return done(forbidden('TOTP_SETUP_REQUIRED'))
    done()
  })
}
