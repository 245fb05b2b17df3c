// Alliances of units (党建联盟、党建综合体) on a street or community, their member units and
// their shared activities.
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { requireAccess } from '../../kernel/access.ts'
import * as repo from './units.alliances.repository.ts'
import { AREA_KINDS, type UnitLookups } from './units.lookups.ts'
import type { AllianceActivityCreate, AllianceCreate } from './units.schemas.ts'

export function createAlliances(l: UnitLookups) {
  const { db, visibility, area, unitFor, filterPath } = l

  async function loadAlliance(ctx: RequestContext, id: string) {
    const v = await visibility(ctx)
    const found = await repo.findAlliance(db, id)
    if (!found) throw notFound('ALLIANCE_NOT_FOUND')
    authorize(ctx.actor, 'alliance.read', { orgPath: found.orgPath, actsForMember: found.unitIds.some((u) => v.unitIds.includes(u)) }, 'ALLIANCE_NOT_FOUND')
    return found
  }

  const alliances = {
    async listAlliances(ctx: RequestContext, q: { orgId?: string; cursor?: string; limit: number }) {
      const v = await visibility(ctx)
      const underPath = await filterPath(ctx, v, q.orgId)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.listAlliances(db, v, { underPath, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, (a) => a, (a) => ({ id: a.id }))
    },

    async getAlliance(ctx: RequestContext, id: string) {
      return (await loadAlliance(ctx, id)).alliance
    },

    async createAlliance(ctx: RequestContext, input: AllianceCreate) {
      requireSignedIn(ctx.actor)
      const id = await inTransaction(db, async (tx) => {
        const org = await area(tx, ctx, input.orgId, 'alliance.manage', AREA_KINDS)
        await requireAccess(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', ids: input.unitIds })
        if (await repo.allianceNameTaken(tx, org.id, input.name)) throw conflict('ALLIANCE_EXISTS', {}, [{ path: 'name', message: 'units.allianceNameTaken' }])
        const allianceId = await repo.insertAlliance(tx, { name: input.name, kind: input.kind, orgId: org.id, description: input.description ?? null, createdBy: ctx.actor.personId!, unitIds: input.unitIds })
        await recordAudit(tx, ctx, { action: 'alliance.create', entity: 'alliance', entityId: allianceId, orgPath: org.path, after: { name: input.name, kind: input.kind, unitIds: input.unitIds } })
        return allianceId
      })
      return (await repo.findAlliance(db, id))!.alliance
    },

    async addAllianceUnit(ctx: RequestContext, id: string, unitId: string) {
      const found = await loadAlliance(ctx, id)
      authorize(ctx.actor, 'alliance.manage', { orgPath: found.orgPath })
      await inTransaction(db, async (tx) => {
        await unitFor(tx, ctx, unitId)
        if ((await repo.findAlliance(tx, id))!.unitIds.includes(unitId)) throw conflict('ALLIANCE_UNIT_EXISTS')
        await repo.insertAllianceUnit(tx, id, unitId)
        await recordAudit(tx, ctx, { action: 'alliance.unit.add', entity: 'alliance', entityId: id, orgPath: found.orgPath, after: { unitId } })
      })
      return (await repo.findAlliance(db, id))!.alliance
    },

    async addAllianceActivity(ctx: RequestContext, id: string, input: AllianceActivityCreate) {
      const found = await loadAlliance(ctx, id)
      authorize(ctx.actor, 'alliance.manage', { orgPath: found.orgPath })
      await inTransaction(db, async (tx) => {
        const activityId = await repo.insertAllianceActivity(tx, { allianceId: id, title: input.title, heldOn: input.heldOn, place: input.place ?? null, description: input.description ?? null, createdBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'alliance.activity.create', entity: 'alliance', entityId: id, orgPath: found.orgPath, after: { activityId, title: input.title, heldOn: input.heldOn } })
      })
      return (await repo.findAlliance(db, id))!.alliance
    },
  }
  return alliances
}
