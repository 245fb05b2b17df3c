// Accounts (how a person logs in), their sessions, machine API tokens and security settings.
// Session ids and tokens are stored only as SHA-256 hashes: a copy of the database cannot log in.
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { people, roles } from '../people/people.table.ts'
import { orgs } from '../orgs/orgs.table.ts'

export const accounts = pgTable(
  'accounts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'string' }),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The time step of the last TOTP code accepted: a code is good once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('accounts_person_key').on(t.personId),
    uniqueIndex('accounts_username_key').on(sql`lower(${t.username})`),
  ],
)

export const sessions = pgTable(
  'sessions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text('token_hash').notNull(),
    accountId: bigint('account_id', { mode: 'number' }).notNull().references(() => accounts.id),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'string' }),
    endReason: text('end_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_account_idx').on(t.accountId).where(sql`ended_at IS NULL`),
    index('sessions_account_id_idx').on(t.accountId),
  ],
)

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    role: text('role', { enum: roles }).notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash), index('api_tokens_org_idx').on(t.orgId)],
)

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  ...timestamps,
})

/** Verification codes sent by SMS (self-registration, phone changes); only a hash of each code is kept. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: timestamp('consumed_at', { withTimezone: true, mode: 'string' }),
    ip: text('ip'),
    /** The account a phone-change code was sent for (NULL for registration codes). */
    accountId: bigint('account_id', { mode: 'number' }).references(() => accounts.id),
    ...timestamps,
  },
  (t) => [index('sms_codes_phone_idx').on(t.phone, t.purpose, t.id), index('sms_codes_account_id_idx').on(t.accountId)],
)
