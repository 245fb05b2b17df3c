// 红色帮办 in the browser (issue 15): the demo resident asks for help on the phone; the community's
// cadre accepts it in the console, plans a step, completes it and finishes the errand; the resident
// follows the timeline on the phone and rates it. The figures tab shows the desks.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const TITLE = '浏览器测试：办理个体户营业执照'

test('asked on the phone, accepted and worked in the console, followed and rated on the phone', async () => {
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-errand-apply-failed', async (page) => {
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/my-errands`)
    await page.getByRole('heading', { level: 1, name: '我的帮办' }).waitFor()
    await page.locator('.h5-card').first().waitFor()
    await screenshot(page, 'h5-my-errands')
    await page.getByRole('button', { name: '申请帮办' }).click()
    await page.getByRole('heading', { level: 1, name: '申请帮办' }).waitFor()
    await page.getByText('营业执照', { exact: true }).click()
    await page.getByPlaceholder('如：办个体户营业执照').fill(TITLE)
    await page.getByPlaceholder('如：身份证、租赁合同（用顿号分隔）').fill('身份证、租赁合同')
    assert.deepEqual(await seriousViolations(page), [], 'apply form')
    await page.getByRole('button', { name: '提交申请' }).click()
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor()
    await page.getByText('还需提供：身份证、租赁合同').waitFor()
  })

  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }), 'console-errand-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '红色帮办' }).click()
    await page.getByRole('heading', { level: 1, name: '红色帮办' }).waitFor()
    await page.locator('.ant-table-tbody > tr.ant-table-row').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'errand list')
    await screenshot(page, 'console-errands')
    await page.getByRole('button', { name: TITLE }).click()
    const drawer = page.locator('.ant-drawer')
    await drawer.getByRole('button', { name: /^受\s*理$/ }).click()
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click()
    await drawer.getByText('已受理').first().waitFor()
    // The box is ticked once the server has the document (a controlled checkbox): click, then wait.
    await drawer.getByRole('checkbox', { name: /身份证/ }).click()
    await drawer.locator('.ant-checkbox-wrapper-checked', { hasText: '身份证' }).waitFor()
    await drawer.getByRole('textbox', { name: '步骤' }).fill('材料预审')
    await drawer.getByRole('button', { name: '新增步骤' }).click()
    await drawer.locator('tr', { hasText: '材料预审' }).getByRole('button', { name: /^完\s*成$/ }).click()
    await page.getByLabel('办理说明（可选）').fill('材料齐全')
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click()
    await drawer.locator('tr', { hasText: '材料预审' }).getByText(/\d\d-\d\d \d\d:\d\d/).waitFor()
    await screenshot(page, 'console-errand-drawer')
    await drawer.getByRole('button', { name: /办\s*结/ }).click()
    await page.locator('.ant-modal').getByLabel('办理结果').fill('营业执照已办好，请到帮办点领取')
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click()
    await drawer.getByText('已办结').first().waitFor()
    await page.locator('.ant-drawer-close').click()
    await page.getByRole('tab', { name: '帮办统计' }).click()
    await page.getByText('按帮办点（站、中心）').waitFor()
    await page.waitForTimeout(500)
    await screenshot(page, 'console-errand-figures')
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-errand-rate-failed', async (page) => {
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/my-errands`)
    await page.getByRole('link', { name: new RegExp(TITLE) }).click()
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor()
    const timeline = page.getByRole('region', { name: '办理进度' })
    for (const step of ['提交申请', '受理', '完成步骤', '办结']) await timeline.getByText(step, { exact: true }).first().waitFor()
    await page.getByText('营业执照已办好，请到帮办点领取').first().waitFor()
    await screenshot(page, 'h5-errand-done')
    await page.getByPlaceholder('意见和建议（选填）').fill('帮办员很耐心')
    await page.getByRole('region', { name: '评价帮办服务' }).getByRole('button', { name: '评价帮办服务' }).click()
    await page.getByText('感谢您的评价').waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'errand page')
  })
  const [row] = await ctx.served.query<{ state: string; rating: number; feedback: string }>(sql`SELECT state, rating, feedback FROM errands WHERE title = ${TITLE}`)
  assert.deepEqual(row, { state: 'done', rating: 5, feedback: '帮办员很耐心' })
})
