// The statistics table in the browser (issue 18): the demo street admin reads the street's table
// for this month after the sweep computed it: a row per community and the total, the Party-building
// ledger's columns, an indicator's definition on hover, the table split by gender and by category
// (sub-columns per part, a part's definition on hover), a community opened by its name and back.
// axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { loginConsole, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser } from '../support/browser.ts'
import { sweepOnce } from '../../src/server/kernel/scheduler.ts'
import { schedulerJobs } from '../../src/server/app.ts'

const ctx = useServedAppAndBrowser()

test('a street admin reads the street’s statistics table, switches ledger, reads a definition and opens a community', async () => {
  // The minute sweep computes the facts (the served test app runs no scheduler): until none wait.
  for (let i = 0; i < 20; i++) {
    await sweepOnce(ctx.served.database, schedulerJobs(ctx.served.app.services), new Date())
    const [left] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
    if (left!.n === 0) break
  }
  const communities = await ctx.served.query<{ id: string; name: string }>(sql`SELECT id::text, name FROM orgs
    WHERE parent_id = ${ctx.served.fixtures.streetId} AND kind IN ('community', 'village') AND deleted_at IS NULL ORDER BY path`)
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' }), 'console-statistics-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'street')
    await page.getByRole('menuitem', { name: '统计一套表' }).click()
    await page.getByRole('heading', { level: 1, name: /^统计一套表 · / }).waitFor()
    for (const c of communities) await page.getByRole('button', { name: c.name, exact: true }).waitFor()
    await page.locator('.ant-table-summary').getByText('合计').waitFor()
    await page.getByText('数据已是最新').waitFor()
    assert.equal(await page.locator('.ant-table-tbody > tr.ant-table-row').count(), communities.length)
    await page.getByText('按期办理率').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'statistics page')
    await screenshot(page, 'console-statistics')

    await page.getByText('党建台账').click()
    await page.waitForURL(/ledger=party/)
    await page.getByText('网格数').first().hover()
    await page.getByRole('tooltip').getByText(/月末社区内划定的网格数/).waitFor()
    const [grids] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs g JOIN orgs s ON g.path <@ s.path
      WHERE s.id = ${ctx.served.fixtures.streetId} AND g.kind = 'grid' AND g.deleted_at IS NULL`)
    await page.waitForFunction((n) => document.querySelector('.ant-table-summary')?.textContent?.includes(String(n)), grids!.n)
    await screenshot(page, 'console-statistics-party')

    // A breakdown: the indicators that have it split into sub-columns (小计, then each part, its definition on hover).
    await page.getByText('按性别', { exact: true }).click()
    await page.waitForURL(/breakdown=gender/)
    await page.getByText(/已按所选分组展开支持分组的指标/).waitFor()
    await page.getByRole('columnheader', { name: '小计' }).first().waitFor()
    await page.getByText('在职党员报到').first().waitFor()
    await screenshot(page, 'console-statistics-gender')
    await page.getByText('民生台账').click()
    await page.getByText('按类别', { exact: true }).click()
    await page.waitForURL(/breakdown=category/)
    await page.getByText('发现上报问题').first().waitFor()
    await page.locator('thead th:has-text("小计") + th').first().hover()
    await page.getByRole('tooltip').getByText(/的部分/).waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'statistics page split by category')
    await screenshot(page, 'console-statistics-category')
    await page.getByText('不分组', { exact: true }).click()
    await page.waitForURL((u) => !u.search.includes('breakdown'))

    await page.getByRole('button', { name: communities[0]!.name, exact: true }).click()
    await page.waitForURL(new RegExp(`orgId=${communities[0]!.id}`))
    await page.getByRole('heading', { level: 1, name: `统计一套表 · ${communities[0]!.name}` }).waitFor()
    await page.getByRole('button', { name: /返回上级/ }).click()
    await page.getByRole('heading', { level: 1, name: /^统计一套表 · / }).waitFor()
    await page.getByRole('button', { name: communities[0]!.name, exact: true }).waitFor()
  })
})
