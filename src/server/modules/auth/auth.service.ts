// Logins, sessions, password changes, TOTP second factor and machine API tokens. Logging in
// (with the lockout) lives in auth.login.ts, SMS verification codes in auth.sms.ts.
import { sql } from 'drizzle-orm'
import { generateSecret, generateURI } from 'otplib'
import type { Config } from '../../kernel/config.ts'
import { firstRow, isoTime, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { conflict, notFound, unauthenticated, unprocessable } from '../../kernel/errors.ts'
import { authorize, requireSignedIn, scopeParam, scopesOf, LEVEL, type Role } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { assertPasswordStrong, hashPassword, verifyPassword } from '../../kernel/auth/passwords.ts'
import { newSecret, sha256 } from '../../kernel/auth/secrets.ts'
import { actorFromSession } from '../../kernel/auth/actor.ts'
import type { SmsProvider } from '../../kernel/sms.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import { createLogin, totpStep } from './auth.login.ts'
import { createSmsCodes } from './auth.sms.ts'
import './auth.policy.ts'

interface AccountRow {
  id: string
  person_id: string
  username: string
  password_hash: string
  must_change_password: boolean
  failed_logins: number
  locked_until: string | null
  is_locked: boolean
  disabled_at: string | null
  totp_secret: string | null
  totp_enabled: boolean
  totp_last_step: string | null
  org_path: string | null
}

const TOTP_ISSUER = 'Linli 邻里'

export function createAuthService(deps: { db: Executor; config: Config; sms: SmsProvider; pii: Pick<PiiKeyring, 'hash'> }) {
  const { db, config, sms, pii } = deps

  async function accountOfActor(ex: Executor, ctx: RequestContext): Promise<AccountRow> {
    requireSignedIn(ctx.actor)
    if (!ctx.actor.accountId) throw unauthenticated()
    const row = await firstRow<AccountRow>(ex, sql`SELECT a.*, a.id::text AS id, a.person_id::text AS person_id, a.totp_last_step::text AS totp_last_step,
      (a.locked_until > now()) AS is_locked, NULL AS org_path FROM accounts a WHERE a.id = ${ctx.actor.accountId} FOR UPDATE`)
    if (!row) throw unauthenticated()
    return row
  }

  async function createSession(ex: Executor, ctx: RequestContext, accountId: string): Promise<string> {
    const token = newSecret()
    await ex.execute(sql`INSERT INTO sessions (token_hash, account_id, expires_at, ip, user_agent)
      VALUES (${sha256(token)}, ${accountId}, now() + make_interval(hours => ${config.SESSION_ABSOLUTE_HOURS}),
              ${ctx.ip}, ${ctx.userAgent?.slice(0, 500) ?? null})`)
    return token
  }

  const service = {
    actorForSession: (token: string) => actorFromSession(db, token, config),
    ...createLogin({ db, config, pii, createSession }),
    ...createSmsCodes({ db, config, sms, pii }),

    async logout(ctx: RequestContext): Promise<void> {
      const sessionId = ctx.actor.sessionId
      if (!sessionId) return
      await db.transaction(async (tx) => {
        const ended = await rows(tx, sql`UPDATE sessions SET ended_at = now(), end_reason = 'logout' WHERE id = ${sessionId} AND ended_at IS NULL RETURNING id`)
        if (ended.length > 0) await recordAudit(tx, ctx, { action: 'auth.logout', entity: 'session', entityId: sessionId, orgPath: null })
      })
    },

    async me(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      if (ctx.actor.kind === 'token') {
        return { person: { id: '', name: '' }, roles: ctx.actor.roles, account: { username: '', mustChangePassword: false, totpEnabled: false, totpSetupRequired: false } }
      }
      const account = (await firstRow<{ username: string; totp_enabled: boolean }>(db, sql`SELECT username, totp_enabled FROM accounts WHERE id = ${ctx.actor.accountId}`))!
      const names = await rows<{ id: string; name: string }>(
        db,
        sql`SELECT id::text, name FROM orgs WHERE id::text = ANY(string_to_array(${ctx.actor.roles.map((r) => r.orgId).join(',')}, ','))`,
      )
      const nameOf = new Map(names.map((n) => [n.id, n.name]))
      return {
        person: { id: ctx.actor.personId!, name: ctx.actor.personName! },
        roles: ctx.actor.roles.map((r) => ({ ...r, orgName: nameOf.get(r.orgId) ?? '' })),
        account: {
          username: account.username,
          mustChangePassword: ctx.actor.mustChangePassword,
          totpEnabled: account.totp_enabled,
          totpSetupRequired: ctx.actor.totpSetupRequired,
        },
      }
    },

    async changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
      await db.transaction(async (tx) => {
        const account = await accountOfActor(tx, ctx)
        if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
          throw unprocessable('PASSWORD_WRONG', {}, [{ path: 'currentPassword', message: '当前密码错误' }])
        }
        if (input.currentPassword === input.newPassword) throw unprocessable('PASSWORD_REUSED', {}, [{ path: 'newPassword', message: '新密码不能与当前密码相同' }])
        assertPasswordStrong(input.newPassword, account.username, config)
        await tx.execute(sql`UPDATE accounts SET password_hash = ${await hashPassword(input.newPassword)}, must_change_password = false WHERE id = ${account.id}`)
        await service.endSessions(tx, account.id, 'password_changed', ctx.actor.sessionId)
        await recordAudit(tx, ctx, { action: 'auth.password_change', entity: 'account', entityId: account.id, orgPath: null })
      })
    },

    /** Ends every open session of an account, except `keep` (the caller's own, when given). */
    async endSessions(ex: Executor, accountId: string, reason: string, keep: string | null = null): Promise<number> {
      const ended = await rows<{ id: string }>(ex, sql`UPDATE sessions SET ended_at = now(), end_reason = ${reason}
        WHERE account_id = ${accountId} AND ended_at IS NULL ${keep ? sql`AND id <> ${keep}` : sql``} RETURNING id::text`)
      return ended.length
    },

    async listSessions(accountId: string, currentSessionId: string | null) {
      const found = await rows<{ id: string; created_at: string; last_seen_at: string; expires_at: string; ip: string | null; user_agent: string | null }>(
        db,
        sql`SELECT id::text, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions
            WHERE account_id = ${accountId} AND ended_at IS NULL AND expires_at > now()
              AND last_seen_at > now() - make_interval(mins => ${config.SESSION_IDLE_MIN})
            ORDER BY id DESC LIMIT 200`,
      )
      return found.map((s) => ({
        id: s.id,
        createdAt: isoTime(s.created_at)!,
        lastSeenAt: isoTime(s.last_seen_at)!,
        expiresAt: isoTime(s.expires_at)!,
        ip: s.ip,
        userAgent: s.user_agent,
        current: s.id === currentSessionId,
      }))
    },

    async endSession(ex: Executor, accountId: string, sessionId: string, reason: string): Promise<void> {
      const ended = await rows(ex, sql`UPDATE sessions SET ended_at = now(), end_reason = ${reason}
        WHERE id = ${sessionId} AND account_id = ${accountId} AND ended_at IS NULL RETURNING id`)
      if (ended.length === 0) throw notFound('SESSION_NOT_FOUND')
    },

    async mySessions(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.accountId) return []
      return service.listSessions(ctx.actor.accountId, ctx.actor.sessionId)
    },

    async endMySession(ctx: RequestContext, sessionId: string) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.accountId) throw notFound('SESSION_NOT_FOUND')
      await db.transaction(async (tx) => {
        await service.endSession(tx, ctx.actor.accountId!, sessionId, 'ended_by_self')
        await recordAudit(tx, ctx, { action: 'auth.session_end', entity: 'session', entityId: sessionId, orgPath: null })
      })
    },

    async totpSetup(ctx: RequestContext) {
      return db.transaction(async (tx) => {
        const account = await accountOfActor(tx, ctx)
        if (account.totp_enabled) throw conflict('TOTP_ALREADY_ENABLED')
        const secret = generateSecret()
        await tx.execute(sql`UPDATE accounts SET totp_secret = ${secret} WHERE id = ${account.id}`)
        return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: account.username, secret }) }
      })
    },

    async totpEnable(ctx: RequestContext, code: string): Promise<void> {
      await db.transaction(async (tx) => {
        const account = await accountOfActor(tx, ctx)
        if (account.totp_enabled) throw conflict('TOTP_ALREADY_ENABLED')
        if (!account.totp_secret) throw unprocessable('TOTP_NOT_SET_UP')
        const step = await totpStep(account.totp_secret, code, account.totp_last_step)
        if (step === null) throw unprocessable('TOTP_INVALID', {}, [{ path: 'code', message: '动态验证码错误' }])
        await tx.execute(sql`UPDATE accounts SET totp_enabled = true, totp_last_step = ${step} WHERE id = ${account.id}`)
        await recordAudit(tx, ctx, { action: 'auth.totp_enable', entity: 'account', entityId: account.id, orgPath: null })
      })
    },

    async totpDisable(ctx: RequestContext, input: { code: string; password: string }): Promise<void> {
      await db.transaction(async (tx) => {
        const account = await accountOfActor(tx, ctx)
        if (!account.totp_enabled) throw unprocessable('TOTP_NOT_SET_UP')
        if (!(await verifyPassword(account.password_hash, input.password))) throw unprocessable('PASSWORD_WRONG', {}, [{ path: 'password', message: '当前密码错误' }])
        const step = await totpStep(account.totp_secret, input.code, account.totp_last_step)
        if (step === null) throw unprocessable('TOTP_INVALID', {}, [{ path: 'code', message: '动态验证码错误' }])
        await tx.execute(sql`UPDATE accounts SET totp_enabled = false, totp_secret = NULL, totp_last_step = ${step} WHERE id = ${account.id}`)
        await recordAudit(tx, ctx, { action: 'auth.totp_disable', entity: 'account', entityId: account.id, orgPath: null })
      })
    },

    async createToken(ctx: RequestContext, input: { name: string; orgId: string; role: Role }, org: { path: string } | null) {
      requireSignedIn(ctx.actor)
      if (!org) throw notFound('ORG_NOT_FOUND')
      authorize(ctx.actor, 'org.read', { path: org.path }, 'ORG_NOT_FOUND')
      authorize(ctx.actor, 'token.create', { orgPath: org.path, role: input.role })
      return db.transaction(async (tx) => {
        const token = newSecret('lt_')
        const row = (await firstRow<{ id: string }>(tx, sql`INSERT INTO api_tokens (name, token_hash, role, org_id, created_by)
          VALUES (${input.name}, ${sha256(token)}, ${input.role}, ${input.orgId}, ${ctx.actor.personId}) RETURNING id::text`))!
        await recordAudit(tx, ctx, { action: 'token.create', entity: 'api_token', entityId: row.id, orgPath: org.path, after: { name: input.name, role: input.role, orgId: input.orgId } })
        return { id: row.id, token }
      })
    },

    async listTokens(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const scopes = scopeParam(scopesOf(ctx.actor, LEVEL.scopeAdmin))
      const found = await rows<{ id: string; name: string; org_id: string; role: Role; created_by: string; last_used_at: string | null; revoked_at: string | null; created_at: string }>(
        db,
        sql`SELECT t.id::text, t.name, t.org_id::text, t.role, t.created_by::text, t.last_used_at, t.revoked_at, t.created_at
            FROM api_tokens t JOIN orgs o ON o.id = t.org_id
            WHERE o.path <@ string_to_array(${scopes}, ',')::ltree[] ORDER BY t.id DESC LIMIT 500`,
      )
      return found.map((t) => ({
        id: t.id,
        name: t.name,
        orgId: t.org_id,
        role: t.role,
        createdBy: t.created_by,
        lastUsedAt: isoTime(t.last_used_at),
        revokedAt: isoTime(t.revoked_at),
        createdAt: isoTime(t.created_at)!,
      }))
    },

    async revokeToken(ctx: RequestContext, id: string): Promise<void> {
      requireSignedIn(ctx.actor)
      await db.transaction(async (tx) => {
        const token = await firstRow<{ id: string; org_path: string; revoked_at: string | null }>(
          tx,
          sql`SELECT t.id::text, o.path::text AS org_path, t.revoked_at FROM api_tokens t JOIN orgs o ON o.id = t.org_id WHERE t.id = ${id} FOR UPDATE OF t`,
        )
        if (!token) throw notFound('TOKEN_NOT_FOUND')
        authorize(ctx.actor, 'token.manage', { orgPath: token.org_path }, 'TOKEN_NOT_FOUND')
        if (token.revoked_at) return
        await tx.execute(sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${id}`)
        await recordAudit(tx, ctx, { action: 'token.revoke', entity: 'api_token', entityId: id, orgPath: token.org_path })
      })
    },

    async securitySettings(ctx: RequestContext) {
      authorize(ctx.actor, 'settings.security', null)
      const row = await firstRow<{ value: { mfaRequiredForAdmins?: boolean } }>(db, sql`SELECT value FROM settings WHERE key = 'security'`)
      return { mfaRequiredForAdmins: row?.value.mfaRequiredForAdmins ?? false }
    },

    async updateSecuritySettings(ctx: RequestContext, input: { mfaRequiredForAdmins: boolean }) {
      authorize(ctx.actor, 'settings.security', null)
      return db.transaction(async (tx) => {
        const before = await firstRow<{ value: Record<string, unknown> }>(tx, sql`SELECT value FROM settings WHERE key = 'security' FOR UPDATE`)
        await tx.execute(sql`INSERT INTO settings (key, value) VALUES ('security', ${JSON.stringify(input)}::jsonb)
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`)
        await recordAudit(tx, ctx, { action: 'settings.update', entity: 'settings', entityId: 'security', orgPath: null, before: before?.value ?? null, after: input })
        return input
      })
    },

    /** Starts a session for an account (after self-registration); returns the cookie token. */
    startSession: (ex: Executor, ctx: RequestContext, accountId: string) => createSession(ex, ctx, accountId),

    // ---- accounts, for the people service (which checks permissions first) ----

    async createAccount(ex: Executor, personId: string, username: string, password: string, mustChange: boolean): Promise<string> {
      assertPasswordStrong(password, username, config)
      const row = (await firstRow<{ id: string }>(ex, sql`INSERT INTO accounts (person_id, username, password_hash, must_change_password)
        VALUES (${personId}, ${username}, ${await hashPassword(password)}, ${mustChange}) RETURNING id::text`))!
      return row.id
    },

    async accountOfPerson(ex: Executor, personId: string) {
      return firstRow<{ id: string; username: string; disabled_at: string | null; must_change_password: boolean; totp_enabled: boolean; locked_until: string | null; last_login_at: string | null }>(
        ex,
        sql`SELECT id::text, username, disabled_at, must_change_password, totp_enabled, locked_until, last_login_at FROM accounts WHERE person_id = ${personId}`,
      )
    },

    /** Sets a new password the person must change at next login, and ends their sessions. */
    async resetPassword(ex: Executor, accountId: string, username: string, password: string): Promise<void> {
      assertPasswordStrong(password, username, config)
      await ex.execute(sql`UPDATE accounts SET password_hash = ${await hashPassword(password)}, must_change_password = true,
        failed_logins = 0, locked_until = NULL WHERE id = ${accountId}`)
      await service.endSessions(ex, accountId, 'password_reset')
    },

    async setDisabled(ex: Executor, accountId: string, disabled: boolean): Promise<void> {
      await ex.execute(sql`UPDATE accounts SET disabled_at = ${disabled ? sql`now()` : sql`NULL`} WHERE id = ${accountId}`)
      if (disabled) await service.endSessions(ex, accountId, 'account_disabled')
    },

  }
  return service
}

export type AuthService = ReturnType<typeof createAuthService>
