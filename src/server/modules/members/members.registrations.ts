// Registration (报到) at a community: introduction letters (介绍信) a member's employer numbers and
// issues, a member's registration at the community where they live (with a letter), a unit's own
// registration (双报到), and the community's review: accepted, or returned with a reason and
// resubmitted. The member is told of the review (notifications, in the same transaction).
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { findMember, findMemberByPerson, type MemberRow } from './members.repository.ts'
import * as repo from './members.registrations.repository.ts'
import { chinaYear, COMMUNITY_KINDS, STATUS_ZH, type MemberLookups } from './members.lookups.ts'
import type { RegistrationCreate, RegistrationsQuery, Resubmit } from './members.schemas.ts'

const presentRegistration = (r: repo.RegistrationRow) => ({
  id: r.id, kind: r.kind, member: r.member, unit: r.unit, community: r.community, status: r.status, letterAttachment: r.letterAttachment,
  letter: r.letter, note: r.note, returnReason: r.returnReason, submissions: r.submissions, submittedBy: r.submittedBy,
  submittedAt: isoTime(r.submittedAt)!, reviewedBy: r.reviewedBy, reviewedAt: isoTime(r.reviewedAt),
})
const presentLetter = (l: repo.LetterRow) => ({ id: l.id, number: l.number, unit: l.unit, member: l.member, community: l.community, issuedBy: l.issuedBy, createdAt: isoTime(l.createdAt)! })

/** A member registers at the community where they live; naming another is refused. */
function requireOwnCommunity(m: MemberRow, communityId: string | undefined) {
  if (communityId && communityId !== m.community.id) {
    throw unprocessable('REGISTRATION_COMMUNITY_MISMATCH', {}, [{ path: 'communityId', message: 'members.registerAtHomeCommunity', params: { community: m.community.name } }])
  }
}

export function createRegistrations(l: MemberLookups) {
  const { db, deps, now, cadreScopes, actingUnits, loadMember, existingOrg } = l

  /**
   * A community (or village) a unit registers at; 404 when missing. Any unit may register at any
   * community (it learns nothing of it by doing so), so only existence and kind are checked.
   */
  async function community(ex: Executor, id: string, path = 'communityId') {
    const org = await existingOrg(ex, id)
    if (!COMMUNITY_KINDS.includes(org.kind)) throw unprocessable('MEMBER_COMMUNITY_KIND', {}, [{ path, message: 'members.communityRequired' }])
    return org
  }

  /** `mine`: the units the caller acts for, looked up before any transaction opens. */
  async function loadRegistration(ctx: RequestContext, ex: Executor, id: string, mine: string[], lock = false) {
    requireSignedIn(ctx.actor)
    const r = await repo.findRegistration(ex, id, lock)
    if (!r) throw notFound('REGISTRATION_NOT_FOUND')
    const subject = { personId: r.personId, communityPath: r.communityPath, unitId: r.unitId, actingUnits: mine }
    authorize(ctx.actor, 'registration.read', subject, 'REGISTRATION_NOT_FOUND')
    return { r, subject }
  }

  /** The letter a member registers with: a photo of a paper letter, or a numbered letter the unit issued for them. */
  async function checkLetter(ctx: RequestContext, tx: Executor, member: MemberRow, input: { letterAttachmentId?: string; letterId?: string }, registrationId?: string, keptAttachmentId?: string) {
    if (!input.letterAttachmentId && !input.letterId) throw unprocessable('REGISTRATION_LETTER_REQUIRED', {}, [{ path: 'letterAttachmentId', message: 'members.letterRequired' }])
    // A new photo is one the caller uploaded (anyone else's answers 404 as missing); the photo a
    // returned registration already carries stands whoever resubmits it.
    if (input.letterAttachmentId && input.letterAttachmentId !== keptAttachmentId) {
      await requireAccessOne(tx, ctx.actor, { permission: 'attachment.attach', entity: 'attachment', id: input.letterAttachmentId })
    }
    if (input.letterId) {
      const letter = await repo.findLetter(tx, input.letterId)
      if (!letter || letter.memberId !== member.id) throw notFound('LETTER_NOT_FOUND', [{ path: 'letterId', message: 'members.letterMissing' }])
      if (await repo.letterUsed(tx, letter.id, registrationId)) throw conflict('LETTER_USED', {}, [{ path: 'letterId', message: 'members.letterUsed' }])
    }
    return { letterAttachmentId: input.letterAttachmentId ?? null, letterId: input.letterId ?? null }
  }

  async function review(ctx: RequestContext, id: string, to: 'accepted' | 'returned', reason: string | null) {
    requireSignedIn(ctx.actor)
    const mine = await actingUnits(ctx)
    await inTransaction(db, async (tx) => {
      const { r, subject } = await loadRegistration(ctx, tx, id, mine, true)
      authorize(ctx.actor, 'registration.review', subject)
      if (r.status !== 'submitted') throw conflict('REGISTRATION_STATE_CONFLICT', { state: STATUS_ZH[r.status], action: to === 'accepted' ? '接收' : '退回' })
      await repo.reviewRegistration(tx, id, to, ctx.actor.personId!, reason)
      await recordAudit(tx, ctx, { action: to === 'accepted' ? 'registration.accept' : 'registration.return', entity: 'registration', entityId: id, orgPath: r.communityPath, before: { status: r.status }, after: { status: to, returnReason: reason } })
      if (r.personId) {
        await deps.notifications.notify(tx, {
          personIds: [r.personId],
          kind: 'registration',
          title: to === 'accepted' ? `${r.community.name}已接收您的报到` : `${r.community.name}退回了您的报到`,
          body: to === 'accepted' ? '请在“我的报到”中认领服务岗位和项目' : `原因：${reason}。修改后可重新提交。`,
          link: { registrationId: id },
        })
      }
    })
    return registrations.getRegistration(ctx, id)
  }

  const registrations = {
    // Introduction letters --------------------------------------------------------------------
    async issueLetter(ctx: RequestContext, input: { memberId: string; communityId?: string }) {
      requireSignedIn(ctx.actor)
      const id = await inTransaction(db, async (tx) => {
        // The unit sees its own employees only: anyone else's member is "not found".
        const m = await loadMember(ctx, tx, input.memberId, chinaYear(now()), 'letter.issue', true)
        requireOwnCommunity(m, input.communityId)
        const c = { id: m.community.id, path: m.communityPath }
        const letterId = await repo.insertLetter(tx, { unitId: m.employerUnitId!, memberId: m.id, communityId: c.id, year: chinaYear(now()), issuedBy: ctx.actor.personId! })
        const letter = (await repo.findLetter(tx, letterId))!
        await recordAudit(tx, ctx, { action: 'introduction_letter.issue', entity: 'introduction_letter', entityId: letterId, orgPath: c.path, after: presentLetter(letter) })
        return letterId
      })
      return presentLetter((await repo.findLetter(db, id))!)
    },

    async listLetters(ctx: RequestContext, q: { memberId?: string }) {
      requireSignedIn(ctx.actor)
      const found = await repo.searchLetters(db, { units: await actingUnits(ctx), scopes: cadreScopes(ctx), personId: ctx.actor.personId, memberId: q.memberId })
      return { items: found.map(presentLetter) }
    },

    // Registrations ---------------------------------------------------------------------------
    async register(ctx: RequestContext, input: RegistrationCreate) {
      requireSignedIn(ctx.actor)
      const mine = await actingUnits(ctx)
      const id = await inTransaction(db, async (tx) => {
        if (input.kind === 'unit') {
          const unit = await requireAccessOne<{ id: string }>(tx, ctx.actor, { permission: 'unit.read', entity: 'unit', id: input.unitId })
          const c = await community(tx, input.communityId)
          authorize(ctx.actor, 'registration.submit', { personId: null, communityPath: c.path, unitId: unit.id, actingUnits: mine })
          if (await repo.unitRegistrationExists(tx, unit.id, c.id)) throw conflict('REGISTRATION_EXISTS', {}, [{ path: 'unitId', message: 'members.unitAlreadyRegistered' }])
          const rid = await repo.insertRegistration(tx, { kind: 'unit', memberId: null, unitId: unit.id, communityId: c.id, letterAttachmentId: null, letterId: null, note: input.note ?? null, submittedBy: ctx.actor.personId! })
          await recordAudit(tx, ctx, { action: 'registration.submit', entity: 'registration', entityId: rid, orgPath: c.path, after: { ...input } })
          return rid
        }
        const year = chinaYear(now())
        const m = input.memberId ? await loadMember(ctx, tx, input.memberId, year) : ctx.actor.personId ? await findMemberByPerson(tx, ctx.actor.personId, year) : undefined
        if (!m) throw notFound('MEMBER_NOT_FOUND')
        const c = { id: m.community.id, path: m.communityPath }
        authorize(ctx.actor, 'registration.submit', { personId: m.personId, communityPath: c.path, unitId: m.employerUnitId, actingUnits: mine })
        requireOwnCommunity(m, input.communityId)
        if (await repo.registrationOfMember(tx, m.id)) throw conflict('REGISTRATION_EXISTS', {}, [{ path: 'memberId', message: 'members.registrationPending' }])
        const letter = await checkLetter(ctx, tx, m, input)
        const rid = await repo.insertRegistration(tx, { kind: 'member', memberId: m.id, unitId: m.employerUnitId, communityId: c.id, ...letter, note: input.note ?? null, submittedBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'registration.submit', entity: 'registration', entityId: rid, orgPath: c.path, after: { ...input, memberId: m.id, ...letter } })
        return rid
      })
      return presentRegistration((await repo.findRegistration(db, id))!)
    },

    async listRegistrations(ctx: RequestContext, q: RegistrationsQuery) {
      requireSignedIn(ctx.actor)
      const mine = await actingUnits(ctx)
      // A community filter only narrows: the rows are still those of the caller, their units and their cadre scope.
      const underPath = q.communityId ? (await existingOrg(db, q.communityId)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchRegistrations(db, { scopes: cadreScopes(ctx), personId: ctx.actor.personId, units: mine, underPath, unitId: q.unitId, status: q.status, kind: q.kind, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, presentRegistration, (r) => ({ id: r.id }))
    },

    async getRegistration(ctx: RequestContext, id: string) {
      return presentRegistration((await loadRegistration(ctx, db, id, await actingUnits(ctx))).r)
    },

    async accept(ctx: RequestContext, id: string) {
      return review(ctx, id, 'accepted', null)
    },

    async returnRegistration(ctx: RequestContext, id: string, reason: string) {
      return review(ctx, id, 'returned', reason)
    },

    async resubmit(ctx: RequestContext, id: string, input: Resubmit) {
      requireSignedIn(ctx.actor)
      const mine = await actingUnits(ctx)
      await inTransaction(db, async (tx) => {
        const { r, subject } = await loadRegistration(ctx, tx, id, mine, true)
        authorize(ctx.actor, 'registration.submit', subject)
        if (r.status !== 'returned') throw conflict('REGISTRATION_STATE_CONFLICT', { state: STATUS_ZH[r.status], action: '重新提交' })
        let letter = { letterAttachmentId: null as string | null, letterId: null as string | null }
        if (r.kind === 'member') {
          const m = (await findMember(tx, r.memberId!, chinaYear(now())))!
          // Without a new letter the one already attached stands.
          const given = input.letterAttachmentId || input.letterId ? input : { letterAttachmentId: r.letterAttachment?.id, letterId: r.letter?.id }
          letter = await checkLetter(ctx, tx, m, given, r.id, r.letterAttachment?.id)
        }
        await repo.resubmitRegistration(tx, id, { ...letter, note: input.note ?? r.note, by: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'registration.resubmit', entity: 'registration', entityId: id, orgPath: r.communityPath, before: { status: r.status }, after: { status: 'submitted', ...letter } })
      })
      return registrations.getRegistration(ctx, id)
    },
  }
  return registrations
}
