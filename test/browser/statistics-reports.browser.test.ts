// Bottom-up reports in the browser (issue 18): the demo community cadre fills last month's manual
// figures and submits after a look at the computed figures being frozen; the street admin sees that
// community submitted and the others named as waiting, the approval disabled; once the others have
// submitted (through the API, to keep the test short) the street approves; the table then says why
// it is locked and marks a frozen figure whose records moved since. Screenshots of each view.
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { loginConsole, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, pickSelectOption } from '../support/browser.ts'
import { factories } from '../support/factories.ts'
import { sweepOnce } from '../../src/server/kernel/scheduler.ts'
import { schedulerJobs } from '../../src/server/app.ts'
import { monthAt, monthOf } from '../../src/server/kernel/indicators.ts'

const ctx = useServedAppAndBrowser()
const now = monthAt(new Date())
const prev = monthAt(new Date(Date.parse(monthOf(now).from) - 86_400_000))
/** Screenshots from the page's top (a focused field scrolls the long page down). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, name)
}
const manual = { 'statistics.population': 3200, 'statistics.new_orgs': 12, 'statistics.offline_activities': 3, 'statistics.ledger_hours': 40 }

test('a community submits last month, the street sees who it waits for and approves, the table shows the frozen figures', async () => {
  for (let i = 0; i < 20; i++) {
    await sweepOnce(ctx.served.database, schedulerJobs(ctx.served.app.services), new Date())
    const [left] = await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
    if (left!.n === 0) break
  }
  const { streetId, communityId } = ctx.served.fixtures
  const communities = await ctx.served.query<{ id: string; name: string }>(sql`SELECT id::text, name FROM orgs
    WHERE parent_id = ${streetId} AND kind IN ('community', 'village') AND deleted_at IS NULL ORDER BY path`)
  const mine = communities.find((c) => c.id === communityId)!
  const others = communities.filter((c) => c.id !== communityId)
  assert.ok(others.length > 0, 'the demo street has more than one community')
  const open = () => ctx.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })

  await onFreshPage(open, 'console-statistics-reports-community-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '上报审批' }).click()
    await page.getByRole('heading', { level: 1, name: `上报审批 · ${mine.name}` }).waitFor()
    await page.getByText('未上报', { exact: true }).waitFor()
    // An empty field is refused on the form before anything is sent.
    await page.getByLabel(/^常住人口/).fill('')
    await page.getByRole('button', { name: /^上\s*报$/ }).click()
    await page.getByText('请填写此项（没有发生请填 0）').first().waitFor()
    await page.getByLabel(/^常住人口/).fill(String(manual['statistics.population']))
    await page.getByLabel(/^辖区两新组织/).fill(String(manual['statistics.new_orgs']))
    await page.getByLabel(/^线下党群活动/).fill(String(manual['statistics.offline_activities']))
    await page.getByLabel(/^台账报表用时/).fill(String(manual['statistics.ledger_hours']))
    assert.deepEqual(await seriousViolations(page), [], 'the form')
    await shot(page, 'console-statistics-reports-form')
    await page.getByRole('button', { name: /^上\s*报$/ }).click()
    const dialog = page.getByRole('dialog', { name: `确认上报 ${prev} 统计表` })
    await dialog.getByText('按期办理率').waitFor()
    await dialog.getByText('常住人口 3200 人').waitFor()
    await screenshot(page, 'console-statistics-reports-confirm')
    await dialog.getByRole('button', { name: '确认上报' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('status').filter({ hasText: /已锁定：.*由.*上报/ }).waitFor()
    await page.getByText('已由').first().waitFor()
    assert.equal(await page.getByRole('button', { name: /^重新上报$/ }).isDisabled(), true, 'a submitted month is locked')
    await shot(page, 'console-statistics-reports-submitted')
  })
  const [report] = await ctx.served.query<{ state: string }>(sql`SELECT state FROM statistic_reports WHERE org_id = ${communityId} AND period = ${prev}`)
  assert.equal(report?.state, 'submitted')

  await onFreshPage(open, 'console-statistics-reports-street-failed', async (page) => {
    await loginConsole(page, ctx.served.baseUrl, 'street')
    await page.goto(`${ctx.served.baseUrl}/statistics/reports`)
    await page.getByRole('heading', { level: 1, name: /^上报审批 · / }).waitFor()
    const row = (name: string) => page.locator('.ant-table-row').filter({ has: page.getByRole('cell', { name, exact: true }) })
    await row(mine.name).getByText('已上报').waitFor()
    await row(mine.name).getByText(/按时|逾期/).waitFor()
    await page.getByRole('status').filter({ hasText: `还在等待 ${others.length} 个下级：${others.map((c) => c.name).join('、')}` }).waitFor()
    assert.equal(await page.getByRole('button', { name: /^审\s*批$/ }).isDisabled(), true, 'nobody approves while some wait')
    assert.deepEqual(await seriousViolations(page), [], 'the street page')
    await shot(page, 'console-statistics-reports-street-waiting')

    // The 开放修改 dialog on the submitted community: a reason is required.
    await row(mine.name).getByRole('button', { name: `开放修改：${mine.name}` }).click()
    const dialog = page.getByRole('dialog', { name: `开放修改：${mine.name} ${prev}` })
    await dialog.getByRole('button', { name: /开放修改/ }).click()
    await dialog.getByText('请写明开放修改的原因（2 到 500 字）').waitFor()
    await screenshot(page, 'console-statistics-reports-unlock')
    await dialog.getByRole('button', { name: /取\s*消/ }).click()
    await dialog.waitFor({ state: 'hidden' })

    // The other communities submit (their cadres, through the API).
    const f = factories(ctx.served)
    for (const c of others) {
      const cadre = await f.newPerson({ role: 'community_cadre', orgId: c.id })
      const res = await cadre.client.post('/api/v1/statistics/submissions', { orgId: c.id, period: prev, manual })
      assert.equal(res.statusCode, 201, res.body)
    }
    await page.reload()
    await page.getByText('下级已全部上报，可以审批。').waitFor()
    await page.getByRole('button', { name: /^审\s*批$/ }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: /^审\s*批$/ }).click()
    await page.getByRole('status').filter({ hasText: /已锁定：.*由.*审批/ }).waitFor()
    await page.getByText('已审批', { exact: true }).first().waitFor()
    await shot(page, 'console-statistics-reports-street-approved')

    // A record of that month changes after the approval (as the sweep would recompute it): the
    // table keeps the frozen figure and marks what moved.
    await ctx.served.query(sql`INSERT INTO statistic_facts (community_id, period, code, numerator) VALUES (${communityId}, ${prev}, 'cases.reported', 1)
      ON CONFLICT (community_id, period, code, breakdown) DO UPDATE SET numerator = statistic_facts.numerator + 1`)
    await page.getByRole('menuitem', { name: '统计一套表' }).click()
    await page.getByRole('heading', { level: 1, name: /^统计一套表 · / }).waitFor()
    await pickSelectOption(page, page.getByRole('combobox', { name: '统计期' }), prev)
    await page.getByText(/本月报表已锁定：.*审批/).waitFor()
    // The tag opens its tooltip on keyboard focus as on hover (a hover can land while the table still reloads).
    await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined)
    await page.getByText('上报后变动', { exact: true }).first().focus()
    await page.getByRole('tooltip').getByText(/按当前记录计算为 .*；表中为上报时冻结的/).waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'the locked table')
    await shot(page, 'console-statistics-frozen')

    // The same page in English: the words beside the Chinese (the lock sentence composed from its parts).
    await page.getByRole('menuitem', { name: '上报审批' }).click()
    await page.getByRole('button', { name: /English/ }).click()
    await page.getByRole('heading', { level: 1, name: /^Reports and approvals · / }).waitFor()
    await page.getByRole('status').filter({ hasText: /Locked: .* approved by / }).waitFor()
    await shot(page, 'console-statistics-reports-en')
  })
})
