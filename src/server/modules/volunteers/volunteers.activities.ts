// Activities (志愿活动) and their sign-ups: published by the staff of an area or the leader of the
// team running them, signed up for while seats last and then on a waitlist that moves up as
// seats free (a cancellation, more capacity); the people concerned are told of a promotion or a
// cancellation.
import { randomBytes } from 'node:crypto'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, isAncestorOrSelf, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { requireAccess } from '../../kernel/access.ts'
import '../venues/venues.policy.ts'
import '../venues/venues.access.ts'
import { decodeCursor, toPage } from '../../kernel/pagination.ts'
import { z } from 'zod'
import { toWgs84 } from '../geo/geo.service.ts'
import * as repo from './volunteers.activities.repository.ts'
import { findTeam, homePoint, leadsTeam, ensureVolunteer } from './volunteers.repository.ts'
import { CLOCK_SKEW_MS, phaseOf, presentSignup, type VolunteerLookups } from './volunteers.lookups.ts'
import type { ActivitiesQuery, ActivityCreate, ActivityUpdate, SignupsQuery } from './volunteers.schemas.ts'

const keyCursor = z.object({ k: z.string().max(60), id: z.string().regex(/^\d+$/) })

export function createActivities(l: VolunteerLookups) {
  const { db, deps, now, manages, presentActivity, areaOf, requireAreaKind, requireTeam, loadActivity, requireManager } = l

  /** Checks an activity's values (times, team, skill needs) as they will be stored. */
  async function activityValues(ex: Executor, ctx: RequestContext, org: { id: string; path: string }, v: {
    teamId: string | null; venueId: string | null; title: string; description: string; place: string; location: [number, number]
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
    // A venue is a public place: any live one may be named (404 VENUE_NOT_FOUND otherwise).
    await requireAccess(ex, ctx.actor, { permission: 'venue.read', entity: 'venue', ids: [v.venueId] })
    return { ...v, orgId: org.id, startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() }
  }

  async function notifyPromoted(tx: Executor, a: repo.ActivityRow, promoted: { personId: string }[]) {
    if (promoted.length === 0) return
    await deps.notifications.notify(tx, {
      personIds: promoted.map((p) => p.personId), kind: 'activity_promoted',
      title: `候补转正：您已获得“${a.title}”的名额`, body: `${a.place}，请按时到场签到`, link: { activityId: a.id },
    })
  }

  return {
    // ---- activities ----

    async listActivities(ctx: RequestContext, q: ActivitiesQuery) {
      requireSignedIn(ctx.actor)
      const underPath = q.orgId ? (await areaOf(db, ctx, q.orgId)).path : undefined
      if (q.teamId) await requireTeam(db, ctx, q.teamId)
      await requireAccess(db, ctx.actor, { permission: 'venue.read', entity: 'venue', ids: [q.venueId] })
      const near = q.nearLng !== undefined && q.nearLat !== undefined ? { lng: q.nearLng, lat: q.nearLat }
        : q.nearHome && ctx.actor.personId ? await homePoint(db, ctx.actor.personId) : undefined
      const after = decodeCursor(q.cursor, keyCursor)
      const found = await repo.searchActivities(db, {
        personId: ctx.actor.personId, scopes: scopeParam(scopesOf(ctx.actor, LEVEL.gridStaff)), underPath, teamId: q.teamId, venueId: q.venueId, when: q.when,
        status: q.status, mine: q.mine !== undefined, near, now: now().toISOString(), after, limit: q.limit,
      })
      return toPage(found, q.limit, (a) => presentActivity(ctx, a), (a) => ({ k: near ? String(a.distanceM) : isoTime(a.startsAt)!, id: a.id }))
    },

    async getActivity(ctx: RequestContext, id: string) {
      return presentActivity(ctx, await loadActivity(ctx, db, id))
    },

    async createActivity(ctx: RequestContext, input: ActivityCreate) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const org = await areaOf(tx, ctx, input.orgId)
        if (input.teamId) await requireTeam(tx, ctx, input.teamId)
        const leads = input.teamId ? await leadsTeam(tx, input.teamId, ctx.actor.personId) : false
        authorize(ctx.actor, 'activity.manage', { orgPath: org.path, leadsTeam: leads })
        requireAreaKind(org, 'ACTIVITY_ORG_KIND')
        // A team leader who is not staff there runs activities in the team's own area only.
        if (!can(ctx.actor, 'activity.create', { orgPath: org.path })) {
          const team = (await findTeam(tx, input.teamId!, ctx.actor.personId))!
          if (!isAncestorOrSelf(team.orgPath, org.path)) throw forbidden()
        }
        const values = await activityValues(tx, ctx, org, {
          teamId: input.teamId ?? null, venueId: input.venueId ?? null, title: input.title, description: input.description ?? '', place: input.place,
          location: toWgs84(input.location.lng, input.location.lat, input.crs ?? 'wgs84'), startsAt: input.startsAt, endsAt: input.endsAt,
          capacity: input.capacity, skillNeeds: input.skillNeeds ?? [], maxHours: input.maxHours ?? null,
        }, true)
        const id = await repo.insertActivity(tx, { ...values, checkinSecret: randomBytes(32).toString('hex'), createdBy: ctx.actor.personId })
        await recordAudit(tx, ctx, { action: 'activity.create', entity: 'activity', entityId: id, orgPath: org.path, after: { ...values } })
        return presentActivity(ctx, (await repo.findActivity(tx, id, ctx.actor.personId))!)
      })
    },

    async updateActivity(ctx: RequestContext, id: string, input: ActivityUpdate) {
      return inTransaction(db, async (tx) => {
        const a = await loadActivity(ctx, tx, id, true)
        requireManager(ctx, a)
        if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
        if (phaseOf({ startsAt: isoTime(a.startsAt)!, endsAt: isoTime(a.endsAt)! }, now()) === 'ended') throw conflict('ACTIVITY_ENDED', { action: '修改' })
        const org = { id: a.org.id, path: a.orgPath }
        const location = input.location ? toWgs84(input.location.lng, input.location.lat, input.crs ?? 'wgs84') : [a.location.lng, a.location.lat] as [number, number]
        const values = await activityValues(tx, ctx, org, {
          teamId: input.teamId === undefined ? a.teamId : input.teamId, venueId: input.venueId === undefined ? a.venueId : input.venueId, title: input.title ?? a.title, description: input.description ?? a.description,
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
        const pick = (r: repo.ActivityRow) => ({ title: r.title, place: r.place, startsAt: isoTime(r.startsAt), endsAt: isoTime(r.endsAt), capacity: r.capacity, maxHours: r.maxHours, teamId: r.teamId, venueId: r.venueId, location: r.location })
        await recordAudit(tx, ctx, { action: 'activity.update', entity: 'activity', entityId: id, orgPath: a.orgPath, before: pick(a), after: { ...pick(after), promoted: promoted.map((p) => p.personId) } })
        return presentActivity(ctx, after)
      })
    },

    async cancelActivity(ctx: RequestContext, id: string, reason: string) {
      return inTransaction(db, async (tx) => {
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
      return inTransaction(db, async (tx) => {
        const a = await loadActivity(ctx, tx, id, true)
        if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
        if (Date.parse(isoTime(a.startsAt)!) <= now().getTime()) throw conflict('ACTIVITY_STARTED', { action: '报名' })
        if (a.mySignup && a.mySignup.status !== 'cancelled') throw conflict('ACTIVITY_ALREADY_SIGNED_UP', {}, { status: a.mySignup.status })
        await ensureVolunteer(tx, personId)
        const status = a.confirmed < a.capacity ? 'confirmed' : 'waitlisted'
        const signupId = await repo.upsertSignup(tx, id, personId, status, now().toISOString())
        await recordAudit(tx, ctx, { action: 'activity.sign_up', entity: 'activity_signup', entityId: signupId, orgPath: a.orgPath, after: { activityId: id, personId, status } })
        return presentSignup((await repo.findSignup(tx, id, signupId))!)
      })
    },

    /** Cancels a sign-up (one's own, or by an organiser); a freed seat goes to the first on the waitlist. */
    async cancelSignup(ctx: RequestContext, id: string, signupId: string) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
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
  }
}
