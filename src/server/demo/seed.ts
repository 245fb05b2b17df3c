// Seeds an empty database: the demo city with its people and demo accounts (LINLI_DEMO=1,
// the default), or only a root node and an admin account for production (LINLI_DEMO=0).
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../kernel/db/client.ts'
import { hashPassword } from '../kernel/auth/passwords.ts'
import { temporaryPassword } from '../kernel/auth/secrets.ts'
import type { Role } from '../kernel/policy.ts'
import type { PiiKeyring } from '../kernel/pii.ts'
import { createNameGenerator, createRandom, DEFAULT_DEMO_SEED, generateDemoCity, type DemoOrg } from './geography/city.ts'
import { seedDemoActivity } from './cases.ts'
import { seedResidentsDemo } from './residents.ts'
import { seedDemoUnits } from './units.ts'
import { fillDemoCardHours, seedDemoMembers } from './members.ts'
import { seedDemoVolunteers } from './volunteers.ts'
import { seedDemoPoints } from './points.ts'
import { seedDemoVenues } from './venues.ts'
import { seedDemoWishes } from './wishes.ts'
import { seedDemoLibrary } from './library.ts'
import { seedDemoFamilyBank } from './family_bank.ts'
import { seedDemoScreens } from './screens.ts'
import { seedDemoBroadcasts } from './broadcasts.ts'
import { seedDemoErrands } from './errands.ts'
import { seedDemoOrders } from './orders.ts'
import { seedDemoMeetings } from './meetings.ts'
import { seedDemoPartyLife } from './party_life.ts'
import { seedDemoDeliberation } from './deliberation.ts'
import { seedDemoFunds } from './funds.ts'
import { seedDemoBuildingLeaders } from './building_leaders.ts'
import { seedDemoMobilisation } from './mobilisation.ts'
import { seedDemoHotspots } from './hotspots.ts'
import { seedDemoSecretaryProjects } from './secretary_projects.ts'

export const DEMO_PASSWORD = 'Demo@2026'

export interface DemoAccount {
  username: string
  name: string
  role: Role
  orgName: string
  story: string
}

export interface SeedResult {
  seeded: boolean
  demoAccounts: DemoAccount[]
  /** Production start only: the generated admin password, shown once. */
  generatedAdminPassword?: string
}

export async function isEmpty(db: Executor): Promise<boolean> {
  const row = await firstRow<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM people`)
  return (row?.n ?? 0) === 0
}

/** Inserts the org nodes depth by depth (a trigger derives each path from the parent's). */
async function insertOrgs(tx: Executor, nodes: DemoOrg[]): Promise<Map<string, string>> {
  // Ids are drawn from the identity sequence up front, so children can name their parents.
  const drawn = await rows<{ id: string }>(
    tx,
    sql`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::text AS id FROM generate_series(1, ${nodes.length})`,
  )
  const ids = new Map(nodes.map((n, i) => [n.key, drawn[i]!.id]))
  const depth = (n: DemoOrg) => n.key.split('.').length
  const levels = [...new Set(nodes.map(depth))].sort((a, b) => a - b)
  for (const level of levels) {
    const payload = nodes
      .filter((n) => depth(n) === level)
      .map((n) => ({
        id: ids.get(n.key),
        parent_id: n.parentKey ? ids.get(n.parentKey) : null,
        kind: n.kind,
        name: n.name,
        division_code: n.divisionCode,
        party_org_kind: n.partyOrg?.kind ?? null,
        party_org_name: n.partyOrg?.name ?? null,
        party_org_secretary: n.partyOrg?.secretary ?? null,
        property_firm: n.propertyFirm,
        geometry: n.geometry ? JSON.stringify(n.geometry) : null,
      }))
    await tx.execute(sql`
      INSERT INTO orgs (id, parent_id, kind, name, division_code, party_org_kind, party_org_name,
                        party_org_secretary, property_firm, geometry)
      OVERRIDING SYSTEM VALUE
      SELECT id, parent_id, kind, name, division_code, party_org_kind, party_org_name, party_org_secretary,
             property_firm, CASE WHEN geometry IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326) END
      FROM json_to_recordset(${JSON.stringify(payload)}::json)
        AS x(id bigint, parent_id bigint, kind text, name text, division_code text, party_org_kind text,
             party_org_name text, party_org_secretary text, property_firm text, geometry text)`)
  }
  return ids
}

async function insertPerson(tx: Executor, name: string, phone: { enc: string; hash: string; mask: string } | null): Promise<string> {
  return (await firstRow<{ id: string }>(tx, sql`INSERT INTO people (name, phone_enc, phone_hash, phone_mask)
    VALUES (${name}, ${phone?.enc ?? null}, ${phone?.hash ?? null}, ${phone?.mask ?? null}) RETURNING id::text`))!.id
}

async function assignRole(tx: Executor, personId: string, role: Role, orgId: string): Promise<void> {
  await tx.execute(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${personId}, ${role}, ${orgId}, DATE '2026-01-01')`)
}

async function createAccount(tx: Executor, personId: string, username: string, password: string, mustChange: boolean) {
  await tx.execute(sql`INSERT INTO accounts (person_id, username, password_hash, must_change_password)
    VALUES (${personId}, ${username}, ${await hashPassword(password)}, ${mustChange})`)
}

export async function seedDemo(db: Executor, pii: PiiKeyring, seed = DEFAULT_DEMO_SEED): Promise<SeedResult> {
  const nodes = generateDemoCity(seed)
  const byKey = new Map(nodes.map((n) => [n.key, n]))
  const childrenOf = (key: string, kind: DemoOrg['kind']) => nodes.filter((n) => n.parentKey === key && n.kind === kind)
  const nextName = createNameGenerator(createRandom(seed + 1))
  let phoneSerial = 0
  const nextPhone = () => pii.seal('phone', `139${String(70000000 + phoneSerial++).padStart(8, '0')}`)

  return db.transaction(async (tx) => {
    const ids = await insertOrgs(tx, nodes)
    const id = (key: string) => ids.get(key)!

    const city = nodes.find((n) => n.kind === 'city')!
    const district = nodes.find((n) => n.kind === 'district')!
    const street = childrenOf(district.key, 'street')[0]!
    const community = childrenOf(street.key, 'community')[0]!
    const grid = childrenOf(community.key, 'grid')[0]!
    const homeBuilding = childrenOf(grid.key, 'building')[0]!
    const memberBuilding = childrenOf(childrenOf(community.key, 'grid')[1]!.key, 'building')[0]!

    // Everyday staff without accounts: a leader and a worker in every grid, two cadres per community.
    for (const c of nodes.filter((n) => n.kind === 'community')) {
      for (let i = 0; i < 2; i++) await assignRole(tx, await insertPerson(tx, nextName(), nextPhone()), 'community_cadre', id(c.key))
    }
    for (const g of nodes.filter((n) => n.kind === 'grid')) {
      await assignRole(tx, await insertPerson(tx, nextName(), nextPhone()), 'grid_leader', id(g.key))
      if (g.key !== grid.key) await assignRole(tx, await insertPerson(tx, nextName(), nextPhone()), 'grid_worker', id(g.key))
    }

    const story: { username: string; role: Role; at: DemoOrg; lives?: DemoOrg; story: string }[] = [
      { username: 'admin', role: 'admin', at: city, story: '全市系统管理员' },
      { username: 'district', role: 'district_admin', at: district, story: `${district.name}管理员` },
      { username: 'street', role: 'street_admin', at: street, story: `${street.name}管理员` },
      { username: 'cadre', role: 'community_cadre', at: community, story: `${community.name}社区干部` },
      { username: 'grid', role: 'grid_worker', at: grid, story: `${community.name}${grid.name}网格员` },
      { username: 'member', role: 'member', at: community, lives: memberBuilding, story: `住在${community.name}${memberBuilding.name}的在职党员` },
      { username: 'resident', role: 'resident', at: homeBuilding, story: `住在${grid.name}${homeBuilding.name}的居民` },
    ]
    const demoAccounts: DemoAccount[] = []
    for (const s of story) {
      const name = nextName()
      const personId = await insertPerson(tx, name, nextPhone())
      await assignRole(tx, personId, s.role, id(s.at.key))
      if (s.lives) await assignRole(tx, personId, 'resident', id(s.lives.key))
      await createAccount(tx, personId, s.username, DEMO_PASSWORD, false)
      demoAccounts.push({ username: s.username, name, role: s.role, orgName: byKey.get(s.at.key)!.name, story: s.story })
    }
    await seedDemoActivity(tx, { nodes, ids, streetKey: street.key, seed, pii })
    await seedResidentsDemo(tx, { pii, seed })
    await seedDemoUnits(tx, { seed })
    await seedDemoMembers(tx, { seed })
    await seedDemoVolunteers(tx, { seed })
    await fillDemoCardHours(tx)
    await seedDemoPoints(tx, { seed })
    await seedDemoVenues(tx, { seed })
    await seedDemoWishes(tx, { seed })
    await seedDemoLibrary(tx, { seed })
    await seedDemoFamilyBank(tx, { seed })
    await seedDemoScreens(tx, { seed })
    await seedDemoBroadcasts(tx, { seed })
    await seedDemoErrands(tx, { seed })
    await seedDemoOrders(tx, { seed, pii })
    await seedDemoDeliberation(tx, { seed })
    await seedDemoFunds(tx, { seed })
    await seedDemoMeetings(tx, { seed })
    await seedDemoPartyLife(tx, { seed })
    await seedDemoBuildingLeaders(tx, { seed, pii })
    await seedDemoMobilisation(tx, { seed })
    await seedDemoHotspots(tx, { seed })
    await seedDemoSecretaryProjects(tx, { seed })
    return { seeded: true, demoAccounts }
  })
}

/** Production start: one root node and one admin; the password comes from env or is generated. */
export async function seedProduction(db: Executor, adminPassword: string | undefined): Promise<SeedResult> {
  const password = adminPassword ?? temporaryPassword()
  return db.transaction(async (tx) => {
    const root = (await firstRow<{ id: string }>(tx, sql`INSERT INTO orgs (kind, name) VALUES ('city', '本市') RETURNING id::text`))!.id
    const personId = await insertPerson(tx, '系统管理员', null)
    await assignRole(tx, personId, 'admin', root)
    await createAccount(tx, personId, 'admin', password, adminPassword === undefined)
    return { seeded: true, demoAccounts: [], generatedAdminPassword: adminPassword ? undefined : password }
  })
}
