// A small world for broadcast tests: a community with two grids, a building in each, a cadre, a
// grid worker per grid, and residents of three kinds: app users, people with only a phone and
// people with neither (the call list).
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import type { Factories, Org, Person } from './factories.ts'

export interface BroadcastWorld {
  community: Org
  grids: [Org, Org]
  buildings: [Org, Org]
  cadre: Person
  workers: [Person, Person]
  /** Residents with an account, per building. */
  appUsers: [Person, Person]
  /** A resident with a phone and no account, in building 1. */
  smsOnly: { id: string; phone: string }
  /** A resident with neither, in building 2. */
  callOnly: { id: string }
}

let phones = 0

export async function broadcastWorld(t: TestApp, f: Factories): Promise<BroadcastWorld> {
  const community = await f.newCommunity()
  const grids = [await f.newGrid(community), await f.newGrid(community)] as [Org, Org]
  const buildings = [await f.newBuilding(grids[0]), await f.newBuilding(grids[1])] as [Org, Org]
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const workers = [await f.newPerson({ role: 'grid_worker', orgId: grids[0].id }), await f.newPerson({ role: 'grid_worker', orgId: grids[1].id })] as [Person, Person]
  const appUsers = [await f.newPerson({ role: 'resident', orgId: buildings[0].id }), await f.newPerson({ role: 'resident', orgId: buildings[1].id })] as [Person, Person]
  // 198: no demo number starts so (the demo's are 139 7000 xxxx, which a process id ending in 7000
  // met in a local CI run).
  const phone = `198${String(process.pid % 10000).padStart(4, '0')}${String(++phones).padStart(4, '0')}`
  const smsOnly = { id: await t.app.services.people.create(t.database.db, { name: '只有手机的居民', phone }), phone }
  const callOnly = { id: await t.app.services.people.create(t.database.db, { name: '没有手机的老人' }) }
  const home = (personId: string, orgId: string) => t.query(sql`INSERT INTO residents (person_id, org_id) VALUES (${personId}, ${orgId})`)
  await home(appUsers[0].id, buildings[0].id)
  await home(appUsers[1].id, buildings[1].id)
  await home(smsOnly.id, buildings[0].id)
  await home(callOnly.id, buildings[1].id)
  return { community, grids, buildings, cadre, workers, appUsers, smsOnly, callOnly }
}

export const noticeBody = (orgId: string, over: Record<string, unknown> = {}) => ({
  title: '周六上午小区停水通知', body: '因管网维修，本周六 8:00—12:00 停水，请提前储水。', audience: { kind: 'residents', orgId },
  channels: ['in_app', 'sms'], ackRequired: true, ...over,
})
