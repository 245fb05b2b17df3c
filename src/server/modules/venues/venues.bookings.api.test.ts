import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Person } from '../../../../test/support/factories.ts'
import { beijing, unitFor, venueWorld } from '../../../../test/support/venues.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const bookingsOf = async (roomId: string) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM room_bookings WHERE room_id = ${roomId}`))[0]!.n

/** A resident somewhere in the city (anyone signed in may book). */
async function someone(): Promise<Person> {
  const community = await f.newCommunity()
  return f.newPerson({ role: 'resident', orgId: (await f.newBuilding(await f.newGrid(community))).id })
}

describe('booking a room', () => {
  test('a resident books a free slot and it is confirmed; the same slot again is a 409 naming the clash, and nothing is written', async () => {
    const { roomId, cadre } = await venueWorld(t, f)
    const a = await someone()
    const b = await someone()
    const res = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(2, 10), end: beijing(2, 12), purpose: '楼栋议事会' })
    assert.equal(res.statusCode, 201, res.body)
    const booking = res.json()
    assert.equal(booking.state, 'confirmed')
    assert.equal(booking.start, new Date(beijing(2, 10)).toISOString())
    assert.equal(booking.booker.id, a.id)
    const clash = await b.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(2, 11), end: beijing(2, 13), purpose: '舞蹈排练' })
    assert.equal(clash.statusCode, 409, clash.body)
    assert.equal(codeOf(clash), 'BOOKING_CONFLICT')
    assert.deepEqual(clash.json().error.details.clash, { start: booking.start, end: booking.end })
    assert.match(clash.json().error.message, /已被预约/)
    assert.equal(await bookingsOf(roomId), 1)
    // Back to back is fine.
    assert.equal((await b.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(2, 12), end: beijing(2, 13), purpose: '舞蹈排练' })).statusCode, 201)
    // The manager is told; the booker and the manager read it, someone else does not.
    const [note] = await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${cadre.id} ORDER BY id DESC LIMIT 1`)
    assert.match(note!.title, /预约了/)
    assert.equal((await a.client.get(`/api/v1/bookings/${booking.id}`)).statusCode, 200)
    assert.equal((await cadre.client.get(`/api/v1/bookings/${booking.id}`)).statusCode, 200)
    assert.equal((await b.client.get(`/api/v1/bookings/${booking.id}`)).statusCode, 404)
    const mine = (await a.client.get('/api/v1/bookings')).json()
    assert.deepEqual(mine.items.map((x: { id: string }) => x.id), [booking.id])
    assert.equal(mine.total, 1)
    const managed = (await cadre.client.get('/api/v1/bookings?view=manage')).json()
    assert.equal(managed.total, 2)
    assert.deepEqual((await b.client.get('/api/v1/bookings?view=manage')).json().items, [])
  })

  test('buffers keep a gap between bookings', async () => {
    const { roomId } = await venueWorld(t, f, { bufferAfterMinutes: 30 })
    const a = await someone()
    assert.equal((await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(3, 9), end: beijing(3, 10), purpose: '读书会' })).statusCode, 201)
    const tooSoon = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(3, 10, 15), end: beijing(3, 11), purpose: '读书会' })
    assert.equal(codeOf(tooSoon), 'BOOKING_CONFLICT')
    assert.equal((await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(3, 10, 30), end: beijing(3, 11), purpose: '读书会' })).statusCode, 201)
  })

  test('the room\'s rules refuse a slot with a clear reason: lead time, duration, hours, blackout days, capacity, booker kind', async () => {
    const blackout = beijing(4, 10).slice(0, 10)
    const { roomId } = await venueWorld(t, f, { leadMinutes: 120, maxAdvanceDays: 20, minMinutes: 60, maxMinutes: 180, blackoutDays: [blackout], capacity: 10, bookerKinds: ['resident'] })
    const a = await someone()
    const cases: [Record<string, unknown>, string][] = [
      [{ start: new Date(Date.now() + 30 * 60_000).toISOString(), end: new Date(Date.now() + 120 * 60_000).toISOString() }, '提前'],
      [{ start: beijing(25, 10), end: beijing(25, 12) }, '最多提前 20 天'],
      [{ start: beijing(5, 10), end: beijing(5, 10, 30) }, '至少 60 分钟'],
      [{ start: beijing(5, 10), end: beijing(5, 14) }, '最多 180 分钟'],
      [{ start: beijing(5, 6), end: beijing(5, 8) }, '开放时间'],
      [{ start: beijing(5, 20), end: beijing(5, 22) }, '开放时间'],
      [{ start: beijing(4, 10), end: beijing(4, 12) }, '不开放预约'],
      [{ start: beijing(5, 10), end: beijing(5, 12), attendees: 30 }, '最多容纳 10 人'],
    ]
    for (const [slot, reason] of cases) {
      const res = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { purpose: '活动', ...slot })
      assert.equal(res.statusCode, 422, `${JSON.stringify(slot)} → ${res.body}`)
      assert.equal(codeOf(res), 'BOOKING_RULE')
      assert.ok(res.json().error.message.includes(reason), res.json().error.message)
    }
    const bad = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(5, 12), end: beijing(5, 10), purpose: '活动' })
    assert.equal(bad.statusCode, 422)
    assert.equal((await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: 'tomorrow', end: beijing(5, 10), purpose: '活动' })).statusCode, 400)
    const unitId = await unitFor(t, (await f.newCommunity()).id, a)
    const asUnit = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(5, 10), end: beijing(5, 12), purpose: '活动', bookerUnitId: unitId })
    assert.equal(codeOf(asUnit), 'BOOKING_RULE')
    assert.equal(await bookingsOf(roomId), 0)
  })

  test('booking for a unit needs acting for it; the unit\'s people see its bookings', async () => {
    const { roomId } = await venueWorld(t, f)
    const rep = await someone()
    const colleague = await someone()
    const stranger = await someone()
    const unitId = await unitFor(t, (await f.newCommunity()).id, rep)
    await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${unitId}, ${colleague.id}, 'staff')`)
    const refused = await stranger.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(6, 10), end: beijing(6, 12), purpose: '主题党日', bookerUnitId: unitId })
    assert.equal(refused.statusCode, 404, refused.body)
    const res = await rep.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(6, 10), end: beijing(6, 12), purpose: '主题党日', bookerUnitId: unitId })
    assert.equal(res.statusCode, 201, res.body)
    assert.equal(res.json().bookerUnit.id, unitId)
    assert.equal((await colleague.client.get(`/api/v1/bookings/${res.json().id}`)).statusCode, 200)
    assert.equal((await colleague.client.get('/api/v1/bookings')).json().total, 1)
  })

  test('a monthly quota counts the booker\'s hours in the room', async () => {
    const { roomId } = await venueWorld(t, f, { monthlyQuotaHours: 3 })
    const a = await someone()
    const day = 8
    // Keep both in one month: pick the day after `day` only if it is in the same month.
    assert.equal((await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(day, 9), end: beijing(day, 11), purpose: '活动' })).statusCode, 201)
    const over = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(day, 14), end: beijing(day, 16), purpose: '活动' })
    assert.equal(codeOf(over), 'BOOKING_QUOTA')
    assert.match(over.json().error.message, /每月最多 3 小时/)
    assert.equal((await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(day, 14), end: beijing(day, 15), purpose: '活动' })).statusCode, 201)
  })

  test('parallel requests for one slot: exactly one booking holds it, the others get 409', async () => {
    const { roomId } = await venueWorld(t, f)
    const people = await Promise.all(Array.from({ length: 8 }, () => someone()))
    const answers = await Promise.all(people.map((p) => p.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(9, 14), end: beijing(9, 16), purpose: '同一时段' })))
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409, 409, 409])
    assert.equal(await bookingsOf(roomId), 1)
  })
})

describe('approval, cancellation and check-in', () => {
  test('a pending booking holds its slot; approval is a compare-and-swap; a rejected slot is free again', async () => {
    const { roomId, cadre, venue } = await venueWorld(t, f, { approval: true, holdHours: 24 })
    const a = await someone()
    const b = await someone()
    const res = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(3, 14), end: beijing(3, 16), purpose: '党课' })
    assert.equal(res.statusCode, 201, res.body)
    const booking = res.json()
    assert.equal(booking.state, 'pending')
    assert.ok(booking.holdUntil)
    // Pending is not invisible to the check.
    assert.equal(codeOf(await b.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(3, 15), end: beijing(3, 17), purpose: '排练' })), 'BOOKING_CONFLICT')
    // The booker cannot approve their own; an outsider cannot see it.
    assert.equal((await a.client.post(`/api/v1/bookings/${booking.id}/approve`, {})).statusCode, 403)
    assert.equal((await b.client.post(`/api/v1/bookings/${booking.id}/approve`, {})).statusCode, 404)
    const approved = await cadre.client.post(`/api/v1/bookings/${booking.id}/approve`, { note: '请提前布置' })
    assert.equal(approved.statusCode, 200, approved.body)
    assert.equal(approved.json().state, 'confirmed')
    assert.equal(approved.json().holdUntil, null)
    const again = await cadre.client.post(`/api/v1/bookings/${booking.id}/approve`, {})
    assert.equal(again.statusCode, 409)
    assert.equal(codeOf(again), 'BOOKING_STATE')
    const [told] = await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${a.id} ORDER BY id DESC LIMIT 1`)
    assert.match(told!.title, /预约已通过/)
    // A second request, rejected: its slot is free again.
    const second = (await b.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(4, 14), end: beijing(4, 16), purpose: '排练' })).json()
    assert.equal((await cadre.client.post(`/api/v1/bookings/${second.id}/reject`, { note: '当天另有安排' })).json().state, 'rejected')
    assert.equal((await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(4, 14), end: beijing(4, 16), purpose: '党课' })).statusCode, 201)
    // The week calendar shows the venue's bookings with its hours.
    const week = await cadre.client.get(`/api/v1/venues/${venue.id}/calendar?from=${beijing(0, 0).slice(0, 10)}&days=7`)
    assert.equal(week.statusCode, 200, week.body)
    assert.equal(week.json().days.length, 7)
    assert.deepEqual(week.json().days[0].hours, [{ open: '08:00', close: '21:00' }])
    // The rejected one is not on it: the approved one and the pending one are.
    assert.deepEqual(week.json().bookings.map((x: { state: string }) => x.state), ['confirmed', 'pending'])
    assert.equal((await b.client.get(`/api/v1/venues/${venue.id}/calendar?from=${beijing(0, 0).slice(0, 10)}`)).statusCode, 404)
  })

  test('a pending hold runs out: the sweep expires it and the slot is free', async () => {
    const { roomId } = await venueWorld(t, f, { approval: true, holdHours: 1 })
    const a = await someone()
    const booking = (await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(5, 14), end: beijing(5, 16), purpose: '党课' })).json()
    const report = await t.database.db.transaction((tx) => t.app.services.venues.bookings.sweep(tx, new Date(Date.now() + 2 * 3_600_000)))
    assert.ok(report.expired >= 1)
    assert.equal((await a.client.get(`/api/v1/bookings/${booking.id}`)).json().state, 'expired')
    assert.equal((await (await someone()).client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(5, 14), end: beijing(5, 16), purpose: '排练' })).statusCode, 201)
  })

  test('the booker cancels and the manager is told; a cancelled booking cannot be cancelled again', async () => {
    const { roomId, cadre } = await venueWorld(t, f)
    const a = await someone()
    const booking = (await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(6, 14), end: beijing(6, 16), purpose: '党课' })).json()
    const res = await a.client.post(`/api/v1/bookings/${booking.id}/cancel`, { note: '活动改期' })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().state, 'cancelled')
    const [told] = await t.query<{ title: string; body: string }>(sql`SELECT title, body FROM notifications WHERE person_id = ${cadre.id} ORDER BY id DESC LIMIT 1`)
    assert.match(told!.title, /预约已取消/)
    assert.match(told!.body, /活动改期/)
    assert.equal(codeOf(await a.client.post(`/api/v1/bookings/${booking.id}/cancel`, {})), 'BOOKING_STATE')
    assert.equal((await (await someone()).client.post(`/api/v1/bookings/${booking.id}/cancel`, {})).statusCode, 404)
  })

  test('check-in takes the room\'s QR code within the window; the sweep marks those who never came as no-shows; usage counts them', async () => {
    const { roomId, cadre } = await venueWorld(t, f, { leadMinutes: 0 })
    const a = await someone()
    // Starts in ten minutes (inside the check-in window), if the venue is open then; else tomorrow at 10.
    const soon = new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000)
    const hour = Number(new Date(soon.getTime() + 8 * 3_600_000).toISOString().slice(11, 13))
    const open = hour >= 8 && hour < 20
    const start = open ? soon.toISOString() : beijing(1, 10)
    const end = new Date(Date.parse(start) + 60 * 60_000).toISOString()
    const booking = (await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start, end, purpose: '党员学习' })).json()
    assert.ok(booking.id, JSON.stringify(booking))
    if (open) {
      assert.equal(codeOf(await a.client.post(`/api/v1/bookings/${booking.id}/checkin`, { code: 'wrong' })), 'BOOKING_CHECKIN_CODE')
      const code = (await cadre.client.get(`/api/v1/rooms/${roomId}/checkin-code`)).json().code
      const res = await a.client.post(`/api/v1/bookings/${booking.id}/checkin`, { code })
      assert.equal(res.statusCode, 200, res.body)
      assert.ok(res.json().checkedInAt)
      assert.equal(codeOf(await a.client.post(`/api/v1/bookings/${booking.id}/checkin`, { code })), 'BOOKING_STATE')
    } else {
      assert.equal(codeOf(await cadre.client.post(`/api/v1/bookings/${booking.id}/checkin`, {})), 'BOOKING_CHECKIN_WINDOW')
    }
    // Another booking nobody comes to: after its start the sweep marks it.
    const missed = (await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(2, 10), end: beijing(2, 11), purpose: '党员学习' })).json()
    await t.database.db.transaction((tx) => t.app.services.venues.bookings.sweep(tx, new Date(Date.parse(beijing(2, 11)))))
    assert.equal((await a.client.get(`/api/v1/bookings/${missed.id}`)).json().state, 'no_show')
    const usage = await cadre.client.get(`/api/v1/rooms/${roomId}/usage?from=${beijing(0, 0).slice(0, 10)}&to=${beijing(6, 0).slice(0, 10)}`)
    assert.equal(usage.statusCode, 200, usage.body)
    // When the first booking was tomorrow (the venue closed now), nobody checked in to it either.
    assert.equal(usage.json().noShows, open ? 1 : 2)
    assert.equal(usage.json().openHours, 7 * 13)
    assert.equal((await a.client.get(`/api/v1/rooms/${roomId}/usage?from=2026-01-01&to=2026-01-31`)).statusCode, 404)
  })
})

describe('recurring series and calendars', () => {
  test('a weekly series all or nothing: one clash fails the whole series and writes nothing', async () => {
    const { roomId } = await venueWorld(t, f)
    const a = await someone()
    const b = await someone()
    assert.equal((await b.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(15, 14), end: beijing(15, 16), purpose: '占位' })).statusCode, 201)
    const res = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(1, 14), end: beijing(1, 16), purpose: '主题党日', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', onConflict: 'fail' } })
    assert.equal(res.statusCode, 409, res.body)
    assert.equal(res.json().error.details.clash.start, new Date(beijing(15, 14)).toISOString())
    assert.equal(await bookingsOf(roomId), 1)
    assert.equal((await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM booking_series WHERE room_id = ${roomId}`))[0]!.n, 0)
  })

  test('skip conflicts: the series books the rest and lists each skipped occurrence and why', async () => {
    const blackout = beijing(22, 0).slice(0, 10)
    const { roomId } = await venueWorld(t, f, { blackoutDays: [blackout] })
    const a = await someone()
    const b = await someone()
    await b.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(8, 15), end: beijing(8, 17), purpose: '占位' })
    const res = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(1, 14), end: beijing(1, 16), purpose: '主题党日', recurrence: { rrule: 'RRULE:FREQ=WEEKLY;COUNT=4', onConflict: 'skip' } })
    assert.equal(res.statusCode, 201, res.body)
    const { series } = res.json()
    assert.equal(series.created, 2)
    assert.equal(series.skipped.length, 2)
    assert.equal(series.skipped[0].start, new Date(beijing(8, 14)).toISOString())
    assert.match(series.skipped[0].reason, /冲突/)
    assert.match(series.skipped[1].reason, /不开放预约/)
    assert.equal(await bookingsOf(roomId), 3)
  })

  test('a series is checked against the quota as a whole; bad rules are refused', async () => {
    const { roomId } = await venueWorld(t, f, { monthlyQuotaHours: 4 })
    const a = await someone()
    const daily = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(1, 9), end: beijing(1, 11), purpose: '活动', recurrence: { rrule: 'FREQ=DAILY;COUNT=3', onConflict: 'fail' } })
    assert.ok([422].includes(daily.statusCode), daily.body)
    assert.ok(['BOOKING_QUOTA'].includes(codeOf(daily)))
    assert.equal(await bookingsOf(roomId), 0)
    for (const rrule of ['FREQ=HOURLY;COUNT=3', 'FREQ=WEEKLY', 'not a rule', 'FREQ=DAILY;COUNT=500', 'DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY;COUNT=2']) {
      const res = await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(1, 9), end: beijing(1, 10), purpose: '活动', recurrence: { rrule, onConflict: 'skip' } })
      assert.equal(res.statusCode, 422, `${rrule} → ${res.body}`)
      assert.equal(codeOf(res), 'BOOKING_SERIES_INVALID')
    }
  })

  test('iCalendar feeds: the room\'s shows taken slots without names; a person\'s shows their bookings by a secret link', async () => {
    const { roomId } = await venueWorld(t, f)
    const a = await someone()
    await a.client.post(`/api/v1/rooms/${roomId}/bookings`, { start: beijing(2, 14), end: beijing(2, 16), purpose: '楼道议事' })
    const room = await t.anonymous.get(`/api/v1/rooms/${roomId}/calendar.ics`)
    assert.equal(room.statusCode, 200)
    assert.match(room.headers['content-type'] as string, /text\/calendar/)
    assert.match(room.body, /BEGIN:VEVENT/)
    assert.match(room.body, /SUMMARY:已预约/)
    assert.doesNotMatch(room.body, /楼道议事/)
    assert.equal((await a.client.get('/api/v1/me/booking-feed')).json().url, null)
    const feed = (await a.client.post('/api/v1/me/booking-feed/reset')).json().url as string
    assert.equal((await a.client.get('/api/v1/me/booking-feed')).json().url, feed)
    const mine = await t.anonymous.get(feed)
    assert.equal(mine.statusCode, 200)
    assert.match(mine.body, /楼道议事/)
    const reset = (await a.client.post('/api/v1/me/booking-feed/reset')).json().url
    assert.notEqual(reset, feed)
    assert.equal((await t.anonymous.get(feed)).statusCode, 404)
    assert.equal((await t.anonymous.get('/api/v1/me/booking-feed')).statusCode, 401)
  })
})
