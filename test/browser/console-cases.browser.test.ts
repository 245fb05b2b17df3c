// 事件处置 in the console: a community cadre finds a handled case in the inbox, verifies and
// closes it and sees its timeline; the overdue tab and the case map; the grid worker's bell
// counts a new case in their grid live; the dashboard's figures; axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { failureName, loginConsole, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

let point: { lng: number; lat: number }
let category: string
let handledId: string

async function report(description: string): Promise<string> {
  const resident = await ctx.served.as('resident')
  const res = await resident.post('/api/v1/cases', { categoryCode: category, description, location: point })
  assert.equal(res.statusCode, 201, res.body)
  return res.json().id as string
}

const ctx = useServedAppAndBrowser(async (served) => {
  const [p] = await served.query<{ lng: number; lat: number }>(
    sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${served.fixtures.gridId}`,
  )
  point = { lng: Number(p!.lng), lat: Number(p!.lat) }
  category = (await served.query<{ code: string }>(sql`SELECT code FROM case_categories WHERE parent_code IS NOT NULL AND active ORDER BY sort, code LIMIT 1`))[0]!.code
  // A case the grid worker has handled, for the cadre to verify and close.
  handledId = await report('幸福路 8 号楼下的共享单车堆满了消防通道')
  const grid = await served.as('grid')
  for (const [action, body] of [['take', {}], ['handle', { result: '已联系单车运维挪走，通道已清空' }]] as const) {
    const res = await grid.post(`/api/v1/cases/${handledId}/${action}`, body)
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`)
  }
})

function scenario(title: string, body: (page: Page) => Promise<void>) {
  test(title, () => onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1366, height: 860 } }), failureName('console-cases', title), body))
}

async function login(page: Page, username: string) {
  await loginConsole(page, ctx.served.baseUrl, username)
  await page.getByRole('heading', { level: 1, name: /工作概览/ }).waitFor()
}

/** Waits until no dialog is mid-animation (a click then lands where it is aimed). */
async function settled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"], [class*="-appear-prepare"], [class*="-enter-prepare"]'))
}

/** antd spaces out a two-character label ("结 案"). */
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`)

async function act(page: Page, action: string, note?: string) {
  // The expected next step is the one button; the others are under 更多.
  const button = page.getByRole('button', { name: label(action) })
  if (await button.count()) await button.click()
  else {
    await page.getByRole('button', { name: /更\s*多/ }).click()
    await page.getByRole('menuitem', { name: action }).click()
  }
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${action}`) })
  await dialog.waitFor()
  await settled(page)
  if (note) await dialog.getByLabel('说明').fill(note)
  await dialog.getByRole('button', { name: /确\s*定/ }).click()
  await dialog.waitFor({ state: 'hidden' })
}

scenario('a community cadre finds the handled case in the inbox, accepts it (验收) and closes it (销号), and sees its timeline', async (page) => {
  const watch = watchPage(page)
  await login(page, 'cadre')
  await page.getByRole('region', { name: '事件处置' }).getByText('网格内办结').waitFor()
  await page.getByRole('navigation').getByRole('menuitem', { name: '事件处置' }).click()
  await page.waitForURL(/\/cases/)
  await page.getByRole('heading', { level: 1, name: '事件处置' }).waitFor()
  await page.getByRole('tab', { name: '管辖范围' }).click()
  await page.getByLabel('搜索描述或地址').fill('共享单车堆满')
  await page.getByRole('button', { name: /搜\s*索/ }).click()
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: `#${handledId}` })
  await row.waitFor()
  await row.getByText('已办结').waitFor()
  await screenshot(page, 'console-cases-inbox')
  await row.getByRole('link', { name: `#${handledId}` }).click()

  await page.getByRole('heading', { level: 1, name: new RegExp(`^#${handledId}`) }).waitFor()
  // A breadcrumb says where the page is (issue 13, console polish).
  assert.equal((await page.locator('.ant-breadcrumb').innerText()).replace(/\s+/g, ''), `首页/事件处置/#${handledId}`)
  await page.getByText('已联系单车运维挪走，通道已清空').first().waitFor()
  // 联系上报人: the resident's phone masked until tapped; the tap shows it as a number to dial and is audited.
  const contact = page.getByRole('button', { name: '联系上报人' })
  await contact.waitFor()
  assert.match(await page.locator('.ant-descriptions-item', { hasText: '上报人' }).innerText(), /1\d{2}\*{4}\d{4}/)
  await contact.click()
  const dial = page.locator('a[href^="tel:1"]')
  await dial.waitFor()
  const [revealed] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.reporter_phone' AND entity_id = ${handledId}`)
  assert.equal(revealed!.n, 1)
  // One main button for the expected step; returning it for rework is under 更多.
  assert.equal(await page.locator('.ant-btn-primary', { hasText: /验\s*收/ }).count(), 1, '验收 is the main action')
  assert.equal(await page.getByRole('button', { name: '退回重办' }).count(), 0, 'the other actions are not a row of buttons')
  await page.getByRole('button', { name: /更\s*多/ }).click()
  await page.getByRole('menuitem', { name: '退回重办' }).waitFor()
  await page.keyboard.press('Escape')
  await act(page, '验收', '现场核查，通道已畅通')
  await page.locator('.ant-tag', { hasText: '已验收' }).first().waitFor()
  await act(page, '销号')
  await page.locator('.ant-tag', { hasText: '已销号' }).first().waitFor()
  assert.equal(await page.getByRole('button', { name: label('销号') }).count(), 0, 'a closed case cannot be closed again')
  // 回访 is offered at once after 销号, as the main button, with the script for the call (issue 13).
  const revisit = page.locator('.ant-btn-primary', { hasText: label('回访') })
  await revisit.waitFor()
  await revisit.click()
  const call = page.getByRole('dialog', { name: /^回访/ })
  await call.waitFor()
  await settled(page)
  const script = call.getByRole('region', { name: /回访话术/ })
  await script.getByText(/^您好，我是.+的工作人员/).waitFor()
  await script.getByText('处理结果是：已联系单车运维挪走，通道已清空').waitFor()
  await script.getByText('请问问题解决了吗？您对这次处理满意吗？').waitFor()
  await script.getByRole('button', { name: '联系上报人' }).waitFor()
  await screenshot(page, 'console-cases-revisit')
  await call.getByRole('button', { name: /确\s*定/ }).click()
  await call.getByText('请填写满意度').waitFor()
  await call.getByText('满意', { exact: true }).click()
  await call.getByRole('button', { name: /确\s*定/ }).click()
  await call.waitFor({ state: 'hidden' })
  await page.locator('.ant-descriptions-item', { hasText: '回访结果' }).getByText(/^解决了 · 满意 · /).waitFor()
  const timeline = page.locator('.ant-timeline')
  for (const text of ['上报', '接单', '办结', '验收', '销号', '回访', '现场核查，通道已畅通', '电话回访，问题已解决，满意']) await timeline.getByText(text, { exact: true }).first().waitFor()
  await timeline.getByText('已验收 → 已销号').waitFor()
  // The handler can navigate there from the location card (issue 13).
  const nav = page.getByRole('group', { name: '导航前往' })
  assert.match((await nav.getByRole('link', { name: '高德地图' }).getAttribute('href')) ?? '', /^https:\/\/uri\.amap\.com\/navigation\?to=.*&mode=walk/)
  assert.match((await nav.getByRole('link', { name: '百度地图' }).getAttribute('href')) ?? '', /direction\?.*coord_type=gcj02/)
  assert.match((await nav.getByRole('link', { name: '腾讯地图' }).getAttribute('href')) ?? '', /apis\.map\.qq\.com\/uri\/v1\/routeplan\?type=walk/)
  assert.match((await nav.getByRole('link', { name: '手机自带地图' }).getAttribute('href')) ?? '', /^geo:/)
  await page.waitForTimeout(300)
  await screenshot(page, 'console-cases-detail')
  assert.deepEqual(await seriousViolations(page), [], 'case page')

  const [c] = await ctx.served.query<{ state: string; closed_level: string }>(sql`SELECT state, closed_level FROM cases WHERE id = ${handledId}`)
  assert.deepEqual(c, { state: 'closed', closed_level: 'grid' })
  assert.deepEqual(watch.problems, [])
})

scenario('a refused action shows the server’s message; the overdue tab and the map show the cases in scope', async (page) => {
  const watch = watchPage(page)
  await login(page, 'cadre')
  // Someone else closes the case while this page still offers 结案.
  const id = await report('岭口路 3 号路灯不亮')
  const grid = await ctx.served.as('grid')
  await grid.post(`/api/v1/cases/${id}/take`, {})
  await grid.post(`/api/v1/cases/${id}/handle`, { result: '已更换灯泡' })
  await page.goto(`${ctx.served.baseUrl}/cases/${id}`)
  await page.getByRole('button', { name: label('验收') }).waitFor()
  const cadre = await ctx.served.as('cadre')
  assert.equal((await cadre.post(`/api/v1/cases/${id}/verify`, {})).statusCode, 200)
  await page.getByRole('button', { name: label('验收') }).click()
  const dialog = page.getByRole('dialog', { name: /^验收/ })
  await dialog.waitFor()
  await settled(page)
  await dialog.getByRole('button', { name: /确\s*定/ }).click()
  await dialog.getByRole('alert').waitFor()
  const message = (await dialog.getByRole('alert').textContent()) ?? ''
  assert.match(message, /[\u4e00-\u9fff]/, `a Chinese message from the server: ${message}`)
  await screenshot(page, 'console-cases-conflict')
  await dialog.getByRole('button', { name: /取\s*消/ }).click()

  await page.goto(`${ctx.served.baseUrl}/cases?tab=overdue`)
  const rows = page.locator('.ant-table-tbody tr.ant-table-row')
  await rows.first().waitFor()
  assert.equal(await rows.first().getAttribute('data-overdue'), 'true')
  await rows.first().getByText(/^已超期 \d/).waitFor()
  await screenshot(page, 'console-cases-overdue')

  // Once the map has fitted the cases in scope, it reloads what is in view (bbox=).
  const inView = page.waitForResponse((r) => r.url().includes('/api/v1/cases/map') && r.url().includes('bbox='))
  await page.getByRole('button', { name: label('地图') }).click()
  await page.waitForURL(/\/cases\/map/)
  await page.locator('[data-map-ready=true]').waitFor()
  await inView
  // The map opens on the open cases, said in the filter (issue 13), over grid outlines and named buildings.
  await page.waitForURL(/state=reported%2Caccepted|state=reported,accepted/)
  const mapUrl = new URL(page.url())
  assert.deepEqual(mapUrl.searchParams.get('state')?.split(','), ['reported', 'accepted', 'assigned', 'in_progress', 'handled', 'verified'])
  await page.locator('.linli-orient-label').first().waitFor()
  await page.waitForTimeout(500)
  await screenshot(page, 'console-cases-map')
  assert.deepEqual(watch.problems.filter((p) => !p.startsWith('409 ')), [])
})

scenario('the inbox pages as a console table does: the total, 10/20/50/100 a page, the pages in between (issue 13)', async (page) => {
  const watch = watchPage(page)
  for (let i = 1; i <= 11; i++) await report(`分页核对 第 ${i} 件：楼下电瓶车乱停`)
  const cadre = await ctx.served.as('cadre')
  const api = (await cadre.get('/api/v1/cases?box=scope&q=分页核对&limit=5')).json()
  assert.equal(api.total, 11, 'the first page counts the whole list')
  assert.equal((await cadre.get(`/api/v1/cases?box=scope&q=分页核对&limit=5&cursor=${api.nextCursor}`)).json().total, undefined, 'later pages do not count again')
  await login(page, 'cadre')
  await page.goto(`${ctx.served.baseUrl}/cases?tab=scope&q=${encodeURIComponent('分页核对')}`)
  const rows = page.locator('.ant-table-tbody tr.ant-table-row')
  await page.locator('.ant-pagination-total-text', { hasText: '共 11 条' }).waitFor()
  assert.equal(await rows.count(), 11, '20 a page by default')
  await page.locator('.ant-pagination-options .ant-select').click()
  await page.getByRole('option', { name: '10 条/页' }).click()
  await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 10)
  await page.locator('.ant-pagination-item-2').click()
  await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1)
  await rows.first().getByText('分页核对 第 1 件：楼下电瓶车乱停').waitFor()
  await page.locator('.ant-pagination-total-text', { hasText: '共 11 条' }).waitFor()
  await screenshot(page, 'console-cases-pages')
  assert.deepEqual(watch.problems, [])
})

scenario('the grid worker’s bell counts a new case in the grid as it arrives, and lists it', async (page) => {
  const watch = watchPage(page)
  await login(page, 'grid')
  const bell = page.getByRole('button', { name: /^通知/ })
  await bell.waitFor()
  const before = Number((await bell.getAttribute('aria-label'))?.match(/(\d+) 条未读/)?.[1] ?? 0)
  await page.waitForTimeout(500)
  await report('楼道里堆放了很多纸箱，有火灾隐患')
  await page.waitForFunction((n) => {
    const label = document.querySelector('button[aria-label^="通知"]')?.getAttribute('aria-label') ?? ''
    return Number(label.match(/(\d+) 条未读/)?.[1] ?? 0) > n
  }, before)
  await bell.click()
  await page.locator('.ant-popover').getByText('楼道里堆放了很多纸箱，有火灾隐患').waitFor()
  await settled(page)
  await page.waitForTimeout(300)
  await screenshot(page, 'console-cases-bell')
  await page.locator('.ant-popover').getByRole('button', { name: /全部标为已读/ }).click()
  await page.getByRole('button', { name: '通知', exact: true }).waitFor()
  assert.deepEqual(watch.problems, [])
})

scenario('a district admin changes a category’s handling limit and marks a day off; a cadre has no such page', async (page) => {
  const watch = watchPage(page)
  await login(page, 'district')
  await page.getByRole('menuitem', { name: '事件类别与时限' }).click()
  await page.getByRole('heading', { name: '事件类别与时限' }).waitFor()
  const row = page.getByRole('row', { name: /路灯损坏/ })
  assert.equal(await page.getByText('facility.streetlight').count(), 0, 'the category list shows names, not the system codes')
  await row.getByRole('button', { name: /编\s*辑/ }).click()
  const drawer = page.locator('.ant-drawer')
  await drawer.getByLabel('办理时限（天）').fill('5')
  await drawer.getByRole('button', { name: /保\s*存/ }).click()
  await page.getByRole('row', { name: /路灯损坏.*5 个工作日/ }).waitFor()
  const [saved] = await ctx.served.query<{ handle_days: number }>(sql`SELECT handle_days FROM case_categories WHERE code = 'facility.streetlight'`)
  assert.equal(saved!.handle_days, 5)
  assert.deepEqual(await seriousViolations(page), [], 'categories')
  await page.getByRole('tab', { name: '工作日历' }).click()
  await page.getByLabel('日期', { exact: true }).click()
  await page.getByLabel('日期', { exact: true }).fill(`${new Date().getFullYear()}-12-30`)
  await page.keyboard.press('Enter')
  await page.getByPlaceholder('说明').fill('测试放假')
  await page.getByRole('button', { name: /添\s*加/ }).click()
  await page.getByRole('row', { name: /12-30.*放假.*测试放假/ }).waitFor()
  await screenshot(page, 'console-cases-settings')
  assert.deepEqual(watch.problems, [])

  const cadre = await ctx.browser.newPage({ viewport: { width: 1366, height: 860 } })
  try {
    await login(cadre, 'cadre')
    assert.equal(await cadre.getByRole('menuitem', { name: '事件类别与时限' }).count(), 0)
    await cadre.goto(`${ctx.served.baseUrl}/cases/settings`)
    await cadre.getByText(/无权|没有权限|403/).first().waitFor()
  } finally {
    await cadre.context().close()
  }
})

scenario('a grid worker’s home and inbox show the same to-do: a card and a tab per step with its count, a badge on the menu (issue 13)', async (page) => {
  const watch = watchPage(page)
  await login(page, 'grid')
  const api = await ctx.served.as('grid')
  const todo = (await api.get('/api/v1/cases/todo-counts')).json() as Record<'accept' | 'handle' | 'verify' | 'revisit' | 'total', number>
  const residents = (await api.get('/api/v1/residents/stats')).json() as { residents: number; households: number }
  // The home: the steps as cards, and the grid's own figures (not 网格 0 / 小区 0 / 在册人员 8).
  const cards = page.getByRole('region', { name: '我的待办' })
  for (const [step, word] of [['accept', '待受理'], ['handle', '待办理'], ['verify', '待验收'], ['revisit', '待回访']] as const) {
    await cards.getByRole('link', { name: `${word} ${todo[step]}` }).waitFor()
  }
  await page.locator('.ant-statistic', { hasText: '居民' }).getByText(String(residents.residents), { exact: true }).waitFor()
  await page.locator('.ant-statistic', { hasText: '户数' }).getByText(String(residents.households), { exact: true }).waitFor()
  assert.equal(await page.locator('.ant-statistic-title', { hasText: /^网格$/ }).count(), 0, 'a grid has no grids to count')
  assert.equal(await page.getByText('在册人员').count(), 0)
  assert.ok(residents.residents > 8)
  // The menu carries the total.
  assert.match(await page.getByRole('navigation').getByRole('menuitem', { name: /事件处置/ }).innerText(), new RegExp(`${todo.total}`))
  await page.waitForTimeout(300)
  await screenshot(page, 'console-home-grid')
  assert.deepEqual(await seriousViolations(page), [], 'the grid worker’s home')

  // A card opens its tab; each tab names its count and lists exactly those cases.
  await cards.getByRole('link', { name: /^待办理/ }).click()
  await page.waitForURL(/tab=handle/)
  await page.getByRole('tab', { name: new RegExp(`待办理\\s*${todo.handle || ''}`), selected: true }).waitFor()
  const rows = page.locator('.ant-table-tbody tr.ant-table-row')
  if (todo.handle > 0) await rows.first().waitFor()
  await page.waitForFunction((n) => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === n, Math.min(todo.handle, 50))
  await page.getByRole('tab', { name: /待受理/ }).click()
  await page.waitForURL(/tab=accept/)
  await page.waitForFunction((n) => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === n, Math.min(todo.accept, 50))
  await screenshot(page, 'console-cases-tabs')
  assert.deepEqual(watch.problems, [])
})

scenario('a cadre raises a case as a topic for residents to deliberate (转为议题); the case lists it and opens it in 协商议事', async (page) => {
  const watch = watchPage(page)
  const id = await report('小区电动车棚不够用，楼道里充电很危险，居民希望增建车棚')
  await login(page, 'cadre')
  await page.goto(`${ctx.served.baseUrl}/cases/${id}`)
  await page.getByText('尚未转为议题').waitFor()
  await page.getByRole('button', { name: '转为议题' }).click()
  const dialog = page.getByRole('dialog', { name: '转为议题' })
  await dialog.waitFor()
  assert.equal(await dialog.getByLabel('议题内容').inputValue(), '小区电动车棚不够用，楼道里充电很危险，居民希望增建车棚', 'filled in from the case')
  await dialog.getByLabel('议题标题').fill('增建电动车棚')
  await settled(page)
  await dialog.getByRole('button', { name: label('转为议题') }).click()
  await page.waitForURL(/\/deliberation\?.*topic=\d+/)
  const topicId = new URL(page.url()).searchParams.get('topic')!
  const [row] = await ctx.served.query<{ kind: string; source: string; title: string }>(sql`SELECT source_kind AS kind, source_id::text AS source, title FROM topics WHERE id = ${topicId}`)
  assert.deepEqual(row, { kind: 'case', source: id, title: '增建电动车棚' })
  await page.goto(`${ctx.served.baseUrl}/cases/${id}`)
  await page.getByRole('link', { name: '增建电动车棚' }).click()
  await page.waitForURL(new RegExp(`topic=${topicId}`))
  await screenshot(page, 'console-case-topic')
  assert.deepEqual(watch.problems, [])
})
