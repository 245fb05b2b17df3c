// Reports, transitions and follows of cases in the audit trail. An entry points at the timeline
// row (the timeline is the record of what happened); what an anonymous reporter does on their
// own case (the report itself, a rating, a revisit, a follow) is recorded without who they are,
// where from or with what, or the trail would name them to the staff who read it.
import type { AuditAction } from '../../kernel/audit-words.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { anonymousActor, type RequestContext } from '../../kernel/context.ts'
import { recordAudit } from '../../kernel/audit.ts'

export interface AuditedCase {
  id: string
  orgPath: string
  anonymous: boolean
  reporterId: string | null
}

/** Whether the caller is the anonymous reporter of the case (signed in, or reporting without a login). */
export function isAnonymousReporter(ctx: RequestContext, c: AuditedCase): boolean {
  if (!c.anonymous) return false
  return ctx.actor.personId === null ? ctx.actor.kind === 'anonymous' : ctx.actor.personId === c.reporterId
}

export async function auditCase(tx: Executor, ctx: RequestContext, c: AuditedCase, action: AuditAction & `case.${string}`, after: Record<string, unknown>): Promise<void> {
  const who = isAnonymousReporter(ctx, c) ? { actor: anonymousActor, ip: null, userAgent: null, requestId: ctx.requestId } : ctx
  await recordAudit(tx, who, { action, entity: 'case', entityId: c.id, orgPath: c.orgPath, after })
}
