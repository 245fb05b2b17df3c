// Units (单位) and co-building (共建): the unit registry with Party-organisation coverage,
// pairing agreements between units and communities (with the "5+X+Y" limit of core pairings,
// units.pairings.ts), the four co-building lists claimed both ways (units.board.ts), alliances
// of units (units.alliances.ts), and the part-time committee members who act for units. Other
// modules use `idsOf`, and name units through the 'unit' access loader (units.access.ts).
import type { Executor } from '../../kernel/db/client.ts'
import { primaryReads, type ReadRouter } from '../../kernel/db/replicas.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toCountedPage } from '../../kernel/pagination.ts'
import { idSchema } from '../../kernel/contract.ts'
import * as repo from './units.repository.ts'
import type { UnitCreate, UnitPersonCreate, UnitUpdate } from './units.schemas.ts'
import { AREA_KINDS, createUnitLookups, type UnitDeps } from './units.lookups.ts'
import { createPairings } from './units.pairings.ts'
import { createBoard } from './units.board.ts'
import { createAlliances } from './units.alliances.ts'

/** What this module needs of the people service: a new person row, in the caller's transaction. */
export interface PersonCreator {
  create(ex: Executor, input: { name: string }): Promise<string>
}

export function createUnitService(deps: UnitDeps & { people: PersonCreator; reads?: ReadRouter }) {
  const l = createUnitLookups(deps)
  const { db, today, visibility, area, unitFor, filterPath, figuresOf } = l
  // The units list tolerates a few seconds' lag: a replica may answer it (the writer reads its own write).
  const reads = deps.reads ?? primaryReads(db)

  const service = {
    /** The live units the person acts for (listed in unit_people), by id; read with the caller's executor. */
    async idsOf(ex: Executor, personId: string): Promise<string[]> {
      if (!idSchema.safeParse(personId).success) return []
      return repo.unitIdsOf(ex, personId)
    },

    // -----------------------------------------------------------------------
    // Units

    async listUnits(ctx: RequestContext, q: { orgId?: string; kind?: string; hasPartyOrg?: boolean; residentUnit?: boolean; mine?: boolean; q?: string; cursor?: string; limit: number }) {
      const seen = await visibility(ctx)
      const v = q.mine ? { scopes: '', unitIds: seen.unitIds } : seen
      const underPath = await filterPath(ctx, seen, q.orgId)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await reads.run(ctx, (ex) => repo.listUnits(ex, v, { ...q, underPath, afterId: after?.id }))
      return toCountedPage(found, q.limit, (u) => u, (u) => ({ id: u.id }), after === undefined)
    },

    async getUnit(ctx: RequestContext, id: string) {
      const unit = await unitFor(db, ctx, id)
      return (await repo.findUnit(db, unit.id))!
    },

    async createUnit(ctx: RequestContext, input: UnitCreate) {
      requireSignedIn(ctx.actor)
      const id = await inTransaction(db, async (tx) => {
        const org = await area(tx, ctx, input.orgId, 'unit.manage', AREA_KINDS)
        const values: repo.UnitValues = {
          name: input.name, kind: input.kind, creditCode: input.creditCode ?? null, orgId: org.id, residentUnit: input.residentUnit,
          hasPartyOrg: input.hasPartyOrg, partyOrgName: input.partyOrgName ?? null, partyMemberCount: input.partyMemberCount,
          staffCount: input.staffCount ?? null, address: input.address ?? null,
        }
        if (values.creditCode && (await repo.creditCodeTaken(tx, values.creditCode))) {
          throw conflict('UNIT_CREDIT_CODE_EXISTS', { creditCode: values.creditCode }, [{ path: 'creditCode', message: 'units.creditCodeTaken' }])
        }
        const unitId = await repo.insertUnit(tx, values)
        await recordAudit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: unitId, orgPath: org.path, after: { ...values } })
        return unitId
      })
      return (await repo.findUnit(db, id))!
    },

    async updateUnit(ctx: RequestContext, id: string, input: UnitUpdate) {
      requireSignedIn(ctx.actor)
      const unit = await inTransaction(db, async (tx) => {
        const unit = await unitFor(tx, ctx, id, 'unit.manage')
        const current = (await repo.findUnit(tx, unit.id))!
        const before: Omit<repo.UnitValues, 'orgId'> = {
          name: current.name, kind: current.kind, creditCode: current.creditCode, residentUnit: current.residentUnit, hasPartyOrg: current.hasPartyOrg,
          partyOrgName: current.partyOrgName, partyMemberCount: current.partyMemberCount, staffCount: current.staffCount, address: current.address,
        }
        const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined)) } as typeof before
        if (!after.hasPartyOrg) after.partyOrgName = null
        if (after.creditCode && after.creditCode !== before.creditCode && (await repo.creditCodeTaken(tx, after.creditCode, unit.id))) {
          throw conflict('UNIT_CREDIT_CODE_EXISTS', { creditCode: after.creditCode }, [{ path: 'creditCode', message: 'units.creditCodeTaken' }])
        }
        await repo.updateUnit(tx, unit.id, after)
        await recordAudit(tx, ctx, { action: 'unit.update', entity: 'unit', entityId: unit.id, orgPath: unit.orgPath, before, after })
        return unit
      })
      return (await repo.findUnit(db, unit.id))!
    },

    async deleteUnit(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      await inTransaction(db, async (tx) => {
        const unit = await unitFor(tx, ctx, id, 'unit.manage')
        const count = await repo.activePairingCount(tx, unit.id)
        if (count > 0) throw conflict('UNIT_HAS_PAIRINGS', { count })
        await repo.deleteUnit(tx, unit.id)
        await recordAudit(tx, ctx, { action: 'unit.delete', entity: 'unit', entityId: unit.id, orgPath: unit.orgPath, before: { name: unit.name, kind: unit.kind } })
      })
    },

    async unitPeople(ctx: RequestContext, id: string) {
      const unit = await unitFor(db, ctx, id)
      authorize(ctx.actor, 'unit.people.read', unit, 'UNIT_NOT_FOUND')
      return { items: await repo.unitPeople(db, unit.id) }
    },

    /** Someone already known acts for the unit only if the caller may manage them (people.policy.ts); else a new person is made. */
    async addUnitPerson(ctx: RequestContext, id: string, input: UnitPersonCreate) {
      requireSignedIn(ctx.actor)
      const unit = await inTransaction(db, async (tx) => {
        const unit = await unitFor(tx, ctx, id, 'unit.manage')
        let personId = input.personId
        if (personId !== undefined) {
          await requireAccessOne(tx, ctx.actor, { permission: 'person.manage', entity: 'person', id: personId })
          if (await repo.unitPersonRole(tx, unit.id, personId)) throw conflict('UNIT_PERSON_EXISTS')
        } else {
          personId = await deps.people.create(tx, { name: input.name! })
        }
        await repo.insertUnitPerson(tx, unit.id, personId, input.role)
        await recordAudit(tx, ctx, { action: 'unit.person.add', entity: 'unit', entityId: unit.id, orgPath: unit.orgPath, after: { personId, role: input.role } })
        return unit
      })
      return { items: await repo.unitPeople(db, unit.id) }
    },

    async removeUnitPerson(ctx: RequestContext, id: string, personId: string) {
      requireSignedIn(ctx.actor)
      await inTransaction(db, async (tx) => {
        const unit = await unitFor(tx, ctx, id, 'unit.manage')
        const role = await repo.unitPersonRole(tx, unit.id, personId)
        if (!role) throw notFound('UNIT_PERSON_NOT_FOUND')
        await repo.deleteUnitPerson(tx, unit.id, personId)
        await recordAudit(tx, ctx, { action: 'unit.person.remove', entity: 'unit', entityId: unit.id, orgPath: unit.orgPath, before: { personId, role } })
      })
    },

    async coverage(ctx: RequestContext, orgId: string) {
      const org = await figuresOf(ctx, orgId)
      return repo.coverage(db, org)
    },

    async partTimeMembers(ctx: RequestContext, orgId: string) {
      const org = await figuresOf(ctx, orgId)
      return { items: await repo.partTimeMembers(db, org.path, today()) }
    },

    ...createPairings(l),
    ...createBoard(l),
    ...createAlliances(l),
  }
  return service
}

export type UnitService = ReturnType<typeof createUnitService>
