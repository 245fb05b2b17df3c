import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { unitFor, venueBody, venueWorld } from '../../../../test/support/venues.ts'
import { plainJpeg } from '../../../../test/support/images.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code

describe('the venue registry', () => {
  test('a cadre registers a venue with its rooms; anyone reads it without logging in, with navigation to the entrance', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const r7 = (x: number) => Math.round(x * 1e7) / 1e7
    const { lng, lat } = venueBody(community).entrance
    const outline = { type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.0005, lat], [lng + 0.0005, lat + 0.0004], [lng, lat + 0.0004], [lng, lat]].map(([x, y]) => [r7(x!), r7(y!)])] }
    const body = venueBody(community, { name: '岭口社区党群服务中心', outline })
    const res = await cadre.client.post('/api/v1/venues', body)
    assert.equal(res.statusCode, 201, res.body)
    const v = res.json()
    assert.equal(v.kind, 'party_service_center')
    assert.equal(v.orgId, community.id)
    assert.deepEqual(v.entrance, body.entrance)
    assert.deepEqual(v.outline, outline)
    assert.equal(v.rooms.length, 1)
    assert.equal(v.rooms[0].capacity, 40)
    assert.equal(v.canManage, true)
    const pub = await t.anonymous.get(`/api/v1/venues/${v.id}`)
    assert.equal(pub.statusCode, 200, pub.body)
    const seen = pub.json()
    assert.equal(seen.name, '岭口社区党群服务中心')
    assert.equal(seen.canManage, false)
    assert.equal(seen.rooms[0].checkinCode, undefined)
    assert.match(seen.navigation.amap, /^https:\/\/uri\.amap\.com\/navigation\?to=[\d.]+,[\d.]+,%E5%B2%AD.*&mode=walk&src=linli&callnative=1$/)
    assert.match(seen.navigation.baidu, /coord_type=gcj02/)
    assert.match(seen.navigation.tencent, /referer=linli$/)
    assert.equal(seen.navigation.geo, `geo:${body.entrance.lat},${body.entrance.lng}?q=${body.entrance.lat},${body.entrance.lng}(${encodeURIComponent('岭口社区党群服务中心')})`)
    // Inside WeChat's browser the links stay on the web.
    const inWeChat = (await t.anonymous.get(`/api/v1/venues/${v.id}`, { 'user-agent': 'Mozilla/5.0 (iPhone) MicroMessenger/8.0.47' })).json()
    assert.equal(inWeChat.navigation.geo, null)
    assert.match(inWeChat.navigation.amap, /callnative=0$/)
    const [audit] = await t.query<{ entity_id: string }>(sql`SELECT entity_id FROM audit_log WHERE action = 'venue.create' ORDER BY id DESC LIMIT 1`)
    assert.equal(audit!.entity_id, v.id)
  })

  test('photos the manager uploaded show on the venue, for anyone, by their addresses', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const upload = await cadre.client.request({ method: 'POST', url: '/api/v1/attachments', payload: await plainJpeg({ seed: 7 }), headers: { 'content-type': 'image/jpeg' } })
    assert.equal(upload.statusCode, 201, upload.body)
    const photoId = upload.json().id as string
    const v = (await cadre.client.post('/api/v1/venues', venueBody(community, { photoIds: [photoId] }))).json()
    const seen = (await t.anonymous.get(`/api/v1/venues/${v.id}`)).json()
    assert.deepEqual(seen.photoIds, [photoId])
    assert.match(seen.photos[0].url, /^\/api\/v1\/files\/[0-9a-f]{64}$/)
    assert.equal((await t.anonymous.get(seen.photos[0].thumbUrl)).statusCode, 200)
    // Photos already on the venue stay when another manager edits it.
    const other = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    assert.equal((await other.client.patch(`/api/v1/venues/${v.id}`, { photoIds: [photoId] })).statusCode, 200, 'kept photos stay')
  })

  test('a GCJ-02 entrance is stored in WGS-84', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const body = venueBody(community, { crs: 'gcj02' })
    const v = (await cadre.client.post('/api/v1/venues', body)).json()
    assert.ok(Math.abs(v.entrance.lng - body.entrance.lng) > 0.001, 'moved by the GCJ-02 offset')
  })

  test('someone outside the node cannot register, change or delete its venues; a resident cannot either', async () => {
    const { community, venue } = await venueWorld(t, f)
    const other = await f.newCommunity()
    const outsider = await f.newPerson({ role: 'community_cadre', orgId: other.id })
    const grid = await f.newGrid(community)
    const gridWorker = await f.newPerson({ role: 'grid_worker', orgId: grid.id })
    const resident = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(grid)).id })
    for (const p of [outsider, gridWorker, resident]) {
      assert.equal((await p.client.post('/api/v1/venues', venueBody(community))).statusCode, p === outsider ? 404 : 403)
      assert.equal((await p.client.patch(`/api/v1/venues/${venue.id}`, { name: '改个名字' })).statusCode, 403)
      assert.equal((await p.client.delete(`/api/v1/venues/${venue.id}`)).statusCode, 403)
      assert.equal((await p.client.post(`/api/v1/venues/${venue.id}/rooms`, { name: '会议室', capacity: 10 })).statusCode, 403)
    }
    assert.equal((await t.anonymous.post('/api/v1/venues', venueBody(community))).statusCode, 401)
    assert.equal((await t.anonymous.get(`/api/v1/venues/${venue.id}`)).statusCode, 200)
  })

  test('bad input is refused in Chinese and writes nothing', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const count = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM venues`))[0]!.n
    const before = await count()
    const cases: [Record<string, unknown>, number, string][] = [
      [{ level: null }, 422, 'VENUE_INVALID'],
      [{ kind: 'station', level: null }, 422, 'VENUE_INVALID'],
      [{ kind: 'station', level: null, stationKind: 'courier', services: ['flying'] }, 400, 'VALIDATION_FAILED'],
      [{ hours: { weekly: [{ day: 1, open: '18:00', close: '09:00' }] } }, 400, 'VALIDATION_FAILED'],
      [{ entrance: { lng: 200, lat: 28 } }, 400, 'VALIDATION_FAILED'],
      [{ outline: { type: 'Polygon', coordinates: [[[115.7, 28.7], [115.71, 28.7], [115.71, 28.71], [115.7, 28.72]]] } }, 400, 'VALIDATION_FAILED'],
      [{ rooms: [{ name: '活动室', capacity: 10, minMinutes: 120, maxMinutes: 60 }] }, 422, 'VENUE_INVALID'],
      [{ orgId: '999999999' }, 404, 'ORG_NOT_FOUND'],
      [{ unitId: '999999999' }, 404, 'UNIT_NOT_FOUND'],
      [{ photoIds: ['999999999'] }, 404, 'PHOTO_NOT_FOUND'],
    ]
    for (const [over, status, code] of cases) {
      const res = await cadre.client.post('/api/v1/venues', venueBody(community, over))
      assert.equal(res.statusCode, status, `${JSON.stringify(over)} → ${res.body}`)
      assert.equal(codeOf(res), code)
      assert.match(res.json().error.message, /[\u4e00-\u9fa5]/)
    }
    assert.equal(await count(), before)
    const building = await f.newBuilding(await f.newGrid(community))
    assert.equal(codeOf(await cadre.client.post('/api/v1/venues', venueBody(community, { orgId: building.id }))), 'VENUE_INVALID')
  })

  test('a patch changes what it names; changing the kind drops the old kind\'s level; a deleted venue is gone from the map', async () => {
    const { cadre, venue } = await venueWorld(t, f)
    const res = await cadre.client.patch(`/api/v1/venues/${venue.id}`, { kind: 'station', stationKind: 'courier', name: '小哥驿站', amenities: ['charging', 'microwave'] })
    assert.equal(res.statusCode, 200, res.body)
    const v = res.json()
    assert.equal(v.kind, 'station')
    assert.equal(v.level, null)
    assert.equal(v.stationKind, 'courier')
    assert.deepEqual(v.amenities, ['charging', 'microwave'])
    assert.deepEqual(v.services, ['elderly', 'culture_sport'])
    assert.equal((await cadre.client.delete(`/api/v1/venues/${venue.id}`)).statusCode, 204)
    assert.equal((await t.anonymous.get(`/api/v1/venues/${venue.id}`)).statusCode, 404)
  })

  test('a merchant\'s service point is kept by the people of its unit too, in place; moving it needs a cadre', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const rep = await f.newPerson({ role: 'resident', orgId: (await f.newBuilding(await f.newGrid(await f.newCommunity()))).id })
    const unitId = await unitFor(t, community.id, rep)
    const made = await cadre.client.post('/api/v1/venues', venueBody(community, { kind: 'service_point', level: null, name: '便民药店服务点', unitId, rooms: [] }))
    assert.equal(made.statusCode, 201, made.body)
    assert.equal(made.json().unit.id, unitId)
    const edited = await rep.client.patch(`/api/v1/venues/${made.json().id}`, { phone: '0791-86661234', amenities: ['rest', 'drinking_water', 'first_aid'] })
    assert.equal(edited.statusCode, 200, edited.body)
    assert.equal(edited.json().canManage, true)
    const other = await f.newCommunity()
    assert.ok([403, 404].includes((await rep.client.patch(`/api/v1/venues/${made.json().id}`, { orgId: other.id })).statusCode))
    assert.equal((await t.anonymous.get(`/api/v1/venues/${made.json().id}`)).json().orgId, community.id)
  })

  test('rooms are added, their rules changed and removed by the venue\'s managers', async () => {
    const { cadre, venue } = await venueWorld(t, f)
    const added = await cadre.client.post(`/api/v1/venues/${venue.id}/rooms`, { name: '党员活动室', capacity: 20, approval: true, monthlyQuotaHours: 8 })
    assert.equal(added.statusCode, 201, added.body)
    const room = added.json()
    assert.equal(room.approval, true)
    const changed = await cadre.client.patch(`/api/v1/rooms/${room.id}`, { bufferAfterMinutes: 15, blackoutDays: ['2027-01-01'] })
    assert.equal(changed.statusCode, 200, changed.body)
    assert.equal(changed.json().bufferAfterMinutes, 15)
    assert.equal(changed.json().monthlyQuotaHours, 8)
    assert.equal((await cadre.client.patch(`/api/v1/rooms/${room.id}`, { minMinutes: 300 })).statusCode, 422)
    const code = await cadre.client.get(`/api/v1/rooms/${room.id}/checkin-code`)
    assert.match(code.json().code, /^[0-9a-f]{24}$/)
    assert.equal((await t.anonymous.get(`/api/v1/rooms/${room.id}/checkin-code`)).statusCode, 401)
    assert.equal((await cadre.client.delete(`/api/v1/rooms/${room.id}`)).statusCode, 204)
    assert.equal((await t.anonymous.get(`/api/v1/venues/${venue.id}`)).json().rooms.length, 1)
  })
})

describe('the red map', () => {
  test('lists filter by kind, amenity, service, name, node and open now, with a total', async () => {
    const { community, cadre } = await venueWorld(t, f, {}, { name: '磨南云湾逸景邻里中心', kind: 'neighbourhood_center', level: null, services: ['education', 'medical'], amenities: ['wifi'] })
    await cadre.client.post('/api/v1/venues', venueBody(community, {
      kind: 'station', level: null, stationKind: 'courier', name: '快递小哥驿站', amenities: ['charging', 'microwave'], services: [], audiences: ['gig_workers'],
      hours: { weekly: [], exceptions: [], closedOnHolidays: false },
    }))
    const list = async (q: string) => (await t.anonymous.get(`/api/v1/venues?orgId=${community.id}&${q}`)).json()
    const all = await list('')
    assert.equal(all.total, 2)
    assert.deepEqual((await list('kind=station')).items.map((v: { name: string }) => v.name), ['快递小哥驿站'])
    assert.deepEqual((await list('amenity=charging,microwave')).items.map((v: { name: string }) => v.name), ['快递小哥驿站'])
    assert.deepEqual((await list('amenity=charging,wifi')).items, [])
    assert.deepEqual((await list('service=medical')).items.map((v: { name: string }) => v.name), ['磨南云湾逸景邻里中心'])
    assert.deepEqual((await list(`q=${encodeURIComponent('逸景')}`)).items.map((v: { name: string }) => v.name), ['磨南云湾逸景邻里中心'])
    assert.deepEqual((await list('audience=gig_workers')).items.map((v: { name: string }) => v.name), ['快递小哥驿站'])
    // The station has no opening hours at all: never open; the centre opens 08:00–21:00 every day.
    const station = all.items.find((v: { name: string }) => v.name === '快递小哥驿站')
    assert.equal(station.openStatus.open, false)
    assert.equal(station.openStatus.opensAt, null)
    const hour = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(11, 13))
    const openNow = (await list('openNow=true')).items.map((v: { name: string }) => v.name)
    assert.deepEqual(openNow, hour >= 8 && hour < 21 ? ['磨南云湾逸景邻里中心'] : [])
    const centre = all.items.find((v: { name: string }) => v.name !== '快递小哥驿站')
    assert.equal(centre.openStatus.open, hour >= 8 && hour < 21)
    assert.ok(centre.openStatus.open ? centre.openStatus.closesAt : centre.openStatus.opensAt)
    assert.equal((await t.anonymous.get('/api/v1/venues?orgId=999999999')).statusCode, 404)
    assert.equal((await t.anonymous.get('/api/v1/venues?amenity=sauna')).statusCode, 400)
  })

  test('nearest venues come in order of distance on the sphere, with walking minutes', async () => {
    const community = await f.newCommunity()
    const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
    const here = { lng: community.box.west + 0.0001, lat: community.box.south + 0.0001 }
    // 100 m, 400 m and 900 m east of here (a degree of longitude is ~111 km × cos(lat)).
    const metre = 1 / (111_320 * Math.cos((here.lat * Math.PI) / 180))
    for (const [name, m] of [['远站', 900], ['近站', 100], ['中站', 400]] as const) {
      const res = await cadre.client.post('/api/v1/venues', venueBody(community, { kind: 'station', level: null, stationKind: 'red', name, entrance: { lng: here.lng + m * metre, lat: here.lat }, rooms: [] }))
      assert.equal(res.statusCode, 201, res.body)
    }
    const res = await t.anonymous.get(`/api/v1/venues/nearest?lng=${here.lng}&lat=${here.lat}&kind=station&limit=3`)
    assert.equal(res.statusCode, 200, res.body)
    const { items, method } = res.json()
    assert.deepEqual(items.map((i: { venue: { name: string } }) => i.venue.name), ['近站', '中站', '远站'])
    assert.ok(Math.abs(items[0].distanceM - 100) <= 2, String(items[0].distanceM))
    assert.ok(Math.abs(items[2].distanceM - 900) <= 5, String(items[2].distanceM))
    assert.equal(items[2].walkMin, Math.ceil((items[2].distanceM * method.detourFactor) / 80))
    assert.ok(items[0].venue.navigation.amap)
    assert.equal((await t.anonymous.get('/api/v1/venues/nearest?lng=200&lat=28')).statusCode, 400)
  })

  test('the open data file lists venues as GeoJSON with public fields only', async () => {
    const { venue } = await venueWorld(t, f)
    const res = await t.anonymous.get('/api/v1/public/venues.geojson')
    assert.equal(res.statusCode, 200)
    assert.match(res.headers['content-type'] as string, /application\/geo\+json/)
    const fc = res.json()
    assert.equal(fc.type, 'FeatureCollection')
    const feature = fc.features.find((x: { id: string }) => x.id === venue.id)
    assert.equal(feature.geometry.type, 'Point')
    assert.equal(feature.properties.canManage, undefined)
    assert.deepEqual(Object.keys(feature.properties.rooms[0]).sort(), ['capacity', 'id', 'name'])
  })

  test('volunteer activities held at a venue are on its page for people signed in, not for visitors', async () => {
    const { community, cadre, venue } = await venueWorld(t, f)
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
    const endsAt = new Date(Date.now() + 3 * 86_400_000 + 2 * 3_600_000).toISOString()
    const body = { orgId: community.id, title: '健康义诊进驿站', place: '党群服务中心', location: { lng: community.box.west + 0.001, lat: community.box.south + 0.001 }, startsAt, endsAt, capacity: 10 }
    const missing = await cadre.client.post('/api/v1/activities', { ...body, venueId: '999999999' })
    assert.equal(missing.statusCode, 404, missing.body)
    assert.equal(missing.json().error.code, 'VENUE_NOT_FOUND')
    const res = await cadre.client.post('/api/v1/activities', { ...body, venueId: venue.id })
    assert.equal(res.statusCode, 201, res.body)
    assert.deepEqual(res.json().venue, { id: venue.id, name: (await t.anonymous.get(`/api/v1/venues/${venue.id}`)).json().name })
    const seen = (await cadre.client.get(`/api/v1/venues/${venue.id}`)).json()
    assert.deepEqual(seen.activities.map((a: { title: string }) => a.title), ['健康义诊进驿站'])
    assert.deepEqual((await t.anonymous.get(`/api/v1/venues/${venue.id}`)).json().activities, [])
    const listed = (await cadre.client.get(`/api/v1/activities?venueId=${venue.id}`)).json().items as { id: string }[]
    assert.deepEqual(listed.map((a) => a.id), [res.json().id])
    assert.equal((await cadre.client.get('/api/v1/activities?venueId=999999999')).statusCode, 404)
  })
})
