// Party members and their registration (报到) at the community where they live: introduction
// letters, the community's review, the posts and projects members claim, yearly targets with
// reminders, feedback cards for the employer, the ledgers, the public walls and the pioneer
// index of gig workers. Hours come from the volunteers service; units from the units service.
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import * as repo from './members.repository.ts'
import { ledgerWorkbook } from './members.ledgers.ts'
import { renderCardPdf } from './members.pdf.ts'
import { pioneerIndex, teamIndex } from './members.pioneer.ts'
import type {
  CardContent, CardRating, CardsQuery, FeedbackCard, Ledger, LedgerName, MemberCreate, MembersQuery, MemberUpdate, PostCreate, PostUpdate,
  Progress, RegistrationCreate, RegistrationsQuery, Resubmit, TargetPut,
} from './members.schemas.ts'
import './members.policy.ts'
import './members.access.ts'
import '../files/files.access.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'

/** What this module needs of the units service (see the interfaces between the modules). */
export interface UnitLookup {
  idsOf(ex: Executor, personId: string): Promise<string[]>
}

/** What this module needs of the volunteers service. */
export interface VolunteerRecords {
  hoursByPerson(personIds: string[], year: number): Promise<Map<string, { hours: number; activities: number }>>
  serviceRecords(personId: string, year: number): Promise<{ activityId: string; title: string; orgName: string; startsAt: string; hours: number; status: string }[]>
}

const COMMUNITY_KINDS = ['community', 'village']
const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
const chinaYear = (at: Date) => Number(chinaDate(at).slice(0, 4))
const STATUS_ZH = { submitted: '待审核', returned: '已退回', accepted: '已接收' } as const
const CARD_STATUS_ZH = { draft: '待审核', reviewed: '已审核', sent: '已发送' } as const
const KIND_ZH = { regular: '普通党员', in_service: '在职党员', retired: '离退休党员', gig_worker: '新就业群体党员', flowing: '流动党员' } as const
/** Reminders go out in the last quarter, from 1 October (China time). */
const REMINDER_FROM_MONTH = 10
const REMINDER_BATCH = 500

function periodRange(period: string): { year: number; from: string; to: string } {
  const year = Number(period.slice(0, 4))
  if (period.endsWith('-H1')) return { year, from: `${year}-01-01`, to: `${year}-06-30` }
  if (period.endsWith('-H2')) return { year, from: `${year}-07-01`, to: `${year}-12-31` }
  return { year, from: `${year}-01-01`, to: `${year}-12-31` }
}

function progressOf(m: repo.MemberRow, year: number, hours: { hours: number; activities: number } | undefined): Progress {
  const h = Math.round((hours?.hours ?? 0) * 10) / 10
  const minHours = Number(m.minHours)
  return {
    year, hours: h, activities: hours?.activities ?? 0, projects: m.projects, posts: m.posts,
    minHours, minProjects: m.minProjects, met: h >= minHours && m.projects >= m.minProjects,
  }
}

export function createMemberService(deps: {
  db: Executor
  notifications: Pick<NotificationService, 'notify'>
  units: UnitLookup
  volunteers: VolunteerRecords
  /**
   * The volunteers' hours read inside a given transaction (the scheduler's): on PGlite, one
   * connection, a query outside an open transaction would wait for it forever.
   */
  volunteersIn?: (ex: Executor) => Pick<VolunteerRecords, 'hoursByPerson'>
  clock?: () => Date
}) {
  const { db, units, volunteers } = deps
  const now = deps.clock ?? (() => new Date())

  const actingUnits = (ctx: RequestContext) => (ctx.actor.personId ? units.idsOf(db, ctx.actor.personId) : Promise.resolve([]))
  const cadreScopes = (ctx: RequestContext) => scopeParam(scopesOf(ctx.actor, LEVEL.cadre))

  function presentMember(m: repo.MemberRow, year: number, hours: Map<string, { hours: number; activities: number }>) {
    return {
      id: m.id, person: m.person, partyOrgName: m.partyOrgName, kind: m.kind, employerUnit: m.employerUnit, community: m.community,
      joinedOn: m.joinedOn, publicWalls: m.publicWalls, commitment: m.commitment, registrationStatus: m.registrationStatus,
      progress: progressOf(m, year, hours.get(m.personId)), createdAt: isoTime(m.createdAt)!,
    }
  }

  const presentRegistration = (r: repo.RegistrationRow) => ({
    id: r.id, kind: r.kind, member: r.member, unit: r.unit, community: r.community, status: r.status, letterAttachment: r.letterAttachment,
    letter: r.letter, note: r.note, returnReason: r.returnReason, submissions: r.submissions, submittedBy: r.submittedBy,
    submittedAt: isoTime(r.submittedAt)!, reviewedBy: r.reviewedBy, reviewedAt: isoTime(r.reviewedAt),
  })
  const presentLetter = (l: repo.LetterRow) => ({ id: l.id, number: l.number, unit: l.unit, member: l.member, community: l.community, issuedBy: l.issuedBy, createdAt: isoTime(l.createdAt)! })
  const presentPost = (p: repo.PostRow) => ({ id: p.id, community: p.community, kind: p.kind, title: p.title, description: p.description, capacity: p.capacity, taken: p.taken, active: p.active, myClaimId: p.myClaimId, createdAt: isoTime(p.createdAt)! })
  const presentClaim = (c: repo.ClaimRow) => ({ id: c.id, post: c.post, member: c.member, community: c.community, year: c.year, releasedAt: isoTime(c.releasedAt), createdAt: isoTime(c.createdAt)! })
  const presentTarget = (t: repo.TargetRow) => ({ id: t.id, org: t.org, year: t.year, minProjects: t.minProjects, minHours: Number(t.minHours), updatedAt: isoTime(t.updatedAt)! })
  const presentCard = (c: repo.CardRow): FeedbackCard => ({
    id: c.id, member: c.member, period: c.period, community: c.community, unit: c.unit, status: c.status, content: c.content, rating: c.rating,
    comment: c.comment, reviewedBy: c.reviewedBy, reviewedAt: isoTime(c.reviewedAt), sentAt: isoTime(c.sentAt), createdAt: isoTime(c.createdAt)!,
  })

  async function withProgress(found: repo.MemberRow[], year: number) {
    const hours = found.length ? await volunteers.hoursByPerson(found.map((m) => m.personId), year) : new Map()
    return (m: repo.MemberRow) => presentMember(m, year, hours)
  }

  /**
   * A member, wherever the id arrived, on whom the caller may do `permission` (kernel/access.ts
   * with the 'member' loader): one they may not read answers 404, one they may read but not act
   * on 403, or 404 too with `hide`.
   */
  async function loadMember(ctx: RequestContext, ex: Executor, id: string, year = chinaYear(now()), permission = 'member.read', hide = false) {
    await requireAccessOne(ex, ctx.actor, { permission, entity: 'member', id, hide })
    const m = await repo.findMember(ex, id, year)
    if (!m) throw notFound('MEMBER_NOT_FOUND')
    return m
  }

  /** A community named in a request, on which the caller may do `permission`. */
  async function communityFor(ctx: RequestContext, ex: Executor, id: string, permission: string) {
    const org = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission, entity: 'org', id })
    if (!COMMUNITY_KINDS.includes(org.kind)) throw unprocessable('MEMBER_COMMUNITY_KIND', {}, [{ path: 'communityId', message: 'members.communityRequired' }])
    return org
  }

  /** A unit named in a request (an employer, a unit registering): one the caller may see, else 404. */
  /** An employer may be registered anywhere in the city (units.access.ts, `employer_unit`). */
  const employerFor = (ctx: RequestContext, ex: Executor, id: string) =>
    requireAccessOne<{ id: string }>(ex, ctx.actor, { permission: 'unit.employ', entity: 'employer_unit', hide: true, id })

  /** A member registers at the community where they live; naming another is refused. */
  function requireOwnCommunity(m: repo.MemberRow, communityId: string | undefined) {
    if (communityId && communityId !== m.community.id) {
      throw unprocessable('REGISTRATION_COMMUNITY_MISMATCH', {}, [{ path: 'communityId', message: 'members.registerAtHomeCommunity', params: { community: m.community.name } }])
    }
  }

  /**
   * A community (or village) a unit registers at; 404 when missing. Any unit may register at any
   * community (it learns nothing of it by doing so), so only existence and kind are checked.
   */
  async function community(ex: Executor, id: string, path = 'communityId') {
    const org = await repo.findOrg(ex, id)
    if (!org) throw notFound('ORG_NOT_FOUND')
    if (!COMMUNITY_KINDS.includes(org.kind)) throw unprocessable('MEMBER_COMMUNITY_KIND', {}, [{ path, message: 'members.communityRequired' }])
    return org
  }

  /** A node the caller filters by: it must lie within what they may see as a cadre. */
  async function filterNode(ctx: RequestContext, id: string | undefined) {
    if (!id) return undefined
    const org = await repo.findOrg(db, id)
    if (!org || !can(ctx.actor, 'ledger.read', { orgPath: org.path })) throw notFound('ORG_NOT_FOUND')
    return org.path
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
  async function checkLetter(ctx: RequestContext, tx: Executor, member: repo.MemberRow, input: { letterAttachmentId?: string; letterId?: string }, registrationId?: string, keptAttachmentId?: string) {
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

  async function loadPost(ctx: RequestContext, ex: Executor, id: string, lock = false) {
    requireSignedIn(ctx.actor)
    const post = await repo.findPost(ex, id, null, lock)
    if (!post) throw notFound('POST_NOT_FOUND')
    return post
  }

  async function loadCard(ctx: RequestContext, ex: Executor, id: string, mine: string[], lock = false) {
    requireSignedIn(ctx.actor)
    const card = await repo.findCard(ex, id, lock)
    if (!card) throw notFound('CARD_NOT_FOUND')
    authorize(ctx.actor, 'card.read', { personId: card.personId, communityPath: card.communityPath, unitId: card.unitId, status: card.status, actingUnits: mine }, 'CARD_NOT_FOUND')
    return card
  }

  /** Everyone in scope with their progress (one hours query for all of them). */
  async function progressInScope(ctx: RequestContext, q: { communityId?: string; year?: number; kinds?: repo.MemberFilter['kinds'] }) {
    const year = q.year ?? chinaYear(now())
    const underPath = await filterNode(ctx, q.communityId)
    const scopes = cadreScopes(ctx)
    const found = scopes ? await repo.searchMembers(db, { scopes, personId: null, underPath, year, kinds: q.kinds }) : []
    const hours = found.length ? await volunteers.hoursByPerson(found.map((m) => m.personId), year) : new Map<string, { hours: number; activities: number }>()
    return { year, found, hours }
  }

  const service = {
    // Members ---------------------------------------------------------------------------------
    async list(ctx: RequestContext, q: MembersQuery) {
      requireSignedIn(ctx.actor)
      const year = q.year ?? chinaYear(now())
      const underPath = await filterNode(ctx, q.communityId)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchMembers(db, { scopes: cadreScopes(ctx), personId: ctx.actor.personId, units: await actingUnits(ctx), underPath, unitId: q.unitId, kind: q.kind, q: q.q, year, afterId: after?.id, limit: q.limit })
      const present = await withProgress(found.slice(0, q.limit), year)
      return toPage(found, q.limit, present, (m) => ({ id: m.id }))
    },

    async get(ctx: RequestContext, id: string, year?: number) {
      const y = year ?? chinaYear(now())
      const m = await loadMember(ctx, db, id, y)
      return (await withProgress([m], y))(m)
    },

    /** The caller's own membership, or 404 when they are not a member. */
    async mine(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const year = chinaYear(now())
      const m = ctx.actor.personId ? await repo.findMemberByPerson(db, ctx.actor.personId, year) : undefined
      if (!m) throw notFound('MEMBER_NOT_FOUND')
      return (await withProgress([m], year))(m)
    },

    /** Registering someone already known as a member is managing them: people.policy.ts decides who may. */
    async create(ctx: RequestContext, input: MemberCreate) {
      requireSignedIn(ctx.actor)
      const id = await db.transaction(async (tx) => {
        const c = await communityFor(ctx, tx, input.communityId, 'member.create')
        await requireAccessOne(tx, ctx.actor, { permission: 'person.manage', entity: 'person', id: input.personId })
        const employerUnitId = input.employerUnitId ? (await employerFor(ctx, tx, input.employerUnitId)).id : null
        if (await repo.memberExistsFor(tx, input.personId)) throw conflict('MEMBER_EXISTS', {}, [{ path: 'personId', message: 'members.personAlreadyMember' }])
        const memberId = await repo.insertMember(tx, { personId: input.personId, partyOrgName: input.partyOrgName, kind: input.kind, employerUnitId, communityId: c.id, joinedOn: input.joinedOn ?? null })
        await recordAudit(tx, ctx, { action: 'member.create', entity: 'party_member', entityId: memberId, orgPath: c.path, after: { ...input, employerUnitId } })
        return memberId
      })
      return service.get(ctx, id)
    },

    async update(ctx: RequestContext, id: string, input: MemberUpdate) {
      requireSignedIn(ctx.actor)
      const ownFieldsOnly = Object.keys(input).every((k) => k === 'publicWalls' || k === 'commitment')
      await db.transaction(async (tx) => {
        const m = await loadMember(ctx, tx, id, chinaYear(now()), ownFieldsOnly ? 'member.editOwn' : 'member.manage')
        const employerUnitId = input.employerUnitId ? (await employerFor(ctx, tx, input.employerUnitId)).id : input.employerUnitId
        const set = { ...input, employerUnitId, publicWalls: input.publicWalls ? [...new Set(input.publicWalls)] : undefined }
        await repo.updateMember(tx, id, set)
        const before = { partyOrgName: m.partyOrgName, kind: m.kind, employerUnitId: m.employerUnitId, publicWalls: m.publicWalls, commitment: m.commitment }
        await recordAudit(tx, ctx, { action: 'member.update', entity: 'party_member', entityId: id, orgPath: m.communityPath, before, after: { ...before, ...Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) } })
      })
      return service.get(ctx, id)
    },

    /** Members in the caller's scope who have not met the year's target, fewest hours first. */
    async behind(ctx: RequestContext, q: { communityId?: string; year?: number; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const { year, found, hours } = await progressInScope(ctx, q)
      const behind = found.map((m) => presentMember(m, year, hours)).filter((m) => !m.progress.met && m.registrationStatus === 'accepted')
      behind.sort((a, b) => a.progress.hours - b.progress.hours || Number(a.id) - Number(b.id))
      const after = decodeCursor(q.cursor, idCursor)
      const start = after ? behind.findIndex((m) => m.id === after.id) + 1 : 0
      const slice = behind.slice(start, start + q.limit + 1)
      return { ...toPage(slice, q.limit, (m) => m, (m) => ({ id: m.id })), total: behind.length }
    },

    // Introduction letters --------------------------------------------------------------------
    async issueLetter(ctx: RequestContext, input: { memberId: string; communityId?: string }) {
      requireSignedIn(ctx.actor)
      const id = await db.transaction(async (tx) => {
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
      const id = await db.transaction(async (tx) => {
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
        const m = input.memberId ? await loadMember(ctx, tx, input.memberId, year) : ctx.actor.personId ? await repo.findMemberByPerson(tx, ctx.actor.personId, year) : undefined
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
      const underPath = q.communityId ? (await repo.findOrg(db, q.communityId))?.path : undefined
      if (q.communityId && !underPath) throw notFound('ORG_NOT_FOUND')
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
      await db.transaction(async (tx) => {
        const { r, subject } = await loadRegistration(ctx, tx, id, mine, true)
        authorize(ctx.actor, 'registration.submit', subject)
        if (r.status !== 'returned') throw conflict('REGISTRATION_STATE_CONFLICT', { state: STATUS_ZH[r.status], action: '重新提交' })
        let letter = { letterAttachmentId: null as string | null, letterId: null as string | null }
        if (r.kind === 'member') {
          const m = (await repo.findMember(tx, r.memberId!, chinaYear(now())))!
          // Without a new letter the one already attached stands.
          const given = input.letterAttachmentId || input.letterId ? input : { letterAttachmentId: r.letterAttachment?.id, letterId: r.letter?.id }
          letter = await checkLetter(ctx, tx, m, given, r.id, r.letterAttachment?.id)
        }
        await repo.resubmitRegistration(tx, id, { ...letter, note: input.note ?? r.note, by: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'registration.resubmit', entity: 'registration', entityId: id, orgPath: r.communityPath, before: { status: r.status }, after: { status: 'submitted', ...letter } })
      })
      return service.getRegistration(ctx, id)
    },

    // Posts and claims ------------------------------------------------------------------------
    async listPosts(ctx: RequestContext, q: { communityId?: string; kind?: 'post' | 'project'; active?: boolean; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const me = ctx.actor.personId ? await repo.findMemberByPerson(db, ctx.actor.personId, chinaYear(now())) : undefined
      if (q.communityId && !(await repo.findOrg(db, q.communityId))) throw notFound('ORG_NOT_FOUND')
      // A community filter narrows what the caller sees (their cadre scope, their own community), never widens it.
      const scopePaths = [cadreScopes(ctx), me?.communityPath].filter(Boolean).join(',')
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchPosts(db, { ...q, scopePaths, memberId: me?.id ?? null, afterId: after?.id })
      return toPage(found, q.limit, presentPost, (p) => ({ id: p.id }))
    },

    async createPost(ctx: RequestContext, input: PostCreate) {
      requireSignedIn(ctx.actor)
      const id = await db.transaction(async (tx) => {
        const c = await communityFor(ctx, tx, input.communityId, 'post.manage')
        const postId = await repo.insertPost(tx, { ...input, description: input.description ?? null, createdBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'community_post.create', entity: 'community_post', entityId: postId, orgPath: c.path, after: { ...input } })
        return postId
      })
      return presentPost((await repo.findPost(db, id))!)
    },

    async updatePost(ctx: RequestContext, id: string, input: PostUpdate) {
      await db.transaction(async (tx) => {
        const post = await loadPost(ctx, tx, id, true)
        authorize(ctx.actor, 'post.manage', { orgPath: post.communityPath })
        if (input.capacity !== undefined && input.capacity < post.taken) {
          throw unprocessable('POST_CAPACITY_BELOW_TAKEN', { taken: post.taken }, [{ path: 'capacity', message: 'members.postTaken', params: { taken: post.taken } }])
        }
        await repo.updatePost(tx, id, input)
        await recordAudit(tx, ctx, { action: 'community_post.update', entity: 'community_post', entityId: id, orgPath: post.communityPath, before: presentPost(post), after: { ...input } })
      })
      return presentPost((await repo.findPost(db, id))!)
    },

    /** Takes a seat on a post or project; the post's row lock makes the last seat go to one claim only. */
    async claim(ctx: RequestContext, input: { postId: string; memberId?: string }) {
      requireSignedIn(ctx.actor)
      const year = chinaYear(now())
      const id = await db.transaction(async (tx) => {
        const m = input.memberId ? await loadMember(ctx, tx, input.memberId, year, 'post.claim') : ctx.actor.personId ? await repo.findMemberByPerson(tx, ctx.actor.personId, year) : undefined
        if (!m) throw notFound('MEMBER_NOT_FOUND')
        authorize(ctx.actor, 'post.claim', m)
        const post = await loadPost(ctx, tx, input.postId, true)
        if (post.community.id !== m.community.id) throw notFound('POST_NOT_FOUND')
        const registration = await repo.registrationOfMember(tx, m.id)
        if (registration?.status !== 'accepted') throw unprocessable('REGISTRATION_NOT_ACCEPTED', {}, [{ path: 'postId', message: 'members.claimNeedsRegistration' }])
        if (!post.active) throw unprocessable('POST_INACTIVE', {}, [{ path: 'postId', message: 'members.postClosed' }])
        const live = await repo.searchClaims(tx, { scopes: '', personId: m.personId, memberId: m.id, postId: post.id, live: true, limit: 1 })
        if (live.length) throw conflict('POST_ALREADY_CLAIMED', {}, { claimId: live[0]!.id })
        if (post.taken >= post.capacity) throw conflict('POST_FULL', { capacity: post.capacity })
        const claimId = await repo.insertClaim(tx, { postId: post.id, memberId: m.id, year, claimedBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'post_claim.create', entity: 'post_claim', entityId: claimId, orgPath: post.communityPath, after: { postId: post.id, memberId: m.id, year } })
        return claimId
      })
      return presentClaim((await repo.findClaim(db, id))!)
    },

    async release(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      await db.transaction(async (tx) => {
        const c = await repo.findClaim(tx, id)
        // Released by the member or a cadre of their community; to anyone else the claim does not exist.
        if (!c || !can(ctx.actor, 'post.claim', c)) throw notFound('CLAIM_NOT_FOUND')
        if (!(await repo.releaseClaim(tx, id))) throw conflict('CLAIM_RELEASED')
        await recordAudit(tx, ctx, { action: 'post_claim.release', entity: 'post_claim', entityId: id, orgPath: c.communityPath, before: presentClaim(c) })
      })
    },

    async listClaims(ctx: RequestContext, q: { memberId?: string; postId?: string; live?: boolean; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchClaims(db, { ...q, scopes: cadreScopes(ctx), personId: ctx.actor.personId, afterId: after?.id })
      return toPage(found, q.limit, presentClaim, (c) => ({ id: c.id }))
    },

    // Targets ---------------------------------------------------------------------------------
    async listTargets(ctx: RequestContext, q: { orgId?: string; year?: number }) {
      requireSignedIn(ctx.actor)
      const underPath = await filterNode(ctx, q.orgId)
      const found = await repo.searchTargets(db, { scopes: cadreScopes(ctx), underPath, year: q.year })
      return { items: found.map(presentTarget), defaults: repo.DEFAULT_TARGET }
    },

    async putTarget(ctx: RequestContext, input: TargetPut) {
      requireSignedIn(ctx.actor)
      const id = await db.transaction(async (tx) => {
        const org = await requireAccessOne<OrgAccessSubject>(tx, ctx.actor, { permission: 'memberTarget.manage', entity: 'org', id: input.orgId })
        if (!['city', 'district', 'street', 'community', 'village'].includes(org.kind)) throw unprocessable('MEMBER_TARGET_ORG_KIND', {}, [{ path: 'orgId', message: 'members.targetOrgKind' }])
        const saved = await repo.upsertTarget(tx, input)
        await recordAudit(tx, ctx, { action: saved.created ? 'member_target.create' : 'member_target.update', entity: 'member_target', entityId: saved.id, orgPath: org.path, after: { ...input } })
        return saved.id
      })
      return presentTarget((await repo.findTarget(db, id))!)
    },

    /** The minute sweep: from 1 October each behind member gets at most one reminder a week. */
    async remindBehind(tx: Executor, at: Date): Promise<number> {
      if (Number(chinaDate(at).slice(5, 7)) < REMINDER_FROM_MONTH) return 0
      const year = chinaYear(at)
      const hoursOf = deps.volunteersIn?.(tx) ?? volunteers
      let sent = 0
      let afterId: string | undefined
      for (;;) {
        const candidates = await repo.remindable(tx, at, year, REMINDER_BATCH, afterId)
        if (candidates.length === 0) return sent
        afterId = candidates.at(-1)!.id
        const hours = await hoursOf.hoursByPerson(candidates.map((m) => m.personId), year)
        const behind = candidates.map((m) => ({ m, p: progressOf(m, year, hours.get(m.personId)) })).filter((x) => !x.p.met)
        for (const { m, p } of behind) {
          await deps.notifications.notify(tx, {
            personIds: [m.personId],
            kind: 'member_target',
            title: `${year} 年报到服务尚未达标`,
            body: `已服务 ${p.hours} 小时、参与 ${p.projects} 个项目；年度目标 ${p.minHours} 小时、${p.minProjects} 个项目，请在年底前完成。`,
            link: { memberId: m.id },
          })
        }
        await repo.insertReminders(tx, behind.map((x) => x.m.id), year, at)
        sent += behind.length
      }
    },

    // Feedback cards --------------------------------------------------------------------------
    async generateCard(ctx: RequestContext, input: { memberId: string; period: string }) {
      requireSignedIn(ctx.actor)
      const range = periodRange(input.period)
      if (range.from > chinaDate(now())) throw unprocessable('CARD_PERIOD_IN_FUTURE', { period: input.period }, [{ path: 'period', message: 'members.periodNotStarted' }])
      const m = await loadMember(ctx, db, input.memberId, range.year, 'card.manage')
      const records = (await volunteers.serviceRecords(m.personId, range.year)).filter((r) => {
        const day = chinaDate(new Date(r.startsAt))
        return day >= range.from && day <= range.to
      })
      const posts = await repo.claimsOfMember(db, m.id, range.year)
      const content: CardContent = {
        memberName: m.person.name, partyOrgName: m.partyOrgName, unitName: m.employerUnit?.name ?? null, communityName: m.community.name,
        period: input.period, from: range.from, to: range.to,
        hours: Math.round(records.reduce((s, r) => s + r.hours, 0) * 10) / 10,
        activities: records.map((r) => ({ title: r.title, orgName: r.orgName, startsAt: r.startsAt, hours: r.hours })),
        posts, minHours: Number(m.minHours), minProjects: m.minProjects,
      }
      const id = await db.transaction(async (tx) => {
        const registration = await repo.registrationOfMember(tx, m.id)
        if (registration?.status !== 'accepted') throw unprocessable('REGISTRATION_NOT_ACCEPTED', {}, [{ path: 'memberId', message: 'members.memberNotRegistered' }])
        if (await repo.cardExists(tx, m.id, input.period)) throw conflict('CARD_EXISTS', { period: input.period })
        const cardId = await repo.insertCard(tx, { memberId: m.id, period: input.period, communityId: m.community.id, unitId: m.employerUnitId, content, generatedBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'feedback_card.generate', entity: 'feedback_card', entityId: cardId, orgPath: m.communityPath, after: { memberId: m.id, period: input.period } })
        return cardId
      })
      return presentCard((await repo.findCard(db, id))!)
    },

    async listCards(ctx: RequestContext, q: CardsQuery) {
      requireSignedIn(ctx.actor)
      const underPath = await filterNodeOrMine(ctx, q.communityId)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchCards(db, { ...q, scopes: cadreScopes(ctx), personId: ctx.actor.personId, units: await actingUnits(ctx), underPath, afterId: after?.id })
      return toPage(found, q.limit, presentCard, (c) => ({ id: c.id }))
    },

    async getCard(ctx: RequestContext, id: string) {
      return presentCard(await loadCard(ctx, db, id, await actingUnits(ctx)))
    },

    async reviewCard(ctx: RequestContext, id: string, input: { rating: CardRating; comment: string }) {
      requireSignedIn(ctx.actor)
      const mine = await actingUnits(ctx)
      await db.transaction(async (tx) => {
        const card = await loadCard(ctx, tx, id, mine, true)
        authorize(ctx.actor, 'card.manage', { communityPath: card.communityPath })
        if (card.status === 'sent') throw conflict('CARD_STATE_CONFLICT', { state: CARD_STATUS_ZH[card.status], action: '审核' })
        await repo.reviewCard(tx, id, { ...input, by: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'feedback_card.review', entity: 'feedback_card', entityId: id, orgPath: card.communityPath, before: { status: card.status, rating: card.rating, comment: card.comment }, after: { status: 'reviewed', ...input } })
      })
      return service.getCard(ctx, id)
    },

    async sendCard(ctx: RequestContext, id: string) {
      requireSignedIn(ctx.actor)
      const mine = await actingUnits(ctx)
      await db.transaction(async (tx) => {
        const card = await loadCard(ctx, tx, id, mine, true)
        authorize(ctx.actor, 'card.manage', { communityPath: card.communityPath })
        if (card.status !== 'reviewed') throw conflict('CARD_STATE_CONFLICT', { state: CARD_STATUS_ZH[card.status], action: '发送' })
        if (!card.unitId) throw unprocessable('CARD_NO_UNIT')
        await repo.sendCard(tx, id)
        await recordAudit(tx, ctx, { action: 'feedback_card.send', entity: 'feedback_card', entityId: id, orgPath: card.communityPath, before: { status: card.status }, after: { status: 'sent', unitId: card.unitId } })
      })
      return service.getCard(ctx, id)
    },

    async cardPdf(ctx: RequestContext, id: string): Promise<{ filename: string; bytes: Buffer }> {
      const card = presentCard(await loadCard(ctx, db, id, await actingUnits(ctx)))
      return { filename: `feedback-card-${card.id}-${card.period}.pdf`, bytes: await renderCardPdf(card) }
    },

    // Ledgers (一站一库一册两台账) ---------------------------------------------------------------
    async ledger(ctx: RequestContext, name: LedgerName, q: { communityId?: string; year?: number }): Promise<Ledger> {
      requireSignedIn(ctx.actor)
      if (!scopesOf(ctx.actor, LEVEL.cadre).length) throw forbidden()
      if (name === 'unit-service') {
        const year = q.year ?? chinaYear(now())
        const underPath = await filterNode(ctx, q.communityId)
        const found = await repo.unitServiceRows(db, cadreScopes(ctx), underPath, year)
        const hours = await volunteers.hoursByPerson([...new Set(found.flatMap((u) => u.personIds))], year)
        return {
          title: `单位服务台账（${year} 年）`,
          columns: [
            { key: 'unit', label: '单位' }, { key: 'members', label: '在职党员数' }, { key: 'registered', label: '已报到' },
            { key: 'unitRegistrations', label: '单位报到社区数' }, { key: 'posts', label: '认领岗位' }, { key: 'projects', label: '参与项目' }, { key: 'hours', label: '服务时长（小时）' },
          ],
          rows: found.map((u) => ({
            unit: u.unitName, members: u.members, registered: u.registered, unitRegistrations: u.unitRegistrations, posts: u.posts, projects: u.projects,
            hours: Math.round(u.personIds.reduce((s, p) => s + (hours.get(p)?.hours ?? 0), 0) * 10) / 10,
          })),
        }
      }
      const { year, found, hours } = await progressInScope(ctx, q)
      const members = found.map((m) => presentMember(m, year, hours))
      if (name === 'member-database') {
        return {
          title: '党员信息库',
          columns: [
            { key: 'name', label: '姓名' }, { key: 'kind', label: '类别' }, { key: 'partyOrg', label: '所在党组织' }, { key: 'unit', label: '工作单位' },
            { key: 'community', label: '居住社区' }, { key: 'joinedOn', label: '入党日期' }, { key: 'registration', label: '报到状态' },
          ],
          rows: members.map((m) => ({
            name: m.person.name, kind: KIND_ZH[m.kind], partyOrg: m.partyOrgName, unit: m.employerUnit?.name ?? null, community: m.community.name,
            joinedOn: m.joinedOn, registration: m.registrationStatus ? STATUS_ZH[m.registrationStatus] : '未报到',
          })),
        }
      }
      return {
        title: `党员服务台账（${year} 年）`,
        columns: [
          { key: 'name', label: '姓名' }, { key: 'unit', label: '工作单位' }, { key: 'community', label: '报到社区' }, { key: 'posts', label: '认领岗位' },
          { key: 'projects', label: '参与项目' }, { key: 'activities', label: '参加活动' }, { key: 'hours', label: '服务时长（小时）' }, { key: 'met', label: '是否达标' },
        ],
        rows: members.filter((m) => m.registrationStatus === 'accepted').map((m) => ({
          name: m.person.name, unit: m.employerUnit?.name ?? null, community: m.community.name, posts: m.progress.posts, projects: m.progress.projects,
          activities: m.progress.activities, hours: m.progress.hours, met: m.progress.met ? '达标' : '未达标',
        })),
      }
    },

    /** 党员纪实手册: one member's full record for a year (membership, registration, posts, activities, cards). */
    async handbook(ctx: RequestContext, memberId: string, year?: number): Promise<Ledger> {
      const y = year ?? chinaYear(now())
      const m = await loadMember(ctx, db, memberId, y)
      const present = (await withProgress([m], y))(m)
      const records = await volunteers.serviceRecords(m.personId, y)
      const posts = await repo.claimsOfMember(db, m.id, y)
      const cards = await repo.searchCards(db, { scopes: '', personId: m.personId, units: [], memberId: m.id, limit: 50 })
      const rows: Ledger['rows'] = [
        { section: '基本信息', item: '姓名', value: m.person.name },
        { section: '基本信息', item: '类别', value: KIND_ZH[m.kind] },
        { section: '基本信息', item: '所在党组织', value: m.partyOrgName },
        { section: '基本信息', item: '工作单位', value: m.employerUnit?.name ?? null },
        { section: '基本信息', item: '居住社区', value: m.community.name },
        { section: '报到', item: '报到状态', value: m.registrationStatus ? STATUS_ZH[m.registrationStatus] : '未报到' },
        ...posts.map((p) => ({ section: p.kind === 'post' ? '认领岗位' : '参与项目', item: p.title, value: y })),
        ...records.map((r) => ({ section: '志愿服务', item: `${r.startsAt.slice(0, 10)} ${r.title}（${r.orgName}）`, value: r.hours })),
        { section: '年度目标', item: `服务时长 / 目标 ${present.progress.minHours} 小时`, value: present.progress.hours },
        { section: '年度目标', item: `参与项目 / 目标 ${present.progress.minProjects} 个`, value: present.progress.projects },
        ...cards.map((c) => ({ section: '反馈卡', item: c.period, value: c.rating ? { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' }[c.rating] : CARD_STATUS_ZH[c.status] })),
      ]
      return { title: `党员纪实手册：${m.person.name}（${y} 年）`, columns: [{ key: 'section', label: '栏目' }, { key: 'item', label: '内容' }, { key: 'value', label: '记录' }], rows }
    },

    workbook: ledgerWorkbook,

    // Public walls and the pioneer index ------------------------------------------------------
    /** 签名墙、承诺墙、先锋墙: consenting members of a community with accepted registrations, names only. */
    async walls(communityId: string) {
      const c = await repo.findOrg(db, communityId)
      if (!c || !COMMUNITY_KINDS.includes(c.kind)) throw notFound('ORG_NOT_FOUND')
      const year = chinaYear(now())
      const found = await repo.wallMembers(db, c.id)
      const pioneers = found.filter((m) => m.walls.includes('pioneer'))
      const indexes = await indexesOf(pioneers.map((m) => ({ memberId: m.memberId, personId: m.personId })), year)
      return {
        community: { id: c.id, name: c.name },
        signature: found.filter((m) => m.walls.includes('signature')).map((m) => ({ name: m.name })),
        commitment: found.filter((m) => m.walls.includes('commitment') && m.commitment).map((m) => ({ name: m.name, commitment: m.commitment! })),
        pioneer: pioneers.map((m) => ({ name: m.name, hours: indexes.get(m.memberId)!.hours, pioneerIndex: indexes.get(m.memberId)!.index }))
          .sort((a, b) => b.pioneerIndex - a.pioneerIndex).slice(0, 50),
      }
    },

    /** 先锋指数 of gig-worker members in the caller's scope, per person and per team (employer unit). */
    async pioneer(ctx: RequestContext, q: { communityId?: string; year?: number }) {
      requireSignedIn(ctx.actor)
      const year = q.year ?? chinaYear(now())
      const underPath = await filterNode(ctx, q.communityId)
      const scopes = cadreScopes(ctx)
      const found = scopes ? await repo.searchMembers(db, { scopes, personId: null, underPath, year, kinds: ['gig_worker'] }) : []
      const indexes = await indexesOf(found.map((m) => ({ memberId: m.id, personId: m.personId })), year)
      const people = found.map((m) => ({ member: { id: m.id, name: m.person.name }, team: m.employerUnit, ...indexes.get(m.id)! })).sort((a, b) => b.index - a.index)
      const teams = new Map<string, { team: { id: string; name: string }; indexes: number[]; hours: number }>()
      for (const p of people) {
        if (!p.team) continue
        const t = teams.get(p.team.id) ?? { team: p.team, indexes: [], hours: 0 }
        t.indexes.push(p.index)
        t.hours += p.hours
        teams.set(p.team.id, t)
      }
      return {
        year,
        people,
        teams: [...teams.values()].map((t) => ({ team: t.team, members: t.indexes.length, hours: Math.round(t.hours * 10) / 10, index: teamIndex(t.indexes) })).sort((a, b) => b.index - a.index),
      }
    },
  }

  async function review(ctx: RequestContext, id: string, to: 'accepted' | 'returned', reason: string | null) {
    requireSignedIn(ctx.actor)
    const mine = await actingUnits(ctx)
    await db.transaction(async (tx) => {
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
    return service.getRegistration(ctx, id)
  }

  /** A card list filter: a node within the caller's cadre scope, or for others no filter at all. */
  async function filterNodeOrMine(ctx: RequestContext, id: string | undefined) {
    if (!id) return undefined
    const org = await repo.findOrg(db, id)
    if (!org) throw notFound('ORG_NOT_FOUND')
    return org.path
  }

  async function indexesOf(members: { memberId: string; personId: string }[], year: number) {
    const personIds = members.map((m) => m.personId)
    const memberIds = members.map((m) => m.memberId)
    const [hours, reports, services, ratings] = await Promise.all([
      personIds.length ? volunteers.hoursByPerson(personIds, year) : new Map<string, { hours: number; activities: number }>(),
      repo.verifiedReports(db, personIds, year),
      repo.claimCounts(db, memberIds, year),
      repo.cardRatings(db, memberIds, year),
    ])
    return new Map(members.map((m) => {
      const h = hours.get(m.personId)
      const record = { hours: Math.round((h?.hours ?? 0) * 10) / 10, activities: h?.activities ?? 0, services: services.get(m.memberId) ?? 0, reports: reports.get(m.personId) ?? 0, rating: ratings.get(m.memberId) ?? null }
      return [m.memberId, { ...record, index: pioneerIndex(record) }]
    }))
  }

  return service
}

export type MemberService = ReturnType<typeof createMemberService>
