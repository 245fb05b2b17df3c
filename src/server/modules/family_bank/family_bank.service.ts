// 家风银行: residents and members deposit family mottos and stories on the phone; the community's
// cadres approve them (or reject with a reason); the public page of a community or street shows
// the published ones with counts, naming a family only by its surname label; a resident sees
// their own deposits on their profile.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, LEVEL, requireSignedIn, roleLevels, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage, totalOf, type Page } from '../../kernel/pagination.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './family_bank.repository.ts'
import { familyLabelOf } from './family_bank.labels.ts'
import { depositActionWords, depositStateWords } from './family_bank.messages.ts'
import type { Deposit, DepositCreate, DepositsQuery, PublicDeposit } from './family_bank.schemas.ts'
import type { DepositSubject } from './family_bank.policy.ts'
import './family_bank.policy.ts'
import './family_bank.access.ts'

const COMMUNITY_KINDS = ['community', 'village']
const MOTTO_MAX = 200
type Action = 'approve' | 'reject' | 'withdraw'

const subjectOf = (d: repo.DepositRow): DepositSubject => ({ orgPath: d.orgPath, state: d.state, depositorId: d.depositorId })

export function presentPublic(d: repo.DepositRow): PublicDeposit {
  return { id: d.id, kind: d.kind, familyLabel: d.familyLabel, title: d.title, body: d.body, photos: d.photos, community: { id: d.orgId, name: d.orgName }, publishedAt: d.publishedAt ?? d.createdAt }
}

export function createFamilyBankService(deps: { db: Executor; notifications: Pick<NotificationService, 'notify'> }) {
  const { db } = deps

  function present(ctx: RequestContext, d: repo.DepositRow): Deposit {
    const s = subjectOf(d)
    const actions: Action[] = []
    if (d.state === 'pending' && can(ctx.actor, 'familyDeposit.moderate', s)) actions.push('approve', 'reject')
    if ((d.state === 'pending' || d.state === 'published') && can(ctx.actor, 'familyDeposit.withdraw', s)) actions.push('withdraw')
    return {
      ...presentPublic(d), state: d.state, depositor: { id: d.depositorId, name: d.depositorName },
      moderatedBy: d.moderatedBy ? { id: d.moderatedBy, name: d.moderatedByName ?? '' } : null, moderatedAt: d.moderatedAt, reason: d.reason,
      publishedAt: d.publishedAt, createdAt: d.createdAt, actions,
    }
  }

  async function transition(ctx: RequestContext, id: string, action: Action, reason: string | null): Promise<Deposit> {
    requireSignedIn(ctx.actor)
    await inTransaction(db, async (tx) => {
      const s = await requireAccessOne<DepositSubject>(tx, ctx.actor, { permission: action === 'withdraw' ? 'familyDeposit.withdraw' : 'familyDeposit.moderate', entity: 'familyDeposit', id })
      const d = (await repo.findDeposit(tx, id, true))!
      const allowed = action === 'withdraw' ? ['pending', 'published'] : ['pending']
      if (!allowed.includes(d.state)) throw conflict('DEPOSIT_STATE', { state: depositStateWords[d.state].zh, action: depositActionWords[action].zh })
      const to = action === 'approve' ? 'published' : action === 'reject' ? 'rejected' : 'withdrawn'
      await repo.setState(tx, id, to, ctx.actor.personId, reason)
      await recordAudit(tx, ctx, { action: `family_deposit.${action}`, entity: 'family_deposit', entityId: id, orgPath: s.orgPath, before: { state: d.state }, after: { state: to, reason } })
      if (action !== 'withdraw' && d.depositorId !== ctx.actor.personId) {
        const what = d.kind === 'motto' ? '家训' : `家风故事《${d.title}》`
        await deps.notifications.notify(tx, {
          personIds: [d.depositorId], kind: `family_deposit.${action}`, link: { familyDepositId: id },
          title: action === 'approve' ? `您存入家风银行的${what}已展示` : `您存入家风银行的${what}未通过审核`, body: reason ?? undefined,
        })
      }
    })
    return present(ctx, (await repo.findDeposit(db, id))!)
  }

  return {
    async create(ctx: RequestContext, input: DepositCreate) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId
      if (!me) throw forbidden()
      const details: { path: string; message: string }[] = []
      if (input.kind === 'story' && !input.title) details.push({ path: 'title', message: 'familyBank.storyTitle' })
      if (input.kind === 'motto' && input.title) details.push({ path: 'title', message: 'familyBank.mottoTitle' })
      if (input.kind === 'motto' && input.body.length > MOTTO_MAX) details.push({ path: 'body', message: 'familyBank.mottoLength' })
      if (details.length) throw unprocessable('DEPOSIT_INVALID', {}, details)
      return inTransaction(db, async (tx) => {
        let org: { id: string; path: string }
        if (input.orgId) {
          const o = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'familyDeposit.depositIn', entity: 'org', id: input.orgId })
          if (!COMMUNITY_KINDS.includes(o.kind)) throw unprocessable('DEPOSIT_INVALID', {}, [{ path: 'orgId', message: 'familyBank.orgKind' }])
          org = o
        } else {
          // One's own community: where one's lowest role lies (a resident's building, a member's grid).
          const byLevel = [...ctx.actor.roles].sort((a, b) => roleLevels[a.role] - roleLevels[b.role]).map((r) => r.orgPath)
          const found = await repo.communitiesAbove(tx, byLevel)
          const mine = byLevel.map((p) => found.find((c) => p === c.path || p.startsWith(`${c.path}.`))).find((c) => c !== undefined)
          if (!mine) throw unprocessable('DEPOSIT_COMMUNITY_UNKNOWN', {}, [{ path: 'orgId', message: 'familyBank.orgKind' }])
          org = mine
        }
        const photoIds = [...new Set(input.photoIds ?? [])]
        await requireAccess(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', ids: photoIds })
        const id = await repo.insertDeposit(tx, {
          orgId: org.id, kind: input.kind, depositorId: me, familyLabel: familyLabelOf(ctx.actor.personName ?? ''), title: input.title ?? null, body: input.body, photoIds,
        })
        await recordAudit(tx, ctx, { action: 'family_deposit.create', entity: 'family_deposit', entityId: id, orgPath: org.path, after: { kind: input.kind, title: input.title ?? null } })
        return present(ctx, (await repo.findDeposit(tx, id))!)
      })
    },

    /** The public page: published deposits of a community or a street, newest first. */
    async publicList(q: { orgId?: string; kind?: 'motto' | 'story'; cursor?: string; limit: number }): Promise<Page<PublicDeposit>> {
      const org = q.orgId ? await repo.orgOf(db, q.orgId) : null
      if (org === undefined) throw notFound('ORG_NOT_FOUND')
      const filter: repo.DepositFilter = { underPath: org?.path, state: 'published', kind: q.kind }
      const after = decodeCursor(q.cursor, idCursor)?.id
      const page = toPage(await repo.listDeposits(db, filter, after, q.limit), q.limit, presentPublic, (d) => ({ id: d.id }))
      return after ? page : { ...page, ...totalOf(await repo.countDeposits(db, filter)) }
    },

    async publicCounts(q: { orgId?: string }) {
      const org = q.orgId ? await repo.orgOf(db, q.orgId) : null
      if (org === undefined) throw notFound('ORG_NOT_FOUND')
      const c = await repo.counts(db, org?.path ?? null)
      return {
        org: org ? { id: org.id, name: org.name } : null,
        mottos: c.by.reduce((n, r) => n + r.mottos, 0), stories: c.by.reduce((n, r) => n + r.stories, 0), families: c.families,
        byCommunity: c.by.map((r) => ({ community: { id: r.id, name: r.name }, mottos: r.mottos, stories: r.stories })),
      }
    },

    async mine(ctx: RequestContext, q: { cursor?: string; limit: number }): Promise<Page<Deposit>> {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw forbidden()
      const filter: repo.DepositFilter = { depositorId: ctx.actor.personId }
      const after = decodeCursor(q.cursor, idCursor)?.id
      const page = toPage(await repo.listDeposits(db, filter, after, q.limit), q.limit, (d) => present(ctx, d), (d) => ({ id: d.id }))
      return after ? page : { ...page, ...totalOf(await repo.countDeposits(db, filter)) }
    },

    /** The staff's list and moderation queue (state=pending), within what they are staff over. */
    async list(ctx: RequestContext, q: DepositsQuery): Promise<Page<Deposit>> {
      requireSignedIn(ctx.actor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      if (!scopes.length) throw forbidden()
      const filter: repo.DepositFilter = { scopes: scopeParam(scopes), state: q.state, kind: q.kind }
      if (q.orgId) filter.underPath = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'familyDeposit.manageAt', entity: 'org', id: q.orgId })).path
      const after = decodeCursor(q.cursor, idCursor)?.id
      const page = toPage(await repo.listDeposits(db, filter, after, q.limit), q.limit, (d) => present(ctx, d), (d) => ({ id: d.id }))
      return after ? page : { ...page, ...totalOf(await repo.countDeposits(db, filter)) }
    },

    async get(ctx: RequestContext, id: string): Promise<Deposit | PublicDeposit> {
      const d = await repo.findDeposit(db, id)
      if (!d || !can(ctx.actor, 'familyDeposit.read', subjectOf(d))) throw notFound('DEPOSIT_NOT_FOUND')
      return can(ctx.actor, 'familyDeposit.readFull', subjectOf(d)) ? present(ctx, d) : presentPublic(d)
    },

    approve: (ctx: RequestContext, id: string) => transition(ctx, id, 'approve', null),
    reject: (ctx: RequestContext, id: string, reason: string) => transition(ctx, id, 'reject', reason),
    withdraw: (ctx: RequestContext, id: string) => transition(ctx, id, 'withdraw', null),
  }
}

export type FamilyBankService = ReturnType<typeof createFamilyBankService>
