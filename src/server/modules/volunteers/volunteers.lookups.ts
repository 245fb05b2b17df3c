// What the parts of the volunteers service share (volunteers.teams.ts, .activities.ts,
// .attendance.ts, .timebank.ts): its dependencies and clock, the checks of an area, team or
// activity named in a request, the presenters of rows, and the hours other modules read.
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { notFound, unprocessable } from '../../kernel/errors.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './volunteers.repository.ts'
import * as activitiesRepo from './volunteers.activities.repository.ts'
import type { AttendanceRow } from './volunteers.attendance.repository.ts'
import type { TimeBankEntryRow } from './volunteers.timebank.repository.ts'
import './volunteers.policy.ts'
import './volunteers.access.ts'

export interface VolunteerDeps {
  db: Executor
  notifications: Pick<NotificationService, 'notify'>
  points?: Pick<PointsService, 'award'>
  /**
   * The origin the check-in QR codes point at (PUBLIC_URL). Without it the code carries the path
   * only, which the organiser's screen completes with its own origin: never the request's Host
   * header, which a caller chooses and could point at a site of their own.
   */
  publicUrl?: string
  clock?: () => Date
}

export const AREA_KINDS = ['street', 'community', 'village', 'grid']
/** An organiser's clock may run a little behind the server's. */
export const CLOCK_SKEW_MS = 5 * 60_000

/** The calendar year in China (UTC+8). */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear()
}

export function phaseOf(a: { startsAt: string; endsAt: string }, now: Date): 'upcoming' | 'ongoing' | 'ended' {
  if (Date.parse(a.endsAt) <= now.getTime()) return 'ended'
  return Date.parse(a.startsAt) <= now.getTime() ? 'ongoing' : 'upcoming'
}

const presentMine = (m: activitiesRepo.ActivityRow['myAttendance']) =>
  m ? { status: m.status, checkedInAt: isoTime(m.checkedInAt), checkedOutAt: isoTime(m.checkedOutAt), hours: m.hours } : null

export const presentSignup = (s: activitiesRepo.SignupRow) => {
  const { personId: _p, ...rest } = s
  return {
    ...rest, skills: s.skills ?? [], signedUpAt: isoTime(s.signedUpAt)!, promotedAt: isoTime(s.promotedAt), cancelledAt: isoTime(s.cancelledAt),
    attendance: presentMine(s.attendance),
  }
}

export const presentAttendance = (a: AttendanceRow) => {
  const { personId: _p, signupId: _s, ...rest } = a
  return { ...rest, checkedInAt: isoTime(a.checkedInAt), checkedOutAt: isoTime(a.checkedOutAt) }
}

export const presentEntry = (e: TimeBankEntryRow) => {
  const { orgPath: _o, ...rest } = e
  return { ...rest, createdAt: isoTime(e.createdAt)! }
}

/** Checked-out hours per person in a China-time calendar year (by the activity's start), read with `ex`. */
export async function hoursByPerson(ex: Executor, personIds: string[], year: number): Promise<Map<string, ServiceHours>> {
  const found = await repo.hoursByPerson(ex, [...new Set(personIds)], year)
  return new Map(found.map((r) => [r.personId, { hours: r.hours, activities: r.activities, services: r.services, activityHours: r.activityHours, serviceHours: r.serviceHours }]))
}

/** A person's service hours of a year (repo.hoursByPerson): the total and its two parts. */
export interface ServiceHours {
  hours: number
  activities: number
  services: number
  activityHours: number
  serviceHours: number
}

/** A person's attendances at activities of a year, newest first (status: checked_in / checked_out / no_show). */
export async function serviceRecords(ex: Executor, personId: string, year: number) {
  return (await repo.serviceRecords(ex, personId, year)).map((r) => ({ ...r, startsAt: isoTime(r.startsAt)! }))
}

export function createVolunteerLookups(deps: VolunteerDeps) {
  const now = deps.clock ?? (() => new Date())

  const manages = (ctx: RequestContext, a: activitiesRepo.ActivityRow) => can(ctx.actor, 'activity.manage', { orgPath: a.orgPath, leadsTeam: a.iLeadTeam })

  return {
    db: deps.db,
    deps,
    now,
    manages,

    presentActivity(ctx: RequestContext, a: activitiesRepo.ActivityRow) {
      const { orgPath: _o, teamId: _t, venueId: _v, iLeadTeam: _l, checkinSecret: _s, ...rest } = a
      return {
        ...rest,
        startsAt: isoTime(a.startsAt)!,
        endsAt: isoTime(a.endsAt)!,
        createdAt: isoTime(a.createdAt)!,
        phase: phaseOf({ startsAt: isoTime(a.startsAt)!, endsAt: isoTime(a.endsAt)! }, now()),
        seatsLeft: Math.max(0, a.capacity - a.confirmed),
        distanceM: a.distanceM === null ? null : Math.round(a.distanceM),
        myAttendance: presentMine(a.myAttendance),
        canManage: manages(ctx, a),
      }
    },

    presentTeam(ctx: RequestContext, t: repo.TeamRow) {
      const canManage = can(ctx.actor, 'volunteerTeam.manage', { orgPath: t.orgPath, leadsTeam: t.myRole === 'leader' })
      const { orgPath: _o, ...rest } = t
      return {
        ...rest,
        createdAt: isoTime(t.createdAt)!,
        members: canManage ? t.members.map((m) => ({ ...m, skills: m.skills ?? [], joinedAt: isoTime(m.joinedAt)! })) : [],
        canManage,
      }
    },

    /**
     * A node the caller named in a query or body: 404 when it does not exist or the caller may not
     * see it, 403 when they see it but `permission` refuses.
     */
    async areaOf(ex: Executor, ctx: RequestContext, id: string, permission = 'org.read') {
      return requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission, entity: 'org', id })
    },

    requireAreaKind(org: OrgAccessSubject, code: 'VOLUNTEER_TEAM_ORG_KIND' | 'ACTIVITY_ORG_KIND') {
      if (!AREA_KINDS.includes(org.kind)) throw unprocessable(code, {}, [{ path: 'orgId', message: 'volunteers.orgKind' }])
    },

    /** A team named in a query or body (teams are public to everyone signed in): 404 when missing. */
    async requireTeam(ex: Executor, ctx: RequestContext, id: string) {
      await requireAccessOne(ex, ctx.actor, { permission: 'volunteerTeam.read', entity: 'volunteer_team', id })
      return (await repo.findTeam(ex, id, ctx.actor.personId))!
    },

    async loadActivity(ctx: RequestContext, ex: Executor, id: string, lock = false) {
      requireSignedIn(ctx.actor)
      const a = await activitiesRepo.findActivity(ex, id, ctx.actor.personId, lock)
      if (!a) throw notFound('ACTIVITY_NOT_FOUND')
      // Cancelled activities stay readable (those signed up need to know); both kinds are public to signed-in people.
      return a
    },

    async loadTeam(ctx: RequestContext, ex: Executor, id: string, lock = false) {
      requireSignedIn(ctx.actor)
      const t = await repo.findTeam(ex, id, ctx.actor.personId, lock)
      if (!t) throw notFound('VOLUNTEER_TEAM_NOT_FOUND')
      return t
    },

    requireManager(ctx: RequestContext, a: activitiesRepo.ActivityRow) {
      authorize(ctx.actor, 'activity.manage', { orgPath: a.orgPath, leadsTeam: a.iLeadTeam })
    },
  }
}

export type VolunteerLookups = ReturnType<typeof createVolunteerLookups>
