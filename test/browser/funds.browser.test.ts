// Funds and projects in the browser (issue 17): a community cadre reads the year's figures card
// with the governance rule, the funds and the projects, opens a project under way and records an
// expense; on the phone anyone opens the community's public page (no payees, no receipts) and the
// demo resident pledges to the crowdfunding project. axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions

test('a cadre reads the funds and records an expense; on the phone the public page shows the spending and the resident pledges', async () => {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' }), 'console-funds-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.goto(`${ctx.served.baseUrl}/funds`)
    await page.getByRole('heading', { level: 1, name: '经费与项目' }).waitFor()
    await page.getByTestId('fund-figures').first().waitFor()
    await page.getByRole('cell', { name: '服务群众专项经费' }).first().waitFor()
    assert.match(await page.getByTestId('fund-figures').first().innerText(), /治理占比 [\d.]+%（要求 ≥ 20%）/)
    assert.deepEqual(await seriousViolations(page), [], 'funds page')
    await screenshot(page, 'console-funds')
    await page.getByRole('tab', { name: '项目' }).click()
    await page.getByRole('cell', { name: '实施中' }).first().click()
    const drawer = page.getByRole('dialog')
    await drawer.getByRole('heading', { name: '支出明细' }).waitFor()
    const before = await drawer.locator('.ant-table-tbody tr').count()
    await drawer.getByRole('button', { name: '登记支出' }).waitFor()
    await drawer.getByLabel('日期').click()
    await page.locator('.ant-picker-cell-today').first().click()
    await drawer.getByLabel('事项').fill('宣传展板')
    await drawer.getByLabel('收款方').fill('某文印社')
    await drawer.getByLabel('金额（元）').fill('120')
    await drawer.getByRole('button', { name: '登记支出' }).click()
    await page.waitForFunction((n) => document.querySelectorAll('[role=dialog] .ant-table-tbody tr').length > n, before)
    await drawer.getByRole('cell', { name: '宣传展板' }).first().waitFor()
    await screenshot(page, 'console-funds-project')
  })

  const [crowd] = await ctx.served.query<{ id: string; org_id: string }>(sql`SELECT id::text, org_id::text FROM fund_projects WHERE kind = 'crowdfunding' ORDER BY id LIMIT 1`)
  assert.ok(crowd, 'the demo has a crowdfunding project')
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-funds-failed', async (page) => {
    await page.goto(`${ctx.served.baseUrl}/h5/projects?orgId=${crowd.org_id}`)
    await page.getByRole('heading', { level: 1, name: /项目公开/ }).waitFor()
    await page.locator('.h5-fund-card').first().waitFor()
    const text = await page.locator('main').innerText()
    assert.doesNotMatch(text, /收款方|票据|文印社|照明工程/)
    await page.getByRole('link', { name: '登录后认捐' }).first().waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'public projects')
    await screenshot(page, 'h5-projects-public')
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/projects?orgId=${crowd.org_id}`)
    const card = page.locator('.h5-fund-card', { hasText: '微公益' }).first()
    await card.getByLabel('认捐金额（元）').fill('88')
    await card.getByRole('button', { name: '我要认捐' }).click()
    await page.locator('.adm-dialog').getByRole('button', { name: '我要认捐' }).click()
    await page.getByText('认捐成功，谢谢您的爱心！').waitFor()
    await screenshot(page, 'h5-projects-pledged')
  })
  const [pledge] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM fund_pledges WHERE project_id = ${crowd!.id} AND amount_yuan = 88`)
  assert.equal(pledge!.n, 1)
})
