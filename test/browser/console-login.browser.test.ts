import { test } from 'node:test'
import assert from 'node:assert/strict'
import { screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

test('a cadre mistypes the password, sees the error in Chinese, then logs in and lands on the dashboard', async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 1366, height: 800 } })
  const watch = watchPage(page, [{ status: 401, path: '/api/v1/me' }, { status: 401, path: '/api/v1/auth/login' }])
  await page.goto(`${ctx.served.baseUrl}/`)
  await page.waitForURL(/\/login\?next=/)
  await page.getByLabel('用户名或手机号').fill('cadre')
  await page.getByLabel('密码').fill('Wrong#2026')
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.getByRole('alert').getByText('用户名或密码错误').waitFor()
  await screenshot(page, 'console-login-error')
  assert.deepEqual(await seriousViolations(page), [], 'the login page')
  await page.getByLabel('密码').fill('Demo@2026')
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.getByRole('heading', { name: /工作概览/ }).waitFor()
  await page.getByText('网格', { exact: true }).first().waitFor()
  await page.waitForTimeout(500)
  await screenshot(page, 'console-dashboard')
  assert.deepEqual(await seriousViolations(page), [], 'the dashboard')
  assert.deepEqual(watch.problems, [])
})
