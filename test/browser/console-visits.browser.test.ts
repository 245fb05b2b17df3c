// Visits and estate ratings in the console: a grid worker logs a visit; a street admin sets up a
// monthly schedule and sees who is late on the task board; a cadre rates an estate with the
// total and colour shown as they type, and reads its history. axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { loginConsole, pickSelectOption, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { plainJpeg } from '../support/images.ts'

const ctx = useServedAppAndBrowser()
const NOTE = '夜访独居老人王奶奶，暖气片不热，已联系物业'

async function withPage(name: string, username: string, body: (page: Page) => Promise<void>, at?: { longitude: number; latitude: number }) {
  const open = () => ctx.browser.newPage({ viewport: { width: 1366, height: 860 }, ...(at ? { geolocation: at, permissions: ['geolocation'] } : {}) })
  await onFreshPage(open, `${name}-failed`, async (page) => {
    await loginConsole(page, ctx.served.baseUrl, username)
    await body(page)
  })
}

/** Picks an option of the antd Select labelled `label`, typing `search` first. */
async function pick(page: Page, label: string, option: string, search?: string, nth = 0) {
  const box = page.getByLabel(label, { exact: true }).nth(nth)
  await pickSelectOption(page, box, option, search)
}

const name = async (id: string) => (await ctx.served.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${id}`))[0]!.name

test('a grid worker logs a night visit and finds it at the top of the log', async () => {
  await withPage('console-visits-log', 'grid', async (page) => {
    const watch = watchPage(page)
    const grid = await name(ctx.served.fixtures.gridId)
    await page.getByRole('menuitem', { name: '民情走访' }).click()
    await page.getByRole('heading', { level: 1, name: '民情走访' }).waitFor()
    await page.getByRole('button', { name: '记录走访' }).click()
    const drawer = page.getByRole('dialog', { name: '记录走访' })
    await drawer.waitFor()
    // The kind follows the time of day: 民情夜访 in the evening and at night, a home visit by day.
    const hour = await page.evaluate(() => new Date().getHours())
    assert.equal(await drawer.getByRole('radio', { name: hour >= 18 || hour < 6 ? '民情夜访' : '民情家访' }).isChecked(), true)
    await drawer.locator('label', { hasText: '民情夜访' }).click()
    await drawer.getByRole('button', { name: /保\s*存/ }).click()
    await drawer.getByText('请填写走访地点').waitFor()
    // The place: community → (its estates, then its grids) → …, picked by name (issue 13).
    const community = await name(ctx.served.fixtures.communityId)
    await drawer.getByLabel('走访地点').click()
    await page.locator('.ant-cascader-menu-item', { hasText: community }).click()
    await page.locator('.ant-cascader-menu-item', { hasText: `${grid}（网格）` }).click()
    await page.keyboard.press('Escape')
    await drawer.getByLabel('走访户数').fill('5')
    await drawer.getByLabel('见面人数').fill('8')
    await drawer.getByLabel('走访情况').fill(NOTE)
    await drawer.getByRole('button', { name: /保\s*存/ }).click()
    await drawer.waitFor({ state: 'hidden' })
    const first = page.locator('.ant-table-tbody > tr.ant-table-row').first()
    await first.getByText(NOTE).waitFor()
    await first.getByText('民情夜访 · 主动走访').waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'console-visits-log')

    // 转为议题: the visit's drawer shows the deliberation card (no topic yet) and its button.
    await first.getByRole('button', { name: '转为议题' }).click()
    const toTopic = page.getByRole('dialog', { name: /^转为议题 · / })
    await toTopic.getByText('尚未转为议题').waitFor()
    await toTopic.getByRole('button', { name: '转为议题' }).waitFor()
    await screenshot(page, 'console-visits-to-topic')
    await page.keyboard.press('Escape')
    await toTopic.waitFor({ state: 'hidden' })

    // A problem found on the visit becomes a case, placed in the grid visited.
    await first.getByRole('button', { name: '转为事件' }).click()
    const toCase = page.getByRole('dialog', { name: '走访发现的问题转为事件' })
    await toCase.waitFor()
    await toCase.getByLabel('问题类别').click()
    await page.locator('.ant-cascader-menu-item', { hasText: '安全隐患' }).click()
    await page.locator('.ant-cascader-menu-item', { hasText: '电动车违规充电' }).click()
    await toCase.getByLabel('问题描述').fill('走访发现楼道里有电动车在充电')
    await toCase.getByRole('button', { name: /保\s*存/ }).click()
    await page.waitForURL(/\/cases\/\d+$/)
    await page.getByText('走访发现楼道里有电动车在充电').first().waitFor()
    const [made] = await ctx.served.query<{ channel: string; org_id: string; visit_id: string | null }>(sql`SELECT channel, org_id::text, visit_id::text FROM cases ORDER BY id DESC LIMIT 1`)
    assert.equal(made!.channel, 'visit')
    assert.equal(made!.org_id, ctx.served.fixtures.gridId)
    assert.ok(made!.visit_id)
    assert.deepEqual(watch.problems, [])
  })
})

test('a grid worker records the residents met, a photo and where they stood; the log says they were at the place (issue 13)', async () => {
  const f = ctx.served.fixtures
  const [b] = await ctx.served.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${f.buildingId}`)
  const grid = await ctx.served.as('grid')
  const places = (await grid.get(`/api/v1/orgs/${f.communityId}/places`)).json() as { estates: { name: string; buildings: { id: string; name: string }[] }[]; otherBuildings: { id: string; name: string }[] }
  const estate = places.estates.find((e) => e.buildings.some((x) => x.id === f.buildingId))
  const building = [...places.estates.flatMap((e) => e.buildings), ...places.otherBuildings].find((x) => x.id === f.buildingId)!
  const [resident] = await ctx.served.query<{ name: string }>(sql`SELECT p.name FROM residents r JOIN people p ON p.id = r.person_id WHERE r.org_id = ${f.buildingId} AND r.deleted_at IS NULL ORDER BY r.id LIMIT 1`)
  await withPage('console-visits-residents', 'grid', async (page) => {
    const watch = watchPage(page)
    await page.goto(`${ctx.served.baseUrl}/visits`)
    await page.getByRole('button', { name: '记录走访' }).click()
    const drawer = page.getByRole('dialog', { name: '记录走访' })
    await drawer.waitFor()
    assert.equal(await drawer.getByLabel('走访的居民').isDisabled(), true, 'residents wait for the place')
    await drawer.getByLabel('走访地点').click()
    await page.locator('.ant-cascader-menu-item', { hasText: await name(f.communityId) }).click()
    await page.locator('.ant-cascader-menu-item', { hasText: estate ? `${estate.name}（小区）` : '其他楼栋（不在小区内）' }).click()
    await page.locator('.ant-cascader-menu-item', { hasText: building.name }).first().click()
    await page.keyboard.press('Escape')
    const who = drawer.getByLabel('走访的居民')
    await who.click()
    await who.fill(resident!.name)
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: resident!.name }).first().click()
    await page.keyboard.press('Escape')
    // Picking the resident fills the counts: one household, one person.
    assert.equal(await drawer.getByLabel('走访户数').inputValue(), '1')
    assert.equal(await drawer.getByLabel('见面人数').inputValue(), '1')
    await drawer.getByLabel('走访情况').fill('上门了解独居老人冬季取暖，暖气正常')
    await drawer.locator('input[type=file]').setInputFiles({ name: 'visit.jpg', mimeType: 'image/jpeg', buffer: await plainJpeg({ seed: 7 }) })
    await drawer.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').first().waitFor()
    await drawer.getByRole('button', { name: '记录当前位置' }).click()
    await drawer.getByText(/已记录当前位置/).waitFor()
    await screenshot(page, 'console-visits-new')
    await drawer.getByRole('button', { name: /保\s*存/ }).click()
    await drawer.waitFor({ state: 'hidden' })
    const first = page.locator('.ant-table-tbody > tr.ant-table-row').first()
    await first.getByText('上门了解独居老人冬季取暖，暖气正常').waitFor()
    await first.getByText(resident!.name).waitFor()
    await first.locator('.ant-tag', { hasText: '在走访地点' }).waitFor()
    await screenshot(page, 'console-visits-checked')
    const [saved] = await ctx.served.query<{ org_id: string; residents: number; photos: number; place_distance_m: number }>(sql`
      SELECT v.org_id::text, (SELECT count(*)::int FROM visit_residents vr WHERE vr.visit_id = v.id) AS residents, cardinality(v.photo_ids) AS photos, v.place_distance_m
      FROM visits v ORDER BY v.id DESC LIMIT 1`)
    assert.deepEqual(saved, { org_id: f.buildingId, residents: 1, photos: 1, place_distance_m: 0 })
    assert.deepEqual(watch.problems, [])
  }, { longitude: b!.lng, latitude: b!.lat })
})

test('a street admin sets up a monthly schedule and sees the late tasks in red on the board', async () => {
  await withPage('console-visits-schedule', 'street', async (page) => {
    const watch = watchPage(page)
    const f = ctx.served.fixtures
    const [dept] = await ctx.served.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${f.streetId} AND kind = 'department' ORDER BY id LIMIT 1`)
    const [street, community, department] = [await name(f.streetId), await name(f.communityId), await name(dept!.id)]
    await page.getByRole('menuitem', { name: '民情走访' }).click()
    await page.getByRole('tab', { name: '走访计划' }).click()
    await page.waitForURL(/tab=schedules/)
    await page.getByRole('button', { name: '新建走访计划' }).click()
    const drawer = page.getByRole('dialog', { name: '新建走访计划' })
    await drawer.waitFor()
    await drawer.getByLabel('计划名称').fill('部门进社区月度夜访')
    await pick(page, '所属街道或区', `${street}（街道）`, street)
    await drawer.getByLabel('开始日期').click()
    await drawer.getByLabel('开始日期').fill('2026-01-01')
    await drawer.getByLabel('开始日期').press('Enter')
    await pick(page, '走访单位 1', `${department}（部门）`, department.slice(0, 4))
    await pick(page, '走访社区 1', `${community}（社区）`, community)
    await drawer.getByRole('button', { name: /保\s*存/ }).click()
    await drawer.waitFor({ state: 'hidden' })
    const row = page.locator('.ant-table-tbody > tr.ant-table-row').filter({ hasText: '部门进社区月度夜访' })
    await row.getByText(`${department} → ${community}`).waitFor()
    await row.getByText(/已逾期 [1-9]/).waitFor()

    await page.getByRole('tab', { name: '任务看板' }).click()
    await pick(page, '按状态筛选', '已逾期')
    const late = page.locator('.ant-table-tbody > tr.visit-task-late').filter({ hasText: '部门进社区月度夜访' }).first()
    await late.waitFor()
    const colour = await late.getByText('已逾期').evaluate((el) => getComputedStyle(el).color)
    assert.equal(colour, 'rgb(168, 7, 26)', 'late shows in red')
    await page.getByText('各单位完成情况').waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'console-visits-board')
    assert.deepEqual(watch.problems, [])
  })
})

test('a cadre rates an estate: the total and colour follow the scores as they are typed; the history lists it', async () => {
  await withPage('console-estates', 'cadre', async (page) => {
    const watch = watchPage(page)
    await page.getByRole('menuitem', { name: '五色小区' }).click()
    await page.getByRole('heading', { level: 1, name: '五色小区' }).waitFor()
    const first = page.locator('.ant-table-tbody > tr.ant-table-row').first()
    await first.waitFor()
    const estate = (await first.locator('td').first().textContent())!.trim()
    await first.getByRole('button', { name: `评定 ${estate}` }).click()
    const dialog = page.getByRole('dialog', { name: `评定：${estate}` })
    await dialog.waitFor()
    await dialog.getByLabel('期间').fill('2024-11')
    const scores: [string, string][] = [['党建引领', '12'], ['环境卫生', '18'], ['安全管理', '17'], ['设施维护', '12'], ['物业服务', '16'], ['居民满意度', '8']]
    for (const [label, value] of scores.slice(0, 5)) await dialog.getByLabel(new RegExp(`^${label}`)).fill(value)
    await dialog.getByTestId('live-total').getByText('75', { exact: true }).waitFor()
    assert.equal(await dialog.locator('[data-color]').count(), 0, 'no colour until every criterion is scored')
    await dialog.getByLabel(/^居民满意度/).fill('8')
    await dialog.getByTestId('live-total').getByText('83', { exact: true }).waitFor()
    await dialog.locator('[data-color="blue"]').waitFor()
    await screenshot(page, 'console-estates-rate')
    await dialog.getByRole('button', { name: '提交评定' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText(`${estate} 评定为蓝（83 分）`).waitFor()

    await first.getByRole('button', { name: `历史 ${estate}` }).click()
    const drawer = page.getByRole('dialog', { name: `评定历史：${estate}` })
    await drawer.getByRole('cell', { name: '2024-11' }).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'console-estates-history')
    assert.deepEqual(watch.problems, [])
  })
})
