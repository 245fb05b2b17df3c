// Each level's home shows the figures that make sense for it (issue 13: a grid worker saw
// 网格 0 / 小区 0): the district its streets, a street its communities, a community its grids and
// estates, a grid its buildings and households; everyone with case work the four to-do cards.
// The screenshots are the ones docs/screenshots shows.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { demoPassword } from '../support/app.ts'
import { loginConsole, onFreshPage, screenshot, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

const homes: [username: string, shows: string[], hides: string[]][] = [
  ['district', ['街道', '社区', '网格', '居民'], ['户数']],
  ['street', ['社区', '网格', '楼栋', '居民', '户数'], ['街道']],
  ['cadre', ['网格', '楼栋', '小区', '居民', '户数', '重点关爱人员'], ['街道', '社区']],
  ['grid', ['楼栋', '居民', '户数', '重点关爱人员'], ['网格', '社区', '街道']],
]

for (const [username, shows, hides] of homes) {
  test(`the ${username} home shows its level's figures and the to-do cards`, () =>
    onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1366, height: 860 } }), `console-home-${username}-failed`, async (page) => {
      const watch = watchPage(page)
      await loginConsole(page, ctx.served.baseUrl, username)
      await page.getByRole('heading', { level: 1, name: /工作概览/ }).waitFor()
      await page.getByRole('region', { name: '我的待办' }).getByRole('link', { name: /^待受理/ }).waitFor()
      const titles = page.locator('.ant-statistic-title')
      for (const title of shows) await titles.filter({ hasText: new RegExp(`^${title}$`) }).first().waitFor()
      for (const title of hides) assert.equal(await titles.filter({ hasText: new RegExp(`^${title}$`) }).count(), 0, `${username} sees no ${title} figure`)
      await page.locator('canvas').first().waitFor()
      await page.waitForTimeout(500)
      await screenshot(page, `console-home-${username}`)
      assert.deepEqual(watch.problems, [])
    }))
}

// Someone who works in two places (a community's cadre who is also a grid worker in another
// community) starts every list and the case map on their own community; clearing the org filter
// shows both places; their to-do still holds everything waiting for them (issue 13).
test('a person with work in two places starts the filters and the map on their own community', async () => {
  const f = ctx.served.fixtures
  const [grid] = await ctx.served.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${f.otherCommunityId} AND kind = 'grid' ORDER BY id LIMIT 1`)
  const [community] = await ctx.served.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${f.communityId}`)
  const personId = await ctx.served.app.services.people.create(ctx.served.database.db, { name: '两处兼职' })
  await ctx.served.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES
    (${personId}, 'community_cadre', ${f.communityId}, DATE '2026-01-01'), (${personId}, 'grid_worker', ${grid!.id}, DATE '2026-01-01')`)
  await ctx.served.app.services.auth.createAccount(ctx.served.database.db, personId, 'two_places', demoPassword, false)
  const client = await ctx.served.as('two_places')
  const [inGrid] = await ctx.served.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${grid!.id}`)
  const reported = await client.post('/api/v1/cases', { categoryCode: 'facility.road', description: '另一处网格的路面坑洼', location: { lng: Number(inGrid!.lng), lat: Number(inGrid!.lat) } })
  assert.equal(reported.statusCode, 201, reported.body)
  const mine = (await client.get(`/api/v1/cases?box=scope&orgId=${f.communityId}&limit=1`)).json().total as number
  const both = (await client.get('/api/v1/cases?box=scope&limit=1')).json().total as number
  assert.ok(both > mine, `two places hold more cases (${both}) than the home community (${mine})`)

  await onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1366, height: 860 } }), 'console-home-two-places-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'two_places')
    await page.goto(`${ctx.served.baseUrl}/cases?tab=scope`)
    const org = page.getByLabel('所属组织')
    await page.locator('.ant-pagination-total-text', { hasText: `共 ${mine} 条` }).waitFor()
    assert.match(await page.locator('.ant-select', { has: org }).innerText(), new RegExp(community!.name))
    // Cleared, the filter shows both places; the address bar says so (orgId=all).
    await page.locator('.ant-select', { has: org }).hover()
    await page.locator('.ant-select', { has: org }).locator('.ant-select-clear').click()
    await page.locator('.ant-pagination-total-text', { hasText: `共 ${both} 条` }).waitFor()
    assert.equal(new URL(page.url()).searchParams.get('orgId'), 'all')
    // The to-do is not narrowed: the case waiting in the other place is there.
    await page.goto(`${ctx.served.baseUrl}/cases`)
    await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '另一处网格的路面坑洼' }).waitFor()
    // The case map starts on the home community.
    await page.goto(`${ctx.served.baseUrl}/cases/map`)
    await page.locator('[data-map-ready=true]').waitFor()
    await page.locator('.ant-select', { has: page.getByLabel('所属组织') }).getByText(community!.name).waitFor()
    // The people list starts on the home community too.
    await page.goto(`${ctx.served.baseUrl}/people`)
    await page.locator('.ant-select', { has: page.getByLabel('按组织筛选') }).getByText(community!.name).waitFor()
    assert.deepEqual(watch.problems, [])
  })
})
