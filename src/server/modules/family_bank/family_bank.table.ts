// 家风银行 (family-tradition bank): family mottos and stories ("deposits") that residents and
// members submit, cadres moderate, and a public page per community and street shows with counts.
// The public page names a family only by its surname label ("王家"), never the depositor.
import { bigint, check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

export const depositKinds = ['motto', 'story'] as const
export const depositStates = ['pending', 'published', 'rejected', 'withdrawn'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))

export const familyDeposits = pgTable(
  'family_deposits',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The community that moderates it and whose page shows it. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    kind: text('kind', { enum: depositKinds }).notNull(),
    state: text('state', { enum: depositStates }).notNull(),
    depositorId: bigint('depositor_id', { mode: 'number' }).notNull().references(() => people.id),
    /** The only name the public page shows: a surname label such as "王家". */
    familyLabel: text('family_label').notNull(),
    /** A story's title (a motto has none). */
    title: text('title'),
    body: text('body').notNull(),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    moderatedBy: bigint('moderated_by', { mode: 'number' }).references(() => people.id),
    moderatedAt: timestamp('moderated_at', { withTimezone: true, mode: 'string' }),
    reason: text('reason'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('family_deposits_org_state_idx').on(t.orgId, t.state, t.id),
    index('family_deposits_depositor_idx').on(t.depositorId, t.id),
    index('family_deposits_moderated_by_idx').on(t.moderatedBy),
    check('family_deposits_kind_check', sql`${t.kind} IN (${list(depositKinds)})`),
    check('family_deposits_state_check', sql`${t.state} IN (${list(depositStates)})`),
    check('family_deposits_story_title_check', sql`${t.kind} = 'motto' OR ${t.title} IS NOT NULL`),
  ],
)
