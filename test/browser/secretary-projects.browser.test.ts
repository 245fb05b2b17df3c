// Secretary projects in the browser (issue 18): the demo community cadre opens 书记项目与责任清单,
// sees the demo items with progress bars and state tags (the street's responsibility list below
// the street, the 每月一题 project raised from a hotspot), opens one, completes a milestone with a
// note, and names a new project with a milestone; the street admin reads the community's item and
// comments (督查). Screenshots of each view.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

test('a community cadre follows a project and completes a milestone; the street comments on it', async () => {
  const open = () => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  await onFreshPage(open, 'console-secretary-projects-cadre-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '书记项目与责任清单' }).click()
    await page.getByRole('heading', { level: 1, name: '书记项目与责任清单' }).waitFor()
    const row = page.getByRole('row', { name: /每月一题：垃圾桶满溢问题治理/ })
    await row.waitFor()
    await page.getByRole('row', { name: /在职党员“双报到”服务全覆盖/ }).getByText('已办结').waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'console-secretary-projects-list')
    await row.getByText('每月一题：垃圾桶满溢问题治理').click()
    const drawer = page.getByRole('dialog', { name: '每月一题：垃圾桶满溢问题治理' })
    await drawer.getByText('摸排垃圾收集点和清运时间').waitFor()
    await drawer.getByText(/热点问题“垃圾清运”/).waitFor()
    await drawer.getByText('请在月底前把清运频次调整情况报街道城管科。').waitFor()
    await screenshot(page, 'console-secretary-projects-drawer')
    await drawer.getByRole('button', { name: /^完\s*成$/ }).first().click()
    const modal = page.getByRole('dialog', { name: /^完成节点/ })
    await modal.getByLabel('完成情况').fill('环卫所已调整为早晚各清运一次')
    await modal.getByRole('button', { name: /保\s*存/ }).click()
    await drawer.getByText('环卫所已调整为早晚各清运一次').first().waitFor()
    await drawer.getByText(/于 .* 完成/).nth(1).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
  })
  await onFreshPage(open, 'console-secretary-projects-street-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'street')
    await page.getByRole('menuitem', { name: '书记项目与责任清单' }).click()
    await page.getByRole('row', { name: /社区党建责任清单：网格党支部建设/ }).waitFor()
    await screenshot(page, 'console-secretary-projects-street')
    await page.getByText('每月一题：垃圾桶满溢问题治理').click()
    const drawer = page.getByRole('dialog', { name: '每月一题：垃圾桶满溢问题治理' })
    assert.equal(await drawer.getByRole('button', { name: /^修\s*改$/ }).count(), 0, 'the street does not edit a community’s item')
    await drawer.getByRole('button', { name: '督查意见' }).click()
    const modal = page.getByRole('dialog', { name: '督查意见' })
    await modal.getByLabel('督查意见').fill('清运调整后请跟踪一周居民反馈')
    await modal.getByRole('button', { name: /保\s*存/ }).click()
    await drawer.getByText('清运调整后请跟踪一周居民反馈').waitFor()
  })
})

test('on the phone the cadre opens 我的书记项目, a project’s page fits the screen, and completes an overdue milestone with a note', async () => {
  const open = () => ctx.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  await onFreshPage(open, 'h5-my-projects-failed', async (page) => {
    await loginH5(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('link', { name: /我的书记项目/ }).click()
    const card = page.getByText('红色物业：党建引领小区物业服务提升')
    await card.waitFor()
    await page.getByText('在职党员“双报到”服务全覆盖').waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'h5-my-projects')
    await card.click()
    await page.getByRole('heading', { level: 1, name: '红色物业：党建引领小区物业服务提升' }).waitFor()
    // A long title wraps in the page, not in the bar: nothing runs off the side of the phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll')
    await screenshot(page, 'h5-my-project')
    const milestone = page.getByRole('group', { name: '完成：第三季度满意度测评' })
    await page.getByText(/-10-15 到期/).waitFor()
    await page.getByRole('button', { name: '完成这个节点' }).first().click()
    await milestone.getByLabel('完成情况').fill('已对 320 户开展满意度测评，满意率 92%')
    await milestone.getByRole('button', { name: '提交' }).click()
    await page.getByText('已对 320 户开展满意度测评，满意率 92%').waitFor()
    await page.getByText('进度 75% · 节点 3/4').first().waitFor()
    assert.deepEqual(await seriousViolations(page), [])
  })
})
