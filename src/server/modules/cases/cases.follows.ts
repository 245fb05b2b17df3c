// Following a whole grid, community or street (cases are followed through the case service), and
// the list of what one follows. A follow never widens what its owner reads: the read rule
// (cases.access.ts) decides which of the node's cases they see and are told about.
import { sql } from 'drizzle-orm'
import { firstRow, isoTime, rows, type Executor } from '../../kernel/db/client.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { auditCase, type AuditedCase } from './cases.audit.ts'
import { orgTree } from '../orgs/orgs.read.ts'

interface FollowRow {
  id: string
  caseId: string | null
  orgId: string | null
  orgName: string | null
  digest: boolean
  createdAt: string
}

const FOLLOWED_KINDS = ['grid', 'community', 'village', 'street']

const present = (r: FollowRow) => ({ id: r.id, caseId: r.caseId, orgId: r.orgId, orgName: r.orgName, digest: r.digest, createdAt: isoTime(r.createdAt)! })
const columns = sql`f.id::text, f.case_id::text AS "caseId", f.org_id::text AS "orgId", o.name AS "orgName", f.digest, f.created_at::text AS "createdAt"`

export function createFollowService(deps: { db: Executor }) {
  const { db } = deps
  return {
    async list(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const found = await rows<FollowRow>(db, sql`SELECT ${columns} FROM follows f LEFT JOIN ${orgTree} o ON o.id = f.org_id
        WHERE f.person_id = ${ctx.actor.personId} ORDER BY f.id DESC LIMIT 500`)
      return found.map(present)
    },

    /** Follows a node the caller may read (404 otherwise). */
    async followOrg(ctx: RequestContext, orgId: string, digest: boolean) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
        if (!FOLLOWED_KINDS.includes(org.kind)) {
          throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'orgId', message: 'cases.followOrgKind' }])
        }
        const row = await firstRow<{ id: string }>(tx, sql`INSERT INTO follows (person_id, org_id, district_id, digest)
          VALUES (${ctx.actor.personId}, ${orgId}, linli_district_of(${orgId}), ${digest})
          ON CONFLICT (person_id, org_id, district_id) WHERE org_id IS NOT NULL DO UPDATE SET digest = EXCLUDED.digest RETURNING id::text`)
        await recordAudit(tx, ctx, { action: 'follow.create', entity: 'follow', entityId: row!.id, orgPath: org.path, after: { orgId, digest } })
        return present((await firstRow<FollowRow>(tx, sql`SELECT ${columns} FROM follows f LEFT JOIN ${orgTree} o ON o.id = f.org_id WHERE f.id = ${row!.id}`))!)
      })
    },

    async remove(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      await inTransaction(db, async (tx) => {
        const gone = await firstRow<{ caseId: string | null; districtId: string; orgId: string | null; orgPath: string | null }>(tx, sql`DELETE FROM follows f
          WHERE f.id = ${id} AND f.person_id = ${ctx.actor.personId}
          RETURNING f.case_id::text AS "caseId", f.district_id::text AS "districtId", f.org_id::text AS "orgId", (SELECT o.path::text FROM ${orgTree} o WHERE o.id = f.org_id) AS "orgPath"`)
        if (!gone) throw notFound('FOLLOW_NOT_FOUND')
        if (gone.caseId) {
          const c = await firstRow<AuditedCase>(tx, sql`UPDATE cases SET followers = followers - 1 WHERE id = ${gone.caseId} AND district_id = ${gone.districtId}
            RETURNING id::text, org_path::text AS "orgPath", anonymous, reporter_id::text AS "reporterId"`)
          await auditCase(tx, ctx, c!, 'case.unfollow', { followId: id })
        } else {
          await recordAudit(tx, ctx, { action: 'follow.delete', entity: 'follow', entityId: id, orgPath: gone.orgPath, before: { orgId: gone.orgId } })
        }
      })
    },
  }
}

export type FollowService = ReturnType<typeof createFollowService>
