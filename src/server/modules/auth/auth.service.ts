// Logins, sessions, password changes, TOTP second factor and machine API tokens. Logging in
// (with the lockout) lives in auth.login.ts, SMS verification codes in auth.sms.ts.
import { generateSecret, generateURI } from 'otplib'
import type { Config } from '../../kernel/config.ts'
import { isoTime, type Executor } from '../../kernel/db/client.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
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
import * as repo from './auth.repository.ts'
import './auth.policy.ts'

const TOTP_ISSUER = 'Linli 邻里'

export function createAuthService(deps: { db: Executor; config: Config; sms: SmsProvider; pii: Pick<PiiKeyring, 'hash'> }) {
  const { db, config, sms, pii } = deps

  async function accountOfActor(ex: Executor, ctx: RequestContext): Promise<repo.AccountRow> {
    requireSignedIn(ctx.actor)
    if (!ctx.actor.accountId) throw unauthenticated()
    const row = await repo.lockAccount(ex, ctx.actor.accountId)
    if (!row) throw unauthenticated()
    return row
  }

  async function createSession(ex: Executor, ctx: RequestContext, accountId: string): Promise<string> {
    const token = newSecret()
    await repo.insertSession(ex, { tokenHash: sha256(token), accountId, hours: config.SESSION_ABSOLUTE_HOURS, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 500) ?? null })
    return token
  }

  const smsCodes = createSmsCodes({ db, config, sms, pii })
  const service = {
    actorForSession: (token: string) => actorFromSession(db, token, config),
    ...smsCodes,
    ...createLogin({ db, config, pii, createSession, smsCodes }),

    async logout(ctx: RequestContext): Promise<void> {
      const sessionId = ctx.actor.sessionId
      if (!sessionId) return
      await inTransaction(db, async (tx) => {
        if (await repo.endOpenSession(tx, sessionId, 'logout')) await recordAudit(tx, ctx, { action: 'auth.logout', entity: 'session', entityId: sessionId, orgPath: null })
      })
    },

    async me(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      if (ctx.actor.kind === 'token') {
        return { person: { id: '', name: '' }, roles: ctx.actor.roles, account: { username: '', mustChangePassword: false, totpEnabled: false, totpSetupRequired: false } }
      }
      const account = (await repo.accountSummary(db, ctx.actor.accountId!))!
      const names = await repo.orgNames(db, ctx.actor.roles.map((r) => r.orgId))
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
      await inTransaction(db, async (tx) => {
        const account = await accountOfActor(tx, ctx)
        if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
          throw unprocessable('PASSWORD_WRONG', {}, [{ path: 'currentPassword', message: 'auth.currentPasswordWrong' }])
        }
        if (input.currentPassword === input.newPassword) throw unprocessable('PASSWORD_REUSED', {}, [{ path: 'newPassword', message: 'auth.newPasswordSame' }])
        assertPasswordStrong(input.newPassword, account.username, config)
        await repo.setPassword(tx, account.id, await hashPassword(input.newPassword), false)
        await service.endSessions(tx, account.id, 'password_changed', ctx.actor.sessionId)
        await recordAudit(tx, ctx, { action: 'auth.password_change', entity: 'account', entityId: account.id, orgPath: null })
      })
    },

    /** Ends every open session of an account, except `keep` (the caller's own, when given). */
    async endSessions(ex: Executor, accountId: string, reason: string, keep: string | null = null): Promise<number> {
      return repo.endSessionsOf(ex, accountId, reason, keep)
    },

    async listSessions(accountId: string, currentSessionId: string | null) {
      const found = await repo.liveSessions(db, accountId, config.SESSION_IDLE_MIN)
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
      if (!(await repo.endSessionOf(ex, accountId, sessionId, reason))) throw notFound('SESSION_NOT_FOUND')
    },

    async mySessions(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.accountId) return []
      return service.listSessions(ctx.actor.accountId, ctx.actor.sessionId)
    },

    async endMySession(ctx: RequestContext, sessionId: string) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.accountId) throw notFound('SESSION_NOT_FOUND')
      await inTransaction(db, async (tx) => {
        await service.endSession(tx, ctx.actor.accountId!, sessionId, 'ended_by_self')
        await recordAudit(tx, ctx, { action: 'auth.session_end', entity: 'session', entityId: sessionId, orgPath: null })
      })
    },

    async totpSetup(ctx: RequestContext) {
      return inTransaction(db, async (tx) => {
        const account = await accountOfActor(tx, ctx)
        if (account.totp_enabled) throw conflict('TOTP_ALREADY_ENABLED')
        const secret = generateSecret()
        await repo.setTotpSecret(tx, account.id, secret)
        return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: account.username, secret }) }
      })
    },

    async totpEnable(ctx: RequestContext, code: string): Promise<void> {
      await inTransaction(db, async (tx) => {
        const account = await accountOfActor(tx, ctx)
        if (account.totp_enabled) throw conflict('TOTP_ALREADY_ENABLED')
        if (!account.totp_secret) throw unprocessable('TOTP_NOT_SET_UP')
        const step = await totpStep(account.totp_secret, code, account.totp_last_step)
        if (step === null) throw unprocessable('TOTP_INVALID', {}, [{ path: 'code', message: 'auth.totpCodeWrong' }])
        await repo.setTotpEnabled(tx, account.id, true, step)
        await recordAudit(tx, ctx, { action: 'auth.totp_enable', entity: 'account', entityId: account.id, orgPath: null })
      })
    },

    async totpDisable(ctx: RequestContext, input: { code: string; password: string }): Promise<void> {
      await inTransaction(db, async (tx) => {
        const account = await accountOfActor(tx, ctx)
        if (!account.totp_enabled) throw unprocessable('TOTP_NOT_SET_UP')
        if (!(await verifyPassword(account.password_hash, input.password))) throw unprocessable('PASSWORD_WRONG', {}, [{ path: 'password', message: 'auth.currentPasswordWrong' }])
        const step = await totpStep(account.totp_secret, input.code, account.totp_last_step)
        if (step === null) throw unprocessable('TOTP_INVALID', {}, [{ path: 'code', message: 'auth.totpCodeWrong' }])
        await repo.setTotpEnabled(tx, account.id, false, step)
        await recordAudit(tx, ctx, { action: 'auth.totp_disable', entity: 'account', entityId: account.id, orgPath: null })
      })
    },

    async createToken(ctx: RequestContext, input: { name: string; orgId: string; role: Role }, org: { path: string } | null) {
      requireSignedIn(ctx.actor)
      if (!org) throw notFound('ORG_NOT_FOUND')
      authorize(ctx.actor, 'org.read', { path: org.path }, 'ORG_NOT_FOUND')
      authorize(ctx.actor, 'token.create', { orgPath: org.path, role: input.role })
      return inTransaction(db, async (tx) => {
        const token = newSecret('lt_')
        const row = { id: await repo.insertToken(tx, { name: input.name, tokenHash: sha256(token), role: input.role, orgId: input.orgId, createdBy: ctx.actor.personId }) }
        await recordAudit(tx, ctx, { action: 'token.create', entity: 'api_token', entityId: row.id, orgPath: org.path, after: { name: input.name, role: input.role, orgId: input.orgId } })
        return { id: row.id, token }
      })
    },

    async listTokens(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const scopes = scopeParam(scopesOf(ctx.actor, LEVEL.scopeAdmin))
      const found = await repo.tokensUnder(db, scopes)
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
      await inTransaction(db, async (tx) => {
        const token = await repo.lockToken(tx, id)
        if (!token) throw notFound('TOKEN_NOT_FOUND')
        authorize(ctx.actor, 'token.manage', { orgPath: token.org_path }, 'TOKEN_NOT_FOUND')
        if (token.revoked_at) return
        await repo.revokeToken(tx, id)
        await recordAudit(tx, ctx, { action: 'token.revoke', entity: 'api_token', entityId: id, orgPath: token.org_path })
      })
    },

    async securitySettings(ctx: RequestContext) {
      authorize(ctx.actor, 'settings.security', null)
      const row = await repo.setting<{ mfaRequiredForAdmins?: boolean }>(db, 'security')
      return { mfaRequiredForAdmins: row?.value.mfaRequiredForAdmins ?? false }
    },

    async updateSecuritySettings(ctx: RequestContext, input: { mfaRequiredForAdmins: boolean }) {
      authorize(ctx.actor, 'settings.security', null)
      return inTransaction(db, async (tx) => {
        const before = await repo.setting<Record<string, unknown>>(tx, 'security', true)
        await repo.putSetting(tx, 'security', input)
        await recordAudit(tx, ctx, { action: 'settings.update', entity: 'settings', entityId: 'security', orgPath: null, before: before?.value ?? null, after: input })
        return input
      })
    },

    /** Starts a session for an account (after self-registration); returns the cookie token. */
    startSession: (ex: Executor, ctx: RequestContext, accountId: string) => createSession(ex, ctx, accountId),

    // ---- accounts, for the people service (which checks permissions first) ----

    async createAccount(ex: Executor, personId: string, username: string, password: string, mustChange: boolean): Promise<string> {
      assertPasswordStrong(password, username, config)
      return repo.insertAccount(ex, { personId, username, passwordHash: await hashPassword(password), mustChange })
    },

    accountOfPerson: (ex: Executor, personId: string) => repo.accountOfPerson(ex, personId),

    /** Sets a new password the person must change at next login, and ends their sessions. */
    async resetPassword(ex: Executor, accountId: string, username: string, password: string): Promise<void> {
      assertPasswordStrong(password, username, config)
      await repo.setPassword(ex, accountId, await hashPassword(password), true)
      await service.endSessions(ex, accountId, 'password_reset')
    },

    async setDisabled(ex: Executor, accountId: string, disabled: boolean): Promise<void> {
      await repo.setDisabled(ex, accountId, disabled)
      if (disabled) await service.endSessions(ex, accountId, 'account_disabled')
    },

  }
  return service
}

export type AuthService = ReturnType<typeof createAuthService>
