// Room bookings: anyone signed in books a room (for themselves or for a unit they act for) within
// its rules; a double booking is impossible because the exclusion constraint room_bookings_no_overlap
// refuses the second of two overlapping pending-or-confirmed bookings, also when both arrive at
// once. A clash answers 409 BOOKING_CONFLICT naming the clashing slot and writes nothing. A
// recurring series is created occurrence by occurrence in one transaction, all or nothing or
// skipping what cannot be booked. Approval is a compare-and-swap on the state.
import { sql } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import ical, { ICalEventStatus } from 'ical-generator'
import rrulePkg from 'rrule'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { can, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccess, requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { AppError, conflict, notFound, unprocessable } from '../../kernel/errors.ts'
import { pgErrorOf } from '../../kernel/error-handler.ts'
import { decodeCursor, toPage, totalOf } from '../../kernel/pagination.ts'
import { beijingTime } from '../../kernel/china-time.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { UnitAccessSubject } from '../units/units.access.ts'
import { z } from 'zod'
import { addDays, intervalsOn, localDate, withinHours } from './venues.hours.ts'
import * as repo from './venues.repository.ts'
import * as bookings from './venues.bookings.repository.ts'
import type { BookingSubject, VenueSubject } from './venues.policy.ts'
import type { BookingCreate, BookingsQuery } from './venues.schemas.ts'
import { bookingStateWords } from './venues.messages.ts'
import './venues.policy.ts'
import './venues.access.ts'

const { RRule } = rrulePkg as unknown as typeof import('rrule')

/** A series makes at most this many bookings. */
export const MAX_OCCURRENCES = 100
/** Check-in opens this long before the start. */
export const CHECKIN_EARLY_MIN = 15
const OFFSET_MS = 8 * 3_600_000
const feedUrl = (token: string) => `/api/v1/bookings/calendar.ics?token=${token}`

const bookingCursor = z.object({ start: z.string().max(40), id: z.string().regex(/^\d+$/) })

type Room = NonNullable<Awaited<ReturnType<typeof repo.findRoom>>>
type Slot = { start: Date; end: Date }

const subjectOf = (b: bookings.BookingRow): BookingSubject => ({
  orgPath: b.venueOrgPath,
  unitPersonIds: b.venueUnitPersonIds,
  bookerId: b.bookerId,
  bookerUnitPersonIds: b.bookerUnitPersonIds,
})

function present(b: bookings.BookingRow) {
  return {
    id: b.id,
    state: b.state,
    room: { id: b.roomId, name: b.roomName },
    venue: { id: b.venueId, name: b.venueName },
    start: b.start,
    end: b.end,
    purpose: b.purpose,
    attendees: b.attendees,
    booker: { id: b.bookerId, name: b.bookerName },
    bookerUnit: b.bookerUnitId ? { id: b.bookerUnitId, name: b.bookerUnitName ?? '' } : null,
    seriesId: b.seriesId,
    holdUntil: b.holdUntil,
    decisionNote: b.decisionNote,
    decidedAt: b.decidedAt,
    checkedInAt: b.checkedInAt,
    createdAt: b.createdAt,
  }
}

const monthOf = (d: Date) => localDate(d).slice(0, 7)

/** The occurrences of an RRULE from a first slot, computed in Beijing wall time (no daylight saving). */
export function occurrencesOf(rule: string, first: Slot): Slot[] {
  const text = rule.replace(/^RRULE:/i, '')
  if (/DTSTART|TZID/i.test(text)) throw unprocessable('BOOKING_SERIES_INVALID', { reason: '不要写 DTSTART，首次时间即预约的开始时间' })
  let options
  try {
    options = RRule.parseString(text)
  } catch {
    throw unprocessable('BOOKING_SERIES_INVALID', { reason: '无法解析' })
  }
  if (options.freq === undefined || ![RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY].includes(options.freq)) {
    throw unprocessable('BOOKING_SERIES_INVALID', { reason: '只支持按天、按周或按月重复（FREQ=DAILY / WEEKLY / MONTHLY）' })
  }
  if (!options.count && !options.until) throw unprocessable('BOOKING_SERIES_INVALID', { reason: '须写明次数（COUNT）或截止日期（UNTIL）' })
  const duration = first.end.getTime() - first.start.getTime()
  const floating = new Date(first.start.getTime() + OFFSET_MS)
  const until = options.until ? new Date(options.until.getTime() + OFFSET_MS) : undefined
  const rr = new RRule({ ...options, dtstart: floating, ...(until ? { until } : {}) })
  const found = rr.all((_, i) => i < MAX_OCCURRENCES + 1)
  if (found.length > MAX_OCCURRENCES) throw unprocessable('BOOKING_SERIES_INVALID', { reason: `一个系列最多 ${MAX_OCCURRENCES} 次` })
  return found.map((d) => {
    const start = new Date(d.getTime() - OFFSET_MS)
    return { start, end: new Date(start.getTime() + duration) }
  })
}

export function createBookingService(deps: { db: Executor; notifications: Pick<NotificationService, 'notify'>; clock?: () => Date }) {
  const { db, notifications } = deps
  const now = deps.clock ?? (() => new Date())

  /** Why a slot breaks the room's rules (Chinese, for the answer), or null. */
  function ruleBreach(room: Room, venue: repo.VenueRow, slot: Slot, holidays: Set<string>, attendees: number | undefined): string | null {
    const minutes = (slot.end.getTime() - slot.start.getTime()) / 60_000
    const t = now().getTime()
    if (slot.start.getTime() < t + room.leadMinutes * 60_000) return room.leadMinutes ? `须至少提前 ${room.leadMinutes} 分钟预约` : '开始时间已过'
    if (slot.start.getTime() > t + room.maxAdvanceDays * 86_400_000) return `最多提前 ${room.maxAdvanceDays} 天预约`
    if (minutes < room.minMinutes) return `每次至少 ${room.minMinutes} 分钟`
    if (minutes > room.maxMinutes) return `每次最多 ${room.maxMinutes} 分钟`
    if (room.blackoutDays.includes(localDate(slot.start))) return `${localDate(slot.start)} 不开放预约`
    if (!withinHours(venue.hours, slot.start, slot.end, holidays)) return '不在开放时间内'
    if (attendees !== undefined && attendees > room.capacity) return `最多容纳 ${room.capacity} 人`
    return null
  }

  async function loadBooking(ctx: RequestContext, ex: Executor, id: string, permission: string, lock = false) {
    await requireAccessOne<BookingSubject>(ex, ctx.actor, { permission, entity: 'booking', id })
    return (await bookings.findBooking(ex, id, lock))!
  }

  function stateError(b: bookings.BookingRow, action: string) {
    return conflict('BOOKING_STATE', { state: bookingStateWords[b.state].zh, action })
  }

  async function tellManagers(tx: Executor, b: bookings.BookingRow, actorId: string | null, title: string, body: string) {
    const managers = (await bookings.venueManagers(tx, b.venueId)).filter((p) => p !== actorId)
    await notifications.notify(tx, { personIds: managers, kind: 'booking', title, body, link: { bookingId: b.id, venueId: b.venueId } })
  }

  async function tellBooker(tx: Executor, b: bookings.BookingRow, actorId: string | null, title: string, body: string) {
    const to = [b.bookerId].filter((p) => p !== actorId)
    await notifications.notify(tx, { personIds: to, kind: 'booking', title, body, link: { bookingId: b.id, venueId: b.venueId } })
  }

  const slotWords = (b: { start: string; end: string }) => `${beijingTime(b.start)} 至 ${beijingTime(b.end).slice(11)}`

  return {
    /** `ex`: a caller's transaction to join (a meeting books its room in its own). */
    async create(ctx: RequestContext, roomId: string, input: BookingCreate, ex: Executor = db) {
      requireSignedIn(ctx.actor)
      const first: Slot = { start: new Date(input.start), end: new Date(input.end) }
      if (first.end <= first.start) throw unprocessable('BOOKING_RULE', { reason: '结束时间须晚于开始时间' }, [{ path: 'end', message: '结束时间须晚于开始时间' }])
      const slots = input.recurrence ? occurrencesOf(input.recurrence.rrule, first) : [first]
      const skipMode = input.recurrence?.onConflict === 'skip'
      return inTransaction(ex, async (tx) => {
        await requireAccessOne<VenueSubject>(tx, ctx.actor, { permission: 'room.book', entity: 'room', id: roomId })
        if (input.bookerUnitId) await requireAccess<UnitAccessSubject>(tx, ctx.actor, { permission: 'booking.forUnit', entity: 'unit', ids: [input.bookerUnitId] })
        const room = (await repo.findRoom(tx, roomId))!
        const venue = (await repo.findVenue(tx, room.venueId))!
        const kind = input.bookerUnitId ? 'unit' : 'resident'
        if (!room.bookerKinds.includes(kind)) throw unprocessable('BOOKING_RULE', { reason: kind === 'unit' ? '该场地不接受单位预约' : '该场地只接受单位预约' })
        const personId = ctx.actor.personId!
        await bookings.lockBooker(tx, roomId, input.bookerUnitId ? `u${input.bookerUnitId}` : `p${personId}`)
        await bookings.expireHolds(tx, now(), roomId)
        const lastDay = localDate(slots[slots.length - 1]!.start)
        const firstDay = localDate(slots[0]!.start)
        const holidays = await repo.holidaysFrom(tx, firstDay, Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000) + 1)
        const months = [...new Set(slots.map((s) => monthOf(s.start)))]
        const used = room.monthlyQuotaHours ? await bookings.hoursByMonth(tx, roomId, { personId, unitId: input.bookerUnitId ?? null }, months) : new Map<string, number>()
        const seriesId = input.recurrence ? await bookings.insertSeries(tx, { roomId, rrule: input.recurrence.rrule, onConflict: input.recurrence.onConflict, createdBy: personId }) : null
        const state = room.approval ? ('pending' as const) : ('confirmed' as const)
        const created: string[] = []
        const skipped: { start: string; end: string; reason: string }[] = []
        for (const slot of slots) {
          const when = { start: slot.start.toISOString(), end: slot.end.toISOString() }
          const breach = ruleBreach(room, venue, slot, holidays, input.attendees)
          if (breach) {
            if (skipMode) { skipped.push({ ...when, reason: breach }); continue }
            throw unprocessable('BOOKING_RULE', { reason: slots.length > 1 ? `${slotWords(when)}：${breach}` : breach }, { slot: when })
          }
          const hours = (slot.end.getTime() - slot.start.getTime()) / 3_600_000
          if (room.monthlyQuotaHours) {
            const month = monthOf(slot.start)
            const before = used.get(month) ?? 0
            if (before + hours > room.monthlyQuotaHours + 1e-9) {
              if (skipMode) { skipped.push({ ...when, reason: `超出 ${month} 的预约额度（每月 ${room.monthlyQuotaHours} 小时）` }); continue }
              throw unprocessable('BOOKING_QUOTA', { quota: room.monthlyQuotaHours, month, used: Math.round(before * 10) / 10 }, { slot: when })
            }
            used.set(month, before + hours)
          }
          const buffers = { before: room.bufferBeforeMinutes, after: room.bufferAfterMinutes }
          const clash = await bookings.clashOf(tx, roomId, { ...when, ...buffers })
          const holdUntil = state === 'pending' ? new Date(Math.min(now().getTime() + room.holdHours * 3_600_000, slot.start.getTime())).toISOString() : null
          let id: string | null = null
          if (!clash) {
            try {
              id = await inTransaction(tx, (sp) => bookings.insertBooking(sp, {
                roomId, seriesId, bookerId: personId, bookerUnitId: input.bookerUnitId ?? null, ...when, ...buffers,
                purpose: input.purpose, attendees: input.attendees ?? null, state, holdUntil,
              }))
            } catch (err) {
              // Another request took the slot between the check and the insert.
              if (pgErrorOf(err)?.code !== '23P01') throw err
            }
          }
          if (id === null) {
            const taken = clash ?? (await bookings.clashOf(tx, roomId, { ...when, ...buffers })) ?? when
            if (skipMode) { skipped.push({ ...when, reason: `与已有预约冲突（${slotWords(taken)}）` }); continue }
            throw conflict('BOOKING_CONFLICT', { start: beijingTime(taken.start), end: beijingTime(taken.end) }, { clash: { start: taken.start, end: taken.end } })
          }
          created.push(id)
        }
        if (created.length === 0) throw unprocessable('BOOKING_SERIES_EMPTY', {}, { skipped })
        const made = await bookings.findBookings(tx, created)
        const head = made[0]!
        await recordAudit(tx, ctx, {
          action: 'booking.create', entity: 'booking', entityId: head.id, orgPath: head.venueOrgPath,
          after: { roomId, start: head.start, end: head.end, purpose: input.purpose, state, bookerUnitId: input.bookerUnitId ?? null, seriesId, count: created.length },
        })
        const what = `${head.bookerUnitName ?? head.bookerName} 预约了 ${head.venueName}·${head.roomName}`
        await tellManagers(tx, head, personId, state === 'pending' ? `待审核：${what}` : what,
          `${slotWords(head)}${created.length > 1 ? ` 起共 ${created.length} 次` : ''}，用途：${input.purpose}`)
        return {
          ...present(head),
          ...(seriesId ? { series: { id: seriesId, created: created.length, bookingIds: made.map((b) => b.id), skipped } } : {}),
        }
      })
    },

    async get(ctx: RequestContext, id: string) {
      return present(await loadBooking(ctx, db, id, 'booking.read'))
    },

    async list(ctx: RequestContext, q: BookingsQuery) {
      requireSignedIn(ctx.actor)
      if (q.view === 'manage') {
        await requireAccess(db, ctx.actor, { permission: 'venue.manage', entity: 'venue', ids: [q.venueId] })
        await requireAccess(db, ctx.actor, { permission: 'room.manage', entity: 'room', ids: [q.roomId] })
      } else {
        await requireAccess(db, ctx.actor, { permission: 'venue.read', entity: 'venue', ids: [q.venueId] })
        await requireAccess(db, ctx.actor, { permission: 'room.read', entity: 'room', ids: [q.roomId] })
      }
      const after = decodeCursor(q.cursor, bookingCursor)
      const search = { ...q, personId: ctx.actor.personId ?? '0', scopes: scopeParam(scopesOf(ctx.actor, LEVEL.cadre)) || '0' }
      const found = await bookings.searchBookings(db, { ...search, after, limit: q.limit })
      const page = toPage(found, q.limit, present, (b) => ({ start: b.start, id: b.id }))
      const total = after ? undefined : await bookings.countBookings(db, search)
      return { ...page, ...(total === undefined ? {} : totalOf(total)) }
    },

    async approve(ctx: RequestContext, id: string, note?: string) {
      return inTransaction(db, async (tx) => {
        const b = await loadBooking(ctx, tx, id, 'booking.decide')
        await bookings.expireHolds(tx, now(), b.roomId)
        const ok = await bookings.setState(tx, id, ['pending'], 'confirmed', sql`, decided_by = ${ctx.actor.personId}, decided_at = now(), decision_note = ${note ?? null}, hold_until = NULL`)
        if (!ok) throw stateError((await bookings.findBooking(tx, id))!, '通过')
        const after = (await bookings.findBooking(tx, id))!
        await recordAudit(tx, ctx, { action: 'booking.approve', entity: 'booking', entityId: id, orgPath: b.venueOrgPath, before: { state: b.state }, after: { state: after.state, note: note ?? null } })
        await tellBooker(tx, after, ctx.actor.personId, `预约已通过：${after.venueName}·${after.roomName}`, slotWords(after))
        return present(after)
      })
    },

    async reject(ctx: RequestContext, id: string, note?: string) {
      return inTransaction(db, async (tx) => {
        const b = await loadBooking(ctx, tx, id, 'booking.decide')
        const ok = await bookings.setState(tx, id, ['pending'], 'rejected', sql`, decided_by = ${ctx.actor.personId}, decided_at = now(), decision_note = ${note ?? null}`)
        if (!ok) throw stateError((await bookings.findBooking(tx, id))!, '驳回')
        const after = (await bookings.findBooking(tx, id))!
        await recordAudit(tx, ctx, { action: 'booking.reject', entity: 'booking', entityId: id, orgPath: b.venueOrgPath, before: { state: b.state }, after: { state: after.state, note: note ?? null } })
        await tellBooker(tx, after, ctx.actor.personId, `预约未通过：${after.venueName}·${after.roomName}`, `${slotWords(after)}${note ? `。说明：${note}` : ''}`)
        return present(after)
      })
    },

    async cancel(ctx: RequestContext, id: string, note?: string, ex: Executor = db) {
      return inTransaction(ex, async (tx) => {
        const b = await loadBooking(ctx, tx, id, 'booking.cancel', true)
        if (Date.parse(b.end) <= now().getTime()) throw stateError(b, '在结束后取消')
        const ok = await bookings.setState(tx, id, ['pending', 'confirmed'], 'cancelled', sql`, cancelled_at = now(), decision_note = coalesce(${note ?? null}, decision_note)`)
        if (!ok) throw stateError(b, '取消')
        const after = (await bookings.findBooking(tx, id))!
        await recordAudit(tx, ctx, { action: 'booking.cancel', entity: 'booking', entityId: id, orgPath: b.venueOrgPath, before: { state: b.state }, after: { state: 'cancelled', note: note ?? null } })
        const title = `预约已取消：${after.venueName}·${after.roomName}`
        const body = `${slotWords(after)}（${after.bookerUnitName ?? after.bookerName}）${note ? `。说明：${note}` : ''}`
        if (ctx.actor.personId === b.bookerId || b.bookerUnitPersonIds.includes(ctx.actor.personId!)) await tellManagers(tx, after, ctx.actor.personId, title, body)
        else await tellBooker(tx, after, ctx.actor.personId, title, body)
        return present(after)
      })
    },

    /** Check-in at the room: the booker with the code of the room's QR code, or a manager. */
    async checkin(ctx: RequestContext, id: string, code?: string) {
      return inTransaction(db, async (tx) => {
        const b = await loadBooking(ctx, tx, id, 'booking.read', true)
        const manager = can(ctx.actor, 'booking.decide', subjectOf(b))
        if (!manager) {
          const room = (await repo.findRoom(tx, b.roomId))!
          if (!code || code !== room.checkinCode) throw unprocessable('BOOKING_CHECKIN_CODE', {}, [{ path: 'code', message: '签到码不正确' }])
        }
        const t = now().getTime()
        if (t < Date.parse(b.start) - CHECKIN_EARLY_MIN * 60_000 || t > Date.parse(b.end)) throw unprocessable('BOOKING_CHECKIN_WINDOW', { minutes: CHECKIN_EARLY_MIN })
        if (b.state !== 'confirmed' || b.checkedInAt) throw stateError(b, b.checkedInAt ? '重复签到' : '签到')
        await bookings.checkIn(tx, id)
        const after = (await bookings.findBooking(tx, id))!
        await recordAudit(tx, ctx, { action: 'booking.checkin', entity: 'booking', entityId: id, orgPath: b.venueOrgPath, after: { checkedInAt: after.checkedInAt, byManager: manager } })
        return present(after)
      })
    },

    /** A venue's bookings over some days, with its opening hours, for its managers' week calendar. */
    async venueCalendar(ctx: RequestContext, venueId: string, from: string, days: number) {
      await requireAccessOne(db, ctx.actor, { permission: 'venue.manage', entity: 'venue', id: venueId, hide: true })
      const venue = (await repo.findVenue(db, venueId))!
      const holidays = await repo.holidaysFrom(db, from, days)
      const start = new Date(Date.parse(`${from}T00:00:00Z`) - OFFSET_MS).toISOString()
      const end = new Date(Date.parse(`${addDays(from, days)}T00:00:00Z`) - OFFSET_MS).toISOString()
      const found = await bookings.bookingsBetween(db, { venueId }, start, end, ['pending', 'confirmed', 'no_show'])
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
      return {
        venue: { id: venue.id, name: venue.name },
        from,
        days: Array.from({ length: days }, (_, i) => {
          const date = addDays(from, i)
          return { date, hours: intervalsOn(venue.hours, date, holidays).map(([o, c]) => ({ open: hhmm(o), close: hhmm(c) })) }
        }),
        rooms: venue.rooms.map((r) => ({ id: r.id, name: r.name })),
        bookings: found.map(present),
      }
    },

    /** Booked hours, occupancy against opening hours, and no-shows of a room over a period. */
    async usage(ctx: RequestContext, roomId: string, from: string, to: string) {
      await requireAccessOne(db, ctx.actor, { permission: 'room.manage', entity: 'room', id: roomId, hide: true })
      const room = (await repo.findRoom(db, roomId))!
      const venue = (await repo.findVenue(db, room.venueId))!
      const days = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1)
      const holidays = await repo.holidaysFrom(db, from, days)
      let openMinutes = 0
      for (let i = 0; i < days; i++) {
        const date = addDays(from, i)
        if (room.blackoutDays.includes(date)) continue
        for (const [o, c] of intervalsOn(venue.hours, date, holidays)) openMinutes += c - o
      }
      const start = new Date(Date.parse(`${from}T00:00:00Z`) - OFFSET_MS).toISOString()
      const end = new Date(Date.parse(`${addDays(to, 1)}T00:00:00Z`) - OFFSET_MS).toISOString()
      const found = await bookings.bookingsBetween(db, { roomId }, start, end, ['confirmed', 'no_show'])
      const hoursOf = (b: bookings.BookingRow) => (Date.parse(b.end) - Date.parse(b.start)) / 3_600_000
      const booked = found.filter((b) => b.state === 'confirmed').reduce((s, b) => s + hoursOf(b), 0)
      const ended = found.filter((b) => Date.parse(b.end) <= now().getTime())
      const noShows = found.filter((b) => b.state === 'no_show').length
      const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d
      return {
        room: { id: room.id, name: room.name },
        from,
        to,
        bookings: found.length,
        bookedHours: round(booked, 1),
        openHours: round(openMinutes / 60, 1),
        occupancyRate: openMinutes ? round(booked / (openMinutes / 60)) : 0,
        noShows,
        noShowRate: ended.length ? round(noShows / ended.length) : 0,
      }
    },

    /** A room's iCalendar feed: when it is taken (no booker names: the feed is public). */
    async roomFeed(ctx: RequestContext, roomId: string) {
      // Public, like the venue: no login (a phone calendar sends none).
      const room = await repo.findRoom(db, roomId)
      if (!room) throw notFound('ROOM_NOT_FOUND')
      const venue = (await repo.findVenue(db, room.venueId))!
      const since = new Date(now().getTime() - 30 * 86_400_000).toISOString()
      const until = new Date(now().getTime() + 400 * 86_400_000).toISOString()
      const found = await bookings.bookingsBetween(db, { roomId }, since, until, ['pending', 'confirmed'])
      const cal = ical({ name: `${venue.name}·${room.name}`, prodId: { company: 'linli', product: 'linli' }, timezone: 'Asia/Shanghai' })
      for (const b of found) {
        cal.createEvent({
          id: `booking-${b.id}@linli`, start: new Date(b.start), end: new Date(b.end), summary: b.state === 'pending' ? '已预约（待审核）' : '已预约',
          location: `${venue.name}·${room.name}，${venue.address}`, status: b.state === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
        })
      }
      return cal.toString()
    },

    /** A person's bookings calendar feed, by its secret token (a phone calendar sends no cookie). */
    async personFeed(token: string) {
      const owner = await firstRow<{ personId: string }>(db, sql`SELECT person_id::text AS "personId" FROM booking_feeds WHERE token = ${token}`)
      if (!owner) throw notFound('BOOKING_FEED_INVALID')
      const found = await bookings.bookingsOfPerson(db, owner.personId, new Date(now().getTime() - 30 * 86_400_000).toISOString())
      const cal = ical({ name: '我的场地预约', prodId: { company: 'linli', product: 'linli' }, timezone: 'Asia/Shanghai' })
      for (const b of found) {
        cal.createEvent({
          id: `booking-${b.id}@linli`, start: new Date(b.start), end: new Date(b.end), summary: `${b.purpose}（${b.venueName}·${b.roomName}）`,
          description: b.state === 'pending' ? '待审核' : '已确认', location: `${b.venueName}·${b.roomName}`,
          status: b.state === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
        })
      }
      return cal.toString()
    },

    /** The caller's feed address, null until they make one. */
    async myFeed(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const row = await firstRow<{ token: string }>(db, sql`SELECT token FROM booking_feeds WHERE person_id = ${ctx.actor.personId ?? '0'}`)
      return { url: row ? feedUrl(row.token) : null }
    },

    /** Makes the caller's feed address, or a new one that ends the old. */
    async resetFeed(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      if (ctx.actor.kind !== 'person') throw new AppError(403, 'FORBIDDEN')
      const token = randomBytes(18).toString('base64url')
      const [row] = await rows<{ token: string }>(db, sql`INSERT INTO booking_feeds (person_id, token) VALUES (${ctx.actor.personId}, ${token})
        ON CONFLICT (person_id) DO UPDATE SET token = EXCLUDED.token, created_at = EXCLUDED.created_at RETURNING token`)
      return { url: feedUrl(row!.token) }
    },

    /** The sweep: pending holds that ran out expire; confirmed bookings nobody came to become no-shows. */
    async sweep(tx: Executor, at: Date) {
      return { expired: await bookings.expireHolds(tx, at), noShows: await bookings.markNoShows(tx, at) }
    },
  }
}

export type BookingService = ReturnType<typeof createBookingService>
