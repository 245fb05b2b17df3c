// Writes one audit row per write, inside the caller's transaction, with a diff of the
// fields that changed.
import { sql } from 'drizzle-orm'
import type { Executor } from './db/client.ts'
import type { RequestContext } from './context.ts'
import type { AuditAction, AuditEntity } from './audit-words.ts'

export interface AuditEntry {
  /** Only an action with words in the audit log's catalogue (kernel/audit-words.ts). */
  action: AuditAction
  entity: AuditEntity
  entityId: string | null
  orgPath: string | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

const SECRET_FIELDS = new Set(['passwordHash', 'password', 'totpSecret', 'tokenHash', 'token'])

function redact(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : v]))
}

export function diffOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const diff: Record<string, { from: unknown; to: unknown }> = {}
  for (const k of keys) {
    const from = before?.[k] ?? null
    const to = after?.[k] ?? null
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[k] = { from, to }
  }
  return diff
}

export async function recordAudit(tx: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const before = redact(entry.before)
  const after = redact(entry.after)
  const diff = diffOf(before, after)
  await tx.execute(sql`
    INSERT INTO audit_log (actor_person_id, actor_token_id, action, entity, entity_id, org_path,
                           before, after, diff, ip, user_agent, request_id)
    VALUES (${ctx.actor.personId}, ${ctx.actor.tokenId}, ${entry.action}, ${entry.entity}, ${entry.entityId},
            ${entry.orgPath}::ltree, ${before ? JSON.stringify(before) : null}::jsonb,
            ${after ? JSON.stringify(after) : null}::jsonb, ${JSON.stringify(diff)}::jsonb,
            ${ctx.ip}, ${ctx.userAgent?.slice(0, 500) ?? null}, ${ctx.requestId})`)
}
