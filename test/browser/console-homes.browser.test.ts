// Each level's home shows the figures that make sense for it (issue 13: a grid worker saw
// 网格 0 / 小区 0): the district its streets, a street its communities, a community its grids and
// estates, a grid its buildings and households; everyone with case work the four to-do cards.
// The screenshots are the ones docs/screenshots shows.
import { test } from 'node:test'
import assert from 'node:assert/strict'
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
