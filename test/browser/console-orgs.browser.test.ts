import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

type Watch = ReturnType<typeof watchPage>

/**
 * A fresh browser session for `username` on the org page: through the login form and the
 * navigation menu, or (faster) logged in through the API and sent straight to /orgs.
 */
async function openAs(username: string, expected: { status: number; path: string }[] = [], how: 'form' | 'api' = 'api'): Promise<{ page: Page; watch: Watch }> {
  const context = await ctx.browser.newContext({ viewport: { width: 1366, height: 860 } })
  const page = await context.newPage()
  const watch = watchPage(page, expected)
  if (how === 'form') {
    await page.goto(`${ctx.served.baseUrl}/login`)
    await page.getByLabel('用户名或手机号').fill(username)
    await page.getByLabel('密码').fill('Demo@2026')
    await page.getByRole('button', { name: /登\s*录/ }).click()
    await page.getByRole('heading', { name: /工作概览/ }).waitFor()
    await page.getByRole('menuitem', { name: '组织架构' }).click()
  } else {
    const res = await context.request.post(`${ctx.served.baseUrl}/api/v1/auth/login`, { data: { username, password: 'Demo@2026' }, headers: { 'x-linli-csrf': '1' } })
    assert.equal(res.status(), 200)
    await page.goto(`${ctx.served.baseUrl}/orgs`)
  }
  await page.getByRole('heading', { level: 1, name: '组织架构' }).waitFor()
  return { page, watch }
}

/** The map has drawn the node `id` and fitted the view to it. */
async function mapReady(page: Page, id: string) {
  await page.locator(`[data-map-ready="true"][data-org-id="${id}"]`).waitFor()
  await page.waitForFunction(() => (window as unknown as { __linliMap?: { loaded(): boolean } }).__linliMap?.loaded() === true)
}

/** Where a WGS-84 position is on the page, as the map projects it. */
async function pixelOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!
  const p = await page.evaluate((ll) => (window as unknown as { __linliMap: { project(ll: [number, number]): { x: number; y: number } } }).__linliMap.project(ll), lngLat)
  return { x: box.x + p.x, y: box.y + p.y }
}

const tree = (page: Page) => page.getByRole('tree')
const treeNode = (page: Page, name: string) => tree(page).getByRole('treeitem').filter({ has: page.getByText(name, { exact: true }) })
const detailHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name: new RegExp(name) })

test('a cadre browses the tree to a grid, renames it, and sees the new name in the tree and the detail panel', async () => {
  const expected: { status: number; path: string }[] = []
  const { page, watch } = await openAs('cadre', expected, 'form')
  const { communityId } = ctx.served.fixtures
  await page.waitForURL(new RegExp(`/orgs/${communityId}$`))
  await detailHeading(page, '翠岩社区').waitFor()
  await mapReady(page, communityId)

  // The community's detail: administrative and Party sides, children by kind, people there.
  await page.getByText('360105001001').waitFor()
  await page.getByText('中共翠岩社区委员会').waitFor()
  await page.getByText('社区干部').first().waitFor()

  // The cadre's own community opens in the tree with its grids, without a click.
  for (const grid of ['第一网格', '第二网格', '第三网格', '第四网格']) await tree(page).getByText(grid, { exact: true }).waitFor()
  await tree(page).getByText('第四网格', { exact: true }).click()
  await detailHeading(page, '第四网格').waitFor()
  const gridUrl = page.url()
  assert.match(gridUrl, /\/orgs\/\d+$/)
  const gridId = gridUrl.split('/').at(-1)!
  await mapReady(page, gridId)
  // A cadre may change a grid of their community (the grid worker's test below expects none of these).
  for (const name of [/新建下级/, /^编\s*辑$/, /^移\s*动$/, /^删\s*除$/, /编辑边界/]) await page.getByRole('button', { name }).waitFor()

  // Edit its name; a malformed division code is refused by the server, its message shown under the field.
  expected.push({ status: 400, path: `/api/v1/orgs/${gridId}` }, { status: 409, path: `/api/v1/orgs/${gridId}` })
  await page.getByRole('button', { name: /^编\s*辑$/ }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('名称', { exact: true }).fill('第四网格（东区）')
  await dialog.getByLabel('行政区划代码').fill('12345')
  await dialog.getByRole('button', { name: /保\s*存/ }).click()
  await dialog.getByText('行政区划代码应为 12 位数字').waitFor()
  await dialog.getByLabel('行政区划代码').fill('')
  await dialog.getByRole('button', { name: /保\s*存/ }).click()
  await dialog.waitFor({ state: 'detached' })
  await tree(page).getByText('第四网格（东区）', { exact: true }).waitFor()
  await detailHeading(page, '第四网格（东区）').waitFor()
  assert.equal(await page.getByTestId('org-name').textContent(), '第四网格（东区）')
  await page.locator('.linli-map-label').first().waitFor()
  await page.waitForTimeout(300)
  await screenshot(page, 'console-orgs')

  // Deleting a grid that still has buildings is refused, with the server's reason.
  await page.getByRole('button', { name: /^删\s*除$/ }).click()
  const confirm = page.getByRole('dialog')
  await confirm.getByText('确定删除“第四网格（东区）”吗？').waitFor()
  await confirm.getByRole('button', { name: /^删\s*除$/ }).click()
  await page.getByRole('alert').getByText(/该组织下还有 \d+ 个下级，不能删除/).waitFor()

  // The back button returns to the community.
  await page.goBack()
  await detailHeading(page, '翠岩社区').waitFor()
  await mapReady(page, communityId)

  // Away and back through the menu: the tree is as it was left (issue 13: it collapsed on every visit).
  await page.getByRole('menuitem', { name: '首页' }).click()
  await page.getByRole('heading', { level: 1, name: /工作概览/ }).waitFor()
  await page.getByRole('menuitem', { name: '组织架构' }).click()
  await tree(page).getByText('第四网格（东区）', { exact: true }).waitFor()
  assert.deepEqual(watch.problems, [])
  await page.context().close()
})

test('a cadre draws a grid over an existing one and sees the overlap refused, with the overlap drawn in red', async () => {
  const { page, watch } = await openAs('cadre', [{ status: 422, path: '/api/v1/orgs' }])
  const { communityId } = ctx.served.fixtures
  await mapReady(page, communityId)
  await page.getByRole('button', { name: '新建网格' }).click()
  await page.getByText(/在地图上依次点击边界的各个顶点/).waitFor()

  // A square inside 第一网格 (115.67166–115.67986 E, 28.75642–28.76597 N).
  const corners: [number, number][] = [[115.674, 28.758], [115.678, 28.758], [115.678, 28.762], [115.674, 28.762]]
  for (const c of [...corners, corners[0]!]) {
    const { x, y } = await pixelOf(page, c)
    await page.mouse.move(x, y, { steps: 4 })
    await page.mouse.click(x, y)
    await page.waitForTimeout(150)
  }
  await page.getByText(/拖动顶点调整边界/).waitFor()
  await page.getByLabel('网格名称').fill('测试网格')
  await page.getByRole('button', { name: /保\s*存/ }).click()
  const alert = page.getByRole('alert').filter({ hasText: '重叠' })
  await alert.waitFor()
  assert.match((await alert.textContent())!, /网格与“第一网格”重叠约 \d+ 平方米/)
  // The overlap is on the map, in red.
  await page.waitForFunction(() => {
    const map = (window as unknown as { __linliMap: { queryRenderedFeatures(o: { layers: string[] }): unknown[] } }).__linliMap
    return map.queryRenderedFeatures({ layers: ['overlap-fill'] }).length > 0
  })
  await page.waitForTimeout(300)
  await screenshot(page, 'console-orgs-overlap')
  // Nothing was created.
  await page.getByRole('button', { name: /取\s*消/ }).click()
  await tree(page).getByText('第一网格', { exact: true }).waitFor()
  assert.equal(await tree(page).getByText('测试网格').count(), 0)
  assert.deepEqual(watch.problems, [])
  await page.context().close()
})

test('a grid worker sees their grid but no buttons to create, edit, move or delete', async () => {
  const { page, watch } = await openAs('grid')
  const { gridId } = ctx.served.fixtures
  await page.waitForURL(new RegExp(`/orgs/${gridId}$`))
  await detailHeading(page, '第一网格').waitFor()
  await mapReady(page, gridId)
  await tree(page).getByText('第一网格', { exact: true }).waitFor()
  await page.getByRole('heading', { name: '下级组织' }).waitFor()
  // antd spaces out two-character labels ("编 辑").
  for (const name of [/新建下级/, /^编\s*辑$/, /^移\s*动$/, /^删\s*除$/, /编辑边界/, /新建网格/]) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, `no ${name} button`)
  }
  // Building → household → person (issue 13): a building of the grid lists its households and who lives there, masked.
  const [b] = await ctx.served.query<{ id: string; name: string; n: number }>(sql`SELECT b.id::text, b.name,
      (SELECT count(*)::int FROM residents r WHERE r.org_id = b.id AND r.deleted_at IS NULL) AS n
    FROM orgs b JOIN orgs g ON b.path <@ g.path WHERE g.id = ${gridId} AND b.kind = 'building' AND b.deleted_at IS NULL ORDER BY n DESC, b.id LIMIT 1`)
  assert.ok(b!.n > 0, 'a demo building has residents')
  await page.goto(`${ctx.served.baseUrl}/orgs/${b!.id}`)
  await detailHeading(page, b!.name).waitFor()
  const households = page.locator('.ant-card', { has: page.getByText('住户', { exact: true }) }).last()
  await households.getByText(new RegExp(`\\d+ 户 · ${b!.n} 人`)).waitFor()
  const text = await households.innerText()
  assert.match(text, /1\d{2}\*{4}\d{4}/, 'phones are masked')
  assert.doesNotMatch(text, /1\d{10}/, 'no full phone')
  // A building is a point: its map shows it as a named dot, not an empty frame.
  await page.locator('.maplibregl-marker', { hasText: b!.name }).waitFor()
  assert.equal(await page.evaluate(() => (window as unknown as { __linliMap: { getLayer(id: string): unknown } }).__linliMap.getLayer('node-point') !== undefined), true)
  await page.waitForTimeout(300)
  await screenshot(page, 'console-orgs-building-households')
  assert.deepEqual(watch.problems, [])
  await page.context().close()
})

test('the admin sees the city at the top of the tree without 删除 or 移动, and may still add below it', async () => {
  const { page, watch } = await openAs('admin')
  const { cityId } = ctx.served.fixtures
  await page.goto(`${ctx.served.baseUrl}/orgs/${cityId}`)
  await page.getByRole('button', { name: /新建下级/ }).waitFor()
  await page.getByRole('button', { name: /^编\s*辑$/ }).waitFor()
  for (const name of [/^移\s*动$/, /^删\s*除$/]) assert.equal(await page.getByRole('button', { name }).count(), 0, `no ${name} button on the city`)
  assert.deepEqual(watch.problems, [])
  await page.context().close()
})

test('the org page has no serious or critical accessibility violations (axe-core)', async () => {
  const { page, watch } = await openAs('cadre')
  const { communityId } = ctx.served.fixtures
  await mapReady(page, communityId)
  // A search hit opens the node and the tree down to it.
  await page.getByLabel('搜索组织').fill('第二网格')
  await page.locator('.ant-select-item-option', { hasText: '第二网格' }).click()
  await detailHeading(page, '第二网格').waitFor()
  assert.equal(await treeNode(page, '第二网格').getAttribute('aria-selected'), 'true')
  await tree(page).getByText('第一网格', { exact: true }).waitFor()
  // The tree works from the keyboard: Home goes to the first node, Space selects it.
  await tree(page).focus()
  await page.keyboard.press('Home')
  await page.keyboard.press(' ')
  await detailHeading(page, '翠岩社区').waitFor()
  await page.waitForURL(new RegExp(`/orgs/${communityId}$`))
  await mapReady(page, communityId)
  assert.deepEqual(await seriousViolations(page), [])
  assert.deepEqual(watch.problems, [])
  await page.context().close()
})
