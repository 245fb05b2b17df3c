// Meetings in the browser (issue 16): the demo community's cadre opens a meeting that has just
// begun from the month calendar and puts up the rotating check-in QR code; the demo resident checks
// in on the phone through the page the code opens; the cadre records the member's absence with a
// reason, closes the meeting and drafts the minutes; the resident approves them on the phone, and
// being the only one present, that passes them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { soon } from '../support/meetings.ts'

const ctx = useServedAppAndBrowser()
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } satisfies BrowserContextOptions
const TITLE = '楼道堆物清理协商会'

test('a meeting from the calendar to approved minutes: QR check-in on the phone, absence by hand, minutes drafted and approved', async () => {
  const cadre = await ctx.served.as('cadre')
  const made = await cadre.post('/api/v1/meetings', {
    orgId: ctx.served.fixtures.communityId, kind: 'council_hall', title: TITLE, ...soon(), place: '社区议事厅',
    agenda: [{ text: '通报楼道堆物情况' }, { text: '议定清理时间和分工' }],
    parties: [{ kind: 'party_organisation', name: '第一网格党小组' }],
    inviteeIds: [ctx.served.fixtures.personIds.resident!, ctx.served.fixtures.personIds.member!],
  })
  assert.equal(made.statusCode, 201, made.body)
  const id = made.json().id as string
  let code = ''

  await onFreshPage(() => ctx.browser.newPage(desk), 'console-meeting-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.getByRole('menuitem', { name: '会议' }).click()
    await page.getByRole('heading', { level: 1, name: '会议' }).waitFor()
    await page.getByRole('button', { name: new RegExp(TITLE) }).first().waitFor()
    await screenshot(page, 'console-meetings-calendar')
    await page.getByRole('button', { name: new RegExp(TITLE) }).first().click()
    await page.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor()
    await page.getByText('通报楼道堆物情况').waitFor()
    assert.deepEqual(await seriousViolations(page), [], 'meeting page')
    await screenshot(page, 'console-meeting-planned')
    await page.getByRole('button', { name: '签到二维码' }).click()
    const qr = page.getByRole('dialog').getByRole('img', { name: '签到二维码' })
    await qr.waitFor()
    code = (await qr.getAttribute('data-code')) ?? ''
    await screenshot(page, 'console-meeting-qr')
    await page.keyboard.press('Escape')
    assert.deepEqual(watch.problems, [])
  })
  assert.match(code, /^\d+\.[0-9a-f]{16}$/)

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-meeting-checkin-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.goto(`${ctx.served.baseUrl}/h5/meetings/checkin?meeting=${id}&code=${encodeURIComponent(code)}`)
    await page.getByRole('link', { name: TITLE }).waitFor()
    await page.getByRole('button', { name: '签到' }).click()
    await page.getByText('签到成功，欢迎参会').waitFor()
    await screenshot(page, 'h5-meeting-checked-in')
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(desk), 'console-meeting-minutes-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.goto(`${ctx.served.baseUrl}/meetings/${id}`)
    await page.getByText(/扫码签到/).first().waitFor()
    const memberRow = page.locator('tr', { hasText: '参会' }).filter({ hasNotText: '扫码签到' }).first()
    await memberRow.getByRole('button', { name: '登记缺席' }).click()
    await page.getByLabel('缺席原因（如请假、出差）').fill('出差请假')
    await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click()
    await page.getByText('缺席：出差请假').waitFor()
    await page.getByRole('button', { name: '结束会议' }).click()
    await page.getByText('已召开').first().waitFor()
    await page.getByRole('button', { name: '起草纪要' }).click()
    await page.getByLabel('会议纪要').fill('会议通报了楼道堆物情况，议定本周六上午集中清理，网格党小组党员分楼栋带头。')
    await page.getByRole('button', { name: '提交新版本' }).click()
    await page.getByText('第 1 版').waitFor()
    await screenshot(page, 'console-meeting-minutes')
    assert.deepEqual(watch.problems, [])
  })

  await onFreshPage(() => ctx.browser.newPage(phone), 'h5-meeting-approve-failed', async (page) => {
    const watch = watchPage(page)
    await loginH5(page, ctx.served.baseUrl, 'resident')
    await page.getByRole('link', { name: /我的会议/ }).first().click()
    await page.getByRole('heading', { level: 1, name: '我的会议' }).waitFor()
    await page.getByRole('link', { name: TITLE }).click()
    await page.getByText('议定本周六上午集中清理', { exact: false }).waitFor()
    await screenshot(page, 'h5-meeting-minutes')
    await page.getByRole('button', { name: '确认无误' }).click()
    await page.getByRole('heading', { name: '议事厅 · 纪要已通过' }).waitFor()
    await screenshot(page, 'h5-meeting-approved')
    assert.deepEqual(watch.problems, [])
  })
  const after = (await cadre.get(`/api/v1/meetings/${id}`)).json()
  assert.equal(after.state, 'minutes_approved')
})
