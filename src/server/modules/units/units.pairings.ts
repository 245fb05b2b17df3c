// Pairing agreements (结对共建) between units and communities, and the "5+X+Y" limit of core
// pairings a community may have (set on it or an ancestor, else the configured default).
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import * as repo from './units.pairings.repository.ts'
import { AREA_KINDS, COMMUNITY_KINDS, type UnitLookups } from './units.lookups.ts'
import type { PairingCreate, PairingEnd } from './units.schemas.ts'

export function createPairings(l: UnitLookups) {
  const { db, today, visibility, area, unitFor, figuresOf, limitOf } = l

  async function loadPairing(ctx: RequestContext, id: string) {
    const v = await visibility(ctx)
    const found = await repo.findPairing(db, id)
    if (!found) throw notFound('PAIRING_NOT_FOUND')
    authorize(ctx.actor, 'pairing.read', { communityPath: found.communityPath, actsFor: v.unitIds.includes(found.unitId) }, 'PAIRING_NOT_FOUND')
    return found
  }

  const pairings = {
    async listPairings(ctx: RequestContext, q: { communityId?: string; unitId?: string; status?: string; cursor?: string; limit: number }) {
      const v = await visibility(ctx)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.listPairings(db, v, { ...q, afterId: after?.id })
      return toPage(found, q.limit, (p) => p, (p) => ({ id: p.id }))
    },

    async getPairing(ctx: RequestContext, id: string) {
      return (await loadPairing(ctx, id)).pairing
    },

    async createPairing(ctx: RequestContext, input: PairingCreate) {
      requireSignedIn(ctx.actor)
      const id = await inTransaction(db, async (tx) => {
        const community = await area(tx, ctx, input.communityId, 'pairing.manage', COMMUNITY_KINDS)
        const unit = await unitFor(tx, ctx, input.unitId)
        // Serialises pairings of this community: two concurrent agreements cannot both be the one over the limit.
        await repo.lockCommunity(tx, community.id)
        if (await repo.activePairingOf(tx, community.id, unit.id)) throw conflict('PAIRING_EXISTS')
        const { maxUnits } = await limitOf(community, tx)
        if (input.kind === 'core' && (await repo.countedPairings(tx, community.id, today())) >= maxUnits) {
          throw unprocessable('PAIRING_LIMIT_REACHED', { max: maxUnits })
        }
        const pairingId = await repo.insertPairing(tx, {
          communityId: community.id, unitId: unit.id, kind: input.kind, title: input.title, terms: input.terms, tags: input.tags,
          startsOn: input.startsOn, endsOn: input.endsOn ?? null, createdBy: ctx.actor.personId!,
        })
        await recordAudit(tx, ctx, {
          action: 'pairing.create', entity: 'pairing_agreement', entityId: pairingId, orgPath: community.path,
          after: { unitId: unit.id, kind: input.kind, title: input.title, tags: input.tags, startsOn: input.startsOn, endsOn: input.endsOn ?? null },
        })
        return pairingId
      })
      return (await repo.findPairing(db, id))!.pairing
    },

    async endPairing(ctx: RequestContext, id: string, input: PairingEnd) {
      const found = await loadPairing(ctx, id)
      authorize(ctx.actor, 'pairing.manage', { orgPath: found.communityPath })
      if (found.pairing.status === 'ended') throw conflict('PAIRING_ENDED')
      if (input.endedOn < found.pairing.startsOn) {
        throw unprocessable('PAIRING_END_BEFORE_START', { startsOn: found.pairing.startsOn }, [{ path: 'endedOn', message: 'units.endBeforeStart' }])
      }
      await inTransaction(db, async (tx) => {
        if (!(await repo.endPairing(tx, id, input.endedOn, input.reason))) throw conflict('PAIRING_ENDED')
        await recordAudit(tx, ctx, { action: 'pairing.end', entity: 'pairing_agreement', entityId: id, orgPath: found.communityPath, before: { status: 'active' }, after: { status: 'ended', endedOn: input.endedOn, reason: input.reason } })
      })
      return (await repo.findPairing(db, id))!.pairing
    },

    async pairingLimit(ctx: RequestContext, orgId: string) {
      const org = await figuresOf(ctx, orgId)
      if (!AREA_KINDS.includes(org.kind)) throw unprocessable('UNIT_ORG_KIND')
      const limit = await limitOf(org)
      const used = COMMUNITY_KINDS.includes(org.kind) ? await repo.countedPairings(db, org.id, today()) : null
      return { org: { id: org.id, name: org.name }, maxUnits: limit.maxUnits, setAt: limit.setAt, used }
    },

    async setPairingLimit(ctx: RequestContext, orgId: string, maxUnits: number) {
      requireSignedIn(ctx.actor)
      await inTransaction(db, async (tx) => {
        const org = await area(tx, ctx, orgId, 'pairingLimit.set', AREA_KINDS)
        const before = await repo.upsertLimit(tx, org.id, maxUnits, ctx.actor.personId!)
        await recordAudit(tx, ctx, { action: 'pairing_limit.set', entity: 'pairing_limit', entityId: org.id, orgPath: org.path, before: before === undefined ? null : { maxUnits: before }, after: { maxUnits } })
      })
      return pairings.pairingLimit(ctx, orgId)
    },
  }
  return pairings
}
