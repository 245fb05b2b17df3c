// Role levels (the server's own table) and labels. The server decides; the UI only hides what
// would be refused.
import { roleLevels as levels } from '@server/kernel/roles.ts'

/** Indexable by any role name the API returns (unknown ones count as 0). */
export const roleLevels: Record<string, number> = levels

export const roleLabels: Record<string, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  district_admin: { zh: '区管理员', en: 'District admin' },
  street_admin: { zh: '街道管理员', en: 'Street admin' },
  community_cadre: { zh: '社区干部', en: 'Community cadre' },
  grid_leader: { zh: '网格长', en: 'Grid leader' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  building_leader: { zh: '楼栋长', en: 'Building leader' },
  member: { zh: '党员', en: 'Party member' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  resident: { zh: '居民', en: 'Resident' },
}

export const kindLabels: Record<string, { zh: string; en: string }> = {
  city: { zh: '市', en: 'City' },
  district: { zh: '区', en: 'District' },
  street: { zh: '街道', en: 'Street' },
  community: { zh: '社区', en: 'Community' },
  village: { zh: '村', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
  building: { zh: '楼栋', en: 'Building' },
  estate: { zh: '小区', en: 'Estate' },
  department: { zh: '部门', en: 'Department' },
}

export const partyOrgKindLabels: Record<string, { zh: string; en: string }> = {
  committee: { zh: '党委', en: 'Committee' },
  general_branch: { zh: '党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Branch' },
  group: { zh: '党小组', en: 'Group' },
}

export function maxLevel(roles: { role: string }[]): number {
  return roles.reduce((m, r) => Math.max(m, roleLevels[r.role] ?? 0), 0)
}

/** Console pages and the lowest role level that may open them. */
export const consoleLevels = {
  dashboard: roleLevels.grid_worker!,
  orgs: roleLevels.grid_worker!,
  cases: roleLevels.grid_worker!,
  caseSettings: roleLevels.district_admin!,
  visits: roleLevels.grid_worker!,
  estates: roleLevels.community_cadre!,
  people: roleLevels.community_cadre!,
  audit: roleLevels.community_cadre!,
  residents: roleLevels.grid_worker!,
  points: roleLevels.grid_worker!,
  units: roleLevels.grid_worker!,
  members: roleLevels.community_cadre!,
  volunteers: roleLevels.grid_worker!,
  venues: roleLevels.community_cadre!,
  meetings: roleLevels.grid_worker!,
  broadcasts: roleLevels.grid_worker!,
  orders: roleLevels.grid_worker!,
  wishes: roleLevels.grid_worker!,
  funds: roleLevels.community_cadre!,
  statistics: roleLevels.community_cadre!,
  library: roleLevels.grid_worker!,
  familyBank: roleLevels.grid_worker!,
  screens: roleLevels.community_cadre!,
  deliberation: roleLevels.grid_worker!,
  errands: roleLevels.grid_worker!,
}
