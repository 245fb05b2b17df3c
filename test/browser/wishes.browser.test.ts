// Wishes in the browser (issue 15): the demo resident makes a wish on the phone, the community's
// cadre approves it in the console's queue, the demo member claims it on the wall, fulfils it
// with a photo from 我认领的心愿, the resident thanks them from 我的心愿, and anyone without a login
// reads the thanks on the wall, which names the wisher only by surname.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { plainJpeg } from '../support/images.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const TITLE = '想要一套天文望远镜入门套装'

test('a wish from the phone to the wall: posted, approved in the console, claimed, fulfilled with a photo and thanked', async () => {
  const [resident] = await ctx.served.query<{ name: string }>(sql`SELECT p.name FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.username = 'resident'`)

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-wish-post-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.getByRole('link', { name: /微心愿/ }).first().click()
    await page.getByRole('heading', { level: 1, name: '微心愿' }).waitFor()
    await page.locator('.h5-wish-card').first().waitFor()
    await screenshot(page, 'h5-wish-wall')
    await page.getByRole('link', { name: '我要许愿' }).click()
    await page.getByLabel('为谁许愿').selectOption('child')
    await page.getByLabel('心愿类别').selectOption('study')
    await page.getByLabel('心愿是什么').fill(TITLE)
    await page.getByLabel('说说心愿的故事（选填）').fill('喜欢看星星，想亲眼看看月亮上的环形山')
    await page.getByLabel('大约价值（元）').fill('260')
    await screenshot(page, 'h5-wish-post')
    await page.getByRole('button', { name: '提交，等待社区审核' }).click()
    await page.getByText('已提交，社区审核通过后会展示在心愿墙上').waitFor()
    await page.locator('.h5-wish-card', { hasText: TITLE }).getByText('待审核').first().waitFor()
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(desk), 'console-wish-approve-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '微心愿' }).click()
    await page.getByRole('heading', { level: 1, name: '微心愿' }).waitFor()
    const row = page.locator('tr', { hasText: TITLE })
    await row.waitFor()
    await screenshot(page, 'console-wish-queue')
    assert.deepEqual(await seriousViolations(page), [], 'wish queue')
    await row.getByRole('button', { name: /^通\s?过$/ }).click()
    await page.getByText(`通过：${TITLE}`).waitFor()
    await page.getByRole('tab', { name: '全部心愿' }).click()
    await page.locator('tr', { hasText: TITLE }).getByRole('button', { name: TITLE }).click()
    await page.getByRole('dialog').getByText('办理过程').waitFor()
    await page.getByRole('dialog').getByText('审核通过').waitFor()
    await screenshot(page, 'console-wish-drawer')
    await page.keyboard.press('Escape')
    await page.getByRole('tab', { name: '统计' }).click()
    await page.getByText('平均实现天数').first().waitFor()
    await screenshot(page, 'console-wish-figures')
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-wish-claim-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'member')
    await page.goto(`${ctx.served.baseUrl}/h5/wishes`)
    const card = page.locator('.h5-wish-card', { hasText: TITLE })
    await card.getByRole('button', { name: '我来认领' }).click()
    const asWhom = card.getByLabel('以谁的名义认领')
    if (await asWhom.isVisible().catch(() => false)) await asWhom.selectOption({ label: '我本人（党员）' })
    await page.getByRole('dialog').getByRole('button', { name: '我来认领' }).click()
    await page.getByText('认领成功').waitFor()
    await page.getByRole('link', { name: '我认领的心愿' }).click()
    const mine = page.locator('.h5-wish-card', { hasText: TITLE })
    await mine.waitFor()
    await mine.locator('input[type=file][multiple]').setInputFiles({ name: 'gift.jpg', mimeType: 'image/jpeg', buffer: await plainJpeg({ seed: 201, width: 320, height: 240 }) })
    await mine.locator('.h5-photo img').waitFor()
    await mine.getByLabel('说几句（选填）').fill('望远镜已送到小朋友家里')
    const send = mine.getByRole('button', { name: '提交实现照片' })
    await page.waitForFunction(() => !document.querySelector('.h5-photo-status'))
    await screenshot(page, 'h5-wish-fulfil')
    await send.click()
    await page.getByText('已提交，谢谢您的爱心').waitFor()
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-wish-thank-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/my-wishes`)
    const card = page.locator('.h5-wish-card', { hasText: TITLE })
    await card.getByText('已实现').first().waitFor()
    await card.getByLabel('写一句感谢').fill('谢谢党员叔叔，我看到月亮了！')
    await card.getByRole('button', { name: '送出感谢' }).click()
    await page.getByText('感谢已送出').waitFor()
    await screenshot(page, 'h5-my-wishes')
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-wish-wall-failed', async (page) => {
    const watch = watchPage(page, [{ status: 401, path: '/api/v1/me' }])
    await page.goto(`${ctx.served.baseUrl}/h5/wishes`)
    await page.getByRole('button', { name: '已实现' }).click()
    const card = page.locator('.h5-wish-card', { hasText: TITLE })
    await card.getByText('感谢：谢谢党员叔叔，我看到月亮了！').waitFor()
    const text = await card.innerText()
    assert.ok(!text.includes(resident!.name), 'the wall does not name the wisher')
    assert.match(text, new RegExp(`${resident!.name.slice(0, 1)}同学`))
    assert.deepEqual(await seriousViolations(page), [], 'wish wall')
    await screenshot(page, 'h5-wish-wall-thanked')
    assert.deepEqual(watch.problems, [])
  })
})
