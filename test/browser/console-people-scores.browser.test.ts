// 人员考核 in the browser (issue 18): the demo community cadre opens the page from the menu, reads
// the grid workers' ranking for this month (the demo grid worker's 3 cases handled, 2 on time: a
// red 66.67 % cell with 2 / 3 on hover), switches to the members and exports the workbook; the
// grid worker opens 我的考核 on the phone and sees the same figures. axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser } from '../support/browser.ts'
import { monthAt } from '../../src/server/kernel/indicators.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const period = monthAt(new Date())

/** The demo grid worker handled exactly three of their grid's cases this month, two on time. */
async function threeCases(): Promise<string> {
  const { served } = ctx
  const worker = served.fixtures.personIds.grid!
  await served.query(sql`UPDATE cases SET last_handler_id = NULL WHERE last_handler_id = ${worker}`)
  const picked = await served.query<{ id: string }>(sql`SELECT id::text FROM cases WHERE org_id = ${served.fixtures.gridId} AND merged_into_id IS NULL ORDER BY id LIMIT 3`)
  assert.equal(picked.length, 3, 'the demo grid has three cases')
  for (const [i, c] of picked.entries()) {
    await served.query(sql`UPDATE cases SET last_handler_id = ${worker}, handled_at = now() - interval '1 minute', handled_on_time = ${i < 2} WHERE id = ${c.id}`)
  }
  const [me] = await served.query<{ name: string }>(sql`SELECT name FROM people WHERE id = ${worker}`)
  return me!.name
}

test('a community cadre ranks the grid workers and members, reads a figure on hover and exports; the grid worker reads 我的考核 on the phone', async () => {
  const name = await threeCases()
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' }), 'console-people-scores-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '人员考核' }).click()
    await page.getByRole('heading', { level: 1, name: /^人员考核 · / }).waitFor()
    await page.getByRole('combobox', { name: '统计期' }).click()
    await page.locator(`.ant-select-item-option[title="${period}"]`).click()
    await page.waitForURL(new RegExp(`period=${period}`))
    const row = page.locator('.ant-table-row', { hasText: name })
    // The month's rows replace the last month's (kept while loading): wait for the figure itself.
    const cell = row.locator('[data-color="red"]', { hasText: '66.67%' })
    await cell.waitFor()
    await cell.hover()
    await page.getByRole('tooltip').getByText(/按期办理率：66\.67%（2 \/ 3）；得 0 分（权重 40）/).waitFor()
    await page.getByText(/^共 \d+ 人，\d+ 人有得分/).waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'people scores page')
    await screenshot(page, 'console-people-scores')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()])
    assert.match(download.suggestedFilename(), new RegExp(`^人员考核-网格员-.+-${period}\\.xlsx$`))

    await page.getByText('在职党员', { exact: true }).click()
    await page.waitForURL(/role=member/)
    await page.getByRole('columnheader', { name: /服务时长/ }).waitFor()
    await page.getByRole('columnheader', { name: /报到社区/ }).waitFor()
    await screenshot(page, 'console-people-scores-members')
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-my-scores-failed', async (page) => {
    await loginH5(page, ctx.served.baseUrl, 'grid')
    await page.getByRole('link', { name: /我的考核/ }).first().click()
    await page.getByRole('heading', { level: 1, name: '我的考核' }).waitFor()
    const card = page.locator('[data-role="grid_worker"]')
    await card.getByRole('heading', { name: /^网格员考核 · / }).waitFor()
    await card.getByText('66.67%（2/3） · 红').waitFor()
    await card.getByText(/第 \d+ 名（共 \d+ 人）/).waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'my scores')
    await screenshot(page, 'h5-my-scores')
  })
})

test('a street admin sets the grid workers’ visit targets for the street and goes back to the default; a cadre reads them only', async () => {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' }), 'console-people-targets-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'street')
    await page.getByRole('menuitem', { name: '人员考核' }).click()
    await page.getByRole('heading', { level: 1, name: /^人员考核 · / }).waitFor()
    await page.getByRole('button', { name: '考核目标' }).click()
    const drawer = page.getByRole('dialog', { name: /^考核目标 · .+ · 网格员$/ })
    const visits = drawer.getByRole('row', { name: /走访次数/ })
    await visits.getByText('默认').waitFor()
    await drawer.getByLabel('走访次数 绿档线').fill('10')
    await drawer.getByLabel('走访次数 黄档线').fill('6')
    await drawer.getByRole('button', { name: '保存本级目标' }).click()
    await page.getByText('已保存，排名已按新目标计算').waitFor()
    await visits.getByText(/街道设置$/).waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'targets drawer')
    await screenshot(page, 'console-people-targets')
    await drawer.getByRole('button', { name: '恢复上级或默认' }).click()
    await visits.getByText('默认').waitFor()
  })
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' }), 'console-people-targets-cadre-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '人员考核' }).click()
    await page.getByRole('button', { name: '考核目标' }).click()
    const drawer = page.getByRole('dialog', { name: /^考核目标 · / })
    await drawer.getByText('目标由市、区、街道管理员为辖区设置；这里显示本节点正在执行的目标。').waitFor()
    assert.equal(await drawer.getByRole('button', { name: '保存本级目标' }).count(), 0)
  })
})
