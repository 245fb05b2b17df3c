// Test helpers of the mobilisation module: a street of its own with its admin, a community, a grid
// and buildings, members living there, an emergency declared for the street, and a post with shifts.
import type { TestApp } from './app.ts'
import type { Factories, Org, Person } from './factories.ts'

export const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
export const centreOf = (o: Org) => ({ lng: (o.box.west + o.box.east) / 2, lat: (o.box.south + o.box.north) / 2 })
export const square = (o: Org) => ({
  type: 'Polygon' as const,
  coordinates: [[[o.box.west, o.box.south], [o.box.east, o.box.south], [o.box.east, o.box.north], [o.box.west, o.box.north], [o.box.west, o.box.south]]],
})

export interface MobilisationWorld {
  street: Org; community: Org; grid: Org; building: Org
  admin: Person; cadre: Person; gridWorker: Person; members: Person[]; outsider: Person
  emergencyId: string
}

export async function mobilisationWorld(t: TestApp, f: Factories, opts: { members?: number } = {}): Promise<MobilisationWorld> {
  const street = await f.newStreet()
  const community = await f.newCommunity({ street })
  const grid = await f.newGrid(community)
  const building = await f.newBuilding(grid)
  const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const gridWorker = await f.newPerson({ role: 'grid_worker', orgId: grid.id })
  const members: Person[] = []
  for (let i = 0; i < (opts.members ?? 3); i++) members.push(await f.newPerson({ role: 'member', orgId: building.id }))
  const outsider = await f.newPerson({ role: 'street_admin', orgId: (await f.newStreet()).id })
  const res = await admin.client.post('/api/v1/emergencies', { orgId: street.id, kind: 'flood', name: '防汛应急响应', level: 'urgent', area: square(community) })
  if (res.statusCode !== 201) throw new Error(`mobilisationWorld: ${res.statusCode} ${res.body}`)
  return { street, community, grid, building, admin, cadre, gridWorker, members, outsider, emergencyId: res.json().id }
}

/** A post at the grid's centre with the shifts given (each `[startHoursFromNow, endHoursFromNow, needed]`). */
export async function postWith(w: MobilisationWorld, shifts: [number, number, number][], over: Record<string, unknown> = {}) {
  const res = await w.cadre.client.post(`/api/v1/emergencies/${w.emergencyId}/posts`, {
    name: '滨江堤段一号', kind: 'embankment', vanguard: true, location: centreOf(w.grid),
    shifts: shifts.map(([a, b, needed]) => ({ startsAt: hoursFromNow(a), endsAt: hoursFromNow(b), needed })), ...over,
  })
  if (res.statusCode !== 201) throw new Error(`postWith: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string; shifts: { id: string; needed: number; held: number }[] }
}
