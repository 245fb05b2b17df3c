// Queries of accounts, sessions, API tokens and the security settings. The first argument is the
// database or a transaction; no HTTP and no permission logic here (auth.service.ts decides).
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Role } from '../../kernel/policy.ts'
import { orgTree } from '../orgs/orgs.read.ts'

export interface AccountRow {
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

/** An account, locked for the rest of the transaction. */
export async function lockAccount(ex: Executor, id: string) {
  return firstRow<AccountRow>(ex, sql`SELECT a.*, a.id::text AS id, a.person_id::text AS person_id, a.totp_last_step::text AS totp_last_step,
    (a.locked_until > now()) AS is_locked, NULL AS org_path FROM accounts a WHERE a.id = ${id} FOR UPDATE`)
}

export async function insertSession(ex: Executor, v: { tokenHash: string; accountId: string; hours: number; ip: string | null; userAgent: string | null }): Promise<void> {
  await ex.execute(sql`INSERT INTO sessions (token_hash, account_id, expires_at, ip, user_agent)
    VALUES (${v.tokenHash}, ${v.accountId}, now() + make_interval(hours => ${v.hours}), ${v.ip}, ${v.userAgent})`)
}

/** Ends one open session (any account's); whether it was open. */
export async function endOpenSession(ex: Executor, id: string, reason: string): Promise<boolean> {
  return (await rows(ex, sql`UPDATE sessions SET ended_at = now(), end_reason = ${reason} WHERE id = ${id} AND ended_at IS NULL RETURNING id`)).length > 0
}

/** Ends one open session of an account; whether it was one. */
export async function endSessionOf(ex: Executor, accountId: string, sessionId: string, reason: string): Promise<boolean> {
  return (await rows(ex, sql`UPDATE sessions SET ended_at = now(), end_reason = ${reason}
    WHERE id = ${sessionId} AND account_id = ${accountId} AND ended_at IS NULL RETURNING id`)).length > 0
}

export async function endSessionsOf(ex: Executor, accountId: string, reason: string, keep: string | null): Promise<number> {
  return (await rows<{ id: string }>(ex, sql`UPDATE sessions SET ended_at = now(), end_reason = ${reason}
    WHERE account_id = ${accountId} AND ended_at IS NULL ${keep ? sql`AND id <> ${keep}` : sql``} RETURNING id::text`)).length
}

/** The live sessions of an account (not ended, not expired, not idle too long), newest first. */
export async function liveSessions(ex: Executor, accountId: string, idleMinutes: number) {
  return rows<{ id: string; created_at: string; last_seen_at: string; expires_at: string; ip: string | null; user_agent: string | null }>(
    ex,
    sql`SELECT id::text, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions
        WHERE account_id = ${accountId} AND ended_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(mins => ${idleMinutes})
        ORDER BY id DESC LIMIT 200`,
  )
}

export async function accountSummary(ex: Executor, id: string) {
  return firstRow<{ username: string; totp_enabled: boolean }>(ex, sql`SELECT username, totp_enabled FROM accounts WHERE id = ${id}`)
}

/** The names of org nodes, by id (the caller's roles). */
export async function orgNames(ex: Executor, ids: string[]) {
  return rows<{ id: string; name: string }>(ex, sql`SELECT o.id::text, o.name FROM ${orgTree} o WHERE o.id::text = ANY(string_to_array(${ids.join(',')}, ','))`)
}

export async function setPassword(ex: Executor, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  // A reset (mustChange) also lifts a lockout; a change by the holder leaves the counters alone.
  await ex.execute(mustChange
    ? sql`UPDATE accounts SET password_hash = ${passwordHash}, must_change_password = true, failed_logins = 0, locked_until = NULL WHERE id = ${id}`
    : sql`UPDATE accounts SET password_hash = ${passwordHash}, must_change_password = false WHERE id = ${id}`)
}

export async function setTotpSecret(ex: Executor, id: string, secret: string): Promise<void> {
  await ex.execute(sql`UPDATE accounts SET totp_secret = ${secret} WHERE id = ${id}`)
}

/** Switches TOTP on (keeping the secret) or off (dropping it); the used step is kept against replays. */
export async function setTotpEnabled(ex: Executor, id: string, enabled: boolean, step: number): Promise<void> {
  await ex.execute(enabled
    ? sql`UPDATE accounts SET totp_enabled = true, totp_last_step = ${step} WHERE id = ${id}`
    : sql`UPDATE accounts SET totp_enabled = false, totp_secret = NULL, totp_last_step = ${step} WHERE id = ${id}`)
}

export async function insertToken(ex: Executor, v: { name: string; tokenHash: string; role: Role; orgId: string; createdBy: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO api_tokens (name, token_hash, role, org_id, created_by)
    VALUES (${v.name}, ${v.tokenHash}, ${v.role}, ${v.orgId}, ${v.createdBy}) RETURNING id::text`))!.id
}

export async function tokensUnder(ex: Executor, scopes: string) {
  return rows<{ id: string; name: string; org_id: string; role: Role; created_by: string; last_used_at: string | null; revoked_at: string | null; created_at: string }>(
    ex,
    sql`SELECT t.id::text, t.name, t.org_id::text, t.role, t.created_by::text, t.last_used_at, t.revoked_at, t.created_at
        FROM api_tokens t JOIN ${orgTree} o ON o.id = t.org_id
        WHERE o.path <@ string_to_array(${scopes}, ',')::ltree[] ORDER BY t.id DESC LIMIT 500`,
  )
}

export async function lockToken(ex: Executor, id: string) {
  return firstRow<{ id: string; org_path: string; revoked_at: string | null }>(
    ex,
    sql`SELECT t.id::text, o.path::text AS org_path, t.revoked_at FROM api_tokens t JOIN ${orgTree} o ON o.id = t.org_id WHERE t.id = ${id} FOR UPDATE OF t`,
  )
}

export async function revokeToken(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${id}`)
}

export async function setting<T>(ex: Executor, key: string, lock = false) {
  return firstRow<{ value: T }>(ex, sql`SELECT value FROM settings WHERE key = ${key} ${lock ? sql`FOR UPDATE` : sql``}`)
}

export async function putSetting(ex: Executor, key: string, value: unknown): Promise<void> {
  await ex.execute(sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`)
}

export async function insertAccount(ex: Executor, v: { personId: string; username: string; passwordHash: string; mustChange: boolean }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO accounts (person_id, username, password_hash, must_change_password)
    VALUES (${v.personId}, ${v.username}, ${v.passwordHash}, ${v.mustChange}) RETURNING id::text`))!.id
}

export async function accountOfPerson(ex: Executor, personId: string) {
  return firstRow<{ id: string; username: string; disabled_at: string | null; must_change_password: boolean; totp_enabled: boolean; locked_until: string | null; last_login_at: string | null }>(
    ex,
    sql`SELECT id::text, username, disabled_at, must_change_password, totp_enabled, locked_until, last_login_at FROM accounts WHERE person_id = ${personId}`,
  )
}

export async function setDisabled(ex: Executor, id: string, disabled: boolean): Promise<void> {
  await ex.execute(sql`UPDATE accounts SET disabled_at = ${disabled ? sql`now()` : sql`NULL`} WHERE id = ${id}`)
}
