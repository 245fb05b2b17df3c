// The hotspots demo: the demo community's cadre sees a cluster of overflowing bins around the demo
// resident's building and a row of street lights out, on the map as hulls with their points.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'
import type { Hotspots } from '../modules/hotspots/hotspots.schemas.ts'

describe('the hotspots demo', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(() => t.close())

  it('has a case cluster of bins and one of street lights in the demo community', async () => {
    // The demo's clock stops at 2026-11-25; a year's window holds it whenever the tests run.
    const h = (await (await t.as('cadre')).get('/api/v1/hotspots?weeks=52')).json() as Hotspots
    const bins = h.clusters.find((c) => c.category === 'case:environment.garbage' && c.count >= 7)
    assert.ok(bins, JSON.stringify(h.clusters.map((c) => [c.category, c.count])))
    assert.equal(bins.hull.type, 'Polygon')
    assert.ok(h.clusters.some((c) => c.category === 'case:facility.streetlight' && c.count >= 4))
    assert.ok(h.growth.length > 0)
  })
})
