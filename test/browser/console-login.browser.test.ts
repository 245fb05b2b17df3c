import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

test('a cadre mistypes the password, sees the error in Chinese, then logs in and lands on the dashboard', async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 1366, height: 800 } })
  const watch = watchPage(page, [{ status: 401, path: '/api/v1/me' }, { status: 401, path: '/api/v1/auth/login' }])
  await page.goto(`${ctx.served.baseUrl}/`)
  await page.waitForURL(/\/login$/)
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
  assert.equal(await page.locator('main').count(), 1, 'one <main> landmark, not two nested')
  assert.deepEqual(watch.problems, [])
})

test('a grid worker whose session expired is sent to login and, after logging in, back to the page they were on', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1366, height: 800 } })
  const page = await context.newPage()
  const watch = watchPage(page, [{ status: 401, path: '/api/v1/me' }])
  const login = await context.request.post(`${ctx.served.baseUrl}/api/v1/auth/login`, { data: { username: 'grid', password: 'Demo@2026' }, headers: { 'x-linli-csrf': '1' } })
  assert.equal(login.status(), 200)
  // The session ends behind the user's back (as an idle timeout would).
  await ctx.served.query(sql`UPDATE sessions SET ended_at = now() WHERE account_id = (SELECT id FROM accounts WHERE username = 'grid')`)
  await page.goto(`${ctx.served.baseUrl}/orgs`)
  await page.waitForURL(/\/login\?next=%2Forgs/)
  await page.getByLabel('用户名或手机号').fill('grid')
  await page.getByLabel('密码').fill('Demo@2026')
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.waitForURL(/\/orgs/)
  await page.getByRole('heading', { level: 1, name: '组织架构' }).waitFor()
  assert.deepEqual(watch.problems, [])
  await context.close()
})
