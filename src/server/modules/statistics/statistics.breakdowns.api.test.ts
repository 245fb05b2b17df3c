// Breakdowns of the statistics table (issue 18): parts by gender, age band, member kind and
// category add up to the total at the community, the street and the district; a ratio's parts
// carry their own numerator and denominator; the sweep recomputes a dirty community's parts; an
// unknown breakdown and an outsider are refused; without `breakdown` the table is as before.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { sweepUntilFresh } from '../../../../test/support/statistics-sweep.ts'
import { monthAt } from '../../kernel/indicators.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const sweep = () => sweepUntilFresh(t)
const period = monthAt(new Date())
const year = Number(period.slice(0, 4))

type Figure = { value: number | null; numerator?: number; denominator?: number }
type Cell = Figure & { source: string; parts?: Record<string, Figure> }
type Row = { orgId: string; name: string; values: Record<string, Cell> }
type Table = { rows: Row[]; total: Row; indicators: { code: string; kind: string }[]; breakdown?: { key: string; codes: string[]; labels: Record<string, { zh: string }> } }

const close = (caseId: string, onTime: boolean) =>
  t.query(sql`UPDATE cases SET state = 'closed', handled_at = now(), handled_on_time = ${onTime}, closed_at = now(), closed_level = 'grid' WHERE id = ${caseId}`)
    .then(() => t.query(sql`INSERT INTO case_events (case_id, district_id, action, from_state, to_state) SELECT id, district_id, 'close', 'verified', 'closed' FROM cases WHERE id = ${caseId}`))

/** A registered member of `kind` living in `building`, with a resident record (gender, birth year) unless both are null. */
async function member(community: { id: string }, building: { id: string }, cadre: { id: string }, kind: string, gender: string | null, birthYear: number | null) {
  const p = await f.newPerson({ role: 'member', orgId: community.id })
  const [pm] = await t.query<{ id: string }>(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id)
    VALUES (${p.id}, '测试党支部', ${kind}, ${community.id}) RETURNING id::text`)
  const [letter] = await t.query<{ id: string }>(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${cadre.id}) RETURNING id::text`)
  await t.query(sql`INSERT INTO registrations (member_id, kind, status, community_id, submitted_by, letter_attachment_id, reviewed_at)
    VALUES (${pm!.id}, 'member', 'accepted', ${community.id}, ${cadre.id}, ${letter!.id}, now())`)
  if (gender || birthYear) await t.query(sql`INSERT INTO residents (person_id, org_id, gender, birth_year) VALUES (${p.id}, ${building.id}, ${gender}, ${birthYear})`)
}

/** Every split indicator of every row: a sum's parts add up to its value, a ratio's parts' numerators and denominators to its own. */
function assertPartsAddUp(table: Table, where: string) {
  const kinds = new Map(table.indicators.map((i) => [i.code, i.kind]))
  for (const row of [...table.rows, table.total]) {
    for (const code of table.breakdown!.codes) {
      const c = row.values[code]!
      assert.ok(c.parts, `${where} ${row.name} ${code} has parts`)
      const parts = Object.values(c.parts)
      const sum = (k: 'value' | 'numerator' | 'denominator') => Math.round(parts.reduce((s, p) => s + (p[k] ?? 0), 0) * 1000) / 1000
      if (kinds.get(code) === 'count') assert.equal(sum('value'), c.value ?? 0, `${where} ${row.name} ${code}`)
      else {
        assert.equal(sum('numerator'), c.numerator, `${where} ${row.name} ${code} numerators`)
        assert.equal(sum('denominator'), c.denominator, `${where} ${row.name} ${code} denominators`)
        for (const p of parts) assert.equal(p.value, p.denominator! > 0 ? Math.round((p.numerator! / p.denominator!) * 100 * 100) / 100 : null, `${where} ${code} part`)
      }
    }
  }
  // The total's parts are the sums of the rows' parts (the node's own row when it has children).
  if (table.rows.length > 0) for (const code of table.breakdown!.codes) {
    for (const [part, p] of Object.entries(table.total.values[code]!.parts!)) {
      const field = kinds.get(code) === 'count' ? 'value' : 'numerator'
      const rowsSum = table.rows.reduce((s, r) => s + (r.values[code]!.parts![part]?.[field] ?? 0), 0)
      assert.equal(Math.round(rowsSum * 1000) / 1000, p[field], `${where} total ${code} ${part}`)
    }
  }
}

describe('statistics breakdowns', () => {
  let street: Awaited<ReturnType<Factories['newStreet']>>
  let a: typeof street
  let b: typeof street
  let admin: Awaited<ReturnType<Factories['newPerson']>>
  let cadreA: typeof admin
  let district: Client
  let ga: typeof street

  before(async () => {
    street = await f.newStreet()
    a = await f.newCommunity({ street })
    b = await f.newCommunity({ street })
    ga = await f.newGrid(a)
    // b's grid beside a's (the factory lays both communities' grids from the same corner).
    const placeholder = await f.newGrid(b)
    await t.query(sql`UPDATE orgs SET deleted_at = now() - interval '1 second' WHERE id = ${placeholder.id}`)
    const gb = await f.newGrid(b)
    admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
    cadreA = await f.newPerson({ role: 'community_cadre', orgId: a.id })
    district = await t.as('district')
    const home = await f.newBuilding(ga)
    await member(a, home, cadreA, 'in_service', 'female', year - 35)
    await member(a, home, cadreA, 'in_service', 'male', year - 64)
    await member(a, home, cadreA, 'retired', null, null)
    await member(b, home, cadreA, 'in_service', 'female', year - 20)
    const [c1, c2, c3] = [await f.newCase(ga, { categoryCode: 'environment.garbage' }), await f.newCase(ga, { categoryCode: 'environment.littering' }), await f.newCase(ga)]
    const c4 = await f.newCase(gb, { categoryCode: 'environment.garbage' })
    await close(c1.id, true)
    await close(c2.id, false)
    await close(c3.id, true)
    await close(c4.id, true)
    await sweep()
  })

  test('the dictionary lists each indicator’s breakdowns', async () => {
    const items = (await admin.client.get('/api/v1/indicators')).json().items as { code: string; breakdowns: { key: string; name: { zh: string } }[] }[]
    const of = (code: string) => items.find((i) => i.code === code)!.breakdowns.map((x) => x.key)
    assert.deepEqual(of('members.registered_members'), ['gender', 'ageBand', 'memberKind'])
    assert.deepEqual(of('volunteers.hours'), ['gender', 'ageBand'])
    assert.deepEqual(of('cases.reported'), ['category'])
    assert.deepEqual(of('orders.placed'), ['category'])
    assert.deepEqual(of('orgs.grids'), [])
    assert.equal(items.find((i) => i.code === 'cases.reported')!.breakdowns[0]!.name.zh, '按类别')
  })

  test('members split by gender, age band and member kind at the community; the street’s parts add up to its total', async () => {
    const own = (await cadreA.client.get(`/api/v1/statistics?orgId=${a.id}&period=${period}&ledger=party&breakdown=gender`)).json() as Table
    assert.deepEqual(own.total.values['members.registered_members']!.parts, { 'gender:female': { value: 1 }, 'gender:male': { value: 1 }, 'gender:unknown': { value: 1 } })
    assert.equal(own.breakdown!.labels['gender:female']!.zh, '女')
    assertPartsAddUp(own, 'community')
    const ages = (await cadreA.client.get(`/api/v1/statistics?orgId=${a.id}&period=${period}&ledger=party&breakdown=ageBand`)).json() as Table
    assert.deepEqual(ages.total.values['members.registered_members']!.parts, { 'ageBand:30-39': { value: 1 }, 'ageBand:60-69': { value: 1 }, 'ageBand:unknown': { value: 1 } })
    const kinds = (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&ledger=party&breakdown=memberKind`)).json() as Table
    assert.deepEqual(kinds.total.values['members.registered_members']!.parts, { 'memberKind:in_service': { value: 3 }, 'memberKind:retired': { value: 1 } })
    assert.equal(kinds.total.values['members.registered_members']!.value, 4)
    assertPartsAddUp(kinds, 'street memberKind')
    // A ratio split by gender: numerator and denominator per part (nobody is on target yet).
    const genders = (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&ledger=party&breakdown=gender`)).json() as Table
    assert.deepEqual(genders.total.values['members.target_met_rate']!.parts!['gender:female'], { value: 0, numerator: 0, denominator: 2 })
    assertPartsAddUp(genders, 'street gender')
  })

  test('cases split by category: a ratio’s parts are divided from summed numerators and denominators, never averaged', async () => {
    const res = await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&breakdown=category`)
    assert.equal(res.statusCode, 200, res.body)
    const table = res.json() as Table
    assert.deepEqual(table.breakdown!.codes.filter((c) => c.startsWith('cases.')), ['cases.reported', 'cases.closed', 'cases.on_time_rate'])
    assert.equal(table.breakdown!.labels['category:environment']!.zh, '环境卫生')
    const [rowA, rowB] = table.rows
    assert.deepEqual(rowA!.values['cases.reported']!.parts, { 'category:environment': { value: 2 }, 'category:facility': { value: 1 } })
    assert.deepEqual(rowB!.values['cases.reported']!.parts, { 'category:environment': { value: 1 } })
    assert.deepEqual(rowA!.values['cases.on_time_rate']!.parts!['category:environment'], { value: 50, numerator: 1, denominator: 2 })
    // 2 of 3 environment cases on time: 66.67 %, not the 75 % the average of 50 % and 100 % says.
    assert.deepEqual(table.total.values['cases.on_time_rate']!.parts!['category:environment'], { value: 66.67, numerator: 2, denominator: 3 })
    assertPartsAddUp(table, 'street category')
    // Indicators without the breakdown carry no parts.
    assert.equal(table.total.values['cases.reopen_rate']!.parts, undefined)
  })

  test('the district’s parts add up to its total for every key', async () => {
    for (const [ledger, key] of [['party', 'gender'], ['party', 'ageBand'], ['party', 'memberKind'], ['livelihood', 'category'], ['livelihood', 'gender']]) {
      const res = await district.get(`/api/v1/statistics?orgId=${t.fixtures.districtId}&period=${period}&ledger=${ledger}&breakdown=${key}`)
      assert.equal(res.statusCode, 200, res.body)
      const table = res.json() as Table
      assert.ok(table.rows.length > 0 && table.breakdown!.codes.length > 0, `${ledger} ${key}`)
      assertPartsAddUp(table, `district ${ledger} ${key}`)
    }
  })

  test('without breakdown the table is as before: no parts, no breakdown field', async () => {
    const plain = await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}`)
    assert.equal(plain.statusCode, 200)
    assert.ok(!plain.body.includes('"parts"') && !plain.body.includes('"breakdown"') && !plain.body.includes('"breakdowns"'))
    const split = (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&breakdown=category`)).json() as Table
    // The totals are the same figures with or without parts.
    const strip = (r: Row) => Object.fromEntries(Object.entries(r.values).map(([k, { parts: _parts, ...v }]) => [k, v]))
    assert.deepEqual(strip(split.total), plain.json().total.values)
  })

  test('the sweep recomputes a dirty community’s parts and leaves the others alone', async () => {
    const at = async (id: string) => (await t.query<{ at: string }>(sql`SELECT max(computed_at)::text AS at FROM statistic_facts WHERE community_id = ${id} AND period = ${period} AND breakdown <> ''`))[0]!.at
    const beforeB = await at(b.id)
    await f.newCase(ga, { categoryCode: 'environment.garbage' })
    await sweep()
    assert.equal(await at(b.id), beforeB)
    const table = (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&breakdown=category`)).json() as Table
    assert.deepEqual(table.rows[0]!.values['cases.reported']!.parts, { 'category:environment': { value: 3 }, 'category:facility': { value: 1 } })
    assertPartsAddUp(table, 'after the sweep')
  })

  test('an unknown breakdown is refused in Chinese; an outsider is refused with or without one', async () => {
    const bad = await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&breakdown=income`)
    assert.equal(bad.statusCode, 422)
    assert.match(bad.body, /没有这种分组方式/)
    const outsider = await f.newPerson({ role: 'community_cadre', orgId: b.id })
    for (const q of ['&breakdown=gender', '&breakdown=category', '']) {
      const res = await outsider.client.get(`/api/v1/statistics?orgId=${a.id}&period=${period}${q}`)
      assert.ok([403, 404].includes(res.statusCode), `${q}: ${res.statusCode}`)
    }
  })
})
