// The meetings demo (meetings.ts): a year of the demo community's monthly residents' meeting with
// its grid Party groups, the six traffic talks with the police, the school and residents, minutes
// approved by more than half of those present, and the demo resident's meetings on the phone.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'

describe('the meetings demo', () => {
  let t: TestApp
  before(async () => { t = await startTestApp() })
  after(() => t.close())

  it('holds a monthly residents\' meeting attended by grid Party groups, and six traffic talks with the police, the school and residents', async () => {
    const [monthly] = await t.query<{ n: number; groups: number }>(sql`SELECT count(DISTINCT m.id)::int AS n, count(p.id)::int AS groups FROM meetings m
      LEFT JOIN meeting_parties p ON p.meeting_id = m.id AND p.kind = 'party_organisation' AND p.name LIKE '%党小组'
      WHERE m.title LIKE '%居民议事会（%月）' AND m.state = 'minutes_approved'`)
    assert.ok(monthly!.n >= 11 && monthly!.groups >= monthly!.n, JSON.stringify(monthly))
    const talks = await t.query<{ kinds: string[] }>(sql`SELECT ARRAY(SELECT p.kind FROM meeting_parties p WHERE p.meeting_id = m.id ORDER BY p.kind) AS kinds
      FROM meetings m WHERE m.title LIKE '校门口交通治理恳谈会%' ORDER BY m.starts_at`)
    assert.equal(talks.length, 6)
    for (const x of talks) for (const k of ['police', 'school', 'residents']) assert.ok(x.kinds.includes(k), JSON.stringify(x))
  })

  it('approves each approved version by more than half of those present, and every attendance row is well formed', async () => {
    const [bad] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM meeting_minutes n
      WHERE n.state = 'approved' AND (SELECT count(*) FROM meeting_minutes_approvals v JOIN meeting_attendance a ON a.meeting_id = n.meeting_id AND a.person_id = v.person_id AND a.present
        WHERE v.minutes_id = n.id AND v.verdict = 'approve') * 2 <= (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = n.meeting_id AND a.present)`)
    assert.equal(bad!.n, 0)
    const [absent] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM meeting_attendance WHERE NOT present AND absence_reason IS NULL`)
    assert.equal(absent!.n, 0)
  })

  it('gives the demo resident meetings to come and yesterday\'s minutes to approve', async () => {
    const resident = await t.as('resident')
    const mine = (await resident.get('/api/v1/meetings/mine')).json().items as { id: string; state: string }[]
    assert.ok(mine.length >= 2)
    const past = (await resident.get('/api/v1/meetings/mine?past=true')).json().items as { id: string; state: string }[]
    const held = past.find((m) => m.state === 'held')
    assert.ok(held, JSON.stringify(past.slice(0, 3)))
    const meeting = (await resident.get(`/api/v1/meetings/${held.id}`)).json()
    assert.equal(meeting.can.approveMinutes, true)
    assert.equal(meeting.minutes[0].state, 'pending')
  })
})
