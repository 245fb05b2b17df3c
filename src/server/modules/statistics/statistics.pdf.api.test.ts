// The statistics table and the assessment as PDF: a street of 45 communities fills more than one
// page per ledger, the header and title repeat on every page with its number, and the figures drawn
// are the table's own (read back from the PDF through the font's ToUnicode map).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { pdfPageCount, pdfPages } from '../../../../test/support/pdf.ts'
import { monthAt } from '../../kernel/indicators.ts'
import { layoutOf } from './statistics.pdf.layout.ts'
import { figureText } from './statistics.pdf.ts'

let t: TestApp
let f: Factories
let street: Awaited<ReturnType<Factories['newStreet']>>
let admin: Awaited<ReturnType<Factories['newPerson']>>
const communities: { id: string; name: string }[] = []
const period = monthAt(new Date())
const COUNT = 45

before(async () => {
  t = await startTestApp()
  f = factories(t)
  street = await f.newStreet()
  admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
  for (let i = 0; i < COUNT; i++) {
    const name = `导出测试社区${String(i + 1).padStart(2, '0')}`
    const [row] = await t.query<{ id: string }>(sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('community', ${name}, ${street.id}) RETURNING id::text`)
    communities.push({ id: row!.id, name })
    // Figures no layout could make up: cases reported 7000 + 13 i, on time (i + 1) of 10 for the first ten.
    await t.query(sql`INSERT INTO statistic_facts (community_id, period, code, numerator, denominator) VALUES
      (${row!.id}, ${period}, 'cases.reported', ${7000 + 13 * i}, NULL)`)
    if (i < 10) await t.query(sql`INSERT INTO statistic_facts (community_id, period, code, numerator, denominator) VALUES (${row!.id}, ${period}, 'cases.on_time_rate', ${i + 1}, 10)`)
  }
})
after(() => t.close())

describe('export.pdf', () => {
  test('the table of a street of 45 communities: both ledgers, pages broken with title, header and page number repeated, the figures of each row and the total', async () => {
    const res = await admin.client.get(`/api/v1/statistics/export.pdf?orgId=${street.id}&period=${period}`)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.headers['content-type'], 'application/pdf')
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''%E7%BB%9F%E8%AE%A1/)
    const pdf = res.rawPayload
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
    assert.ok(pdf.length < 400_000, `the font is subset: ${pdf.length} bytes`)

    const tables = await Promise.all((['party', 'livelihood'] as const).map(async (ledger) => (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&ledger=${ledger}`)).json()))
    // 45 rows and the total: on A4 (26 rows a page) or A3 (41 rows a page), two pages per band of columns.
    const expected = tables.map((tb) => {
      const l = layoutOf({ fixed: [{ group: null, label: '单位', width: 120 }], columns: tb.indicators })
      assert.equal(l.rowsPerPage, l.size === 'A4' ? 26 : 41)
      return l.bands * 2
    })
    const pages = pdfPages(pdf)
    assert.equal(pdfPageCount(pdf), expected[0]! + expected[1]!)
    assert.equal(pages.length, pdfPageCount(pdf))
    pages.forEach((text, i) => {
      assert.ok(text.includes(`第 ${i + 1} 页，共 ${pages.length} 页`), `page ${i + 1} is numbered`)
      assert.ok(text.includes(`${street.name} `), `page ${i + 1} names the node`)
      assert.ok(text.includes('|单位|'), `page ${i + 1} repeats the header`)
    })
    const livelihood = pages.slice(expected[0]!)
    assert.ok(livelihood.every((p) => p.includes('统计一套表（民生台账）· 未上报')))
    assert.ok(pages.slice(0, expected[0]!).every((p) => p.includes('统计一套表（党建台账）')))
    // Every community has its row with its figure; the total row holds the sum; ratios are summed, then divided.
    const text = livelihood.join('|')
    for (const [i, c] of communities.entries()) assert.ok(text.includes(`|${c.name}|`) && text.includes(`|${7000 + 13 * i}|`), `${c.name} and its figure`)
    const total = communities.reduce((s, _c, i) => s + 7000 + 13 * i, 0)
    assert.equal(tables[1].total.values['cases.reported'].value, total)
    assert.ok(text.includes(`|合计|`) && text.includes(`|${total}|`), `the total ${total}`)
    assert.ok(text.includes(`|${figureText(tables[1].total.values['cases.on_time_rate'].value)}|`))
    assert.equal(tables[1].total.values['cases.on_time_rate'].value, 55, '1 + 2 + … + 10 on time of 100')
    // The first community's row is on the first page of the ledger, the last one's on the second.
    assert.ok(livelihood[0]!.includes(communities[0]!.name) && !livelihood[0]!.includes(communities[COUNT - 1]!.name))
  })

  test('the assessment: each child with its rank and score, the node as the last row', async () => {
    const a = (await admin.client.get(`/api/v1/assessments?orgId=${street.id}&period=${period}`)).json()
    const res = await admin.client.get(`/api/v1/assessments/export.pdf?orgId=${street.id}&period=${period}`)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.headers['content-type'], 'application/pdf')
    const pdf = res.rawPayload
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
    const pages = pdfPages(pdf)
    assert.equal(pages.length, 2, '45 children and the node on A4, 26 rows a page')
    assert.ok(pages[0]!.includes(`${street.name} `) && pages[0]!.includes('考核排名'))
    const text = pages.join('|')
    const scored = a.rows.filter((r: { score: number | null }) => r.score !== null)
    assert.equal(scored.length, 10)
    // The tenth community was on time 10 of 10: green, first; the first 1 of 10: red.
    const best = scored.find((r: { rank: number }) => r.rank === 1)
    assert.equal(best.name, communities[9]!.name)
    for (const r of scored) assert.ok(text.includes(`|${r.rank}|${r.name}|${figureText(r.score)}|`), `${r.name} ranked ${r.rank} with ${r.score}`)
    assert.ok(text.includes('|100 绿|') && text.includes('|10 红|'))
    assert.ok(text.includes(`|${street.name}（本级）|`))
  })

  test('a malformed period is refused with 400; a grid worker of the street reads no PDF', async () => {
    for (const path of ['/api/v1/statistics/export.pdf', '/api/v1/assessments/export.pdf']) {
      assert.equal((await admin.client.get(`${path}?orgId=${street.id}&period=2026-13`)).statusCode, 400)
      assert.equal((await admin.client.get(`${path}?orgId=${street.id}&period=2026-11&ledger=party`)).statusCode, 400)
    }
    const grid = await f.newPerson({ role: 'grid_worker', orgId: communities[0]!.id })
    assert.equal((await grid.client.get(`/api/v1/statistics/export.pdf?orgId=${communities[0]!.id}&period=${period}`)).statusCode, 403)
    assert.equal((await grid.client.get(`/api/v1/assessments/export.pdf?orgId=${street.id}&period=${period}`)).statusCode, 403)
  })
})
