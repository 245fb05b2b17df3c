// Reading the audit trail: admins (cadre level and above) read the entries of their scope. Each
// entry comes with the words of its action and record kind (kernel/audit-words.ts) and the names
// of the org path it was written under, so no reader sees a bare code or a path of ids.
import { sql } from 'drizzle-orm'
import { isoTime, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { auditActionWords, auditEntityWords, wordsOf } from '../../kernel/audit-words.ts'
import { definePolicy, LEVEL, requireSignedIn, scopeParam, scopesOf, authorize } from '../../kernel/policy.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { idArray } from '../../kernel/access.ts'
import { personNames } from '../people/people.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'

definePolicy<null>('audit.read', (actor) => actor.kind === 'person' && scopesOf(actor, LEVEL.cadre).length > 0)

interface AuditRow {
  id: string
  at: string
  actorPersonId: string | null
  actorName: string | null
  actorTokenId: string | null
  action: string
  entity: string
  entityId: string | null
  orgPath: string | null
  before: unknown
  after: unknown
  diff: Record<string, { from: unknown; to: unknown }>
  ip: string | null
  userAgent: string | null
  requestId: string | null
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

const sortedWords = (table: Record<string, { zh: string; en: string }>) =>
  Object.entries(table).map(([code, w]) => ({ code, zh: w.zh, en: w.en })).sort((a, b) => a.code.localeCompare(b.code))

export function createAuditService(deps: { db: Executor }) {
  const { db } = deps
  return {
    /** Every action and record kind the log can hold, with their words (the filters' choices). */
    vocabulary(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      authorize(ctx.actor, 'audit.read', null)
      return { actions: sortedWords(auditActionWords), entities: sortedWords(auditEntityWords) }
    },

    async list(ctx: RequestContext, q: AuditQuery) {
      requireSignedIn(ctx.actor)
      authorize(ctx.actor, 'audit.read', null)
      const scopes = scopeParam(scopesOf(ctx.actor, LEVEL.cadre))
      const isAdmin = ctx.actor.roles.some((r) => r.role === 'admin')
      const after = decodeCursor(q.cursor, idCursor)
      // Entries with no org (password changes, settings) are an admin's to read.
      const found = await rows<AuditRow>(
        db,
        sql`SELECT l.id::text, l.at, l.actor_person_id::text AS "actorPersonId", p.name AS "actorName", l.actor_token_id::text AS "actorTokenId",
                   l.action, l.entity, l.entity_id AS "entityId", l.org_path::text AS "orgPath", l.before, l.after, l.diff, l.ip,
                   l.user_agent AS "userAgent", l.request_id AS "requestId"
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
      // The org path's ids as names, read once for the page (a deleted org keeps its name).
      const ids = [...new Set(found.flatMap((r) => r.orgPath?.split('.') ?? []))]
      const names = new Map(
        ids.length === 0 ? [] : (await rows<{ id: string; name: string }>(db, sql`SELECT id::text, name FROM ${orgTree} o WHERE id = ANY(${idArray(ids)})`)).map((o) => [o.id, o.name]),
      )
      return toPage(
        found,
        q.limit,
        (r) => ({
          id: r.id,
          at: isoTime(r.at)!,
          actor: r.actorPersonId ? { personId: r.actorPersonId, name: r.actorName } : r.actorTokenId ? { tokenId: r.actorTokenId } : null,
          action: r.action,
          actionWords: wordsOf(auditActionWords, r.action),
          entity: r.entity,
          entityWords: wordsOf(auditEntityWords, r.entity),
          entityId: r.entityId,
          orgPath: r.orgPath,
          orgNames: r.orgPath === null ? null : r.orgPath.split('.').map((id) => names.get(id) ?? `#${id}`),
          before: r.before,
          after: r.after,
          diff: r.diff,
          ip: r.ip,
          userAgent: r.userAgent,
          requestId: r.requestId,
        }),
        (r) => ({ id: r.id }),
      )
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
