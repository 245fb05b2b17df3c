// Test factories in the manner of Outline's `buildUser({ teamId })`: each call makes a world of
// its own (a new street with its community under the demo district, grids and buildings drawn
// inside it, people with a role there and a logged-in client, cases reported in a grid), so a
// test states what it needs instead of leaning on demo usernames or on another test's rows.
// People and accounts go through their owners' functions (the real sealing and password
// hashing), clients through the real login; org rows are plain inserts (a trigger sets the path).
import { sql } from 'drizzle-orm'
import type { Role } from '../../src/server/kernel/policy.ts'
import type { Client, TestApp } from './app.ts'

export interface Box { west: number; south: number; east: number; north: number }
export interface Org { id: string; kind: string; name: string; path: string; parentId: string; box: Box }
export interface Person {
  id: string
  accountId: string
  username: string
  password: string
  role: Role
  orgId: string
  /** Logged in through POST /auth/login. */
  client: Client
}
export interface Case { id: string; gridId: string; reporter: Person; location: { lng: number; lat: number } }

/** A password that passes the strength rules and contains no factory username. */
export const FACTORY_PASSWORD = 'Factory@2026x'

// Each community gets a cell of its own far from the demo city (around 115.7°E 28.7°N), so no
// factory outline overlaps a demo one or another factory's; grids and buildings subdivide it.
const CELL = 0.04
const GRID = CELL / 4
let serial = 0

const centre = (b: Box) => ({ lng: (b.west + b.east) / 2, lat: (b.south + b.north) / 2 })
const inset = (b: Box, by: number): Box => ({ west: b.west + by, south: b.south + by, east: b.east - by, north: b.north - by })

export function factories(t: TestApp) {
  const db = t.database.db
  const gridsOf = new Map<string, number>()
  const buildingsOf = new Map<string, number>()
  const reporterOf = new Map<string, Promise<Person>>()

  // Buildings are points (the orgs geometry check), the other kinds outlines.
  async function newOrg(kind: string, name: string, parentId: string, box: Box): Promise<Org> {
    const geometry = kind === 'building'
      ? sql`ST_SetSRID(ST_MakePoint(${(box.west + box.east) / 2}, ${(box.south + box.north) / 2}), 4326)`
      : sql`ST_MakeEnvelope(${box.west}, ${box.south}, ${box.east}, ${box.north}, 4326)`
    const [row] = await t.query<{ id: string; path: string }>(sql`
      INSERT INTO orgs (kind, name, parent_id, geometry) VALUES (${kind}, ${name}, ${parentId}, ${geometry})
      RETURNING id::text, path::text`)
    return { id: row!.id, kind, name, path: row!.path, parentId, box }
  }

  /** A street of its own under the demo district, covering one cell. */
  async function newStreet(): Promise<Org> {
    const n = ++serial
    const west = 90 + (n % 100) * CELL * 1.5
    const south = 35 + Math.floor(n / 100) * CELL * 1.5
    return newOrg('street', `测试街道${n}`, t.fixtures.districtId, { west, south, east: west + CELL, north: south + CELL })
  }

  /** A community (in a street of its own, so nobody but the demo's city and district admins sees it). */
  async function newCommunity(opts: { street?: Org } = {}): Promise<Org> {
    const street = opts.street ?? (await newStreet())
    return newOrg('community', `测试社区${++serial}`, street.id, street.box)
  }

  /** A grid inside the community: up to 16 per community, side by side. */
  async function newGrid(community: Org): Promise<Org> {
    const i = gridsOf.get(community.id) ?? 0
    if (i >= 16) throw new Error('a factory community holds 16 grids')
    gridsOf.set(community.id, i + 1)
    const west = community.box.west + (i % 4) * GRID
    const south = community.box.south + Math.floor(i / 4) * GRID
    return newOrg('grid', `测试网格${++serial}`, community.id, inset({ west, south, east: west + GRID, north: south + GRID }, GRID / 100))
  }

  /** A building (a point) inside the grid: up to 9 per grid, each in a ninth of it. */
  async function newBuilding(grid: Org): Promise<Org> {
    const i = buildingsOf.get(grid.id) ?? 0
    if (i >= 9) throw new Error('a factory grid holds 9 buildings')
    buildingsOf.set(grid.id, i + 1)
    const step = (grid.box.east - grid.box.west) / 3
    const west = grid.box.west + (i % 3) * step
    const south = grid.box.south + Math.floor(i / 3) * step
    return newOrg('building', `测试楼${++serial}`, grid.id, inset({ west, south, east: west + step, north: south + step }, step / 10))
  }

  /** A person holding `role` at `orgId` (from 2026-01-01), with an account and a logged-in client. */
  async function newPerson(opts: { role: Role; orgId: string; name?: string }): Promise<Person> {
    const n = ++serial
    const username = `factory_${process.pid}_${n}`
    const id = await t.app.services.people.create(db, { name: opts.name ?? `测试人员${n}` })
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${id}, ${opts.role}, ${opts.orgId}, DATE '2026-01-01')`)
    const accountId = await t.app.services.auth.createAccount(db, id, username, FACTORY_PASSWORD, false)
    // An address per person: the login limit counts per address, and a test's own logins keep theirs.
    const client = await t.as(username, FACTORY_PASSWORD, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`)
    return { id, accountId, username, password: FACTORY_PASSWORD, role: opts.role, orgId: opts.orgId, client }
  }

  /** A case reported (POST /cases) at the grid's centre by a resident of a building in it. */
  async function newCase(grid: Org, opts: { categoryCode?: string; description?: string; by?: Person } = {}): Promise<Case> {
    let reporter = opts.by
    if (!reporter) {
      if (!reporterOf.has(grid.id)) reporterOf.set(grid.id, newBuilding(grid).then((b) => newPerson({ role: 'resident', orgId: b.id })))
      reporter = await reporterOf.get(grid.id)!
    }
    const location = centre(grid.box)
    const res = await reporter.client.post('/api/v1/cases', {
      categoryCode: opts.categoryCode ?? 'facility.road',
      description: opts.description ?? `测试案件${++serial}`,
      location,
      crs: 'wgs84',
    })
    if (res.statusCode !== 201) throw new Error(`newCase: ${res.statusCode} ${res.body}`)
    return { id: res.json().id as string, gridId: grid.id, reporter, location }
  }

  return { newStreet, newCommunity, newGrid, newBuilding, newPerson, newCase, centre }
}

export type Factories = ReturnType<typeof factories>
