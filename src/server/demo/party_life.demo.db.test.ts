// The organisation-life demo: Party organisations of the demo street with members by relation, a
// year of meetings with some late and missing periods, members absent three in a row, study hours.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'

describe('the organisation-life demo', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(() => t.close())

  it('gives the street\'s Party organisations members, a year of meetings with late and missing periods, and absentees', async () => {
    const street = await t.as('street')
    const res = await street.get('/api/v1/party-life/overview')
    assert.equal(res.statusCode, 200, res.body.slice(0, 300))
    const overview = res.json()
    assert.ok(overview.totals.orgs >= 5, JSON.stringify(overview.totals))
    assert.ok(overview.totals.held > 50 && overview.totals.missing > 0 && overview.totals.late > 0, JSON.stringify(overview.totals))
    const orgs = (await street.get('/api/v1/party-orgs')).json() as { id: string; members: { direct: number; participating: number } }[]
    const withMembers = orgs.filter((o) => o.members.direct + o.members.participating > 0)
    assert.ok(withMembers.length >= 3, String(withMembers.length))
    let absentees = 0
    for (const o of withMembers.slice(0, 12)) absentees += (await street.get(`/api/v1/party-orgs/${o.id}/dashboard`)).json().missedInARow.length
    assert.ok(absentees > 0, 'nobody missed three in a row')
    const [bad] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM meeting_attendance WHERE NOT present AND absence_reason IS NULL`)
    assert.equal(bad!.n, 0)
  })

  it('gives the demo member a record of meetings and study hours', async () => {
    const member = await t.as('member')
    const me = (await member.get('/api/v1/party-life/me')).json()
    assert.ok(me.orgs.length >= 1, JSON.stringify(me.orgs))
    assert.ok(me.meetings.length > 0)
  })
})
