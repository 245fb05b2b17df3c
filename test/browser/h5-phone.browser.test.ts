// Changing one's own phone on the phone pages (security review, issue 11): the new number gets
// a code, the code confirms the change, and the page works under the Content-Security-Policy.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { failureName, loginH5, onFreshPage, screenshot, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

test('a resident changes their phone on 我的资料 with the code sent to the new number', () =>
  onFreshPage(
    async () => (await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })).newPage(),
    failureName('h5-phone', 'change phone'),
    async (page) => {
      const watch = watchPage(page, [{ status: 422, path: '/api/v1/me/phone' }])
      const newPhone = '13933334444'
      await loginH5(page, ctx.served.baseUrl, 'resident')
      await page.goto(`${ctx.served.baseUrl}/h5/me`)
      await page.getByRole('heading', { level: 1, name: '我的资料' }).waitFor()
      await page.getByRole('button', { name: '更换手机号' }).click()
      await page.getByLabel('新手机号').fill(newPhone)
      await page.getByRole('button', { name: '获取验证码' }).click()
      await page.getByText(`验证码已发到 ${newPhone}`).waitFor()
      const code = /验证码是 (\d{6})/.exec(ctx.served.sms.lastTo(newPhone)?.text ?? '')?.[1]
      assert.ok(code, 'the new number received a code')

      await page.getByLabel('短信验证码').fill(code === '000000' ? '111111' : '000000')
      await page.getByRole('button', { name: '确认更换' }).click()
      await page.getByText('验证码错误或已过期').waitFor()
      await page.getByLabel('短信验证码').fill(code)
      await page.getByRole('button', { name: '确认更换' }).click()
      await page.getByText('手机号已更换，以后请用新手机号登录。').waitFor()
      await page.getByText(newPhone, { exact: true }).waitFor()
      await screenshot(page, 'h5-phone-changed')

      const [row] = await ctx.served.query<{ phone_enc: string }>(sql`SELECT phone_enc FROM people WHERE id = ${ctx.served.fixtures.personIds.resident}`)
      assert.equal(ctx.served.pii.decrypt('phone', row!.phone_enc), newPhone)
      assert.deepEqual(watch.problems, [])
    },
  ))
