// Attendance at activities: check-in and check-out by the rotating QR code an organiser shows
// (kernel/checkin-code.ts), an organiser's confirmation by hand, the sweep's no-shows, and the hours
// a check-out counts, paid in points (points.award, in the same transaction).
import { beijingTime } from '../../kernel/china-time.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize } from '../../kernel/policy.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { AppError, conflict, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import type { ActivityRow } from './volunteers.activities.repository.ts'
import { findSignupOf } from './volunteers.activities.repository.ts'
import * as repo from './volunteers.attendance.repository.ts'
import { attendanceHours } from './volunteers.rules.ts'
import { checkInCode, CODE_WINDOW_SEC, codeWindow, verifyCheckInCode } from '../../kernel/checkin-code.ts'
import { CLOCK_SKEW_MS, presentAttendance, type VolunteerLookups } from './volunteers.lookups.ts'
import type { AttendanceConfirm } from './volunteers.schemas.ts'

/** Check-in opens an hour before the start; check-out by code closes 12 hours after the end. */
const CHECK_IN_OPENS_MS = 3_600_000
const CHECK_OUT_CLOSES_MS = 12 * 3_600_000

export function createAttendance(l: VolunteerLookups) {
  const { db, deps, now, loadActivity, requireManager } = l

  async function awardHours(tx: Executor, attendanceId: string, personId: string, a: ActivityRow, hours: number) {
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

  async function attend(ctx: RequestContext, id: string, code: string, direction: 'in' | 'out') {
    authorize(ctx.actor, 'activity.take', {})
    const personId = ctx.actor.personId!
    return inTransaction(db, async (tx) => {
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
        if (at.getTime() < Date.parse(startsAt) - CHECK_IN_OPENS_MS) throw unprocessable('ACTIVITY_CHECK_IN_NOT_YET', { opensAt: beijingTime(new Date(Date.parse(startsAt) - CHECK_IN_OPENS_MS)) })
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

  return {
    async checkInCode(ctx: RequestContext, id: string) {
      const a = await loadActivity(ctx, db, id)
      requireManager(ctx, a)
      if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
      const at = now()
      const window = codeWindow(at)
      const code = checkInCode(a.checkinSecret, a.id, window)
      const url = `${deps.publicUrl ?? ''}/h5/checkin?activity=${a.id}&code=${encodeURIComponent(code)}`
      const startsAt = Date.parse(isoTime(a.startsAt)!)
      return {
        checkInOpensAt: new Date(startsAt - CHECK_IN_OPENS_MS).toISOString(),
        checkInClosesAt: isoTime(a.endsAt)!,
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
      return inTransaction(db, async (tx) => {
        const a = await loadActivity(ctx, tx, id, true)
        requireManager(ctx, a)
        if (a.status === 'cancelled') throw conflict('ACTIVITY_CANCELLED')
        const s = await findSignupOf(tx, id, input.personId)
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
  }
}
