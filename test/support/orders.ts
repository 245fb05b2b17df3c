// A world for order tests: a community with a grid and buildings, its cadre and grid worker,
// residents at home, a registered member and volunteers living nearby, and a catalogue item.
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { TestApp } from './app.ts'
import type { Factories, Org, Person } from './factories.ts'

export async function residentAt(t: TestApp, f: Factories, building: Org, opts: { birthYear?: number; tags?: string[]; role?: 'resident' | 'member' | 'volunteer' } = {}): Promise<Person> {
  const p = await f.newPerson({ role: opts.role ?? 'resident', orgId: building.id })
  await t.query(sql`INSERT INTO residents (person_id, org_id, household, birth_year, tags) VALUES (${p.id}, ${building.id}, '1-101', ${opts.birthYear ?? 1980},
    string_to_array(${(opts.tags ?? []).join(',')}, ',')::text[])`)
  return p
}

/** A member of the community whose registration (报到) was accepted. */
export async function registeredMember(t: TestApp, f: Factories, community: Org, building: Org): Promise<Person> {
  const p = await residentAt(t, f, building, { role: 'member' })
  const [m] = await t.query<{ id: string }>(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id) VALUES (${p.id}, '测试党支部', 'regular', ${community.id}) RETURNING id::text`)
  const [letter] = await t.query<{ id: string }>(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${p.id}) RETURNING id::text`)
  await t.query(sql`INSERT INTO registrations (kind, member_id, community_id, status, submitted_by, letter_attachment_id) VALUES ('member', ${m!.id}, ${community.id}, 'accepted', ${p.id}, ${letter!.id})`)
  return p
}

export async function volunteerAt(t: TestApp, f: Factories, building: Org, skills: string[] = []): Promise<Person> {
  const p = await residentAt(t, f, building, { role: 'volunteer' })
  await t.query(sql`INSERT INTO volunteers (person_id, skills) VALUES (${p.id}, string_to_array(${skills.join(',')}, ',')::text[])`)
  return p
}

export const itemBody = (orgId: string, over: Record<string, unknown> = {}) => ({
  orgId, list: 'volunteer', name: '上门理发', description: '为行动不便的老人上门理发', providerKinds: ['member', 'volunteer'], reviewHours: 24, claimHours: 24, finishHours: 72, points: 20, serviceHours: 1.5, ...over,
})

export async function orderWorld(t: TestApp, f: Factories, item: Record<string, unknown> = {}) {
  const community = await f.newCommunity()
  const grid = await f.newGrid(community)
  const home = await f.newBuilding(grid)
  const near = await f.newBuilding(grid)
  const cadre = await f.newPerson({ role: 'community_cadre', orgId: community.id })
  const gridWorker = await f.newPerson({ role: 'grid_worker', orgId: grid.id })
  const resident = await residentAt(t, f, home, { birthYear: 1945, tags: ['empty_nest'] })
  const member = await registeredMember(t, f, community, near)
  const volunteer = await volunteerAt(t, f, near, ['理发'])
  const res = await cadre.client.post('/api/v1/service-items', itemBody(community.id, item))
  if (res.statusCode !== 201) throw new Error(`orderWorld item: ${res.statusCode} ${res.body}`)
  return { community, grid, home, near, cadre, gridWorker, resident, member, volunteer, item: res.json() as { id: string; versionId: string; version: number } }
}
