// Test helpers of the errands module: a street with its station staff and a community with its
// point's cadres, a resident living there, and an errand body.
import type { TestApp } from './app.ts'
import type { Factories } from './factories.ts'

let serial = 0

export function errandBody(over: Record<string, unknown> = {}) {
  return {
    matter: 'business_licence', title: `办理营业执照${++serial}`, description: '新开一家小超市，想办营业执照',
    checklist: [{ name: '身份证', required: true }, { name: '租赁合同', required: true }, { name: '门头照片', required: false }], ...over,
  }
}

/** A street (station) with a community (point) under it; staff at each; a resident of the community. */
export async function errandWorld(_t: TestApp, f: Factories) {
  const street = await f.newStreet()
  const community = await f.newCommunity({ street })
  const grid = await f.newGrid(community)
  const building = await f.newBuilding(grid)
  const [pointCadre, pointHelper, stationStaff, resident] = await Promise.all([
    f.newPerson({ role: 'community_cadre', orgId: community.id }),
    f.newPerson({ role: 'grid_worker', orgId: community.id }),
    f.newPerson({ role: 'street_admin', orgId: street.id }),
    f.newPerson({ role: 'resident', orgId: building.id }),
  ])
  return { street, community, grid, building, pointCadre, pointHelper, stationStaff, resident }
}
