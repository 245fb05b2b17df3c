// 智慧屏 (wall screens): a TV in a service centre shows live figures of one org node at
// /screen/<token>. A cadre of the node makes the token and may revoke it; the token reads that
// node's screen feed and nothing else. Only its SHA-256 is stored.
import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

export const screenTokens = pgTable(
  'screen_tokens',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** Where the screen hangs ("党群服务中心一楼大厅"). */
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The token's last four characters, so a cadre can tell screens apart. */
    tokenHint: text('token_hint').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
    revokedBy: bigint('revoked_by', { mode: 'number' }).references(() => people.id),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }),
    /** The headline indicators the screen shows (codes of the statistics dictionary), in order; null: the default list. */
    indicatorCodes: text('indicator_codes').array(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('screen_tokens_hash_key').on(t.tokenHash),
    index('screen_tokens_org_idx').on(t.orgId),
    index('screen_tokens_created_by_idx').on(t.createdBy),
    index('screen_tokens_revoked_by_idx').on(t.revokedBy),
  ],
)
