// Logging in: the password, the lockout after LOGIN_MAX_FAILURES wrong answers, and the TOTP
// second factor. Each verdict is decided by one UPDATE of the account row that also checks the
// lock, so parallel attempts cannot learn more answers than the lockout allows: a password
// checked after another attempt locked the account is answered 423, right or wrong.
import { sql, type SQL } from 'drizzle-orm'
import { dbNow } from '../../kernel/db/now.ts'
import { verify as verifyTotp } from 'otplib'
import type { Config } from '../../kernel/config.ts'
import { firstRow, isoTime, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { AppError, unauthenticated } from '../../kernel/errors.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { decoyPasswordHash, verifyPassword } from '../../kernel/auth/passwords.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personLogins, roleGrants } from '../people/people.read.ts'

interface LoginAccount {
  id: string
  person_id: string
  username: string
  password_hash: string
  must_change_password: boolean
  is_locked: boolean
  locked_until: string | null
  disabled_at: string | null
  totp_secret: string | null
  totp_enabled: boolean
  totp_last_step: string | null
  org_path: string | null
}

/**
 * The time step of a valid TOTP code later than `after` (the last step accepted for the
 * account), or null: a code is good once, even within its 30-second window.
 */
export async function totpStep(secret: string | null, code: string, after: string | number | null): Promise<number | null> {
  if (!secret) return null
  const result = await verifyTotp({ secret, token: code, epochTolerance: 30, ...(after === null ? {} : { afterTimeStep: Number(after) }) })
  return result.valid && 'timeStep' in result ? result.timeStep : null
}

const lockedError = (until: string | null) => {
  const unlockAt = isoTime(until)
  return new AppError(423, 'ACCOUNT_LOCKED', { unlockAt }, { unlockAt })
}

// Not a coalesce around now(): Citus refuses a non-immutable function inside CASE or COALESCE in an UPDATE.
const notLocked: SQL = sql`(locked_until IS NULL OR locked_until <= now())`

export function createLogin(deps: {
  db: Executor
  config: Config
  pii: Pick<PiiKeyring, 'hash'>
  createSession: (ex: Executor, ctx: RequestContext, accountId: string) => Promise<string>
  /** The SMS code checker (auth.sms.ts): a wrong code counts against it, a right one is used up in the login's transaction. */
  smsCodes: { checkSmsCode(phone: string, purpose: 'login', code: string): Promise<string>; consumeSmsCode(ex: Executor, codeId: string): Promise<void> }
}) {
  const { db, config, pii, createSession, smsCodes } = deps

  async function lockedUntil(accountId: string): Promise<string | null> {
    const row = await firstRow<{ locked_until: string }>(db, sql`SELECT locked_until FROM accounts WHERE id = ${accountId} AND locked_until > now()`)
    return row?.locked_until ?? null
  }

  /**
   * Counts a failed check and answers it, unless a parallel attempt locked the account first:
   * then this one is not counted and says only that the account is locked. Outside any
   * transaction, so that the failure sticks although the request fails.
   */
  async function refuse(ctx: RequestContext, account: LoginAccount, reason: 'password' | 'totp'): Promise<never> {
    const failed = await firstRow<{ locked_until: string | null; locked: boolean }>(
      db,
      sql`UPDATE accounts SET
            failed_logins = CASE WHEN failed_logins + 1 >= ${config.LOGIN_MAX_FAILURES} THEN 0 ELSE failed_logins + 1 END,
            locked_until = CASE WHEN failed_logins + 1 >= ${config.LOGIN_MAX_FAILURES}
                                THEN (SELECT now() + make_interval(mins => ${config.LOGIN_LOCK_MIN})) ELSE locked_until END
          WHERE id = ${account.id} AND ${notLocked}
          RETURNING locked_until, coalesce(locked_until > ${dbNow}, false) AS locked`,
    )
    if (!failed) throw lockedError(await lockedUntil(account.id))
    const audited = { entity: 'account' as const, entityId: account.id, orgPath: account.org_path }
    await recordAudit(db, ctx, { action: 'auth.login_failed', ...audited, after: { username: account.username, reason } })
    if (failed.locked) {
      await recordAudit(db, ctx, { action: 'auth.lockout', ...audited, after: { username: account.username, unlockAt: isoTime(failed.locked_until) } })
      throw lockedError(failed.locked_until)
    }
    throw unauthenticated(reason === 'totp' ? 'TOTP_INVALID' : 'LOGIN_FAILED')
  }

  /** The account a login names (`match`: a condition on accounts `a` and their person `p`), with the path of its widest role. */
  function findAccount(match: SQL) {
    return firstRow<LoginAccount>(
      db,
      sql`SELECT a.id::text AS id, a.person_id::text AS person_id, a.username, a.password_hash, a.must_change_password,
                 (a.locked_until > now()) AS is_locked, a.locked_until, a.disabled_at, a.totp_secret, a.totp_enabled,
                 a.totp_last_step::text AS totp_last_step,
                 (SELECT o.path::text FROM ${roleGrants} r JOIN ${orgTree} o ON o.id = r.org_id
                  WHERE r.person_id = a.person_id ORDER BY nlevel(o.path) LIMIT 1) AS org_path
          FROM accounts a JOIN ${personLogins} p ON p.id = a.person_id
          WHERE p.deleted_at IS NULL AND ${match}
          LIMIT 1`,
    )
  }

  /** Returns the new session token (for the cookie); every login gets a fresh one. */
  async function login(ctx: RequestContext, input: { username: string; password: string; totpCode?: string }) {
    const account = await findAccount(sql`(lower(a.username) = lower(${input.username}) OR p.phone_hash = ${pii.hash('phone', input.username)})`)
    if (!account) {
      await verifyPassword(await decoyPasswordHash(), input.password)
      throw unauthenticated('LOGIN_FAILED')
    }
    if (account.is_locked) throw lockedError(account.locked_until)
    if (!(await verifyPassword(account.password_hash, input.password))) return refuse(ctx, account, 'password')
    let step: number | null = null
    if (account.totp_enabled) {
      if (input.totpCode === undefined) {
        // Asking for the code is no attempt at it, so it is not counted; but a locked account
        // must not tell anyone that this password was right.
        const until = await lockedUntil(account.id)
        if (until) throw lockedError(until)
        throw unauthenticated('TOTP_REQUIRED', { totpRequired: true })
      }
      step = await totpStep(account.totp_secret, input.totpCode, account.totp_last_step)
      if (step === null) return refuse(ctx, account, 'totp')
    }
    if (account.disabled_at) throw new AppError(403, 'ACCOUNT_DISABLED')
    const started = await inTransaction(db, async (tx) => {
      const admitted = await firstRow(tx, sql`UPDATE accounts SET failed_logins = 0, locked_until = NULL, last_login_at = now(),
            totp_last_step = coalesce(${step}::bigint, totp_last_step)
          WHERE id = ${account.id} AND ${notLocked}
            AND (${step}::bigint IS NULL OR totp_last_step IS NULL OR totp_last_step < ${step}::bigint)
          RETURNING id`)
      if (!admitted) return null
      const token = await createSession(tx, ctx, account.id)
      await recordAudit(tx, { ...ctx, actor: { ...ctx.actor, personId: account.person_id } }, { action: 'auth.login', entity: 'account', entityId: account.id, orgPath: account.org_path })
      return { token, mustChangePassword: account.must_change_password }
    })
    if (started) return started
    // Locked meanwhile by parallel wrong attempts, or this code was just used by a parallel login.
    const until = await lockedUntil(account.id)
    if (until) throw lockedError(until)
    return refuse(ctx, account, 'totp')
  }

  /**
   * Signs in with the phone and a code sent to it (residents who forget passwords). Accounts with
   * two-factor authentication keep to password and authenticator: a code by SMS would bypass it.
   */
  async function loginWithSms(ctx: RequestContext, input: { phone: string; code: string }) {
    const codeId = await smsCodes.checkSmsCode(input.phone, 'login', input.code)
    const account = await findAccount(sql`p.phone_hash = ${pii.hash('phone', input.phone)}`)
    // The code only reaches a phone with an account (auth.sms.ts); this is the race of a deleted one.
    if (!account) throw unauthenticated('LOGIN_FAILED')
    if (account.is_locked) throw lockedError(account.locked_until)
    if (account.totp_enabled) throw new AppError(403, 'SMS_LOGIN_NOT_ALLOWED')
    if (account.disabled_at) throw new AppError(403, 'ACCOUNT_DISABLED')
    return inTransaction(db, async (tx) => {
      await smsCodes.consumeSmsCode(tx, codeId)
      await tx.execute(sql`UPDATE accounts SET failed_logins = 0, last_login_at = now() WHERE id = ${account.id}`)
      const token = await createSession(tx, ctx, account.id)
      await recordAudit(tx, { ...ctx, actor: { ...ctx.actor, personId: account.person_id } }, { action: 'auth.login', entity: 'account', entityId: account.id, orgPath: account.org_path, after: { method: 'sms' } })
      return { token, mustChangePassword: account.must_change_password }
    })
  }

  return { login, loginWithSms }
}
