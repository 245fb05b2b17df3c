import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createNameGenerator, createRandom, generateDemoCity } from './city.ts'
import type { DemoKind, DemoOrg, Position } from './city.ts'

const orgs = generateDemoCity()
const byKey = new Map(orgs.map((org) => [org.key, org]))
const ofKind = (kind: DemoKind): DemoOrg[] => orgs.filter((org) => org.kind === kind)
const childrenOf = (parent: DemoOrg, kind: DemoKind): DemoOrg[] =>
  orgs.filter((org) => org.parentKey === parent.key && org.kind === kind)

interface Box { west: number; south: number; east: number; north: number }

function ringOf(org: DemoOrg): Position[] {
  assert.equal(org.geometry?.type, 'Polygon', `${org.key} should be a polygon`)
  if (org.geometry?.type !== 'Polygon') throw new Error('unreachable')
  const ring = org.geometry.coordinates[0]
  assert.ok(ring, `${org.key} has an exterior ring`)
  return ring
}

function pointOf(org: DemoOrg): Position {
  if (org.geometry?.type !== 'Point') throw new Error(`${org.key} should be a point`)
  return org.geometry.coordinates
}

/** Signed shoelace area, taken relative to the first vertex so lng/lat magnitudes don't cost precision. */
function signedArea(ring: Position[]): number {
  const [x0, y0] = ring[0] ?? [0, 0]
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = ring[i] ?? [0, 0]
    const [bx, by] = ring[i + 1] ?? [0, 0]
    sum += (ax - x0) * (by - y0) - (bx - x0) * (ay - y0)
  }
  return sum / 2
}

function boxOf(ring: Position[]): Box {
  const xs = ring.map(([x]) => x)
  const ys = ring.map(([, y]) => y)
  return { west: Math.min(...xs), south: Math.min(...ys), east: Math.max(...xs), north: Math.max(...ys) }
}

const boxArea = (b: Box): number => (b.east - b.west) * (b.north - b.south)

function overlapArea(a: Box, b: Box): number {
  const width = Math.min(a.east, b.east) - Math.max(a.west, b.west)
  const height = Math.min(a.north, b.north) - Math.max(a.south, b.south)
  return width > 0 && height > 0 ? width * height : 0
}

const boxWithin = (inner: Box, outer: Box): boolean =>
  inner.west >= outer.west && inner.east <= outer.east && inner.south >= outer.south && inner.north <= outer.north

function assertNoOverlaps(items: DemoOrg[], what: string): void {
  const boxes = items.map((org) => ({ key: org.key, box: boxOf(ringOf(org)) }))
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]
      const b = boxes[j]
      if (!a || !b) continue
      assert.equal(overlapArea(a.box, b.box), 0, `${what} ${a.key} and ${b.key} overlap`)
    }
  }
}

test('the city has 3 streets, 21 communities, 94 grids, 1,450–1,550 buildings and 38–42 estates', () => {
  assert.equal(ofKind('city').length, 1)
  assert.equal(ofKind('district').length, 1)
  assert.equal(ofKind('street').length, 3)
  assert.equal(ofKind('community').length, 21)
  assert.equal(ofKind('grid').length, 94)
  const buildings = ofKind('building').length
  assert.ok(buildings >= 1450 && buildings <= 1550, `${buildings} buildings`)
  const estates = ofKind('estate').length
  assert.ok(estates >= 38 && estates <= 42, `${estates} estates`)
  assert.equal(ofKind('department').length, 3 + 3 * 2)
})

test('every community has 3 to 6 grids and 1 to 3 estates', () => {
  for (const community of ofKind('community')) {
    const grids = childrenOf(community, 'grid').length
    const estates = childrenOf(community, 'estate').length
    assert.ok(grids >= 3 && grids <= 6, `${community.key} has ${grids} grids`)
    assert.ok(estates >= 1 && estates <= 3, `${community.key} has ${estates} estates`)
  }
})

test('keys are unique and every parent is listed before its children', () => {
  assert.equal(byKey.size, orgs.length)
  const seen = new Set<string>()
  for (const org of orgs) {
    if (org.parentKey !== null) assert.ok(seen.has(org.parentKey), `${org.key} listed before its parent ${org.parentKey}`)
    assert.ok(org.parentKey === null || org.key.startsWith(`${org.parentKey}.`), `${org.key} extends its parent key`)
    seen.add(org.key)
  }
  assert.equal(orgs.filter((org) => org.parentKey === null).length, 1)
})

test('kinds nest city → district → street → community → grid → building, with estates under communities and departments under the district or streets', () => {
  const allowedParents: Record<DemoKind, DemoKind[]> = {
    city: [],
    district: ['city'],
    street: ['district'],
    community: ['street'],
    grid: ['community'],
    building: ['grid'],
    estate: ['community'],
    department: ['district', 'street'],
  }
  for (const org of orgs) {
    const parent = org.parentKey === null ? undefined : byKey.get(org.parentKey)
    if (org.kind === 'city') assert.equal(parent, undefined)
    else assert.ok(parent && allowedParents[org.kind].includes(parent.kind), `${org.key} (${org.kind}) under ${parent?.kind}`)
  }
  const district = ofKind('district')[0]
  assert.ok(district)
  assert.deepEqual(childrenOf(district, 'department').map((d) => d.name).sort(), ['南昌市公安局湾里分局', '湾里管理局城市管理局', '湾里管理局市场监督管理局'].sort())
  for (const street of ofKind('street')) {
    const names = childrenOf(street, 'department').map((d) => d.name)
    assert.equal(names.length, 2)
    assert.ok(names.some((n) => n.endsWith('城管中队')) && names.some((n) => n.endsWith('派出所')), names.join())
  }
})

test('divisionCodes are unique 12-digit codes present exactly on the city, district, streets and communities', () => {
  const coded: DemoKind[] = ['city', 'district', 'street', 'community']
  const codes = new Set<string>()
  for (const org of orgs) {
    if (coded.includes(org.kind)) {
      assert.match(org.divisionCode ?? '', /^\d{12}$/, `${org.key} divisionCode`)
      assert.ok(!codes.has(org.divisionCode ?? ''), `duplicate divisionCode ${org.divisionCode}`)
      codes.add(org.divisionCode ?? '')
    } else {
      assert.equal(org.divisionCode, null, `${org.key} should have no divisionCode`)
    }
  }
  for (const community of ofKind('community')) {
    const street = byKey.get(community.parentKey ?? '')
    assert.equal(community.divisionCode?.slice(0, 9), street?.divisionCode?.slice(0, 9), `${community.key} extends its street code`)
  }
})

test('every node except buildings and estates has a partyOrg with a secretary, and only estates have a propertyFirm', () => {
  for (const org of orgs) {
    const bare = org.kind === 'building' || org.kind === 'estate'
    if (bare) assert.equal(org.partyOrg, null, `${org.key} partyOrg`)
    else {
      assert.ok(org.partyOrg, `${org.key} partyOrg`)
      assert.ok(org.partyOrg.name.length > 0)
      assert.match(org.partyOrg.secretary, /^[\u4e00-\u9fff]{2,3}$/, `${org.key} secretary`)
    }
    if (org.kind === 'estate') assert.match(org.propertyFirm ?? '', /物业服务有限公司$/)
    else assert.equal(org.propertyFirm, null)
  }
})

test('every polygon ring is closed, counter-clockwise, has at least 4 positions and coordinates rounded to 7 decimals', () => {
  for (const org of orgs) {
    if (org.geometry === null) continue
    const positions = org.geometry.type === 'Point' ? [org.geometry.coordinates] : org.geometry.coordinates.flat()
    for (const [lng, lat] of positions) {
      assert.equal(Math.round(lng * 1e7) / 1e7, lng)
      assert.equal(Math.round(lat * 1e7) / 1e7, lat)
    }
    if (org.geometry.type !== 'Polygon') continue
    const ring = ringOf(org)
    assert.ok(ring.length >= 4, `${org.key} ring too short`)
    assert.deepEqual(ring[0], ring[ring.length - 1], `${org.key} ring not closed`)
    assert.ok(signedArea(ring) > 0, `${org.key} ring not counter-clockwise`)
  }
})

test('geometry is present on areas and buildings only, and everything sits around lng 115.73, lat 28.72', () => {
  for (const org of orgs) {
    if (org.kind === 'department') assert.equal(org.geometry, null)
    else if (org.kind === 'building') assert.equal(org.geometry?.type, 'Point')
    else assert.equal(org.geometry?.type, 'Polygon', org.key)
  }
  const [districtOrg] = ofKind('district')
  assert.ok(districtOrg)
  const district = boxOf(ringOf(districtOrg))
  assert.ok(Math.abs((district.west + district.east) / 2 - 115.73) < 0.02)
  assert.ok(Math.abs((district.south + district.north) / 2 - 28.72) < 0.02)
})

test('every polygon is an axis-aligned rectangle, so box arithmetic below is exact', () => {
  for (const org of orgs) {
    if (org.geometry?.type !== 'Polygon') continue
    const ring = ringOf(org)
    const box = boxOf(ring)
    assert.ok(Math.abs(signedArea(ring) - boxArea(box)) <= 1e-9 * boxArea(box), `${org.key} is not its bounding box`)
    for (const [x, y] of ring) {
      assert.ok(x === box.west || x === box.east || y === box.south || y === box.north, `${org.key} vertex off the boundary`)
    }
  }
})

test('each area lies within its parent area: city ⊃ district ⊃ street ⊃ community ⊃ grid and estate', () => {
  for (const org of orgs) {
    if (org.geometry?.type !== 'Polygon' || org.parentKey === null) continue
    const parent = byKey.get(org.parentKey)
    assert.ok(parent)
    assert.ok(boxWithin(boxOf(ringOf(org)), boxOf(ringOf(parent))), `${org.key} outside ${parent.key}`)
  }
})

test('the grids of each community tile it exactly: areas sum to the community and no two grids overlap', () => {
  for (const community of ofKind('community')) {
    const grids = childrenOf(community, 'grid')
    const communityArea = signedArea(ringOf(community))
    const gridArea = grids.reduce((sum, grid) => sum + signedArea(ringOf(grid)), 0)
    assert.ok(Math.abs(gridArea - communityArea) / communityArea < 1e-9, `${community.key}: ${gridArea} vs ${communityArea}`)
    assertNoOverlaps(grids, 'grids')
  }
})

test('grid corners on the community boundary are vertices of the community ring, so the union of grids reproduces it', () => {
  for (const community of ofKind('community')) {
    const ring = ringOf(community)
    const box = boxOf(ring)
    const vertices = new Set(ring.map(([x, y]) => `${x},${y}`))
    for (const grid of childrenOf(community, 'grid')) {
      for (const [x, y] of ringOf(grid)) {
        const onBoundary = x === box.west || x === box.east || y === box.south || y === box.north
        if (onBoundary) assert.ok(vertices.has(`${x},${y}`), `${grid.key} corner ${x},${y} missing on ${community.key}`)
      }
    }
  }
})

test('communities of the whole district do not overlap, nor do streets', () => {
  assertNoOverlaps(ofKind('community'), 'communities')
  assertNoOverlaps(ofKind('street'), 'streets')
})

test('every building point lies strictly inside its grid, at least 5 m from its edges', () => {
  const margin = 0.00005
  for (const building of ofKind('building')) {
    const grid = byKey.get(building.parentKey ?? '')
    assert.ok(grid)
    const box = boxOf(ringOf(grid))
    const [lng, lat] = pointOf(building)
    assert.ok(
      lng > box.west + margin && lng < box.east - margin && lat > box.south + margin && lat < box.north - margin,
      `${building.key} too close to the edge of ${grid.key}`,
    )
  }
})

test('building names are unique within each community', () => {
  for (const community of ofKind('community')) {
    const names = ofKind('building').filter((b) => b.key.startsWith(`${community.key}.`)).map((b) => b.name)
    assert.equal(new Set(names).size, names.length, community.key)
  }
})

test('every estate lies strictly inside its community and estates of one community do not overlap', () => {
  for (const community of ofKind('community')) {
    const outer = boxOf(ringOf(community))
    const estates = childrenOf(community, 'estate')
    for (const estate of estates) {
      const inner = boxOf(ringOf(estate))
      assert.ok(
        inner.west > outer.west && inner.east < outer.east && inner.south > outer.south && inner.north < outer.north,
        `${estate.key} touches or leaves ${community.key}`,
      )
    }
    assertNoOverlaps(estates, 'estates')
  }
})

test('the same seed gives identical output and a different seed gives different names and geometry', () => {
  assert.deepEqual(generateDemoCity(), orgs)
  assert.deepEqual(generateDemoCity(7), generateDemoCity(7))
  const other = generateDemoCity(7)
  const secretaries = (list: DemoOrg[]): string[] => list.map((org) => org.partyOrg?.secretary ?? '')
  const geometries = (list: DemoOrg[]): string => JSON.stringify(list.filter((o) => o.kind === 'grid').map((o) => o.geometry))
  assert.notDeepEqual(secretaries(other), secretaries(orgs))
  assert.notEqual(geometries(other), geometries(orgs))
})

test('other seeds still satisfy the structural counts', () => {
  for (const seed of [1, 42, 123456789]) {
    const list = generateDemoCity(seed)
    const count = (kind: DemoKind): number => list.filter((org) => org.kind === kind).length
    assert.equal(count('community'), 21)
    assert.equal(count('grid'), 94)
    assert.ok(count('building') >= 1450 && count('building') <= 1550)
    assert.ok(count('estate') >= 38 && count('estate') <= 42)
  }
})

test('createRandom is deterministic and stays within [0, 1)', () => {
  const a = createRandom(99)
  const b = createRandom(99)
  for (let i = 0; i < 1000; i++) {
    const value = a()
    assert.equal(value, b())
    assert.ok(value >= 0 && value < 1)
  }
})

test('the name generator yields fictional Chinese names of 2–3 characters without repeats', () => {
  const nextName = createNameGenerator(createRandom(3))
  const names = Array.from({ length: 300 }, nextName)
  for (const name of names) assert.match(name, /^[\u4e00-\u9fff]{2,3}$/)
  assert.equal(new Set(names).size, names.length)
})
