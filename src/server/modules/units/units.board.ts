// The four co-building lists (需求、资源、项目、责任清单), claimed both ways: a unit claims a
// community's item, the community claims a unit's item; the claimant reports progress and the
// publisher confirms or withdraws. Each step moves the item's state under a row lock.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import * as repo from './units.board.repository.ts'
import { COMMUNITY_KINDS, type UnitLookups } from './units.lookups.ts'
import type { Visibility } from './units.repository.ts'
import type { ListItemClaim, ListItemCreate, ListItemProgress } from './units.schemas.ts'

export function createBoard(l: UnitLookups) {
  const { db, visibility, area, unitFor, pairedCommunity } = l

  async function loadListItem(ctx: RequestContext, id: string) {
    const v = await visibility(ctx)
    const found = await repo.findListItem(db, id)
    if (!found) throw notFound('LIST_ITEM_NOT_FOUND')
    const actsForParty = [found.publisherUnitId, found.claimantUnitId].some((u) => u !== null && v.unitIds.includes(u))
    const actsForPaired = !actsForParty && (await repo.pairedUnitsAmong(db, found.communityId, v.unitIds)).length > 0
    authorize(ctx.actor, 'listItem.read', { communityPath: found.communityPath, actsForParty, actsForPaired }, 'LIST_ITEM_NOT_FOUND')
    return { found, v }
  }

  /**
   * Checks the caller may act for one side of a list item: the community (a cadre there) when
   * `unitId` is null, else the unit (one of its people). Whether the unit is paired is the caller's check.
   */
  function requireSide(ctx: RequestContext, v: Visibility, communityPath: string, unitId: string | null) {
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
    await inTransaction(db, async (tx) => {
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

  const board = {
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
      const id = await inTransaction(db, async (tx) => {
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
      return board.getListItem(ctx, id)
    },

    /** Two-way claim: a unit claims a community's item, the community claims a unit's item. */
    async claimListItem(ctx: RequestContext, id: string, input: ListItemClaim) {
      const { found, v } = await loadListItem(ctx, id)
      let claimantUnitId: string | null
      let check: ((tx: Executor) => Promise<void>) | undefined
      if (found.publisherUnitId === null) {
        if (!input.unitId) throw unprocessable('LIST_ITEM_UNIT_REQUIRED', {}, [{ path: 'unitId', message: 'units.unitRequired' }])
        claimantUnitId = input.unitId
        check = async (tx) => void (await pairedCommunity(tx, await unitFor(tx, ctx, input.unitId!, 'listItem.unit'), found.communityId))
      } else {
        if (input.unitId) throw unprocessable('LIST_ITEM_UNIT_NOT_ALLOWED', {}, [{ path: 'unitId', message: 'units.unitNotExpected' }])
        claimantUnitId = null
        requireSide(ctx, v, found.communityPath, null)
      }
      await transition(ctx, id, { action: 'claim', from: ['open'], to: 'claimed', note: input.note ?? null, actingUnitId: claimantUnitId, claim: { claimantUnitId }, check })
      return board.getListItem(ctx, id)
    },

    /** The claimant reports progress; the first report starts the work (claimed → in_progress). */
    async reportProgress(ctx: RequestContext, id: string, input: ListItemProgress) {
      const { found, v } = await loadListItem(ctx, id)
      if (found.state !== 'claimed' && found.state !== 'in_progress') throw conflict('LIST_ITEM_STATE', { state: found.state })
      requireSide(ctx, v, found.communityPath, found.claimantUnitId)
      await transition(ctx, id, { action: 'progress', from: ['claimed', 'in_progress'], to: 'in_progress', note: input.note, progress: input.progress ?? null, actingUnitId: found.claimantUnitId })
      return board.getListItem(ctx, id)
    },

    /** The publisher confirms the work is done. */
    async confirmListItem(ctx: RequestContext, id: string, note: string | undefined) {
      const { found, v } = await loadListItem(ctx, id)
      requireSide(ctx, v, found.communityPath, found.publisherUnitId)
      await transition(ctx, id, { action: 'confirm', from: ['in_progress'], to: 'completed', note: note ?? null, actingUnitId: found.publisherUnitId })
      return board.getListItem(ctx, id)
    },

    async withdrawListItem(ctx: RequestContext, id: string, note: string | undefined) {
      const { found, v } = await loadListItem(ctx, id)
      requireSide(ctx, v, found.communityPath, found.publisherUnitId)
      await transition(ctx, id, { action: 'withdraw', from: ['open', 'claimed', 'in_progress'], to: 'withdrawn', note: note ?? null, actingUnitId: found.publisherUnitId })
      return board.getListItem(ctx, id)
    },
  }
  return board
}
