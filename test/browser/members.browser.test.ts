// Party-member registration (党员报到): a cadre accepts a waiting registration from the review
// queue, sees members' target progress and the behind list, and opens a ledger; the demo member
// opens 我的报到 from the phone home page and sees the accepted registration, the year's progress
// and the posts they hold. axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

test('a cadre accepts a waiting registration and reads members’ progress and the ledgers', async () => {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1366, height: 860 } }), 'console-members-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '党员报到' }).click()
    await page.getByRole('heading', { level: 1, name: '党员报到' }).waitFor()
    const first = page.locator('.ant-table-tbody > tr.ant-table-row').first()
    await first.waitFor()
    const who = (await first.locator('td').first().locator('strong').textContent())!
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'console-members-review')
    // Accepting shows the registration first: who, their Party organisation and employer, the letter (issue 13).
    assert.equal(await first.getByRole('button', { name: /接\s*收/ }).count(), 0, 'no one-click accept in the list')
    await first.getByRole('button', { name: /审\s*核/ }).click()
    const drawer = page.getByRole('dialog', { name: `审核报到：${who}` })
    await drawer.getByText('所在党组织').waitFor()
    await drawer.getByText('介绍信', { exact: true }).waitFor()
    await drawer.locator('.ant-descriptions-item-content', { hasText: /党/ }).first().waitFor()
    await page.waitForTimeout(400)
    await screenshot(page, 'console-members-review-drawer')
    await drawer.getByRole('button', { name: '接收报到' }).click()
    await page.getByText(`已接收 ${who} 的报到`).waitFor()
    await drawer.waitFor({ state: 'hidden' })
    const [row] = await ctx.served.query<{ status: string }>(sql`SELECT r.status FROM registrations r JOIN party_members pm ON pm.id = r.member_id
      JOIN people p ON p.id = pm.person_id WHERE p.name = ${who} AND pm.community_id = ${ctx.served.fixtures.communityId}`)
    assert.equal(row!.status, 'accepted')

    await page.getByRole('tab', { name: '党员与目标' }).click()
    await page.getByRole('switch', { name: '只看未达标（已报到）' }).click()
    await page.getByText(/共 \d+ 人未达标/).waitFor()
    await screenshot(page, 'console-members-behind')

    await page.getByRole('tab', { name: '台账' }).click()
    await page.getByRole('heading', { level: 5, name: '党员信息库' }).waitFor()
    await page.getByRole('link', { name: '导出 Excel' }).waitFor()
    assert.deepEqual(watch.problems, [])
  })
})

test('the demo member sees the accepted registration, the year’s progress and their posts on the phone', async () => {
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true }), 'h5-members-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'member')
    await page.getByRole('link', { name: /我的报到/ }).click()
    await page.getByRole('heading', { level: 1, name: '我的报到' }).waitFor()
    await page.getByText(/已接收您的报到/).waitFor()
    await page.getByRole('heading', { name: /年目标进度/ }).waitFor()
    await page.getByRole('button', { name: '取消认领' }).first().waitFor()
    await page.getByText('下载 PDF').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'h5-members-registration')
    assert.deepEqual(watch.problems, [])
  })
})

test('a unit’s contact sees the unit’s members and the feedback cards sent back, and issues a letter', async () => {
  const [unit] = await ctx.served.query<{ id: string; name: string }>(sql`SELECT u.id::text, u.name FROM party_members pm JOIN units u ON u.id = pm.employer_unit_id
    WHERE pm.person_id = ${ctx.served.fixtures.personIds.member}`)
  await ctx.served.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${unit!.id}, ${ctx.served.fixtures.personIds.resident}, 'staff') ON CONFLICT DO NOTHING`)
  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true }), 'h5-unit-members-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/unit-members`)
    await page.getByRole('heading', { name: `${unit!.name} · 本单位党员` }).waitFor()
    await page.getByRole('heading', { name: `${unit!.name} · 社区发回的反馈卡` }).waitFor()
    await page.getByRole('link', { name: 'PDF' }).first().waitFor()
    await page.getByRole('button', { name: '开介绍信' }).first().click()
    await page.getByText(/已为 .+ 开具 报到介绍信 \d{4}-U\d+-\d{4}/).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'h5-unit-members')
    assert.deepEqual(watch.problems, [])
  })
})
