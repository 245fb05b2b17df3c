// In-app notifications: one row per person per thing they should know about. Followers who
// chose the daily digest get one summary row a day instead of one per update.
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { people } from '../people/people.table.ts'

export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    /** case.new_in_grid, case.assigned, case.overdue, case.update, case.revisit, digest … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** What to open: {"caseId":"…"}. */
    link: jsonb('link').notNull().default({}),
    /** For digests: the follow-updates not yet summarised. */
    pendingDigest: timestamp('pending_digest', { withTimezone: true, mode: 'string' }),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('notifications_person_idx').on(t.personId, t.id), index('notifications_digest_idx').on(t.personId).where(sql`pending_digest IS NOT NULL`)],
)
