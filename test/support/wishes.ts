// Test helpers of the wishes module: a community of its own with a cadre, a resident (the wisher)
// in a building of it, Party members who may claim, and a unit with a person acting for it.
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import type { Factories, Org, Person } from './factories.ts'
import { unitFor } from './venues.ts'
import { plainJpeg } from './images.ts'

let serial = 0

export const wishBody = (over: Record<string, unknown> = {}) => ({
  beneficiary: 'child', category: 'study', title: `想要一套课外读物${++serial}`, story: '喜欢读书，想要几本科普书', valueYuan: 120, ...over,
})

/** Makes the person a Party member registered in the community (a party_members row). */
export async function makeMember(t: TestApp, person: Person, communityId: string) {
  await t.query(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id) VALUES (${person.id}, '测试党支部', 'regular', ${communityId})`)
}

export interface WishWorld {
  community: Org
  grid: Org
  cadre: Person
  wisher: Person
  member: Person
  /** Someone acting for `unitId`, not a member. */
  unitRep: Person
  unitId: string
}

export async function wishWorld(t: TestApp, f: Factories, wisherName = '王小明'): Promise<WishWorld> {
  const community = await f.newCommunity()
  const grid = await f.newGrid(community)
  const building = await f.newBuilding(grid)
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const wisher = await f.newPerson({ role: 'resident', orgId: building.id, name: wisherName })
  const member = await f.newPerson({ role: 'member', orgId: grid.id, name: '李党员' })
  await makeMember(t, member, community.id)
  const unitRep = await f.newPerson({ role: 'resident', orgId: building.id, name: '赵代表' })
  const unitId = await unitFor(t, community.id, unitRep)
  return { community, grid, cadre, wisher, member, unitRep, unitId }
}

/** A wish posted by the world's wisher and approved by its cadre: open on the wall. */
export async function openWish(w: WishWorld, over: Record<string, unknown> = {}): Promise<string> {
  const posted = await w.wisher.client.post('/api/v1/wishes', wishBody(over))
  if (posted.statusCode !== 201) throw new Error(`openWish: ${posted.statusCode} ${posted.body}`)
  const id = posted.json().id as string
  const approved = await w.cadre.client.post(`/api/v1/wishes/${id}/approve`, {})
  if (approved.statusCode !== 200) throw new Error(`openWish approve: ${approved.statusCode} ${approved.body}`)
  return id
}

/** A photo the person uploaded (a new picture each call: files are stored by content): its attachment id. */
export async function uploadPhoto(person: Person, seed = 1): Promise<string> {
  const res = await person.client.request({ method: 'POST', url: '/api/v1/attachments', payload: await plainJpeg({ seed, width: 32 + (++serial % 400) }), headers: { 'content-type': 'image/jpeg' } })
  if (res.statusCode !== 201) throw new Error(`uploadPhoto: ${res.statusCode} ${res.body}`)
  return res.json().id as string
}
