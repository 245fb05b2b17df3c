import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { backdate, caseAt, hotspotWorld, itemOf, ordersAt } from '../../../../test/support/hotspots.ts'
import type { Hotspots } from './hotspots.schemas.ts'

let t: TestApp
let f: Factories
let w: Awaited<ReturnType<typeof hotspotWorld>>
const road: string[] = []
const lights: string[] = []
const drains: string[] = []
let orders: string[] = []
let oldDrain: string
let item: { id: string; versionId: string }

// ~20 m apart: one cluster. Streetlights at three grids' centres (about 1 km apart): none.
before(async () => {
  t = await startTestApp()
  f = factories(t)
  w = await hotspotWorld(t, f)
  for (const [dx, dy] of [[0, 0], [0.0002, 0], [0, 0.0002]] as const) road.push(await caseAt(f, w.reporter, w.grids[0]!, 'facility.road', dx, dy))
  for (const g of w.grids) lights.push(await caseAt(f, w.reporter, g, 'facility.streetlight'))
  for (const dx of [0.001, 0.0011]) drains.push(await caseAt(f, w.reporter, w.grids[1]!, 'facility.drain', dx))
  oldDrain = await caseAt(f, w.reporter, w.grids[1]!, 'facility.drain', 0.0012)
  await backdate(t, 'cases', oldDrain, 7 * 10)
  item = await itemOf(w.cadre, w.community)
  orders = await ordersAt(t, item, w.home, w.community, w.reporter, 3)
})
after(() => t.close())

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const messageOf = (res: { json(): unknown }) => (res.json() as { error: { message: string } }).error.message

describe('hotspots', () => {
  test('three close cases of one category make a cluster with its hull and points; scattered ones and two close ones do not', async () => {
    const res = await w.cadre.client.get(`/api/v1/hotspots?orgId=${w.community.id}`)
    assert.equal(res.statusCode, 200, res.body)
    const h = res.json() as Hotspots
    assert.equal(h.weeks, 8)
    assert.equal(h.org.id, w.community.id)
    assert.equal(h.minPoints, 3)
    const roads = h.clusters.filter((c) => c.category === 'case:facility.road')
    assert.equal(roads.length, 1)
    const c = roads[0]!
    assert.equal(c.source, 'case')
    assert.equal(c.count, 3)
    assert.deepEqual(c.records.map((r) => r.id).sort(), [...road].sort())
    assert.ok(c.records.every((r) => r.kind === 'case' && typeof r.lng === 'number' && typeof r.lat === 'number' && r.at))
    assert.equal(c.hull.type, 'Polygon')
    const centre = f.centre(w.grids[0]!.box)
    assert.ok(Math.abs(c.centroid.lng - centre.lng) < 0.0003 && Math.abs(c.centroid.lat - centre.lat) < 0.0003)
    assert.ok(c.firstAt <= c.lastAt)
    assert.equal(c.topic, null)
    assert.ok(c.categoryName.length > 0 && c.categoryName !== 'facility.road', c.categoryName)
    assert.equal(h.clusters.filter((x) => x.category === 'case:facility.streetlight').length, 0, 'scattered cases make no cluster')
    assert.equal(h.clusters.filter((x) => x.category === 'case:facility.drain').length, 0, 'two cases in the window are fewer than minpoints')
    // Only ids, categories, points and times: no description, reporter or address.
    assert.deepEqual(Object.keys(c.records[0]!).sort(), ['at', 'id', 'kind', 'lat', 'lng'])
  })

  test('orders of one service at one building cluster as an order hotspot', async () => {
    const h = (await w.cadre.client.get(`/api/v1/hotspots?orgId=${w.community.id}`)).json() as Hotspots
    const c = h.clusters.find((x) => x.category === `order:${item.id}`)
    assert.ok(c, JSON.stringify(h.clusters.map((x) => x.category)))
    assert.equal(c.source, 'order')
    assert.equal(c.categoryName, '上门维修')
    assert.deepEqual(c.records.map((r) => r.id).sort(), [...orders].sort())
    assert.equal(c.hull.type, 'Point')
  })

  test('growth per street: the last N weeks against the N weeks before, fastest first', async () => {
    const h = (await w.streetAdmin.client.get(`/api/v1/hotspots?orgId=${w.street.id}&weeks=8`)).json() as Hotspots
    const mine = h.growth.filter((g) => g.street.id === w.street.id)
    const of = (category: string) => mine.find((g) => g.category === category)
    assert.deepEqual({ ...of('case:facility.drain'), street: undefined, categoryName: undefined }, { street: undefined, categoryName: undefined, category: 'case:facility.drain', current: 2, previous: 1, growth: 1, growthRate: 1 })
    assert.equal(of('case:facility.streetlight')!.growth, 3)
    assert.equal(of('case:facility.streetlight')!.growthRate, null)
    assert.equal(of(`order:${item.id}`)!.current, 3)
    const growths = mine.map((g) => g.growth)
    assert.deepEqual(growths, [...growths].sort((a, b) => b - a))
    assert.equal(mine.at(-1)!.category, 'case:facility.drain')
    // With weeks=12 the old drain case is in the window, and nothing before it.
    const wide = (await w.streetAdmin.client.get(`/api/v1/hotspots?orgId=${w.street.id}&weeks=12`)).json() as Hotspots
    assert.equal(wide.growth.find((g) => g.category === 'case:facility.drain')!.current, 3)
  })

  test('growth equals a count of the records each reader may read, street by street, orders at buildings included', async () => {
    for (const [who, orgId] of [[w.streetAdmin, w.street.id], [w.cadre, w.community.id]] as const) {
      for (const weeks of [1, 8, 12]) {
        const h = (await who.client.get(`/api/v1/hotspots?orgId=${orgId}&weeks=${weeks}`)).json() as Hotspots
        const counted = await t.query<{ street: string; category: string; current: number; previous: number }>(sql`
          WITH node AS (SELECT path FROM orgs WHERE id = ${orgId}),
          r AS (
            SELECT 'case:' || c.category_code AS category, c.created_at AS at, c.org_path AS path FROM cases c, node
            WHERE c.org_path <@ node.path AND c.merged_into_id IS NULL AND c.state <> 'rejected'
            UNION ALL
            SELECT 'order:' || x.item_id, x.created_at, o.path FROM orders x JOIN orgs o ON o.id = x.org_id, node
            WHERE o.path <@ node.path AND x.merged_into_id IS NULL AND x.state <> 'merged')
          SELECT st.id::text AS street, r.category,
            (count(*) FILTER (WHERE r.at >= ${h.since}::timestamptz))::int AS current,
            (count(*) FILTER (WHERE r.at >= ${h.previousSince}::timestamptz AND r.at < ${h.since}::timestamptz))::int AS previous
          FROM r JOIN orgs st ON st.kind = 'street' AND st.path @> r.path
          GROUP BY 1, 2 HAVING count(*) FILTER (WHERE r.at >= ${h.since}::timestamptz) > count(*) FILTER (WHERE r.at >= ${h.previousSince}::timestamptz AND r.at < ${h.since}::timestamptz)
          ORDER BY 1, 2`)
        const shown = h.growth.map((g) => ({ street: g.street.id, category: g.category, current: g.current, previous: g.previous }))
          .sort((a, b) => a.street.localeCompare(b.street) || a.category.localeCompare(b.category))
        assert.deepEqual(shown, counted.map((c) => ({ ...c })).sort((a, b) => a.street.localeCompare(b.street) || a.category.localeCompare(b.category)), `${orgId} weeks=${weeks}`)
        assert.ok(shown.length > 0 || weeks === 1)
      }
    }
  })

  test('the caller\'s own node by default; a street admin sees the community\'s hotspots in the street\'s', async () => {
    const own = await w.cadre.client.get('/api/v1/hotspots')
    assert.equal(own.statusCode, 200, own.body)
    assert.equal((own.json() as Hotspots).org.id, w.community.id)
    const street = (await w.streetAdmin.client.get('/api/v1/hotspots')).json() as Hotspots
    assert.equal(street.org.id, w.street.id)
    assert.ok(street.clusters.some((c) => c.category === 'case:facility.road'))
  })

  test('bad input: weeks=0, weeks=abc, weeks=53 and a foreign node answer 4xx in Chinese', async () => {
    for (const q of ['weeks=0', 'weeks=abc', 'weeks=53', 'weeks=1.5', 'orgId=abc']) {
      const res = await w.cadre.client.get(`/api/v1/hotspots?${q}`)
      assert.equal(res.statusCode, 400, `${q}: ${res.body}`)
      assert.equal(codeOf(res), 'VALIDATION_FAILED')
      assert.match(JSON.stringify(res.json()), /[\u4e00-\u9fff]/)
    }
    const weeks = await w.cadre.client.get('/api/v1/hotspots?weeks=0')
    assert.match(JSON.stringify(weeks.json()), /周数应为 1 到 52 之间的整数/)
    const other = await f.newCommunity()
    const foreign = await w.cadre.client.get(`/api/v1/hotspots?orgId=${other.id}`)
    assert.equal(foreign.statusCode, 404)
    assert.equal(codeOf(foreign), 'ORG_NOT_FOUND')
    assert.match(messageOf(foreign), /[\u4e00-\u9fff]/)
    const resident = await w.reporter.client.get('/api/v1/hotspots')
    assert.equal(resident.statusCode, 403)
    const residentAtNode = await w.reporter.client.get(`/api/v1/hotspots?orgId=${w.home.id}`)
    assert.equal(residentAtNode.statusCode, 404)
  })

  test('a cluster is raised as a deliberation topic (每月一题); the hotspot list then shows the topic', async () => {
    const body = { orgId: w.community.id, category: 'case:facility.road', caseIds: road }
    const res = await w.cadre.client.post('/api/v1/hotspots/topics', body)
    assert.equal(res.statusCode, 201, res.body)
    const { topicId, orgId } = res.json()
    assert.equal(orgId, w.community.id)
    const topic = await w.cadre.client.get(`/api/v1/topics/${topicId}`)
    assert.equal(topic.statusCode, 200, topic.body)
    assert.deepEqual(topic.json().source, { kind: 'hotspot', id: road[0] })
    assert.match(topic.json().title, /问题反复出现（3 件）/)
    assert.match(topic.json().body, /每月一题/)
    const [raise] = await t.query<{ case_ids: string[]; raised_by: string }>(sql`SELECT case_ids::text[], raised_by::text FROM hotspot_raises WHERE topic_id = ${topicId}`)
    assert.deepEqual([...raise!.case_ids].sort(), [...road].sort())
    assert.equal(raise!.raised_by, w.cadre.id)
    const h = (await w.cadre.client.get(`/api/v1/hotspots?orgId=${w.community.id}`)).json() as Hotspots
    const c = h.clusters.find((x) => x.category === 'case:facility.road')!
    assert.equal(c.topic?.id, topicId)
    assert.equal(c.topic?.state, 'proposed')
    assert.deepEqual(c.raisedAs, { kind: 'topic', id: topicId, title: topic.json().title, state: 'proposed' })
    // A street admin raises the street's order hotspot: the topic goes to the one community the orders lie in.
    const st = await w.streetAdmin.client.post('/api/v1/hotspots/topics', { orgId: w.street.id, category: `order:${item.id}`, orderIds: orders, title: '上门维修需求集中' })
    assert.equal(st.statusCode, 201, st.body)
    assert.equal(st.json().orgId, w.community.id)
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hotspot.raise'`)
    assert.equal(audit!.n, 2)
  })

  test('raising checks every id: outside the node → 404, another category → 422, none → 400; nothing is written', async () => {
    const other = await hotspotWorld(t, f)
    const far = await caseAt(f, other.reporter, other.grids[0]!, 'facility.road')
    const farItem = await itemOf(other.cadre, other.community)
    const [farOrder] = await ordersAt(t, farItem, other.home, other.community, other.reporter, 1)
    const count = async () => (await t.query<{ n: number }>(sql`SELECT (SELECT count(*) FROM hotspot_raises)::int AS n`))[0]!.n
    const before = await count()
    const post = (body: Record<string, unknown>) => w.cadre.client.post('/api/v1/hotspots/topics', { orgId: w.community.id, category: 'case:facility.road', ...body })
    const outside = await post({ caseIds: [road[0], far] })
    assert.equal(outside.statusCode, 404, outside.body)
    assert.equal(codeOf(outside), 'CASE_NOT_FOUND')
    const farOrders = await post({ category: `order:${farItem.id}`, orderIds: [farOrder] })
    assert.equal(farOrders.statusCode, 404, farOrders.body)
    // The street admin reads the far case (another street? no: their own street only) and cannot use it either.
    const streetFar = await w.streetAdmin.client.post('/api/v1/hotspots/topics', { orgId: w.street.id, category: 'case:facility.road', caseIds: [far] })
    assert.equal(streetFar.statusCode, 404)
    // A case readable to a district admin, but not under the node named: 404 in the hotspot's words.
    const district = await t.as('district')
    const notUnder = await district.post('/api/v1/hotspots/topics', { orgId: w.community.id, category: 'case:facility.road', caseIds: [far] })
    assert.equal(notUnder.statusCode, 404, notUnder.body)
    assert.equal(codeOf(notUnder), 'HOTSPOT_CASE_NOT_FOUND')
    assert.match(messageOf(notUnder), /不在所选区域内/)
    const mismatch = await post({ caseIds: [lights[0]] })
    assert.equal(mismatch.statusCode, 422, mismatch.body)
    assert.equal(codeOf(mismatch), 'HOTSPOT_CATEGORY_MISMATCH')
    const none = await post({ caseIds: [] })
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /请至少选择一个案件或工单/)
    const foreignNode = await post({ orgId: other.community.id, caseIds: [far] })
    assert.equal(foreignNode.statusCode, 404)
    const residentRaise = await w.reporter.client.post('/api/v1/hotspots/topics', { orgId: w.community.id, category: 'case:facility.road', caseIds: road })
    assert.ok([403, 404].includes(residentRaise.statusCode), residentRaise.body)
    assert.equal(await count(), before)
  })

  test('a cluster raised as a secretary’s project is marked with it, for who may read the project only', async () => {
    const garbage: string[] = []
    for (const [dx, dy] of [[0, 0], [0.0002, 0], [0, 0.0002]] as const) garbage.push(await caseAt(f, w.reporter, w.grids[2]!, 'environment.garbage', dx, dy))
    const before = (await w.cadre.client.get(`/api/v1/hotspots?orgId=${w.community.id}`)).json() as Hotspots
    assert.equal(before.clusters.find((x) => x.category === 'case:environment.garbage')?.raisedAs, null)
    // The street raises it as the street's project: the street sees the mark, the community's cadre does not (not theirs to read).
    const res = await w.streetAdmin.client.post('/api/v1/hotspots/projects', { orgId: w.street.id, category: 'case:environment.garbage', caseIds: garbage.slice(0, 2), title: '垃圾清运问题集中整治' })
    assert.equal(res.statusCode, 201, res.body)
    const project = res.json() as { id: string; title: string; state: string }
    const street = (await w.streetAdmin.client.get(`/api/v1/hotspots?orgId=${w.street.id}`)).json() as Hotspots
    const marked = street.clusters.find((x) => x.category === 'case:environment.garbage')!
    assert.deepEqual(marked.raisedAs, { kind: 'project', id: project.id, title: '垃圾清运问题集中整治', state: project.state })
    assert.equal(marked.topic, null)
    const community = (await w.cadre.client.get(`/api/v1/hotspots?orgId=${w.community.id}`)).json() as Hotspots
    assert.equal(community.clusters.find((x) => x.category === 'case:environment.garbage')!.raisedAs, null, 'the street’s project is not the community cadre’s to read')
    // The community raises it as its own project too: now its cadre sees its own project.
    const own = await w.cadre.client.post('/api/v1/hotspots/projects', { orgId: w.community.id, category: 'case:environment.garbage', caseIds: [garbage[2]] })
    assert.equal(own.statusCode, 201, own.body)
    const again = (await w.cadre.client.get(`/api/v1/hotspots?orgId=${w.community.id}`)).json() as Hotspots
    assert.equal(again.clusters.find((x) => x.category === 'case:environment.garbage')!.raisedAs?.id, own.json().id)
    // Another category's project sharing no record leaves other clusters unmarked.
    assert.ok(again.clusters.filter((x) => x.category !== 'case:environment.garbage' && x.category !== 'case:facility.road' && !x.category.startsWith('order:')).every((x) => x.raisedAs === null))
  })
})
