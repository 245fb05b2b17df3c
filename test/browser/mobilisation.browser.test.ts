// Mobilisation and building leaders in the browser (issue 17). Building leaders: the cadre reads the
// community's buildings and coverage, appoints a leader where none is, opens a building's printable
// card (A6, QR code to the public card); the card opens on the phone without a login, and the demo
// resident finds 我的楼栋长 on the home page (and no 我的值守 while no emergency concerns them).
// Mobilisation: the street admin reads the demo flood's map and report, declares an emergency, draws
// a responsibility zone, sets up a post with shifts and adds more; the demo member signs up on the
// phone (我的值守 on the home page); the street admin ends it with the summary. axe-core finds
// nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions, Locator, Page } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, pickSelectOption, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const desktop = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions

/** Clicks a map region at fractions of its size (the pickers take clicks as corners or the point). */
async function clickMap(region: Locator, points: [number, number][]) {
  await region.locator('canvas').waitFor()
  const box = (await region.boundingBox())!
  for (const [x, y] of points) {
    await region.page().mouse.click(box.x + box.width * x, box.y + box.height * y)
    await region.page().waitForTimeout(150)
  }
}

/** Opens a server-searched select, types, and takes its first option. */
async function pickFirst(page: Page, box: Locator, search: string) {
  await box.click()
  await box.fill(search)
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: search }).first()
  await option.waitFor()
  await option.click()
  await box.evaluate((el) => (el as HTMLElement).blur())
}

test('building leaders: the cadre appoints one and prints a card; the card on the phone; 我的楼栋长', async () => {
  const [building] = await ctx.served.query<{ id: string; name: string }>(sql`SELECT b.id::text, b.name FROM building_leader_cards c JOIN orgs b ON b.id = c.building_id
    JOIN role_assignments r ON r.org_id = b.id AND r.role = 'resident' JOIN accounts a ON a.person_id = r.person_id WHERE a.username = 'resident' LIMIT 1`)
  assert.ok(building, 'the demo resident\'s building has a leader card')
  // A fellow cadre: this cadre does not outrank them, so appointing them is refused (403, shown in the form).
  const [peer] = await ctx.served.query<{ id: string; name: string }>(sql`SELECT p.id::text, p.name FROM people p JOIN role_assignments r ON r.person_id = p.id AND r.role = 'community_cadre'
    JOIN role_assignments c ON c.org_id = r.org_id AND c.role = 'community_cadre' JOIN accounts a ON a.person_id = c.person_id AND a.username = 'cadre'
    WHERE p.id <> a.person_id AND (SELECT count(*) FROM people q WHERE q.name = p.name) = 1 ORDER BY p.id LIMIT 1`)
  await onFreshPage(() => ctx.browser.newPage(desktop), 'console-building-leaders-failed', async (page) => {
    const watch = watchPage(page, [{ status: 403, path: `/api/v1/people/${peer!.id}/roles` }])
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.goto(`${ctx.served.baseUrl}/building-leaders`)
    await page.getByRole('heading', { level: 1, name: '楼栋长“三亮”' }).waitFor()
    await page.getByText('已配楼栋长').first().waitFor()
    await page.locator('.ant-table-row').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'building leaders')
    await screenshot(page, 'console-building-leaders')

    await page.locator('.ant-segmented-item', { hasText: '未配楼栋长' }).click()
    const vacant = page.locator('.ant-table-row', { hasText: '未配' }).first()
    const vacantId = (await vacant.getAttribute('data-row-key'))!
    await vacant.getByRole('button', { name: /任\s*命/ }).click()
    const dialog = page.getByRole('dialog', { name: /任命楼栋长/ })
    await dialog.getByRole('button', { name: /任\s*命/ }).click()
    await dialog.getByText('请选择人员').waitFor()
    await pickFirst(page, dialog.getByLabel('新楼栋长'), peer!.name)
    await dialog.getByRole('button', { name: /任\s*命/ }).click()
    await dialog.getByRole('alert').waitFor()
    const [member] = await ctx.served.query<{ name: string }>(sql`SELECT p.name FROM people p JOIN role_assignments r ON r.person_id = p.id AND r.role = 'member'
      JOIN role_assignments c ON c.org_id = r.org_id AND c.role = 'community_cadre' JOIN accounts a ON a.person_id = c.person_id AND a.username = 'cadre'
      WHERE NOT EXISTS (SELECT 1 FROM role_assignments x WHERE x.person_id = p.id AND x.role <> 'member') AND (SELECT count(*) FROM people q WHERE q.name = p.name) = 1 ORDER BY p.id LIMIT 1`)
    await pickFirst(page, dialog.getByLabel('新楼栋长'), member!.name)
    await dialog.getByRole('button', { name: /任\s*命/ }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(`tr[data-row-key="${vacantId}"]`).waitFor({ state: 'detached' })
    const [appointed] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM role_assignments WHERE org_id = ${vacantId} AND role = 'building_leader'`)
    assert.equal(appointed!.n, 1)

    await page.goto(`${ctx.served.baseUrl}/building-leaders/${building!.id}/card`)
    const card = page.getByRole('article', { name: '楼栋长名片' })
    await card.getByText('亮承诺').waitFor()
    await card.getByRole('img', { name: '名片二维码' }).locator('svg').waitFor()
    const size = (await card.boundingBox())!
    assert.ok(Math.abs(size.width / size.height - 105 / 148) < 0.02, `A6 proportions: ${size.width}×${size.height}`)
    assert.deepEqual(await seriousViolations(page), [], 'leader card')
    await screenshot(page, 'console-leader-card')
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator('.ant-layout-sider').isVisible(), false, 'the menu is not printed')
    await screenshot(page, 'console-leader-card-print')
    await page.emulateMedia({ media: 'screen' })
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-leader-card-failed', async (page) => {
    const watch = watchPage(page, [{ status: 401, path: '/api/v1/me' }])
    await page.goto(`${ctx.served.baseUrl}/h5/building-leaders/${building!.id}`)
    await page.getByRole('heading', { level: 1, name: '楼栋长名片' }).waitFor()
    await page.getByText('亮职责：').waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'public card')
    await screenshot(page, 'h5-leader-card')
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-my-leader-failed', async (page) => {
    await loginH5(page, ctx.served.baseUrl, 'resident')
    assert.equal(await page.getByRole('link', { name: '我的值守' }).count(), 0, 'no shifts and no emergency: no 我的值守')
    await page.getByRole('link', { name: '我的楼栋长' }).first().click()
    await page.getByRole('heading', { level: 1, name: '我的楼栋长' }).waitFor()
    await page.getByText('亮承诺：').first().waitFor()
    await screenshot(page, 'h5-my-building-leader')
  })
})

test('mobilisation: the street declares an emergency, draws a zone, sets up a post and shifts; a member signs up; the street ends it', async () => {
  const name = '浏览器测试防汛应急响应'
  await onFreshPage(() => ctx.browser.newPage(desktop), 'console-mobilisation-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'street')
    await page.goto(`${ctx.served.baseUrl}/mobilisation`)
    await page.getByRole('heading', { level: 1, name: '应急动员' }).waitFor()
    await page.getByText(/防汛应急响应（防汛，已结束）/).waitFor()
    await page.getByRole('region', { name: '责任区和点位地图' }).locator('canvas').waitFor()
    await page.waitForTimeout(800)
    assert.deepEqual(await seriousViolations(page), [], 'board')
    await screenshot(page, 'console-mobilisation-map')
    await page.getByRole('tab', { name: '总结与表彰' }).click()
    await page.getByText('值守总时长').waitFor()
    await page.getByText('推荐表彰', { exact: true }).first().waitFor()
    await screenshot(page, 'console-mobilisation-report')

    await page.getByRole('button', { name: '发起应急动员' }).click()
    const declare = page.getByRole('dialog', { name: '发起应急动员' })
    await declare.getByRole('button', { name: /发\s*起/ }).click()
    await declare.getByText('请选择范围').waitFor()
    await pickSelectOption(page, declare.getByLabel('范围'), '站前街道（街道）', '站前')
    await declare.getByLabel('名称').fill(name)
    await declare.getByRole('button', { name: /发\s*起/ }).click()
    await declare.waitFor({ state: 'hidden' })
    await page.getByText('进行中 · 较急').waitFor()

    await page.getByRole('button', { name: '划定责任区' }).click()
    const zone = page.getByRole('dialog', { name: '划定责任区' })
    await zone.getByLabel('责任区名称').fill('沿江一片区')
    await pickFirst(page, zone.getByLabel('责任人'), '')
    await clickMap(zone.getByRole('region', { name: '责任区范围' }), [[0.35, 0.35], [0.65, 0.35], [0.65, 0.65], [0.35, 0.65]])
    await zone.getByText('已点 4 个').waitFor()
    await screenshot(page, 'console-mobilisation-zone-form')
    await zone.getByRole('button', { name: /提\s*交/ }).click()
    await zone.waitFor({ state: 'hidden' })

    await page.getByRole('button', { name: '设立点位' }).click()
    const post = page.getByRole('dialog', { name: '设立值守点位' })
    await post.getByRole('button', { name: /提\s*交/ }).click()
    await post.getByText('请在地图上点出点位位置').waitFor()
    await post.getByLabel('点位名称').fill('浏览器测试卡口')
    await clickMap(post.getByRole('region', { name: '点位位置' }), [[0.5, 0.5]])
    await post.getByText(/已选：/).waitFor()
    await screenshot(page, 'console-mobilisation-post-form')
    await post.getByRole('button', { name: /提\s*交/ }).click()
    await post.waitFor({ state: 'hidden' })

    await page.getByRole('tab', { name: '点位与班次' }).click()
    const row = page.locator('.ant-table-row', { hasText: '浏览器测试卡口' })
    await row.getByText('3 个').waitFor()
    await row.getByRole('button', { name: '添加班次' }).click()
    const shifts = page.getByRole('dialog', { name: /添加班次/ })
    await shifts.getByLabel('连排班次').fill('2')
    await shifts.getByRole('button', { name: /提\s*交/ }).click()
    await shifts.waitFor({ state: 'hidden' })
    await row.getByText('5 个').waitFor()
    await screenshot(page, 'console-mobilisation-posts')
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-my-duties-failed', async (page) => {
    await loginH5(page, ctx.served.baseUrl, 'member')
    await page.getByRole('link', { name: '我的值守' }).first().click()
    await page.getByRole('heading', { level: 1, name: '我的值守' }).waitFor()
    await page.getByText(`${name}：可报名的班次`).waitFor()
    await page.getByRole('button', { name: '报名' }).first().click()
    await page.getByText('报名成功').waitFor()
    await page.getByText('已报名').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'my duties')
    await screenshot(page, 'h5-my-duties')
  })

  await onFreshPage(() => ctx.browser.newPage(desktop), 'console-mobilisation-end-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'street')
    await page.goto(`${ctx.served.baseUrl}/mobilisation`)
    await page.getByText('进行中 · 较急').waitFor()
    await page.getByRole('tab', { name: '点位与班次' }).click()
    await page.locator('.ant-table-row', { hasText: '浏览器测试卡口' }).getByText('5 个').waitFor()
    await page.getByRole('button', { name: '结束应急' }).click()
    const end = page.getByRole('dialog', { name: /结束应急/ })
    await end.getByRole('button', { name: /结束应急/ }).click()
    await end.getByText('请填写总结').waitFor()
    await end.getByLabel('应急总结').fill('浏览器测试：应急响应结束，点位全部撤岗。')
    await end.getByRole('button', { name: /结束应急/ }).click()
    await end.waitFor({ state: 'hidden' })
    await page.getByText(/^已结束 · /).waitFor()
    await page.getByRole('tab', { name: '总结与表彰' }).click()
    await page.getByText('浏览器测试：应急响应结束，点位全部撤岗。').first().waitFor()
    await screenshot(page, 'console-mobilisation-ended')
  })
  const [ended] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM emergencies WHERE name = ${name} AND ended_at IS NOT NULL`)
  assert.equal(ended!.n, 1)
})
