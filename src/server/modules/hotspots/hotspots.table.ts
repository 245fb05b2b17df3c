// Hotspots (热点问题) are computed on request from the cases and orders; the one thing stored is
// which records a hotspot was raised from as a deliberation topic (每月一题), so the hotspot list
// shows "已转议题" with the topic's link. The topic itself is the deliberation module's.
import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { topics } from '../deliberation/deliberation.table.ts'

export const hotspotRaises = pgTable(
  'hotspot_raises',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The node the hotspot was read at when it was raised. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** The hotspot's category key: `case:<category code>` or `order:<service item id>`. */
    category: text('category').notNull(),
    topicId: bigint('topic_id', { mode: 'number' }).notNull().references(() => topics.id),
    caseIds: bigint('case_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    orderIds: bigint('order_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    raisedBy: bigint('raised_by', { mode: 'number' }).notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('hotspot_raises_org_idx').on(t.orgId, t.category),
    index('hotspot_raises_topic_idx').on(t.topicId),
    index('hotspot_raises_raised_by_idx').on(t.raisedBy),
    // A hotspot is matched to its raise by any record it shares with it.
    index('hotspot_raises_case_ids_gin').using('gin', t.caseIds),
    index('hotspot_raises_order_ids_gin').using('gin', t.orderIds),
  ],
)
