// Issue 16's meeting gaps: the organiser chairs, the invited are reminded the day before, the
// organiser hears when the venue rejects the room booking, only the organiser or a manager at or
// above the node cancels, and photos go through the API.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { meetingBody } from '../../../../test/support/meetings.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const count = async (q: ReturnType<typeof sql>) => (await t.query<{ n: number }>(q))[0]!.n

describe('meeting gaps', () => {
  test('the organiser chairs; the sweep reminds the invited once the day before; a rejected booking tells the organiser once', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const guest = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(await f.newGrid(community))).id })
    const startsAt = new Date(Date.now() + 20 * 3_600_000).toISOString()
    const endsAt = new Date(Date.now() + 22 * 3_600_000).toISOString()
    const res = await cadre.client.post('/api/v1/meetings', meetingBody(community.id, { startsAt, endsAt, inviteeIds: [guest.id] }))
    assert.equal(res.statusCode, 201, res.body)
    const m = res.json()
    assert.equal(m.invitees.find((i: { person: { id: string } }) => i.person.id === cadre.id)?.role, 'chair')
    const sweep = t.app.services.meetings.meetings.sweep
    const reminders = sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${guest.id} AND title LIKE '会议提醒%'`
    await sweep(t.database.db, new Date())
    assert.equal(await count(reminders), 1)
    await sweep(t.database.db, new Date())
    assert.equal(await count(reminders), 1)
    // A booking the venue turned down (written as the venue's answer would leave it).
    const [room] = await t.query<{ id: string }>(sql`SELECT r.id::text FROM venue_rooms r LIMIT 1`)
    if (room) {
      const [b] = await t.query<{ id: string }>(sql`INSERT INTO room_bookings (room_id, booker_id, start_at, end_at, blocked, purpose, state)
        VALUES (${room.id}, ${cadre.id}, ${startsAt}::timestamptz + interval '30 days', ${endsAt}::timestamptz + interval '30 days',
          tstzrange(${startsAt}::timestamptz + interval '30 days', ${endsAt}::timestamptz + interval '30 days'), '测试', 'rejected') RETURNING id::text`)
      await t.query(sql`UPDATE meetings SET room_id = ${room.id}, booking_id = ${b!.id} WHERE id = ${m.id}`)
      const told = sql`SELECT count(*)::int AS n FROM notifications WHERE person_id = ${cadre.id} AND title LIKE '会议室预约未成功%'`
      await sweep(t.database.db, new Date())
      assert.equal(await count(told), 1)
      await sweep(t.database.db, new Date())
      assert.equal(await count(told), 1)
    }
  })

  test('cancel: another community\'s cadre is refused, the organiser and a street admin above may; photos through the API', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const stranger = await f.newPerson({ role: 'community_cadre', orgId: (await f.newCommunity()).id })
    const m = (await cadre.client.post('/api/v1/meetings', meetingBody(community.id))).json()
    const refused = await stranger.client.post(`/api/v1/meetings/${m.id}/cancel`, { reason: '越权取消' })
    assert.ok([403, 404].includes(refused.statusCode), refused.body)
    const [photo] = await t.query<{ id: string }>(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${cadre.id}) RETURNING id::text`)
    const withPhoto = await cadre.client.put(`/api/v1/meetings/${m.id}/photos`, { photoIds: [photo!.id] })
    assert.equal(withPhoto.statusCode, 200, withPhoto.body)
    assert.deepEqual(withPhoto.json().photoIds, [photo!.id])
    assert.deepEqual(withPhoto.json().photos.map((p: { id: string; thumbUrl: string }) => [p.id, p.thumbUrl.endsWith('?size=thumb')]), [[photo!.id, true]], 'the gallery has the photo\'s addresses')
    const [other] = await t.query<{ id: string }>(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${stranger.id}) RETURNING id::text`)
    const foreign = await cadre.client.put(`/api/v1/meetings/${m.id}/photos`, { photoIds: [photo!.id, other!.id] })
    assert.ok([403, 404].includes(foreign.statusCode), foreign.body)
    const bad = await cadre.client.put(`/api/v1/meetings/${m.id}/photos`, { photoIds: ['x'] })
    assert.equal(bad.statusCode, 400)
    const ok = await cadre.client.post(`/api/v1/meetings/${m.id}/cancel`, { reason: '天气原因改期' })
    assert.equal(ok.statusCode, 200, ok.body)
    assert.equal(ok.json().state, 'cancelled')
  })
})
