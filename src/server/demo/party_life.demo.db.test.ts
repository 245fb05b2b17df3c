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

  it('gives the organisation the console opens on (the cadre\'s own, the street\'s largest) a branch committee every month of the year', async () => {
    for (const who of ['cadre', 'street'] as const) {
      const c = await t.as(who)
      const orgs = (await c.get('/api/v1/party-orgs')).json() as { id: string; name: string; members: { direct: number; participating: number; assisting: number } }[]
      const mine = ((await c.get('/api/v1/party-life/me')).json().orgs as { id: string }[]).map((o) => o.id)
      const size = (o: (typeof orgs)[number]) => o.members.direct + o.members.participating + o.members.assisting
      const bySize = [...orgs].sort((a, b) => size(b) - size(a))
      const first = bySize.find((o) => mine.includes(o.id)) ?? bySize[0]!
      assert.ok(size(first) >= 5, `${who}: ${first.name} has ${size(first)} members`)
      const from = new Date(Date.now() - 370 * 86_400_000).toISOString().slice(0, 10)
      const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)
      const res = await c.get(`/api/v1/party-orgs/${first.id}/meetings?from=${from}&to=${to}`)
      assert.equal(res.statusCode, 200, res.body.slice(0, 300))
      const months = new Set((res.json() as { kind: string; startsAt: string }[]).filter((m) => m.kind === 'branch_committee').map((m) => m.startsAt.slice(0, 7)))
      assert.ok(months.size >= 12, `${who}: ${first.name} has a branch committee in ${months.size} months`)
    }
  })

  it('gives the demo member a record of meetings and study hours', async () => {
    const member = await t.as('member')
    const me = (await member.get('/api/v1/party-life/me')).json()
    assert.ok(me.orgs.length >= 1, JSON.stringify(me.orgs))
    assert.ok(me.meetings.length > 0)
  })
})
