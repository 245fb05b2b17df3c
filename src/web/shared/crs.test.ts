/// <reference types="node" />
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fromDisplay, toDisplay } from './crs.ts'

type Pos = [number, number]
const nanchang: Pos = [115.73, 28.72]
const grid = {
  type: 'Feature' as const,
  id: 'g1',
  properties: { name: '网格' },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [[[115.7291234, 28.7183456], [115.7342345, 28.7184567], [115.7338765, 28.7221234], [115.7291234, 28.7183456]]] as Pos[][],
  },
}

// GCJ-02's offset depends on the place: near Beijing it points north-east, in Jiangxi east and
// slightly south (≈ +0.0051° lng, −0.0032° lat here, as the published formula gives).
test('WGS-84 near Nanchang moves about 0.005° east and 0.002–0.004° south in GCJ-02', () => {
  const [x, y] = toDisplay(nanchang, 'gcj02')
  const dx = x - nanchang[0]
  const dy = y - nanchang[1]
  assert.ok(dx > 0.004 && dx < 0.006, `dx ${dx}`)
  assert.ok(-dy > 0.002 && -dy < 0.004, `dy ${dy}`)
  // Rounded to 7 decimals, and the input left as it was.
  assert.equal(x, Math.round(x * 1e7) / 1e7)
  assert.deepEqual(nanchang, [115.73, 28.72])
})

test('fromDisplay(toDisplay(x)) gives x back within 1e-6°', () => {
  const [x, y] = fromDisplay(toDisplay(nanchang, 'gcj02'), 'gcj02')
  assert.ok(Math.abs(x - nanchang[0]) < 1e-6 && Math.abs(y - nanchang[1]) < 1e-6, `${x} ${y}`)

  const shown = toDisplay(grid, 'gcj02')
  assert.notDeepEqual(shown.geometry.coordinates, grid.geometry.coordinates)
  assert.deepEqual(shown.properties, grid.properties)
  assert.equal(shown.id, 'g1')
  const back = fromDisplay(shown, 'gcj02')
  const a = back.geometry.coordinates[0]!
  const b = grid.geometry.coordinates[0]!
  assert.equal(a.length, b.length)
  a.forEach((p, i) => {
    assert.ok(Math.abs(p[0] - b[i]![0]) < 1e-6 && Math.abs(p[1] - b[i]![1]) < 1e-6, `vertex ${i}: ${p} vs ${b[i]}`)
  })

  const collection = { type: 'FeatureCollection' as const, features: [grid, { ...grid, geometry: { type: 'Point' as const, coordinates: nanchang } }] }
  const shownAll = toDisplay(collection, 'gcj02')
  assert.deepEqual(shownAll.features[0]!.geometry, shown.geometry)
  assert.deepEqual(shownAll.features[1]!.geometry.coordinates, toDisplay(nanchang, 'gcj02'))
})

test('with crs wgs84 the input comes back unchanged', () => {
  assert.equal(toDisplay(grid, 'wgs84'), grid)
  assert.equal(fromDisplay(grid, 'wgs84'), grid)
  assert.equal(toDisplay(nanchang, 'wgs84'), nanchang)
  assert.deepEqual(fromDisplay(nanchang, 'wgs84'), [115.73, 28.72])
})
