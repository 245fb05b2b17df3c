// A small world for deliberation tests: a community with a grid and a building, a cadre, and
// residents registered in households of the building (the residents registry is the electorate).
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import type { Factories, Person } from './factories.ts'

let serial = 0
export async function deliberationWorld(t: TestApp, f: Factories, residents = 4) {
  const community = await f.newCommunity()
  const grid = await f.newGrid(community)
  const building = await f.newBuilding(grid)
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id, name: '李书记' })
  const people: Person[] = []
  for (let i = 0; i < residents; i++) people.push(await register(t, f, building.id, `${i + 1}01`))
  // Two households need to support a topic in this community.
  await t.query(sql`INSERT INTO deliberation_settings (org_id, support_households, expire_days) VALUES (${community.id}, 2, 30)`)
  return { community, grid, building, cadre, residents: people }
}

/** A resident with an account, registered in `household` of the building. */
export async function register(t: TestApp, f: Factories, buildingId: string, household: string) {
  const p = await f.newPerson({ role: 'resident', orgId: buildingId, name: `居民${++serial}` })
  await t.query(sql`INSERT INTO residents (person_id, org_id, household) VALUES (${p.id}, ${buildingId}, ${household})`)
  return p
}

export const topicBody = (orgId: string, over: Record<string, unknown> = {}) => ({ title: `小区电动车棚选址${++serial}`, body: '电动车在楼道充电，存在火灾隐患，建议在小区内建设集中充电车棚。', orgId, ...over })
