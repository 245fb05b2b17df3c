// What the parts of the members service share (members.registrations.ts, .posts.ts, .targets.ts,
// .cards.ts, .ledgers.ts, .walls.ts): its dependencies, the China-time calendar, a member's
// progress against the year's target, and the checks of a member or community named in a request.
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { LEVEL, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { OrgService } from '../orgs/orgs.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './members.repository.ts'
import type { Progress } from './members.schemas.ts'
import './members.policy.ts'
import './members.access.ts'
import '../files/files.access.ts'

/** What this module needs of the units service (see the interfaces between the modules). */
export interface UnitLookup {
  idsOf(ex: Executor, personId: string): Promise<string[]>
}

/** What this module needs of the volunteers service: hours and records, read with the caller's executor. */
export interface VolunteerRecords {
  hoursByPerson(ex: Executor, personIds: string[], year: number): Promise<Map<string, { hours: number; activities: number; services: number }>>
  serviceRecords(ex: Executor, personId: string, year: number): Promise<{ kind: 'activity' | 'service'; activityId: string | null; title: string; orgName: string; startsAt: string; hours: number; status: string }[]>
}

export interface MemberDeps {
  db: Executor
  notifications: Pick<NotificationService, 'notify' | 'notifyEach'>
  orgs: Pick<OrgService, 'findRef' | 'resolveFilter'>
  units: UnitLookup
  volunteers: VolunteerRecords
  clock?: () => Date
}

export type Hours = Map<string, { hours: number; activities: number; services: number }>

export const COMMUNITY_KINDS = ['community', 'village']
export const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
export const chinaYear = (at: Date) => Number(chinaDate(at).slice(0, 4))
export const STATUS_ZH = { submitted: '待审核', returned: '已退回', accepted: '已接收' } as const
export const CARD_STATUS_ZH = { draft: '待审核', reviewed: '已审核', sent: '已发送' } as const
export const KIND_ZH = { regular: '普通党员', in_service: '在职党员', retired: '离退休党员', gig_worker: '新就业群体党员', flowing: '流动党员' } as const

export function progressOf(m: repo.MemberRow, year: number, hours: { hours: number; activities: number; services: number } | undefined): Progress {
  const h = Math.round((hours?.hours ?? 0) * 10) / 10
  const minHours = Number(m.minHours)
  return {
    year, hours: h, activities: hours?.activities ?? 0, services: hours?.services ?? 0, projects: m.projects, posts: m.posts,
    minHours, minProjects: m.minProjects, met: h >= minHours && m.projects >= m.minProjects,
  }
}

export function presentMember(m: repo.MemberRow, year: number, hours: Hours) {
  return {
    id: m.id, person: m.person, partyOrgName: m.partyOrgName, kind: m.kind, employerUnit: m.employerUnit, community: m.community,
    joinedOn: m.joinedOn, publicWalls: m.publicWalls, commitment: m.commitment, registrationStatus: m.registrationStatus,
    progress: progressOf(m, year, hours.get(m.personId)), createdAt: isoTime(m.createdAt)!,
  }
}

export function createMemberLookups(deps: MemberDeps) {
  const { db, orgs, units, volunteers } = deps
  const now = deps.clock ?? (() => new Date())
  const cadreScopes = (ctx: RequestContext) => scopeParam(scopesOf(ctx.actor, LEVEL.cadre))

  /** A node the caller filters by: it must overlap what they may see as a cadre (orgs.resolveFilter). */
  async function filterNode(ctx: RequestContext, id: string | undefined) {
    return (await orgs.resolveFilter(db, ctx, id, LEVEL.cadre))?.path
  }

  return {
    db,
    deps,
    now,
    cadreScopes,
    filterNode,

    /** The units the caller acts for; looked up before any transaction opens. */
    actingUnits: (ctx: RequestContext) => (ctx.actor.personId ? units.idsOf(db, ctx.actor.personId) : Promise.resolve([])),

    async withProgress(found: repo.MemberRow[], year: number) {
      const hours: Hours = found.length ? await volunteers.hoursByPerson(db, found.map((m) => m.personId), year) : new Map()
      return (m: repo.MemberRow) => presentMember(m, year, hours)
    },

    /**
     * A member, wherever the id arrived, on whom the caller may do `permission` (kernel/access.ts
     * with the 'member' loader): one they may not read answers 404, one they may read but not act
     * on 403, or 404 too with `hide`.
     */
    async loadMember(ctx: RequestContext, ex: Executor, id: string, year = chinaYear(now()), permission = 'member.read', hide = false) {
      await requireAccessOne(ex, ctx.actor, { permission, entity: 'member', id, hide })
      const m = await repo.findMember(ex, id, year)
      if (!m) throw notFound('MEMBER_NOT_FOUND')
      return m
    },

    /** A community named in a request, on which the caller may do `permission`. */
    async communityFor(ctx: RequestContext, ex: Executor, id: string, permission: string) {
      const org = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission, entity: 'org', id })
      if (!COMMUNITY_KINDS.includes(org.kind)) throw unprocessable('MEMBER_COMMUNITY_KIND', {}, [{ path: 'communityId', message: 'members.communityRequired' }])
      return org
    },

    /** A unit named in a request as an employer: one the caller may see, else 404 (units.access.ts, `employer_unit`: anywhere in the city). */
    employerFor: (ctx: RequestContext, ex: Executor, id: string) =>
      requireAccessOne<{ id: string }>(ex, ctx.actor, { permission: 'unit.employ', entity: 'employer_unit', hide: true, id }),

    /** A live org node by id (no permission check: the caller decides what it may learn of it); 404 when missing. */
    async existingOrg(ex: Executor, id: string) {
      const org = await orgs.findRef(ex, id)
      if (!org) throw notFound('ORG_NOT_FOUND')
      return org
    },

    /** Everyone in scope with their progress (one hours query for all of them). */
    async progressInScope(ctx: RequestContext, q: { communityId?: string; year?: number; kinds?: repo.MemberFilter['kinds'] }) {
      const year = q.year ?? chinaYear(now())
      const underPath = await filterNode(ctx, q.communityId)
      const scopes = cadreScopes(ctx)
      const found = scopes ? await repo.searchMembers(db, { scopes, personId: null, underPath, year, kinds: q.kinds }) : []
      const hours: Hours = found.length ? await volunteers.hoursByPerson(db, found.map((m) => m.personId), year) : new Map()
      return { year, found, hours }
    },
  }
}

export type MemberLookups = ReturnType<typeof createMemberLookups>
