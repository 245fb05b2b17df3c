// Party members and their registration (报到) at the community where they live. This file holds
// the members themselves (list, read, register someone as a member, edit, who is behind the
// year's target) and composes the rest: introduction letters and registrations
// (members.registrations.ts), posts and claims (members.posts.ts), yearly targets and reminders
// (members.targets.ts), feedback cards (members.cards.ts), the ledgers (members.ledgers.ts), and
// the public walls and pioneer index (members.walls.ts). Hours come from the volunteers service,
// units from the units service, org lookups from the orgs service.
import type { RequestContext } from '../../kernel/context.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, notFound } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import * as repo from './members.repository.ts'
import { chinaYear, createMemberLookups, presentMember, type MemberDeps } from './members.lookups.ts'
import { createRegistrations } from './members.registrations.ts'
import { createPosts } from './members.posts.ts'
import { createTargets } from './members.targets.ts'
import { createCards } from './members.cards.ts'
import { createLedgers } from './members.ledgers.ts'
import { createWalls } from './members.walls.ts'
import type { MemberCreate, MembersQuery, MemberUpdate } from './members.schemas.ts'

export type { UnitLookup, VolunteerRecords } from './members.lookups.ts'

export function createMemberService(deps: MemberDeps) {
  const l = createMemberLookups(deps)
  const { db, now, cadreScopes, actingUnits, filterNode, withProgress, loadMember, communityFor, employerFor, progressInScope } = l

  const members = {
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
      const id = await inTransaction(db, async (tx) => {
        const c = await communityFor(ctx, tx, input.communityId, 'member.create')
        await requireAccessOne(tx, ctx.actor, { permission: 'person.manage', entity: 'person', id: input.personId })
        const employerUnitId = input.employerUnitId ? (await employerFor(ctx, tx, input.employerUnitId)).id : null
        if (await repo.memberExistsFor(tx, input.personId)) throw conflict('MEMBER_EXISTS', {}, [{ path: 'personId', message: 'members.personAlreadyMember' }])
        const memberId = await repo.insertMember(tx, { personId: input.personId, partyOrgName: input.partyOrgName, kind: input.kind, employerUnitId, communityId: c.id, joinedOn: input.joinedOn ?? null })
        await recordAudit(tx, ctx, { action: 'member.create', entity: 'party_member', entityId: memberId, orgPath: c.path, after: { ...input, employerUnitId } })
        return memberId
      })
      return members.get(ctx, id)
    },

    async update(ctx: RequestContext, id: string, input: MemberUpdate) {
      requireSignedIn(ctx.actor)
      const ownFieldsOnly = Object.keys(input).every((k) => k === 'publicWalls' || k === 'commitment')
      await inTransaction(db, async (tx) => {
        const m = await loadMember(ctx, tx, id, chinaYear(now()), ownFieldsOnly ? 'member.editOwn' : 'member.manage')
        const employerUnitId = input.employerUnitId ? (await employerFor(ctx, tx, input.employerUnitId)).id : input.employerUnitId
        const set = { ...input, employerUnitId, publicWalls: input.publicWalls ? [...new Set(input.publicWalls)] : undefined }
        await repo.updateMember(tx, id, set)
        const before = { partyOrgName: m.partyOrgName, kind: m.kind, employerUnitId: m.employerUnitId, publicWalls: m.publicWalls, commitment: m.commitment }
        await recordAudit(tx, ctx, { action: 'member.update', entity: 'party_member', entityId: id, orgPath: m.communityPath, before, after: { ...before, ...Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) } })
      })
      return members.get(ctx, id)
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
  }

  return {
    ...members,
    ...createRegistrations(l),
    ...createPosts(l),
    ...createTargets(l),
    ...createCards(l),
    ...createLedgers(l),
    ...createWalls(l),
  }
}

export type MemberService = ReturnType<typeof createMemberService>
