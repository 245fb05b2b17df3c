// Wishes (微心愿): posting (one's own, or a cadre's for someone in the community), the public wall,
// one's own and claimed wishes, the staff's lists and moderation queue, one wish with its timeline,
// and the figures per community. The transitions are in wishes.transitions.ts.
import type { Executor } from '../../kernel/db/client.ts'
import type { Config } from '../../kernel/config.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, LEVEL, requireSignedIn, roleLevels, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { AppError, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, totalOf, type Page } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { MemberService } from '../members/members.service.ts'
import * as repo from './wishes.repository.ts'
import { presentEvent, presentFor, presentFull, presentWall, subjectOf, type Presenter } from './wishes.present.ts'
import type { WallWish, Wish, WishCreate, WishesQuery } from './wishes.schemas.ts'
import './wishes.policy.ts'
import './wishes.access.ts'

const COMMUNITY_KINDS = ['community', 'village']
/** A wish stays on the wall this long unless its poster says otherwise. */
export const DEFAULT_DAYS_ON_WALL = 60

/** The calendar day in China (UTC+8, no daylight saving) `days` after `at`. */
export const chinaDay = (at: Date, days = 0) => new Date(at.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

export type WishDeps = {
  db: Executor
  config: Pick<Config, 'WISH_VALUE_CAP'>
  notifications: Pick<NotificationService, 'notify'>
  members: Pick<MemberService, 'mine'>
  clock?: () => Date
}

export function createWishReads(deps: WishDeps) {
  const { db, members } = deps
  const now = deps.clock ?? (() => new Date())

  /** Whether the caller may claim: a Party member (members.mine), and the units they act for. */
  async function claimantOf(ctx: RequestContext) {
    const me = ctx.actor.personId
    if (ctx.actor.kind !== 'person' || !me) return { member: false, units: [] as { id: string; name: string }[] }
    const units = await repo.unitsOf(db, me)
    let member = true
    try {
      await members.mine(ctx)
    } catch (err) {
      // Not a member is an answer here, not a failure.
      if (!(err instanceof AppError) || err.code !== 'MEMBER_NOT_FOUND') throw err
      member = false
    }
    return { member, units }
  }

  async function presenter(ctx: RequestContext): Promise<Presenter> {
    const c = await claimantOf(ctx)
    return { actor: ctx.actor, today: chinaDay(now()), mayClaim: c.member || c.units.length > 0 }
  }

  return {
    claimantOf,
    presenter,

    async list(ctx: RequestContext, q: WishesQuery): Promise<Page<Wish | WallWish>> {
      const publicStates = ['open', 'claimed', 'fulfilled']
      const view = q.view ?? (q.mine ? 'mine' : q.state && !publicStates.includes(q.state) ? 'manage' : 'wall')
      const filter: repo.WishFilter = { view, today: chinaDay(now()), me: ctx.actor.personId, state: q.state, category: q.category, beneficiary: q.beneficiary, q: q.q }
      if (view === 'wall' && q.state && !publicStates.includes(q.state)) throw forbidden()
      if (view !== 'wall') requireSignedIn(ctx.actor)
      if (view === 'manage') {
        const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
        if (!scopes.length) throw forbidden()
        filter.scopes = scopeParam(scopes)
      }
      if (q.orgId) {
        // On the wall any live node narrows the public list; elsewhere it must be one the caller works at.
        if (view === 'wall') {
          const path = await repo.orgPathOf(db, q.orgId)
          if (!path) throw notFound('ORG_NOT_FOUND')
          filter.underPath = path
        } else {
          filter.underPath = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: view === 'manage' ? 'wish.manageAt' : 'org.read', entity: 'org', id: q.orgId })).path
        }
      }
      const after = decodeCursor(q.cursor, idCursor)?.id
      const p = await presenter(ctx)
      const found = await repo.listWishes(db, filter, after, q.limit)
      const page = toPage(found, q.limit, (w) => (view === 'wall' ? presentWall(p, w) : presentFull(p, w)), (w) => ({ id: w.id }))
      return after ? page : { ...page, ...totalOf(await repo.countWishes(db, filter)) }
    },

    async get(ctx: RequestContext, id: string): Promise<Wish | WallWish> {
      // The wall needs no login, so the check is the access loader's read rule applied here.
      const w = await repo.findWish(db, id)
      if (!w || !can(ctx.actor, 'wish.read', subjectOf(w))) throw notFound('WISH_NOT_FOUND')
      const p = await presenter(ctx)
      const shown = presentFor(p, w)
      if (shown.view === 'public') return shown
      return { ...shown, timeline: (await repo.eventsOf(db, id)).map(presentEvent) }
    },

    async create(ctx: RequestContext, input: WishCreate) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      return inTransaction(db, async (tx) => {
        const forOther = input.wisherId !== undefined && input.wisherId !== me
        if (forOther) await requireAccessOne(tx, ctx.actor, { permission: 'person.read', entity: 'person', id: input.wisherId! })
        let org: { id: string; path: string }
        if (input.orgId) {
          const o = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: forOther ? 'wish.postFor' : 'wish.postIn', entity: 'org', id: input.orgId })
          if (!COMMUNITY_KINDS.includes(o.kind)) throw unprocessable('WISH_INVALID', {}, [{ path: 'orgId', message: 'wishes.orgKind' }])
          org = { id: o.id, path: o.path }
        } else {
          // One's own community: where one's lowest role lies (a resident's building, a member's grid).
          const byLevel = [...ctx.actor.roles].sort((a, b) => roleLevels[a.role] - roleLevels[b.role]).map((r) => r.orgPath)
          const found = await repo.communitiesAbove(tx, byLevel)
          const mine = byLevel.map((p) => found.find((c) => p === c.path || p.startsWith(`${c.path}.`))).find((c) => c !== undefined)
          if (!mine) throw unprocessable('WISH_COMMUNITY_UNKNOWN', {}, [{ path: 'orgId', message: 'wishes.orgKind' }])
          if (forOther && !can(ctx.actor, 'wish.postFor', { path: mine.path })) throw forbidden()
          org = mine
        }
        const today = chinaDay(now())
        const details: { path: string; message: string; params?: Record<string, unknown> }[] = []
        if (input.valueYuan > deps.config.WISH_VALUE_CAP) details.push({ path: 'valueYuan', message: 'wishes.valueOverCap', params: { cap: deps.config.WISH_VALUE_CAP } })
        const expiresOn = input.expiresOn ?? chinaDay(now(), DEFAULT_DAYS_ON_WALL)
        if (expiresOn < today || expiresOn > chinaDay(now(), 366)) details.push({ path: 'expiresOn', message: 'wishes.expiresOnRange' })
        if (details.length) throw unprocessable('WISH_INVALID', {}, details)
        const photoIds = [...new Set(input.photoIds ?? [])]
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds })
        const id = await repo.insertWish(tx, {
          orgId: org.id, wisherId: forOther ? input.wisherId! : me, postedBy: me, beneficiary: input.beneficiary, category: input.category,
          title: input.title, story: input.story || null, valueYuan: input.valueYuan, photoIds, expiresOn,
        })
        await repo.insertEvent(tx, { wishId: id, actorId: me, action: 'create', from: null, to: 'pending', data: forOther ? { forOther: true } : {} })
        await recordAudit(tx, ctx, { action: 'wish.create', entity: 'wish', entityId: id, orgPath: org.path, after: { title: input.title, valueYuan: input.valueYuan, forOther } })
        const cadres = (await repo.cadresOf(tx, org.id)).filter((p) => p !== me)
        await deps.notifications.notify(tx, { personIds: cadres, kind: 'wish.pending', title: `新的微心愿待审核：${input.title}`, body: `价值 ${input.valueYuan} 元`, link: { wishId: id } })
        return { id, state: 'pending' as const }
      })
    },
  }
}
