// Broadcasts (红喇叭) in the browser (issue 16): the demo resident opens 我的通知, where the
// newest notice waits unread first, reads it (marked read) and answers with one tap; a cadre
// sends a notice to a grid from the console, opens it, sees the receipt table unopened first,
// reminds the waiting, ticks a call off, and reads the figures per community. axe-core finds
// nothing serious on the main pages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, pickSelectOption, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions

test('the demo resident reads the newest notice, unread first, and answers it with one tap', async () => {
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-notices-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.getByRole('link', { name: /我的通知/ }).first().click()
    await page.getByRole('heading', { level: 1, name: '我的通知' }).waitFor()
    const first = page.locator('.h5-notice').first()
    assert.match(await first.innerText(), /未读/)
    assert.deepEqual(await seriousViolations(page), [], 'my notices')
    await screenshot(page, 'h5-notices')
    await first.locator('.h5-notice-head').click()
    await first.getByRole('button', { name: '我参加' }).click()
    await first.getByText('已回执：我参加').waitFor()
    await screenshot(page, 'h5-notice-answered')
    const [r] = await ctx.served.query<{ stage: number; ack_choice: string }>(sql`SELECT r.stage, r.ack_choice FROM broadcast_receipts r
      JOIN accounts a ON a.person_id = r.person_id WHERE a.username = 'resident' ORDER BY r.broadcast_id DESC LIMIT 1`)
    assert.deepEqual(r, { stage: 2, ack_choice: '我参加' })
    assert.deepEqual(watch.problems, [])
  })
})

test('a cadre sends a notice to a grid, sees its receipts unopened first, reminds the waiting, ticks a call and reads the figures', async () => {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' }), 'console-broadcasts-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '红喇叭' }).click()
    await page.getByRole('heading', { level: 1, name: '红喇叭通知' }).waitFor()
    await page.locator('.ant-table-tbody > tr.ant-table-row').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'notices')
    await screenshot(page, 'console-broadcasts')
    await page.getByRole('button', { name: /发通知/ }).click()
    const modal = page.getByRole('dialog', { name: '发通知' })
    await modal.getByLabel('标题').fill('今晚楼道消防演练')
    await modal.getByLabel('正文').fill('今晚 7 点在各楼道开展消防演练，请居民配合。')
    const grid = (await ctx.served.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${ctx.served.fixtures.gridId}`))[0]!.name
    await pickSelectOption(page, modal.getByLabel('网格、楼栋或社区'), grid, grid, 'text')
    await screenshot(page, 'console-broadcast-compose')
    await modal.getByRole('button', { name: /^发\s*送$/ }).click()
    const drawer = page.getByRole('dialog', { name: '今晚楼道消防演练' })
    await drawer.getByText('回执表').waitFor()
    await drawer.locator('.ant-table-tbody > tr.ant-table-row').first().waitFor()
    const stages = await drawer.locator('.ant-table-tbody > tr.ant-table-row td:nth-child(5)').allInnerTexts()
    assert.ok(stages.length > 0 && stages.every((s) => s.trim() === '未读'), stages.join(','))
    await drawer.getByRole('button', { name: '提醒未读的人' }).click()
    await page.getByText(/已提醒：应用内/).waitFor()
    await drawer.getByRole('checkbox', { name: '只看待登记' }).check()
    const tick = drawer.getByRole('button', { name: '登记结果' }).first()
    if (await tick.count()) {
      await tick.click()
      const tickModal = page.getByRole('dialog', { name: /登记结果/ })
      await tickModal.getByRole('button', { name: /OK|确\s*定/ }).click()
      await tickModal.waitFor({ state: 'hidden' })
    }
    assert.deepEqual(await seriousViolations(page), [], 'receipts')
    await screenshot(page, 'console-broadcast-receipts')
    await page.keyboard.press('Escape')
    await page.getByRole('tab', { name: '成效统计' }).click()
    await page.getByRole('columnheader', { name: '节省电话' }).waitFor()
    await page.locator('.ant-table-tbody > tr.ant-table-row').first().waitFor()
    await screenshot(page, 'console-broadcast-figures')
    assert.deepEqual(watch.problems, [])
  })
})
