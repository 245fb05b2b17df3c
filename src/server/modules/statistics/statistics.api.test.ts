import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories } from '../../../../test/support/factories.ts'
import { sweepOnce } from '../../kernel/scheduler.ts'
import { schedulerJobs } from '../../app.ts'
import { monthAt } from '../../kernel/indicators.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

/** Sweeps until no community-month waits (a sweep recomputes for about 2 s, newest month first). */
async function sweep() {
  for (let i = 0; i < 30; i++) {
    await sweepOnce(t.database, schedulerJobs(t.app.services), new Date())
    const [dirty] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM statistic_dirty`)
    if (dirty!.n === 0) return
  }
  throw new Error('the statistics sweep did not catch up in 30 rounds')
}
const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
const period = monthAt(new Date())

/** Marks a case handled and closed at `level` (on time or not), as its workflow would, with its event. */
async function close(caseId: string, onTime: boolean, level: 'grid' | 'community' | 'street', rating: number | null = null) {
  await t.query(sql`UPDATE cases SET state = 'closed', handled_at = now(), handled_on_time = ${onTime}, closed_at = now(), closed_level = ${level}, rating = ${rating} WHERE id = ${caseId}`)
  await t.query(sql`INSERT INTO case_events (case_id, district_id, action, from_state, to_state) SELECT id, district_id, 'close', 'verified', 'closed' FROM cases WHERE id = ${caseId}`)
}

/**
 * A grid of the second community that does not overlap the first one's (the factory lays both
 * communities on the street's cell, grids side by side from the same corner): the grids before it
 * are removed.
 */
async function gridApart(community: Awaited<ReturnType<Factories['newCommunity']>>, skip: number) {
  for (let i = 0; i < skip; i++) {
    const placeholder = await f.newGrid(community)
    await t.query(sql`UPDATE orgs SET deleted_at = now() - interval '1 second' WHERE id = ${placeholder.id}`)
  }
  return f.newGrid(community)
}

type Cell = { value: number | null; numerator?: number; denominator?: number; source: string }
type Row = { orgId: string; name: string; values: Record<string, Cell> }

describe('the statistics table', () => {
  test('a street reads one row per community and a total that is the sum of its communities; ratios are summed, not averaged', async () => {
    const street = await f.newStreet()
    const a = await f.newCommunity({ street })
    const b = await f.newCommunity({ street })
    const a1 = await f.newGrid(a)
    const a2 = await f.newGrid(a)
    const b1 = await gridApart(b, 2)
    await t.query(sql`UPDATE orgs SET party_org_kind = 'group', party_org_name = '第一网格党小组' WHERE id = ${a1.id}`)
    const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
    const cadreA = await f.newPerson({ role: 'community_cadre', orgId: a.id })

    const [c1, c2] = [await f.newCase(a1), await f.newCase(a2)]
    const c3 = await f.newCase(b1)
    await close(c1.id, true, 'grid', 5)
    await close(c2.id, false, 'street', 2)
    await close(c3.id, true, 'grid', 4)
    await sweep()

    const res = await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&ledger=livelihood`)
    assert.equal(res.statusCode, 200, res.body)
    const table = res.json()
    assert.equal(table.period, period)
    assert.deepEqual(table.org, { id: street.id, name: street.name, kind: 'street' })
    assert.equal(table.state, 'open')
    assert.deepEqual(table.rows.map((r: Row) => r.orgId), [a.id, b.id])
    assert.ok(table.indicators.every((i: { ledger: string }) => i.ledger === 'livelihood'))
    const [rowA, rowB] = table.rows as Row[]
    assert.equal(rowA!.values['cases.reported']!.value, 2)
    assert.equal(rowB!.values['cases.reported']!.value, 1)
    assert.equal(table.total.values['cases.reported'].value, 3)
    assert.equal(rowA!.values['cases.on_time_rate']!.value, 50)
    assert.equal(rowB!.values['cases.on_time_rate']!.value, 100)
    // 2 of 3 on time: 66.67 %, not the 75 % an average of the two communities' rates would say.
    assert.deepEqual(table.total.values['cases.on_time_rate'], { value: 66.67, numerator: 2, denominator: 3, source: 'computed' })
    assert.equal(table.total.values['cases.closed_in_grid_rate'].value, 66.67)
    assert.equal(table.total.values['cases.satisfaction_rate'].value, 66.67)
    // Every indicator of the ledger, in every row; the total of each count is the sum of the rows.
    for (const i of table.indicators as { code: string; kind: string; source: string }[]) {
      for (const r of [...table.rows, table.total] as Row[]) assert.ok(r.values[i.code], `${r.name} lacks ${i.code}`)
      // A manual field nobody typed is empty (null), not a 0 the community never reported.
      if (i.source === 'manual') assert.deepEqual([table.total.values[i.code].value, rowA!.values[i.code]!.value], [null, null], i.code)
      else if (i.kind === 'count') assert.equal(table.total.values[i.code].value, rowA!.values[i.code]!.value! + rowB!.values[i.code]!.value!, i.code)
      else {
        assert.equal(table.total.values[i.code].numerator, rowA!.values[i.code]!.numerator! + rowB!.values[i.code]!.numerator!, i.code)
        assert.equal(table.total.values[i.code].denominator, rowA!.values[i.code]!.denominator! + rowB!.values[i.code]!.denominator!, i.code)
      }
    }

    // The Party-building ledger: the tree's stocks.
    const party = (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&ledger=party`)).json()
    assert.deepEqual(party.rows.map((r: Row) => r.values['orgs.grids']!.value), [2, 1])
    assert.deepEqual(party.rows.map((r: Row) => r.values['orgs.grid_party_groups']!.value), [1, 0])
    assert.equal(party.total.values['orgs.grids'].value, 3)

    // Without a node: the street admin's own street.
    const mine = await admin.client.get(`/api/v1/statistics?period=${period}`)
    assert.equal(mine.statusCode, 200, mine.body)
    assert.equal(mine.json().org.id, street.id)

    // The community's own table: its total only.
    const own = await cadreA.client.get(`/api/v1/statistics?orgId=${a.id}&period=${period}`)
    assert.equal(own.statusCode, 200, own.body)
    assert.deepEqual(own.json().rows, [])
    assert.equal(own.json().total.values['cases.reported'].value, 2)

    // A quarter and a year sum their months; a stock shows its last month.
    const year = (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period.slice(0, 4)}&ledger=party`)).json()
    assert.equal(year.months.length, 12)
    assert.equal(year.state, 'open')
    const yearLivelihood = (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period.slice(0, 4)}`)).json()
    assert.equal(yearLivelihood.total.values['cases.reported'].value, 3)
    assert.equal(year.total.values['orgs.grids'].value, 3)
  })

  test('a change is read into its community-month by the next sweep; other communities are not recomputed', async () => {
    const street = await f.newStreet()
    const a = await f.newCommunity({ street })
    const b = await f.newCommunity({ street })
    const [ga, gb] = [await f.newGrid(a), await gridApart(b, 1)]
    const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
    await f.newCase(ga)
    await f.newCase(gb)
    await sweep()
    const computedAt = async (communityId: string) =>
      (await t.query<{ at: string }>(sql`SELECT computed_at::text AS at FROM statistic_facts WHERE community_id = ${communityId} AND period = ${period} AND code = 'cases.reported'`))[0]!.at
    const aBefore = await computedAt(a.id)
    const read = async () => (await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}`)).json().rows.map((r: Row) => r.values['cases.reported']!.value)
    assert.deepEqual(await read(), [1, 1])

    await f.newCase(gb)
    // The table is read, not computed: until the sweep it shows the figures as they were.
    assert.deepEqual(await read(), [1, 1])
    await sweep()
    assert.deepEqual(await read(), [1, 2])
    assert.equal(await computedAt(a.id), aBefore)
  })

  test('the demo street’s members registered and volunteer hours are the records’ own figures', async () => {
    await sweep()
    const admin = await t.as('street')
    const year = period.slice(0, 4)
    const party = (await admin.get(`/api/v1/statistics?orgId=${t.fixtures.streetId}&period=${period}&ledger=party`)).json()
    const [members] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM registrations r JOIN orgs c ON c.id = r.community_id
      WHERE r.kind = 'member' AND r.status = 'accepted' AND c.path <@ (SELECT path FROM orgs WHERE id = ${t.fixtures.streetId})`)
    assert.ok(members!.n > 0, 'the demo has registered members')
    assert.equal(party.total.values['members.registered_members'].value, members!.n)
    const livelihood = (await admin.get(`/api/v1/statistics?orgId=${t.fixtures.streetId}&period=${year}`)).json()
    const [hours] = await t.query<{ h: number }>(sql`SELECT coalesce(sum(x.hours), 0)::float8 AS h FROM activity_attendances x JOIN activities a ON a.id = x.activity_id JOIN orgs o ON o.id = a.org_id
      WHERE x.status = 'checked_out' AND o.kind NOT IN ('street', 'district', 'city') AND o.path <@ (SELECT path FROM orgs WHERE id = ${t.fixtures.streetId})
        AND to_char(x.checked_in_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') = ${year}`)
    assert.equal(livelihood.total.values['volunteers.hours'].value, hours!.h)
  })

  test('the dictionary lists every indicator with its ledger, unit and how it adds up', async () => {
    const admin = await f.newPerson({ role: 'street_admin', orgId: (await f.newStreet()).id })
    const res = await admin.client.get('/api/v1/indicators')
    assert.equal(res.statusCode, 200, res.body)
    const onTime = res.json().items.find((i: { code: string }) => i.code === 'cases.on_time_rate')
    assert.deepEqual({ ledger: onTime.ledger, kind: onTime.kind, tree: onTime.tree, unit: onTime.unit.zh }, { ledger: 'livelihood', kind: 'ratio', tree: 'ratio_of_sums', unit: '%' })
    assert.ok(res.json().items.some((i: { ledger: string }) => i.ledger === 'party'))
    assert.equal((await t.anonymous.get('/api/v1/indicators')).statusCode, 401)
  })

  test('bad periods and nodes are refused in Chinese; outside one’s node is refused', async () => {
    const street = await f.newStreet()
    const a = await f.newCommunity({ street })
    const b = await f.newCommunity({ street })
    const grid = await f.newGrid(a)
    const cadreA = await f.newPerson({ role: 'community_cadre', orgId: a.id })
    const worker = await f.newPerson({ role: 'grid_worker', orgId: grid.id })
    const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })

    for (const p of ['2026-13', '2026-Q5', '26-11', '']) {
      const res = await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${p}`)
      assert.equal(res.statusCode, 400, `${p}: ${res.body}`)
      assert.match(res.json().error.message, /[\u4e00-\u9fff]/)
    }
    assert.equal((await admin.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}&ledger=other`)).statusCode, 400)
    const gridTable = await admin.client.get(`/api/v1/statistics?orgId=${grid.id}&period=${period}`)
    assert.equal(gridTable.statusCode, 422, gridTable.body)
    assert.equal(codeOf(gridTable), 'STATISTICS_NODE_KIND')
    assert.equal((await admin.client.get(`/api/v1/statistics?orgId=999999999&period=${period}`)).statusCode, 404)

    assert.equal((await cadreA.client.get(`/api/v1/statistics?orgId=${street.id}&period=${period}`)).statusCode, 403)
    assert.ok([403, 404].includes((await cadreA.client.get(`/api/v1/statistics?orgId=${b.id}&period=${period}`)).statusCode))
    assert.equal((await worker.client.get(`/api/v1/statistics?orgId=${a.id}&period=${period}`)).statusCode, 403)
    assert.equal((await t.anonymous.get(`/api/v1/statistics?orgId=${a.id}&period=${period}`)).statusCode, 401)
  })
})
