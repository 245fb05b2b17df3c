import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
let admin: Client, street: Client, cadre: Client, grid: Client, resident: Client
before(async () => {
  t = await startTestApp()
  ;[admin, street, cadre, grid, resident] = await t.asEach('admin', 'street', 'cadre', 'grid', 'resident')
})
after(() => t.close())

type Ring = [number, number][]
const rect = (x1: number, y1: number, x2: number, y2: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x1, y1], [x2, y1], [x2, y2], [x1, y2], [x1, y1]] as Ring],
})

/** The bounding box of a polygon node. */
async function bboxOf(id: string) {
  const [b] = await t.query<{ x1: number; y1: number; x2: number; y2: number }>(
    sql`SELECT ST_XMin(geometry) x1, ST_YMin(geometry) y1, ST_XMax(geometry) x2, ST_YMax(geometry) y2 FROM orgs WHERE id = ${id}`,
  )
  return b!
}

async function auditCount(entityId: string) {
  return (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'org' AND entity_id = ${entityId}`))[0]!.n
}

describe('reading the tree', () => {
  test('GET /orgs/:id answers the contract fields, with the Party side and GeoJSON geometry', async () => {
    const res = await cadre.get(`/api/v1/orgs/${t.fixtures.communityId}`)
    assert.equal(res.statusCode, 200)
    const org = res.json()
    for (const key of ['id', 'kind', 'name', 'path', 'parentId', 'divisionCode', 'partyOrg', 'geometry']) assert.ok(key in org, key)
    assert.equal(org.kind, 'community')
    assert.match(org.divisionCode, /^\d{12}$/)
    assert.match(org.partyOrg.name, /^中共/)
    assert.equal(org.geometry.type, 'Polygon')
    assert.deepEqual(org.ancestors.map((a: { kind: string }) => a.kind), ['city', 'district', 'street'])
    assert.equal(typeof org.id, 'string')
    assert.match(org.createdAt, /T.*(Z|[+-]\d\d:\d\d)$/)
  })

  test('children are listed in pages with a cursor', async () => {
    const first = (await cadre.get(`/api/v1/orgs/${t.fixtures.gridId}/children?limit=5`)).json()
    assert.equal(first.items.length, 5)
    assert.ok(first.nextCursor)
    const second = (await cadre.get(`/api/v1/orgs/${t.fixtures.gridId}/children?limit=5&cursor=${first.nextCursor}`)).json()
    assert.ok(second.items.length > 0)
    const ids = [...first.items, ...second.items].map((o: { id: string }) => o.id)
    assert.equal(new Set(ids).size, ids.length, 'no item twice')
    assert.ok(first.items.every((o: { kind: string }) => o.kind === 'building'))
    const bad = await cadre.get(`/api/v1/orgs/${t.fixtures.gridId}/children?cursor=garbage`)
    assert.equal(bad.statusCode, 400)
  })

  test('children.geojson is a FeatureCollection of the grids of a community', async () => {
    const res = await cadre.get(`/api/v1/orgs/${t.fixtures.communityId}/children.geojson`)
    assert.equal(res.statusCode, 200)
    const fc = res.json()
    assert.equal(fc.type, 'FeatureCollection')
    const kinds = new Set(fc.features.map((f: { properties: { kind: string } }) => f.properties.kind))
    assert.ok(kinds.has('grid'))
    assert.ok(fc.features.every((f: { geometry: { type: string } }) => ['Polygon', 'MultiPolygon', 'Point'].includes(f.geometry.type)))
  })

  test('search by name finds nodes in the caller\'s subtree only', async () => {
    const mine = (await cadre.get(`/api/v1/orgs?q=${encodeURIComponent('网格')}&kind=grid&limit=200`)).json().items
    assert.ok(mine.length >= 3)
    assert.ok(mine.every((o: { parentId: string }) => o.parentId === t.fixtures.communityId))
    const all = (await admin.get(`/api/v1/orgs?q=${encodeURIComponent('网格')}&kind=grid&limit=200`)).json().items
    assert.equal(all.length, 94)
    const under = (await street.get(`/api/v1/orgs?under=${t.fixtures.communityId}&kind=grid`)).json().items
    assert.equal(under.length, mine.length)
  })

  test('a grid worker reads their grid and the chain above it, not a neighbouring grid', async () => {
    assert.equal((await grid.get(`/api/v1/orgs/${t.fixtures.gridId}`)).statusCode, 200)
    assert.equal((await grid.get(`/api/v1/orgs/${t.fixtures.communityId}`)).statusCode, 200)
    const sibling = await grid.get(`/api/v1/orgs/${t.fixtures.siblingGridId}`)
    assert.equal(sibling.statusCode, 404)
    assert.equal(sibling.json().error.code, 'ORG_NOT_FOUND')
    const kids = (await grid.get(`/api/v1/orgs/${t.fixtures.communityId}/children`)).json().items
    assert.deepEqual(kids.map((o: { id: string }) => o.id), [t.fixtures.gridId], 'siblings are filtered out of the list')
  })

  test('a community’s places for the pickers: estates with the buildings their outline holds, then the rest (issue 13)', async () => {
    const res = await grid.get(`/api/v1/orgs/${t.fixtures.communityId}/places`)
    assert.equal(res.statusCode, 200, res.body)
    const places = res.json() as { community: { id: string }; estates: { id: string; buildings: { id: string; lng: number; lat: number }[] }[]; otherBuildings: { id: string }[] }
    assert.equal(places.community.id, t.fixtures.communityId)
    const listed = [...places.estates.flatMap((e) => e.buildings), ...places.otherBuildings].map((b) => b.id)
    const all = await t.query<{ id: string }>(sql`SELECT b.id::text FROM orgs b JOIN orgs c ON b.path <@ c.path WHERE c.id = ${t.fixtures.communityId} AND b.kind = 'building' AND b.deleted_at IS NULL`)
    assert.deepEqual([...listed].sort(), all.map((b) => b.id).sort(), 'every building once')
    assert.ok(places.estates.length > 0 && places.estates.some((e) => e.buildings.length > 0))
    for (const e of places.estates) {
      for (const b of e.buildings) {
        const [inside] = await t.query<{ ok: boolean }>(sql`SELECT ST_Contains(geometry, ST_SetSRID(ST_MakePoint(${b.lng}, ${b.lat}), 4326)) AS ok FROM orgs WHERE id = ${e.id}`)
        assert.equal(inside!.ok, true, `building ${b.id} lies in estate ${e.id}`)
      }
    }
    const notCommunity = await grid.get(`/api/v1/orgs/${t.fixtures.gridId}/places`)
    assert.equal(notCommunity.statusCode, 422)
    assert.equal(notCommunity.json().error.code, 'ORG_NOT_COMMUNITY')
  })

  test('anonymous callers must log in', async () => {
    const res = await t.anonymous.get(`/api/v1/orgs/${t.fixtures.cityId}`)
    assert.equal(res.statusCode, 401)
    assert.equal(res.json().error.code, 'UNAUTHENTICATED')
  })
})

describe('outlines: who may redraw them, and no overlap at any level', () => {
  type GeoJson = { type: string; coordinates: unknown }
  const outlineOf = async (id: string) => (await t.query<{ g: string }>(sql`SELECT ST_AsEWKT(geometry) AS g FROM orgs WHERE id = ${id}`))[0]!.g
  /** A point inside a node, and the grid /geo/locate routes it to. */
  async function locate(id: string) {
    const [p] = await t.query<{ lng: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geometry)) lng, ST_Y(ST_PointOnSurface(geometry)) lat FROM orgs WHERE id = ${id}`)
    return (await t.anonymous.get(`/api/v1/geo/locate?lng=${p!.lng}&lat=${p!.lat}`)).json().grid.id as string
  }

  test('the demo outlines pass the rule: no two nodes of one level overlap beyond the tolerance', async () => {
    const overlaps = await t.query<{ a: string; b: string; m2: number }>(sql`
      SELECT a.name AS a, b.name AS b, ST_Area(ST_Intersection(a.geometry, b.geometry)::geography) AS m2
      FROM orgs a JOIN orgs b ON a.id < b.id AND ST_Intersects(a.geometry, b.geometry)
        AND (a.kind = b.kind OR (a.kind IN ('community', 'village') AND b.kind IN ('community', 'village')))
      WHERE a.kind NOT IN ('building', 'department') AND a.deleted_at IS NULL AND b.deleted_at IS NULL
        AND ST_Area(ST_Intersection(a.geometry, b.geometry)::geography) > ${t.config.GEOMETRY_TOLERANCE_M2}`)
    assert.deepEqual(overlaps, [])
  })

  test('a cadre cannot redraw their own community (403, outline unchanged) though they may still rename it', async () => {
    const c = await bboxOf(t.fixtures.communityId)
    const before = await outlineOf(t.fixtures.communityId)
    const audits = await auditCount(t.fixtures.communityId)
    const enlarge = await cadre.patch(`/api/v1/orgs/${t.fixtures.communityId}`, { geometry: rect(c.x1 - 0.002, c.y1 - 0.002, c.x2 + 0.002, c.y2 + 0.002) })
    assert.equal(enlarge.statusCode, 403)
    assert.equal(enlarge.json().error.code, 'FORBIDDEN')
    assert.equal((await cadre.patch(`/api/v1/orgs/${t.fixtures.communityId}`, { geometry: null })).statusCode, 403, 'erasing the outline is redrawing too')
    assert.equal(await outlineOf(t.fixtures.communityId), before)
    assert.equal(await auditCount(t.fixtures.communityId), audits)
    const [{ name }] = (await t.query<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${t.fixtures.communityId}`)) as [{ name: string }]
    assert.equal((await cadre.patch(`/api/v1/orgs/${t.fixtures.communityId}`, { name })).statusCode, 200)
  })

  test('a street admin\'s community outline overlapping a sibling community is refused with 422 and the overlap', async () => {
    const [neighbour] = await t.query<{ id: string; name: string }>(sql`
      SELECT b.id::text, b.name FROM orgs a JOIN orgs b ON b.parent_id = a.parent_id AND b.id <> a.id AND b.kind IN ('community', 'village') AND b.deleted_at IS NULL
      WHERE a.id = ${t.fixtures.communityId} ORDER BY ST_Distance(a.geometry, b.geometry), b.id LIMIT 1`)
    const [{ geometry }] = (await t.query<{ geometry: GeoJson }>(sql`SELECT ST_AsGeoJSON(ST_Union(a.geometry, b.geometry), 7)::json AS geometry FROM orgs a, orgs b WHERE a.id = ${t.fixtures.communityId} AND b.id = ${neighbour!.id}`)) as [{ geometry: GeoJson }]
    const before = await outlineOf(t.fixtures.communityId)
    const res = await street.patch(`/api/v1/orgs/${t.fixtures.communityId}`, { geometry })
    assert.equal(res.statusCode, 422, res.body)
    const { error } = res.json()
    assert.equal(error.code, 'ORG_OVERLAPS_SIBLING')
    assert.match(error.message, new RegExp(`与同级的“${neighbour!.name}”重叠约 \\d+ 平方米`))
    assert.equal(error.details.siblings[0].id, neighbour!.id)
    assert.ok(['Polygon', 'MultiPolygon'].includes(error.details.siblings[0].overlap.type))
    assert.equal(await outlineOf(t.fixtures.communityId), before)
    const [{ same }] = (await t.query<{ same: GeoJson }>(sql`SELECT ST_AsGeoJSON(geometry, 7)::json AS same FROM orgs WHERE id = ${t.fixtures.communityId}`)) as [{ same: GeoJson }]
    assert.equal((await street.patch(`/api/v1/orgs/${t.fixtures.communityId}`, { geometry: same })).statusCode, 200, 'the street admin may redraw it')
  })

  test('a grid redrawn over a neighbouring community\'s grid is refused, even where the communities already overlap', async () => {
    // The state the reported attack left: a community outline enlarged over its neighbour's grid
    // before outlines were checked across communities.
    const [theirs] = await t.query<{ id: string; name: string }>(sql`
      SELECT h.id::text, h.name FROM orgs h, orgs a WHERE a.id = ${t.fixtures.communityId} AND h.kind = 'grid' AND h.parent_id <> a.id AND h.deleted_at IS NULL
      ORDER BY ST_Distance(h.geometry, a.geometry), h.id LIMIT 1`)
    const [mine] = await t.query<{ id: string }>(sql`
      SELECT g.id::text FROM orgs g, orgs h WHERE g.parent_id = ${t.fixtures.communityId} AND g.kind = 'grid' AND g.deleted_at IS NULL AND h.id = ${theirs!.id}
      ORDER BY ST_Distance(g.geometry, h.geometry), g.id LIMIT 1`)
    const saved = await outlineOf(t.fixtures.communityId)
    await t.query(sql`UPDATE orgs SET geometry = ST_Union(geometry, (SELECT geometry FROM orgs WHERE id = ${theirs!.id})) WHERE id = ${t.fixtures.communityId}`)
    try {
      assert.equal(await locate(theirs!.id), theirs!.id)
      const [{ geometry }] = (await t.query<{ geometry: GeoJson }>(sql`SELECT ST_AsGeoJSON(ST_Union(g.geometry, h.geometry), 7)::json AS geometry FROM orgs g, orgs h WHERE g.id = ${mine!.id} AND h.id = ${theirs!.id}`)) as [{ geometry: GeoJson }]
      const before = await outlineOf(mine!.id)
      const res = await cadre.patch(`/api/v1/orgs/${mine!.id}`, { geometry })
      assert.equal(res.statusCode, 422, res.body)
      assert.equal(res.json().error.code, 'GRID_OVERLAPS_SIBLING')
      assert.match(res.json().error.message, new RegExp(`“${theirs!.name}”`))
      assert.equal(res.json().error.details.siblings[0].id, theirs!.id)
      assert.equal(await outlineOf(mine!.id), before)
      assert.equal(await locate(theirs!.id), theirs!.id, 'reports there still go to their own grid')
    } finally {
      await t.query(sql`UPDATE orgs SET geometry = ST_GeomFromEWKT(${saved}) WHERE id = ${t.fixtures.communityId}`)
    }
  })

  test('two communities drawn at once over the same ground under different streets: one is refused', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const district = await t.as('district')
    // A few rounds: the first requests of a connection pool rarely overlap, later ones do (on PostgreSQL).
    for (let round = 0; round < 4; round++) {
      const ground = rect(121.5 + round * 0.02, 21.5, 121.51 + round * 0.02, 21.51)
      const results = await Promise.all([t.fixtures.streetId, t.fixtures.otherStreetId].map((parentId, i) =>
        district.post('/api/v1/orgs', { parentId, kind: 'community', name: `同时绘制社区${round}-${i}`, geometry: ground })))
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 422], results.map((r) => r.body).join('\n'))
      assert.equal(results.find((r) => r.statusCode === 422)!.json().error.code, 'ORG_OVERLAPS_SIBLING')
    }
  })

  test('a redrawn outline is audited with the full before and after GeoJSON and their areas', async () => {
    const b = await bboxOf(t.fixtures.gridId)
    const [{ original }] = (await t.query<{ original: GeoJson }>(sql`SELECT ST_AsGeoJSON(geometry, 7)::json AS original FROM orgs WHERE id = ${t.fixtures.gridId}`)) as [{ original: GeoJson }]
    const smaller = rect(b.x1, b.y1, +(b.x2 - (b.x2 - b.x1) / 10).toFixed(7), b.y2)
    assert.equal((await cadre.patch(`/api/v1/orgs/${t.fixtures.gridId}`, { geometry: smaller })).statusCode, 200)
    const [row] = await t.query<{ before: { geometry: GeoJson; area_m2: number }; after: { geometry: GeoJson; area_m2: number }; diff: Record<string, unknown>; actor: string }>(
      sql`SELECT before, after, diff, actor_person_id::text AS actor FROM audit_log WHERE entity = 'org' AND entity_id = ${t.fixtures.gridId} AND action = 'org.update' ORDER BY id DESC LIMIT 1`)
    assert.equal(row!.actor, t.fixtures.personIds.cadre)
    assert.deepEqual(row!.before.geometry, original)
    assert.deepEqual(row!.after.geometry, smaller)
    assert.ok(Math.abs(row!.after.area_m2 / row!.before.area_m2 - 0.9) < 0.01, `${row!.before.area_m2} → ${row!.after.area_m2} m²`)
    assert.ok('geometry' in row!.diff && 'area_m2' in row!.diff)
    assert.equal((await cadre.patch(`/api/v1/orgs/${t.fixtures.gridId}`, { geometry: original })).statusCode, 200)
  })
})

describe('writing the tree', () => {
  test('a cadre draws a new grid inside free space of the community after shrinking a grid', async () => {
    const b = await bboxOf(t.fixtures.siblingGridId)
    const midX = +((b.x1 + b.x2) / 2).toFixed(7)
    // Shrink the sibling grid to its western half, then add a grid in the freed eastern half.
    const shrink = await cadre.patch(`/api/v1/orgs/${t.fixtures.siblingGridId}`, { geometry: rect(b.x1, b.y1, midX, b.y2) })
    assert.equal(shrink.statusCode, 200)
    const created = await cadre.post('/api/v1/orgs', {
      parentId: t.fixtures.communityId,
      kind: 'grid',
      name: '新建第九网格',
      partyOrg: { kind: 'group', name: '新建第九网格党小组', secretary: '王测试' },
      geometry: rect(midX, b.y1, b.x2, b.y2),
    })
    assert.equal(created.statusCode, 201, created.body)
    const org = created.json()
    assert.equal(org.parentId, t.fixtures.communityId)
    assert.ok(org.path.endsWith(`.${org.id}`))
    assert.equal(await auditCount(org.id), 1)
    const located = (await t.anonymous.get(`/api/v1/geo/locate?lng=${(midX + b.x2) / 2}&lat=${(b.y1 + b.y2) / 2}`)).json()
    assert.equal(located.grid.id, org.id)
  })

  test('a grid overlapping a sibling is refused with 422, the overlap in the details, and nothing written', async () => {
    const b = await bboxOf(t.fixtures.gridId)
    const before = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs`))[0]!.n
    const res = await cadre.post('/api/v1/orgs', { parentId: t.fixtures.communityId, kind: 'grid', name: '重叠网格', geometry: rect(b.x1, b.y1, (b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2) })
    assert.equal(res.statusCode, 422)
    const { error } = res.json()
    assert.equal(error.code, 'GRID_OVERLAPS_SIBLING')
    assert.match(error.message, /重叠约 \d+ 平方米/)
    assert.equal(error.details.siblings[0].id, t.fixtures.gridId)
    assert.ok(error.details.siblings[0].overlapM2 > 1000)
    assert.equal(error.details.siblings[0].overlap.type, 'Polygon')
    const afterCount = (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs`))[0]!.n
    assert.equal(afterCount, before)
  })

  test('a grid sticking out of its community is refused', async () => {
    const c = await bboxOf(t.fixtures.communityId)
    const res = await cadre.patch(`/api/v1/orgs/${t.fixtures.gridId}`, { geometry: rect(c.x1 - 0.01, c.y1, c.x1 + 0.0001, c.y1 + 0.0001) })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().error.code, 'GRID_OUTSIDE_COMMUNITY')
  })

  test('an invalid (self-intersecting) polygon is refused with the PostGIS reason', async () => {
    const c = await bboxOf(t.fixtures.communityId)
    const bowtie = { type: 'Polygon', coordinates: [[[c.x1, c.y1], [c.x2, c.y2], [c.x2, c.y1], [c.x1, c.y2], [c.x1, c.y1]]] }
    const res = await cadre.patch(`/api/v1/orgs/${t.fixtures.gridId}`, { geometry: bowtie })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().error.code, 'GEOMETRY_INVALID')
    assert.match(res.json().error.details.reason, /Self-intersection/i)
  })

  test('a building must be a point inside its grid', async () => {
    const b = await bboxOf(t.fixtures.gridId)
    const inside = { type: 'Point', coordinates: [(b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2] }
    const outside = { type: 'Point', coordinates: [b.x2 + 0.01, b.y2 + 0.01] }
    assert.equal((await grid.post('/api/v1/orgs', { parentId: t.fixtures.gridId, kind: 'building', name: '测试楼', geometry: outside })).statusCode, 403, 'a grid worker does not add buildings')
    const leader = await cadre.post('/api/v1/orgs', { parentId: t.fixtures.gridId, kind: 'building', name: '测试楼', geometry: outside })
    assert.equal(leader.json().error.code, 'BUILDING_OUTSIDE_GRID')
    assert.equal((await cadre.post('/api/v1/orgs', { parentId: t.fixtures.gridId, kind: 'building', name: '测试楼', geometry: rect(b.x1, b.y1, b.x2, b.y2) })).json().error.code, 'GEOMETRY_TYPE_NOT_ALLOWED')
    assert.equal((await cadre.post('/api/v1/orgs', { parentId: t.fixtures.gridId, kind: 'building', name: '测试楼', geometry: inside })).statusCode, 201)
  })

  test('kinds follow the tree: no community under a grid, no grid under the street', async () => {
    const res = await admin.post('/api/v1/orgs', { parentId: t.fixtures.gridId, kind: 'community', name: '错位社区' })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().error.code, 'ORG_KIND_NOT_ALLOWED')
    assert.equal((await admin.post('/api/v1/orgs', { parentId: t.fixtures.streetId, kind: 'grid', name: '错位网格' })).statusCode, 422)
  })

  test('a division code is 12 digits and unique', async () => {
    const [{ code }] = (await t.query<{ code: string }>(sql`SELECT division_code AS code FROM orgs WHERE id = ${t.fixtures.otherCommunityId}`)) as [{ code: string }]
    const dup = await street.patch(`/api/v1/orgs/${t.fixtures.communityId}`, { divisionCode: code })
    assert.equal(dup.statusCode, 409)
    assert.equal(dup.json().error.code, 'DIVISION_CODE_TAKEN')
    assert.equal((await street.patch(`/api/v1/orgs/${t.fixtures.communityId}`, { divisionCode: '12345' })).statusCode, 400)
  })

  test('the Party side of a node is edited by its own cadre and audited with a before/after diff', async () => {
    const res = await cadre.patch(`/api/v1/orgs/${t.fixtures.communityId}`, { partyOrg: { kind: 'committee', name: '中共测试社区委员会', secretary: '李书记' } })
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().partyOrg.secretary, '李书记')
    const [row] = await t.query<{ diff: Record<string, { from: unknown; to: unknown }>; actor: string }>(
      sql`SELECT diff, actor_person_id::text AS actor FROM audit_log WHERE entity = 'org' AND entity_id = ${t.fixtures.communityId} ORDER BY id DESC LIMIT 1`,
    )
    assert.equal(row!.actor, t.fixtures.personIds.cadre)
    assert.deepEqual(row!.diff.partyOrgSecretary?.to, '李书记')
    assert.ok(!('name' in row!.diff), 'unchanged fields are not in the diff')
  })

  test('a cadre cannot rename a community of another street, nor can a grid worker rename their grid', async () => {
    assert.equal((await cadre.patch(`/api/v1/orgs/${t.fixtures.otherCommunityId}`, { name: 'x' })).statusCode, 404)
    assert.equal((await grid.patch(`/api/v1/orgs/${t.fixtures.gridId}`, { name: 'x' })).statusCode, 403)
    assert.equal((await resident.patch(`/api/v1/orgs/${t.fixtures.buildingId}`, { name: 'x' })).statusCode, 403)
  })
})

describe('moving and deleting', () => {
  test('moving a community to another street moves its whole subtree', async () => {
    const [target] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE kind = 'community' AND parent_id = ${t.fixtures.otherStreetId} ORDER BY id DESC LIMIT 1`)
    const district = await t.as('district')
    const before = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs WHERE path <@ (SELECT path FROM orgs WHERE id = ${target!.id})`)
    const res = await district.post(`/api/v1/orgs/${target!.id}/move`, { parentId: t.fixtures.streetId })
    assert.equal(res.statusCode, 200, res.body)
    const moved = res.json()
    assert.equal(moved.parentId, t.fixtures.streetId)
    const [streetRow] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${t.fixtures.streetId}`)
    const under = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs WHERE path <@ ${moved.path}::ltree`)
    assert.equal(under[0]!.n, before[0]!.n, 'every descendant moved along')
    assert.ok(moved.path.startsWith(streetRow!.path + '.'))
    const stray = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs c JOIN orgs p ON p.id = c.parent_id WHERE NOT (c.path <@ p.path) `)
    assert.equal(stray[0]!.n, 0, 'every child path lies under its parent path')
    assert.equal((await street.get(`/api/v1/orgs/${target!.id}`)).statusCode, 200, 'the street admin now sees it')
  })

  test('a moved community takes its cases along: the new street admin reads them, their paths lie under the new path', async () => {
    const [target] = await t.query<{ id: string; path: string }>(sql`SELECT id::text, path::text FROM orgs WHERE kind = 'community' AND parent_id = ${t.fixtures.otherStreetId} ORDER BY id LIMIT 1`)
    const [c] = await t.query<{ id: string }>(sql`
      INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, level, handling_org_id, handling_org_path, channel)
      SELECT linli_district_of(g.id), g.id, g.path, 'order.noise', '搬迁前上报的噪声扰民', ST_SetSRID(ST_MakePoint(115.9, 28.68), 4326), 'community', o.id, o.path, 'console'
      FROM orgs g JOIN orgs o ON o.id = g.parent_id WHERE o.id = ${target!.id} AND g.kind = 'grid' ORDER BY g.id LIMIT 1
      RETURNING id::text`)
    assert.ok(c, 'the community has a grid')
    assert.equal((await street.get(`/api/v1/cases/${c.id}`)).statusCode, 404, 'before the move the case is another street\'s')
    const district = await t.as('district')
    const res = await district.post(`/api/v1/orgs/${target!.id}/move`, { parentId: t.fixtures.streetId })
    assert.equal(res.statusCode, 200, res.body)
    const newPath = res.json().path as string
    const read = await street.get(`/api/v1/cases/${c.id}`)
    assert.equal(read.statusCode, 200, 'the new street\'s admin reads the moved community\'s case')
    const [row] = await t.query<{ orgUnder: boolean; handlingIsTarget: boolean }>(sql`
      SELECT org_path <@ ${newPath}::ltree AS "orgUnder", handling_org_path = ${newPath}::ltree AS "handlingIsTarget" FROM cases WHERE id = ${c.id}`)
    assert.deepEqual(row, { orgUnder: true, handlingIsTarget: true })
    const stale = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases WHERE org_path <@ ${target!.path}::ltree OR handling_org_path <@ ${target!.path}::ltree`)
    assert.equal(stale[0]!.n, 0, 'no case keeps the old path')
  })

  test('a community moved into another district takes its cases there, with their timelines, meetings and follows', async () => {
    const [root] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`)
    const newDistrict = (await admin.post('/api/v1/orgs', { parentId: root!.id, kind: 'district', name: '新设城区' })).json() as { id: string }
    const newStreet = (await admin.post('/api/v1/orgs', { parentId: newDistrict.id, kind: 'street', name: '新设街道' })).json() as { id: string }
    assert.ok(newDistrict.id && newStreet.id)
    const [target] = await t.query<{ id: string }>(sql`SELECT cm.id::text FROM orgs cm WHERE cm.kind = 'community' AND cm.parent_id = ${t.fixtures.otherStreetId}
      AND EXISTS (SELECT 1 FROM orgs g WHERE g.parent_id = cm.id AND g.kind = 'grid') ORDER BY cm.id DESC LIMIT 1`)
    assert.ok(target, 'the other street has a community with a grid')
    const [c] = await t.query<{ id: string; districtId: string }>(sql`
      INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, level, handling_org_id, handling_org_path, channel)
      SELECT linli_district_of(g.id), g.id, g.path, 'order.noise', '跨区迁移前上报的噪声扰民', ST_SetSRID(ST_MakePoint(115.9, 28.68), 4326), 'grid', g.id, g.path, 'console'
      FROM orgs g WHERE g.parent_id = ${target!.id} AND g.kind = 'grid' ORDER BY g.id LIMIT 1
      RETURNING id::text, district_id::text AS "districtId"`)
    assert.ok(c, 'the community has a grid')
    assert.equal(c.districtId, t.fixtures.districtId, 'a case starts in its grid\'s district')
    await t.query(sql`INSERT INTO case_events (case_id, district_id, action, to_state) VALUES (${c.id}, ${c.districtId}, 'report', 'reported')`)
    await t.query(sql`INSERT INTO case_meetings (case_id, district_id, held_at, participants, conclusion, recorded_by)
      SELECT ${c.id}, ${c.districtId}, now(), ARRAY['网格员'], '现场核实', p.id FROM people p ORDER BY p.id LIMIT 1`)
    await t.query(sql`INSERT INTO follows (person_id, case_id, district_id) SELECT p.id, ${c.id}, ${c.districtId} FROM people p ORDER BY p.id LIMIT 1`)
    await t.query(sql`INSERT INTO follows (person_id, org_id, district_id) SELECT p.id, ${target!.id}, ${c.districtId} FROM people p ORDER BY p.id LIMIT 1`)
    const res = await admin.post(`/api/v1/orgs/${target!.id}/move`, { parentId: newStreet.id })
    assert.equal(res.statusCode, 200, res.body)
    const [after] = await t.query<{ cases: string; events: string[]; meetings: string[]; follows: string[]; orgFollows: string[]; points: string[]; counted: string[] }>(sql`
      SELECT (SELECT district_id::text FROM cases WHERE id = ${c.id}) AS cases,
        ARRAY(SELECT district_id::text FROM case_points WHERE id = ${c.id}) AS points,
        ARRAY(SELECT r.district_id::text FROM case_stats_rollup r WHERE r.org_path = (SELECT x.org_path FROM cases x WHERE x.id = ${c.id})
          GROUP BY r.district_id HAVING sum(r.n) <> 0) AS counted,
        ARRAY(SELECT DISTINCT district_id::text FROM case_events WHERE case_id = ${c.id}) AS events,
        ARRAY(SELECT DISTINCT district_id::text FROM case_meetings WHERE case_id = ${c.id}) AS meetings,
        ARRAY(SELECT DISTINCT district_id::text FROM follows WHERE case_id = ${c.id}) AS follows,
        ARRAY(SELECT DISTINCT district_id::text FROM follows WHERE org_id = ${target!.id}) AS "orgFollows"`)
    assert.deepEqual(after, { cases: newDistrict.id, events: [newDistrict.id], meetings: [newDistrict.id], follows: [newDistrict.id], orgFollows: [newDistrict.id], points: [newDistrict.id], counted: [newDistrict.id] },
      'the hotspot point and the figures\' rollup moved too')
    assert.equal((await admin.get(`/api/v1/cases/stats?orgId=${newStreet.id}`)).json().total, 1, 'the new street\'s figures count the case')
    const timeline = await admin.get(`/api/v1/cases/${c.id}`)
    assert.equal(timeline.statusCode, 200)
    assert.deepEqual(timeline.json().timeline.map((e: { action: string }) => e.action), ['report'], 'the timeline moved whole')
    // The tree's top node is its own district: a deployment without districts keys rows by it.
    const [top] = await t.query<{ d: string }>(sql`SELECT linli_district_of(${root!.id})::text AS d`)
    assert.equal(top!.d, root!.id)
  })

  test('a node cannot move under its own descendant', async () => {
    const res = await admin.post(`/api/v1/orgs/${t.fixtures.streetId}/move`, { parentId: t.fixtures.gridId })
    assert.equal(res.statusCode, 422)
    assert.ok(['ORG_MOVE_INTO_SELF', 'ORG_KIND_NOT_ALLOWED'].includes(res.json().error.code))
    const self = await admin.post(`/api/v1/orgs/${t.fixtures.communityId}/move`, { parentId: t.fixtures.communityId })
    assert.equal(self.json().error.code, 'ORG_MOVE_INTO_SELF')
  })

  test('a street admin cannot move a community into another street', async () => {
    const res = await street.post(`/api/v1/orgs/${t.fixtures.communityId}/move`, { parentId: t.fixtures.otherStreetId })
    assert.equal(res.statusCode, 404)
  })

  test('deleting is refused while children or role assignments exist, then allowed and undoable', async () => {
    const hasChildren = await cadre.delete(`/api/v1/orgs/${t.fixtures.gridId}`)
    assert.equal(hasChildren.statusCode, 409)
    assert.equal(hasChildren.json().error.code, 'ORG_HAS_CHILDREN')
    const hasRoles = await cadre.delete(`/api/v1/orgs/${t.fixtures.buildingId}`)
    assert.equal(hasRoles.statusCode, 409)
    assert.equal(hasRoles.json().error.code, 'ORG_HAS_RECORDS')
    const [empty] = await t.query<{ id: string }>(sql`SELECT o.id::text FROM orgs o WHERE o.parent_id = ${t.fixtures.gridId} AND o.kind = 'building'
      AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.org_id = o.id) ORDER BY o.id DESC LIMIT 1`)
    assert.equal((await cadre.delete(`/api/v1/orgs/${empty!.id}`)).statusCode, 204)
    assert.equal((await cadre.get(`/api/v1/orgs/${empty!.id}`)).statusCode, 404)
    const restored = await cadre.post(`/api/v1/orgs/${empty!.id}/restore`)
    assert.equal(restored.statusCode, 200)
    assert.equal(restored.json().deletedAt, null)
    assert.equal((await cadre.post(`/api/v1/orgs/${empty!.id}/restore`)).json().error.code, 'ORG_NOT_DELETED')
  })

  test('unknown ids answer 404 and malformed ids 400', async () => {
    assert.equal((await admin.get('/api/v1/orgs/999999999')).statusCode, 404)
    assert.equal((await admin.patch('/api/v1/orgs/999999999', { name: 'x' })).statusCode, 404)
    assert.equal((await admin.delete('/api/v1/orgs/999999999')).statusCode, 404)
    assert.equal((await admin.get('/api/v1/orgs/abc')).statusCode, 400)
    assert.equal((await admin.post('/api/v1/orgs', { parentId: '999999999', kind: 'grid', name: 'x' })).json().error.code, 'ORG_PARENT_NOT_FOUND')
  })
})
