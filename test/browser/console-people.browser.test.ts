// People & accounts and the audit log in the console, as a community cadre sees them; a grid
// worker is refused both; the language switch; and axe-core finds nothing serious.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { failureName, pickSelectOption, loginConsole, onFreshPage, screenshot, seriousViolations, useServedAppAndBrowser, watchPage } from '../support/browser.ts'


const ctx = useServedAppAndBrowser()

const NEW_NAME = '陈晓明'
const RENAMED = '陈小明'
const NEW_USERNAME = 'chenxm'

/** A test on a fresh page (its own cookies and storage); on failure, a screenshot to look at. */
function scenario(title: string, body: (page: Page) => Promise<void>) {
  test(title, () => onFreshPage(() => ctx.browser.newPage({ viewport: { width: 1366, height: 800 } }), failureName('console-people', title), body))
}

async function login(page: Page, username: string) {
  await loginConsole(page, ctx.served.baseUrl, username)
  await page.getByRole('heading', { level: 1, name: /工作概览/ }).waitFor()
}

/** Picks an option of an antd Select (searching first when `search` is given). */
async function pick(page: Page, label: string, option: string, search?: string) {
  const box = page.getByLabel(label, { exact: true })
  await pickSelectOption(page, box, option, search)
}

/** Waits until no dialog or drawer is mid-animation (a click then lands where it is aimed). */
async function settled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"], [class*="-appear-prepare"], [class*="-enter-prepare"]'))
}

/** Clicks a button inside a dialog once it has finished opening. */
async function clickIn(dialog: ReturnType<Page['getByRole']>, page: Page, name: string | RegExp) {
  await dialog.waitFor()
  await settled(page)
  await dialog.getByRole('button', { name }).click()
}

/** The rows of the page's main table (antd's placeholder row excluded). */
function tableRows(page: Page) {
  return page.locator('.ant-table-tbody > tr.ant-table-row')
}

async function temporaryPassword(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: '临时密码' })
  await dialog.waitFor()
  await settled(page)
  await dialog.getByText('首次登录时必须修改此密码').waitFor()
  const password = (await dialog.getByTestId('temporary-password').textContent()) ?? ''
  assert.match(password, /^\S{8,}$/)
  await dialog.getByRole('button', { name: '复制' }).click()
  await dialog.getByRole('button', { name: '我已记下' }).click()
  await dialog.waitFor({ state: 'hidden' })
  return password
}


scenario('a cadre searches people, creates a grid worker with an account and is shown the temporary password once', async (page) => {
  const watch = watchPage(page)
  await login(page, 'cadre')
  await page.getByRole('menuitem', { name: '人员与账号' }).click()
  await page.getByRole('heading', { level: 1, name: '人员与账号' }).waitFor()
  await tableRows(page).first().waitFor()

  // Search someone from the list by name.
  const someone = (await tableRows(page).nth(1).locator('td').first().textContent())!.trim()
  assert.ok(someone.length > 0)
  await page.getByLabel('按姓名或用户名搜索').fill(someone)
  await page.getByLabel('按姓名或用户名搜索').press('Enter')
  await page.waitForURL(/\/people\?q=/)
  await page.waitForFunction((name) => {
    const rows = [...document.querySelectorAll('.ant-table-tbody > tr.ant-table-row')]
    return rows.length > 0 && rows.every((r) => r.textContent?.includes(name))
  }, someone)
  await page.getByText(/共 \d+ 条/).waitFor()

  // Create a grid worker in the first grid, with a login account.
  await page.getByRole('button', { name: '新建人员' }).click()
  const drawer = page.getByRole('dialog', { name: '新建人员' })
  await drawer.waitFor()
  await settled(page)
  await drawer.getByLabel('姓名').fill(NEW_NAME)
  await drawer.getByLabel('手机号').fill('1381234')
  await drawer.getByLabel('用户名').fill(NEW_USERNAME)
  await pick(page, '角色', '网格员')
  await pick(page, '所属组织', '第一网格（网格）', '第一网格')
  await drawer.getByRole('button', { name: /创\s*建/ }).click()
  // A bad phone is refused on the field itself, before anything is sent.
  await drawer.getByText('请输入 11 位大陆手机号').waitFor()
  await drawer.getByLabel('手机号').fill('13812345678')
  await drawer.getByRole('button', { name: /创\s*建/ }).click()
  await temporaryPassword(page)

  await page.getByLabel('按姓名或用户名搜索').fill(NEW_USERNAME)
  await page.getByLabel('按姓名或用户名搜索').press('Enter')
  const row = tableRows(page).filter({ hasText: NEW_NAME })
  await row.waitFor()
  await row.getByText('网格员 · 第一网格').waitFor()
  await row.getByText('须修改密码').waitFor()
  await row.getByText('从未登录').waitFor()
  assert.equal(await row.getByText('138****5678').count(), 1)
  // All grid workers: the new one among them.
  await page.getByRole('button', { name: '清除筛选' }).click()
  await page.waitForURL((u) => u.search === '')
  await pick(page, '按角色筛选', '网格员')
  await page.waitForURL(/role=grid_worker/)
  await page.waitForFunction((name) => {
    const rows = [...document.querySelectorAll('.ant-table-tbody > tr.ant-table-row')]
    return rows.length > 1 && rows.some((r) => r.textContent?.includes(name)) && rows.every((r) => r.querySelector('td:nth-child(3)')?.textContent?.includes('网格员'))
  }, NEW_NAME)
  await screenshot(page, 'console-people')
  assert.deepEqual(watch.problems, [])
})

scenario('a cadre resets the new person’s password, renames them, gives and ends a role, then reads it in the audit log', async (page) => {
  const watch = watchPage(page)
  await login(page, 'cadre')
  await page.goto(`${ctx.served.baseUrl}/people?q=${NEW_USERNAME}`)
  await page.getByRole('link', { name: NEW_NAME }).click()
  await page.getByRole('heading', { level: 1, name: NEW_NAME }).waitFor()

  // Reset the password: confirm, then the temporary password is shown once.
  await page.getByRole('button', { name: '重置密码' }).click()
  await clickIn(page.getByRole('dialog').filter({ hasText: '重置 陈晓明 的密码？' }), page, '重置密码')
  await temporaryPassword(page)

  // Rename.
  await page.getByRole('button', { name: /编\s*辑/ }).click()
  const edit = page.getByRole('dialog', { name: '修改基本信息' })
  await edit.waitFor()
  await settled(page)
  await edit.getByLabel('姓名').fill(RENAMED)
  await clickIn(edit, page, /确\s*定/)
  await page.getByRole('heading', { level: 1, name: RENAMED }).waitFor()

  // Give a second role, then end it.
  await page.getByRole('button', { name: '任命角色' }).click()
  const assign = page.getByRole('dialog', { name: '任命角色' })
  await assign.waitFor()
  await settled(page)
  await pick(page, '角色', '志愿者')
  await pick(page, '所属组织', '翠岩社区（社区）', '翠岩')
  await clickIn(assign, page, '任命角色')
  await assign.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: '结束任命：志愿者 · 翠岩社区' }).click()
  const confirm = page.getByRole('dialog').filter({ hasText: '结束“志愿者 · 翠岩社区”的任命？' })
  await clickIn(confirm, page, '结束任命')
  await page.getByText('志愿者 · 翠岩社区（已结束）').waitFor()
  await page.getByText('网格员 · 第一网格').first().waitFor()

  // Sessions: none yet, since the person never logged in.
  await page.getByText('当前没有登录会话').waitFor()

  // The audit log, filtered by entity "person": the rename shows as a diff.
  await page.getByRole('menuitem', { name: '审计日志' }).click()
  await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor()
  await tableRows(page).first().waitFor()
  // Actions and records in words, never a code (issue 13): no row says `person.update` or `visit#201`.
  for (const text of await tableRows(page).allInnerTexts()) assert.doesNotMatch(text, /\b[a-z_]+\.[a-z_]+\b|[a-z_]+#\d/, text)
  await pick(page, '对象类型', '人员', '人员')
  await page.getByRole('button', { name: /查\s*询/ }).click()
  await page.waitForURL(/entity=person/)
  const update = tableRows(page).filter({ hasText: '修改人员' }).first()
  await update.waitFor()
  await update.getByRole('button', { name: '展开行' }).click()
  const detail = page.locator('.ant-table-expanded-row').first()
  await detail.locator('del', { hasText: NEW_NAME }).waitFor()
  await detail.locator('ins', { hasText: RENAMED }).waitFor()
  await detail.getByText('"name": "陈小明"').waitFor()
  await page.locator('.ant-message-notice').first().waitFor({ state: 'hidden' })
  await page.waitForTimeout(300) // the expand icon's animation
  await screenshot(page, 'console-audit')

  // By action: the ended role.
  await page.getByRole('button', { name: /重\s*置/ }).click()
  await page.waitForURL((u) => u.search === '')
  await tableRows(page).filter({ hasText: '登录' }).first().waitFor()
  await pick(page, '操作', '结束任命', '结束任命')
  await page.getByRole('button', { name: /查\s*询/ }).click()
  await page.waitForURL(/action=role\.end/)
  const ended = tableRows(page).filter({ hasText: '结束任命' }).first()
  await ended.waitFor()
  await ended.getByRole('button', { name: '展开行' }).click()
  // The entry shows the end date set, and which role it was in the record before and after.
  const endedDetail = page.locator('.ant-table-expanded-row').first()
  await endedDetail.locator('tr', { hasText: '结束日期' }).locator('ins').waitFor()
  await endedDetail.getByRole('region', { name: '修改前' }).filter({ hasText: '"role": "volunteer"' }).waitFor()
  // The org it happened in, by name from the top of the tree, not a path of ids.
  assert.match(await endedDetail.innerText(), /所属组织: [^\d\s]+ \/ [^\d]+ \/ /)
  assert.deepEqual(watch.problems, [])
})

scenario('a grid worker has no people or audit pages: not in the menu, and a clear refusal by URL', async (page) => {
  const watch = watchPage(page)
  await login(page, 'grid')
  await page.getByRole('menuitem', { name: '首页' }).waitFor()
  assert.equal(await page.getByRole('menuitem', { name: '人员与账号' }).count(), 0)
  assert.equal(await page.getByRole('menuitem', { name: '审计日志' }).count(), 0)
  await page.goto(`${ctx.served.baseUrl}/people`)
  await page.getByText('无权访问').waitFor()
  await page.getByText('您的角色不能访问此页面').waitFor()
  await page.goto(`${ctx.served.baseUrl}/audit`)
  await page.getByText('无权访问').waitFor()
  await screenshot(page, 'console-forbidden')
  assert.deepEqual(watch.problems, [])
})

scenario('the language switch turns the navigation and page title English, and survives a reload', async (page) => {
  const watch = watchPage(page)
  await login(page, 'cadre')
  await page.goto(`${ctx.served.baseUrl}/people`)
  await page.getByRole('heading', { level: 1, name: '人员与账号' }).waitFor()
  await page.getByRole('banner').getByText('English', { exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'People & accounts' }).waitFor()
  await page.getByRole('menuitem', { name: 'Audit log' }).waitFor()
  await page.getByRole('button', { name: 'New person' }).waitFor()
  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'People & accounts' }).waitFor()
  await page.getByRole('menuitem', { name: 'People & accounts' }).click()
  await page.getByRole('menuitem', { name: 'Audit log' }).click()
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor()
  await page.getByRole('banner').getByText('中文', { exact: true }).click()
  await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor()
  await page.getByRole('menuitem', { name: '人员与账号' }).waitFor()
  assert.deepEqual(watch.problems, [])
})

scenario('axe-core finds no serious or critical problem on the people, person and audit pages', async (page) => {
  const watch = watchPage(page)
  await login(page, 'cadre')
  await page.goto(`${ctx.served.baseUrl}/people`)
  await tableRows(page).first().waitFor()
  assert.deepEqual(await seriousViolations(page), [])

  await page.getByRole('button', { name: '新建人员' }).click()
  await page.getByRole('dialog', { name: '新建人员' }).getByLabel('姓名').waitFor()
  await page.waitForTimeout(400)
  assert.deepEqual(await seriousViolations(page), [])
  await page.keyboard.press('Escape')

  await page.goto(`${ctx.served.baseUrl}/people?q=${NEW_USERNAME}`)
  await page.getByRole('link', { name: RENAMED }).click()
  await page.getByRole('heading', { level: 1, name: RENAMED }).waitFor()
  await page.getByText('当前没有登录会话').waitFor()
  assert.deepEqual(await seriousViolations(page), [])
  // A confirmation dialog, then cancelled from the keyboard.
  await page.getByRole('button', { name: '停用账号' }).click()
  await page.getByRole('dialog').filter({ hasText: '停用后此人无法登录' }).waitFor()
  await settled(page)
  assert.deepEqual(await seriousViolations(page), [])
  await page.keyboard.press('Escape')
  await page.getByRole('dialog').filter({ hasText: '停用后此人无法登录' }).waitFor({ state: 'hidden' })

  await page.goto(`${ctx.served.baseUrl}/audit`)
  await tableRows(page).first().waitFor()
  await tableRows(page).first().getByRole('button', { name: '展开行' }).click()
  await page.locator('.ant-table-expanded-row').first().waitFor()
  assert.deepEqual(await seriousViolations(page), [])
  assert.deepEqual(watch.problems, [])
})
