// Role levels: the one table the server's permission checks and the web app's navigation share
// (browser-safe: no imports).
export const roleLevels = {
  admin: 100,
  district_admin: 90,
  street_admin: 80,
  community_cadre: 70,
  grid_leader: 60,
  grid_worker: 50,
  building_leader: 40,
  member: 30,
  volunteer: 20,
  resident: 10,
} as const

export type Role = keyof typeof roleLevels
