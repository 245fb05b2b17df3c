// The append-only audit trail of every write (a trigger in the migrations refuses UPDATE and DELETE).
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { ltree } from './db/types.ts'

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actorPersonId: bigint('actor_person_id', { mode: 'number' }),
    actorTokenId: bigint('actor_token_id', { mode: 'number' }),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    orgPath: ltree('org_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    diff: jsonb('diff'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_org_path_gist').using('gist', t.orgPath),
    index('audit_log_at_idx').on(t.at, t.id),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorPersonId),
  ],
)
