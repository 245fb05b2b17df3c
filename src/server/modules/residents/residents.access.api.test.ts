// Security review, issue 11: ids named in a body pass the same check as ids in the path, and a
// record's full values or its person's name and phone are not the registry's to hand out or
// change for someone who ranks as high as the caller or higher.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { hashPassword } from '../../kernel/auth/passwords.ts'
import { DEMO_PASSWORD } from '../../demo/seed.ts'

let t: TestApp
let grid: Client, cadre: Client, street: Client, farGrid: Client
let districtPhone: string
before(async () => {
  t = await startTestApp({ LOGIN_IP_PER_MIN: '10000' })
  ;[grid, cadre, street] = await t.asEach('grid', 'cadre', 'street')
  // A grid worker of another street, with an account of their own.
  const [otherStreet] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${t.fixtures.otherStreetId}`)
  const [farGridOrg] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE kind = 'grid' AND path <@ ${otherStreet!.path}::ltree ORDER BY id LIMIT 1`)
  farGrid = await withAccount('farGrid', await newPerson('另一街道网格员', [['grid_worker', farGridOrg!.id]]))
  const [d] = await t.query<{ phone_enc: string }>(sql`SELECT phone_enc FROM people WHERE id = ${t.fixtures.personIds.district}`)
  districtPhone = t.pii.decrypt('phone', d!.phone_enc)
})
after(() => t.close())

async function newPerson(name: string, roles: [string, string, string?][], phone?: string): Promise<string> {
  const sealed = phone ? t.pii.seal('phone', phone) : null
  const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name, phone_enc, phone_hash, phone_mask)
    VALUES (${name}, ${sealed?.enc ?? null}, ${sealed?.hash ?? null}, ${sealed?.mask ?? null}) RETURNING id::text`)
  for (const [role, orgId, validFrom] of roles) {
    await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from) VALUES (${p!.id}, ${role}, ${orgId}, coalesce(${validFrom ?? null}::date, CURRENT_DATE))`)
  }
  return p!.id
}

async function withAccount(username: string, personId: string): Promise<Client> {
  await t.query(sql`INSERT INTO accounts (person_id, username, password_hash) VALUES (${personId}, ${username}, ${await hashPassword(DEMO_PASSWORD)})`)
  return t.as(username)
}

/** A record as it could have been made before the fix: straight into the table. */
async function recordOf(personId: string, orgId = t.fixtures.buildingId): Promise<string> {
  const [r] = await t.query<{ id: string }>(sql`INSERT INTO residents (person_id, org_id) VALUES (${personId}, ${orgId}) RETURNING id::text`)
  return r!.id
}

const counts = async () => (await t.query<{ residents: number; people: number; audit: number }>(sql`SELECT
  (SELECT count(*)::int FROM residents) AS residents, (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM audit_log) AS audit`))[0]!
const phoneOf = async (personId: string) => (await t.query<{ phone_hash: string | null }>(sql`SELECT phone_hash FROM people WHERE id = ${personId}`))[0]!.phone_hash

describe('an id named in the body of a residents request', () => {
  test('the demo grid worker cannot make a record for the district admin, so cannot reveal or change their phone through it', async () => {
    const before = await counts()
    const res = await grid.post('/api/v1/residents', { personId: t.fixtures.personIds.district, orgId: t.fixtures.buildingId })
    assert.equal(res.statusCode, 404, res.body)
    assert.equal(res.json().error.code, 'PERSON_NOT_FOUND', 'someone the grid worker may not see answers as nobody')
    assert.deepEqual(await counts(), before, 'nothing written, not even an audit row')
    const none = await grid.post('/api/v1/residents', { personId: '999999999', orgId: t.fixtures.buildingId })
    assert.deepEqual([none.statusCode, { ...none.json().error, requestId: null }], [res.statusCode, { ...res.json().error, requestId: null }], 'the same answer as for a person who does not exist')
  })

  test('a grid worker of another street is refused the same way, for the person and for the building', async () => {
    const before = await counts()
    const person = await farGrid.post('/api/v1/residents', { personId: t.fixtures.personIds.district, orgId: t.fixtures.buildingId })
    assert.equal(person.statusCode, 404)
    const byName = await farGrid.post('/api/v1/residents', { name: '越界登记', orgId: t.fixtures.buildingId })
    assert.equal(byName.statusCode, 404)
    assert.equal(byName.json().error.code, 'ORG_NOT_FOUND')
    assert.deepEqual(await counts(), before)
  })

  test('a person registered elsewhere answers as one who does not exist: RESIDENT_EXISTS tells only about people the caller manages', async () => {
    const [otherStreet] = await t.query<{ path: string }>(sql`SELECT path::text FROM orgs WHERE id = ${t.fixtures.otherStreetId}`)
    const [farBuilding] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE kind = 'building' AND path <@ ${otherStreet!.path}::ltree ORDER BY id LIMIT 1`)
    const elsewhere = await newPerson('另一街道的居民', [['resident', farBuilding!.id]])
    await recordOf(elsewhere, farBuilding!.id)
    const before = await counts()
    const known = await cadre.post('/api/v1/residents', { personId: elsewhere, orgId: t.fixtures.buildingId })
    const unknown = await cadre.post('/api/v1/residents', { personId: '999999998', orgId: t.fixtures.buildingId })
    assert.equal(known.statusCode, 404)
    assert.deepEqual({ ...known.json().error, requestId: null }, { ...unknown.json().error, requestId: null })
    assert.deepEqual(await counts(), before)
  })

  test('a cadre attaches a resident of the community, but not someone who ranks as high', async () => {
    const neighbour = await newPerson('社区居民甲', [['resident', t.fixtures.buildingId]])
    const ok = await cadre.post('/api/v1/residents', { personId: neighbour, orgId: t.fixtures.buildingId })
    assert.equal(ok.statusCode, 201, ok.body)
    const before = await counts()
    const fellow = await newPerson('另一位社区干部', [['community_cadre', t.fixtures.communityId]])
    const refused = await cadre.post('/api/v1/residents', { personId: fellow, orgId: t.fixtures.buildingId })
    assert.equal(refused.statusCode, 403)
    assert.equal((await counts()).residents, before.residents)
  })

  test('moving a record to a building outside the caller\'s scope is refused and changes nothing', async () => {
    const id = (await grid.post('/api/v1/residents', { name: '待迁居民', orgId: t.fixtures.buildingId })).json().id
    const [far] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.siblingGridId} AND kind = 'building' ORDER BY id LIMIT 1`)
    const res = await grid.patch(`/api/v1/residents/${id}`, { orgId: far!.id })
    assert.equal(res.statusCode, 404)
    assert.equal((await grid.get(`/api/v1/residents/${id}`)).json().org.id, t.fixtures.buildingId)
  })
})

describe('the record of someone who ranks as high as the caller', () => {
  let districtRecord: string
  let cadreRecord: string
  let cadrePerson: string
  before(async () => {
    districtRecord = await recordOf(t.fixtures.personIds.district!)
    cadrePerson = await newPerson('住在网格里的社区干部', [['community_cadre', t.fixtures.communityId]], '13900000101')
    cadreRecord = await recordOf(cadrePerson)
  })

  test('a grid worker cannot reveal the district admin\'s phone or a cadre\'s, and no reveal is audited', async () => {
    const before = await counts()
    for (const id of [districtRecord, cadreRecord]) {
      const res = await grid.post(`/api/v1/residents/${id}/reveal`, { field: 'phone', reason: '核实联系方式' })
      assert.equal(res.statusCode, 403, res.body)
      assert.ok(!res.body.includes(districtPhone) && !res.body.includes('13900000101'))
    }
    assert.equal((await cadre.post(`/api/v1/residents/${cadreRecord}/reveal`, { field: 'phone', reason: '核实联系方式' })).statusCode, 403, 'a fellow cadre ranks as high')
    assert.deepEqual(await counts(), before)
    const ok = await street.post(`/api/v1/residents/${cadreRecord}/reveal`, { field: 'phone', reason: '核实联系方式' })
    assert.equal(ok.statusCode, 200)
    assert.equal(ok.json().value, '13900000101')
  })

  test('a grid worker cannot change the name or phone of someone who ranks higher; the rest of the record stays theirs to keep', async () => {
    const phone = await phoneOf(cadrePerson)
    for (const body of [{ phone: '13900000102' }, { name: '改名' }]) {
      const res = await grid.patch(`/api/v1/residents/${cadreRecord}`, body)
      assert.equal(res.statusCode, 403, res.body)
    }
    assert.equal(await phoneOf(cadrePerson), phone)
    assert.equal((await grid.patch(`/api/v1/residents/${districtRecord}`, { phone: '13900000103' })).statusCode, 403)
    assert.equal((await grid.patch(`/api/v1/residents/${cadreRecord}`, { household: '3单元502' })).statusCode, 200)
    assert.equal((await street.patch(`/api/v1/residents/${cadreRecord}`, { phone: '13900000104' })).statusCode, 200)
  })

  test('a role that starts tomorrow counts: the future street admin\'s phone is not revealed', async () => {
    const [{ tomorrow }] = await t.query<{ tomorrow: string }>(sql`SELECT (CURRENT_DATE + 1)::text AS tomorrow`) as [{ tomorrow: string }]
    const future = await newPerson('明日街道管理员', [['resident', t.fixtures.buildingId], ['street_admin', t.fixtures.streetId, tomorrow]], '13900000105')
    const id = await recordOf(future)
    assert.equal((await grid.post(`/api/v1/residents/${id}/reveal`, { field: 'phone', reason: '核实联系方式' })).statusCode, 403)
    assert.equal((await cadre.post(`/api/v1/residents/${id}/reveal`, { field: 'phone', reason: '核实联系方式' })).statusCode, 403)
  })

  test('rank, not place, decides: the sibling grid\'s worker reveals the phone of a Party member whose member role sits on the community', async () => {
    const [w] = await t.query<{ id: string }>(sql`SELECT person_id::text AS id FROM role_assignments WHERE org_id = ${t.fixtures.siblingGridId} AND role = 'grid_worker' ORDER BY id LIMIT 1`)
    const sibling = await withAccount('siblingGrid', w!.id)
    const mine = await t.as('member')
    const own = (await mine.get('/api/v1/residents/me')).json()
    const res = await sibling.post(`/api/v1/residents/${own.id}/reveal`, { field: 'phone', reason: '上门走访前电话联系' })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().value, own.phone)
  })

  test('a full export shows no more than a reveal would: the district admin\'s row stays masked', async () => {
    const res = await street.post('/api/v1/residents/export', { orgId: t.fixtures.gridId, full: true, reason: '年度核对居民信息' })
    assert.equal(res.statusCode, 200, res.body)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const cells: string[][] = []
    wb.worksheets[0]!.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    const phoneColumn = cells[0]!.findIndex((h) => h.startsWith('手机号'))
    const [{ name }] = await t.query<{ name: string }>(sql`SELECT name FROM people WHERE id = ${t.fixtures.personIds.district}`) as [{ name: string }]
    const district = cells.find((r) => r[0] === name)!
    assert.match(district[phoneColumn]!, /^1\d\d\*{4}\d{4}$/)
    assert.ok(!cells.flat().includes(districtPhone))
    assert.ok(cells.slice(1).some((r) => /^1\d{10}$/.test(r[phoneColumn]!)), 'the other rows are in full')
  })
})

describe('a phone already in use', () => {
  test('is refused with one neutral answer, whoever holds it and wherever they are', async () => {
    const before = await counts()
    const held = await grid.post('/api/v1/residents', { name: '号码测试', phone: '13900000201', orgId: t.fixtures.buildingId })
    assert.equal(held.statusCode, 201)
    const inScope = await grid.post('/api/v1/residents', { name: '号码测试二', phone: '13900000201', orgId: t.fixtures.buildingId })
    const outside = await grid.post('/api/v1/residents', { name: '号码测试三', phone: districtPhone, orgId: t.fixtures.buildingId })
    const viaPeople = await cadre.post('/api/v1/people', { name: '号码测试四', phone: districtPhone, role: { role: 'resident', orgId: t.fixtures.buildingId } })
    for (const res of [inScope, outside, viaPeople]) {
      assert.equal(res.statusCode, 409)
      assert.deepEqual({ ...res.json().error, requestId: null }, { ...outside.json().error, requestId: null })
    }
    assert.equal(outside.json().error.code, 'PHONE_UNAVAILABLE')
    const [{ name }] = await t.query<{ name: string }>(sql`SELECT name FROM people WHERE id = ${t.fixtures.personIds.district}`) as [{ name: string }]
    assert.ok(!outside.body.includes(name) && !/账号|注册/.test(outside.body), 'it neither names the holder nor speaks of an account')
    assert.equal((await counts()).residents, before.residents + 1)
  })
})
