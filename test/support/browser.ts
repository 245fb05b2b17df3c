// Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags
// this sandbox needs, and a Linli server listening on a free loopback port.
import { chromium, type Browser, type Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
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
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
  return { problems }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const file = path.join(screenshotDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}
