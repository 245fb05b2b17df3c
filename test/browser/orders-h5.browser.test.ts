// Service orders on the phone (issue 15): a resident orders 上门理发 from a tile, the grid worker
// accepts it through the API, a volunteer nearby finds it in 抢单大厅 (with the browser's
// position) and grabs it, a second order appears there live and is lost to a member (手慢了),
// the volunteer checks in and completes it in 我的服务, and the resident confirms and gives five
// stars. The one big button: pressed and cancelled in its window (no order), then pressed and
// left to become an order. Screenshots of each page at 390×844, normal and easy-reading.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { onFreshPage, screenshotDir, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { factories, type Person } from '../support/factories.ts'
import { orderWorld } from '../support/orders.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions

async function login(page: Page, who: Person) {
  await page.goto(`${ctx.served.baseUrl}/h5/login`)
  await page.getByLabel('手机号或用户名').fill(who.username)
  await page.getByLabel('密码', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/h5/' || u.pathname === '/h5')
  await page.getByRole('heading', { name: '常用功能' }).waitFor()
  await page.waitForLoadState('networkidle')
}

/** A full-page screenshot, then the same page in easy-reading mode (reloaded), then back. */
async function shoot(page: Page, name: string, ready: () => Promise<unknown>) {
  const take = async (file: string) => {
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.waitForTimeout(250)
    await page.screenshot({ path: path.join(screenshotDir, `${file}.png`), fullPage: true })
  }
  await take(name)
  for (const on of ['1', '0']) {
    await page.evaluate((v) => localStorage.setItem('linli.h5.elder', v), on)
    await page.reload()
    await ready()
    await page.waitForLoadState('networkidle')
    if (on === '1') await take(`${name}-elder`)
  }
}

const tomorrow = () => new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)

test('ordered from a tile, accepted, grabbed in the hall, served and completed, confirmed and rated with five stars', async () => {
  const f = factories(ctx.served)
  const w = await orderWorld(ctx.served, f, { icon: 'haircut', priceNote: '免费，材料自备' })
  const at = f.centre(w.home.box)
  let orderId = ''

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-orders-place-failed', async (page) => {
    const watch = watchPage(page)
    await login(page, w.resident)
    await page.getByRole('link', { name: '我要点单' }).first().click()
    await page.getByRole('heading', { level: 1, name: '我要点单' }).waitFor()
    await page.getByRole('navigation', { name: '志愿服务' }).getByRole('link', { name: '上门理发' }).waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'catalogue')
    await shoot(page, 'h5-orders-catalogue', () => page.getByRole('link', { name: '上门理发' }).waitFor())
    await page.getByRole('link', { name: '上门理发' }).click()
    await page.getByRole('heading', { level: 1, name: '上门理发' }).waitFor()
    await page.getByText('免费，材料自备').waitFor()
    await page.getByText('服务者可得 20 积分').waitFor()
    await page.getByLabel('日期').fill(tomorrow())
    await page.getByLabel('从', { exact: true }).selectOption('9')
    await page.getByLabel('到', { exact: true }).selectOption('11')
    await page.getByLabel('还有什么要说的（选填）').fill('想剪短一点，下午在家')
    assert.deepEqual(await seriousViolations(page), [], 'order form')
    await shoot(page, 'h5-orders-form', () => page.getByRole('button', { name: '确认下单' }).waitFor())
    await page.getByLabel('日期').fill(tomorrow())
    await page.getByLabel('还有什么要说的（选填）').fill('想剪短一点，下午在家')
    await page.getByRole('button', { name: '确认下单' }).click()
    await page.getByText('下单成功，社区会尽快安排').waitFor()
    orderId = page.url().split('/').at(-1)!
    assert.match(orderId, /^\d+$/)
    await page.locator('.h5-order-state', { hasText: '待审核' }).waitFor()
    await page.getByText('想剪短一点，下午在家').waitFor()
    assert.equal(await page.locator('.h5-order-steps li.current').innerText(), '下单')
    assert.deepEqual(watch.problems, [])
  })

  const reviewed = await w.gridWorker.client.post(`/api/v1/orders/${orderId}/review`, { decision: 'accept' })
  assert.equal(reviewed.statusCode, 200, reviewed.body)
  assert.equal(reviewed.json().state, 'open')

  const volunteerPhone = { ...phone, geolocation: { longitude: at.lng + 0.001, latitude: at.lat }, permissions: ['geolocation'] }
  await onFreshPage(() => ctx.browser.newPage(volunteerPhone), 'h5-orders-grab-failed', async (page) => {
    const watch = watchPage(page)
    await login(page, w.volunteer)
    await page.getByRole('link', { name: '抢单大厅' }).first().click()
    await page.getByRole('heading', { level: 1, name: '抢单大厅' }).waitFor()
    const card = page.locator('.h5-grab-card', { hasText: '上门理发' })
    await card.waitFor()
    await page.getByText('已按您现在的位置查找').waitFor()
    const text = await card.innerText()
    assert.match(text, /下单人 测\*+/)
    assert.match(text, /\d+ 米/)
    assert.ok(!text.includes(w.resident.username))
    assert.deepEqual(await seriousViolations(page), [], 'grab hall')
    await shoot(page, 'h5-orders-grab', () => card.waitFor())
    await card.getByRole('button', { name: '抢单' }).click()
    await page.getByText('抢单成功，请到“我的服务”出发').waitFor()
    assert.equal(await card.count(), 0)
    const [row] = await ctx.served.query<{ provider: string; state: string }>(sql`SELECT provider_id::text AS provider, state FROM orders WHERE id = ${orderId}`)
    assert.deepEqual(row, { provider: w.volunteer.id, state: 'assigned' })

    // A second order opens while the hall is on screen: it appears live; a member takes it first.
    const second = await w.resident.client.post('/api/v1/orders', { itemId: w.item.id, note: '第二单' })
    assert.equal(second.statusCode, 201, second.body)
    assert.equal((await w.gridWorker.client.post(`/api/v1/orders/${second.json().id}/review`, { decision: 'accept' })).statusCode, 200)
    const live = page.locator('.h5-grab-card', { hasText: '第二单' })
    await live.waitFor({ timeout: 15_000 })
    assert.equal((await w.member.client.post(`/api/v1/orders/${second.json().id}/claim`, {})).statusCode, 200)
    watch.problems.length = 0
    await live.getByRole('button', { name: '抢单' }).click()
    await page.getByText('手慢了，已被其他人接单').waitFor()
    assert.equal(await live.count(), 0)
    assert.deepEqual(watch.problems, [`409 POST /api/v1/orders/${second.json().id}/claim`])
  })

  await onFreshPage(() => ctx.browser.newPage({ ...volunteerPhone, geolocation: { longitude: at.lng, latitude: at.lat } }), 'h5-orders-serve-failed', async (page) => {
    const watch = watchPage(page)
    await login(page, w.volunteer)
    await page.goto(`${ctx.served.baseUrl}/h5/my-services`)
    await page.getByRole('heading', { level: 1, name: '我的服务' }).waitFor()
    const card = page.locator('.h5-order-card', { hasText: '上门理发' })
    await card.getByRole('button', { name: '到场签到' }).waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'my services')
    await shoot(page, 'h5-orders-services', () => card.getByRole('button', { name: '到场签到' }).waitFor())
    await card.getByRole('button', { name: '到场签到' }).click()
    await card.getByText('已签到，0 米').waitFor()
    await card.getByRole('button', { name: '完成服务' }).click()
    await card.getByLabel('服务情况').fill('已上门理发，老人很满意')
    await card.getByLabel('服务时长（小时，选填）').fill('1.5')
    await card.getByRole('button', { name: '提交完成' }).click()
    await card.getByText('已提交，等待居民确认').waitFor()
    await card.locator('.h5-order-state', { hasText: '待确认' }).waitFor()

    // 错时服务: Saturday mornings.
    await page.getByRole('button', { name: '接单设置' }).click()
    const sheet = page.getByRole('dialog', { name: '接单设置' })
    await sheet.getByRole('button', { name: '＋ 添加时段' }).click()
    await sheet.getByLabel('从 1').fill('08:30')
    await sheet.getByLabel('到 1').fill('11:30')
    await page.screenshot({ path: path.join(screenshotDir, 'h5-orders-settings.png') })
    await sheet.getByRole('button', { name: '保存设置' }).click()
    await sheet.getByText('设置已保存').waitFor()
    const profile = (await w.volunteer.client.get('/api/v1/order-providers/me')).json()
    assert.deepEqual(profile.windows, [{ day: 6, from: '08:30', to: '11:30' }])
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-orders-confirm-failed', async (page) => {
    const watch = watchPage(page)
    await login(page, w.resident)
    await page.getByRole('link', { name: '我的订单' }).first().click()
    await page.getByRole('heading', { level: 1, name: '我的订单' }).waitFor()
    const card = page.locator('.h5-order-card', { hasText: '上门理发' }).filter({ hasText: '待确认' })
    await card.waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'my orders')
    await shoot(page, 'h5-orders-mine', () => card.waitFor())
    // The message "服务已完成，请确认并评价" opens the order itself.
    await page.goto(`${ctx.served.baseUrl}/h5/messages`)
    await page.getByRole('link', { name: new RegExp(`订单 #${orderId} 服务已完成，请确认并评价`) }).click()
    await page.getByRole('heading', { level: 1, name: '上门理发' }).waitFor()
    assert.equal(new URL(page.url()).pathname, `/h5/my-orders/${orderId}`)
    await page.getByText('已上门理发，老人很满意').waitFor()
    const provider = await ctx.served.query<{ name: string }>(sql`SELECT name FROM people WHERE id = ${w.volunteer.id}`)
    await page.locator('.h5-facts', { hasText: provider[0]!.name }).waitFor()
    await page.getByText(/签到时离服务地址 0 米/).waitFor()
    await shoot(page, 'h5-orders-view', () => page.getByRole('button', { name: '确认服务已完成' }).waitFor())
    await page.getByRole('button', { name: '确认服务已完成' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '确认服务已完成' }).click()
    await page.getByText('已确认完成，谢谢您').waitFor()
    await page.getByRole('radio', { name: '5 颗星' }).click()
    await page.getByLabel('说几句（选填）').fill('理得很好，谢谢小伙子')
    assert.deepEqual(await seriousViolations(page), [], 'order page, rating')
    await page.screenshot({ path: path.join(screenshotDir, 'h5-orders-rate.png'), fullPage: true })
    await page.getByRole('button', { name: '提交评价' }).click()
    await page.getByText('评价已提交，谢谢您').waitFor()
    await page.getByRole('img', { name: '5 颗星' }).waitFor()
    assert.equal(await page.locator('.h5-order-steps li.done').count(), 6)
    const [row] = await ctx.served.query<{ state: string; rating: number }>(sql`SELECT state, rating FROM orders WHERE id = ${orderId}`)
    assert.deepEqual(row, { state: 'confirmed', rating: 5 })
    await shoot(page, 'h5-orders-rated', () => page.getByRole('img', { name: '5 颗星' }).waitFor())
    assert.deepEqual(watch.problems, [])
  })

  // The volunteer sees the rating in 我的服务.
  const serving = (await w.volunteer.client.get('/api/v1/orders?view=serving')).json().items.find((o: { id: string }) => o.id === orderId)
  assert.equal(serving.rating, 5)
})

test('the one big button: pressed by mistake and cancelled in its window makes no order; left alone it becomes an urgent order', async () => {
  const f = factories(ctx.served)
  const w = await orderWorld(ctx.served, f, { list: 'public', name: '紧急呼叫', icon: 'sos', providerKinds: ['member', 'volunteer', 'staff'] })
  const made = await w.cadre.client.post('/api/v1/devices', { serial: `PHONE-${Date.now()}`, kind: 'phone', personId: w.resident.id, defaultItemId: w.item.id, cancelWindowS: 30 })
  assert.equal(made.statusCode, 201, made.body)
  const deviceId = made.json().id as string
  const orders = async () => (await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orders WHERE requester_id = ${w.resident.id}`))[0]!.n

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-orders-sos-failed', async (page) => {
    const watch = watchPage(page)
    await login(page, w.resident)
    await page.getByRole('link', { name: /一键呼叫/ }).first().click()
    await page.getByRole('heading', { level: 1, name: '一键呼叫' }).waitFor()
    const button = page.getByRole('button', { name: '一键呼叫' })
    const box = await button.boundingBox()
    assert.ok(box && box.width >= 240 && box.height >= 240, `the button is ${box?.width}×${box?.height}`)
    assert.deepEqual(await seriousViolations(page), [], 'sos')
    await shoot(page, 'h5-orders-sos', () => button.waitFor())
    await button.click()
    await page.getByText(/\d+ 秒后通知网格员和志愿者/).waitFor()
    await page.screenshot({ path: path.join(screenshotDir, 'h5-orders-sos-pending.png') })
    await page.getByRole('button', { name: '误按，取消' }).click()
    await page.getByText('已取消，没有通知任何人').waitFor()
    const [press] = await ctx.served.query<{ state: string }>(sql`SELECT state FROM device_presses WHERE device_id = ${deviceId} ORDER BY id DESC LIMIT 1`)
    assert.equal(press!.state, 'cancelled')
    assert.equal(await orders(), 0)

    // A short window, left to run out: the call becomes an urgent order.
    assert.equal((await w.cadre.client.patch(`/api/v1/devices/${deviceId}`, { cancelWindowS: 2 })).statusCode, 200)
    await page.getByRole('button', { name: '回到一键呼叫' }).click()
    await page.getByRole('button', { name: '一键呼叫' }).click()
    await page.getByText('已通知网格员和附近的志愿者').waitFor({ timeout: 10_000 })
    await page.getByRole('link', { name: '查看这次呼叫 ›' }).click()
    await page.getByRole('heading', { level: 1, name: '紧急呼叫' }).waitFor()
    await page.locator('.h5-order-urgent').first().waitFor()
    assert.equal(await orders(), 1)
    await page.screenshot({ path: path.join(screenshotDir, 'h5-orders-sos-order.png'), fullPage: true })
    assert.deepEqual(watch.problems, [])
  })
})
