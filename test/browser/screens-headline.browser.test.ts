// The wall screen's headline indicators in the browser (issue 18): after the statistics sweep, the
// demo community's screen shows a tile per default indicator (name, this month's figure as the feed
// gives it, the change against last month) at 1920×1080 and 1080×1920 without scrolling; a cadre
// picks the screen's indicators in the console and the screen shows just those at its next feed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { loginConsole, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { sweepOnce } from '../../src/server/kernel/scheduler.ts'
import { schedulerJobs } from '../../src/server/app.ts'
import { demoScreenToken } from '../../src/server/demo/screens.ts'
import { DEFAULT_DEMO_SEED } from '../../src/server/demo/geography/city.ts'
import { DEFAULT_SCREEN_INDICATORS } from '../../src/server/modules/screens/screens.schemas.ts'

const ctx = useServedAppAndBrowser()
type Figure = { code: string; name: string; value: number | null; change: number | null }
const digits = (s: string) => s.replace(/[^0-9.]/g, '')

async function sweep() {
  for (let i = 0; i < 20; i++) {
    await sweepOnce(ctx.served.database, schedulerJobs(ctx.served.app.services), new Date())
    const [left] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
    if (left!.n === 0) return
  }
}

test('the wall screen shows its node’s headline indicators, big, with the change against last month', async () => {
  await sweep()
  const token = demoScreenToken(ctx.served.fixtures.communityId, DEFAULT_DEMO_SEED)
  const feed = await (await fetch(`${ctx.served.baseUrl}/api/v1/screen-feed/${token}`)).json() as { headline: Figure[] }
  assert.deepEqual(feed.headline.map((h) => h.code), DEFAULT_SCREEN_INDICATORS)
  assert.ok(feed.headline.some((h) => (h.value ?? 0) > 0), 'the demo has figures this month')
  for (const [w, h] of [[1920, 1080], [1080, 1920]] as const) {
    await onFreshPage(() => ctx.browser.newPage({ viewport: { width: w, height: h }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }), `screen-headline-${w}x${h}-failed`, async (page) => {
      const watch = watchPage(page)
      await page.goto(`${ctx.served.baseUrl}/screen/${token}`)
      const strip = page.getByRole('region', { name: '核心指标' })
      await strip.waitFor()
      for (const f of feed.headline) {
        const tile = strip.locator(`[data-code="${f.code}"]`)
        assert.equal(await tile.locator('.scr-hl-label').textContent(), f.name)
        const value = (await tile.locator('.scr-hl-value').textContent())!
        assert.equal(digits(value).replace(/\.0$/, ''), f.value === null ? '' : String(f.value), `${f.code}: ${value}`)
        assert.match((await tile.locator('.scr-hl-change').textContent())!, /较上月|上月无数据|本月暂无数据/)
      }
      // Readable across a hall: the figures at least 6 % of the screen's shorter side.
      const size = await strip.locator('.scr-hl-value').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
      assert.ok(size >= Math.min(w, h) * 0.06, `figure size ${size}px`)
      // The rotating panel below keeps room for a few lines.
      const rotor = await page.locator('.scr-rotor').boundingBox()
      assert.ok(rotor && rotor.height >= h * 0.2, `rotating panel ${rotor?.height}px high`)
      const scroll = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))
      assert.ok(scroll.w <= w && scroll.h <= h, JSON.stringify(scroll))
      await page.waitForTimeout(1000)
      await screenshot(page, `screen-headline-${w}x${h}`)
      assert.deepEqual(await seriousViolations(page), [])
      assert.deepEqual(watch.problems, [])
    })
  }
})

test('a cadre picks a screen’s headline indicators in the console; the screen shows just those', async () => {
  const cadre = await ctx.served.as('cadre')
  const made = (await cadre.post('/api/v1/screens', { orgId: ctx.served.fixtures.communityId, name: '核心指标测试屏' })).json()
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }), 'console-screens-headline-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.goto(`${ctx.served.baseUrl}/screens`)
    const row = page.locator('.ant-table-row', { hasText: '核心指标测试屏' })
    await row.getByText(/^默认：/).waitFor()
    await row.getByRole('button', { name: '核心指标设置：核心指标测试屏' }).click()
    const dialog = page.getByRole('dialog', { name: /核心指标/ })
    await dialog.getByRole('combobox').click()
    await dialog.getByRole('combobox').fill('办结问题')
    await page.locator('.ant-select-item-option', { hasText: '办结问题' }).first().click()
    await dialog.getByRole('combobox').fill('志愿服务时长')
    await page.locator('.ant-select-item-option', { hasText: '志愿服务时长' }).first().click()
    await screenshot(page, 'console-screens-headline')
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click()
    await row.getByText('办结问题、志愿服务时长').waitFor()
    assert.deepEqual(watch.problems, [])
  })
  const [saved] = await ctx.served.query<{ codes: string[] }>(sql`SELECT indicator_codes AS codes FROM screen_tokens WHERE id = ${made.id}`)
  assert.deepEqual(saved!.codes, ['cases.closed', 'volunteers.hours'])
  const feed = await (await fetch(`${ctx.served.baseUrl}/api/v1/screen-feed/${made.token}`)).json() as { headline: Figure[] }
  assert.deepEqual(feed.headline.map((h) => h.code), ['cases.closed', 'volunteers.hours'])
})
