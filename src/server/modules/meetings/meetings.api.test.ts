import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Org, type Person } from '../../../../test/support/factories.ts'
import { beijing, unitFor, venueWorld } from '../../../../test/support/venues.ts'
import { meetingBody, newTopic, soon } from '../../../../test/support/meetings.ts'
import { topicMeetings } from './meetings.read.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const count = async (q: ReturnType<typeof sql>) => (await t.query<{ n: number }>(q))[0]!.n

/** A community with a cadre, a grid, and residents living there. */
async function world() {
  const community = await f.newCommunity()
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const building = await f.newBuilding(await f.newGrid(community))
  const residents: Person[] = []
  for (let i = 0; i < 4; i++) residents.push(await f.newPerson({ role: 'resident', orgId: building.id }))
  return { community, cadre, building, residents }
}

async function meetingAt(community: Org, cadre: Person, over: Record<string, unknown> = {}) {
  const res = await cadre.client.post('/api/v1/meetings', meetingBody(community.id, over))
  assert.equal(res.statusCode, 201, res.body)
  return res.json()
}

describe('creating a meeting with a room', () => {
  test('the room is booked in the same transaction; a clashing meeting gets the venues module\'s 409 and nothing is written', async () => {
    const { community, cadre, roomId } = await venueWorld(t, f)
    const topic = await newTopic(t, community.id)
    const m = await meetingAt(community, cadre, {
      kind: 'round_table', title: '电动车停放第一次圆桌会', startsAt: beijing(3, 14), endsAt: beijing(3, 16), roomId, place: undefined,
      agenda: [{ text: '通报电动车停放现状', topicId: topic }, { text: '各方发言' }],
    })
    assert.equal(m.state, 'planned')
    assert.equal(m.room.id, roomId)
    assert.equal(m.booking.state, 'confirmed')
    assert.deepEqual(m.agenda.map((a: { text: string; topicId: string | null }) => a.topicId), [topic, null])
    assert.deepEqual(m.agenda.map((a: { topicTitle: string | null }) => a.topicTitle?.startsWith('测试议题') ?? null), [true, null], 'the linked topic\'s title comes along')
    const booking = await cadre.client.get(`/api/v1/bookings/${m.booking.id}`)
    assert.match(booking.json().purpose, /圆桌会：电动车停放/)
    const before = await count(sql`SELECT count(*)::int AS n FROM meetings`)
    const clash = await cadre.client.post('/api/v1/meetings', meetingBody(community.id, { startsAt: beijing(3, 15), endsAt: beijing(3, 17), roomId, place: undefined }))
    assert.equal(clash.statusCode, 409, clash.body)
    assert.equal(codeOf(clash), 'BOOKING_CONFLICT')
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM meetings`), before)
  })

  test('parallel meetings for one room and slot: exactly one is created with its booking, the others get 409 and leave nothing', async () => {
    const { community, roomId } = await venueWorld(t, f)
    const cadres = await Promise.all(Array.from({ length: 6 }, () => f.newPerson({ role: 'community_cadre', orgId: community.id })))
    const answers = await Promise.all(cadres.map((c, i) => c.client.post('/api/v1/meetings', meetingBody(community.id, {
      title: `并发议事会${i}`, startsAt: beijing(6, 14), endsAt: beijing(6, 16), roomId, place: undefined,
    }))))
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409])
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM meetings WHERE org_id = ${community.id}`), 1)
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM room_bookings WHERE room_id = ${roomId}`), 1)
  })

  test('a meeting needs a room or a place, an end after its start, and topics that exist', async () => {
    const { community, cadre } = await world()
    const noPlace = await cadre.client.post('/api/v1/meetings', meetingBody(community.id, { place: undefined }))
    assert.equal(noPlace.statusCode, 422, noPlace.body)
    const backwards = await cadre.client.post('/api/v1/meetings', meetingBody(community.id, { startsAt: beijing(2, 12), endsAt: beijing(2, 10) }))
    assert.equal(codeOf(backwards), 'MEETING_TIME')
    const noTopic = await cadre.client.post('/api/v1/meetings', meetingBody(community.id, { agenda: [{ text: '不存在的议题', topicId: '999999999' }] }))
    assert.equal(noTopic.statusCode, 404, noTopic.body)
    assert.equal(codeOf(noTopic), 'TOPIC_NOT_FOUND')
  })

  test('moving a meeting re-books the room, and cancelling it cancels the booking and tells the invited', async () => {
    const { community, cadre, roomId } = await venueWorld(t, f)
    const guest = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(await f.newGrid(community))).id })
    const m = await meetingAt(community, cadre, { startsAt: beijing(4, 9), endsAt: beijing(4, 10), roomId, place: undefined, inviteeIds: [guest.id] })
    const moved = await cadre.client.patch(`/api/v1/meetings/${m.id}`, { startsAt: beijing(5, 9), endsAt: beijing(5, 10) })
    assert.equal(moved.statusCode, 200, moved.body)
    assert.notEqual(moved.json().booking.id, m.booking.id)
    assert.equal((await cadre.client.get(`/api/v1/bookings/${m.booking.id}`)).json().state, 'cancelled')
    const cancelled = await cadre.client.post(`/api/v1/meetings/${m.id}/cancel`, { reason: '台风预警' })
    assert.equal(cancelled.statusCode, 200, cancelled.body)
    assert.equal(cancelled.json().state, 'cancelled')
    assert.equal((await cadre.client.get(`/api/v1/bookings/${moved.json().booking.id}`)).json().state, 'cancelled')
    const told = await t.query<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${guest.id} ORDER BY id`)
    assert.deepEqual(told.map((n) => n.title.split('：')[0]), ['会议邀请', '会议时间或地点变更', '会议取消'])
    // The slot is free again.
    const again = await meetingAt(community, cadre, { startsAt: beijing(5, 9), endsAt: beijing(5, 10), roomId, place: undefined })
    assert.equal(again.booking.state, 'confirmed')
  })
})

describe('parties, invitations and registration', () => {
  test('a police station (a unit with its officer), a school by name and residents are invited and notified; an invitee registers on the phone', async () => {
    const { community, cadre, residents } = await world()
    const officer = await f.newPerson({ role: 'resident', orgId: community.id, name: '民警老周' })
    const police = await unitFor(t, community.id, officer)
    const m = await meetingAt(community, cadre, {
      parties: [{ kind: 'police', name: '城南派出所', unitId: police, representativeIds: [officer.id] }, { kind: 'school', name: '阳光小学' }],
      inviteeIds: [residents[0]!.id, residents[1]!.id],
    })
    assert.deepEqual(m.parties.map((p: { kind: string; representatives: number }) => [p.kind, p.representatives]), [['police', 1], ['school', 0]])
    assert.equal(m.invited, 4) // two residents, the officer, and the organiser as chair
    assert.equal(await count(sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'meeting' AND link->>'meetingId' = ${m.id}`), 3)
    // Someone not acting for the unit cannot represent it.
    const notStaff = await cadre.client.post(`/api/v1/meetings/${m.id}/parties`, { kind: 'unit', unitId: police, representativeIds: [residents[2]!.id] })
    assert.equal(codeOf(notStaff), 'MEETING_UNIT_STAFF')
    const reg = await residents[0]!.client.post(`/api/v1/meetings/${m.id}/registration`, { attending: true })
    assert.equal(reg.statusCode, 200, reg.body)
    assert.equal(reg.json().me.registered, true)
    const mine = (await residents[0]!.client.get('/api/v1/meetings/mine')).json().items
    assert.deepEqual(mine.map((x: { id: string }) => x.id), [m.id])
    // A resident who is not invited neither sees nor registers for a closed meeting.
    assert.equal((await residents[3]!.client.get(`/api/v1/meetings/${m.id}`)).statusCode, 404)
    assert.equal((await residents[3]!.client.post(`/api/v1/meetings/${m.id}/registration`, { attending: true })).statusCode, 404)
  })

  test('a meeting open to registration is listed for the residents of its community, who register themselves', async () => {
    const { community, cadre, residents } = await world()
    const m = await meetingAt(community, cadre, { openRegistration: true })
    const mine = (await residents[2]!.client.get('/api/v1/meetings/mine')).json().items
    assert.ok(mine.some((x: { id: string; me: { invited: boolean } }) => x.id === m.id && !x.me.invited))
    const reg = await residents[2]!.client.post(`/api/v1/meetings/${m.id}/registration`, { attending: true })
    assert.equal(reg.statusCode, 200, reg.body)
    assert.equal(reg.json().invitees.find((i: { person: { id: string } }) => i.person.id === residents[2]!.id).selfRegistered, true)
    const outsider = await f.newPerson({ role: 'resident', orgId: (await f.newCommunity()).id })
    assert.equal((await outsider.client.post(`/api/v1/meetings/${m.id}/registration`, { attending: true })).statusCode, 404)
  })
})

describe('check-in, attendance, quorum, minutes and decisions', () => {
  test('the whole meeting: QR check-in, absence by hand with a reason, quorum, minutes approved by a majority of those present, decisions linked to a topic', async () => {
    const { community, cadre, residents } = await world()
    const [a, b, c, d] = residents as [Person, Person, Person, Person]
    const topic = await newTopic(t, community.id)
    const m = await meetingAt(community, cadre, { ...soon(), quorumCount: 3, inviteeIds: [a.id, b.id, c.id, d.id] })
    await cadre.client.post(`/api/v1/meetings/${m.id}/invitees`, { personIds: [a.id], role: 'secretary' })
    const qr = await cadre.client.get(`/api/v1/meetings/${m.id}/checkin-code`)
    assert.equal(qr.statusCode, 200, qr.body)
    assert.match(qr.json().url, /\/h5\/meetings\/checkin\?meeting=/)
    assert.match(qr.json().svg, /<svg/)
    const bad = await a.client.post(`/api/v1/meetings/${m.id}/checkin`, { code: `${qr.json().code.split('.')[0]}.0000000000000000` })
    assert.equal(codeOf(bad), 'MEETING_CODE_INVALID')
    const checked = await a.client.post(`/api/v1/meetings/${m.id}/checkin`, { code: qr.json().code })
    assert.equal(checked.statusCode, 200, checked.body)
    assert.equal(checked.json().state, 'open')
    assert.equal(checked.json().me.present, true)
    assert.equal(codeOf(await a.client.post(`/api/v1/meetings/${m.id}/checkin`, { code: qr.json().code })), 'MEETING_ALREADY_CHECKED_IN')
    await b.client.post(`/api/v1/meetings/${m.id}/checkin`, { code: qr.json().code })
    assert.equal((await cadre.client.get(`/api/v1/meetings/${m.id}`)).json().quorum.reached, false)
    const noReason = await cadre.client.post(`/api/v1/meetings/${m.id}/attendance`, { entries: [{ personId: d.id, present: false }] })
    assert.equal(noReason.statusCode, 422, noReason.body)
    const marked = await cadre.client.post(`/api/v1/meetings/${m.id}/attendance`, { entries: [{ personId: c.id, present: true }, { personId: d.id, present: false, absenceReason: '出差请假' }] })
    assert.equal(marked.statusCode, 200, marked.body)
    const after = marked.json()
    assert.deepEqual(after.quorum, { count: 3, share: null, needed: 3, present: 3, reached: true })
    assert.equal(after.absent, 1)
    const how = Object.fromEntries(after.invitees.map((i: { person: { id: string }; attendance: { how: string | null; absenceReason: string | null } }) => [i.person.id, i.attendance]))
    assert.equal(how[a.id].how, 'qr')
    assert.equal(how[c.id].how, 'by_hand')
    assert.equal(how[d.id].absenceReason, '出差请假')
    // Decisions while open, linked to the topic.
    const decided = await a.client.post(`/api/v1/meetings/${m.id}/decisions`, { text: '在3号楼北侧增设电动车棚', topicId: topic })
    assert.equal(decided.statusCode, 201, decided.body)
    // Minutes: drafted by the secretary, approved after the meeting by more than half of those present.
    assert.equal(codeOf(await b.client.post(`/api/v1/meetings/${m.id}/minutes`, { body: '不是记录人起草的纪要内容。' })), 'FORBIDDEN')
    const closed = await cadre.client.post(`/api/v1/meetings/${m.id}/close`)
    assert.equal(closed.json().state, 'held')
    const v1 = await a.client.post(`/api/v1/meetings/${m.id}/minutes`, { body: '会议通报了电动车停放现状，各方同意增设车棚。' })
    assert.equal(v1.statusCode, 201, v1.body)
    const objection = await b.client.post(`/api/v1/meetings/${m.id}/minutes/1/approval`, { verdict: 'object' })
    assert.equal(objection.statusCode, 422)
    await b.client.post(`/api/v1/meetings/${m.id}/minutes/1/approval`, { verdict: 'object', note: '应写明车棚位置' })
    const v2 = await a.client.post(`/api/v1/meetings/${m.id}/minutes`, { body: '会议通报了电动车停放现状，各方同意在3号楼北侧增设车棚。' })
    assert.deepEqual(v2.json().minutes.map((n: { version: number; state: string }) => [n.version, n.state]), [[2, 'pending'], [1, 'superseded']])
    assert.equal(codeOf(await b.client.post(`/api/v1/meetings/${m.id}/minutes/1/approval`, { verdict: 'approve' })), 'MEETING_MINUTES_NOT_CURRENT')
    assert.equal(codeOf(await d.client.post(`/api/v1/meetings/${m.id}/minutes/2/approval`, { verdict: 'approve' })), 'MEETING_NOT_PRESENT')
    const one = await a.client.post(`/api/v1/meetings/${m.id}/minutes/2/approval`, { verdict: 'approve' })
    assert.equal(one.json().state, 'held')
    assert.equal(one.json().minutes[0].needed, 2)
    const two = await b.client.post(`/api/v1/meetings/${m.id}/minutes/2/approval`, { verdict: 'approve' })
    assert.equal(two.statusCode, 200, two.body)
    assert.equal(two.json().state, 'minutes_approved')
    assert.equal(two.json().minutes[0].state, 'approved')
    // The topic's meetings, as deliberation reads them, and the list by topic.
    const linked = await t.query<{ meeting_id: string; state: string }>(sql`SELECT meeting_id::text, state FROM ${topicMeetings} tm WHERE tm.topic_id = ${topic}`)
    assert.deepEqual(linked, [{ meeting_id: m.id, state: 'minutes_approved' }])
    const byTopic = (await cadre.client.get(`/api/v1/meetings?topicId=${topic}`)).json().items
    assert.deepEqual(byTopic.map((x: { id: string }) => x.id), [m.id])
    // The topic's page lists the meeting with ISO times, like every other time in the API.
    const onTopic = (await cadre.client.get(`/api/v1/topics/${topic}`)).json().meetings
    assert.deepEqual(onTopic.map((x: { id: string; startsAt: string }) => [x.id, x.startsAt]), [[m.id, new Date(m.startsAt).toISOString()]])
  })

  test('a code for another meeting, or an expired one, does not check anyone in; check-in opens an hour before the start', async () => {
    const { community, cadre, residents } = await world()
    const one = await meetingAt(community, cadre, { ...soon(), inviteeIds: [residents[0]!.id] })
    const other = await meetingAt(community, cadre, { ...soon(), inviteeIds: [residents[0]!.id] })
    const code = (await cadre.client.get(`/api/v1/meetings/${other.id}/checkin-code`)).json().code
    assert.equal(codeOf(await residents[0]!.client.post(`/api/v1/meetings/${one.id}/checkin`, { code })), 'MEETING_CODE_INVALID')
    const later = await meetingAt(community, cadre, { startsAt: beijing(3, 9), endsAt: beijing(3, 10), inviteeIds: [residents[0]!.id] })
    const laterCode = (await cadre.client.get(`/api/v1/meetings/${later.id}/checkin-code`)).json().code
    assert.equal(codeOf(await residents[0]!.client.post(`/api/v1/meetings/${later.id}/checkin`, { code: laterCode })), 'MEETING_CHECK_IN_CLOSED')
  })

  test('the sweep closes a meeting left open 12 hours after its end, not one nobody came to', async () => {
    const { community, cadre, residents } = await world()
    const m = await meetingAt(community, cadre, { ...soon(), inviteeIds: [residents[0]!.id] })
    const empty = await meetingAt(community, cadre, { ...soon() })
    const code = (await cadre.client.get(`/api/v1/meetings/${m.id}/checkin-code`)).json().code
    assert.equal((await residents[0]!.client.post(`/api/v1/meetings/${m.id}/checkin`, { code })).json().state, 'open')
    await cadre.client.post(`/api/v1/meetings/${empty.id}/open`)
    const sweep = t.app.services.meetings.meetings.sweep
    assert.equal((await sweep(t.database.db, new Date(Date.parse(m.endsAt) + 11 * 3_600_000))).held, 0)
    assert.equal((await sweep(t.database.db, new Date(Date.parse(m.endsAt) + 13 * 3_600_000))).held, 1)
    assert.equal((await cadre.client.get(`/api/v1/meetings/${m.id}`)).json().state, 'held')
    assert.equal((await cadre.client.get(`/api/v1/meetings/${empty.id}`)).json().state, 'open')
  })

  test('the month list of a subtree shows its meetings only', async () => {
    const { community, cadre } = await world()
    const m = await meetingAt(community, cadre, { startsAt: beijing(1, 9), endsAt: beijing(1, 10) })
    const month = beijing(1, 9).slice(0, 7)
    const list = await cadre.client.get(`/api/v1/meetings?orgId=${community.id}&month=${month}`)
    assert.equal(list.statusCode, 200, list.body)
    assert.deepEqual(list.json().items.map((x: { id: string }) => x.id), [m.id])
    const other = await f.newCommunity()
    assert.ok([403, 404].includes((await cadre.client.get(`/api/v1/meetings?orgId=${other.id}`)).statusCode))
  })
})
