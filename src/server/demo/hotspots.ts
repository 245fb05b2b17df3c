// Hotspots demo (热点问题): two recurring problems the hotspot map shows at once in the demo
// community (the `cadre` account's): overflowing bins reported again and again around the
// `resident` account's building, and street lights out along one path in the next grid. The
// year of cases (cases.ts) scatters its cases over whole grids, so without these the last weeks
// hold no case cluster. Deterministic: fixed offsets and the demo clock (DEMO_NOW), never now().
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import { DAY, DEMO_NOW, HOUR } from './cases.model.ts'

interface Spot { gridId: string; gridPath: string; lng: number; lat: number; name: string; people: string[] }

const BINS = [
  '楼下垃圾桶又满了，垃圾溢到路面上，没人清运。', '东门垃圾分类亭周边堆满了装修垃圾和纸箱。', '垃圾桶满溢发臭，夏天招苍蝇，希望增加清运次数。',
  '垃圾收集点晚上一直没人收，野猫翻得到处都是。', '垃圾桶旁边堆着旧家具，已经放了一个星期。', '早上七点垃圾还没清运，上班路过味道很大。', '垃圾分类亭又满了，厨余桶的盖子坏了。',
]
const LIGHTS = ['小区内道路路灯不亮，晚上老人出行不安全。', '这一段路灯坏了好几盏，晚上漆黑一片。', '路灯晚上一闪一闪的，后来干脆不亮了。', '步道旁路灯不亮，已经半个月了。']

async function spotOf(tx: Executor, where: ReturnType<typeof sql>): Promise<Spot | null> {
  const [s] = await rows<Spot>(tx, sql`
    SELECT g.id::text AS "gridId", g.path::text AS "gridPath", ST_X(b.geometry) AS lng, ST_Y(b.geometry) AS lat, b.name,
      ARRAY(SELECT r.person_id::text FROM role_assignments r JOIN orgs rb ON rb.id = r.org_id WHERE r.role = 'resident' AND rb.parent_id = g.id ORDER BY r.person_id LIMIT 7) AS people
    FROM orgs b JOIN orgs g ON g.id = b.parent_id WHERE ${where} LIMIT 1`)
  return s ?? null
}

/** Cases of `category` at the spot moved by (east, north) metres, reported `daysAgo` before the demo's now; older ones accepted. */
async function insertCases(tx: Executor, spot: Spot, category: string, items: { east: number; north: number; daysAgo: number; text: string }[]) {
  const mPerLng = 111_320 * Math.cos((spot.lat * Math.PI) / 180)
  const payload = items.map((x, i) => {
    const at = DEMO_NOW - x.daysAgo * DAY - (9 + (i % 8)) * HOUR
    const accepted = x.daysAgo > 5
    return {
      lng: spot.lng + x.east / mPerLng, lat: spot.lat + x.north / 110_574, description: x.text, address: `${spot.name}附近`,
      reporter: spot.people.length ? spot.people[i % spot.people.length]! : null, state: accepted ? 'accepted' : 'reported',
      created_at: new Date(at).toISOString(), accept_due_at: new Date(at + 24 * HOUR).toISOString(), accepted_at: accepted ? new Date(at + 2 * HOUR).toISOString() : null,
    }
  })
  const made = await rows<{ id: string; district_id: string; created_at: string; accepted_at: string | null }>(tx, sql`
    INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, address, state, level, handling_org_id, handling_org_path, reporter_id, channel,
      accept_due_at, accepted_at, created_at, updated_at)
    SELECT linli_district_of(${spot.gridId}), ${spot.gridId}, ${spot.gridPath}::ltree, ${category}, x.description, ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326), x.address, x.state, 'grid',
      ${spot.gridId}, ${spot.gridPath}::ltree, x.reporter, 'h5', x.accept_due_at, x.accepted_at, x.created_at, coalesce(x.accepted_at, x.created_at)
    FROM json_to_recordset(${JSON.stringify(payload)}::json) AS x(lng float8, lat float8, description text, address text, reporter bigint, state text,
      created_at timestamptz, accept_due_at timestamptz, accepted_at timestamptz)
    RETURNING id::text, district_id::text, created_at::text, accepted_at::text`)
  await tx.execute(sql`
    INSERT INTO case_events (case_id, district_id, action, from_state, to_state, actor_kind, note, data, at)
    SELECT x.id, x.district_id, 'report', NULL, 'reported', 'person', NULL, '{"channel":"h5"}'::jsonb, x.created_at FROM json_to_recordset(${JSON.stringify(made)}::json) AS x(id bigint, district_id bigint, created_at timestamptz)
    UNION ALL
    SELECT x.id, x.district_id, 'accept', 'reported', 'accepted', 'system', '已受理，马上安排人员处理。', '{}'::jsonb, x.accepted_at FROM json_to_recordset(${JSON.stringify(made)}::json) AS x(id bigint, district_id bigint, accepted_at timestamptz)
    WHERE x.accepted_at IS NOT NULL`)
  return made.length
}

export async function seedDemoHotspots(tx: Executor, _opts: { seed: number }): Promise<{ cases: number }> {
  const home = await spotOf(tx, sql`b.id = (SELECT r.org_id FROM accounts a JOIN role_assignments r ON r.person_id = a.person_id WHERE a.username = 'resident' AND r.role = 'resident' LIMIT 1)`)
  if (!home) return { cases: 0 }
  let n = await insertCases(tx, home, 'environment.garbage', [
    { east: 0, north: 0, daysAgo: 2, text: BINS[0]! }, { east: 35, north: 10, daysAgo: 6, text: BINS[1]! }, { east: -20, north: 30, daysAgo: 9, text: BINS[2]! },
    { east: 15, north: -35, daysAgo: 15, text: BINS[3]! }, { east: 50, north: 40, daysAgo: 22, text: BINS[4]! }, { east: -40, north: -15, daysAgo: 29, text: BINS[5]! },
    { east: 25, north: 60, daysAgo: 38, text: BINS[6]! },
  ])
  // Street lights out along one path, a few hundred metres from the bins, in the neighbouring grid.
  const next = await spotOf(tx, sql`g.parent_id = (SELECT parent_id FROM orgs WHERE id = ${home.gridId}) AND g.id <> ${home.gridId} AND b.kind = 'building' ORDER BY g.id, b.id`)
  if (next) {
    n += await insertCases(tx, next, 'facility.streetlight', [
      { east: -90, north: 0, daysAgo: 4, text: LIGHTS[0]! }, { east: -20, north: 12, daysAgo: 11, text: LIGHTS[1]! },
      { east: 60, north: -8, daysAgo: 18, text: LIGHTS[2]! }, { east: 130, north: 15, daysAgo: 31, text: LIGHTS[3]! },
    ])
  }
  return { cases: n }
}
