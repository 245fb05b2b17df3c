// Volunteers (志愿者 / 志愿服务队): profiles and teams, activities with sign-ups and a waitlist,
// check-in / check-out by a rotating QR code or an organiser's confirmation, hours (which roll up
// to members' yearly targets through `hoursByPerson`) and the time bank.
import { randomBytes } from 'node:crypto'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, isAncestorOrSelf, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import { z } from 'zod'
import { toWgs84 } from '../geo/geo.service.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { PointsService } from '../points/points.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './volunteers.repository.ts'
import { attendanceHours, checkInCode, CODE_WINDOW_SEC, codeWindow, verifyCheckInCode } from './volunteers.rules.ts'
import type {
  ActivitiesQuery, ActivityCreate, ActivityUpdate, AttendanceConfirm, SignupsQuery, TeamCreate, TeamMemberAdd, TeamsQuery,
  TeamUpdate, TimeBankEntryCreate, VolunteerProfileUpdate, VolunteersQuery,
} from './volunteers.schemas.ts'
import './volunteers.policy.ts'
import './volunteers.access.ts'

const AREA_KINDS = ['street', 'community', 'village', 'grid']
/** Check-in opens an hour before the start; check-out by code closes 12 hours after the end. */
const CHECK_IN_OPENS_MS = 3_600_000
const CHECK_OUT_CLOSES_MS = 12 * 3_600_000
const CLOCK_SKEW_MS = 5 * 60_000

/** The calendar year in China (UTC+8). */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear()
}


const keyCursor = z.object({ k: z.string().max(60), id: z.string().regex(/^\d+$/) })

function phaseOf(a: { startsAt: string; endsAt: string }, now: Date): 'upcoming' | 'ongoing' | 'ended' {
  if (Date.parse(a.endsAt) <= now.getTime()) return 'ended'
  return Date.parse(a.startsAt) <= now.getTime() ? 'ongoing' : 'upcoming'
}

const presentMine = (m: repo.ActivityRow['myAttendance']) =>
  m ? { status: m.status, checkedInAt: isoTime(m.checkedInAt), checkedOutAt: isoTime(m.checkedOutAt), hours: m.hours } : null

export function createVolunteerService(deps: {
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
}) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())

  const manages = (ctx: RequestContext, a: repo.ActivityRow) => can(ctx.actor, 'activity.manage', { orgPath: a.orgPath, leadsTeam: a.iLeadTeam })

  function presentActivity(ctx: RequestContext, a: repo.ActivityRow) {
    const { orgPath: _o, teamId: _t, iLeadTeam: _l, checkinSecret: _s, ...rest } = a
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
  }

  function presentTeam(ctx: RequestContext, t: repo.TeamRow) {
    const canManage = can(ctx.actor, 'volunteerTeam.manage', { orgPath: t.orgPath, leadsTeam: t.myRole === 'leader' })
    const { orgPath: _o, ...rest } = t
    return {
      ...rest,
      createdAt: isoTime(t.createdAt)!,
      members: canManage ? t.members.map((m) => ({ ...m, skills: m.skills ?? [], joinedAt: isoTime(m.joinedAt)! })) : [],
      canManage,
    }
  }

  const presentSignup = (s: repo.SignupRow) => {
    const { personId: _p, ...rest } = s
    return {
      ...rest, skills: s.skills ?? [], signedUpAt: isoTime(s.signedUpAt)!, promotedAt: isoTime(s.promotedAt), cancelledAt: isoTime(s.cancelledAt),
      attendance: presentMine(s.attendance),
    }
  }

  const presentAttendance = (a: repo.AttendanceRow) => {
    const { personId: _p, signupId: _s, ...rest } = a
    return { ...rest, checkedInAt: isoTime(a.checkedInAt), checkedOutAt: isoTime(a.checkedOutAt) }
  }

  const presentEntry = (e: repo.TimeBankEntryRow) => {
    const { orgPath: _o, ...rest } = e
    return { ...rest, createdAt: isoTime(e.createdAt)! }
  }

  /**
   * A node the caller named in a query or body: 404 when it does not exist or the caller may not
   * see it, 403 when they see it but `permission` refuses.
   */
  async function areaOf(ex: Executor, ctx: RequestContext, id: string, permission = 'org.read') {
    return requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission, entity: 'org', id })
  }

  function requireAreaKind(org: OrgAccessSubject, code: 'VOLUNTEER_TEAM_ORG_KIND' | 'ACTIVITY_ORG_KIND') {
    if (!AREA_KINDS.includes(org.kind)) throw unprocessable(code, {}, [{ path: 'orgId', message: 'volunteers.orgKind' }])
  }

  /** A team named in a query or body (teams are public to everyone signed in): 404 when missing. */
  async function requireTeam(ex: Executor, ctx: RequestContext, id: string) {
    await requireAccessOne(ex, ctx.actor, { permission: 'volunteerTeam.read', entity: 'volunteer_team', id })
    return (await repo.findTeam(ex, id, ctx.actor.personId))!
  }

  async function loadActivity(ctx: RequestContext, ex: Executor, id: string, lock = false) {
    requireSignedIn(ctx.actor)
    const a = await repo.findActivity(ex, id, ctx.actor.personId, lock)
    if (!a) throw notFound('ACTIVITY_NOT_FOUND')
    // Cancelled activities stay readable (those signed up need to know); both kinds are public to signed-in people.
    return a
  }

  async function loadTeam(ctx: RequestContext, ex: Executor, id: string, lock = false) {
    requireSignedIn(ctx.actor)
    const t = await repo.findTeam(ex, id, ctx.actor.personId, lock)
    if (!t) throw notFound('VOLUNTEER_TEAM_NOT_FOUND')
    return t
  }

  function requireManager(ctx: RequestContext, a: repo.ActivityRow) {
    authorize(ctx.actor, 'activity.manage', { orgPath: a.orgPath, leadsTeam: a.iLeadTeam })
  }

  /** Checks an activity's values (times, team, skill needs) as they will be stored. */
  async function activityValues(ex: Executor, ctx: RequestContext, org: { id: string; path: string }, v: {
    teamId: string | null; title: string; description: string; place: string; location: [number, number]
    startsAt: string; endsAt: string; capacity: number; skillNeeds: { skill: string; count: number }[]; maxHours: number | null
  }, isNew: boolean): Promise<repo.ActivityValues> {
    const start = Date.parse(v.startsAt)
    const end = Date.parse(v.endsAt)
    const timeError = (reason: string, path: string) => unprocessable('ACTIVITY_TIME_INVALID', { reason }, [{ path, message: reason }])
    if (end <= start) throw timeError('结束时间须晚于开始时间', 'endsAt')
    if (end - start > 3 * 24 * 3_600_000) throw timeError('一次活动最长 3 天', 'endsAt')
    if (isNew && start < now().getTime() - CLOCK_SKEW_MS) throw timeError('开始时间不能早于现在', 'startsAt')
    const needed = v.skillNeeds.reduce((s, n) => s + n.count, 0)
    if (needed > v.capacity) throw unprocessable('ACTIVITY_SKILL_NEEDS_EXCEED', { capacity: v.capacity }, [{ path: 'skillNeeds', message: 'volunteers.skillNeedsExceed', params: { needed, capacity: v.capacity } }])
    if (new Set(v.skillNeeds.map((n) => n.skill)).size !== v.skillNeeds.length) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'skillNeeds', message: 'volunteers.skillRepeated' }])
    if (v.teamId) {
      const team = await requireTeam(ex, ctx, v.teamId)
      // A team serves its own area and the areas below it; a team of a grid cannot run a street-wide activity.
      if (!(org.path === team.orgPath || org.path.startsWith(team.orgPath + '.') || team.orgPath.startsWith(org.path + '.'))) {
        throw unprocessable('ACTIVITY_TEAM_OUTSIDE', {}, [{ path: 'teamId', message: 'volunteers.teamBelongsTo', params: { org: team.org.name } }])
      }
    }
    return { ...v, orgId: org.id, startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() }
  }

  async function awardHours(tx: Executor, attendanceId: string, personId: string, a: repo.ActivityRow, hours: number) {
    if (!deps.points || hours <= 0) return null
    try {
      // Two rules pay for one attendance: per service hour, and once per completed activity.
      const perHour = await deps.points.award(tx, {
        ruleCode: 'volunteer_hour', personId, quantity: hours, idempotencyKey: `volunteer_attendance:${attendanceId}`, orgId: a.org.id,
        memo: `志愿服务：${a.title}（${hours} 小时）`,
      })
      const perActivity = await deps.points.award(tx, {
        ruleCode: 'activity_completed', personId, quantity: 1, idempotencyKey: `activity_completed:${attendanceId}`, orgId: a.org.id,
        memo: `完成志愿活动：${a.title}`,
      })
      if (!perHour && !perActivity) return null
      return { points: (perHour?.points ?? 0) + (perActivity?.points ?? 0) }
    } catch (err) {
      // An area with no issuing account pays no points; the hours still count (the audit says points: null).
      if (err instanceof AppError && err.code === 'ORG_NOT_FOUND') return null
      throw err
    }
  }

  async function notifyPromoted(tx: Executor, a: repo.ActivityRow, promoted: { personId: string }[]) {
    if (promoted.length === 0) return
    await deps.notifications.notify(tx, {
      personIds: promoted.map((p) => p.personId), kind: 'activity_promoted',
      title: `候补转正：您已获得“${a.title}”的名额`, body: `${a.place}，请按时到场签到`, link: { activityId: a.id },
    })
  }

  const service = {
    // ---- the interface other modules read ----

    /** Checked-out hours per person in a China-time calendar year (by the activity's start). */
    async hoursByPerson(personIds: string[], year: number): Promise<Map<string, { hours: number; activities: number }>> {
      const found = await repo.hoursByPerson(db, [...new Set(personIds)], year)
      return new Map(found.map((r) => [r.personId, { hours: r.hours, activities: r.activities }]))
    },

    /** A person's attendances at activities of a year, newest first (status: checked_in / checked_out / no_show). */
    async serviceRecords(personId: string, year: number) {
      return (await repo.serviceRecords(db, personId, year)).map((r) => ({ ...r, startsAt: isoTime(r.startsAt)! }))
    },

    // ---- volunteers ----

    async me(ctx: RequestContext, year = chinaYear(now())) {
      requireSignedIn(ctx.actor)
      authorize(ctx.actor, 'activity.take', {})
      const personId = ctx.actor.personId!
      const v = (await repo.findVolunteer(db, personId))!
      const hours = (await service.hoursByPerson([personId], year)).get(personId)
      return {
        person: { id: v.personId, name: v.name }, isVolunteer: v.isVolunteer, skills: v.skills ?? [], intro: v.intro,
        teams: await repo.teamsOf(db, personId), year, hours: hours?.hours ?? 0, activities: hours?.activities ?? 0,
        noShows: await repo.noShowCount(db, personId, year), records: await service.serviceRecords(personId, year),
      }
    },

    async updateMe(ctx: RequestContext, input: VolunteerProfileUpdate) {
      authorize(ctx.actor, 'activity.take', {})
      const personId = ctx.actor.personId!
      await db.transaction(async (tx) => {
        const before = await repo.findVolunteer(tx, personId)
        const skills = [...new Set(input.skills)]
        await repo.upsertVolunteer(tx, personId, skills, input.intro)
        await recordAudit(tx, ctx, {
          action: before?.isVolunteer ? 'volunteer.update' : 'volunteer.create', entity: 'volunteer', entityId: personId, orgPath: null,
          before: before?.isVolunteer ? { skills: before.skills, intro: before.intro } : null, after: { skills, intro: input.intro ?? before?.intro ?? null },
        })
      })
      return service.me(ctx)
    },

    async listVolunteers(ctx: RequestContext, q: VolunteersQuery) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await areaOf(db, ctx, q.orgId)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchVolunteers(db, {
        scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), underPath, year: q.year ?? chinaYear(now()), afterId: after?.id, limit: q.limit,
      })
      return toPage(found, q.limit, (v) => ({ ...v, skills: v.skills ?? [] }), (v) => ({ id: v.person.id }))
    },

    // ---- teams ----

    async listTeams(ctx: RequestContext, q: TeamsQuery) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await areaOf(db, ctx, q.orgId)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchTeams(db, { personId: ctx.actor.personId, underPath, function: q.function, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, (t) => presentTeam(ctx, t), (t) => ({ id: t.id }))
    },

    async getTeam(ctx: RequestContext, id: string) {
      return presentTeam(ctx, await loadTeam(ctx, db, id))
    },

    async createTeam(ctx: RequestContext, input: TeamCreate) {
      requireSignedIn(ctx.actor)
      return db.transaction(async (tx) => {
        const org = await areaOf(tx, ctx, input.orgId, 'volunteerTeam.create')
        requireAreaKind(org, 'VOLUNTEER_TEAM_ORG_KIND')
        if (await repo.teamNameTaken(tx, org.id, input.name)) throw conflict('VOLUNTEER_TEAM_NAME_TAKEN', {}, [{ path: 'name', message: 'volunteers.teamNameTaken' }])
        const skills = [...new Set(input.skills)]
        const id = await repo.insertTeam(tx, { orgId: org.id, name: input.name, function: input.function, skills, description: input.description ?? null })
        await recordAudit(tx, ctx, { action: 'volunteer_team.create', entity: 'volunteer_team', entityId: id, orgPath: org.path, after: { ...input, skills } })
        return presentTeam(ctx, (await repo.findTeam(tx, id, ctx.actor.personId))!)
      })
    },

    async updateTeam(ctx: RequestContext, id: string, input: TeamUpdate) {
      return db.transaction(async (tx) => {
        const team = await loadTeam(ctx, tx, id, true)
        authorize(ctx.actor, 'volunteerTeam.manage', { orgPath: team.orgPath, leadsTeam: team.myRole === 'leader' })
        if (input.name && (await repo.teamNameTaken(tx, team.org.id, input.name, id))) throw conflict('VOLUNTEER_TEAM_NAME_TAKEN', {}, [{ path: 'name', message: 'volunteers.teamNameTaken' }])
        const skills = input.skills ? [...new Set(input.skills)] : undefined
        await repo.updateTeam(tx, id, { ...input, skills })
        const after = (await repo.findTeam(tx, id, ctx.actor.personId))!
        const pick = (t: repo.TeamRow) => ({ name: t.name, function: t.function, skills: t.skills, description: t.description })
        await recordAudit(tx, ctx, { action: 'volunteer_team.update', entity: 'volunteer_team', entityId: id, orgPath: team.orgPath, before: pick(team), after: pick(after) })
        return presentTeam(ctx, after)
      })
    },

    /** Joining (no personId) or a manager adding someone; only the area's staff name leaders. */
    async addTeamMember(ctx: RequestContext, teamId: string, input: TeamMemberAdd) {
      authorize(ctx.actor, 'activity.take', {})
      return db.transaction(async (tx) => {
        const team = await loadTeam(ctx, tx, teamId, true)
        const personId = input.personId ?? ctx.actor.personId!
        const self = personId === ctx.actor.personId
        if (!self || input.role === 'leader') {
          authorize(ctx.actor, input.role === 'leader' ? 'volunteerTeam.create' : 'volunteerTeam.manage', { orgPath: team.orgPath, leadsTeam: team.myRole === 'leader' })
        }
        // Someone else is added only from the caller's own area; anyone further away answers as one who does not exist.
        if (!self) await requireAccess(tx, ctx.actor, { permission: 'volunteer.person.reach', entity: 'volunteer_person', ids: [personId], hide: true })
        await repo.ensureVolunteer(tx, personId)
        if (!(await repo.addTeamMember(tx, teamId, personId, input.role))) throw conflict('VOLUNTEER_TEAM_ALREADY_MEMBER')
        await recordAudit(tx, ctx, { action: 'volunteer_team.member_add', entity: 'volunteer_team', entityId: teamId, orgPath: team.orgPath, after: { personId, role: input.role } })
        return presentTeam(ctx, (await repo.findTeam(tx, teamId, ctx.actor.personId))!)
      })
    },

    /** Leaving (one's own id) or a manager removing a member. */
    async removeTeamMember(ctx: RequestContext, teamId: string, personId: string) {
      authorize(ctx.actor, 'activity.take', {})
      await db.transaction(async (tx) => {
        const team = await loadTeam(ctx, tx, teamId, true)
        if (personId !== ctx.actor.personId) authorize(ctx.actor, 'volunteerTeam.manage', { orgPath: team.orgPath, leadsTeam: team.myRole === 'leader' })
        if (!(await repo.removeTeamMember(tx, teamId, personId))) throw notFound('VOLUNTEER_TEAM_MEMBER_NOT_FOUND')
        await recordAudit(tx, ctx, { action: 'volunteer_team.member_remove', entity: 'volunteer_team', entityId: teamId, orgPath: team.orgPath, before: { personId } })
      })
    },

    // ---- activities ----

    async listActivities(ctx: RequestContext, q: ActivitiesQuery) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await areaOf(db, ctx, q.orgId)).path : undefined
      if (q.teamId) await requireTeam(db, ctx, q.teamId)
      const near = q.nearLng !== undefined && q.nearLat !== undefined ? { lng: q.nearLng, lat: q.nearLat }
        : q.nearHome && ctx.actor.personId ? await repo.homePoint(db, ctx.actor.personId) : undefined
      const after = decodeCursor(q.cursor, keyCursor)
      const found = await repo.searchActivities(db, {
        personId: ctx.actor.personId, scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), underPath, teamId: q.teamId, when: q.when,
        status: q.status, mine: q.mine !== undefined, near, now: now().toISOString(), after, limit: q.limit,
      })
      return toPage(found, q.limit, (a) => presentActivity(ctx, a), (a) => ({ k: near ? String(a.distanceM) : isoTime(a.startsAt)!, id: a.id }))
    },

    async getActivity(ctx: RequestContext, id: string) {
      return presentActivity(ctx, await loadActivity(ctx, db, id))
    },

    async createActivity(ctx: RequestContext, input: ActivityCreate) {
      requireSignedIn(ctx.actor)
      return db.transaction(async (tx) => {
        const org = await areaOf(tx, ctx, input.orgId)
        if (input.teamId) await requireTeam(tx, ctx, input.teamId)
        const leadsTeam = input.teamId ? await repo.leadsTeam(tx, input.teamId, ctx.actor.personId) : false
        authorize(ctx.actor, 'activity.manage', { orgPath: org.path, leadsTeam })
        requireAreaKind(org, 'ACTIVITY_ORG_KIND')
        // A team leader who is not staff there runs activities in the team's own area only.
        if (!can(ctx.actor, 'activity.create', { orgPath: org.path })) {
          const team = (await repo.findTeam(tx, input.teamId!, ctx.actor.personId))!
          if (!isAncestorOrSelf(team.orgPath, org.path)) throw forbidden()
        }
        const values = await activityValues(tx, ctx, org, {
          teamId: input.teamId ?? null, title: input.title, description: input.description ?? '', place: input.place,
          location: toWgs84(input.location.lng, input.location.lat, input.crs ?? 'wgs84'), startsAt: input.startsAt, endsAt: input.endsAt,
          capacity: input.capacity, skillNeeds: input.skillNeeds ?? [], maxHours: input.maxHours ?? null,
        }, true)
        const id = await repo.insertActivity(tx, { ...values, checkinSecret: randomBytes(32).toString('hex'), createdBy: ctx.actor.personId })
        await recordAudit(tx, ctx, { action: 'activity.create', entity: 'activity', entityId: id, orgPath: org.path, after: { ...values } })
        return presentActivity(ctx, (await repo.findActivity(tx, id, ctx.actor.personId))!)
      })
    },

    async updateActivity(ctx: RequestContext, id: string, input: ActivityUpdate) {
      return db.transaction(async (tx) => {
        const a = await loadActivity(ctx, tx, id, true)
        requireManager(ctx, a)
        if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
        if (phaseOf({ startsAt: isoTime(a.startsAt)!, endsAt: isoTime(a.endsAt)! }, now()) === 'ended') throw conflict('ACTIVITY_ENDED', { action: '修改' })
        const org = { id: a.org.id, path: a.orgPath }
        const location = input.location ? toWgs84(input.location.lng, input.location.lat, input.crs ?? 'wgs84') : [a.location.lng, a.location.lat] as [number, number]
        const values = await activityValues(tx, ctx, org, {
          teamId: input.teamId === undefined ? a.teamId : input.teamId, title: input.title ?? a.title, description: input.description ?? a.description,
          place: input.place ?? a.place, location, startsAt: input.startsAt ?? isoTime(a.startsAt)!, endsAt: input.endsAt ?? isoTime(a.endsAt)!,
          capacity: input.capacity ?? a.capacity, skillNeeds: input.skillNeeds ?? a.skillNeeds.map(({ skill, count }) => ({ skill, count })),
          maxHours: input.maxHours === undefined ? a.maxHours : input.maxHours,
        }, input.startsAt !== undefined)
        if (values.capacity < a.confirmed) throw unprocessable('ACTIVITY_CAPACITY_BELOW_CONFIRMED', { confirmed: a.confirmed }, [{ path: 'capacity', message: 'volunteers.capacityAtLeast', params: { confirmed: a.confirmed } }])
        const { orgId: _org, ...changes } = values
        await repo.updateActivity(tx, id, changes)
        // More seats: the waitlist moves up in the same transaction.
        const promoted = await repo.promoteWaitlisted(tx, id, values.capacity - a.confirmed, now().toISOString())
        await notifyPromoted(tx, a, promoted)
        const after = (await repo.findActivity(tx, id, ctx.actor.personId))!
        const pick = (r: repo.ActivityRow) => ({ title: r.title, place: r.place, startsAt: isoTime(r.startsAt), endsAt: isoTime(r.endsAt), capacity: r.capacity, maxHours: r.maxHours, teamId: r.teamId, location: r.location })
        await recordAudit(tx, ctx, { action: 'activity.update', entity: 'activity', entityId: id, orgPath: a.orgPath, before: pick(a), after: { ...pick(after), promoted: promoted.map((p) => p.personId) } })
        return presentActivity(ctx, after)
      })
    },

    async cancelActivity(ctx: RequestContext, id: string, reason: string) {
      return db.transaction(async (tx) => {
        const a = await loadActivity(ctx, tx, id, true)
        requireManager(ctx, a)
        if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
        if (phaseOf({ startsAt: isoTime(a.startsAt)!, endsAt: isoTime(a.endsAt)! }, now()) === 'ended') throw conflict('ACTIVITY_ENDED', { action: '取消' })
        await repo.cancelActivity(tx, id, reason)
        const signups = await repo.searchSignups(tx, { activityId: id, limit: 1000 })
        const told = signups.filter((s) => s.status !== 'cancelled').map((s) => s.personId)
        if (told.length) await deps.notifications.notify(tx, { personIds: told, kind: 'activity_cancelled', title: `活动取消：${a.title}`, body: reason, link: { activityId: id } })
        await recordAudit(tx, ctx, { action: 'activity.cancel', entity: 'activity', entityId: id, orgPath: a.orgPath, before: { status: a.status }, after: { status: 'cancelled', reason } })
        return presentActivity(ctx, (await repo.findActivity(tx, id, ctx.actor.personId))!)
      })
    },

    // ---- sign-ups ----

    async listSignups(ctx: RequestContext, id: string, q: SignupsQuery) {
      const a = await loadActivity(ctx, db, id)
      requireManager(ctx, a)
      const after = decodeCursor(q.cursor, keyCursor)
      const found = await repo.searchSignups(db, { activityId: id, status: q.status, after, limit: q.limit })
      return toPage(found, q.limit, presentSignup, (s) => ({ k: isoTime(s.signedUpAt)!, id: s.id }))
    },

    /**
     * Signs the caller up: a seat while there is one, else the end of the waitlist. The activity
     * row is locked first, so two people taking the last seat at once get one seat and one wait.
     */
    async signUp(ctx: RequestContext, id: string) {
      authorize(ctx.actor, 'activity.take', {})
      const personId = ctx.actor.personId!
      return db.transaction(async (tx) => {
        const a = await loadActivity(ctx, tx, id, true)
        if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
        if (Date.parse(isoTime(a.startsAt)!) <= now().getTime()) throw conflict('ACTIVITY_STARTED', { action: '报名' })
        if (a.mySignup && a.mySignup.status !== 'cancelled') throw conflict('ACTIVITY_ALREADY_SIGNED_UP', {}, { status: a.mySignup.status })
        await repo.ensureVolunteer(tx, personId)
        const status = a.confirmed < a.capacity ? 'confirmed' : 'waitlisted'
        const signupId = await repo.upsertSignup(tx, id, personId, status, now().toISOString())
        await recordAudit(tx, ctx, { action: 'activity.sign_up', entity: 'activity_signup', entityId: signupId, orgPath: a.orgPath, after: { activityId: id, personId, status } })
        return presentSignup((await repo.findSignup(tx, id, signupId))!)
      })
    },

    /** Cancels a sign-up (one's own, or by an organiser); a freed seat goes to the first on the waitlist. */
    async cancelSignup(ctx: RequestContext, id: string, signupId: string) {
      requireSignedIn(ctx.actor)
      return db.transaction(async (tx) => {
        const a = await loadActivity(ctx, tx, id, true)
        const s = await repo.findSignup(tx, id, signupId)
        if (!s || (s.personId !== ctx.actor.personId && !manages(ctx, a))) throw notFound('ACTIVITY_SIGNUP_NOT_FOUND')
        if (s.status === 'cancelled') throw conflict('ACTIVITY_SIGNUP_CANCELLED')
        if (s.attendance) throw conflict('ACTIVITY_SIGNUP_ATTENDED')
        if (Date.parse(isoTime(a.startsAt)!) <= now().getTime() && a.status !== 'cancelled') throw conflict('ACTIVITY_STARTED', { action: '取消报名' })
        const at = now().toISOString()
        await repo.cancelSignup(tx, signupId, at)
        const promoted = s.status === 'confirmed' && a.status === 'published' ? await repo.promoteWaitlisted(tx, id, 1, at) : []
        await notifyPromoted(tx, a, promoted)
        await recordAudit(tx, ctx, {
          action: 'activity.cancel_signup', entity: 'activity_signup', entityId: signupId, orgPath: a.orgPath,
          before: { status: s.status }, after: { status: 'cancelled', promoted: promoted.map((p) => p.personId) },
        })
        return presentSignup((await repo.findSignup(tx, id, signupId))!)
      })
    },

    // ---- check-in ----

    async checkInCode(ctx: RequestContext, id: string) {
      const a = await loadActivity(ctx, db, id)
      requireManager(ctx, a)
      if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
      const at = now()
      const window = codeWindow(at)
      const code = checkInCode(a.checkinSecret, a.id, window)
      const url = `${deps.publicUrl ?? ''}/h5/checkin?activity=${a.id}&code=${encodeURIComponent(code)}`
      return {
        activityId: a.id, code, url, svg: await (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
        expiresAt: new Date((window + 1) * CODE_WINDOW_SEC * 1000).toISOString(), windowSec: CODE_WINDOW_SEC,
      }
    },

    async checkIn(ctx: RequestContext, id: string, code: string) {
      return attend(ctx, id, code, 'in')
    },

    async checkOut(ctx: RequestContext, id: string, code: string) {
      return attend(ctx, id, code, 'out')
    },

    async listAttendance(ctx: RequestContext, id: string, q: { status?: string; cursor?: string; limit: number }) {
      const a = await loadActivity(ctx, db, id)
      requireManager(ctx, a)
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchAttendances(db, { activityId: id, status: q.status, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, presentAttendance, (r) => ({ id: r.id }))
    },

    /** An organiser confirms by hand that someone with a seat came (and left), e.g. without a phone; corrects a no-show. */
    async confirmAttendance(ctx: RequestContext, id: string, input: AttendanceConfirm) {
      return db.transaction(async (tx) => {
        const a = await loadActivity(ctx, tx, id, true)
        requireManager(ctx, a)
        if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
        const s = await repo.findSignupOf(tx, id, input.personId)
        if (!s || s.status !== 'confirmed') {
          throw unprocessable('ACTIVITY_NOT_SIGNED_UP', { reason: s?.status === 'waitlisted' ? '该人员在候补名单中，尚无名额' : '该人员没有报名本活动' }, [{ path: 'personId', message: 'volunteers.noSignupOrPlace' }])
        }
        const startsAt = isoTime(a.startsAt)!
        const endsAt = isoTime(a.endsAt)!
        const inAt = Date.parse(input.checkedInAt)
        const outAt = input.checkedOutAt ? Date.parse(input.checkedOutAt) : null
        const bad = (reason: string, path: string) => unprocessable('ATTENDANCE_TIME_INVALID', { reason }, [{ path, message: reason }])
        if (inAt < Date.parse(startsAt) - CHECK_IN_OPENS_MS || inAt > Date.parse(endsAt)) throw bad('签到时间须在活动时间内', 'checkedInAt')
        if (inAt > now().getTime() + CLOCK_SKEW_MS) throw bad('签到时间不能晚于现在', 'checkedInAt')
        if (outAt !== null && outAt < inAt) throw bad('签退时间不能早于签到时间', 'checkedOutAt')
        if (outAt !== null && outAt > now().getTime() + CLOCK_SKEW_MS) throw bad('签退时间不能晚于现在', 'checkedOutAt')
        const existing = await repo.findAttendance(tx, id, input.personId)
        if (existing?.status === 'checked_out') throw conflict('ACTIVITY_ALREADY_CHECKED_OUT')
        const checkedInAt = new Date(inAt).toISOString()
        const checkedOutAt = outAt === null ? null : new Date(outAt).toISOString()
        const hours = checkedOutAt ? attendanceHours({ startsAt, endsAt, maxHours: a.maxHours }, checkedInAt, checkedOutAt) : null
        const attendanceId = await repo.saveAttendance(tx, {
          activityId: id, personId: input.personId, signupId: s.id, status: checkedOutAt ? 'checked_out' : 'checked_in', method: 'confirmed',
          checkedInAt, checkedOutAt, hours, confirmedBy: ctx.actor.personId,
        })
        const award = hours !== null ? await awardHours(tx, attendanceId, input.personId, a, hours) : null
        await recordAudit(tx, ctx, {
          action: 'activity.confirm_attendance', entity: 'activity_attendance', entityId: attendanceId, orgPath: a.orgPath,
          before: existing ? { status: existing.status } : null, after: { personId: input.personId, checkedInAt, checkedOutAt, hours, points: award?.points ?? null },
        })
        return presentAttendance((await repo.findAttendance(tx, id, input.personId))!)
      })
    },

    /** The sweep: confirmed sign-ups of ended activities without any check-in become no-shows. */
    async markNoShows(tx: Executor, at: Date = now()): Promise<number> {
      return repo.markNoShows(tx, at.toISOString())
    },

    // ---- time bank ----

    async timeBankMe(ctx: RequestContext, year = chinaYear(now())) {
      authorize(ctx.actor, 'activity.take', {})
      const personId = ctx.actor.personId!
      const totals = await repo.timeBankTotals(db, personId, year)
      const entries = (await repo.searchEntries(db, { scopes: '', personId, limit: 50 })).slice(0, 50)
      return {
        year,
        given: { activities: totals.activities, services: totals.services, total: Math.round((totals.activities + totals.services) * 100) / 100 },
        received: totals.received,
        balance: Math.round(totals.balance * 100) / 100,
        entries: entries.map((e) => ({ ...presentEntry(e), direction: e.giver.id === personId ? 'given' as const : 'received' as const })),
      }
    },

    async listTimeBankEntries(ctx: RequestContext, q: { orgId?: string; cursor?: string; limit: number }) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await areaOf(db, ctx, q.orgId)).path : undefined
      const after = decodeCursor(q.cursor, idCursor)
      const found = await repo.searchEntries(db, { scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), underPath, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, presentEntry, (e) => ({ id: e.id }))
    },

    /** Records a one-to-one service: hours given by a volunteer, received by a resident. */
    async recordTimeBankEntry(ctx: RequestContext, input: TimeBankEntryCreate) {
      requireSignedIn(ctx.actor)
      return db.transaction(async (tx) => {
        const org = await areaOf(tx, ctx, input.orgId, 'timeBank.record')
        requireAreaKind(org, 'ACTIVITY_ORG_KIND')
        const bad = (reason: string, path: string) => unprocessable('TIME_BANK_ENTRY_INVALID', { reason }, [{ path, message: reason }])
        if (input.giverId === input.receiverId) throw bad('服务者与受助者不能是同一人', 'receiverId')
        // Both are people of an area the recorder is staff of; anyone else answers as one who does not exist.
        await requireAccess(tx, ctx.actor, { permission: 'timeBank.party', entity: 'volunteer_person', ids: [input.giverId, input.receiverId], hide: true })
        const giver = await repo.findVolunteer(tx, input.giverId)
        if (!giver?.isVolunteer) throw notFound('VOLUNTEER_NOT_FOUND', [{ path: 'giverId', message: 'volunteers.giverNotVolunteer' }])
        const today = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
        if (input.servedOn > today) throw bad('服务日期不能晚于今天', 'servedOn')
        const id = await repo.insertEntry(tx, { ...input, orgId: org.id, recordedBy: ctx.actor.personId })
        await recordAudit(tx, ctx, { action: 'time_bank.record', entity: 'time_bank_entry', entityId: id, orgPath: org.path, after: { ...input } })
        return presentEntry((await repo.findEntry(tx, id))!)
      })
    },
  }

  async function attend(ctx: RequestContext, id: string, code: string, direction: 'in' | 'out') {
    authorize(ctx.actor, 'activity.take', {})
    const personId = ctx.actor.personId!
    return db.transaction(async (tx) => {
      const a = await loadActivity(ctx, tx, id, true)
      const at = now()
      const check = verifyCheckInCode(a.checkinSecret, a.id, code, at)
      if (check === 'invalid') throw unprocessable('ACTIVITY_CODE_INVALID', {}, [{ path: 'code', message: 'volunteers.codeOtherActivity' }])
      if (check === 'expired') throw unprocessable('ACTIVITY_CODE_EXPIRED', {}, [{ path: 'code', message: 'volunteers.codeExpired' }])
      if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
      const startsAt = isoTime(a.startsAt)!
      const endsAt = isoTime(a.endsAt)!
      const s = a.mySignup
      if (!s || s.status !== 'confirmed') {
        throw unprocessable('ACTIVITY_NOT_SIGNED_UP', { reason: s?.status === 'waitlisted' ? `您在候补名单第 ${s.position} 位，尚未获得名额` : '您没有报名本活动' })
      }
      const existing = await repo.findAttendance(tx, id, personId)
      if (existing?.status === 'checked_out') throw conflict('ACTIVITY_ALREADY_CHECKED_OUT')
      if (direction === 'in') {
        if (existing?.status === 'checked_in') throw conflict('ACTIVITY_ALREADY_CHECKED_IN')
        if (at.getTime() < Date.parse(startsAt) - CHECK_IN_OPENS_MS) throw unprocessable('ACTIVITY_CHECK_IN_CLOSED', { reason: '活动开始前 1 小时开放签到' })
        if (at.getTime() > Date.parse(endsAt)) throw unprocessable('ACTIVITY_CHECK_IN_CLOSED', { reason: '活动已结束，请联系组织者补录' })
        const attendanceId = await repo.saveAttendance(tx, {
          activityId: id, personId, signupId: s.id, status: 'checked_in', method: 'code', checkedInAt: at.toISOString(), checkedOutAt: null, hours: null, confirmedBy: null,
        })
        await recordAudit(tx, ctx, { action: 'activity.check_in', entity: 'activity_attendance', entityId: attendanceId, orgPath: a.orgPath, before: existing ? { status: existing.status } : null, after: { status: 'checked_in', at: at.toISOString() } })
      } else {
        if (existing?.status !== 'checked_in') throw unprocessable('ACTIVITY_NOT_CHECKED_IN')
        if (at.getTime() > Date.parse(endsAt) + CHECK_OUT_CLOSES_MS) throw unprocessable('ACTIVITY_CHECK_IN_CLOSED', { reason: '签退已截止，请联系组织者补录' })
        const hours = attendanceHours({ startsAt, endsAt, maxHours: a.maxHours }, isoTime(existing.checkedInAt)!, at.toISOString())
        const attendanceId = await repo.saveAttendance(tx, {
          activityId: id, personId, signupId: s.id, status: 'checked_out', method: existing.method === 'confirmed' ? 'confirmed' : 'code',
          checkedInAt: isoTime(existing.checkedInAt)!, checkedOutAt: at.toISOString(), hours, confirmedBy: existing.confirmedBy?.id ?? null,
        })
        const award = await awardHours(tx, attendanceId, personId, a, hours)
        await recordAudit(tx, ctx, { action: 'activity.check_out', entity: 'activity_attendance', entityId: attendanceId, orgPath: a.orgPath, before: { status: 'checked_in' }, after: { status: 'checked_out', at: at.toISOString(), hours, points: award?.points ?? null } })
      }
      return presentAttendance((await repo.findAttendance(tx, id, personId))!)
    })
  }

  return service
}

export type VolunteerService = ReturnType<typeof createVolunteerService>
