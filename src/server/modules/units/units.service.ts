// Units (单位) and co-building (共建): the unit registry with Party-organisation coverage,
// pairing agreements between units and communities (with the "5+X+Y" limit of core pairings),
// the four co-building lists claimed both ways, alliances of units, and the part-time committee
// members who act for units. Other modules use `unitIdsOf`, and name units through the 'unit'
// access loader (units.access.ts).
import type { Executor } from '../../kernel/db/client.ts'
import type { Config } from '../../kernel/config.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import * as repo from './units.repository.ts'
import type {
  AllianceActivityCreate, AllianceCreate, ListItemClaim, ListItemCreate, ListItemProgress, PairingCreate, PairingEnd, UnitCreate, UnitPersonCreate, UnitUpdate,
} from './units.schemas.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { overlaps } from './units.policy.ts'
import './units.access.ts'
import type { UnitAccessSubject } from './units.access.ts'

const ID = /^[1-9][0-9]{0,17}$/
const AREA_KINDS = ['street', 'community', 'village']
const COMMUNITY_KINDS = ['community', 'village']

const chinaDate = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

export function createUnitService(deps: { db: Executor; config: Pick<Config, 'PAIRING_MAX_UNITS'>; clock?: () => Date }) {
  const { db, config } = deps
  const today = () => chinaDate((deps.clock ?? (() => new Date()))())

  /** Who the caller is for visibility filters: staff scopes and the units they act for. */
  async function visibility(ctx: RequestContext): Promise<repo.Visibility> {
    requireSignedIn(ctx.actor)
    const unitIds = ctx.actor.personId ? await repo.unitIdsOf(db, ctx.actor.personId) : []
    return { scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), unitIds }
  }

  function requireKind(org: { kind: string }, kinds: string[]) {
    if (!kinds.includes(org.kind)) throw unprocessable(kinds === COMMUNITY_KINDS ? 'COMMUNITY_REQUIRED' : 'UNIT_ORG_KIND', {}, [{ path: 'orgId', message: kinds === COMMUNITY_KINDS ? '须为社区' : '须为街道或社区' }])
  }

  /** A street or community named in a request, on which the caller may do `permission` (kernel/access.ts). */
  async function area(ex: Executor, ctx: RequestContext, id: string, permission: string, kinds: string[]) {
    const org = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission, entity: 'org', id })
    requireKind(org, kinds)
    return org
  }

  /** A unit named in a request, on which the caller may do `permission` (by default: read it). */
  const unitFor = (ex: Executor, ctx: RequestContext, id: string, permission = 'unit.read') =>
    requireAccessOne<UnitAccessSubject>(ex, ctx.actor, { permission, entity: 'unit', id })

  /**
   * The community a unit acts towards (publishing a list item in its name): the unit's pairing
   * with it is what lets the unit's people name it, whether or not they hold a role there.
   */
  async function pairedCommunity(ex: Executor, unit: UnitAccessSubject, communityId: string) {
    const org = await repo.findOrg(ex, communityId)
    if (!org) throw notFound('ORG_NOT_FOUND')
    requireKind(org, COMMUNITY_KINDS)
    if (!unit.pairedCommunities.some((c) => c.id === org.id)) throw unprocessable('UNIT_NOT_PAIRED', {}, [{ path: 'unitId', message: '未与本社区结对' }])
    return org
  }

  /** The path of an `orgId` filter of a list; a node outside the caller's view is refused (404). */
  async function filterPath(ctx: RequestContext, v: repo.Visibility, orgId: string | undefined) {
    if (!orgId) return undefined
    const org = await repo.findOrg(db, orgId)
    if (!org || (v.unitIds.length === 0 && !overlaps(ctx.actor, org.path, LEVEL.anyRole))) throw notFound('ORG_NOT_FOUND')
    return org.path
  }

  async function loadPairing(ctx: RequestContext, id: string) {
    const v = await visibility(ctx)
    const found = await repo.findPairing(db, id)
    if (!found) throw notFound('PAIRING_NOT_FOUND')
    authorize(ctx.actor, 'pairing.read', { communityPath: found.communityPath, actsFor: v.unitIds.includes(found.unitId) }, 'PAIRING_NOT_FOUND')
    return found
  }

  async function loadListItem(ctx: RequestContext, id: string) {
    const v = await visibility(ctx)
    const found = await repo.findListItem(db, id)
    if (!found) throw notFound('LIST_ITEM_NOT_FOUND')
    const actsForParty = [found.publisherUnitId, found.claimantUnitId].some((u) => u !== null && v.unitIds.includes(u))
    const actsForPaired = !actsForParty && (await repo.pairedUnitsAmong(db, found.communityId, v.unitIds)).length > 0
    authorize(ctx.actor, 'listItem.read', { communityPath: found.communityPath, actsForParty, actsForPaired }, 'LIST_ITEM_NOT_FOUND')
    return { found, v }
  }

  async function loadAlliance(ctx: RequestContext, id: string) {
    const v = await visibility(ctx)
    const found = await repo.findAlliance(db, id)
    if (!found) throw notFound('ALLIANCE_NOT_FOUND')
    authorize(ctx.actor, 'alliance.read', { orgPath: found.orgPath, actsForMember: found.unitIds.some((u) => v.unitIds.includes(u)) }, 'ALLIANCE_NOT_FOUND')
    return found
  }

  /** A node whose co-building figures the caller asks for; outside their reach it does not exist (404). */
  const figuresOf = (ctx: RequestContext, id: string) =>
    requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'coBuilding.figures', entity: 'org', id, hide: true })

  async function limitOf(community: repo.OrgNode, ex: Executor = db) {
    const set = await repo.limitFor(ex, community.path)
    return set ?? { maxUnits: config.PAIRING_MAX_UNITS, setAt: null }
  }

  /**
   * Checks the caller may act for one side of a list item: the community (a cadre there) when
   * `unitId` is null, else the unit (one of its people). Whether the unit is paired is the caller's check.
   */
  function requireSide(ctx: RequestContext, v: repo.Visibility, communityPath: string, unitId: string | null) {
    if (unitId === null) authorize(ctx.actor, 'listItem.community', { orgPath: communityPath })
    // Of the unit's people only the caller matters here: the units they act for are known already.
    else authorize(ctx.actor, 'listItem.unit', { personIds: v.unitIds.includes(unitId) && ctx.actor.personId ? [ctx.actor.personId] : [] })
  }

  async function transition(ctx: RequestContext, id: string, step: {
    action: 'claim' | 'progress' | 'confirm' | 'withdraw'
    from: string[]
    to: string
    note: string | null
    progress?: number | null
    actingUnitId: string | null
    claim?: { claimantUnitId: string | null }
    /** Checks of ids the request named, made in the step's transaction before anything is written. */
    check?: (tx: Executor) => Promise<void>
  }) {
    // The row is locked first, so of two concurrent steps the second sees the first's state.
    await db.transaction(async (tx) => {
      await step.check?.(tx)
      const current = await repo.findListItem(tx, id, true)
      if (!current) throw notFound('LIST_ITEM_NOT_FOUND')
      if (!step.from.includes(current.state)) throw conflict('LIST_ITEM_STATE', { state: current.state })
      const moved = await repo.moveListItem(tx, id, step.from, step.to, step.claim ? { claimantUnitId: step.claim.claimantUnitId, claimedBy: ctx.actor.personId! } : {})
      if (!moved) throw conflict('LIST_ITEM_STATE', { state: current.state })
      await repo.insertListItemEvent(tx, {
        itemId: id, action: step.action, fromState: current.state, toState: step.to, note: step.note,
        progress: step.progress ?? (step.action === 'confirm' ? 100 : null), actorId: ctx.actor.personId!, actingUnitId: step.actingUnitId,
      })
      await recordAudit(tx, ctx, {
        action: `list_item.${step.action}`, entity: 'list_item', entityId: id, orgPath: current.communityPath,
        before: { state: current.state }, after: { state: step.to, ...(step.claim ? { claimantUnitId: step.claim.claimantUnitId } : {}), ...(step.progress != null ? { progress: step.progress } : {}) },
      })
    })
  }

  const service = {
    /** The live units the person acts for (listed in unit_people), by id. */
    async unitIdsOf(personId: string): Promise<string[]> {
      if (!ID.test(personId)) return []
      return repo.unitIdsOf(db, personId)
    },

    // -----------------------------------------------------------------------
    // Units

    async listUnits(ctx: RequestContext, q: { orgId?: string; kind?: string; hasPartyOrg?: boolean; residentUnit?: boolean; mine?: boolean; q?: string; cursor?: string; limit: number }) {
      const seen = await visibility(ctx)
      const v = q.mine ? { scopes: '', unitIds: seen.unitIds } : seen
      const underPath = await filterPath(ctx, seen, q.orgId)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.listUnits(db, v, { ...q, underPath, afterId: after?.id })
      return toPage(found, q.limit, (u) => u, (u) => ({ id: u.id }))
    },

    async getUnit(ctx: RequestContext, id: string) {
      const unit = await unitFor(db, ctx, id)
      return (await repo.findUnit(db, unit.id))!
    },

    async createUnit(ctx: RequestContext, input: UnitCreate) {
      requireSignedIn(ctx.actor)
      const id = await db.transaction(async (tx) => {
        const org = await area(tx, ctx, input.orgId, 'unit.manage', AREA_KINDS)
        const values: repo.UnitValues = {
          name: input.name, kind: input.kind, creditCode: input.creditCode ?? null, orgId: org.id, residentUnit: input.residentUnit,
          hasPartyOrg: input.hasPartyOrg, partyOrgName: input.partyOrgName ?? null, partyMemberCount: input.partyMemberCount,
          staffCount: input.staffCount ?? null, address: input.address ?? null,
        }
        if (values.creditCode && (await repo.creditCodeTaken(tx, values.creditCode))) {
          throw conflict('UNIT_CREDIT_CODE_EXISTS', { creditCode: values.creditCode }, [{ path: 'creditCode', message: '已登记' }])
        }
        const unitId = await repo.insertUnit(tx, values)
        await recordAudit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: unitId, orgPath: org.path, after: { ...values } })
        return unitId
      })
      return (await repo.findUnit(db, id))!
    },

    async updateUnit(ctx: RequestContext, id: string, input: UnitUpdate) {
      requireSignedIn(ctx.actor)
      const unit = await db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx, id, 'unit.manage')
        const current = (await repo.findUnit(tx, unit.id))!
        const before: Omit<repo.UnitValues, 'orgId'> = {
          name: current.name, kind: current.kind, creditCode: current.creditCode, residentUnit: current.residentUnit, hasPartyOrg: current.hasPartyOrg,
          partyOrgName: current.partyOrgName, partyMemberCount: current.partyMemberCount, staffCount: current.staffCount, address: current.address,
        }
        const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined)) } as typeof before
        if (!after.hasPartyOrg) after.partyOrgName = null
        if (after.creditCode && after.creditCode !== before.creditCode && (await repo.creditCodeTaken(tx, after.creditCode, unit.id))) {
          throw conflict('UNIT_CREDIT_CODE_EXISTS', { creditCode: after.creditCode }, [{ path: 'creditCode', message: '已登记' }])
        }
        await repo.updateUnit(tx, unit.id, after)
        await recordAudit(tx, ctx, { action: 'unit.update', entity: 'unit', entityId: unit.id, orgPath: unit.orgPath, before, after })
        return unit
      })
      return (await repo.findUnit(db, unit.id))!
    },

    async deleteUnit(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      await db.transaction(async (tx) => {
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
      const unit = await db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx, id, 'unit.manage')
        let personId = input.personId
        if (personId !== undefined) {
          await requireAccessOne(tx, ctx.actor, { permission: 'person.manage', entity: 'person', id: personId })
          if (await repo.unitPersonRole(tx, unit.id, personId)) throw conflict('UNIT_PERSON_EXISTS')
        } else {
          personId = await repo.insertPerson(tx, input.name!)
        }
        await repo.insertUnitPerson(tx, unit.id, personId, input.role)
        await recordAudit(tx, ctx, { action: 'unit.person.add', entity: 'unit', entityId: unit.id, orgPath: unit.orgPath, after: { personId, role: input.role } })
        return unit
      })
      return { items: await repo.unitPeople(db, unit.id) }
    },

    async removeUnitPerson(ctx: RequestContext, id: string, personId: string) {
      requireSignedIn(ctx.actor)
      await db.transaction(async (tx) => {
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

    // -----------------------------------------------------------------------
    // Pairing agreements

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
      const id = await db.transaction(async (tx) => {
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
        throw unprocessable('PAIRING_END_BEFORE_START', { startsOn: found.pairing.startsOn }, [{ path: 'endedOn', message: '不能早于开始日期' }])
      }
      await db.transaction(async (tx) => {
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
      await db.transaction(async (tx) => {
        const org = await area(tx, ctx, orgId, 'pairingLimit.set', AREA_KINDS)
        const before = await repo.upsertLimit(tx, org.id, maxUnits, ctx.actor.personId!)
        await recordAudit(tx, ctx, { action: 'pairing_limit.set', entity: 'pairing_limit', entityId: org.id, orgPath: org.path, before: before === undefined ? null : { maxUnits: before }, after: { maxUnits } })
      })
      return service.pairingLimit(ctx, orgId)
    },

    // -----------------------------------------------------------------------
    // Co-building lists

    async listListItems(ctx: RequestContext, q: { communityId?: string; unitId?: string; list?: string; state?: string; side?: 'community' | 'unit'; cursor?: string; limit: number }) {
      const v = await visibility(ctx)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.listListItems(db, v, { ...q, afterId: after?.id })
      return toPage(found, q.limit, (i) => i, (i) => ({ id: i.id }))
    },

    async getListItem(ctx: RequestContext, id: string) {
      const { found } = await loadListItem(ctx, id)
      return { ...found.item, events: await repo.listItemEvents(db, id) }
    },

    async createListItem(ctx: RequestContext, input: ListItemCreate) {
      requireSignedIn(ctx.actor)
      const publisherUnitId = input.unitId ?? null
      const id = await db.transaction(async (tx) => {
        const community = publisherUnitId === null
          ? await area(tx, ctx, input.communityId, 'listItem.community', COMMUNITY_KINDS)
          : await pairedCommunity(tx, await unitFor(tx, ctx, publisherUnitId, 'listItem.unit'), input.communityId)
        const itemId = await repo.insertListItem(tx, {
          list: input.list, communityId: community.id, publisherUnitId, title: input.title, description: input.description,
          tag: input.tag ?? null, dueOn: input.dueOn ?? null, publishedBy: ctx.actor.personId!,
        })
        await repo.insertListItemEvent(tx, { itemId, action: 'publish', fromState: null, toState: 'open', note: null, progress: null, actorId: ctx.actor.personId!, actingUnitId: publisherUnitId })
        await recordAudit(tx, ctx, { action: 'list_item.publish', entity: 'list_item', entityId: itemId, orgPath: community.path, after: { list: input.list, publisherUnitId, title: input.title, tag: input.tag ?? null } })
        return itemId
      })
      return service.getListItem(ctx, id)
    },

    /** Two-way claim: a unit claims a community's item, the community claims a unit's item. */
    async claimListItem(ctx: RequestContext, id: string, input: ListItemClaim) {
      const { found, v } = await loadListItem(ctx, id)
      let claimantUnitId: string | null
      let check: ((tx: Executor) => Promise<void>) | undefined
      if (found.publisherUnitId === null) {
        if (!input.unitId) throw unprocessable('LIST_ITEM_UNIT_REQUIRED', {}, [{ path: 'unitId', message: '请选择单位' }])
        claimantUnitId = input.unitId
        check = async (tx) => void (await pairedCommunity(tx, await unitFor(tx, ctx, input.unitId!, 'listItem.unit'), found.communityId))
      } else {
        if (input.unitId) throw unprocessable('LIST_ITEM_UNIT_NOT_ALLOWED', {}, [{ path: 'unitId', message: '无需指定单位' }])
        claimantUnitId = null
        requireSide(ctx, v, found.communityPath, null)
      }
      await transition(ctx, id, { action: 'claim', from: ['open'], to: 'claimed', note: input.note ?? null, actingUnitId: claimantUnitId, claim: { claimantUnitId }, check })
      return service.getListItem(ctx, id)
    },

    /** The claimant reports progress; the first report starts the work (claimed → in_progress). */
    async reportProgress(ctx: RequestContext, id: string, input: ListItemProgress) {
      const { found, v } = await loadListItem(ctx, id)
      if (found.state !== 'claimed' && found.state !== 'in_progress') throw conflict('LIST_ITEM_STATE', { state: found.state })
      requireSide(ctx, v, found.communityPath, found.claimantUnitId)
      await transition(ctx, id, { action: 'progress', from: ['claimed', 'in_progress'], to: 'in_progress', note: input.note, progress: input.progress ?? null, actingUnitId: found.claimantUnitId })
      return service.getListItem(ctx, id)
    },

    /** The publisher confirms the work is done. */
    async confirmListItem(ctx: RequestContext, id: string, note: string | undefined) {
      const { found, v } = await loadListItem(ctx, id)
      requireSide(ctx, v, found.communityPath, found.publisherUnitId)
      await transition(ctx, id, { action: 'confirm', from: ['in_progress'], to: 'completed', note: note ?? null, actingUnitId: found.publisherUnitId })
      return service.getListItem(ctx, id)
    },

    async withdrawListItem(ctx: RequestContext, id: string, note: string | undefined) {
      const { found, v } = await loadListItem(ctx, id)
      requireSide(ctx, v, found.communityPath, found.publisherUnitId)
      await transition(ctx, id, { action: 'withdraw', from: ['open', 'claimed', 'in_progress'], to: 'withdrawn', note: note ?? null, actingUnitId: found.publisherUnitId })
      return service.getListItem(ctx, id)
    },

    // -----------------------------------------------------------------------
    // Alliances

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
      const id = await db.transaction(async (tx) => {
        const org = await area(tx, ctx, input.orgId, 'alliance.manage', AREA_KINDS)
        await requireAccess(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', ids: input.unitIds })
        if (await repo.allianceNameTaken(tx, org.id, input.name)) throw conflict('ALLIANCE_EXISTS', {}, [{ path: 'name', message: '同名联盟已存在' }])
        const allianceId = await repo.insertAlliance(tx, { name: input.name, kind: input.kind, orgId: org.id, description: input.description ?? null, createdBy: ctx.actor.personId!, unitIds: input.unitIds })
        await recordAudit(tx, ctx, { action: 'alliance.create', entity: 'alliance', entityId: allianceId, orgPath: org.path, after: { name: input.name, kind: input.kind, unitIds: input.unitIds } })
        return allianceId
      })
      return (await repo.findAlliance(db, id))!.alliance
    },

    async addAllianceUnit(ctx: RequestContext, id: string, unitId: string) {
      const found = await loadAlliance(ctx, id)
      authorize(ctx.actor, 'alliance.manage', { orgPath: found.orgPath })
      await db.transaction(async (tx) => {
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
      await db.transaction(async (tx) => {
        const activityId = await repo.insertAllianceActivity(tx, { allianceId: id, title: input.title, heldOn: input.heldOn, place: input.place ?? null, description: input.description ?? null, createdBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'alliance.activity.create', entity: 'alliance', entityId: id, orgPath: found.orgPath, after: { activityId, title: input.title, heldOn: input.heldOn } })
      })
      return (await repo.findAlliance(db, id))!.alliance
    },
  }
  return service
}

export type UnitService = ReturnType<typeof createUnitService>
