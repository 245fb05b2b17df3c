import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { isValidCreditCode } from './units.credit-code.ts'
import { DEMO_UNITS } from '../../demo/units.ts'

describe('the units demo', () => {
  let t: TestApp
  before(async () => { t = await startTestApp() })
  after(() => t.close())

  it('seeds about thirty units of every kind in the demo street, each with a representative and a valid credit code', async () => {
    const units = await t.query<{ id: string; kind: string; credit_code: string; has_party_org: boolean; resident_unit: boolean; reps: number }>(sql`
      SELECT u.id::text, u.kind, u.credit_code, u.has_party_org, u.resident_unit,
             (SELECT count(*)::int FROM unit_people up WHERE up.unit_id = u.id AND up.role = 'representative') AS reps
      FROM units u JOIN orgs o ON o.id = u.org_id WHERE o.path <@ (SELECT path FROM orgs WHERE id = ${t.fixtures.streetId})`)
    const names = new Set(DEMO_UNITS.map((u) => u.name))
    const ours = await t.query<{ name: string }>(sql`SELECT name FROM units`)
    assert.equal(ours.filter((u) => names.has(u.name)).length, DEMO_UNITS.length)
    assert.ok(DEMO_UNITS.length >= 28)
    for (const k of ['government_agency', 'public_institution', 'state_enterprise', 'non_public_firm', 'social_organisation']) {
      assert.ok(units.some((u) => u.kind === k), k)
    }
    assert.ok(units.some((u) => u.kind === 'non_public_firm' && u.has_party_org))
    assert.ok(units.some((u) => u.kind === 'non_public_firm' && !u.has_party_org))
    assert.ok(units.some((u) => u.resident_unit))
    const demo = units.filter((u) => u.credit_code !== null)
    assert.ok(demo.length >= DEMO_UNITS.length)
    assert.ok(demo.every((u) => isValidCreditCode(u.credit_code)))
    const reps = await t.query<{ name: string; reps: number }>(sql`SELECT u.name, (SELECT count(*)::int FROM unit_people up WHERE up.unit_id = u.id AND up.role = 'representative') AS reps FROM units u`)
    assert.ok(reps.filter((u) => names.has(u.name)).every((u) => u.reps === 1))
  })

  it('resolves the units a representative acts for', async () => {
    const [u] = await t.query<{ id: string; person_id: string }>(sql`SELECT unit_id::text AS id, person_id::text FROM unit_people ORDER BY unit_id LIMIT 1`)
    assert.deepEqual(await t.app.services.units.idsOf(t.database.db, u!.person_id), [u!.id])
    assert.deepEqual(await t.app.services.units.idsOf(t.database.db, '999999999'), [])
  })

  it('pairs every community of the demo street with two to five core units, the first at the limit', async () => {
    const perCommunity = await t.query<{ id: string; core: number; area: number }>(sql`
      SELECT c.id::text, count(pa.id) FILTER (WHERE pa.kind = 'core' AND pa.status = 'active')::int AS core,
             count(pa.id) FILTER (WHERE pa.kind = 'area' AND pa.status = 'active')::int AS area
      FROM orgs c LEFT JOIN pairing_agreements pa ON pa.community_id = c.id
      WHERE c.parent_id = ${t.fixtures.streetId} AND c.kind = 'community' GROUP BY c.id ORDER BY c.id`)
    assert.ok(perCommunity.length >= 8)
    assert.ok(perCommunity.every((c) => c.core >= 2 && c.core <= 5), JSON.stringify(perCommunity))
    assert.equal(perCommunity.find((c) => c.id === t.fixtures.communityId)!.core, 5)
    assert.ok(perCommunity.some((c) => c.area > 0))
  })

  it('seeds about forty list items of both sides in every state, each with a timeline that ends in its state', async () => {
    const items = await t.query<{ state: string; by_unit: boolean; last: string; events: number }>(sql`
      SELECT li.state, li.publisher_unit_id IS NOT NULL AS by_unit,
             (SELECT e.to_state FROM list_item_events e WHERE e.item_id = li.id ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last,
             (SELECT count(*)::int FROM list_item_events e WHERE e.item_id = li.id) AS events
      FROM list_items li`)
    assert.ok(items.length >= 36, `got ${items.length}`)
    for (const s of ['open', 'claimed', 'in_progress', 'completed', 'withdrawn']) assert.ok(items.some((i) => i.state === s), s)
    assert.ok(items.some((i) => i.by_unit) && items.some((i) => !i.by_unit))
    assert.ok(items.every((i) => i.last === i.state && i.events >= 1))
  })

  it('seeds two alliances with member units and activities, and part-time committee members', async () => {
    const alliances = await t.query<{ units: number; activities: number }>(sql`
      SELECT (SELECT count(*)::int FROM alliance_units au WHERE au.alliance_id = a.id) AS units,
             (SELECT count(*)::int FROM alliance_activities aa WHERE aa.alliance_id = a.id) AS activities FROM alliances a`)
    assert.equal(alliances.length, 2)
    assert.ok(alliances.every((a) => a.units >= 2 && a.activities >= 2))
    const partTime = await t.app.services.units.partTimeMembers({ actor: { kind: 'person', personId: null, personName: null, accountId: null, sessionId: null, tokenId: null, roles: [{ role: 'admin', orgId: t.fixtures.cityId, orgPath: (await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${t.fixtures.cityId}`))[0]!.path }], mustChangePassword: false, totpSetupRequired: false, sessionExpired: false }, ip: null, userAgent: null, requestId: null }, t.fixtures.streetId)
    assert.ok(partTime.items.length >= 5, `got ${partTime.items.length}`)
  })
})
