// The assessment's trend and its Excel export (考核排名): values checked against a small street
// built here (two communities with cases closed last month and the month before, a third without
// any), the readers, and bad input.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { sweepOnce } from '../../kernel/scheduler.ts'
import { schedulerJobs } from '../../app.ts'
import { monthAt, monthOf } from '../../kernel/indicators.ts'
import { loadExcel } from '../../kernel/spreadsheet.ts'
import { periodsBack } from './statistics.assessments.trend.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

async function sweep() {
  for (let i = 0; i < 30; i++) {
    await sweepOnce(t.database, schedulerJobs(t.app.services), new Date())
    const [dirty] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
    if (dirty!.n === 0) return
  }
  throw new Error('the statistics sweep did not catch up in 30 rounds')
}
const before1 = (p: string) => monthAt(new Date(Date.parse(monthOf(p).from) - 86_400_000))
const now = monthAt(new Date())
const prev = before1(now)
const prev2 = before1(prev)
const mid = (p: string) => new Date(Date.parse(monthOf(p).from) + 10 * 86_400_000).toISOString()

/** A case on the grid handled and closed in the middle of `period` (on time or late, rated), with its event. */
async function closedIn(grid: { id: string }, period: string, onTime: boolean, rating: number) {
  const c = await f.newCase(grid as never)
  const at = mid(period)
  await t.query(sql`UPDATE cases SET state = 'closed', created_at = ${at}::timestamptz, handled_at = ${at}::timestamptz, handled_on_time = ${onTime},
    closed_at = ${at}::timestamptz, closed_level = 'grid', rating = ${rating} WHERE id = ${c.id}`)
  await t.query(sql`INSERT INTO case_events (case_id, district_id, action, from_state, to_state) SELECT id, district_id, 'close', 'verified', 'closed' FROM cases WHERE id = ${c.id}`)
}

type Cell = { value: number | null; numerator?: number; denominator?: number; color: string; points: number }
type Scored = { orgId: string; name: string; score: number | null; previousScore: number | null; trend: number | null; rank: number | null; cells: Record<string, Cell> }

let w: Awaited<ReturnType<typeof world>>
async function world() {
  const street = await f.newStreet()
  const a = await f.newCommunity({ street })
  const b = await f.newCommunity({ street })
  const c = await f.newCommunity({ street })
  const ga = await f.newGrid(a)
  // b's grid apart from a's (the factory lays grids side by side from the street's corner).
  const placeholder = await f.newGrid(b)
  await t.query(sql`UPDATE orgs SET deleted_at = now() - interval '1 second' WHERE id = ${placeholder.id}`)
  const gb = await f.newGrid(b)
  // Last month: a handled both its cases on time and they were rated well; b one of two, rated badly.
  await closedIn(ga, prev, true, 5)
  await closedIn(ga, prev, true, 4)
  await closedIn(gb, prev, true, 2)
  await closedIn(gb, prev, false, 1)
  // The month before: a was late with its one case; b on time.
  await closedIn(ga, prev2, false, 3)
  await closedIn(gb, prev2, true, 5)
  await sweep()
  return {
    street, a, b, c, ga,
    admin: await f.newPerson({ role: 'street_admin', orgId: street.id }),
    cadreA: await f.newPerson({ role: 'community_cadre', orgId: a.id }),
    worker: await f.newPerson({ role: 'grid_worker', orgId: ga.id }),
    otherAdmin: await f.newPerson({ role: 'street_admin', orgId: (await f.newStreet()).id }),
  }
}

describe('the assessment’s trend and export', () => {
  before(async () => { w = await world() })

  test('periods back: months, quarters and years of the same kind, oldest first', () => {
    assert.deepEqual(periodsBack('2026-02', 3), ['2025-12', '2026-01', '2026-02'])
    assert.deepEqual(periodsBack('2026-Q1', 3), ['2025-Q3', '2025-Q4', '2026-Q1'])
    assert.deepEqual(periodsBack('2026', 2), ['2025', '2026'])
  })

  test('the trend gives the node’s and every child’s score per period, the same scores the ranking gives', async () => {
    const res = await w.admin.client.get(`/api/v1/assessments/trend?orgId=${w.street.id}&period=${prev}&periods=3`)
    assert.equal(res.statusCode, 200, res.body)
    const trend = res.json()
    assert.deepEqual(trend.periods, [before1(prev2), prev2, prev])
    assert.deepEqual(trend.org, { id: w.street.id, name: w.street.name, kind: 'street' })
    assert.deepEqual(trend.rows.map((r: { orgId: string }) => r.orgId), [w.a.id, w.b.id, w.c.id])
    for (const p of [prev2, prev]) {
      const ranking = (await w.admin.client.get(`/api/v1/assessments?orgId=${w.street.id}&period=${p}`)).json()
      const k = trend.periods.indexOf(p)
      for (const r of ranking.rows as Scored[]) assert.equal(trend.rows.find((x: { orgId: string }) => x.orgId === r.orgId).scores[k], r.score, `${r.name} ${p}`)
      assert.equal(trend.total.scores[k], ranking.total.score, `total ${p}`)
    }
    const ranking = (await w.admin.client.get(`/api/v1/assessments?orgId=${w.street.id}&period=${prev}`)).json()
    const [a, b] = [w.a.id, w.b.id].map((id) => ranking.rows.find((r: Scored) => r.orgId === id) as Scored)
    // a: 2 of 2 on time (green, 20 points), both rated 4 or more; b: 1 of 2 on time (red), 0 of 2 satisfied.
    assert.deepEqual(a!.cells['cases.on_time_rate'], { value: 100, numerator: 2, denominator: 2, color: 'green', points: 20 })
    assert.deepEqual(b!.cells['cases.on_time_rate'], { value: 50, numerator: 1, denominator: 2, color: 'red', points: 0 })
    assert.deepEqual(b!.cells['cases.satisfaction_rate'], { value: 0, numerator: 0, denominator: 2, color: 'red', points: 0 })
    assert.ok(a!.score! > b!.score!, `a ${a!.score} above b ${b!.score}`)
    assert.equal(a!.rank, 1)
    // The month before a was late and b on time: a rose, b fell, and the trend line says so.
    const [ta, tb] = [w.a.id, w.b.id].map((id) => trend.rows.find((r: { orgId: string }) => r.orgId === id).scores as (number | null)[])
    assert.ok(ta![2]! > ta![1]! && tb![2]! < tb![1]!, `a ${ta}, b ${tb}`)
    assert.equal(a!.trend, Math.round((ta![2]! - ta![1]!) * 10) / 10)
    // Without a node: the street admin's own street; by default six periods.
    const mine = (await w.admin.client.get(`/api/v1/assessments/trend?period=${prev}`)).json()
    assert.equal(mine.org.id, w.street.id)
    assert.equal(mine.periods.length, 6)
    // A community's trend: its own line only.
    const own = await w.cadreA.client.get(`/api/v1/assessments/trend?orgId=${w.a.id}&period=${prev}&periods=2`)
    assert.equal(own.statusCode, 200, own.body)
    assert.deepEqual([own.json().rows, own.json().total.scores], [[], ta!.slice(1)])
  })

  test('the export is the ranking as a workbook: rank order, every line’s value, the figure behind it and its points, coloured; the scorecard on a second sheet', async () => {
    const res = await w.admin.client.get(`/api/v1/assessments/export.xlsx?orgId=${w.street.id}&period=${prev}`)
    assert.equal(res.statusCode, 200, res.body)
    assert.match(String(res.headers['content-type']), /spreadsheetml/)
    assert.match(String(res.headers['content-disposition']), new RegExp(`assessment-${prev}\\.xlsx.*filename\\*=UTF-8''${encodeURIComponent('考核排名')}`))
    const book = new (await loadExcel()).Workbook()
    await book.xlsx.load(res.rawPayload as never)
    assert.deepEqual(book.worksheets.map((s) => s.name), ['考核排名', '评分表'])
    const sheet = book.getWorksheet('考核排名')!
    const [y, m] = prev.split('-')
    assert.equal(sheet.getCell(1, 1).value, `${w.street.name} ${y} 年 ${Number(m)} 月 考核排名`)
    assert.match(String(sheet.getCell(2, 1).value), /黄档得一半/)
    const ranking = (await w.admin.client.get(`/api/v1/assessments?orgId=${w.street.id}&period=${prev}`)).json()
    const header = Array.from(sheet.getRow(3).values as unknown[], (v) => String(v ?? ''))
    const onTime = header.findIndex((h) => h.startsWith('按期办理率（权重 20）'))
    assert.ok(onTime > 0, header.join('|'))
    assert.deepEqual([sheet.getCell(4, onTime).value, sheet.getCell(4, onTime + 1).value, sheet.getCell(4, onTime + 2).value], ['数值（%）', '依据（分子/分母）', '得分'])
    // Rows in rank order: a first with its 2 / 2, then b, then c (no data, no rank), the street last.
    const names = [5, 6, 7, 8].map((r) => sheet.getCell(r, 2).value)
    assert.deepEqual(names, [w.a.name, w.b.name, w.c.name, `${w.street.name}（本级）`])
    const rowA = ranking.rows.find((r: Scored) => r.orgId === w.a.id) as Scored
    assert.deepEqual([1, 3, 5].map((c) => sheet.getCell(5, c).value), [1, rowA.score, rowA.trend])
    assert.deepEqual([0, 1, 2].map((k) => sheet.getCell(5, onTime + k).value), [100, '2 / 2', 20])
    assert.deepEqual([0, 1, 2].map((k) => sheet.getCell(6, onTime + k).value), [50, '1 / 2', 0])
    const fill = (r: number, c: number) => (sheet.getCell(r, c).fill as { fgColor?: { argb?: string } }).fgColor?.argb
    assert.deepEqual([fill(5, onTime), fill(6, onTime), fill(7, onTime)], ['FFD9F7BE', 'FFFFCCC7', 'FFF5F5F5'])
    assert.equal(sheet.getCell(7, 1).value, '—')
    const card = book.getWorksheet('评分表')!
    const weights = ranking.scorecard.map((l: { weight: number }) => l.weight)
    assert.deepEqual(ranking.scorecard.map((_: unknown, i: number) => card.getCell(3 + i, 5).value), weights)
    assert.equal(card.getCell(3 + weights.length, 5).value, 100)
    const reopen = ranking.scorecard.findIndex((l: { code: string }) => l.code === 'cases.reopen_rate')
    assert.deepEqual([6, 7, 8, 9].map((c) => card.getCell(3 + reopen, c).value), ['越低越好', '≤ 5', '≤ 10', '> 10'])
  })

  test('readers are the table’s: a community cadre, a grid worker, another street and nobody signed in are refused', async () => {
    for (const path of ['trend', 'export.xlsx']) {
      const url = `/api/v1/assessments/${path}?orgId=${w.street.id}&period=${prev}`
      assert.equal((await w.cadreA.client.get(url)).statusCode, 403, path)
      assert.equal((await w.worker.client.get(url)).statusCode, 403, path)
      assert.ok([403, 404].includes((await w.otherAdmin.client.get(url)).statusCode), path)
      assert.equal((await t.anonymous.get(url)).statusCode, 401, path)
      assert.ok([403, 404].includes((await w.cadreA.client.get(`/api/v1/assessments/${path}?orgId=${w.b.id}&period=${prev}`)).statusCode), path)
    }
  })

  test('bad input: 400 for a bad period, count or unknown field (in Chinese), 422 for a grid, 404 for no such node', async () => {
    const base = `/api/v1/assessments/trend?orgId=${w.street.id}`
    for (const q of [`period=2026-13`, `period=${prev}&periods=1`, `period=${prev}&periods=13`, `period=${prev}&periods=x`, `period=${prev}&ledger=party`, '']) {
      const res = await w.admin.client.get(`${base}&${q}`)
      assert.equal(res.statusCode, 400, `${q}: ${res.body}`)
      assert.match(res.json().error.message, /[\u4e00-\u9fff]/)
    }
    for (const path of ['trend', 'export.xlsx']) {
      assert.equal((await w.admin.client.get(`/api/v1/assessments/${path}?orgId=${w.street.id}&period=26-1`)).statusCode, 400)
      const grid = await w.admin.client.get(`/api/v1/assessments/${path}?orgId=${w.ga.id}&period=${prev}`)
      assert.deepEqual([grid.statusCode, grid.json().error.code], [422, 'STATISTICS_NODE_KIND'])
      assert.equal((await w.admin.client.get(`/api/v1/assessments/${path}?orgId=999999999&period=${prev}`)).statusCode, 404)
      assert.equal((await w.admin.client.get(`/api/v1/assessments/${path}?orgId=abc&period=${prev}`)).statusCode, 400)
    }
  })
})
