// Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags
// this sandbox needs, and a Linli server listening on a free loopback port.
import { after, before } from 'node:test'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { startTestApp, type TestApp } from './app.ts'

export const screenshotDir = path.resolve(import.meta.dirname, '../../test-results')

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export async function startServedApp(): Promise<TestApp & { baseUrl: string }> {
  const t = await startTestApp()
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
  return { ...t, baseUrl: address }
}

/**
 * Collects console errors, failed requests and error responses, which the browser tests assert
 * are none. `expected` lists responses a scenario provokes on purpose (e.g. a wrong password's 401).
 */
export function watchPage(page: Page, expected: { status: number; path: string }[] = []): { problems: string[] } {
  const problems: string[] = []
  // Whatever the Content-Security-Policy blocks is a problem too, reported with what and why.
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`))
  })
  page.on('console', (m) => {
    // A failed resource is reported below with its URL; the console's copy has none.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`)
  })
  page.on('response', (r) => {
    if (r.status() < 400) return
    const path = new URL(r.url()).pathname
    if (expected.some((e) => e.status === r.status() && path === e.path)) return
    problems.push(`${r.status()} ${r.request().method()} ${path}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => {
    // A live event stream is cut when the page is left: that is how it ends, not a failure.
    if (r.resourceType() === 'eventsource' && r.failure()?.errorText === 'net::ERR_ABORTED') return
    // Chromium drops the tab icon's request when the page navigates on; a missing icon still
    // shows up above as a 404.
    if (new URL(r.url()).pathname === '/favicon.svg' && r.failure()?.errorText === 'net::ERR_ABORTED') return
    // A data request the page cancelled itself (React Query aborts a query whose page was left
    // mid-flight, as a slow machine makes likely): nothing failed; answers ≥ 400 are caught above.
    if ((r.resourceType() === 'fetch' || r.resourceType() === 'xhr') && r.failure()?.errorText === 'net::ERR_ABORTED') return
    // The same for a code chunk or its stylesheet the page was still loading (the dashboard's
    // charts, the map's baseMap css) when the page navigated on: a missing asset answers 404 above,
    // and a chunk that fails to run is a page error.
    if ((r.resourceType() === 'script' || r.resourceType() === 'stylesheet') && new URL(r.url()).pathname.startsWith('/assets/') && r.failure()?.errorText === 'net::ERR_ABORTED') return
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`)
  })
  return { problems }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const file = path.join(screenshotDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}

export type ServedApp = Awaited<ReturnType<typeof startServedApp>>

/**
 * One served app and one Chromium for a whole test file: registers the before/after hooks and
 * returns an object whose `served` and `browser` are set once `before` has run. `setup` runs in
 * the same hook, after the app is up (a second root-level hook is not ordered after this one).
 */
export function useServedAppAndBrowser(setup?: (served: ServedApp) => Promise<void>): { served: ServedApp; browser: Browser } {
  const state = {} as { served: ServedApp; browser: Browser }
  before(async () => {
    state.served = await startServedApp()
    state.browser = await launchChromium()
    await setup?.(state.served)
  })
  after(async () => {
    await state.browser?.close()
    await state.served?.close()
  })
  return state
}

const axePath = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js')

/** axe-core's serious and critical violations on the page as it is now, one readable line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Let finite animations and transitions end first: a button caught mid-fade has the contrast of
  // its half-drawn colours (CI once measured 1.51:1 on the building leader card's primary button).
  // Endless ones (spinners) are not waited for, and nothing for longer than 3 s.
  await page.evaluate(() => Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.playState === 'running' && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]))
  // Evaluated from the test side: a <script> tag with axe inline would be (rightly) blocked by the CSP.
  await page.evaluate(readFileSync(axePath, 'utf8'))
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document | object, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe
    // The 3-second toasts (ant-message) are left out: one that starts to fade while axe runs is read
    // at its half-faded grey (stop 33's CI: 3.07:1 on a "已提醒" toast leaving).
    const r = await axe.run({ exclude: [['.ant-message']] }, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`) }))
  })
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`)
}

/**
 * Runs `body` on a page of its own (fresh cookies and storage), takes a screenshot named
 * `<failurePrefix>-failed-<title>` if it throws, and closes the page's context either way.
 */
export async function onFreshPage(open: () => Promise<Page>, failureName: string, body: (page: Page) => Promise<void>): Promise<void> {
  const page = await open()
  try {
    await body(page)
  } catch (err) {
    await screenshot(page, failureName).catch(() => undefined)
    throw err
  } finally {
    await page.context().close()
  }
}

/** A failure screenshot's name from a test title. */
export const failureName = (prefix: string, title: string) => `${prefix}-failed-${title.slice(0, 24).replace(/\W+/g, '-')}`

/** Logs in through the console's form as a demo account and waits for the dashboard URL. */
export async function loginConsole(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('用户名或手机号').fill(username)
  await page.getByLabel('密码').fill('Demo@2026')
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.waitForURL((u) => u.pathname === '/')
}

/** Logs in through the phone pages' form as a demo account and waits for the home page. */
export async function loginH5(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/h5/login`)
  await page.getByLabel('手机号或用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill('Demo@2026')
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/h5/' || u.pathname === '/h5')
  // Let the home page finish loading (its page chunks, the grid card, the icon), so that a test
  // going on to another page does not abort those requests and count them as failures.
  await page.getByRole('heading', { name: /^(常用功能|Services)$/ }).waitFor()
  await page.waitForLoadState('networkidle')
}

/**
 * Picks an option of an antd Select and leaves it closed. On a loaded machine a click can land
 * while the list is still sliding in and be lost, or the list can stay open after the pick (both
 * seen in CI): the option is clicked again until it shows as chosen, then the select loses focus,
 * which closes its list (Escape would also close a drawer the select is in).
 */
export async function pickSelectOption(page: Page, box: Locator, option: string, search?: string, match: 'title' | 'text' = 'title'): Promise<void> {
  await box.click()
  if (search) await box.fill(search)
  const list = page.locator('.ant-select-dropdown:visible').first()
  // By the option's title (its whole label), or by text it contains (a label with more than the name).
  const item = (match === 'title' ? list.locator(`.ant-select-item-option[title="${option}"]`) : list.locator('.ant-select-item-option', { hasText: option })).first()
  for (let attempt = 0; attempt < 3; attempt++) {
    await item.click()
    if (await list.waitFor({ state: 'hidden', timeout: 10_000 }).then(() => true, () => false)) return
    if (await item.evaluate((el) => el.classList.contains('ant-select-item-option-selected')).catch(() => false)) break
  }
  await box.evaluate((el) => (el as HTMLElement).blur())
  await list.waitFor({ state: 'hidden' })
}
