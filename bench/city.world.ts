// The city figure 13 runs on (issue 19 §1): Nanchang's proportions — 1,500 communities of 10 grids
// of 20 buildings (300,000), 6.5 million residents, 20,000 party members, 2,600 units, 1,000
// venues, five years of cases (5 million) with their timelines, orders, notifications, points
// postings, audit rows and a month of statistic facts per community and indicator — times
// LINLI_CITY_SCALE. Everything is written by the server: `INSERT … SELECT … FROM generate_series`
// in batches of at most BATCH rows, ids derived by arithmetic from the first id of each level
// (each level is one ordered INSERT, so its identity values are contiguous, which is checked),
// never a row through Node. Secondary indexes are dropped before the load and rebuilt after it,
// then ANALYZE, as a restore would; the real constraints (checks, foreign keys) stay on, except
// for the points postings, loaded as bench 6 loads them (triggers off, balances set after).
import { sql, type SQL } from 'drizzle-orm'
import { performance } from 'node:perf_hooks'
import { rows, type Executor } from '../src/server/kernel/db/client.ts'
import { monthAt } from '../src/server/kernel/indicators.ts'
import { compactCaseStats } from '../src/server/modules/cases/cases.repository.ts'

export const FULL = {
  communities: 1500, gridsPerCommunity: 10, buildingsPerGrid: 20, residents: 6_500_000, members: 20_000, units: 2600, venues: 1000,
  cases: 5_000_000, orders: 500_000, pointsTransactions: 1_500_000, audit: 10_000_000,
}
const COMMUNITIES_PER_STREET = 15
/** A city's districts hold 10 streets; LINLI_CITY_STREETS_PER_DISTRICT=1 gives a small city several (the Citus section, 15). */
const streetsPerDistrict = () => Math.max(1, Number(process.env.LINLI_CITY_STREETS_PER_DISTRICT ?? '10') || 10)
const YEARS = 5
const BATCH = 250_000
const WEST = 115.6, SOUTH = 28.4, CELL = 0.02 // a community is a 0.02° square; its grids 5 × 2 tiles of it

export interface CityCounts {
  scale: number; districts: number; streets: number; communities: number; grids: number; buildings: number
  residents: number; members: number; units: number; venues: number; cases: number; orders: number; pointsTransactions: number; audit: number
}

export function countsAt(scale: number): CityCounts {
  const n = (x: number) => Math.max(1, Math.round(x * scale))
  const communities = n(FULL.communities)
  const streets = Math.ceil(communities / COMMUNITIES_PER_STREET)
  const grids = communities * FULL.gridsPerCommunity
  return {
    scale, districts: Math.ceil(streets / streetsPerDistrict()), streets, communities, grids, buildings: grids * FULL.buildingsPerGrid,
    residents: n(FULL.residents), members: n(FULL.members), units: n(FULL.units), venues: n(FULL.venues), cases: n(FULL.cases),
    orders: n(FULL.orders), pointsTransactions: n(FULL.pointsTransactions), audit: n(FULL.audit),
  }
}

/** First id and count of a level written by one ordered INSERT. */
export interface Range { first: number; n: number }
export interface LoadStep { table: string; rows: number; ms: number }
export interface CityWorld {
  counts: CityCounts
  city: { id: string; path: string }
  district: Range; street: Range; community: Range; grid: Range; building: Range
  people: Range; gridWorkers: Range; cadres: Range; streetAdmins: Range
  items: { id: string; versionId: string }
  steps: LoadStep[]
}

const one = async <T,>(db: Executor, q: SQL) => (await rows<T>(db, q))[0]!
const lit = (x: number) => sql.raw(String(Math.trunc(x)))
// Where a grid (0-based ordinal g) sits: its community's square on a lattice, then a 5 × 2 tile of it.
const cols = (c: CityCounts) => Math.ceil(Math.sqrt(c.communities))
const gridX = (g: SQL, c: CityCounts) => sql`(${WEST}::float8 + ((${g}) / 10 % ${lit(cols(c))}) * ${CELL}::float8 + ((${g}) % 5) * ${CELL / 5}::float8)`
const gridY = (g: SQL, c: CityCounts) => sql`(${SOUTH}::float8 + ((${g}) / 10 / ${lit(cols(c))}) * ${CELL}::float8 + ((${g}) % 10 / 5) * ${CELL / 2}::float8)`
/** A point inside grid `g`, placed by the 32-bit hash `h`. */
const pointIn = (g: SQL, h: SQL, c: CityCounts) => sql`ST_SetSRID(ST_MakePoint(${gridX(g, c)} + ((${h}) & 65535) / 65536.0 * ${CELL / 5}::float8, ${gridY(g, c)} + (((${h}) >> 16) & 65535) / 65536.0 * ${CELL / 2}::float8), 4326)`
const hash = (x: SQL) => sql`(hashint8((${x})::bigint) & 2147483647)`

async function range(db: Executor, table: string, insert: () => Promise<unknown>): Promise<Range> {
  const before = await one<{ id: string | null }>(db, sql`SELECT max(id)::text AS id FROM ${sql.identifier(table)}`)
  await insert()
  const after = await one<{ first: string; last: string; n: number }>(db, sql`SELECT min(id)::text AS first, max(id)::text AS last, count(*)::int AS n FROM ${sql.identifier(table)} WHERE id > ${before.id ?? 0}`)
  const r = { first: Number(after.first), n: after.n }
  if (Number(after.last) - r.first + 1 !== r.n) throw new Error(`${table}: ids of one INSERT are not contiguous (${after.first}..${after.last}, ${after.n} rows)`)
  return r
}

async function inBatches(total: number, run: (from: number, to: number) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < total; from += BATCH) await run(from, Math.min(total, from + BATCH) - 1)
}

const BIG_TABLES = ['people', 'residents', 'role_assignments', 'party_members', 'cases', 'case_events', 'orders', 'notifications', 'points_accounts', 'points_transactions', 'points_postings', 'audit_log', 'statistic_facts']

/** Secondary indexes (not those behind a primary key, unique or exclusion constraint) of the big tables: dropped now, their definitions returned. */
async function dropIndexes(db: Executor): Promise<string[]> {
  const defs = await rows<{ name: string; def: string }>(db, sql`SELECT quote_ident(i.relname) AS name, pg_get_indexdef(i.oid) AS def
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname = ANY(${`{${BIG_TABLES.join(',')}}`}::text[]) AND t.relnamespace = 'public'::regnamespace AND i.relkind IN ('i', 'I')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.oid)`)
  for (const d of defs) await db.execute(sql.raw(`DROP INDEX ${d.name}`))
  return defs.map((d) => d.def)
}

export async function buildCityWorld(db: Executor, counts: CityCounts): Promise<CityWorld> {
  const c = counts
  const steps: LoadStep[] = []
  const step = async <T,>(table: string, rowsOf: number, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now()
    const out = await fn()
    steps.push({ table, rows: rowsOf, ms: performance.now() - t0 })
    return out
  }
  const city = await one<{ id: string; path: string }>(db, sql`SELECT id::text, path::text FROM orgs WHERE kind = 'city' AND parent_id IS NULL ORDER BY id LIMIT 1`)
  const indexes = await step('(drop secondary indexes)', 0, () => dropIndexes(db))

  // The org tree: one ordered INSERT per level, the parent found by arithmetic on the ordinal.
  const t0 = performance.now()
  const district = await range(db, 'orgs', () => db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'district', '城区' || d, ${city.id} FROM generate_series(1, ${c.districts}) d ORDER BY d`))
  const street = await range(db, 'orgs', () => db.execute(sql`INSERT INTO orgs (kind, name, parent_id)
    SELECT 'street', '街道' || s, ${district.first}::bigint + s * ${c.districts} / ${c.streets} FROM generate_series(0, ${c.streets - 1}) s ORDER BY s`))
  const community = await range(db, 'orgs', () => db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry)
    SELECT 'community', '社区' || k, ${street.first}::bigint + k * ${c.streets} / ${c.communities},
      ST_Multi(ST_MakeEnvelope(${gridX(sql`k * 10`, c)}, ${gridY(sql`k * 10`, c)}, ${gridX(sql`k * 10`, c)} + ${CELL}::float8, ${gridY(sql`k * 10`, c)} + ${CELL}::float8, 4326))
    FROM generate_series(0, ${c.communities - 1}) k ORDER BY k`))
  const grid = await range(db, 'orgs', () => db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry)
    SELECT 'grid', '网格' || g, ${community.first}::bigint + g / 10,
      ST_Multi(ST_MakeEnvelope(${gridX(sql`g`, c)}, ${gridY(sql`g`, c)}, ${gridX(sql`g`, c)} + ${CELL / 5}::float8, ${gridY(sql`g`, c)} + ${CELL / 2}::float8, 4326))
    FROM generate_series(0, ${c.grids - 1}) g ORDER BY g`))
  let building: Range = { first: 0, n: 0 }
  await step('orgs (buildings)', c.buildings, async () => {
    building = await range(db, 'orgs', () => inBatches(c.buildings, (from, to) => db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry)
      SELECT 'building', (b % ${FULL.buildingsPerGrid} + 1) || '栋', ${grid.first}::bigint + b / ${FULL.buildingsPerGrid}, ${pointIn(sql`b / ${lit(FULL.buildingsPerGrid)}`, hash(sql`b`), c)}
      FROM generate_series(${from}::bigint, ${to}::bigint) b ORDER BY b`)))
  })
  steps.unshift({ table: 'orgs (districts … grids)', rows: c.districts + c.streets + c.communities + c.grids, ms: performance.now() - t0 - steps.at(-1)!.ms })

  // Staff: a grid worker per grid, a cadre per community, an admin per street and district.
  const staff = async (name: string, role: string, level: Range) => {
    const people = await range(db, 'people', () => db.execute(sql`INSERT INTO people (name) SELECT ${name} || i FROM generate_series(0, ${level.n - 1}) i ORDER BY i`))
    await db.execute(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from)
      SELECT ${people.first}::bigint + i, ${role}, ${level.first}::bigint + i, DATE '2021-01-01' FROM generate_series(0, ${level.n - 1}) i`)
    return people
  }
  const [gridWorkers, cadres, streetAdmins] = await step('people + role_assignments (staff)', c.grids + c.communities + c.streets + c.districts, async () => {
    const out = [await staff('网格员', 'grid_worker', grid), await staff('社区书记', 'community_cadre', community), await staff('街道管理员', 'street_admin', street)] as const
    await staff('区管理员', 'district_admin', district)
    return out
  })

  // Residents: a person each, living in buildings in order (about 22 to a building).
  let people: Range = { first: 0, n: 0 }
  await step('people (residents)', c.residents, async () => {
    people = await range(db, 'people', () => inBatches(c.residents, (from, to) => db.execute(sql`INSERT INTO people (name)
      SELECT (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + ${hash(sql`i`)} % 10] || '居民' || i FROM generate_series(${from}::bigint, ${to}::bigint) i ORDER BY i`)))
  })
  const buildingOf = (i: SQL) => sql`(${i}::bigint * ${building.n} / ${c.residents})`
  await step('residents', c.residents, () => inBatches(c.residents, (from, to) => db.execute(sql`INSERT INTO residents (person_id, org_id, household, relation, gender, birth_year, tags, consent_contact)
    SELECT ${people.first}::bigint + i, ${building.first}::bigint + ${buildingOf(sql`i`)}, (1 + i % 6) || '-' || (101 + (i / 6) % 30), (ARRAY['head','spouse','child','parent'])[1 + i % 4],
      CASE WHEN ${hash(sql`i`)} % 2 = 0 THEN 'male' ELSE 'female' END, 1935 + ${hash(sql`i * 3`)} % 88,
      CASE WHEN ${hash(sql`i * 5`)} % 40 = 0 THEN ARRAY['elderly_alone'] WHEN ${hash(sql`i * 5`)} % 40 = 1 THEN ARRAY['low_income'] ELSE '{}'::text[] END, true
    FROM generate_series(${from}::bigint, ${to}::bigint) i`)))
  // The community a resident (0-based ordinal) lives in, by the same arithmetic.
  const communityOf = (i: SQL) => sql`(${community.first}::bigint + ${buildingOf(i)} / ${lit(FULL.buildingsPerGrid * FULL.gridsPerCommunity)})`
  const gridOrdinalOf = (i: SQL) => sql`(${buildingOf(i)} / ${lit(FULL.buildingsPerGrid)})`

  await step('units', c.units, () => db.execute(sql`INSERT INTO units (name, kind, org_id, resident_unit, has_party_org, party_member_count, staff_count, address, location)
    SELECT '单位' || u, (ARRAY['government_agency','public_institution','state_enterprise','non_public_firm','social_organisation','merchant','property_firm'])[1 + u % 7],
      ${community.first}::bigint + u % ${c.communities}, u % 3 = 0, u % 2 = 0, u % 30, 10 + u % 200, '基准路' || u || '号', ${pointIn(sql`(u % ${lit(c.communities)}) * 10`, hash(sql`u`), c)}
    FROM generate_series(0, ${c.units - 1}) u`))
  const memberOrdinal = (m: SQL) => sql`(${m}::bigint * ${c.residents} / ${c.members})`
  await step('party_members, role_assignments, introduction_letters, registrations', c.members * 4, async () => {
    await db.execute(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id, joined_on, public_walls)
      SELECT ${people.first}::bigint + ${memberOrdinal(sql`m`)}, '社区党支部' || ${communityOf(memberOrdinal(sql`m`))}, (ARRAY['regular','in_service','retired','gig_worker','flowing'])[1 + m % 5],
        ${communityOf(memberOrdinal(sql`m`))}, DATE '1980-01-01' + (m % 15000), CASE WHEN m % 3 = 0 THEN ARRAY['signature'] ELSE '{}'::text[] END
      FROM generate_series(0, ${c.members - 1}) m`)
    await db.execute(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from)
      SELECT ${people.first}::bigint + ${memberOrdinal(sql`m`)}, 'member', ${building.first}::bigint + ${buildingOf(memberOrdinal(sql`m`))}, DATE '2021-01-01' FROM generate_series(0, ${c.members - 1}) m`)
    // Every member has reported to their community (报到): an introduction letter from a unit, accepted.
    await db.execute(sql`INSERT INTO introduction_letters (unit_id, member_id, community_id, year, serial, number, issued_by)
      SELECT (SELECT min(id) FROM units) + pm.id % ${c.units}, pm.id, pm.community_id, 2022, pm.id, 'JSX-' || pm.id, ${cadres.first}::bigint + (pm.community_id - ${community.first}::bigint)
      FROM party_members pm`)
    await db.execute(sql`INSERT INTO registrations (kind, member_id, community_id, status, letter_id, submitted_by, submitted_at, reviewed_by, reviewed_at)
      SELECT 'member', l.member_id, l.community_id, 'accepted', l.id, pm.person_id, TIMESTAMPTZ '2022-03-01', l.issued_by, TIMESTAMPTZ '2022-03-02'
      FROM introduction_letters l JOIN party_members pm ON pm.id = l.member_id`)
  })
  const hours = JSON.stringify({ weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '08:30', close: '20:00' })), exceptions: [], closedOnHolidays: false })
  await step('venues', c.venues, () => db.execute(sql`INSERT INTO venues (kind, level, station_kind, name, org_id, address, entrance, hours, amenities, services)
    SELECT (ARRAY['party_service_center','neighbourhood_center','station','service_point'])[1 + v % 4], CASE WHEN v % 4 = 0 THEN 'community' END, CASE WHEN v % 4 = 2 THEN 'red' END,
      '阵地' || v, ${community.first}::bigint + v % ${c.communities}, '阵地路' || v || '号', ${pointIn(sql`(v % ${lit(c.communities)}) * 10 + v % 10`, hash(sql`v * 7`), c)}, ${hours}::jsonb,
      ARRAY['rest','drinking_water'], ARRAY['elderly']
    FROM generate_series(0, ${c.venues - 1}) v`))

  const world: CityWorld = { counts, city, district, street, community, grid, building, people, gridWorkers, cadres, streetAdmins, items: { id: '', versionId: '' }, steps }
  const { loadActivity } = await import('./city.activity.ts')
  await loadActivity(db, world, { pointIn, hash, gridOrdinalOf, communityOf, inBatches, step, years: YEARS })

  // A partitioned table's index reads `ON ONLY` in its definition: run as is it would make only the
  // parent's (invalid) index and leave every partition without one, so it is built on the whole table.
  // The cases' triggers left one delta row per insert and change in the figures' rollup: merged
  // here, as the first minute sweep after a load would, so the endpoints read a merged rollup.
  await step('(merge case_stats_rollup)', 0, () => compactCaseStats(db))
  await step('(rebuild secondary indexes)', indexes.length, async () => { for (const def of indexes) await db.execute(sql.raw(def.replace(/ ON ONLY /, ' ON '))) })
  await step('(ANALYZE)', 0, () => db.execute(sql`ANALYZE`))
  return world
}

/** The last `n` months as periods, newest first. */
export function lastMonths(n: number, now = new Date()): string[] {
  return Array.from({ length: n }, (_, k) => monthAt(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 15))))
}

export type Helpers = {
  pointIn: typeof pointIn; hash: typeof hash; gridOrdinalOf: (i: SQL) => SQL; communityOf: (i: SQL) => SQL
  inBatches: typeof inBatches; step: <T>(table: string, rowsOf: number, fn: () => Promise<T>) => Promise<T>; years: number
}
