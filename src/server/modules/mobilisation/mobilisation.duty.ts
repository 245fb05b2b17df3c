// Duty in an emergency: shifts added to posts, sign-ups (exactly `needed` hold: the shift's row
// is locked while one is counted and written), assignments, check-in on post by the rotating QR
// code or by position, hazards reported as cases, the board, the daily roster, the end with who
// served and commendations, and the minute sweep (uncovered posts alerted; hours counted).
import { sql } from 'drizzle-orm'
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, unprocessable } from '../../kernel/errors.ts'
import { checkInCode, CODE_WINDOW_SEC, codeWindow, verifyCheckInCode } from '../../kernel/checkin-code.ts'
import { toWgs84 } from '../geo/geo.service.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { CaseService } from '../cases/cases.service.ts'
import type { VolunteerService } from '../volunteers/volunteers.service.ts'
import * as repo from './mobilisation.repository.ts'
import * as shifts from './mobilisation.shifts.repository.ts'
import * as board from './mobilisation.board.repository.ts'
import { presentEmergency, type EmergencyService } from './mobilisation.service.ts'
import type { EmergencySubject, SignupSubject } from './mobilisation.policy.ts'
import type { z } from 'zod'
import type { checkinSchema, commendationCreateSchema, endSchema, hazardCreateSchema, shiftsCreateSchema } from './mobilisation.schemas.ts'
import { levelWords } from './mobilisation.messages.ts'

/** Check-in opens this long before a shift starts. */
export const CHECKIN_EARLY_MIN = 30
const iso = (t: string | null) => (t ? new Date(t).toISOString() : null)

export interface DutyDeps {
  db: Executor
  emergencies: EmergencyService
  notifications: Pick<NotificationService, 'notify'>
  cases: Pick<CaseService, 'create'>
  volunteers: Pick<VolunteerService, 'recordServiceHours'>
  publicUrl?: string
  clock?: () => Date
}

export function createDutyService(deps: DutyDeps) {
  const { db, emergencies } = deps
  const now = deps.clock ?? (() => new Date())
  const codeSubject = (postId: string) => `emergency_post:${postId}`

  async function postSubject(ctx: RequestContext, ex: Executor, postId: string, permission: string) {
    return requireAccessOne<EmergencySubject>(ex, ctx.actor, { permission, id: postId, entity: 'emergencyPost' })
  }

  return {
    async addShifts(ctx: RequestContext, postId: string, input: z.infer<typeof shiftsCreateSchema>) {
      return inTransaction(db, async (tx) => {
        const subject = await postSubject(ctx, tx, postId, 'emergency.manage')
        const ids = await shifts.insertShifts(tx, postId, input.shifts)
        await recordAudit(tx, ctx, { action: 'emergency_shift.create', entity: 'emergency_post', entityId: postId, orgPath: subject.orgPath, after: { shifts: ids.length } })
        return { items: (await emergencies.postsOf(ctx, tx, sql`p.id = ${postId}`))[0]!.shifts }
      })
    },

    /** Signing up oneself, or (those who run the emergency) assigning someone. */
    async signUp(ctx: RequestContext, shiftId: string, personId: string | undefined) {
      return inTransaction(db, async (tx) => {
        const self = personId === undefined || personId === ctx.actor.personId
        const subject = await requireAccessOne<EmergencySubject>(tx, ctx.actor, { permission: self ? 'emergency.signup' : 'emergency.manage', id: shiftId, entity: 'emergencyShift' })
        if (subject.ended) throw conflict('EMERGENCY_ENDED')
        const who = self ? ctx.actor.personId! : personId!
        if (!self) await requireAccessOne(tx, ctx.actor, { permission: 'person.read', id: who, entity: 'person' })
        const s = (await shifts.lockShift(tx, shiftId, who))!
        if (s.over) throw conflict('SHIFT_OVER')
        if (s.mine) throw conflict('SHIFT_TAKEN')
        if (s.held >= s.needed) throw conflict('SHIFT_FULL', { needed: s.needed })
        const id = await shifts.insertSignup(tx, { shiftId, personId: who, source: self ? 'self' : 'assigned', assignedBy: self ? null : ctx.actor.personId })
        if (!self) {
          await recordAudit(tx, ctx, { action: 'shift_signup.assign', entity: 'shift_signup', entityId: id, orgPath: subject.orgPath, after: { shiftId, personId: who } })
          await deps.notifications.notify(tx, { personIds: [who], kind: 'emergency.assigned', title: `您被安排到「${s.postName}」值守`, body: '请按时到岗并扫码签到', link: { emergencyId: s.emergencyId, shiftId } })
        }
        const [row] = await shifts.shiftsWhere(tx, sql`s.id = ${shiftId}`)
        const name = row!.people.find((p) => p.signupId === id)!.name
        return { id, shiftId, person: { id: who, name }, source: self ? 'self' as const : 'assigned' as const, held: row!.held, needed: row!.needed }
      })
    },

    async cancel(ctx: RequestContext, signupId: string) {
      return inTransaction(db, async (tx) => {
        const subject = await requireAccessOne<SignupSubject>(tx, ctx.actor, { permission: 'signup.cancel', id: signupId, entity: 'shiftSignup' })
        const g = (await shifts.findSignup(tx, signupId))!
        if (g.cancelledAt) throw conflict('SIGNUP_CANCELLED')
        await shifts.cancelSignup(tx, signupId)
        await recordAudit(tx, ctx, { action: 'shift_signup.cancel', entity: 'shift_signup', entityId: signupId, orgPath: subject.orgPath, after: { shiftId: g.shiftId, personId: g.personId } })
        return { id: signupId, cancelled: true }
      })
    },

    /** The post's rotating QR code (changes every 30 seconds), for the post's phone or screen. */
    async checkinCode(ctx: RequestContext, postId: string) {
      await postSubject(ctx, db, postId, 'emergency.board')
      const [post] = await repo.postsWhere(db, sql`p.id = ${postId}`)
      const window = codeWindow(now())
      const code = checkInCode(post!.checkinSecret, codeSubject(postId), window)
      const url = `${deps.publicUrl ?? ''}/h5/mobilisation/checkin?post=${postId}&code=${encodeURIComponent(code)}`
      return {
        postId, code, url, svg: await (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
        expiresAt: new Date((window + 1) * CODE_WINDOW_SEC * 1000).toISOString(),
      }
    },

    async checkIn(ctx: RequestContext, signupId: string, input: z.infer<typeof checkinSchema>) {
      return inTransaction(db, async (tx) => {
        await requireAccessOne<SignupSubject>(tx, ctx.actor, { permission: 'signup.checkin', id: signupId, entity: 'shiftSignup' })
        const g = (await shifts.findSignup(tx, signupId))!
        if (g.cancelledAt) throw conflict('SIGNUP_CANCELLED')
        if (g.checkedInAt) throw conflict('CHECKIN_DONE')
        const at = now().getTime()
        if (at < Date.parse(g.startsAt) - CHECKIN_EARLY_MIN * 60_000 || at > Date.parse(g.endsAt)) throw unprocessable('CHECKIN_WINDOW')
        let method: 'qr' | 'position'
        if (input.code !== undefined) {
          const check = verifyCheckInCode(g.checkinSecret, codeSubject(g.postId), input.code, now())
          if (check === 'invalid') throw unprocessable('CHECKIN_CODE_INVALID')
          if (check === 'expired') throw unprocessable('CHECKIN_CODE_EXPIRED')
          method = 'qr'
        } else {
          const [lng, lat] = toWgs84(input.position!.lng, input.position!.lat, input.crs)
          const distance = await shifts.distanceTo(tx, g.postId, lng, lat)
          if (distance > g.radiusM) throw unprocessable('CHECKIN_TOO_FAR', { distance: Math.round(distance), radius: g.radiusM })
          method = 'position'
        }
        const done = await shifts.checkIn(tx, signupId, method)
        if (!done) throw conflict('CHECKIN_DONE')
        return { signupId, checkedInAt: new Date(done.at).toISOString(), method }
      })
    },

    async reportHazard(ctx: RequestContext, id: string, input: z.infer<typeof hazardCreateSchema>) {
      return inTransaction(db, async (tx) => {
        const { subject, e } = await emergencies.load(ctx, tx, id, 'emergency.report')
        if (subject.ended) throw conflict('EMERGENCY_ENDED')
        if (input.postId) {
          await postSubject(ctx, tx, input.postId, 'emergency.read')
          if ((await repo.emergencyOf(tx, 'emergency_posts', [input.postId])).get(input.postId) !== id) throw unprocessable('EMERGENCY_INVALID', {}, [{ path: 'postId', message: 'mobilisation.otherEmergency' }])
        }
        const priority = input.priority ?? e.level
        // The case carries the emergency's tag and the hazard's priority in its text; the link and the priority are kept here.
        const created = await deps.cases.create(tx, ctx, {
          categoryCode: input.categoryCode, description: `【${e.tag}·${levelWords[priority as keyof typeof levelWords]}】${input.description}`,
          location: input.location, crs: input.crs, photoIds: input.photoIds, anonymous: false,
        })
        const hazardId = await board.insertHazard(tx, { emergencyId: id, postId: input.postId ?? null, caseId: created.id, priority, reportedBy: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'emergency_hazard.report', entity: 'emergency_hazard', entityId: hazardId, orgPath: subject.orgPath, after: { emergencyId: id, caseId: created.id, priority } })
        return (await board.hazards(tx, id)).map(presentHazard).find((h) => h.id === hazardId)!
      })
    },

    async hazards(ctx: RequestContext, id: string) {
      await emergencies.load(ctx, db, id, 'emergency.board')
      return { items: (await board.hazards(db, id)).map(presentHazard) }
    },

    async board(ctx: RequestContext, id: string) {
      const { e } = await emergencies.load(ctx, db, id, 'emergency.board')
      const [f, duty, alerts, zones, onMap] = await Promise.all([board.boardFigures(db, id), board.onDutyNow(db, id), board.uncovered(db, id), repo.listZones(db, id), board.postsOnMap(db, id)])
      return {
        emergency: presentEmergency(ctx, e),
        posts: { total: f!.total, coveredNow: f!.coveredNow, vanguard: f!.vanguard },
        onDutyNow: duty.map((d) => ({ ...d, since: iso(d.since) })),
        hazards: { open: f!.open, handled: f!.handled },
        alerts: e.endedAt ? [] : alerts.map((a) => ({ ...a, startsAt: iso(a.startsAt)! })),
        zones: zones as never, postsOnMap: onMap as never, teams: f!.teams, branches: f!.branches,
      }
    },

    async roster(ctx: RequestContext, id: string, date: string) {
      const { e } = await emergencies.load(ctx, db, id, 'emergency.board')
      const posts = await board.roster(db, id, date)
      return {
        emergency: { id: e.id, name: e.name }, date,
        posts: posts.map((p) => ({ ...p, kind: p.kind as never, shifts: p.shifts.map((s) => ({ ...s, startsAt: iso(s.startsAt)!, endsAt: iso(s.endsAt)! })) })),
      }
    },

    async commend(ctx: RequestContext, id: string, input: z.infer<typeof commendationCreateSchema>) {
      return inTransaction(db, async (tx) => {
        const { subject } = await emergencies.load(ctx, tx, id, 'emergency.commend')
        await requireAccessOne(tx, ctx.actor, { permission: 'person.read', id: input.personId, entity: 'person' })
        await board.upsertCommendation(tx, { emergencyId: id, personId: input.personId, reason: input.reason, by: ctx.actor.personId! })
        await recordAudit(tx, ctx, { action: 'emergency_commendation.propose', entity: 'emergency_commendation', entityId: id, orgPath: subject.orgPath, after: input })
        return { emergencyId: id, personId: input.personId, reason: input.reason }
      })
    },

    /** Ends the emergency: its temporary branches are closed with their records kept. */
    async end(ctx: RequestContext, id: string, input: z.infer<typeof endSchema>) {
      return inTransaction(db, async (tx) => {
        const { subject } = await emergencies.load(ctx, tx, id, 'emergency.end')
        const branchIds = new Set((await repo.listBranches(tx, id)).map((b) => b.id))
        for (const b of Object.keys(input.branchRecords ?? {})) {
          if (!branchIds.has(b)) throw unprocessable('EMERGENCY_INVALID', {}, [{ path: `branchRecords.${b}`, message: 'mobilisation.otherEmergency' }])
        }
        await repo.endEmergency(tx, id, ctx.actor.personId!, input.summary)
        await repo.closeBranches(tx, id, input.branchRecords ?? {})
        await recordAudit(tx, ctx, { action: 'emergency.end', entity: 'emergency', entityId: id, orgPath: subject.orgPath, after: { summary: input.summary } })
        return reportOf(ctx, tx, id)
      })
    },

    async report(ctx: RequestContext, id: string) {
      await emergencies.load(ctx, db, id, 'emergency.board')
      return reportOf(ctx, db, id)
    },

    async myDuties(ctx: RequestContext, emergencyId: string | undefined) {
      if (emergencyId) await emergencies.load(ctx, db, emergencyId, 'emergency.read')
      if (!ctx.actor.personId) return { items: [] }
      const found = await shifts.dutiesOf(db, ctx.actor.personId, emergencyId ?? null)
      return { items: found.map((d) => ({ ...d, post: { ...d.post, kind: d.post.kind as never }, startsAt: iso(d.startsAt)!, endsAt: iso(d.endsAt)!, checkedInAt: iso(d.checkedInAt) })) }
    },

    /** The minute sweep: alert those who run an emergency about shifts soon uncovered; count served hours. */
    async sweep(tx: Executor, at: Date) {
      for (const a of await board.claimUncoveredAlerts(tx, at)) {
        await deps.notifications.notify(tx, {
          personIds: a.tellIds, kind: 'emergency.uncovered',
          title: `${a.emergencyName}：「${a.postName}」班次缺人（${a.held}/${a.needed}）`,
          body: `班次 ${new Date(a.startsAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 开始，请尽快安排值守人员`,
          link: { emergencyId: a.emergencyId, shiftId: a.shiftId },
        })
      }
      for (const h of await board.claimServedHours(tx, at)) {
        // Service hours go through the volunteers module, given to the street that called the people out (its declarer stands for it).
        if (!h.volunteer || h.personId === h.declaredBy || !(h.hours > 0)) continue
        await deps.volunteers.recordServiceHours(tx, {
          orgId: h.orgId, giverId: h.personId, receiverId: h.declaredBy, hours: h.hours, servedOn: h.servedOn,
          note: `应急值守：${h.emergencyName} · ${h.postName}`, sourceKey: `emergency_shift:${h.signupId}`,
        })
      }
    },
  }

  async function reportOf(ctx: RequestContext, ex: Executor, id: string) {
    const e = (await repo.findEmergency(ex, id))!
    const people = await board.served(ex, id)
    const f = await board.boardFigures(ex, id)
    const branches = await repo.listBranches(ex, id)
    return {
      emergency: presentEmergency(ctx, e), served: people, totalHours: Math.round(people.reduce((n, p) => n + p.hours, 0) * 100) / 100,
      hazards: { total: f!.open + f!.handled, handled: f!.handled },
      branches: branches.map((b) => ({ ...b, closedAt: iso(b.closedAt) })),
    }
  }
}

function presentHazard(h: Awaited<ReturnType<typeof board.hazards>>[number]) {
  const { lng, lat, ...rest } = h
  return { ...rest, priority: h.priority as 'normal' | 'high' | 'urgent', location: { lng, lat }, createdAt: iso(h.createdAt)! }
}

export type DutyService = ReturnType<typeof createDutyService>
