// The console's tables say 共 N 条 (issue 13): the lists a person pages through answer `total` with
// their first page. The total is what walking every page finds, later pages do not count again,
// and a count never shows more than its reader may read row by row.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startTestApp, type Client, type TestApp } from '../support/app.ts'
import { factories, type Factories } from '../support/factories.ts'
import { sql } from 'drizzle-orm'
import { TOTAL_CAP } from '../../src/server/kernel/pagination.ts'

let t: TestApp
let make: Factories
before(async () => {
  t = await startTestApp()
  make = factories(t)
})
after(() => t.close())

const lists = ['/api/v1/cases?box=scope', '/api/v1/residents', '/api/v1/people', '/api/v1/units', '/api/v1/visits', '/api/v1/points/accounts', '/api/v1/points/manual-awards']

/** Every id the list gives `client`, walking its cursors `limit` at a time, and the first page's total. */
async function walk(client: Client, path: string, limit: number) {
  const join = path.includes('?') ? '&' : '?'
  const first = await client.get(`${path}${join}limit=${limit}`)
  assert.equal(first.statusCode, 200, `${path}: ${first.body}`)
  let page = first.json() as { items: { id: string }[]; nextCursor: string | null; total?: number }
  const ids = page.items.map((i) => i.id)
  while (page.nextCursor) {
    page = (await client.get(`${path}${join}limit=${limit}&cursor=${page.nextCursor}`)).json()
    assert.equal(page.total, undefined, `${path}: a later page does not count again`)
    ids.push(...page.items.map((i) => i.id))
  }
  return { total: first.json().total as number | undefined, ids }
}

describe('list totals', () => {
  test('the first page says how many there are in all: as many as walking every page finds', async () => {
    const cadre = await t.as('cadre')
    for (const path of lists) {
      const { total, ids } = await walk(cadre, path, 7)
      assert.equal(typeof total, 'number', `${path} counts`)
      assert.equal(total, ids.length, path)
      assert.equal(new Set(ids).size, ids.length, `${path}: no row twice`)
    }
  })

  test('a filter narrows the total as it narrows the rows', async () => {
    const cadre = await t.as('cadre')
    const all = await walk(cadre, '/api/v1/cases?box=scope', 50)
    const open = await walk(cadre, '/api/v1/cases?box=scope&state=reported', 50)
    assert.ok(open.total! < all.total!)
    assert.equal(open.total, open.ids.length)
  })

  test('counting stops at 10,000: a longer list says so (totalCapped) instead of reading every row', async () => {
    const community = await make.newCommunity()
    const grid = await make.newGrid(community)
    const cadre = await make.newPerson({ role: 'community_cadre', orgId: community.id })
    const { lng, lat } = make.centre(grid.box)
    await t.query(sql`INSERT INTO cases (district_id, org_id, org_path, category_code, description, location, handling_org_id, handling_org_path, channel)
      SELECT linli_district_of(g.id), g.id, g.path, 'facility.road', '批量生成的事件 ' || n, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), g.id, g.path, 'console'
      FROM orgs g, generate_series(1, ${TOTAL_CAP + 5}) n WHERE g.id = ${grid.id}`)
    const page = (await cadre.client.get('/api/v1/cases?box=scope&limit=5')).json()
    assert.equal(page.items.length, 5)
    assert.equal(page.total, TOTAL_CAP)
    assert.equal(page.totalCapped, true)
    const narrow = (await cadre.client.get('/api/v1/cases?box=scope&limit=5&q=' + encodeURIComponent('批量生成的事件 1000'))).json()
    assert.equal(narrow.totalCapped, undefined, 'a short list is counted exactly')
    assert.equal(narrow.total, 7, 'number 1000 and numbers 10000 to 10005')
  })

  test('a cadre of another community counts only what they may read', async () => {
    const community = await make.newCommunity()
    const grid = await make.newGrid(community)
    const cadre = await make.newPerson({ role: 'community_cadre', orgId: community.id })
    await make.newCase(grid)
    await make.newCase(grid)
    const cases = await walk(cadre.client, '/api/v1/cases?box=scope', 1)
    assert.equal(cases.total, 2, 'their own two cases, none of the demo community’s')
    const people = await walk(cadre.client, '/api/v1/people', 1)
    assert.equal(people.total, people.ids.length)
    assert.ok(people.ids.includes(cadre.id))
    const demoCadre = await t.as('cadre')
    const theirs = await walk(demoCadre, '/api/v1/people', 200)
    assert.ok(!theirs.ids.includes(cadre.id), 'the other community’s cadre is not counted by the demo cadre')
    // Nobody signed in: refused, not counted.
    assert.equal((await t.anonymous.get('/api/v1/residents?limit=1')).statusCode, 401)
  })
})
