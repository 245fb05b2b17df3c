// The wish transitions: each runs in one transaction: check the id (404 when the caller may not
// learn it exists), decide with the pure rules of wishes.workflow.ts (403 for who, 409 for the
// state), move the row by compare-and-swap on its state (so of many simultaneous claims exactly one
// changes the row and the others answer 409), append one wish_events row, audit, tell the people
// concerned. A refusal writes nothing. The minute sweep takes expired wishes off the wall.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden } from '../../kernel/errors.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import * as repo from './wishes.repository.ts'
import { factsOf, presentEvent, presentFor, viewerOf } from './wishes.present.ts'
import { refusalOf, RULES, surnameOf } from './wishes.workflow.ts'
import { wishActionWords, wishStateWords } from './wishes.messages.ts'
import { chinaDay, createWishReads, type WishDeps } from './wishes.service.ts'
import type { WishSubject } from './wishes.policy.ts'
import type { WishAction } from './wishes.schemas.ts'

export interface WishBodies {
  approve: { note?: string }
  reject: { reason: string }
  claim: { unitId?: string }
  release: { note?: string }
  fulfil: { photoIds: string[]; note?: string }
  thank: { thanks: string }
  cancel: { note?: string }
}

interface Step {
  /** Columns set besides the state. */
  sets: SQL[]
  /** A further condition of the compare-and-swap. */
  extra?: SQL
  note?: string | null
  data?: Record<string, unknown>
  /** Who is told, and what. */
  tell?: { to: (w: repo.WishRow) => (string | null)[]; title: (w: repo.WishRow) => string; body?: (w: repo.WishRow) => string | null }
}

const wisherAndPoster = (w: repo.WishRow) => [w.wisherId, w.postedBy]

export function createWishTransitions(deps: WishDeps, reads: ReturnType<typeof createWishReads>) {
  const { db, notifications } = deps
  const now = deps.clock ?? (() => new Date())

  /** The 409 for a wish no longer in a state the action starts from, in the claimant's words where it was a claim. */
  function stateError(action: WishAction, w: repo.WishRow, today: string) {
    const facts = factsOf(w, today)
    if (action === 'claim' && (w.state === 'claimed' || w.state === 'fulfilled')) return conflict('WISH_ALREADY_CLAIMED')
    if ((action === 'claim' || action === 'approve') && facts.expired) return conflict('WISH_EXPIRED')
    const state = action === 'thank' && facts.thanked ? '已致谢' : wishStateWords[w.state].zh
    return conflict('WISH_STATE', { state, action: wishActionWords[action].zh })
  }

  async function stepOf<A extends WishAction>(ctx: RequestContext, tx: Executor, action: A, body: WishBodies[A], w: repo.WishRow, today: string): Promise<Step> {
    const me = ctx.actor.personId
    switch (action) {
      case 'approve': {
        const b = body as WishBodies['approve']
        return { sets: [sql`moderated_by = ${me}`, sql`moderated_at = now()`, sql`reason = NULL`], note: b.note ?? null,
          tell: { to: wisherAndPoster, title: (x) => `您的微心愿已通过审核，已在心愿墙展示：${x.title}` } }
      }
      case 'reject': {
        const b = body as WishBodies['reject']
        return { sets: [sql`moderated_by = ${me}`, sql`moderated_at = now()`, sql`reason = ${b.reason}`], note: b.reason,
          tell: { to: wisherAndPoster, title: (x) => `您的微心愿未通过审核：${x.title}`, body: () => b.reason } }
      }
      case 'claim': {
        const b = body as WishBodies['claim']
        const extra = sql`(expires_on IS NULL OR expires_on >= ${today})`
        return { sets: [sql`claimant_person_id = ${me}`, sql`claimant_unit_id = ${b.unitId ?? null}`, sql`claimed_at = now()`], extra, data: b.unitId ? { unitId: b.unitId } : {},
          tell: { to: wisherAndPoster, title: (x) => `您的微心愿已被认领：${x.title}`,
            body: (x) => `认领人：${x.claimantUnitName ?? `${surnameOf(x.claimantName ?? '')}**`}` } }
      }
      case 'release': {
        const b = body as WishBodies['release']
        return { sets: [sql`claimant_person_id = NULL`, sql`claimant_unit_id = NULL`, sql`claimed_at = NULL`], note: b.note ?? null,
          data: { claimantPersonId: w.claimantPersonId, claimantUnitId: w.claimantUnitId },
          tell: { to: wisherAndPoster, title: (x) => `认领人放弃了认领，心愿已回到心愿墙：${x.title}`, body: () => b.note ?? null } }
      }
      case 'fulfil': {
        const b = body as WishBodies['fulfil']
        const photoIds = [...new Set(b.photoIds)]
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds })
        return { sets: [sql`fulfilled_at = now()`, sql`fulfil_note = ${b.note || null}`, sql`proof_photo_ids = string_to_array(${photoIds.join(',')}, ',')::bigint[]`],
          note: b.note || null, data: { photoIds },
          tell: { to: wisherAndPoster, title: (x) => `您的微心愿已实现：${x.title}`, body: () => '快去心愿墙写一句感谢吧' } }
      }
      case 'thank': {
        const b = body as WishBodies['thank']
        return { sets: [sql`thanks = ${b.thanks}`, sql`thanked_at = now()`], extra: sql`thanks IS NULL`, note: b.thanks,
          tell: { to: (x) => [x.claimantPersonId], title: (x) => `收到一份感谢：${x.title}`, body: () => b.thanks } }
      }
      default: {
        const b = body as WishBodies['cancel']
        const byWisher = me === w.wisherId || me === w.postedBy
        const reason = b.note ?? (byWisher ? '本人撤回' : '社区撤回')
        return { sets: [sql`reason = ${reason}`], note: reason,
          tell: byWisher ? undefined : { to: wisherAndPoster, title: (x) => `您的微心愿已被社区撤回：${x.title}`, body: () => reason } }
      }
    }
  }

  async function act<A extends WishAction>(ctx: RequestContext, id: string, action: A, body: WishBodies[A]) {
    requireSignedIn(ctx.actor)
    const me = ctx.actor.personId
    // Membership is read before the transaction (the members service reads on its own executor).
    const member = action === 'claim' && !(body as WishBodies['claim']).unitId ? (await reads.claimantOf(ctx)).member : false
    return inTransaction(db, async (tx) => {
      await requireAccessOne<WishSubject>(tx, ctx.actor, { permission: 'wish.act', entity: 'wish', id })
      const today = chinaDay(now())
      const w = (await repo.findWish(tx, id))!
      let mayClaim = member
      const unitId = action === 'claim' ? (body as WishBodies['claim']).unitId : undefined
      if (unitId) {
        await requireAccessOne<UnitAccessSubject>(tx, ctx.actor, { permission: 'wish.claimForUnit', entity: 'unit', id: unitId })
        mayClaim = true
      }
      const viewer = viewerOf(ctx.actor, w, mayClaim)
      const refusal = refusalOf(action, viewer, factsOf(w, today))
      if (refusal === 'forbidden') {
        if (action === 'claim') throw forbidden(viewer.wisher ? 'WISH_OWN' : 'WISH_NOT_CLAIMANT')
        throw forbidden()
      }
      if (refusal === 'state') throw stateError(action, w, today)
      const step = await stepOf(ctx, tx, action, body, w, today)
      const rule = RULES[action]
      if (!(await repo.moveWish(tx, id, rule.from, rule.to, step.sets, step.extra))) throw stateError(action, (await repo.findWish(tx, id))!, today)
      const eventId = await repo.insertEvent(tx, { wishId: id, actorId: me, action, from: w.state, to: rule.to, note: step.note ?? null, data: step.data })
      const after = (await repo.findWish(tx, id))!
      await recordAudit(tx, ctx, { action: `wish.${action}`, entity: 'wish', entityId: id, orgPath: w.orgPath, before: { state: w.state }, after: { state: after.state, eventId } })
      if (step.tell) {
        const to = [...new Set(step.tell.to(after).filter((p): p is string => p !== null && p !== me))]
        await notifications.notify(tx, { personIds: to, kind: `wish.${action}`, title: step.tell.title(after), body: step.tell.body?.(after) ?? null, link: { wishId: id } })
      }
      const shown = presentFor({ actor: ctx.actor, today, mayClaim }, after)
      return shown.view === 'full' ? { ...shown, timeline: (await repo.eventsOf(tx, id)).map(presentEvent) } : shown
    })
  }

  return {
    act,
    /** The minute sweep: open wishes past their last day leave the wall (cancelled, with the reason on the timeline). */
    async sweep(tx: Executor, at: Date) {
      const expired = await repo.expireOpen(tx, chinaDay(at))
      for (const w of expired) {
        await repo.insertEvent(tx, { wishId: w.id, actorId: null, action: 'expire', from: 'open', to: 'cancelled', note: '到期未被认领' })
        await notifications.notify(tx, { personIds: [w.wisherId], kind: 'wish.expire', title: `微心愿已到期，未被认领：${w.title}`, body: '可以重新发布心愿', link: { wishId: w.id } })
      }
      return { expired: expired.length }
    },
  }
}
