// The mobilisation and building-leader demo: a past flood emergency with its branch, team, zones,
// posts, shifts filled and checked in, hazards as handled cases, the end report and commendations;
// building leaders in post with their cards, the demo resident's among them.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'

describe('the mobilisation and building-leader demo', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(() => t.close())

  it('has a past flood emergency with zones, posts, shifts, hazards and an end report', async () => {
    const cadre = await t.as('cadre')
    const list = (await cadre.get('/api/v1/emergencies?status=ended')).json() as { items: { id: string; kind: string; endedAt: string | null; summary: string | null }[] }
    const flood = list.items.find((e) => e.kind === 'flood')
    assert.ok(flood?.endedAt && flood.summary, JSON.stringify(list.items))
    const board = (await cadre.get(`/api/v1/emergencies/${flood.id}/board`)).json()
    assert.ok(board.zones.length >= 2 && board.postsOnMap.length >= 2, JSON.stringify(board).slice(0, 300))
    assert.equal(board.teams, 1)
    assert.equal(board.branches, 1)
    assert.ok(board.posts.vanguard >= 1)
    assert.equal(board.hazards.open, 0)
    assert.ok(board.hazards.handled >= 2)
    const report = (await cadre.get(`/api/v1/emergencies/${flood.id}/report`)).json()
    assert.ok(report.served.length >= 10 && report.totalHours > 100, JSON.stringify(report).slice(0, 300))
    assert.ok(report.served.filter((p: { commendation: string | null }) => p.commendation).length >= 1)
    assert.ok(report.branches[0].closedAt && report.branches[0].record)
    const hazards = (await cadre.get(`/api/v1/emergencies/${flood.id}/hazards`)).json()
    const c = await cadre.get(`/api/v1/cases/${hazards.items[0].caseId}`)
    assert.equal(c.statusCode, 200, c.body.slice(0, 200))
    const posts = (await cadre.get(`/api/v1/emergencies/${flood.id}/posts`)).json()
    assert.ok(posts.items.every((p: { shifts: unknown[] }) => p.shifts.length === 12))
    const member = await t.as('member')
    assert.ok((await member.get('/api/v1/me/duties')).json().items.length > 0)
  })

  it('has building leaders in post with their 三亮 cards and coverage figures', async () => {
    const street = await t.as('street')
    const coverage = (await street.get(`/api/v1/building-leaders/coverage?orgId=${t.fixtures.streetId}`)).json()
    assert.ok(coverage.total.buildings > 100, JSON.stringify(coverage.total))
    assert.ok(coverage.total.withLeader / coverage.total.buildings > 0.75, JSON.stringify(coverage.total))
    assert.ok(coverage.total.partyMemberLeader > 0 && coverage.total.partyMemberLeader < coverage.total.withLeader, JSON.stringify(coverage.total))
    const resident = await t.as('resident')
    const mine = (await resident.get('/api/v1/me/building-leader')).json()
    assert.ok(mine.items[0]?.leader?.commitments, JSON.stringify(mine))
    assert.equal((await t.anonymous.get(`/api/v1/buildings/${mine.items[0].building.id}/leader-card`)).statusCode, 200)
  })
})
