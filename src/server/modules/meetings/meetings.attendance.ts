// Registration, check-in and attendance. Invitees register or decline on the phone; at a meeting
// open to registration, anyone who belongs to its node registers too (and becomes an invitee).
// Check-in is by the rotating QR code the meeting's screen shows (kernel/checkin-code.ts, the same
// as volunteer activities'), from an hour before the start to the end; the first check-in opens
// the meeting. Cadres mark attendance by hand: present, or absent with a reason (leave can be
// recorded before the meeting).
import { sql } from 'drizzle-orm'
import type { RequestContext } from '../../kernel/context.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { conflict, unprocessable } from '../../kernel/errors.ts'
import { checkInCode, CODE_WINDOW_SEC, codeWindow, verifyCheckInCode } from '../../kernel/checkin-code.ts'
import type { MeetingLookups } from './meetings.lookups.ts'
import * as repo from './meetings.repository.ts'
import type { AttendanceInput } from './meetings.schemas.ts'

/** Check-in opens this long before the start. */
export const CHECK_IN_OPENS_MIN = 60
/** The rotating code signs "meeting:<id>", so an activity's code never checks anyone in here. */
const codeSubject = (id: string) => `meeting:${id}`

export function createAttendance(l: MeetingLookups) {
  const { db, now, load, stateError, detail } = l

  const opensAt = (m: { startsAt: string }) => Date.parse(m.startsAt) - CHECK_IN_OPENS_MIN * 60_000

  return {
    async register(ctx: RequestContext, id: string, attending: boolean) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.attend', true)
        if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, attending ? '报名' : '请假')
        const personId = ctx.actor.personId!
        if (subject.inviteeIds.includes(personId)) await repo.reply(tx, id, personId, attending)
        else if (attending) await repo.invite(tx, id, [personId], { role: 'attendee', partyId: null, invitedBy: null, registered: true })
        await recordAudit(tx, ctx, { action: 'meeting.register', entity: 'meeting', entityId: id, orgPath: subject.orgPath, after: { attending } })
        return detail(ctx, id, tx)
      })
    },

    /** The code for the meeting's screen: it changes every 30 seconds. */
    async checkInCode(ctx: RequestContext, id: string) {
      const { meeting: m } = await load(ctx, db, id, 'meeting.manage')
      if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, '签到')
      const window = codeWindow(now())
      const code = checkInCode(m.checkinSecret, codeSubject(m.id), window)
      const url = `${l.deps.publicUrl ?? ''}/h5/meetings/checkin?meeting=${m.id}&code=${encodeURIComponent(code)}`
      return {
        meetingId: m.id, code, url, svg: await (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
        expiresAt: new Date((window + 1) * CODE_WINDOW_SEC * 1000).toISOString(), windowSec: CODE_WINDOW_SEC,
        checkInOpensAt: new Date(opensAt(m)).toISOString(), checkInClosesAt: m.endsAt,
      }
    },

    async checkIn(ctx: RequestContext, id: string, code: string) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.attend', true)
        const at = now()
        const check = verifyCheckInCode(m.checkinSecret, codeSubject(m.id), code, at)
        if (check === 'invalid') throw unprocessable('MEETING_CODE_INVALID')
        if (check === 'expired') throw unprocessable('MEETING_CODE_EXPIRED')
        if (m.state !== 'planned' && m.state !== 'open') throw stateError(m, '签到')
        if (at.getTime() < opensAt(m) || at.getTime() > Date.parse(m.endsAt)) throw unprocessable('MEETING_CHECK_IN_CLOSED', { minutes: CHECK_IN_OPENS_MIN })
        const personId = ctx.actor.personId!
        const invitee = await repo.findInvitee(tx, id, personId)
        if (invitee?.present) throw conflict('MEETING_ALREADY_CHECKED_IN')
        if (!invitee) await repo.invite(tx, id, [personId], { role: 'attendee', partyId: null, invitedBy: null, registered: true })
        await repo.saveAttendance(tx, id, { personId, present: true, how: 'qr', absenceReason: null, recordedBy: null, at: at.toISOString() })
        const opened = await repo.setState(tx, id, ['planned'], 'open', sql`, opened_at = now()`)
        await recordAudit(tx, ctx, { action: 'meeting.check_in', entity: 'meeting', entityId: id, orgPath: subject.orgPath, after: { personId, at: at.toISOString(), opened } })
        return detail(ctx, id, tx)
      })
    },

    /** Attendance by hand (cadres): present, or absent with a reason. */
    async record(ctx: RequestContext, id: string, input: AttendanceInput) {
      return inTransaction(db, async (tx) => {
        const { subject, meeting: m } = await load(ctx, tx, id, 'meeting.manage', true)
        if (m.state === 'cancelled' || m.state === 'minutes_approved') throw stateError(m, '登记出席')
        const at = now()
        for (const [i, e] of input.entries.entries()) {
          if (!e.present && !e.absenceReason) throw unprocessable('VALIDATION_FAILED', {}, [{ path: `entries.${i}.absenceReason`, message: 'meetings.absenceReason' }])
          if (e.present && at.getTime() < opensAt(m)) throw unprocessable('MEETING_CHECK_IN_CLOSED', { minutes: CHECK_IN_OPENS_MIN })
          if (!subject.inviteeIds.includes(e.personId)) throw unprocessable('MEETING_INVITEE_NOT_FOUND', {}, [{ path: `entries.${i}.personId`, message: 'meetings.notInvited' }])
        }
        for (const e of input.entries) {
          await repo.saveAttendance(tx, id, { personId: e.personId, present: e.present, how: e.present ? 'by_hand' : null, absenceReason: e.present ? null : e.absenceReason!, recordedBy: ctx.actor.personId, at: at.toISOString() })
        }
        await recordAudit(tx, ctx, {
          action: 'meeting.attendance', entity: 'meeting', entityId: id, orgPath: subject.orgPath,
          after: { entries: input.entries.map((e) => ({ personId: e.personId, present: e.present, absenceReason: e.absenceReason ?? null })) },
        })
        return detail(ctx, id, tx)
      })
    },
  }
}
