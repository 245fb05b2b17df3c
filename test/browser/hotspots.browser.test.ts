// Hotspots in the console (issue 18): the demo community's cadre opens 热点问题, sees the clusters
// on the map and in the list with their counts, sees the bins hotspot marked 已转书记项目 (the demo's
// 每月一题 project) without raise buttons, raises another as a deliberation topic and then sees it
// marked 已转议题; the fastest-growing categories per street are listed.
// axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { loginConsole, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

test('a cadre reads the hotspots on the map, sees the raised one marked and raises another as a topic', async () => {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }), 'console-hotspots-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: /热点问题/ }).click()
    await page.waitForURL((u) => u.pathname === '/hotspots')
    // The demo's clock stops on 2026-11-25: a year's window holds its hotspots whenever this runs.
    await page.goto(`${ctx.served.baseUrl}/hotspots?weeks=52`)
    await page.getByRole('heading', { level: 1, name: /热点问题 · / }).waitFor()
    const list = page.getByRole('list', { name: '热点列表' }).or(page.locator('[aria-label="热点列表"]'))
    const bins = list.locator('.ant-list-item', { hasText: '垃圾清运' }).first()
    await bins.waitFor()
    await page.getByRole('region', { name: '热点地图' }).locator('canvas').waitFor()
    await page.getByRole('table').filter({ hasText: '街道' }).first().waitFor()
    // Select the hotspot by its text (the item's middle may hold one of its action buttons).
    await bins.locator('.ant-list-item-meta').click()
    await page.waitForTimeout(800)
    assert.deepEqual(await seriousViolations(page), [], 'hotspots page')
    await screenshot(page, 'console-hotspots')

    // The demo's bins hotspot was raised as the community's secretary's project (每月一题): marked, linked, no raise buttons.
    await bins.getByText('已转书记项目').waitFor()
    assert.equal(await bins.getByRole('button', { name: '转为议题' }).count(), 0, 'a raised hotspot offers no raise')
    assert.equal(await bins.getByRole('button', { name: '转为书记项目' }).count(), 0, 'a raised hotspot offers no raise')

    const open = list.locator('.ant-list-item').filter({ has: page.getByRole('button', { name: '转为议题' }) }).first()
    await open.locator('.ant-list-item-meta').click()
    await open.getByRole('button', { name: '转为议题' }).click()
    const dialog = page.getByRole('dialog', { name: '热点问题转为议题（每月一题）' })
    await dialog.getByLabel('议题标题').fill('翠岩社区同类问题反复出现')
    await dialog.getByRole('button', { name: '提交议题' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const raised = list.locator('.ant-list-item', { hasText: '翠岩社区同类问题反复出现' }).first()
    await raised.getByText('已转议题').waitFor()
    assert.equal(await raised.getByRole('button', { name: '转为书记项目' }).count(), 0, 'raised as a topic: no second raise')
    await screenshot(page, 'console-hotspots-raised')
    const [topic] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM topics t JOIN hotspot_raises h ON h.topic_id = t.id WHERE t.title = '翠岩社区同类问题反复出现'`)
    assert.equal(topic!.n, 1)
    await raised.getByRole('link').click()
    await page.waitForURL((u) => u.pathname === '/deliberation' && u.searchParams.has('topic'))
    await page.goBack()
    await bins.getByRole('link').click()
    await page.waitForURL((u) => u.pathname === '/secretary-projects' && u.searchParams.has('id'))
    await page.getByRole('dialog', { name: '每月一题：垃圾桶满溢问题治理' }).waitFor()
    assert.deepEqual(watch.problems, [])
  })
})
