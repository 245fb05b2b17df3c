import { test } from 'node:test'
import assert from 'node:assert/strict'
import { screenshot, useServedAppAndBrowser, watchPage } from '../support/browser.ts'

const ctx = useServedAppAndBrowser()

test('a developer opens the API docs and sees every module with its Chinese summaries', async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } })
  const watch = watchPage(page)
  await page.goto(`${ctx.served.baseUrl}/api/docs`)
  await page.getByText('Linli 邻里 API').first().waitFor()
  for (const tag of ['orgs', 'auth', 'people', 'geo', 'audit', 'cases', 'residents', 'members', 'units', 'volunteers', 'points']) {
    await page.locator(`#operations-tag-${tag}`).waitFor({ state: 'visible', timeout: 20_000 })
  }
  // Tags start folded; opening one lists its routes with their Chinese summaries.
  await page.locator('#operations-tag-geo').click()
  await page.getByText('定位：坐标所在网格及其上级（公开）').waitFor()
  await screenshot(page, 'api-docs')
  assert.deepEqual(watch.problems, [])
})

test('the docs "try it out" calls the real API: locate answers with the grid of a point', async () => {
  const page = await ctx.browser.newPage()
  const watch = watchPage(page)
  await page.goto(`${ctx.served.baseUrl}/api/docs`)
  const body = await page.evaluate(async () => {
    const res = await fetch('/api/v1/geo/locate?lng=115.70&lat=28.70')
    return { status: res.status, json: await res.json() }
  })
  assert.equal(body.status, 200)
  assert.match(body.json.grid.name, /网格$/)
  assert.deepEqual(watch.problems, [])
})
