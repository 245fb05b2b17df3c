// Reading the audit trail: admins (cadre level and above) read the entries of their scope.
import { sql } from 'drizzle-orm'
import { isoTime, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { definePolicy, LEVEL, requireSignedIn, scopeParam, scopesOf, authorize } from '../../kernel/policy.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { personNames } from '../people/people.read.ts'

definePolicy<null>('audit.read', (actor) => actor.kind === 'person' && scopesOf(actor, LEVEL.cadre).length > 0)

interface AuditRow {
  id: string
  at: string
  actor_person_id: string | null
  actor_name: string | null
  actor_token_id: string | null
  action: string
  entity: string
  entity_id: string | null
  org_path: string | null
  before: unknown
  after: unknown
  diff: Record<string, { from: unknown; to: unknown }>
  ip: string | null
  user_agent: string | null
  request_id: string | null
}

export interface AuditQuery {
  actorId?: string
  entity?: string
  entityId?: string
  action?: string
  from?: string
  to?: string
  cursor?: string
  limit: number
}

export function createAuditService(deps: { db: Executor }) {
  const { db } = deps
  return {
    async list(ctx: RequestContext, q: AuditQuery) {
      requireSignedIn(ctx.actor)
      authorize(ctx.actor, 'audit.read', null)
      const scopes = scopeParam(scopesOf(ctx.actor, LEVEL.cadre))
      const isAdmin = ctx.actor.roles.some((r) => r.role === 'admin')
      const after = decodeCursor(q.cursor, idCursor)
      // Entries with no org (password changes, settings) are an admin's to read.
      const found = await rows<AuditRow>(
        db,
        sql`SELECT l.id::text, l.at, l.actor_person_id::text, p.name AS actor_name, l.actor_token_id::text, l.action, l.entity,
                   l.entity_id, l.org_path::text, l.before, l.after, l.diff, l.ip, l.user_agent, l.request_id
            FROM audit_log l LEFT JOIN ${personNames} p ON p.id = l.actor_person_id
            WHERE (l.org_path <@ string_to_array(${scopes}, ',')::ltree[] ${isAdmin ? sql`OR l.org_path IS NULL` : sql``})
              ${q.actorId ? sql`AND l.actor_person_id = ${q.actorId}` : sql``}
              ${q.entity ? sql`AND l.entity = ${q.entity}` : sql``}
              ${q.entityId ? sql`AND l.entity_id = ${q.entityId}` : sql``}
              ${q.action ? sql`AND l.action = ${q.action}` : sql``}
              ${q.from ? sql`AND l.at >= ${q.from}::timestamptz` : sql``}
              ${q.to ? sql`AND l.at < ${q.to}::timestamptz` : sql``}
              ${after ? sql`AND l.id < ${after.id}` : sql``}
            ORDER BY l.id DESC LIMIT ${q.limit + 1}`,
      )
      return toPage(
        found,
        q.limit,
        (r) => ({
          id: r.id,
          at: isoTime(r.at)!,
          actor: r.actor_person_id ? { personId: r.actor_person_id, name: r.actor_name } : r.actor_token_id ? { tokenId: r.actor_token_id } : null,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          orgPath: r.org_path,
          before: r.before,
          after: r.after,
          diff: r.diff,
          ip: r.ip,
          userAgent: r.user_agent,
          requestId: r.request_id,
        }),
        (r) => ({ id: r.id }),
      )
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
