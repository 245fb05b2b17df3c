import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { hashPassword } from '../../kernel/auth/passwords.ts'
import { DEMO_PASSWORD } from '../../demo/seed.ts'
import { buildCreditCode } from './units.credit-code.ts'

let t: TestApp
let admin: Client, district: Client, street: Client, cadre: Client, grid: Client, resident: Client
let communities: string[]
let serial = 0
before(async () => {
  t = await startTestApp()
  ;[admin, district, street, cadre, grid, resident] = await t.asEach('admin', 'district', 'street', 'cadre', 'grid', 'resident')
  communities = (await t.query<{ id: string }>(sql`SELECT o.id::text AS id FROM orgs o WHERE o.parent_id = ${t.fixtures.streetId} AND o.kind = 'community' ORDER BY o.id`)).map((r) => r.id)
})
after(() => t.close())

const count = async (table: string) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n
const counts = async () => {
  const out: Record<string, number> = {}
  for (const table of ['units', 'unit_people', 'people', 'pairing_agreements', 'pairing_limits', 'list_items', 'list_item_events', 'alliances', 'alliance_units', 'alliance_activities', 'audit_log']) out[table] = await count(table)
  return out
}
const creditCode = () => buildCreditCode('91', '360105', String(77000000 + ++serial).padStart(8, '0'))
const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code

/** Registers a unit as the street admin (or `by`). */
async function newUnit(over: Record<string, unknown> = {}, by: Client = street) {
  const res = await by.post('/api/v1/units', { name: `测试单位${++serial}`, kind: 'non_public_firm', creditCode: creditCode(), orgId: t.fixtures.streetId, ...over })
  assert.equal(res.statusCode, 201, res.body)
  return res.json() as { id: string; name: string }
}

/** A unit with a representative who can log in, acting for it. */
async function unitWithRep(over: Record<string, unknown> = {}, by: Client = street) {
  const unit = await newUnit(over, by)
  const added = await by.post(`/api/v1/units/${unit.id}/people`, { name: `联络员${serial}`, role: 'representative' })
  assert.equal(added.statusCode, 201, added.body)
  const personId = (added.json().items as { person: { id: string } }[])[0]!.person.id
  const username = `rep${serial}`
  await t.query(sql`INSERT INTO accounts (person_id, username, password_hash) VALUES (${personId}, ${username}, ${await hashPassword(DEMO_PASSWORD)})`)
  return { unit, personId, rep: await t.as(username) }
}

const pairingBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  communityId: t.fixtures.communityId, unitId, kind: 'area', title: '结对共建协议', terms: '每季度开展一次共建活动，在职党员到社区报到服务。',
  tags: ['party_work', 'resource_sharing'], startsOn: '2026-01-01', endsOn: '2028-12-31', ...over,
})

async function pair(unitId: string, over: Record<string, unknown> = {}, by: Client = cadre) {
  const res = await by.post('/api/v1/pairings', pairingBody(unitId, over))
  assert.equal(res.statusCode, 201, res.body)
  return res.json() as { id: string }
}

const used = async (communityId: string) => (await street.get(`/api/v1/pairing-limits/${communityId}`)).json() as { maxUnits: number; used: number; setAt: { id: string } | null }

describe('units', () => {
  test('a street admin registers a unit and finds it by kind and Party organisation', async () => {
    const code = creditCode()
    const res = await street.post('/api/v1/units', {
      name: '江西测试科技有限公司', kind: 'non_public_firm', creditCode: code, orgId: t.fixtures.communityId,
      hasPartyOrg: true, partyOrgName: '中共江西测试科技有限公司支部委员会', partyMemberCount: 4, staffCount: 30, address: '翠岩路 1 号',
    })
    assert.equal(res.statusCode, 201, res.body)
    const unit = res.json()
    assert.equal(unit.creditCode, code)
    assert.equal(unit.org.id, t.fixtures.communityId)
    assert.equal(unit.pairings, 0)
    const withParty = (await street.get(`/api/v1/units?orgId=${t.fixtures.communityId}&kind=non_public_firm&hasPartyOrg=true&limit=200`)).json().items as { id: string }[]
    assert.ok(withParty.some((u) => u.id === unit.id))
    const without = (await street.get(`/api/v1/units?orgId=${t.fixtures.communityId}&hasPartyOrg=false&limit=200`)).json().items as { id: string }[]
    assert.ok(!without.some((u) => u.id === unit.id))
    assert.equal((await cadre.get(`/api/v1/units/${unit.id}`)).json().name, '江西测试科技有限公司')
    const [audit] = await t.query<{ entity_id: string }>(sql`SELECT entity_id FROM audit_log WHERE action = 'unit.create' ORDER BY id DESC LIMIT 1`)
    assert.equal(audit!.entity_id, unit.id)
  })

  test('the unit list pages by cursor without repeating a unit', async () => {
    const first = (await street.get('/api/v1/units?limit=10')).json()
    assert.equal(first.items.length, 10)
    const second = (await street.get(`/api/v1/units?limit=10&cursor=${first.nextCursor}`)).json()
    const ids = [...first.items, ...second.items].map((u: { id: string }) => u.id)
    assert.equal(new Set(ids).size, ids.length)
    assert.equal((await street.get('/api/v1/units?cursor=bad!')).statusCode, 400)
  })

  test('bad unit input is refused in the error shape and writes nothing', async () => {
    const taken = await newUnit()
    const takenCode = (await street.get(`/api/v1/units/${taken.id}`)).json().creditCode
    const good = { name: '某某公司', kind: 'non_public_firm', orgId: t.fixtures.streetId }
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...good, creditCode: takenCode.slice(0, 17) + (takenCode[17] === '0' ? '1' : '0') }, 400, 'VALIDATION_FAILED'],
      [{ ...good, creditCode: '91360105I2345678X1' }, 400, 'VALIDATION_FAILED'],
      [{ ...good, creditCode: '9136010' }, 400, 'VALIDATION_FAILED'],
      [{ ...good, kind: 'club' }, 400, 'VALIDATION_FAILED'],
      [{ ...good, name: '  ' }, 400, 'VALIDATION_FAILED'],
      [{ ...good, partyOrgName: '中共某某支部' }, 400, 'VALIDATION_FAILED'],
      [{ ...good, partyMemberCount: -1 }, 400, 'VALIDATION_FAILED'],
      [{ ...good, orgId: t.fixtures.gridId }, 422, 'UNIT_ORG_KIND'],
      [{ ...good, orgId: '999999999' }, 404, 'ORG_NOT_FOUND'],
      [{ ...good, creditCode: takenCode }, 409, 'UNIT_CREDIT_CODE_EXISTS'],
    ]
    const before = await counts()
    for (const [body, status, code] of cases) {
      const res = await street.post('/api/v1/units', body)
      assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`)
      assert.equal(errorCode(res), code)
    }
    assert.equal((await street.patch(`/api/v1/units/${taken.id}`, {})).statusCode, 400)
    assert.deepEqual(await counts(), before)
  })

  test('only street admins register and change units, and nobody outside the street sees them', async () => {
    const before = await counts()
    assert.equal((await cadre.post('/api/v1/units', { name: '越权单位', kind: 'merchant', orgId: t.fixtures.communityId })).statusCode, 403)
    assert.equal((await street.post('/api/v1/units', { name: '越权单位', kind: 'merchant', orgId: t.fixtures.otherStreetId })).statusCode, 404)
    assert.deepEqual(await counts(), before)
    const far = await newUnit({ orgId: t.fixtures.otherStreetId }, admin)
    assert.equal((await street.get(`/api/v1/units/${far.id}`)).statusCode, 404)
    assert.equal((await street.patch(`/api/v1/units/${far.id}`, { name: '改名' })).statusCode, 404)
    assert.equal((await street.get(`/api/v1/units?orgId=${t.fixtures.otherStreetId}`)).statusCode, 404)
    assert.equal((await district.get(`/api/v1/units/${far.id}`)).statusCode, 200)
    const own = await newUnit()
    assert.equal((await cadre.get(`/api/v1/units/${own.id}`)).statusCode, 200)
    assert.equal((await cadre.patch(`/api/v1/units/${own.id}`, { name: '改名' })).statusCode, 403)
    assert.equal((await resident.get(`/api/v1/units/${own.id}`)).statusCode, 404)
    assert.deepEqual((await resident.get('/api/v1/units')).json().items, [])
    assert.equal((await t.anonymous.get('/api/v1/units')).statusCode, 401)
  })

  test('a street admin edits a unit; a unit with an active pairing cannot be retired until it ends', async () => {
    const unit = await newUnit({ hasPartyOrg: true, partyOrgName: '中共测试支部' })
    const edited = await street.patch(`/api/v1/units/${unit.id}`, { hasPartyOrg: false, staffCount: 12 })
    assert.equal(edited.statusCode, 200, edited.body)
    assert.equal(edited.json().partyOrgName, null)
    assert.equal(edited.json().staffCount, 12)
    const pairing = await pair(unit.id)
    const refused = await street.delete(`/api/v1/units/${unit.id}`)
    assert.equal(refused.statusCode, 409)
    assert.equal(errorCode(refused), 'UNIT_HAS_PAIRINGS')
    assert.equal((await cadre.post(`/api/v1/pairings/${pairing.id}/end`, { endedOn: '2026-06-30', reason: '单位搬迁' })).statusCode, 200)
    assert.equal((await street.delete(`/api/v1/units/${unit.id}`)).statusCode, 204)
    assert.equal((await street.get(`/api/v1/units/${unit.id}`)).statusCode, 404)
    assert.deepEqual(await t.query(sql`SELECT 1 FROM units WHERE id = ${unit.id} AND deleted_at IS NULL`), [])
  })

  test('the people of a unit are added by name or as an existing person, and act for it', async () => {
    const unit = await newUnit()
    const byName = await street.post(`/api/v1/units/${unit.id}/people`, { name: '张联络', role: 'representative' })
    assert.equal(byName.statusCode, 201, byName.body)
    const personId = byName.json().items[0].person.id
    assert.deepEqual(await t.app.services.units.idsOf(t.database.db, personId), [unit.id])
    const existing = await street.post(`/api/v1/units/${unit.id}/people`, { personId: t.fixtures.personIds.member })
    assert.equal(existing.statusCode, 201)
    assert.equal(existing.json().items.length, 2)
    const again = await street.post(`/api/v1/units/${unit.id}/people`, { personId: t.fixtures.personIds.member })
    assert.equal(again.statusCode, 409)
    assert.equal((await street.post(`/api/v1/units/${unit.id}/people`, { personId: '999999999' })).statusCode, 404)
    assert.equal((await street.post(`/api/v1/units/${unit.id}/people`, { personId: personId, name: '两者都给' })).statusCode, 400)
    assert.equal((await cadre.post(`/api/v1/units/${unit.id}/people`, { name: '越权' })).statusCode, 403)
    assert.equal((await grid.get(`/api/v1/units/${unit.id}/people`)).statusCode, 404)
    assert.equal((await street.delete(`/api/v1/units/${unit.id}/people/${t.fixtures.personIds.member}`)).statusCode, 204)
    assert.equal((await street.delete(`/api/v1/units/${unit.id}/people/${t.fixtures.personIds.member}`)).statusCode, 404)
    assert.equal((await street.get(`/api/v1/units/${unit.id}/people`)).json().items.length, 1)
  })

  test('the cadre of a paired community reads the unit\'s people; before the pairing and after it ends, not', async () => {
    const unit = await newUnit()
    assert.equal((await street.post(`/api/v1/units/${unit.id}/people`, { name: '王联络', role: 'representative' })).statusCode, 201)
    assert.equal((await cadre.get(`/api/v1/units/${unit.id}/people`)).statusCode, 404)
    const pairing = await pair(unit.id)
    const read = await cadre.get(`/api/v1/units/${unit.id}/people`)
    assert.equal(read.statusCode, 200, read.body)
    assert.deepEqual(read.json().items.map((p: { person: { name: string } }) => p.person.name), ['王联络'])
    assert.equal((await grid.get(`/api/v1/units/${unit.id}/people`)).statusCode, 404)
    assert.equal((await cadre.post(`/api/v1/pairings/${pairing.id}/end`, { endedOn: '2026-06-30', reason: '到期' })).statusCode, 200)
    assert.equal((await cadre.get(`/api/v1/units/${unit.id}/people`)).statusCode, 404)
  })

  test('an existing person is added to a unit only by someone who manages them; others are refused and nothing is written', async () => {
    const unit = await newUnit()
    const [otherStreet] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${t.fixtures.otherStreetId}`)
    const [far] = await t.query<{ id: string }>(sql`SELECT r.person_id::text AS id FROM role_assignments r JOIN orgs o ON o.id = r.org_id
      WHERE o.path <@ ${otherStreet!.path}::ltree ORDER BY r.id LIMIT 1`)
    const before = await counts()
    const refused: [string, number, string][] = [
      [t.fixtures.personIds.district!, 404, 'PERSON_NOT_FOUND'],
      [far!.id, 404, 'PERSON_NOT_FOUND'],
      [t.fixtures.personIds.street!, 403, 'FORBIDDEN'],
    ]
    for (const [personId, status, code] of refused) {
      const res = await street.post(`/api/v1/units/${unit.id}/people`, { personId })
      assert.equal(res.statusCode, status, `${personId}: ${res.body}`)
      assert.equal(errorCode(res), code)
    }
    assert.deepEqual(await counts(), before)
  })
})

describe('Party-organisation coverage', () => {
  test('coverage counts the new-economy organisations with a Party organisation, per community of the street', async () => {
    const before = (await street.get(`/api/v1/units/coverage?orgId=${t.fixtures.streetId}`)).json()
    assert.equal(before.org.id, t.fixtures.streetId)
    assert.equal(before.children.length, communities.length)
    const [sqlFigures] = await t.query<{ n: number; p: number }>(sql`
      SELECT count(*) FILTER (WHERE u.kind IN ('non_public_firm','social_organisation'))::int AS n,
             count(*) FILTER (WHERE u.kind IN ('non_public_firm','social_organisation') AND u.has_party_org)::int AS p
      FROM units u JOIN orgs o ON o.id = u.org_id WHERE u.deleted_at IS NULL AND o.path <@ (SELECT path FROM orgs WHERE id = ${t.fixtures.streetId})`)
    assert.equal(before.newEconomyOrgs, sqlFigures!.n)
    assert.equal(before.newEconomyWithPartyOrg, sqlFigures!.p)
    assert.equal(before.coverageRate, Math.round((sqlFigures!.p / sqlFigures!.n) * 10000) / 10000)
    await newUnit({ orgId: communities[2], kind: 'social_organisation' })
    const after = (await street.get(`/api/v1/units/coverage?orgId=${t.fixtures.streetId}`)).json()
    assert.equal(after.newEconomyOrgs, before.newEconomyOrgs + 1)
    assert.equal(after.newEconomyWithPartyOrg, before.newEconomyWithPartyOrg)
    const child = (c: { children: { org: { id: string }; newEconomyOrgs: number }[] }) => c.children.find((x) => x.org.id === communities[2])!.newEconomyOrgs
    assert.equal(child(after), child(before) + 1)
    assert.equal((await cadre.get(`/api/v1/units/coverage?orgId=${t.fixtures.communityId}`)).statusCode, 200)
    assert.equal((await cadre.get(`/api/v1/units/coverage?orgId=${t.fixtures.streetId}`)).statusCode, 404)
    assert.equal((await resident.get(`/api/v1/units/coverage?orgId=${t.fixtures.communityId}`)).statusCode, 404)
    assert.equal((await street.get('/api/v1/units/coverage?orgId=abc')).statusCode, 400)
  })
})

describe('pairing agreements', () => {
  test('a cadre pairs a unit with their community, with terms, dates and tags of the eight 共', async () => {
    const unit = await newUnit()
    const res = await cadre.post('/api/v1/pairings', pairingBody(unit.id, { tags: ['party_work', 'culture', 'resource_sharing'] }))
    assert.equal(res.statusCode, 201, res.body)
    const p = res.json()
    assert.deepEqual(p.tags, ['party_work', 'culture', 'resource_sharing'])
    assert.equal(p.status, 'active')
    assert.equal(p.unit.id, unit.id)
    assert.equal(p.createdBy.id, t.fixtures.personIds.cadre)
    const listed = (await cadre.get(`/api/v1/pairings?communityId=${t.fixtures.communityId}&limit=200`)).json().items as { id: string }[]
    assert.ok(listed.some((x) => x.id === p.id))
    assert.equal((await street.get(`/api/v1/units/${unit.id}`)).json().pairings, 1)
  })

  test('bad pairing input is refused and writes nothing', async () => {
    const unit = await newUnit()
    await pair(unit.id)
    const other = await newUnit()
    const cases: [Record<string, unknown>, number, string][] = [
      [pairingBody(other.id, { tags: ['friendship'] }), 400, 'VALIDATION_FAILED'],
      [pairingBody(other.id, { tags: [] }), 400, 'VALIDATION_FAILED'],
      [pairingBody(other.id, { tags: ['culture', 'culture'] }), 400, 'VALIDATION_FAILED'],
      [pairingBody(other.id, { startsOn: '2026-02-30' }), 400, 'VALIDATION_FAILED'],
      [pairingBody(other.id, { startsOn: '2026-05-01', endsOn: '2026-04-01' }), 400, 'VALIDATION_FAILED'],
      [pairingBody(other.id, { kind: 'sister' }), 400, 'VALIDATION_FAILED'],
      [pairingBody(other.id, { terms: '' }), 400, 'VALIDATION_FAILED'],
      [pairingBody(other.id, { communityId: t.fixtures.gridId }), 422, 'COMMUNITY_REQUIRED'],
      [pairingBody('999999999'), 404, 'UNIT_NOT_FOUND'],
      [pairingBody(unit.id), 409, 'PAIRING_EXISTS'],
    ]
    const before = await counts()
    for (const [body, status, code] of cases) {
      const res = await cadre.post('/api/v1/pairings', body)
      assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`)
      assert.equal(errorCode(res), code)
    }
    assert.deepEqual(await counts(), before)
  })

  test('a community holds at most five core pairings by default; 驻区 (area) pairings are not counted', async () => {
    const limit = await used(t.fixtures.communityId)
    assert.equal(limit.maxUnits, 5)
    assert.equal(limit.setAt, null)
    assert.equal(limit.used, 5, 'the demo community is at its limit')
    const unit = await newUnit()
    const before = await counts()
    const refused = await cadre.post('/api/v1/pairings', pairingBody(unit.id, { kind: 'core' }))
    assert.equal(refused.statusCode, 422)
    assert.equal(errorCode(refused), 'PAIRING_LIMIT_REACHED')
    assert.match(refused.json().error.message, /5/)
    assert.deepEqual(await counts(), before)
    assert.equal((await cadre.post('/api/v1/pairings', pairingBody(unit.id, { kind: 'area' }))).statusCode, 201)
  })

  test('the limit is set per street or community, the nearest setting wins, and only street admins set it', async () => {
    const community = communities[3]!
    const start = await used(community)
    const before = await counts()
    assert.equal((await cadre.put(`/api/v1/pairing-limits/${t.fixtures.communityId}`, { maxUnits: 9 })).statusCode, 403)
    assert.equal((await street.put(`/api/v1/pairing-limits/${t.fixtures.otherCommunityId}`, { maxUnits: 9 })).statusCode, 404)
    assert.equal((await street.put(`/api/v1/pairing-limits/${community}`, { maxUnits: 0 })).statusCode, 400)
    assert.equal((await street.put(`/api/v1/pairing-limits/${t.fixtures.gridId}`, { maxUnits: 3 })).statusCode, 422)
    assert.deepEqual(await counts(), before)

    const own = await street.put(`/api/v1/pairing-limits/${community}`, { maxUnits: start.used })
    assert.equal(own.statusCode, 200, own.body)
    assert.equal(own.json().setAt.id, community)
    const streetWide = (await street.put(`/api/v1/pairing-limits/${t.fixtures.streetId}`, { maxUnits: 8 })).json()
    assert.equal(streetWide.maxUnits, 8)
    assert.equal((await used(community)).maxUnits, start.used, 'the community setting is nearer than the street one')
    assert.equal((await used(communities[4]!)).setAt!.id, t.fixtures.streetId)
    const unit = await newUnit()
    const refused = await street.post('/api/v1/pairings', pairingBody(unit.id, { communityId: community, kind: 'core' }))
    assert.equal(errorCode(refused), 'PAIRING_LIMIT_REACHED')
    await street.put(`/api/v1/pairing-limits/${community}`, { maxUnits: start.used + 1 })
    assert.equal((await street.post('/api/v1/pairings', pairingBody(unit.id, { communityId: community, kind: 'core' }))).statusCode, 201)
    assert.equal((await used(community)).used, start.used + 1)
    await street.put(`/api/v1/pairing-limits/${t.fixtures.streetId}`, { maxUnits: 5 })
  })

  test('concurrent agreements cannot take the last place twice', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const community = communities[5]!
    const start = await used(community)
    await street.put(`/api/v1/pairing-limits/${community}`, { maxUnits: start.used + 1 })
    const racers = await Promise.all([1, 2, 3, 4].map(() => newUnit()))
    const results = await Promise.all(racers.map((u) => street.post('/api/v1/pairings', pairingBody(u.id, { communityId: community, kind: 'core' }))))
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 422, 422, 422], results.map((r) => r.body).join('\n'))
    assert.equal((await used(community)).used, start.used + 1)
  })

  test('ending an agreement frees its place; it cannot end twice or before it began', async () => {
    const unit = await newUnit()
    const p = await pair(unit.id, { startsOn: '2026-03-01' })
    const early = await cadre.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-02-01', reason: '调整' })
    assert.equal(early.statusCode, 422)
    assert.equal(errorCode(early), 'PAIRING_END_BEFORE_START')
    assert.equal((await cadre.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-04-01' })).statusCode, 400)
    const ended = await cadre.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-09-30', reason: '协议到期' })
    assert.equal(ended.statusCode, 200)
    assert.equal(ended.json().status, 'ended')
    const twice = await cadre.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-10-30', reason: '再次' })
    assert.equal(errorCode(twice), 'PAIRING_ENDED')
    // A new agreement may follow the ended one.
    await pair(unit.id, { startsOn: '2026-10-01' })
  })

  test('pairings are managed by the community and read by the unit; outsiders are refused', async () => {
    const { unit, rep } = await unitWithRep()
    const p = await pair(unit.id)
    const before = await counts()
    assert.equal((await grid.post('/api/v1/pairings', pairingBody(unit.id))).statusCode, 403)
    assert.equal((await cadre.post('/api/v1/pairings', pairingBody(unit.id, { communityId: t.fixtures.otherCommunityId }))).statusCode, 404)
    assert.equal((await rep.post('/api/v1/pairings', pairingBody(unit.id, { communityId: communities[1] }))).statusCode, 404)
    assert.equal((await grid.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-09-30', reason: 'x' })).statusCode, 403)
    assert.equal((await rep.post(`/api/v1/pairings/${p.id}/end`, { endedOn: '2026-09-30', reason: 'x' })).statusCode, 403)
    assert.deepEqual(await counts(), before)
    assert.equal((await rep.get(`/api/v1/pairings/${p.id}`)).statusCode, 200)
    const mine = (await rep.get('/api/v1/pairings')).json().items as { unit: { id: string } }[]
    assert.ok(mine.length === 1 && mine[0]!.unit.id === unit.id)
    assert.equal((await rep.get(`/api/v1/units/${unit.id}`)).statusCode, 200)
    assert.deepEqual(((await rep.get('/api/v1/units?mine=true')).json().items as { id: string }[]).map((u) => u.id), [unit.id])
    assert.deepEqual((await cadre.get('/api/v1/units?mine=true')).json().items, [])
    const far = await newUnit({ orgId: t.fixtures.otherStreetId }, admin)
    const farPairing = await pair(far.id, { communityId: t.fixtures.otherCommunityId }, admin)
    assert.equal((await street.get(`/api/v1/pairings/${farPairing.id}`)).statusCode, 404)
    assert.equal((await rep.get(`/api/v1/pairings/${farPairing.id}`)).statusCode, 404)
    assert.equal((await resident.get(`/api/v1/pairings/${p.id}`)).statusCode, 404)
    assert.deepEqual((await resident.get('/api/v1/pairings')).json().items, [])
  })
})

describe('co-building lists', () => {
  const needBody = (over: Record<string, unknown> = {}) => ({ list: 'need', communityId: t.fixtures.communityId, title: '楼道照明改造', description: '6 栋老楼楼道灯损坏，需要电工和灯具。', tag: 'home_building', dueOn: '2027-03-31', ...over })
  const itemRow = async (id: string) => (await t.query<Record<string, unknown>>(sql`SELECT * FROM list_items WHERE id = ${id}`))[0]

  test('a community publishes a need, a paired unit claims it, reports progress, and the community confirms it', async () => {
    const { unit, rep, personId } = await unitWithRep()
    await pair(unit.id)
    const published = await cadre.post('/api/v1/list-items', needBody())
    assert.equal(published.statusCode, 201, published.body)
    const item = published.json()
    assert.equal(item.state, 'open')
    assert.equal(item.publisherUnit, null)
    const board = (await rep.get(`/api/v1/list-items?communityId=${t.fixtures.communityId}&state=open&limit=200`)).json().items as { id: string }[]
    assert.ok(board.some((i) => i.id === item.id), 'a paired unit sees the open items of the community')

    const claimed = await rep.post(`/api/v1/list-items/${item.id}/claims`, { unitId: unit.id, note: '我单位认领' })
    assert.equal(claimed.statusCode, 201, claimed.body)
    assert.equal(claimed.json().state, 'claimed')
    assert.equal(claimed.json().claimantUnit.id, unit.id)
    assert.equal(claimed.json().claimedBy.id, personId)
    assert.equal((await rep.post(`/api/v1/list-items/${item.id}/progress`, { note: '灯具已采购', progress: 40 })).json().state, 'in_progress')
    const second = (await rep.post(`/api/v1/list-items/${item.id}/progress`, { note: '已完成 4 栋', progress: 70 })).json()
    assert.equal(second.progress, 70)
    const done = await cadre.post(`/api/v1/list-items/${item.id}/confirm`, { note: '居民满意' })
    assert.equal(done.statusCode, 200, done.body)
    const final = done.json()
    assert.equal(final.state, 'completed')
    assert.ok(final.completedAt)
    assert.deepEqual(final.events.map((e: { action: string; fromState: string | null; toState: string }) => `${e.action}:${e.fromState}→${e.toState}`),
      ['publish:null→open', 'claim:open→claimed', 'progress:claimed→in_progress', 'progress:in_progress→in_progress', 'confirm:in_progress→completed'])
    assert.equal(final.events[1].actingUnit.id, unit.id)
    const audits = await t.query<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity = 'list_item' AND entity_id = ${item.id} ORDER BY id`)
    assert.deepEqual(audits.map((a) => a.action), ['list_item.publish', 'list_item.claim', 'list_item.progress', 'list_item.progress', 'list_item.confirm'])
  })

  test('a unit publishes a resource and the community claims it; the unit confirms it', async () => {
    const { unit, rep } = await unitWithRep()
    await pair(unit.id)
    const res = await rep.post('/api/v1/list-items', { list: 'resource', communityId: t.fixtures.communityId, unitId: unit.id, title: '会议室周末开放', description: '60 人会议室周末向居民开放。', tag: 'resource_sharing' })
    assert.equal(res.statusCode, 201, res.body)
    const item = res.json()
    assert.equal(item.publisherUnit.id, unit.id)
    const withUnit = await cadre.post(`/api/v1/list-items/${item.id}/claims`, { unitId: unit.id })
    assert.equal(errorCode(withUnit), 'LIST_ITEM_UNIT_NOT_ALLOWED')
    assert.equal((await rep.post(`/api/v1/list-items/${item.id}/claims`, {})).statusCode, 403, 'the publisher cannot claim its own item')
    const claimed = await cadre.post(`/api/v1/list-items/${item.id}/claims`, {})
    assert.equal(claimed.statusCode, 201, claimed.body)
    assert.equal(claimed.json().claimantUnit, null)
    assert.equal(claimed.json().claimedBy.id, t.fixtures.personIds.cadre)
    assert.equal((await rep.post(`/api/v1/list-items/${item.id}/progress`, { note: '越位' })).statusCode, 403)
    await cadre.post(`/api/v1/list-items/${item.id}/progress`, { note: '已安排居民议事会使用' })
    assert.equal((await cadre.post(`/api/v1/list-items/${item.id}/confirm`, {})).statusCode, 403, 'only the publisher confirms')
    assert.equal((await rep.post(`/api/v1/list-items/${item.id}/confirm`, {})).json().state, 'completed')
    const unitItems = (await rep.get(`/api/v1/list-items?unitId=${unit.id}&side=unit`)).json().items as { id: string }[]
    assert.deepEqual(unitItems.map((i) => i.id), [item.id])
  })

  test('steps out of order are refused and change nothing', async () => {
    const { unit, rep } = await unitWithRep()
    await pair(unit.id)
    const item = (await cadre.post('/api/v1/list-items', needBody())).json()
    const attempt = async (res: Promise<{ statusCode: number; json(): unknown }>, code: string) => {
      const before = [await itemRow(item.id), await counts()]
      const r = await res
      assert.equal(r.statusCode, 409)
      assert.equal(errorCode(r), code)
      assert.deepEqual([await itemRow(item.id), await counts()], before)
    }
    await attempt(cadre.post(`/api/v1/list-items/${item.id}/confirm`, {}), 'LIST_ITEM_STATE')
    await attempt(rep.post(`/api/v1/list-items/${item.id}/progress`, { note: '未认领先报进展' }), 'LIST_ITEM_STATE')
    await rep.post(`/api/v1/list-items/${item.id}/claims`, { unitId: unit.id })
    await attempt(rep.post(`/api/v1/list-items/${item.id}/claims`, { unitId: unit.id }), 'LIST_ITEM_STATE')
    await attempt(cadre.post(`/api/v1/list-items/${item.id}/confirm`, {}), 'LIST_ITEM_STATE')
    const withdrawn = await cadre.post(`/api/v1/list-items/${item.id}/withdraw`, { note: '已由其他渠道解决' })
    assert.equal(withdrawn.json().state, 'withdrawn')
    await attempt(cadre.post(`/api/v1/list-items/${item.id}/withdraw`, {}), 'LIST_ITEM_STATE')
    await attempt(rep.post(`/api/v1/list-items/${item.id}/progress`, { note: '撤回后' }), 'LIST_ITEM_STATE')
  })

  test('two units claiming the same need at once: one gets it, the other is told it is taken', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const [first, second] = [await unitWithRep(), await unitWithRep()]
    await pair(first.unit.id)
    await pair(second.unit.id)
    const item = (await cadre.post('/api/v1/list-items', needBody())).json()
    const results = await Promise.all([first, second].map((x) => x.rep.post(`/api/v1/list-items/${item.id}/claims`, { unitId: x.unit.id })))
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409], results.map((r) => r.body).join('\n'))
    const events = await t.query<{ action: string }>(sql`SELECT action FROM list_item_events WHERE item_id = ${item.id} ORDER BY id`)
    assert.deepEqual(events.map((e) => e.action), ['publish', 'claim'])
  })

  test('bad list item input is refused and writes nothing', async () => {
    const { unit, rep } = await unitWithRep()
    const unpaired = await unitWithRep()
    await pair(unit.id)
    const open = (await cadre.post('/api/v1/list-items', needBody())).json()
    const before = await counts()
    const cases: [Client, string, Record<string, unknown>, number, string][] = [
      [cadre, '/api/v1/list-items', needBody({ list: 'wish' }), 400, 'VALIDATION_FAILED'],
      [cadre, '/api/v1/list-items', needBody({ tag: 'friendship' }), 400, 'VALIDATION_FAILED'],
      [cadre, '/api/v1/list-items', needBody({ title: '' }), 400, 'VALIDATION_FAILED'],
      [cadre, '/api/v1/list-items', needBody({ dueOn: '2027-13-01' }), 400, 'VALIDATION_FAILED'],
      [cadre, '/api/v1/list-items', needBody({ communityId: t.fixtures.gridId }), 422, 'COMMUNITY_REQUIRED'],
      [cadre, '/api/v1/list-items', needBody({ unitId: unit.id }), 403, 'FORBIDDEN'],
      [unpaired.rep, '/api/v1/list-items', needBody({ list: 'resource', unitId: unpaired.unit.id }), 422, 'UNIT_NOT_PAIRED'],
      [rep, `/api/v1/list-items/${open.id}/claims`, {}, 422, 'LIST_ITEM_UNIT_REQUIRED'],
      [rep, `/api/v1/list-items/${open.id}/claims`, { unitId: unpaired.unit.id }, 404, 'UNIT_NOT_FOUND'],
      [rep, `/api/v1/list-items/${open.id}/progress`, { note: '' }, 400, 'VALIDATION_FAILED'],
      [rep, `/api/v1/list-items/${open.id}/progress`, { note: '进展', progress: 120 }, 400, 'VALIDATION_FAILED'],
    ]
    for (const [client, url, body, status, code] of cases) {
      const res = await client.post(url, body)
      assert.equal(res.statusCode, status, `${url} ${JSON.stringify(body)} → ${res.body}`)
      assert.equal(errorCode(res), code)
    }
    assert.deepEqual(await counts(), before)
  })

  test('only the community, its paired units and the parties see an item; outsiders are refused', async () => {
    const { unit, rep } = await unitWithRep()
    await pair(unit.id)
    const stranger = await unitWithRep()
    const item = (await cadre.post('/api/v1/list-items', needBody())).json()
    const elsewhere = (await street.post('/api/v1/list-items', needBody({ communityId: communities[1] }))).json()
    assert.equal((await rep.get(`/api/v1/list-items/${item.id}`)).statusCode, 200)
    assert.equal((await stranger.rep.get(`/api/v1/list-items/${item.id}`)).statusCode, 404)
    assert.deepEqual((await stranger.rep.get('/api/v1/list-items')).json().items, [])
    assert.equal((await resident.get(`/api/v1/list-items/${item.id}`)).statusCode, 404)
    assert.equal((await cadre.get(`/api/v1/list-items/${elsewhere.id}`)).statusCode, 404)
    assert.equal((await street.get(`/api/v1/list-items/${item.id}`)).statusCode, 200)
    assert.equal((await grid.get(`/api/v1/list-items/${item.id}`)).statusCode, 200)
    const before = await counts()
    assert.equal((await grid.post('/api/v1/list-items', needBody())).statusCode, 403)
    assert.equal((await cadre.post('/api/v1/list-items', needBody({ communityId: t.fixtures.otherCommunityId }))).statusCode, 404)
    assert.equal((await stranger.rep.post(`/api/v1/list-items/${item.id}/claims`, { unitId: stranger.unit.id })).statusCode, 404)
    assert.equal((await grid.post(`/api/v1/list-items/${item.id}/withdraw`, {})).statusCode, 403)
    assert.equal((await rep.post(`/api/v1/list-items/${item.id}/withdraw`, {})).statusCode, 403)
    assert.equal((await cadre.post(`/api/v1/list-items/${elsewhere.id}/withdraw`, {})).statusCode, 404)
    assert.deepEqual(await counts(), before)
  })
})

describe('alliances', () => {
  test('a street admin forms an alliance of units, adds a member and records a shared activity', async () => {
    const [a, b, c] = [await newUnit(), await newUnit(), await unitWithRep()]
    const res = await street.post('/api/v1/alliances', { name: '测试党建联盟', kind: 'alliance', orgId: t.fixtures.streetId, description: '驻区单位共同参与', unitIds: [a.id, b.id] })
    assert.equal(res.statusCode, 201, res.body)
    const alliance = res.json()
    assert.equal(alliance.units.length, 2)
    const added = await street.post(`/api/v1/alliances/${alliance.id}/units`, { unitId: c.unit.id })
    assert.equal(added.statusCode, 201, added.body)
    assert.equal(added.json().units.length, 3)
    assert.equal((await street.post(`/api/v1/alliances/${alliance.id}/units`, { unitId: a.id })).statusCode, 409)
    const act = await street.post(`/api/v1/alliances/${alliance.id}/activities`, { title: '联席会议', heldOn: '2026-09-18', place: '党群服务中心' })
    assert.equal(act.statusCode, 201, act.body)
    assert.equal(act.json().activities[0].title, '联席会议')
    assert.equal((await c.rep.get(`/api/v1/alliances/${alliance.id}`)).statusCode, 200, 'a member unit reads its alliance')
    const listed = (await street.get(`/api/v1/alliances?orgId=${t.fixtures.streetId}`)).json().items as { id: string }[]
    assert.ok(listed.some((x) => x.id === alliance.id))
    assert.ok(((await cadre.get('/api/v1/alliances')).json().items as { id: string }[]).some((x) => x.id === alliance.id), 'a street alliance is seen from its communities')
  })

  test('bad alliance input is refused and writes nothing; outsiders are refused', async () => {
    const [a, b] = [await newUnit(), await newUnit()]
    const existing = (await street.post('/api/v1/alliances', { name: '重名联盟', orgId: t.fixtures.streetId, unitIds: [a.id, b.id] })).json()
    const body = (over: Record<string, unknown>) => ({ name: '新联盟', orgId: t.fixtures.streetId, unitIds: [a.id, b.id], ...over })
    const cases: [Client, string, Record<string, unknown>, number, string][] = [
      [street, '/api/v1/alliances', body({ unitIds: [a.id] }), 400, 'VALIDATION_FAILED'],
      [street, '/api/v1/alliances', body({ unitIds: [a.id, a.id] }), 400, 'VALIDATION_FAILED'],
      [street, '/api/v1/alliances', body({ kind: 'club' }), 400, 'VALIDATION_FAILED'],
      [street, '/api/v1/alliances', body({ unitIds: [a.id, '999999999'] }), 404, 'UNIT_NOT_FOUND'],
      [street, '/api/v1/alliances', body({ orgId: t.fixtures.gridId }), 422, 'UNIT_ORG_KIND'],
      [street, '/api/v1/alliances', body({ name: '重名联盟' }), 409, 'ALLIANCE_EXISTS'],
      [street, `/api/v1/alliances/${existing.id}/activities`, { title: '活动', heldOn: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
      [street, `/api/v1/alliances/${existing.id}/units`, { unitId: '999999999' }, 404, 'UNIT_NOT_FOUND'],
      [cadre, '/api/v1/alliances', body({}), 403, 'FORBIDDEN'],
      [cadre, `/api/v1/alliances/${existing.id}/activities`, { title: '活动', heldOn: '2026-09-01' }, 403, 'FORBIDDEN'],
      [street, '/api/v1/alliances', body({ orgId: t.fixtures.otherStreetId }), 404, 'ORG_NOT_FOUND'],
      [resident, `/api/v1/alliances/${existing.id}/activities`, { title: '活动', heldOn: '2026-09-01' }, 404, 'ALLIANCE_NOT_FOUND'],
    ]
    const before = await counts()
    for (const [client, url, b, status, code] of cases) {
      const res = await client.post(url, b)
      assert.equal(res.statusCode, status, `${url} ${JSON.stringify(b)} → ${res.body}`)
      assert.equal(errorCode(res), code)
    }
    assert.deepEqual(await counts(), before)
    assert.equal((await resident.get(`/api/v1/alliances/${existing.id}`)).statusCode, 404)
  })
})

describe('part-time committee members', () => {
  test('a community lists the unit people who hold a committee role there but live elsewhere', async () => {
    const { unit, personId } = await unitWithRep()
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${personId}, 'community_cadre', ${t.fixtures.communityId}, DATE '2026-01-01')`)
    const list = async () => (await cadre.get(`/api/v1/part-time-members?orgId=${t.fixtures.communityId}`)).json().items as { person: { id: string }; units: { id: string }[]; role: string }[]
    const found = (await list()).find((m) => m.person.id === personId)
    assert.ok(found)
    assert.equal(found.role, 'community_cadre')
    assert.deepEqual(found.units.map((u) => u.id), [unit.id])
    assert.ok((await list()).some((m) => m.person.id !== personId), 'the demo community has part-time members of its own')
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${personId}, 'resident', ${t.fixtures.buildingId}, DATE '2026-01-01')`)
    assert.ok(!(await list()).some((m) => m.person.id === personId), 'someone who lives in the community is not a part-time member')
    assert.equal((await resident.get(`/api/v1/part-time-members?orgId=${t.fixtures.communityId}`)).statusCode, 404)
    assert.equal((await cadre.get(`/api/v1/part-time-members?orgId=${t.fixtures.otherCommunityId}`)).statusCode, 404)
  })
})

describe('outside the scope', () => {
  test('every route family refuses a street admin of another street: reads 404, writes 404 or 403, nothing written', async () => {
    const otherStreetAdmin = await (async () => {
      const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('邻街管理员') RETURNING id::text`)
      await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${p!.id}, 'street_admin', ${t.fixtures.otherStreetId})`)
      await t.query(sql`INSERT INTO accounts (person_id, username, password_hash) VALUES (${p!.id}, 'otherstreet', ${await hashPassword(DEMO_PASSWORD)})`)
      return t.as('otherstreet')
    })()
    const { unit } = await unitWithRep()
    const pairing = await pair(unit.id)
    const item = (await cadre.post('/api/v1/list-items', { list: 'need', communityId: t.fixtures.communityId, title: '需求', description: '需求说明' })).json()
    const [a, b] = [await newUnit(), await newUnit()]
    const alliance = (await street.post('/api/v1/alliances', { name: '范围测试联盟', orgId: t.fixtures.streetId, unitIds: [a.id, b.id] })).json()
    const before = await counts()
    const checks: [string, string, unknown, number][] = [
      ['GET', `/api/v1/units/${unit.id}`, undefined, 404],
      ['PATCH', `/api/v1/units/${unit.id}`, { name: '改名' }, 404],
      ['DELETE', `/api/v1/units/${unit.id}`, undefined, 404],
      ['GET', `/api/v1/units/${unit.id}/people`, undefined, 404],
      ['POST', `/api/v1/units/${unit.id}/people`, { name: '越权' }, 404],
      ['GET', `/api/v1/units?orgId=${t.fixtures.streetId}`, undefined, 404],
      ['GET', `/api/v1/units/coverage?orgId=${t.fixtures.streetId}`, undefined, 404],
      ['GET', `/api/v1/part-time-members?orgId=${t.fixtures.communityId}`, undefined, 404],
      ['GET', `/api/v1/pairings/${pairing.id}`, undefined, 404],
      ['POST', '/api/v1/pairings', pairingBody(unit.id), 404],
      ['POST', `/api/v1/pairings/${pairing.id}/end`, { endedOn: '2026-09-30', reason: '越权' }, 404],
      ['GET', `/api/v1/pairing-limits/${t.fixtures.communityId}`, undefined, 404],
      ['PUT', `/api/v1/pairing-limits/${t.fixtures.communityId}`, { maxUnits: 9 }, 404],
      ['GET', `/api/v1/list-items/${item.id}`, undefined, 404],
      ['POST', '/api/v1/list-items', { list: 'need', communityId: t.fixtures.communityId, title: '越权', description: '越权' }, 404],
      ['POST', `/api/v1/list-items/${item.id}/claims`, { unitId: unit.id }, 404],
      ['POST', `/api/v1/list-items/${item.id}/progress`, { note: '越权' }, 404],
      ['POST', `/api/v1/list-items/${item.id}/confirm`, {}, 404],
      ['POST', `/api/v1/list-items/${item.id}/withdraw`, {}, 404],
      ['GET', `/api/v1/alliances/${alliance.id}`, undefined, 404],
      ['GET', `/api/v1/alliances?orgId=${t.fixtures.streetId}`, undefined, 404],
      ['POST', '/api/v1/alliances', { name: '越权联盟', orgId: t.fixtures.streetId, unitIds: [a.id, b.id] }, 404],
      ['POST', `/api/v1/alliances/${alliance.id}/units`, { unitId: unit.id }, 404],
      ['POST', `/api/v1/alliances/${alliance.id}/activities`, { title: '越权', heldOn: '2026-09-01' }, 404],
    ]
    for (const [method, url, body, status] of checks) {
      const res = await otherStreetAdmin.request({ method: method as 'GET', url, ...(body !== undefined ? { payload: body as object } : {}) })
      assert.equal(res.statusCode, status, `${method} ${url} → ${res.body}`)
      assert.ok(res.json().error.code)
    }
    for (const [list, id] of [['/api/v1/units', unit.id], ['/api/v1/pairings', pairing.id], ['/api/v1/list-items', item.id], ['/api/v1/alliances', alliance.id]] as const) {
      const ids = ((await otherStreetAdmin.get(`${list}?limit=200`)).json().items as { id: string }[]).map((x) => x.id)
      assert.ok(!ids.includes(id), `${list} lists ${id}`)
    }
    assert.deepEqual(await counts(), before)
  })
})
