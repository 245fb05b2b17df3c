// The shared library, 家风银行 and the wall screen in the browser (issue 16): the wall screen opens
// full-screen from its link at 1920×1080 and 1080×1920 without a login, shows its node's figures
// and rotates its panels; a revoked link shows that it is revoked. The cadre's console pages
// (library, 家风银行 moderation, screen links) and the phone pages (library, 家风银行) render with
// the demo data. Screenshots of each are kept in test-results/. The cadre adds a PDF to a practice of
// the community in the console's revise form and downloads it under its Chinese name; the phone's
// practice page shows it with its file badge.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions } from 'playwright-core'
import { tinyPdf } from '../support/documents.ts'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { demoScreenToken } from '../../src/server/demo/screens.ts'
import { DEFAULT_DEMO_SEED } from '../../src/server/demo/geography/city.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions

async function demoCommunity(): Promise<{ id: string; name: string }> {
  const [c] = await ctx.served.query<{ id: string; name: string }>(sql`SELECT o.id::text, o.name FROM orgs o WHERE o.id = ${ctx.served.fixtures.communityId}`)
  return c!
}

for (const [w, h] of [[1920, 1080], [1080, 1920]] as const) {
  test(`the wall screen at ${w}×${h}: its node's figures, no menus, rotating panels, no login`, async () => {
    const community = await demoCommunity()
    await onFreshPage(() => ctx.browser.newPage({ viewport: { width: w, height: h }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }), `screen-${w}x${h}-failed`, async (page) => {
      const watch = watchPage(page)
      await page.goto(`${ctx.served.baseUrl}/screen/${demoScreenToken(community.id, DEFAULT_DEMO_SEED)}`)
      await page.getByRole('heading', { level: 1, name: community.name }).waitFor()
      // A monthly card gives way when the 核心指标 strip shows the same figure (按时办结率 → 按期办理率, …):
      // each figure is on the screen once, under the card's name or the strip's.
      for (const label of [/^本月受理诉求$/, /^(按时办结率|按期办理率)$/, /^今日场地预约$/]) await page.getByText(label).first().waitFor()
      assert.equal(await page.getByRole('navigation').count(), 0, 'no menus')
      assert.equal(await page.getByRole('menu').count(), 0, 'no menus')
      // The page fills the screen without scrolling.
      const scroll = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))
      assert.ok(scroll.w <= w && scroll.h <= h, JSON.stringify(scroll))
      await page.waitForTimeout(1000) // the panel's fade-in
      await screenshot(page, `screen-${w}x${h}`)
      assert.deepEqual(await seriousViolations(page), [])
      assert.deepEqual(watch.problems, [])
    })
  })
}

test('a revoked screen link shows that it is revoked', async () => {
  const admin = await ctx.served.as('cadre')
  const made = (await admin.post('/api/v1/screens', { orgId: ctx.served.fixtures.communityId, name: '浏览器测试屏' })).json()
  assert.equal((await admin.post(`/api/v1/screens/${made.id}/revoke`)).statusCode, 200)
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' }), 'screen-revoked-failed', async (page) => {
    watchPage(page, [{ status: 404, path: `/api/v1/screen-feed/${made.token}` }])
    await page.goto(`${ctx.served.baseUrl}${made.path}`)
    await page.getByText('此屏幕链接已停用').waitFor()
  })
})

test('the cadre’s console: the library with a search, 家风银行 moderation and the screen links', async () => {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }), 'console-library-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.goto(`${ctx.served.baseUrl}/library`)
    await page.getByRole('heading', { level: 1, name: '经验库（云平台）' }).waitFor()
    await page.getByRole('searchbox', { name: /搜索经验/ }).fill('电动车')
    await page.getByRole('searchbox', { name: /搜索经验/ }).press('Enter')
    await page.getByRole('button', { name: '“协商六议”建成电动车集中车棚' }).first().waitFor()
    await screenshot(page, 'console-library')
    await page.getByRole('button', { name: '“协商六议”建成电动车集中车棚' }).first().click()
    await page.getByRole('dialog').getByText('【做法】').first().waitFor()
    await screenshot(page, 'console-library-practice')
    await page.goto(`${ctx.served.baseUrl}/family-bank`)
    await page.getByRole('heading', { level: 1, name: '家风银行' }).waitFor()
    await page.locator('.ant-table-row').first().waitFor()
    await screenshot(page, 'console-family-bank')
    await page.goto(`${ctx.served.baseUrl}/screens`)
    await page.getByRole('heading', { level: 1, name: '智慧屏' }).waitFor()
    await page.getByText('党群服务中心大厅').first().waitFor()
    await screenshot(page, 'console-screens')
    assert.deepEqual(watch.problems, [])
  })
})

test('the phone pages: 家风银行 without a login, the library and my deposits signed in', async () => {
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-family-bank-failed', async (page) => {
    const watch = watchPage(page, [{ status: 401, path: '/api/v1/me' }])
    await page.goto(`${ctx.served.baseUrl}/h5/family-bank`)
    await page.getByRole('heading', { level: 1, name: '家风银行' }).waitFor()
    await page.locator('.h5-fb-card').first().waitFor()
    await screenshot(page, 'h5-family-bank')
    assert.deepEqual(await seriousViolations(page), [])
    assert.deepEqual(watch.problems, [])
  })
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-library-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/library`)
    await page.getByRole('heading', { level: 1, name: '经验库' }).waitFor()
    await page.locator('.h5-lib-card').first().waitFor()
    await screenshot(page, 'h5-library')
    await page.locator('.h5-lib-card').first().click()
    await page.getByRole('heading', { name: '评论' }).waitFor()
    await screenshot(page, 'h5-library-practice')
    await page.goto(`${ctx.served.baseUrl}/h5/family-bank/new`)
    await page.getByRole('button', { name: '家风故事' }).click()
    await page.getByLabel('故事标题').fill('爷爷的算盘')
    await page.getByLabel('家风故事').fill('爷爷当了一辈子会计，常说账要算清，心要放正。')
    await page.getByRole('button', { name: '存入' }).click()
    await page.getByText('已存入，社区审核后展示').waitFor()
    await screenshot(page, 'h5-my-family-deposits')
    assert.deepEqual(await seriousViolations(page), [])
    assert.deepEqual(watch.problems, [])
  })
})

test('a PDF added to a practice in the console, downloaded under its name, and shown on the phone', async () => {
  const cadre = await ctx.served.as('cadre')
  const TITLE = '楼道微更新议事清单'
  const FILE = '楼道微更新议事规则.pdf'
  const made = await cadre.post('/api/v1/library/practices', { orgId: ctx.served.fixtures.communityId, title: TITLE, body: '居民提议、楼栋长收集、两委商议、居民会议表决，四步把楼道微更新议定办好。', tags: ['议事'] })
  assert.equal(made.statusCode, 201, made.body)
  const id = made.json().id as string
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true }), 'console-library-file-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.goto(`${ctx.served.baseUrl}/library`)
    await page.getByRole('searchbox', { name: /搜索经验/ }).fill('楼道微更新')
    await page.getByRole('searchbox', { name: /搜索经验/ }).press('Enter')
    await page.getByRole('button', { name: TITLE }).first().click()
    const drawer = page.getByRole('dialog', { name: new RegExp(TITLE) })
    await drawer.getByRole('button', { name: /^修\s?订$/ }).click()
    const revise = page.getByRole('dialog', { name: '修订' })
    await revise.locator('input[type=file]').setInputFiles({ name: FILE, mimeType: 'application/pdf', buffer: tinyPdf('楼道微更新') })
    await revise.getByRole('link', { name: FILE }).waitFor()
    await revise.getByLabel('修订了什么').fill('附上议事规则')
    await screenshot(page, 'console-library-revise-file')
    await revise.getByRole('button', { name: '保存为新版本' }).click()
    await revise.waitFor({ state: 'hidden' })
    const files = drawer.getByRole('region', { name: '附件文件' })
    const link = files.getByRole('link', { name: FILE })
    await link.waitFor()
    await screenshot(page, 'console-library-practice-file')
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    assert.equal(download.suggestedFilename(), FILE)
    const res = await page.request.get(new URL((await link.getAttribute('href'))!, ctx.served.baseUrl).toString())
    assert.equal(res.status(), 200)
    assert.equal(res.headers()['content-type'], 'application/pdf')
    assert.equal(res.headers()['content-disposition'], `attachment; filename="${FILE.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(FILE)}`)
    assert.ok((await res.body()).subarray(0, 5).equals(Buffer.from('%PDF-')))
    assert.deepEqual(watch.problems, [])
  })
  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-library-file-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/library/${id}`)
    const files = page.getByRole('region', { name: '附件文件' })
    await files.getByRole('link', { name: new RegExp(FILE) }).waitFor()
    await files.scrollIntoViewIfNeeded()
    await screenshot(page, 'h5-library-practice-file')
    assert.deepEqual(await seriousViolations(page), [])
    assert.deepEqual(watch.problems, [])
  })
})
