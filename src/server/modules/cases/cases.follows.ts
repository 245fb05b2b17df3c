// Following a whole grid or community (cases are followed through the case service), and the
// list of what one follows.
import { sql } from 'drizzle-orm'
import { firstRow, isoTime, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import type { OrgService } from '../orgs/orgs.service.ts'

interface FollowRow {
  id: string
  case_id: string | null
  org_id: string | null
  org_name: string | null
  digest: boolean
  created_at: string
}

const present = (r: FollowRow) => ({ id: r.id, caseId: r.case_id, orgId: r.org_id, orgName: r.org_name, digest: r.digest, createdAt: isoTime(r.created_at)! })
const columns = sql`f.id::text, f.case_id::text, f.org_id::text, o.name AS org_name, f.digest, f.created_at::text`

export function createFollowService(deps: { db: Executor; orgs: Pick<OrgService, 'findRef'> }) {
  const { db, orgs } = deps
  return {
    async list(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const found = await rows<FollowRow>(db, sql`SELECT ${columns} FROM follows f LEFT JOIN orgs o ON o.id = f.org_id
        WHERE f.person_id = ${ctx.actor.personId} ORDER BY f.id DESC LIMIT 500`)
      return found.map(present)
    },

    async followOrg(ctx: RequestContext, orgId: string, digest: boolean) {
      requireSignedIn(ctx.actor)
      const org = await orgs.findRef(orgId)
      if (!org) throw notFound('ORG_NOT_FOUND')
      authorize(ctx.actor, 'org.read', { path: org.path, kind: org.kind }, 'ORG_NOT_FOUND')
      if (!['grid', 'community', 'village', 'street'].includes(org.kind)) {
        throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'orgId', message: '只能关注网格、社区或街道' }])
      }
      const row = await firstRow<{ id: string }>(db, sql`INSERT INTO follows (person_id, org_id, digest) VALUES (${ctx.actor.personId}, ${orgId}, ${digest})
        ON CONFLICT (person_id, org_id) WHERE org_id IS NOT NULL DO UPDATE SET digest = EXCLUDED.digest RETURNING id::text`)
      return present((await firstRow<FollowRow>(db, sql`SELECT ${columns} FROM follows f LEFT JOIN orgs o ON o.id = f.org_id WHERE f.id = ${row!.id}`))!)
    },

    async remove(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      await db.transaction(async (tx) => {
        const gone = await firstRow<{ case_id: string | null }>(tx, sql`DELETE FROM follows WHERE id = ${id} AND person_id = ${ctx.actor.personId} RETURNING case_id::text`)
        if (!gone) throw notFound('FOLLOW_NOT_FOUND')
        if (gone.case_id) await tx.execute(sql`UPDATE cases SET followers = followers - 1 WHERE id = ${gone.case_id}`)
      })
    },
  }
}
