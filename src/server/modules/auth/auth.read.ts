// What other modules may read of accounts, as a relation to join in their own SQL: a projection
// without password hashes, TOTP secrets or lockout counters.
import { sql } from 'drizzle-orm'

export const accountRows = sql`(SELECT id, person_id, username, must_change_password, disabled_at, last_login_at FROM accounts)`
