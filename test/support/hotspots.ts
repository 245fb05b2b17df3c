// A world for hotspot tests: a community with three grids, its cadre, a street admin over it, a
// reporter, cases posted at chosen points (POST /cases) and orders of a catalogue item at a
// building (inserted: their lifecycle is the orders module's business, only place and time count).
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import type { Factories, Org, Person } from './factories.ts'
import { itemBody } from './orders.ts'

export async function hotspotWorld(t: TestApp, f: Factories) {
  const street = await f.newStreet()
  const community = await f.newCommunity({ street })
  const grids = [await f.newGrid(community), await f.newGrid(community), await f.newGrid(community)]
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const streetAdmin = await f.newPerson({ role: 'street_admin', orgId: street.id })
  const home = await f.newBuilding(grids[0]!)
  const reporter = await f.newPerson({ role: 'resident', orgId: home.id })
  return { street, community, grids, cadre, streetAdmin, home, reporter }
}

/** A case of `categoryCode` reported at the grid's centre moved by (dx, dy) degrees. */
export async function caseAt(f: Factories, by: Person, grid: Org, categoryCode: string, dx = 0, dy = 0): Promise<string> {
  const c = f.centre(grid.box)
  const res = await by.client.post('/api/v1/cases', { categoryCode, description: `热点测试${categoryCode}`, location: { lng: c.lng + dx, lat: c.lat + dy }, crs: 'wgs84' })
  if (res.statusCode !== 201) throw new Error(`caseAt: ${res.statusCode} ${res.body}`)
  return res.json().id as string
}

/** Moves a record's creation back by `days` (the window counts by creation time). */
export async function backdate(t: TestApp, table: 'cases' | 'orders', id: string, days: number) {
  if (table === 'cases') await t.query(sql`UPDATE cases SET created_at = now() - make_interval(days => ${days}) WHERE id = ${id}`)
  else await t.query(sql`UPDATE orders SET created_at = now() - make_interval(days => ${days}) WHERE id = ${id}`)
}

/** A catalogue item of the community (POST /service-items by its cadre). */
export async function itemOf(cadre: Person, community: Org, name = '上门维修') {
  const res = await cadre.client.post('/api/v1/service-items', itemBody(community.id, { name }))
  if (res.statusCode !== 201) throw new Error(`itemOf: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string; versionId: string }
}

/** `n` placed orders of the item at the building, by the person. */
export async function ordersAt(t: TestApp, item: { id: string; versionId: string }, building: Org, community: Org, requester: Person, n: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const [row] = await t.query<{ id: string }>(sql`INSERT INTO orders (item_id, item_version_id, org_id, community_id, state, requester_id, channel, location, address)
      SELECT ${item.id}, ${item.versionId}, ${building.id}, ${community.id}, 'placed', ${requester.id}, 'app', o.geometry, '测试楼' FROM orgs o WHERE o.id = ${building.id}
      RETURNING id::text`)
    ids.push(row!.id)
  }
  return ids
}
