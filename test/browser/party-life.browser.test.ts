// Organisation life in the browser (issue 17): the street admin opens 组织生活 on the largest
// organisation's dashboard and calendar, then the rollup of the street's Party organisations with late and missing periods, opens one organisation's
// dashboard, its members and study; the cadre holds a Party meeting that opens the one meeting
// page; the demo member reads 我的组织生活 on the phone. axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const desktop = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions

test('console: the street\'s rollup, one organisation\'s dashboard, members and study', async () => {
  await onFreshPage(() => ctx.browser.newPage(desktop), 'console-party-life-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'street')
    await page.goto(`${ctx.served.baseUrl}/party-life`)
    await page.getByRole('heading', { level: 1, name: '组织生活' }).waitFor()
    // It opens on the largest organisation under the street: a dashboard with a year of meetings held.
    await page.getByRole('tab', { name: '看板', selected: true }).waitFor()
    await page.getByText('已召开').first().waitFor()
    await screenshot(page, 'console-party-life-default')
    await page.getByRole('tab', { name: '会议日历' }).click()
    await page.locator('.ant-picker-calendar .ant-btn-link').first().waitFor()
    await screenshot(page, 'console-party-life-calendar')
    await page.getByRole('tab', { name: '党员' }).click()
    await page.locator('.ant-table-row').first().waitFor()
    await page.getByRole('tab', { name: '学习教育' }).click()
    await page.getByText('党员学时').waitFor()
    await screenshot(page, 'console-party-life-study')
    await page.getByRole('tab', { name: '汇总' }).click()
    const firstRow = page.locator('.ant-table-row').first()
    await firstRow.waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'rollup')
    await screenshot(page, 'console-party-life-overview')
    await firstRow.getByRole('button').first().click()
    await page.getByRole('tab', { name: '看板', selected: true }).waitFor()
    await page.getByText('连续三次及以上缺席的党员').waitFor()
    await page.getByText(/已召开|缺开|逾期未开/).first().waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'dashboard')
    await screenshot(page, 'console-party-life-dashboard')
    assert.deepEqual(watch.problems, [])
  })
})

test('console: a cadre holds a Party meeting and lands on the meeting page', async () => {
  await onFreshPage(() => ctx.browser.newPage(desktop), 'console-party-meeting-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.goto(`${ctx.served.baseUrl}/party-life`)
    // Their own organisation is open at once.
    await page.getByRole('tab', { name: '看板', selected: true }).waitFor()
    await page.getByRole('button', { name: '召开组织生活会' }).click()
    const dialog = page.getByRole('dialog', { name: '召开组织生活会' })
    await dialog.getByLabel('会议名称').fill('浏览器测试支委会')
    await dialog.getByLabel('地点').fill('党员活动室')
    await dialog.getByLabel('议程（每行一项）').fill('研究发展党员工作\n通报民情')
    await dialog.getByRole('button', { name: /发\s*起/ }).click()
    await page.waitForURL(/\/meetings\/\d+$/)
    await page.getByRole('heading', { name: '浏览器测试支委会' }).waitFor()
    await screenshot(page, 'console-party-meeting')
  })
})

test('phone: the demo member reads 我的组织生活', async () => {
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-party-life-failed', async (page) => {
    await loginH5(page, ctx.served.baseUrl, 'member')
    await page.goto(`${ctx.served.baseUrl}/h5/party-life`)
    await page.getByRole('heading', { level: 1, name: '我的组织生活' }).waitFor()
    await page.getByRole('list', { name: '组织生活会议' }).waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'my organisation life')
    await screenshot(page, 'h5-party-life')
  })
})
