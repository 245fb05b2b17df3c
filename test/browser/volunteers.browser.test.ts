// Volunteering in the console and on the phone: a cadre reads the teams, publishes an activity
// and opens its on-site check-in screen with the rotating QR code; the demo resident finds an
// activity near home, signs up, checks in on the page the QR opens and sees the hours. axe-core
// finds nothing serious on the main pages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { checkInCode, codeWindow } from '../../src/server/kernel/checkin-code.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions

async function consolePage(name: string, username: string, body: (page: Page) => Promise<void>) {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai' }), `${name}-failed`, async (page) => {
    await loginConsole(page, ctx.served.baseUrl, username)
    await body(page)
  })
}

test('a cadre sees the teams and activities and opens the on-site check-in screen with a QR code', async () => {
  await consolePage('console-volunteers', 'cadre', async (page) => {
    const watch = watchPage(page)
    await page.getByRole('menuitem', { name: '志愿服务' }).click()
    await page.getByRole('heading', { level: 1, name: '志愿服务' }).waitFor()
    await page.locator('.ant-table-tbody > tr.ant-table-row').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'console-volunteers-activities')

    const row = page.locator('.ant-table-tbody > tr.ant-table-row', { hasText: '社区义诊' }).first()
    await row.getByRole('button', { name: /管\s*理/ }).click()
    const drawer = page.getByRole('dialog', { name: '社区义诊' })
    await drawer.getByRole('tab', { name: '报名名单' }).waitFor()
    await drawer.locator('.ant-table-tbody > tr.ant-table-row').first().waitFor()
    await drawer.getByRole('tab', { name: '现场签到' }).click()
    // A week ahead: the screen says when check-in opens instead of showing a code that would fail.
    await drawer.getByText(/签到将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 开放（活动开始前 1 小时）/).waitFor()
    assert.equal(await drawer.getByRole('img', { name: '现场签到' }).count(), 0)
    await screenshot(page, 'console-volunteers-checkin-not-yet')
    await page.keyboard.press('Escape')
    // Half an hour before the start check-in is open: the code shows.
    await ctx.served.query(sql`UPDATE activities SET starts_at = now() + interval '30 minutes', ends_at = now() + interval '3 hours' WHERE title = '社区义诊' AND starts_at > now()`)
    await row.getByRole('button', { name: /管\s*理/ }).click()
    await drawer.getByRole('tab', { name: '现场签到' }).click()
    const qr = drawer.getByRole('img', { name: '现场签到' })
    await qr.waitFor()
    const first = await qr.getAttribute('data-code')
    assert.match(first ?? '', /^\d+\.[0-9a-f]{16}$/)
    await screenshot(page, 'console-volunteers-checkin')
    await page.keyboard.press('Escape')

    await page.getByRole('tab', { name: '服务队' }).click()
    await page.getByText('红心维修队').waitFor()
    await page.getByRole('tab', { name: '志愿时长与时间银行' }).click()
    await page.getByText('一对一服务记录').waitFor()
    await page.locator('.ant-table-tbody > tr.ant-table-row').first().waitFor()
    await screenshot(page, 'console-volunteers-hours')
    assert.deepEqual(watch.problems, [])
  })
})

test('the demo resident signs up for an activity near home, checks in with the QR page and sees the hours', async () => {
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-volunteers-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.getByRole('link', { name: /志愿活动/ }).click()
    await page.getByRole('heading', { level: 1, name: '志愿活动' }).waitFor()
    await page.getByRole('button', { name: '离家近' }).click()
    const open = page.locator('.h5-list li', { hasText: '还剩' }).first()
    await open.waitFor()
    assert.match(await open.innerText(), /距离/)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'h5-volunteers-list')
    await open.getByRole('link').click()
    await page.getByRole('button', { name: '我要报名' }).click()
    await page.getByText('报名成功').waitFor()
    const id = new URL(page.url()).pathname.split('/').pop()!

    // On the day: the activity is under way and the screen shows this window's code.
    await ctx.served.query(sql`UPDATE activities SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '2 hours' WHERE id = ${id}`)
    const [row] = await ctx.served.query<{ s: string }>(sql`SELECT checkin_secret AS s FROM activities WHERE id = ${id}`)
    const old = checkInCode(row!.s, id, codeWindow(new Date()) - 5)
    await page.goto(`${ctx.served.baseUrl}/h5/checkin?activity=${id}&code=${encodeURIComponent(old)}`)
    await page.getByRole('button', { name: '签到' }).click()
    await page.getByText('签到码已过期').waitFor()
    await page.goto(`${ctx.served.baseUrl}/h5/checkin?activity=${id}&code=${encodeURIComponent(checkInCode(row!.s, id, codeWindow(new Date())))}`)
    await page.getByRole('button', { name: '签到' }).click()
    await page.getByText('签到成功').waitFor()
    await screenshot(page, 'h5-volunteers-checkin')

    await page.goto(`${ctx.served.baseUrl}/h5/volunteer-hours`)
    await page.getByRole('heading', { name: /年服务时长/ }).waitFor()
    await page.getByRole('heading', { name: '时间银行' }).waitFor()
    await page.getByRole('heading', { name: '加入服务队' }).waitFor()
    const joinButton = page.getByRole('button', { name: /^加入 / }).first()
    const team = (await joinButton.getAttribute('aria-label'))!.replace('加入 ', '')
    await joinButton.click()
    await page.getByText(`已加入${team}`).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'h5-volunteers-hours')
    assert.deepEqual(watch.problems.filter((p) => !p.includes('/check-in')), [])
  })
})
