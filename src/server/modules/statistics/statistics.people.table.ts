// Per-person scores' targets (人员考核目标) as settings: a district or street sets the green and
// yellow cut-offs of the per-person scorecard lines for its subtree; the nearest node up the tree
// that set a line wins, and a line nobody set keeps its default (statistics.people.ts).
import { bigint, check, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

export const statisticPersonTargets = pgTable(
  'statistic_person_targets',
  {
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** `grid_worker` or `member`: whose scorecard. */
    role: text('role').notNull(),
    /** `{ "<line code>": { "green": n, "yellow": n } }`: only the lines this node sets. */
    targets: jsonb('targets').notNull().default(sql`'{}'::jsonb`),
    updatedBy: bigint('updated_by', { mode: 'number' }).notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.role] }),
    index('statistic_person_targets_updated_by_idx').on(t.updatedBy),
    check('statistic_person_targets_role_check', sql`${t.role} IN ('grid_worker', 'member')`),
  ],
)
