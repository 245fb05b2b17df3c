// 考核排名 in the browser (issue 18): the demo street admin opens the assessment of the street's
// communities for last month after the sweep computed it: the ranking with a row per community and
// the street's own row, scorecard cells with the figure behind them on hover, the bar chart, the
// trend line and the map of one indicator; downloads the Excel export; opens a community and comes
// back. axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { sql } from 'drizzle-orm'
import { loginConsole, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { sweepOnce } from '../../src/server/kernel/scheduler.ts'
import { schedulerJobs } from '../../src/server/app.ts'
import { monthAt, monthOf } from '../../src/server/kernel/indicators.ts'
import { loadExcel } from '../../src/server/kernel/spreadsheet.ts'

const ctx = useServedAppAndBrowser()
const last = monthAt(new Date(Date.parse(monthOf(monthAt(new Date())).from) - 86_400_000))

test('a street admin reads the ranking and charts of the street’s communities, exports them and opens a community', async () => {
  for (let i = 0; i < 20; i++) {
    await sweepOnce(ctx.served.database, schedulerJobs(ctx.served.app.services), new Date())
    const [left] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
    if (left!.n === 0) break
  }
  const communities = await ctx.served.query<{ id: string; name: string }>(sql`SELECT id::text, name FROM orgs
    WHERE parent_id = ${ctx.served.fixtures.streetId} AND kind IN ('community', 'village') AND deleted_at IS NULL ORDER BY path`)
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true }), 'console-assessments-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'street')
    await page.getByRole('menuitem', { name: '考核排名' }).click()
    await page.waitForURL(/\/statistics\/assessments/)
    const heading = page.getByRole('heading', { level: 1, name: /^考核排名 · / })
    await heading.waitFor()
    const street = (await heading.innerText()).replace(/^考核排名 · /, '')
    for (const c of communities) await page.getByRole('button', { name: c.name, exact: true }).waitFor()
    assert.equal(await page.locator('.ant-table-tbody > tr.ant-table-row').count(), communities.length)
    await page.locator('.ant-table-summary').getByText(`${street}（本级）`).waitFor()
    await page.getByText('按期办理率').first().waitFor()

    // A scored cell says what it rests on.
    const cell = page.locator('.ant-table-tbody [aria-label^="绿："], .ant-table-tbody [aria-label^="黄："], .ant-table-tbody [aria-label^="红："]').first()
    await cell.hover()
    await page.getByRole('tooltip').getByText(/权重 \d+/).waitFor()

    // The charts: the bars and the trend line drawn by ECharts, the map by maplibre.
    await page.getByTestId('assessment-bars').locator('canvas').waitFor()
    await page.getByTestId('assessment-trend').locator('canvas').waitFor()
    await page.getByTestId('assessment-map').locator('canvas').waitFor()
    await page.waitForTimeout(1000)
    assert.deepEqual(await seriousViolations(page), [], 'assessments page')
    await screenshot(page, 'console-assessments')
    await page.getByTestId('assessment-map').scrollIntoViewIfNeeded()
    await page.waitForTimeout(500)
    await screenshot(page, 'console-assessments-charts')

    // Another indicator on the map.
    await page.getByRole('combobox', { name: '地图指标' }).click()
    await page.locator('.ant-select-dropdown').getByText('群众满意率', { exact: true }).click()
    await page.waitForURL(/code=cases\.satisfaction_rate/)

    // The Excel export for the reviews.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()])
    assert.equal(download.suggestedFilename(), `考核排名-${street}-${last}.xlsx`)
    const book = new (await loadExcel()).Workbook()
    await book.xlsx.load(await readFile((await download.path())!) as never)
    assert.deepEqual(book.worksheets.map((s) => s.name), ['考核排名', '评分表'])
    const names = [] as string[]
    book.getWorksheet('考核排名')!.eachRow((row, n) => { if (n > 4) names.push(String(row.getCell(2).value ?? '')) })
    for (const c of communities) assert.ok(names.includes(c.name), `${c.name} in ${names.join(',')}`)

    // Drill into a community: its own assessment (no children, its score and trend), then back.
    await page.getByRole('button', { name: communities[0]!.name, exact: true }).click()
    await page.waitForURL(new RegExp(`orgId=${communities[0]!.id}`))
    await page.getByRole('heading', { level: 1, name: `考核排名 · ${communities[0]!.name}` }).waitFor()
    await page.getByText('本级没有下级单位，只显示本级得分').waitFor()
    await page.getByTestId('assessment-trend').locator('canvas').waitFor()
    await screenshot(page, 'console-assessments-community')
    await page.getByRole('button', { name: /返回上级/ }).click()
    await page.getByRole('heading', { level: 1, name: `考核排名 · ${street}` }).waitFor()

    // The English locale beside the Chinese.
    await page.getByRole('button', { name: /language/ }).click()
    await page.getByRole('heading', { level: 1, name: `Assessment ranking · ${street}` }).waitFor()
    await page.getByRole('button', { name: /Export to Excel/ }).waitFor()
    await page.getByText('Score over time').waitFor()
    await page.waitForTimeout(1000)
    await screenshot(page, 'console-assessments-en')
    assert.deepEqual(watch.problems, [])
  })
})
