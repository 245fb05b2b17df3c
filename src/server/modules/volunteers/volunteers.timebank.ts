// The time bank (时间银行): one-to-one services recorded by the staff of an area, hours given by a
// volunteer and received by a resident; one's own year and balance, and an area's entries.
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import * as repo from './volunteers.timebank.repository.ts'
import { findVolunteer } from './volunteers.repository.ts'
import { chinaYear, hoursByPerson, presentEntry, type VolunteerLookups } from './volunteers.lookups.ts'
import type { TimeBankEntryCreate } from './volunteers.schemas.ts'

export function createTimeBank(l: VolunteerLookups) {
  const { db, now, areaOf, requireAreaKind } = l

  return {
    async timeBankMe(ctx: RequestContext, year = chinaYear(now())) {
      authorize(ctx.actor, 'activity.take', {})
      const personId = ctx.actor.personId!
      const totals = await repo.timeBankTotals(db, personId, year)
      // "Given" is the year's service hours, the same figure as the member's progress and the phone's.
      const h = (await hoursByPerson(db, [personId], year)).get(personId)
      const entries = (await repo.searchEntries(db, { scopes: '', personId, limit: 50 })).slice(0, 50)
      return {
        year,
        given: { activities: h?.activityHours ?? 0, services: h?.serviceHours ?? 0, total: h?.hours ?? 0 },
        received: totals.received,
        balance: Math.round(totals.balance * 100) / 100,
        entries: entries.map((e) => ({ ...presentEntry(e), direction: e.giver.id === personId ? 'given' as const : 'received' as const })),
      }
    },

    async listTimeBankEntries(ctx: RequestContext, q: { orgId?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await areaOf(db, ctx, q.orgId)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchEntries(db, { scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), underPath, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, presentEntry, (e) => ({ id: e.id }))
    },

    /** Records a one-to-one service: hours given by a volunteer, received by a resident. */
    async recordTimeBankEntry(ctx: RequestContext, input: TimeBankEntryCreate) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const org = await areaOf(tx, ctx, input.orgId, 'timeBank.record')
        requireAreaKind(org, 'ACTIVITY_ORG_KIND')
        const bad = (reason: string, path: string) => unprocessable('TIME_BANK_ENTRY_INVALID', { reason }, [{ path, message: reason }])
        if (input.giverId === input.receiverId) throw bad('服务者与受助者不能是同一人', 'receiverId')
        // Both are people of an area the recorder is staff of; anyone else answers as one who does not exist.
        await requireAccess(tx, ctx.actor, { permission: 'timeBank.party', entity: 'volunteer_person', ids: [input.giverId, input.receiverId], hide: true })
        const giver = await findVolunteer(tx, input.giverId)
        if (!giver?.isVolunteer) throw notFound('VOLUNTEER_NOT_FOUND', [{ path: 'giverId', message: 'volunteers.giverNotVolunteer' }])
        const today = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
        if (input.servedOn > today) throw bad('服务日期不能晚于今天', 'servedOn')
        const id = await repo.insertEntry(tx, { ...input, orgId: org.id, recordedBy: ctx.actor.personId })
        await recordAudit(tx, ctx, { action: 'time_bank.record', entity: 'time_bank_entry', entityId: id, orgPath: org.path, after: { ...input } })
        return presentEntry((await repo.findEntry(tx, id))!)
      })
    },
  }
}
