// The figures of wishes per community under a node: how many were posted, wait for moderation,
// are open, claimed and fulfilled, the average days from approval to fulfilment, and the value
// fulfilled. Staff (grid staff and above) over the node read them.
import type { RequestContext } from '../../kernel/context.ts'
import { LEVEL, requireSignedIn, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { forbidden } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './wishes.repository.ts'
import type { WishFigures } from './wishes.schemas.ts'
import type { WishDeps } from './wishes.service.ts'

const days = (sum: number | null, n: number) => (n > 0 && sum !== null ? Math.round((sum / n) * 10) / 10 : null)

export function createWishFigures(deps: Pick<WishDeps, 'db'>) {
  const { db } = deps
  return async function figures(ctx: RequestContext, q: { orgId?: string }): Promise<WishFigures> {
    requireSignedIn(ctx.actor)
    // By default the caller's widest staff scope.
    const orgId = q.orgId ?? ctx.actor.roles.find((r) => scopesOf(ctx.actor, LEVEL.gridStaff).includes(r.orgPath))?.orgId
    if (!orgId) throw forbidden()
    const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'wish.manageAt', entity: 'org', id: orgId })
    const found = await repo.figures(db, org.path)
    const sum = (k: 'posted' | 'pending' | 'open' | 'claimed' | 'fulfilled' | 'valueFulfilledYuan') => found.reduce((a, r) => a + r[k], 0)
    const fulfilled = sum('fulfilled')
    const sumDays = found.reduce((a, r) => a + (r.sumDays ?? 0), 0)
    return {
      org: { id: org.id, name: org.name },
      total: { posted: sum('posted'), pending: sum('pending'), open: sum('open'), claimed: sum('claimed'), fulfilled, avgDaysToFulfil: days(sumDays, fulfilled), valueFulfilledYuan: sum('valueFulfilledYuan') },
      communities: found.map((r) => ({
        community: { id: r.id, name: r.name }, posted: r.posted, pending: r.pending, open: r.open, claimed: r.claimed, fulfilled: r.fulfilled,
        avgDaysToFulfil: days(r.sumDays, r.fulfilled), valueFulfilledYuan: r.valueFulfilledYuan,
      })),
    }
  }
}
