// What other modules may read of accounts, as a relation to join in their own SQL: a projection
// without password hashes, TOTP secrets or failed-login counters (whether TOTP is on and until
// when an account is locked are shown on a person's page).
import { sql } from 'drizzle-orm'

export const accountRows = sql`(SELECT id, person_id, username, must_change_password, disabled_at, last_login_at, totp_enabled, locked_until FROM accounts)`

/** API tokens without their hashes (the orgs module counts a node's live ones before deleting it). */
export const apiTokenRows = sql`(SELECT id, name, role, org_id, created_by, revoked_at FROM api_tokens)`
