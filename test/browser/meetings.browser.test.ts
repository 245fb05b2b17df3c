// Meetings in the browser (issue 16): the demo community's cadre opens a meeting that has just
// begun from the month calendar and puts up the rotating check-in QR code; the demo resident checks
// in on the phone through the page the code opens; the cadre records the member's absence with a
// reason, closes the meeting and drafts the minutes; the resident approves them on the phone, and
// being the only one present, that passes them. Another planned meeting is moved to a later day and
// a room, an agenda item gets a deliberation topic from the picker, and a photo goes into its gallery.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { BrowserContextOptions } from 'playwright-core'
import { loginConsole, loginH5, onFreshPage, pickSelectOption, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'
import { soon } from '../support/meetings.ts'
import { beijing } from '../support/venues.ts'
import { plainJpeg } from '../support/images.ts'

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

test('a planned meeting moved to another day and a room, a topic picked for its agenda, a photo in its gallery', async () => {
  const cadre = await ctx.served.as('cadre')
  const orgId = ctx.served.fixtures.communityId
  const made = await cadre.post('/api/v1/meetings', { orgId, kind: 'round_table', title: '加装电梯圆桌会', startsAt: beijing(3, 19), endsAt: beijing(3, 21), place: '小区广场', agenda: [{ text: '听取各楼层意见' }] })
  assert.equal(made.statusCode, 201, made.body)
  const id = made.json().id as string
  const venues = (await cadre.get(`/api/v1/venues?orgId=${orgId}&limit=50`)).json() as { items: { id: string; name: string; rooms: { id: string; name: string; capacity: number }[] }[] }
  const venue = venues.items.find((v) => v.rooms.length > 0)!
  const room = venue.rooms[0]!
  const topics = (await cadre.get(`/api/v1/topics?orgId=${orgId}&limit=50`)).json() as { items: { id: string; title: string }[] }
  const topic = topics.items[0]!
  // The first day from the day after tomorrow when the room is open and free from 14:00 to 16:00
  // (the demo books rooms too; a clash would answer 409 and move nothing).
  const calendar = (await cadre.get(`/api/v1/venues/${venue.id}/calendar?from=${beijing(2, 0).slice(0, 10)}&days=14`)).json() as { days: { date: string; hours: { open: string; close: string }[] }[]; bookings: { room: { id: string }; state: string; start: string; end: string }[] }
  const slot = (date: string) => [Date.parse(`${date}T14:00:00+08:00`), Date.parse(`${date}T16:00:00+08:00`)] as const
  const day = calendar.days.find((d) => d.hours.some((h) => h.open <= '14:00' && h.close >= '16:00') && !calendar.bookings.some((b) => {
    const [from, to] = slot(d.date)
    return b.room.id === room.id && b.state !== 'cancelled' && b.state !== 'rejected' && Date.parse(b.start) < to && Date.parse(b.end) > from
  }))!.date

  await onFreshPage(() => ctx.browser.newPage(desk), 'console-meeting-extras-failed', async (page) => {
    const watch = watchPage(page)
    await loginConsole(page, ctx.served.baseUrl, 'cadre')
    await page.goto(`${ctx.served.baseUrl}/meetings/${id}`)
    await page.getByRole('heading', { level: 1, name: /加装电梯圆桌会/ }).waitFor()

    // Reschedule: two days later, 14:00–16:00, in a room booked through venues.
    await page.getByRole('button', { name: '改期/换会议室' }).click()
    const move = page.getByRole('dialog', { name: '改期/换会议室' })
    const [from, to] = [move.getByPlaceholder('开始日期'), move.getByPlaceholder('结束日期')]
    await from.click()
    await from.fill(`${day} 14:00`)
    await from.press('Enter')
    await to.fill(`${day} 16:00`)
    await to.press('Enter')
    await pickSelectOption(page, move.getByRole('combobox', { name: '会议室（经服务阵地预约）' }), `${venue.name}·${room.name}（${room.capacity} 人）`)
    await screenshot(page, 'console-meeting-move')
    await move.getByRole('button', { name: '确定调整' }).click()
    await move.waitFor({ state: 'hidden' })
    await page.getByText(new RegExp(room.name)).first().waitFor()

    // The agenda item gets a topic from the picker.
    await page.getByRole('button', { name: '编辑议程' }).click()
    const agenda = page.getByRole('dialog', { name: '编辑议程' })
    await pickSelectOption(page, agenda.getByRole('combobox', { name: '关联议题（选填） 1' }), topic.title)
    await screenshot(page, 'console-meeting-agenda-topic')
    await agenda.getByRole('button', { name: /确\s?定/ }).click()
    await agenda.waitFor({ state: 'hidden' })
    await page.getByRole('link', { name: `议题：${topic.title}` }).waitFor()

    // A photo into the gallery.
    const photos = page.locator('.ant-card', { hasText: '会议照片' })
    await photos.locator('input[type=file]').setInputFiles({ name: 'meeting.jpg', mimeType: 'image/jpeg', buffer: await plainJpeg({ seed: 33, width: 640, height: 480 }) })
    await photos.getByRole('img', { name: '会议照片 1' }).waitFor()
    await photos.scrollIntoViewIfNeeded()
    await screenshot(page, 'console-meeting-photos')
    assert.deepEqual(await seriousViolations(page), [], 'meeting page with its extras')
    assert.deepEqual(watch.problems, [])
  })
  const m = (await cadre.get(`/api/v1/meetings/${id}`)).json()
  assert.equal(m.room?.id, room.id)
  assert.equal(new Date(m.startsAt).toISOString(), new Date(`${day}T14:00:00+08:00`).toISOString())
  assert.deepEqual(m.agenda.map((a: { topicId: string | null }) => a.topicId), [topic.id])
  assert.equal(m.photos.length, 1)
})
