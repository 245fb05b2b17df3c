// Yearly targets (年度目标) of members' service, set by a region for the communities below it (the
// nearest one up counts, else the default), and the sweep's reminders from 1 October to those
// behind: at most one a week each.
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { unprocessable } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './members.repository.ts'
import { chinaDate, chinaYear, progressOf, type MemberLookups } from './members.lookups.ts'
import type { TargetPut } from './members.schemas.ts'

/** Reminders go out in the last quarter, from 1 October (China time). */
const REMINDER_FROM_MONTH = 10
const REMINDER_BATCH = 500

const presentTarget = (t: repo.TargetRow) => ({ id: t.id, org: t.org, year: t.year, minProjects: t.minProjects, minHours: Number(t.minHours), updatedAt: isoTime(t.updatedAt)! })

export function createTargets(l: MemberLookups) {
  const { db, deps, cadreScopes, filterNode } = l

  return {
    async listTargets(ctx: RequestContext, q: { orgId?: string; year?: number }) {
      requireSignedIn(ctx.actor)
      const underPath = await filterNode(ctx, q.orgId)
      const found = await repo.searchTargets(db, { scopes: cadreScopes(ctx), underPath, year: q.year })
      return { items: found.map(presentTarget), defaults: repo.DEFAULT_TARGET }
    },

    async putTarget(ctx: RequestContext, input: TargetPut) {
      requireSignedIn(ctx.actor)
      const id = await inTransaction(db, async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'memberTarget.manage', entity: 'org', id: input.orgId })
        if (!['city', 'district', 'street', 'community', 'village'].includes(org.kind)) throw unprocessable('MEMBER_TARGET_ORG_KIND', {}, [{ path: 'orgId', message: 'members.targetOrgKind' }])
        const saved = await repo.upsertTarget(tx, input)
        await recordAudit(tx, ctx, { action: saved.created ? 'member_target.create' : 'member_target.update', entity: 'member_target', entityId: saved.id, orgPath: org.path, after: { ...input } })
        return saved.id
      })
      return presentTarget((await repo.findTarget(db, id))!)
    },

    /**
     * The minute sweep: from 1 October each behind member gets at most one reminder a week. Hours
     * are read in the sweep's transaction (on PGlite, one connection, a read outside it would wait
     * for it forever).
     */
    async remindBehind(tx: Executor, at: Date): Promise<number> {
      if (Number(chinaDate(at).slice(5, 7)) < REMINDER_FROM_MONTH) return 0
      const year = chinaYear(at)
      let sent = 0
      let afterId: string | undefined
      for (;;) {
        const candidates = await repo.remindable(tx, at, year, REMINDER_BATCH, afterId)
        if (candidates.length === 0) return sent
        afterId = candidates.at(-1)!.id
        const hours = await deps.volunteers.hoursByPerson(tx, candidates.map((m) => m.personId), year)
        const behind = candidates.map((m) => ({ m, p: progressOf(m, year, hours.get(m.personId)) })).filter((x) => !x.p.met)
        // One INSERT for the batch (was one per member: 7 s for the bench city's 2,000 members).
        await deps.notifications.notifyEach(tx, 'member_target', behind.map(({ m, p }) => ({
          personIds: [m.personId],
          title: `${year} 年报到服务尚未达标`,
          body: `已服务 ${p.hours} 小时、参与 ${p.projects} 个项目；年度目标 ${p.minHours} 小时、${p.minProjects} 个项目，请在年底前完成。`,
          link: { memberId: m.id },
        })))
        await repo.insertReminders(tx, behind.map((x) => x.m.id), year, at)
        sent += behind.length
      }
    },
  }
}
