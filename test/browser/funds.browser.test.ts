// Funds and projects in the browser (issue 17): a community cadre reads the year's figures card
// with the governance rule, the funds and the projects, opens a project under way and records an
// expense; on the phone anyone opens the community's public page (no payees, no receipts) and the
// demo resident pledges to the crowdfunding project. The cadre completes a project with a photo,
// edits a fund and a social organisation; a visitor picks the community. axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser } from '../support/browser.ts'
import { plainJpeg } from '../support/images.ts'

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
    // Complete another project under way (not the crowdfunding one, which the phone pledges to) with a photo of the result.
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    await page.locator('.ant-table-row').filter({ hasText: '实施中' }).filter({ hasNotText: '微公益' }).first().click()
    const complete = drawer.getByTestId('project-complete')
    await complete.locator('input[type=file]').setInputFiles({ name: 'done.jpg', mimeType: 'image/jpeg', buffer: await plainJpeg({ seed: 17 }) })
    await complete.locator('.ant-upload-list-item-done').first().waitFor()
    await complete.getByLabel('完成情况', { exact: true }).fill('展板已安装，居民反映良好')
    await screenshot(page, 'console-funds-complete-form')
    await complete.getByRole('button', { name: '项目完成' }).click()
    await drawer.getByRole('heading', { name: '完成照片' }).waitFor()
    await drawer.getByText('展板已安装，居民反映良好').first().waitFor()
    await screenshot(page, 'console-funds-completed')
    await page.keyboard.press('Escape')
    // Edit a fund's note, and a social organisation's profile.
    await page.getByRole('tab', { name: '经费' }).click()
    await page.getByRole('button', { name: /^编辑 .*党建工作经费/ }).first().click()
    const fundModal = page.getByRole('dialog', { name: /修改经费/ })
    await fundModal.getByLabel('备注').fill('浏览器测试修改')
    await screenshot(page, 'console-funds-edit')
    await fundModal.getByRole('button', { name: /保\s*存/ }).click()
    await fundModal.waitFor({ state: 'hidden' })
    await page.getByRole('tab', { name: '社会组织' }).click()
    await page.getByRole('button', { name: /^编辑 / }).first().click()
    const orgModal = page.getByRole('dialog', { name: /编辑社会组织/ })
    await orgModal.getByLabel('备注').fill('入驻孵化基地满一年')
    await screenshot(page, 'console-funds-social-edit')
    await orgModal.getByRole('button', { name: /保\s*存/ }).click()
    await orgModal.waitFor({ state: 'hidden' })
  })
  const [edited] = await ctx.served.query<{ funds: number; orgs: number; done: number }>(sql`SELECT (SELECT count(*) FROM funds WHERE note = '浏览器测试修改')::int AS funds,
    (SELECT count(*) FROM social_orgs WHERE note = '入驻孵化基地满一年')::int AS orgs, (SELECT count(*) FROM fund_projects WHERE done_note = '展板已安装，居民反映良好' AND cardinality(evidence_photo_ids) = 1)::int AS done`)
  assert.deepEqual(edited, { funds: 1, orgs: 1, done: 1 })

  const [crowd] = await ctx.served.query<{ id: string; org_id: string }>(sql`SELECT id::text, org_id::text FROM fund_projects WHERE kind = 'crowdfunding' ORDER BY id LIMIT 1`)
  assert.ok(crowd, 'the demo has a crowdfunding project')
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-funds-failed', async (page) => {
    // A visitor without a login picks the community.
    await page.goto(`${ctx.served.baseUrl}/h5/projects`)
    await page.getByRole('region', { name: '选择社区' }).waitFor()
    await page.locator('.h5-fund-communities button').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'community picker')
    await screenshot(page, 'h5-projects-pick-community')
    await page.locator('.h5-fund-communities button').first().click()
    await page.getByRole('heading', { level: 1, name: /项目公开/ }).waitFor()
    await page.getByRole('button', { name: '看看其他社区' }).waitFor()
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
