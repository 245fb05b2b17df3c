// The city figure 8 runs in (service orders, issue 15): a district of 4 streets × 5 communities ×
// 5 grids × 50 buildings over 0.4° × 0.4°, a grid worker per grid, residents, volunteers living in
// the buildings, a grabbable item and the one-button item at the district, and 100,000 open
// orders spread over the city. Written in bulk SQL; the services then act on it as the app would.
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../src/server/kernel/db/client.ts'
import type { Actor, RequestContext } from '../src/server/kernel/context.ts'
import type { PiiKeyring } from '../src/server/kernel/pii.ts'

export const OPEN_ORDERS = 100_000
const WEST = 115.5, SOUTH = 28.5, SPAN = 0.4
const STREETS = 4, COMMUNITIES = 5, GRIDS = 5, PER_GRID = 50

export interface Home { personId: string; buildingId: string; path: string; lng: number; lat: number }

const one = async <T,>(db: Executor, q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!
export const ctxOf = (actor: Actor): RequestContext => ({ actor, ip: null, userAgent: 'linli-bench', requestId: null })
export const person = (personId: string, roles: Actor['roles']): Actor => ({
  kind: 'person', personId, personName: null, accountId: null, sessionId: null, tokenId: null, roles, mustChangePassword: false, totpSetupRequired: false, sessionExpired: false,
})

/** People living in buildings `from`.. (one each, round the buildings), with a role there. */
async function residentsAt(db: Executor, n: number, opts: { name: string; role: 'resident' | 'volunteer'; firstBuilding?: number; sameBuilding?: boolean; birthYear?: number }): Promise<Home[]> {
  const buildings = await rows<{ id: string; path: string; lng: number; lat: number }>(db, sql`SELECT id::text, path::text, ST_X(geometry) AS lng, ST_Y(geometry) AS lat FROM orgs
    WHERE kind = 'building' ORDER BY id OFFSET ${opts.firstBuilding ?? 0} LIMIT ${opts.sameBuilding ? 1 : n}`)
  const people = await rows<{ id: string }>(db, sql`INSERT INTO people (name) SELECT ${opts.name} || g FROM generate_series(1, ${n}) g ORDER BY g RETURNING id::text`)
  const homes = people.map((p, i) => ({ personId: p.id, building: buildings[i % buildings.length]! }))
  const payload = JSON.stringify(homes.map((h) => ({ person_id: h.personId, org_id: h.building.id })))
  await db.execute(sql`INSERT INTO residents (person_id, org_id, household, birth_year) SELECT person_id, org_id, '1-101', ${opts.birthYear ?? 1980}
    FROM json_to_recordset(${payload}::json) AS x(person_id bigint, org_id bigint)`)
  await db.execute(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) SELECT person_id, ${opts.role}, org_id, DATE '2026-01-01'
    FROM json_to_recordset(${payload}::json) AS x(person_id bigint, org_id bigint)`)
  if (opts.role === 'volunteer') await db.execute(sql`INSERT INTO volunteers (person_id) SELECT person_id FROM json_to_recordset(${payload}::json) AS x(person_id bigint)`)
  return homes.map((h) => ({ personId: h.personId, buildingId: h.building.id, path: h.building.path, lng: h.building.lng, lat: h.building.lat }))
}

export async function buildCity(db: Executor, pii: PiiKeyring) {
  const city = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name) VALUES ('city', '基准市') RETURNING id::text, path::text`)
  const district = await one<{ id: string; path: string }>(db, sql`INSERT INTO orgs (kind, name, parent_id) VALUES ('district', '基准区', ${city.id}) RETURNING id::text, path::text`)
  const tileW = SPAN / STREETS
  await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry)
    SELECT 'street', '街道' || s, ${district.id}, ST_MakeEnvelope(${WEST}::float8 + s * ${tileW}::float8, ${SOUTH}::float8, ${WEST}::float8 + (s + 1) * ${tileW}::float8, ${SOUTH + SPAN}::float8, 4326)
    FROM generate_series(0, ${STREETS - 1}) s ORDER BY s`)
  await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'community', s.name || '社区' || c, s.id FROM orgs s, generate_series(1, ${COMMUNITIES}) c WHERE s.kind = 'street' ORDER BY s.id, c`)
  await db.execute(sql`INSERT INTO orgs (kind, name, parent_id) SELECT 'grid', c.name || '网格' || g, c.id FROM orgs c, generate_series(1, ${GRIDS}) g WHERE c.kind = 'community' ORDER BY c.id, g`)
  await db.execute(sql`INSERT INTO orgs (kind, name, parent_id, geometry)
    SELECT 'building', g.name || '楼' || b, g.id, ST_SetSRID(ST_MakePoint(
        ST_XMin(s.geometry) + ${tileW}::float8 * ((hashint4(g.id::int * 1000 + b) & 65535) / 65536.0),
        ST_YMin(s.geometry) + ${SPAN}::float8 * (((hashint4(g.id::int * 1000 + b) >> 16) & 65535) / 65536.0)), 4326)
    FROM orgs g JOIN orgs c ON c.id = g.parent_id JOIN orgs s ON s.id = c.parent_id, generate_series(1, ${PER_GRID}) b WHERE g.kind = 'grid' ORDER BY g.id, b`)
  // A grid worker in every grid, who reviews placed orders and is the first step of a one-button call.
  const workers = await rows<{ id: string }>(db, sql`INSERT INTO people (name) SELECT '网格员' || g.id FROM orgs g WHERE g.kind = 'grid' ORDER BY g.id RETURNING id::text`)
  await db.execute(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from)
    SELECT w.id::bigint, 'grid_worker', g.id, DATE '2026-01-01' FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM orgs WHERE kind = 'grid') g
    JOIN (SELECT unnest(string_to_array(${workers.map((w) => w.id).join(',')}, ',')) AS id, generate_series(1, ${workers.length}) AS n) w ON w.n = g.n`)

  const item = async (name: string, kinds: string[], o: { autoAccept: boolean; audience: string }) => {
    const i = await one<{ id: string }>(db, sql`INSERT INTO service_items (org_id) VALUES (${district.id}) RETURNING id::text`)
    const v = await one<{ id: string }>(db, sql`INSERT INTO service_item_versions (item_id, version, list, name, icon, provider_kinds, audience, auto_accept, grab, points, review_hours, claim_hours, finish_hours)
      VALUES (${i.id}, 1, 'volunteer', ${name}, 'service', string_to_array(${kinds.join(',')}, ','), ${o.audience}, ${o.autoAccept}, true, 20, 24, 24, 72) RETURNING id::text`)
    await db.execute(sql`UPDATE service_items SET current_version_id = ${v.id} WHERE id = ${i.id}`)
    return { id: i.id, versionId: v.id }
  }
  const haircut = await item('上门理发', ['member', 'volunteer'], { autoAccept: false, audience: 'everyone' })
  const sos = await item('一键呼叫紧急援助', ['staff', 'member', 'volunteer'], { autoAccept: true, audience: 'elderly' })

  const requesters = await residentsAt(db, 2000, { name: '居民', role: 'resident', birthYear: 1950 })
  // 100,000 open orders over the city, each at a requester's building, a little off its door.
  await db.execute(sql`INSERT INTO orders (item_id, item_version_id, org_id, community_id, state, requester_id, channel, location, address, reviewed_at, due_at, created_at)
    SELECT ${haircut.id}, ${haircut.versionId}, r.org_id, c.id, 'open', r.person_id, 'app',
      ST_SetSRID(ST_MakePoint(ST_X(b.geometry) + ((hashint4(g) & 255) - 128) / 1e5, ST_Y(b.geometry) + (((hashint4(g) >> 8) & 255) - 128) / 1e5), 4326),
      '基准路' || g || '号', now(), now() + interval '24 hours', now() - make_interval(mins => g % 1440)
    FROM generate_series(1, ${OPEN_ORDERS}) g
    JOIN (SELECT person_id, org_id, row_number() OVER (ORDER BY id) - 1 AS n FROM residents) r ON r.n = (hashint4(g * 7) & 2147483647) % ${requesters.length}
    JOIN orgs b ON b.id = r.org_id JOIN orgs gr ON gr.id = b.parent_id JOIN orgs c ON c.id = gr.parent_id`)
  for (const t of ['orgs', 'orders', 'residents', 'people', 'role_assignments']) await db.execute(sql.raw(`ANALYZE ${t}`))

  const volunteers = await residentsAt(db, 300, { name: '志愿者', role: 'volunteer', firstBuilding: 17 })
  const claimers = await residentsAt(db, 100, { name: '抢单志愿者', role: 'volunteer', firstBuilding: 3, sameBuilding: true })
  const placers = await residentsAt(db, 50, { name: '下单居民', role: 'resident', firstBuilding: 500 })
  // 50 elderly residents with a button each: no cancel window, so a press places its order at once.
  const elders = await residentsAt(db, 50, { name: '独居老人', role: 'resident', firstBuilding: 1000, birthYear: 1940 })
  const devices: { id: string; secret: string }[] = []
  for (const [i, e] of elders.entries()) {
    const secret = randomBytes(24).toString('base64url')
    const d = await one<{ id: string }>(db, sql`INSERT INTO devices (serial, kind, person_id, org_id, default_item_id, secret_enc, cancel_window_s, ladder)
      VALUES (${`BENCH-${i}`}, 'button', ${e.personId}, ${e.buildingId}, ${sos.id}, ${pii.encrypt('device_secret', secret)}, 0, ${JSON.stringify({ grid: 60, nearby: 180, duty: 300, family: 600 })}::jsonb) RETURNING id::text`)
    devices.push({ id: d.id, secret })
  }
  return { city, district, haircut, sos, requesters, volunteers, claimers, placers, devices }
}

export type City = Awaited<ReturnType<typeof buildCity>>
