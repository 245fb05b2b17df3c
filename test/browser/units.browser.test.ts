// Units and co-building in the console: a cadre sees the unit registry, their community's
// pairings at the "5+X+Y" limit with its part-time committee members, publishes a need on the
// board and reports progress on an item the community claimed; a street admin reads the Party
// coverage of the street's communities. axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { sql } from 'drizzle-orm'
import { hashPassword } from '../../src/server/kernel/auth/passwords.ts'
import { loginConsole, loginH5, onFreshPage, pickSelectOption, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

/** The contact of a unit paired with the demo cadre's community, who holds no role, gets a login. */
const ctx = useServedAppAndBrowser(async (served) => {
  const [rep] = await served.query<{ person_id: string }>(sql`
    SELECT up.person_id::text FROM unit_people up JOIN pairing_agreements pa ON pa.unit_id = up.unit_id AND pa.status = 'active'
    WHERE pa.community_id = ${served.fixtures.communityId} AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.person_id = up.person_id)
      AND NOT EXISTS (SELECT 1 FROM unit_people other WHERE other.person_id = up.person_id AND other.unit_id <> up.unit_id)
    ORDER BY up.unit_id LIMIT 1`)
  await served.query(sql`INSERT INTO accounts (person_id, username, password_hash) VALUES (${rep!.person_id}, 'unitrep', ${await hashPassword('Demo@2026')})`)
})

async function withPage(name: string, username: string, body: (page: Page) => Promise<void>) {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1440, height: 900 } }), `${name}-failed`, async (page) => {
    await loginConsole(page, ctx.served.baseUrl, username)
    await body(page)
  })
}

test('a cadre sees the units, the community at its pairing limit and its part-time committee members', async () => {
  await withPage('units-pairings', 'cadre', async (page) => {
    const watch = watchPage(page)
    await page.getByRole('menuitem', { name: '单位与共建' }).click()
    await page.getByRole('heading', { level: 1, name: '单位与共建' }).waitFor()
    await page.locator('.ant-table-tbody > tr.ant-table-row').first().waitFor()
    await page.getByRole('tab', { name: '结对共建' }).click()
    await page.getByText('结对单位 5 / 5 家').waitFor()
    await page.getByText('已达上限').waitFor()
    const partTime = page.locator('.ant-card', { hasText: '兼职委员' })
    await partTime.locator('.ant-list-item').first().waitFor()
    assert.ok((await page.locator('.ant-table-tbody > tr.ant-table-row').count()) >= 5)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'units-pairings')
    assert.deepEqual(watch.problems, [])
  })
})

test('a cadre publishes a need on the board and reports progress on an item the community claimed', async () => {
  await withPage('units-board', 'cadre', async (page) => {
    const watch = watchPage(page)
    await page.getByRole('menuitem', { name: '单位与共建' }).click()
    await page.getByRole('tab', { name: '共建清单' }).click()
    const open = page.getByRole('region', { name: '待认领' })
    await open.waitFor()
    await page.getByRole('button', { name: '发布事项' }).click()
    const drawer = page.getByRole('dialog', { name: '发布事项' })
    await drawer.waitFor()
    await pickSelectOption(page, drawer.getByLabel('社区'), '翠岩社区')
    await drawer.getByLabel('协议名称').fill('社区助老食堂志愿者招募')
    await drawer.getByLabel('内容说明').fill('社区助老食堂每天中午需要 3 名志愿者帮助分餐。')
    await drawer.getByRole('button', { name: /保\s*存/ }).click()
    await drawer.waitFor({ state: 'hidden' })
    await open.getByText('社区助老食堂志愿者招募').waitFor()

    const claimed = page.getByRole('region', { name: '已认领' })
    const card = claimed.locator('.ant-card', { has: page.getByRole('button', { name: '报告进展' }) }).first()
    const title = (await card.locator('div[style*="font-weight: 600"]').textContent())!
    await card.getByRole('button', { name: '报告进展' }).click()
    const modal = page.getByRole('dialog', { name: `报告进展：${title}` })
    await modal.getByLabel('说明').fill('已安排居民议事会使用会议室')
    await modal.getByRole('spinbutton').fill('40')
    await modal.getByRole('button', { name: /保\s*存/ }).click()
    await modal.waitFor({ state: 'hidden' })
    await page.getByRole('region', { name: '推进中' }).getByText(title).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'units-board')
    assert.deepEqual(watch.problems, [])
  })
})

test('a street admin reads the Party coverage of new-economy organisations per community', async () => {
  await withPage('units-coverage', 'street', async (page) => {
    const watch = watchPage(page)
    await page.getByRole('menuitem', { name: '单位与共建' }).click()
    await page.getByRole('tab', { name: '党组织覆盖' }).click()
    await page.getByText('两新组织党组织覆盖率').first().waitFor()
    await page.getByRole('img', { name: '两新组织数与已建党组织数' }).waitFor()
    assert.ok((await page.locator('.ant-table-tbody > tr.ant-table-row').count()) >= 8)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'units-coverage')
    await page.getByRole('tab', { name: '党建联盟' }).click()
    await page.getByText('站前街道区域化党建联盟').waitFor()
    await page.getByText('长春社区医疗健康党建综合体').waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'units-alliances')
    assert.deepEqual(watch.problems, [])
  })
})

test('a unit contact claims a community need on the phone, reports progress and offers a resource', async () => {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), 'units-h5-failed', async (page) => {
    // A unit contact who lives elsewhere has no grid of their own: the home page asks and is told so.
    const watch = watchPage(page, [{ status: 404, path: '/api/v1/me/grid' }])
    await loginH5(page, ctx.served.baseUrl, 'unitrep')
    await page.getByRole('link', { name: /单位共建/ }).click()
    await page.getByRole('heading', { level: 1, name: '单位共建' }).waitFor()
    await page.getByText(/结对社区：.*翠岩社区/).waitFor()
    const needs = page.getByRole('list', { name: '社区需求' })
    const first = needs.locator('li').first()
    const title = (await first.locator('h3').textContent())!
    await first.getByRole('button', { name: '为本单位认领' }).click()
    await page.getByText(`已认领“${title}”`).waitFor()

    await page.getByRole('button', { name: '本单位事项' }).click()
    const mine = page.getByRole('list', { name: '本单位事项' }).locator('li', { hasText: title })
    await mine.getByRole('button', { name: '报告进展' }).click()
    await mine.getByLabel('进展说明').fill('已组织 6 名党员志愿者上门')
    await mine.getByLabel('完成进度（0–100）').fill('30')
    await mine.getByRole('button', { name: '提交' }).click()
    await page.getByText('进展已报告').waitFor()
    await mine.getByText('推进中').waitFor()

    await page.getByRole('button', { name: '发布', exact: true }).click()
    await page.getByRole('button', { name: '资源', exact: true }).click()
    await page.getByLabel('标题').fill('单位篮球场周末开放')
    await page.getByLabel('内容说明').fill('单位篮球场每周六、周日向社区青少年免费开放。')
    await page.getByRole('main').getByRole('button', { name: '发布', exact: true }).last().click()
    await page.getByRole('list', { name: '本单位事项' }).getByText('单位篮球场周末开放').waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'units-h5')
    assert.deepEqual(watch.problems, [])
  })
})
