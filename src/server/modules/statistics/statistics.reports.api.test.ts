import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { sweepOnce } from '../../kernel/scheduler.ts'
import { schedulerJobs } from '../../app.ts'
import { monthAt, monthOf } from '../../kernel/indicators.ts'
import { loadExcel } from '../../kernel/spreadsheet.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

/** Sweeps until no community-month waits (a sweep recomputes for about 3 s, newest month first). */
async function sweep() {
  for (let i = 0; i < 30; i++) {
    await sweepOnce(t.database, schedulerJobs(t.app.services), new Date())
    const [dirty] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
    if (dirty!.n === 0) return
  }
  throw new Error('the statistics sweep did not catch up in 30 rounds')
}
const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const now = monthAt(new Date())
/** Last month: ended, so it may be reported. */
const prev = monthAt(new Date(Date.parse(monthOf(now).from) - 86_400_000))
const midPrev = new Date(Date.parse(monthOf(prev).from) + 10 * 86_400_000).toISOString()
const manual = { 'statistics.population': 3200, 'statistics.new_orgs': 12, 'statistics.offline_activities': 3, 'statistics.ledger_hours': 40 }

/** A case on the grid closed in the middle of last month, with its event (as its workflow would). */
async function closedLastMonth(grid: Awaited<ReturnType<Factories['newGrid']>>) {
  const c = await f.newCase(grid)
  await t.query(sql`UPDATE cases SET state = 'closed', created_at = ${midPrev}::timestamptz, handled_at = ${midPrev}::timestamptz, handled_on_time = true,
    closed_at = ${midPrev}::timestamptz, closed_level = 'grid' WHERE id = ${c.id}`)
  await t.query(sql`INSERT INTO case_events (case_id, district_id, action, from_state, to_state) SELECT id, district_id, 'close', 'verified', 'closed' FROM cases WHERE id = ${c.id}`)
  return c
}

async function streetOfTwo() {
  const street = await f.newStreet()
  const a = await f.newCommunity({ street })
  const b = await f.newCommunity({ street })
  const grid = await f.newGrid(a)
  return {
    street, a, b, grid,
    admin: await f.newPerson({ role: 'street_admin', orgId: street.id }),
    cadreA: await f.newPerson({ role: 'community_cadre', orgId: a.id }),
    cadreB: await f.newPerson({ role: 'community_cadre', orgId: b.id }),
  }
}

type Cell = { value: number | null; numerator?: number; denominator?: number; live?: { value: number | null } }
type Row = { orgId: string; values: Record<string, Cell> }

describe('bottom-up reports', () => {
  test('a community submits its month with every manual field; the street approves only when all have, naming who it waits for; frozen figures stay and what moved shows beside them', async () => {
    const w = await streetOfTwo()
    await closedLastMonth(w.grid)
    await sweep()

    const missing = await w.cadreA.client.post('/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual: { 'statistics.population': 3200 } })
    assert.equal(missing.statusCode, 422, missing.body)
    assert.deepEqual(missing.json().error.details.map((d: { path: string }) => d.path).sort(), ['manual.statistics.ledger_hours', 'manual.statistics.new_orgs', 'manual.statistics.offline_activities'])
    assert.match(missing.json().error.details[0].message, /请填写/)
    const unknown = await w.cadreA.client.post('/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual: { ...manual, 'cases.closed': 5 } })
    assert.equal(unknown.statusCode, 422)
    const open = await w.cadreA.client.post('/api/v1/statistics/submissions', { orgId: w.a.id, period: now, manual })
    assert.deepEqual([open.statusCode, codeOf(open)], [422, 'STATISTICS_PERIOD_OPEN'])
    const nothing = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_reports WHERE org_id = ${w.a.id}`)
    assert.equal(nothing[0]!.n, 0, 'a refused submission writes nothing')

    const early = await w.admin.client.post('/api/v1/statistics/approvals', { orgId: w.street.id, period: prev })
    assert.deepEqual([early.statusCode, codeOf(early)], [409, 'STATISTICS_WAITING'])

    const submitted = await w.cadreA.client.post('/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual })
    assert.equal(submitted.statusCode, 201, submitted.body)
    assert.equal(submitted.json().state, 'submitted')
    assert.equal(submitted.json().lock.reason, 'submitted')
    assert.deepEqual(submitted.json().manual.map((m: { code: string; value: number }) => [m.code, m.value]).sort(), Object.entries(manual).sort())
    assert.ok(submitted.json().manual.every((m: { enteredBy: { id: string } }) => m.enteredBy.id === w.cadreA.id))

    const again = await w.cadreA.client.post('/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual })
    assert.deepEqual([again.statusCode, codeOf(again)], [409, 'STATISTICS_LOCKED'])
    assert.match(again.json().error.message, /已于 .* 由.*上报/)

    const waiting = await w.admin.client.post('/api/v1/statistics/approvals', { orgId: w.street.id, period: prev })
    assert.deepEqual([waiting.statusCode, codeOf(waiting)], [409, 'STATISTICS_WAITING'])
    assert.ok(waiting.json().error.message.includes(`还有 1 个下级未上报或未审批：${w.b.name}`), waiting.json().error.message)
    const page = (await w.admin.client.get(`/api/v1/statistics/reports?orgId=${w.street.id}&period=${prev}`)).json()
    assert.deepEqual(page.waiting.map((c: { orgId: string }) => c.orgId), [w.b.id])
    assert.deepEqual(page.children.map((c: { state: string }) => c.state), ['submitted', 'open'])

    assert.equal((await w.cadreB.client.post('/api/v1/statistics/submissions', { orgId: w.b.id, period: prev, manual: { ...manual, 'statistics.population': 1800 } })).statusCode, 201)
    const approved = await w.admin.client.post('/api/v1/statistics/approvals', { orgId: w.street.id, period: prev })
    assert.equal(approved.statusCode, 201, approved.body)
    assert.equal(approved.json().state, 'approved')
    assert.deepEqual(approved.json().waiting, [])

    // A case closed in that month after the approval: the table keeps the frozen 1 and shows the 2 beside it.
    await closedLastMonth(w.grid)
    await sweep()
    const table = (await w.admin.client.get(`/api/v1/statistics?orgId=${w.street.id}&period=${prev}`)).json()
    assert.equal(table.state, 'approved')
    assert.equal(table.lock.reason, 'approved')
    assert.deepEqual(new Set(table.frozen), new Set([w.a.id, w.b.id, w.street.id]))
    const rowA = table.rows.find((r: Row) => r.orgId === w.a.id) as Row
    assert.equal(rowA.values['cases.closed']!.value, 1)
    assert.equal(rowA.values['cases.closed']!.live?.value, 2)
    assert.equal(table.total.values['cases.closed'].value, 1, 'the total is the sum of the frozen rows')
    assert.equal(table.rows.find((r: Row) => r.orgId === w.b.id).values['cases.closed'].live, undefined, 'an unmoved figure has nothing beside it')
    const people = (await w.admin.client.get(`/api/v1/statistics?orgId=${w.street.id}&period=${prev}&ledger=livelihood`)).json()
    assert.equal(people.total.values['statistics.population'].value, 5000)
    const party = (await w.admin.client.get(`/api/v1/statistics?orgId=${w.street.id}&period=${prev}&ledger=party`)).json()
    assert.deepEqual([party.total.values['statistics.reports_submitted'].numerator, party.total.values['statistics.reports_submitted'].denominator], [2, 2])
    // The workbook the street files: one sheet per ledger, the state in the title, a row per community and the total.
    const xlsx = await w.admin.client.get(`/api/v1/statistics/export.xlsx?orgId=${w.street.id}&period=${prev}`)
    assert.equal(xlsx.statusCode, 200, xlsx.body)
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/)
    assert.match(String(xlsx.headers['content-disposition']), /filename\*=UTF-8''/)
    const book = new (await loadExcel()).Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    assert.deepEqual(book.worksheets.map((s) => s.name), ['党建台账', '民生台账'])
    const sheet = book.getWorksheet('民生台账')!
    assert.match(String(sheet.getCell(1, 1).value), new RegExp(`${w.street.name} .* 统计一套表（民生台账）· 已审批`))
    assert.equal(sheet.getCell(2, 1).value, '单位')
    assert.ok((sheet.model.merges as string[]).includes('A2:A3'), 'the first column heads both header rows')
    const closedCol = table.indicators.findIndex((i: { code: string }) => i.code === 'cases.closed') + 2
    assert.deepEqual([4, 5, 6].map((r) => sheet.getCell(r, 1).value), [w.a.name, w.b.name, '合计'])
    assert.deepEqual([4, 5, 6].map((r) => sheet.getCell(r, closedCol).value), [1, 0, 1])
    assert.equal((await w.cadreA.client.get(`/api/v1/statistics/export.xlsx?orgId=${w.street.id}&period=${prev}`)).statusCode, 403)

    // The assessment scores each community on the scorecard, ranks them and says what each score rests on.
    const assessed = await w.admin.client.get(`/api/v1/assessments?orgId=${w.street.id}&period=${prev}`)
    assert.equal(assessed.statusCode, 200, assessed.body)
    const scored = assessed.json()
    assert.equal(scored.previous, monthAt(new Date(Date.parse(monthOf(prev).from) - 86_400_000)))
    assert.ok(scored.scorecard.some((l: { code: string; weight: number }) => l.code === 'cases.on_time_rate' && l.weight === 20))
    assert.ok(!scored.scorecard.some((l: { code: string }) => l.code === 'statistics.reports_submitted'), 'communities are not judged on their street\'s completeness')
    const scoreA = scored.rows.find((r: { orgId: string }) => r.orgId === w.a.id)
    assert.deepEqual(scoreA.cells['cases.on_time_rate'], { value: 100, numerator: 1, denominator: 1, color: 'green', points: 20 })
    assert.equal(scored.rows.find((r: { orgId: string }) => r.orgId === w.b.id).cells['cases.on_time_rate'].color, 'none', 'no cases: left out, not red')
    assert.ok(scoreA.score > 0 && scoreA.score <= 100)
    assert.deepEqual(scored.rows.map((r: { rank: number | null }) => r.rank).filter((r: number | null) => r !== null).sort(), [...Array(scored.rows.filter((r: { score: number | null }) => r.score !== null).length).keys()].map((i) => i + 1).sort())
    assert.equal((await w.cadreA.client.get(`/api/v1/assessments?orgId=${w.street.id}&period=${prev}`)).statusCode, 403)
    assert.equal((await w.admin.client.get(`/api/v1/assessments?orgId=${w.street.id}&period=11`)).statusCode, 400)

    // The community is locked by its street's approval now, and says so.
    const mine = (await w.cadreA.client.get(`/api/v1/statistics?orgId=${w.a.id}&period=${prev}`)).json()
    assert.equal(mine.lock.by.orgId, w.street.id)
    assert.match(mine.lock.message, /审批/)
  })

  test('a lock exception: only the level above grants it, with a reason and for a while, audited; the community may then submit once more', async () => {
    const w = await streetOfTwo()
    assert.equal((await w.cadreA.client.post('/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual })).statusCode, 201)
    const own = await w.cadreA.client.post('/api/v1/statistics/unlocks', { orgId: w.a.id, period: prev, reason: '人口数填错' })
    assert.equal(own.statusCode, 403, own.body)
    for (const bad of [{ reason: '' }, { reason: '改', hours: 2 }, { reason: '人口数填错', hours: 0 }, { reason: '人口数填错', hours: 500 }]) {
      const res = await w.admin.client.post('/api/v1/statistics/unlocks', { orgId: w.a.id, period: prev, ...bad })
      assert.equal(res.statusCode, 400, JSON.stringify(bad))
      assert.match(res.json().error.message, /[\u4e00-\u9fff]/)
    }
    const notLocked = await w.admin.client.post('/api/v1/statistics/unlocks', { orgId: w.b.id, period: prev, reason: '提前开放' })
    assert.deepEqual([notLocked.statusCode, codeOf(notLocked)], [409, 'STATISTICS_NOT_LOCKED'])
    const opened = await w.admin.client.post('/api/v1/statistics/unlocks', { orgId: w.a.id, period: prev, reason: '常住人口填错，需更正', hours: 2 })
    assert.equal(opened.statusCode, 201, opened.body)
    const hours = (Date.parse(opened.json().until) - Date.now()) / 3_600_000
    assert.ok(hours > 1.9 && hours <= 2, String(hours))
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'statistics.unlock' AND entity_id = ${w.a.id} AND after->>'reason' = '常住人口填错，需更正'`)
    assert.equal(audit!.n, 1)
    const page = (await w.cadreA.client.get(`/api/v1/statistics/reports?orgId=${w.a.id}&period=${prev}`)).json()
    assert.ok(page.lock.unlockedUntil)
    assert.equal(page.unlocks[0].reason, '常住人口填错，需更正')

    const fixed = await w.cadreA.client.post('/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual: { ...manual, 'statistics.population': 3300 } })
    assert.equal(fixed.statusCode, 201, fixed.body)
    assert.equal(fixed.json().manual.find((m: { code: string }) => m.code === 'statistics.population').value, 3300)
    assert.equal(fixed.json().lock.unlockedUntil, null, 'the exception is used up')
    assert.equal((await w.cadreA.client.post('/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual })).statusCode, 409)

    // Once the street approved, the community's lock is the street's: opening it starts above.
    assert.equal((await w.cadreB.client.post('/api/v1/statistics/submissions', { orgId: w.b.id, period: prev, manual })).statusCode, 201)
    assert.equal((await w.admin.client.post('/api/v1/statistics/approvals', { orgId: w.street.id, period: prev })).statusCode, 201)
    const blocked = await w.admin.client.post('/api/v1/statistics/unlocks', { orgId: w.a.id, period: prev, reason: '再次更正' })
    assert.deepEqual([blocked.statusCode, codeOf(blocked)], [409, 'STATISTICS_PARENT_LOCKED'])
    // The street's approval itself can be opened only by the district.
    assert.equal((await w.admin.client.post('/api/v1/statistics/unlocks', { orgId: w.street.id, period: prev, reason: '社区数据需更正' })).statusCode, 403)
  })

  test('bad bodies and nodes are refused in Chinese and change nothing; the district accepts only when every street approved', async () => {
    const w = await streetOfTwo()
    const district = await t.as('district')
    const cases: [string, unknown, number, string?][] = [
      ['/api/v1/statistics/submissions', { orgId: w.grid.id, period: prev, manual }, 422, 'STATISTICS_NOT_COMMUNITY'],
      ['/api/v1/statistics/submissions', { orgId: w.a.id, period: '2026-Q1', manual }, 400],
      ['/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual: { 'statistics.population': -1 } }, 400],
      ['/api/v1/statistics/submissions', { orgId: w.a.id, period: prev, manual, extra: 1 }, 400],
      ['/api/v1/statistics/submissions', { orgId: '999999999', period: prev, manual }, 404],
      ['/api/v1/statistics/submissions', { orgId: w.b.id, period: prev, manual }, 404],
      ['/api/v1/statistics/approvals', { orgId: w.a.id, period: prev }, 422, 'STATISTICS_NOT_APPROVER'],
      ['/api/v1/statistics/approvals', { orgId: w.street.id, period: prev }, 403],
      ['/api/v1/statistics/approvals', { orgId: 'abc', period: prev }, 400],
    ]
    for (const [path, body, status, code] of cases) {
      const res = await w.cadreA.client.post(path, body)
      assert.equal(res.statusCode, status, `${path} ${JSON.stringify(body)}: ${res.body}`)
      if (code) assert.equal(codeOf(res), code)
      assert.match(res.json().error.message, /[\u4e00-\u9fff]/)
    }
    assert.equal((await w.cadreA.client.get(`/api/v1/statistics/reports?orgId=${w.b.id}&period=${prev}`)).statusCode, 404)
    const [n] = await t.query<{ n: number }>(sql`SELECT (SELECT count(*) FROM statistic_reports WHERE org_id IN (${w.a.id}, ${w.b.id}, ${w.street.id}))::int + (SELECT count(*) FROM statistic_manual_values WHERE community_id IN (${w.a.id}, ${w.b.id}))::int AS n`)
    assert.equal(n!.n, 0)
    const accept = await district.post('/api/v1/statistics/approvals', { orgId: t.fixtures.districtId, period: prev })
    assert.deepEqual([accept.statusCode, codeOf(accept)], [409, 'STATISTICS_WAITING'])
    assert.ok(accept.json().error.message.includes(w.street.name))

    // A district judges its streets on the level's scorecard (reports in and on time, secretaries' milestones), a street its communities on theirs.
    const judged = await district.get(`/api/v1/assessments?orgId=${t.fixtures.districtId}&period=${prev}`)
    assert.equal(judged.statusCode, 200, judged.body)
    const lines = judged.json().scorecard as { code: string; weight: number }[]
    assert.ok(lines.some((l) => l.code === 'statistics.reports_submitted') && lines.some((l) => l.code === 'secretary_projects.milestones_on_time'), JSON.stringify(lines))
    assert.equal(lines.reduce((s, l) => s + l.weight, 0), 100)
    assert.ok(judged.json().rows.some((r: { orgId: string }) => r.orgId === w.street.id))
    const trend = await district.get(`/api/v1/assessments/trend?orgId=${t.fixtures.districtId}&period=${prev}&periods=2`)
    assert.equal(trend.statusCode, 200, trend.body)
    const street = judged.json().rows.find((r: { orgId: string }) => r.orgId === w.street.id)
    assert.equal(trend.json().rows.find((r: { orgId: string }) => r.orgId === w.street.id).scores.at(-1), street.score, 'the trend scores on the same card')
  })
})
