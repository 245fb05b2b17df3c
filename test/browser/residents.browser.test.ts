// 居民信息 in the console as a grid worker sees it (masked values, 查看 with a reason, the import
// error table), and 我的居民信息 on the phone pages as the demo resident corrects their record.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { failureName, loginConsole, loginH5, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

function scenario(title: string, viewport: { width: number; height: number }, body: (page: Page) => Promise<void>) {
  test(title, () => onFreshPage(() => ctx.browser.newPage({ viewport, locale: 'zh-CN' }), failureName('residents', title), body))
}

/** Waits until no dialog is mid-animation (a click then lands where it is aimed). */
async function settled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"], [class*="-appear-prepare"], [class*="-enter-prepare"]'))
}

scenario('a grid worker sees masked ID numbers and phones and reveals one with a reason', { width: 1440, height: 900 }, async (page) => {
  const watch = watchPage(page)
  await loginConsole(page, ctx.served.baseUrl, 'grid')
  await page.goto(`${ctx.served.baseUrl}/residents`)
  await page.getByRole('heading', { level: 2, name: '居民信息' }).waitFor()
  const firstRow = page.locator('.ant-table-tbody > tr.ant-table-row').first()
  await firstRow.waitFor()
  const rowText = (await firstRow.textContent()) ?? ''
  assert.match(rowText, /\d{4}\*{10}\d{3}[\dX]/, 'ID numbers are masked')
  assert.doesNotMatch(rowText, /1[3-9]\d{9}/, 'no full phone in the list')
  await screenshot(page, 'residents-console-list')

  const name = (await firstRow.locator('td').first().textContent())!.trim()
  await firstRow.getByRole('button', { name: `查看身份证号 ${name}` }).click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  await settled(page)
  await dialog.getByLabel('查看原因').fill('核对高龄补贴申请')
  await dialog.getByRole('button', { name: /^查\s*看$/ }).click()
  const value = (await dialog.getByTestId('revealed-value').textContent())!.trim()
  assert.match(value, /^\d{17}[\dX]$/)
  await screenshot(page, 'residents-console-reveal')
  const [audit] = await ctx.served.query<{ after: { reason: string } }>(sql`SELECT after FROM audit_log WHERE action = 'resident.reveal' ORDER BY id DESC LIMIT 1`)
  assert.equal(audit!.after.reason, '核对高龄补贴申请')
  await dialog.getByRole('button', { name: '关 闭', exact: true }).click()
  assert.deepEqual(await seriousViolations(page), [])
  assert.deepEqual(watch.problems, [])
})

scenario('an import with bad rows shows the per-row error table and imports nothing', { width: 1440, height: 900 }, async (page) => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('居民信息')
  ws.addRow(['姓名', '身份证号', '手机号', '楼栋'])
  ws.addRow(['', '360102195603121230', '123', '没有这栋楼'])
  const file = path.join(tmpdir(), `residents-bad-${process.pid}.xlsx`)
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
  const before = (await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM residents`))[0]!.n

  await loginConsole(page, ctx.served.baseUrl, 'grid')
  await page.goto(`${ctx.served.baseUrl}/residents`)
  await page.getByRole('button', { name: '导入 Excel' }).click()
  const dialog = page.getByRole('dialog', { name: '导入 Excel' })
  await dialog.waitFor()
  await settled(page)
  const gridName = (await ctx.served.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${ctx.served.fixtures.gridId}`))[0]!.name
  const box = dialog.getByLabel('导入到（楼栋名称须在此组织下）')
  await box.click()
  await box.fill(gridName)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: gridName }).first().click()
  await dialog.getByLabel('选择 Excel 文件').setInputFiles(file)
  await dialog.getByRole('button', { name: '导入 Excel', exact: true }).click()
  await dialog.getByText('导入文件有错误，未导入任何数据').waitFor()
  const table = await dialog.locator('.ant-table-tbody').textContent()
  assert.match(table!, /姓名/)
  assert.match(table!, /楼栋/)
  await screenshot(page, 'residents-console-import-errors')
  assert.equal((await ctx.served.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM residents`))[0]!.n, before)
})

scenario('the demo resident sees their own record in full on the phone and corrects the household', { width: 390, height: 844 }, async (page) => {
  await loginH5(page, ctx.served.baseUrl, 'resident')
  await page.getByRole('link', { name: /我的居民信息/ }).click()
  await page.getByRole('heading', { name: '更正我的信息' }).waitFor()
  const phone = await page.getByLabel('手机号').inputValue()
  assert.match(phone, /^1[3-9]\d{9}$/, 'the resident sees their own phone in full')
  const [stored] = await ctx.served.query<{ consent_contact: boolean }>(sql`SELECT consent_contact FROM residents WHERE person_id = ${ctx.served.fixtures.personIds.resident} AND deleted_at IS NULL`)
  const consent = page.getByRole('switch', { name: '同意社区工作人员联系我' })
  assert.equal(await consent.getAttribute('aria-checked'), String(stored!.consent_contact), 'the consent shows as recorded')
  await consent.click()
  await page.getByLabel('户号（如 2单元301）').fill('5单元602')
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByText('已保存').waitFor()
  await screenshot(page, 'residents-h5-mine')
  const me = (await ctx.served.query<{ household: string; consent_contact: boolean }>(sql`SELECT household, consent_contact FROM residents WHERE person_id = ${ctx.served.fixtures.personIds.resident} AND deleted_at IS NULL`))[0]!
  assert.equal(me.household, '5单元602')
  assert.equal(me.consent_contact, !stored!.consent_contact)
  assert.deepEqual(await seriousViolations(page), [])
})

scenario('a cadre of one community exports its residents without filtering first', { width: 1440, height: 900 }, async (page) => {
  const watch = watchPage(page)
  await loginConsole(page, ctx.served.baseUrl, 'cadre')
  await page.goto(`${ctx.served.baseUrl}/residents`)
  await page.getByRole('heading', { level: 2, name: '居民信息' }).waitFor()
  await page.getByRole('button', { name: /^导\s*出$/ }).click()
  const dialog = page.getByRole('dialog', { name: '导出' })
  await dialog.waitFor()
  assert.equal(await dialog.getByText('请先在列表上方按组织筛选').count(), 0, 'no dead end')
  const download = page.waitForEvent('download')
  await dialog.getByRole('button', { name: /^导\s*出$/ }).click()
  assert.match((await download).suggestedFilename(), /\.xlsx$/)
  assert.deepEqual(watch.problems, [])
})
