// Deliberation in the browser (issue 16): the demo resident proposes a topic on the phone and
// casts the demo's secret ballot; the community's cadre sees the topic on the console's board by
// stage, opens it (stages and timeline) and the resolution tracker shows 香梅苑屋顶排险 with its tasks.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const TITLE = '单元门口增设无障碍坡道'

test('a topic from the phone to the board; a secret ballot on the phone; the console topic page and resolution tracker', async () => {
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-deliberation-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/deliberation`)
    await page.locator('.h5-topic-card').first().waitFor()
    await screenshot(page, 'h5-deliberation')
    await page.getByRole('link', { name: '我要提议题' }).click()
    await page.getByLabel('议题是什么').fill(TITLE)
    await page.getByLabel('具体说说').fill('轮椅和婴儿车进出单元门要抬过台阶，建议增设坡道。')
    await page.getByRole('button', { name: '提交议题' }).click()
    await page.getByText(/议题已提交/).waitFor()
    await page.getByText('1/5 户附议').waitFor()
    // The demo's secret ballot.
    await page.goto(`${ctx.served.baseUrl}/h5/deliberation`)
    await page.getByText(/^去投票/).first().click()
    await page.getByText(/无记名投票/).waitFor()
    await screenshot(page, 'h5-deliberation-vote')
    await page.getByRole('button', { name: '赞成' }).click()
    await page.getByRole('button', { name: '赞成' }).last().click()
    await page.getByText('投票成功，谢谢参与').waitFor()
    await page.getByText('您已投票', { exact: true }).waitFor()
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(desk), 'console-deliberation-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '协商议事' }).click()
    await page.getByRole('heading', { level: 1, name: '协商议事' }).waitFor()
    await page.getByText(TITLE).waitFor()
    await screenshot(page, 'console-deliberation-board')
    assert.deepEqual(await seriousViolations(page), [], 'board')
    await page.getByText(TITLE).click()
    await page.getByText('议事阶段').waitFor()
    await page.getByText('提出议题').first().waitFor()
    await screenshot(page, 'console-deliberation-topic')
    await page.keyboard.press('Escape')
    await page.getByRole('tab', { name: '决议跟踪' }).click()
    await page.getByText('香梅苑屋顶排险').first().click()
    await page.getByRole('cell', { name: '更换防水层', exact: true }).waitFor()
    await screenshot(page, 'console-deliberation-resolution')
    assert.deepEqual(watch.problems, [])
  })
})
