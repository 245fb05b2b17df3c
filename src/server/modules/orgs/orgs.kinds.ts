// The shape of the org tree, shared by the server's rules and the web app (browser-safe: no
// imports but the role levels). Which kinds may stand under which, and the role level needed
// to manage the children of a node of each kind.
import { roleLevels } from '../../kernel/roles.ts'

export type OrgKind = 'city' | 'district' | 'street' | 'community' | 'village' | 'grid' | 'building' | 'estate' | 'department'

export const childKinds: Record<OrgKind | 'root', OrgKind[]> = {
  root: ['city', 'district', 'street'],
  city: ['district', 'department'],
  district: ['street', 'department'],
  street: ['community', 'village', 'department'],
  community: ['grid', 'estate', 'department'],
  village: ['grid', 'estate', 'department'],
  grid: ['building'],
  building: [],
  estate: [],
  department: [],
}

export const manageLevelUnder: Record<OrgKind, number> = {
  city: roleLevels.admin,
  district: roleLevels.district_admin,
  street: roleLevels.street_admin,
  community: roleLevels.community_cadre,
  village: roleLevels.community_cadre,
  grid: roleLevels.grid_leader,
  building: Infinity,
  estate: Infinity,
  department: Infinity,
}
