// Test helpers of the venues module: a venue body, a venue in a community of its own with a
// cadre to manage it, slots in Beijing time, and a unit with a person acting for it.
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import type { Factories, Org, Person } from './factories.ts'
import { buildCreditCode } from '../../src/server/modules/units/units.credit-code.ts'

let serial = 0

export const everyDay = { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '08:00', close: '21:00' })), exceptions: [], closedOnHolidays: false }

export function venueBody(community: Org, over: Record<string, unknown> = {}) {
  const centre = { lng: (community.box.west + community.box.east) / 2, lat: (community.box.south + community.box.north) / 2 }
  return {
    kind: 'party_service_center', level: 'community', name: `测试党群服务中心${++serial}`, orgId: community.id, address: '测试路 1 号',
    entrance: centre, hours: everyDay, amenities: ['rest', 'drinking_water'], services: ['elderly', 'culture_sport'], tags: ['四点半课堂'],
    rooms: [{ name: '多功能活动室', capacity: 40 }], ...over,
  }
}

/** `days` days from today (Beijing), at `hour`:`minute` Beijing time, as ISO with +08:00. */
export function beijing(days: number, hour: number, minute = 0): string {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  const d = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
  return `${d}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`
}

/** A community of its own, its cadre, and a venue there with one room (rules as given). */
export async function venueWorld(t: TestApp, f: Factories, room: Record<string, unknown> = {}, venue: Record<string, unknown> = {}) {
  const community = await f.newCommunity()
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const res = await cadre.client.post('/api/v1/venues', venueBody(community, { rooms: [{ name: '多功能活动室', capacity: 40, ...room }], ...venue }))
  if (res.statusCode !== 201) throw new Error(`venueWorld: ${res.statusCode} ${res.body}`)
  const v = res.json() as { id: string; rooms: { id: string }[] }
  return { community, cadre, venue: v, roomId: v.rooms[0]!.id }
}

/** A unit registered at `orgId` with `person` acting for it. */
export async function unitFor(t: TestApp, orgId: string, person: Person): Promise<string> {
  const code = buildCreditCode('91', '360105', String(88000000 + process.pid % 1000 * 1000 + ++serial).padStart(8, '0').slice(-8))
  const [u] = await t.query<{ id: string }>(sql`INSERT INTO units (name, kind, credit_code, org_id) VALUES (${`测试共建单位${serial}`}, 'non_public_firm', ${code}, ${orgId}) RETURNING id::text`)
  await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${u!.id}, ${person.id}, 'representative')`)
  return u!.id
}
