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

/** Collects console errors and failed requests, which the browser tests assert are none. */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
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
