import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
let street: Client, cadre: Client, grid: Client, member: Client, resident: Client
let estateId: string, otherEstateId: string
let criteria: { code: string; name: string; maxScore: number }[]
before(async () => {
  t = await startTestApp()
  ;[street, cadre, grid, member, resident] = await t.asEach('street', 'cadre', 'grid', 'member', 'resident')
  const [e] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.communityId} AND kind = 'estate' ORDER BY id LIMIT 1`)
  const [o] = await t.query<{ id: string }>(sql`SELECT id::text FROM orgs WHERE parent_id = ${t.fixtures.otherCommunityId} AND kind = 'estate' ORDER BY id LIMIT 1`)
  estateId = e!.id
  otherEstateId = o!.id
  criteria = (await t.anonymous.get('/api/v1/estate-rating-criteria')).json().items
})
after(() => t.close())

const ratingCount = async () => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM estate_ratings`))[0]!.n

/** A full score sheet that loses `100 - total` points from the first criteria on. */
function sheet(total: number): Record<string, number> {
  let lose = Math.round((100 - total) * 10)
  return Object.fromEntries(criteria.map((c) => {
    const cut = Math.min(lose, c.maxScore * 10)
    lose -= cut
    return [c.code, (c.maxScore * 10 - cut) / 10]
  }))
}

describe('rating criteria', () => {
  test('anyone reads the six active criteria, worth 100 together', () => {
    assert.equal(criteria.length, 6)
    assert.equal(criteria.reduce((s, c) => s + c.maxScore, 0), 100)
  })
})

describe('rating an estate', () => {
  test('a community cadre rates an estate of the community; the colour follows the total at each threshold', async () => {
    const expected: [string, number, string][] = [
      ['2025-01', 100, 'green'], ['2025-02', 90, 'green'], ['2025-03', 89.9, 'blue'], ['2025-04', 80, 'blue'],
      ['2025-05', 79.9, 'yellow'], ['2025-06', 70, 'yellow'], ['2025-07', 69.9, 'orange'], ['2025-08', 60, 'orange'],
    ]
    for (const [period, total, color] of expected) {
      const res = await cadre.post(`/api/v1/estates/${estateId}/ratings`, { period, scores: sheet(total), note: '季度检查' })
      assert.equal(res.statusCode, 201, res.body)
      assert.deepEqual([res.json().total, res.json().color], [total, color], period)
      assert.equal(res.json().ratedBy.id, t.fixtures.personIds.cadre)
      assert.equal(res.json().caseId, null)
    }
    const history = (await cadre.get(`/api/v1/estates/${estateId}/ratings`)).json().items as { period: string }[]
    const mine = history.map((r) => r.period).filter((p) => p.startsWith('2025-0'))
    assert.deepEqual(mine, expected.map((e) => e[0]).reverse(), 'newest period first')
    const [audit] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'estate_rating.create'`)
    assert.equal(audit!.n, expected.length)
  })

  test('a quarter counts as later than the months it ends with; a period not yet begun is refused', async () => {
    await street.post(`/api/v1/estates/${estateId}/ratings`, { period: '2099-Q1', scores: sheet(95) }).then((r) => assert.equal(r.statusCode, 422))
    const q = await street.post(`/api/v1/estates/${estateId}/ratings`, { period: '2025-Q3', scores: sheet(85) })
    assert.equal(q.statusCode, 201, q.body)
    const history = (await cadre.get(`/api/v1/estates/${estateId}/ratings`)).json().items as { period: string }[]
    const order = history.map((r) => r.period)
    assert.ok(order.indexOf('2025-Q3') < order.indexOf('2025-08'))
  })

  test('a red rating opens a rectification case for the property firm naming the low criteria', async () => {
    const res = await cadre.post(`/api/v1/estates/${estateId}/ratings`, { period: '2025-12', scores: sheet(59.9) })
    assert.equal(res.statusCode, 201, res.body)
    const rating = res.json()
    assert.deepEqual([rating.total, rating.color], [59.9, 'red'])
    assert.ok(rating.caseId)
    const [row] = await t.query<{ channel: string; estate_rating_id: string; category_code: string; description: string; inside: boolean }>(sql`
      SELECT c.channel, c.estate_rating_id::text, c.category_code, c.description, ST_Covers(e.geometry, c.location) AS inside
      FROM cases c JOIN orgs e ON e.id = ${estateId} WHERE c.id = ${rating.caseId}`)
    const [estate] = await t.query<{ name: string; property_firm: string }>(sql`SELECT name, property_firm FROM orgs WHERE id = ${estateId}`)
    assert.equal(row!.channel, 'estate_rating')
    assert.equal(row!.estate_rating_id, rating.id)
    assert.equal(row!.category_code, 'property.rectification')
    assert.ok(row!.inside, 'the case is placed inside the estate')
    // The third criterion lost 5.1 of 20 points: above 60 % of its maximum, so not named.
    assert.equal(row!.description, `${estate!.name}（物业：${estate!.property_firm}）五色评定为红色，需整改：${criteria[0]!.name} 0/${criteria[0]!.maxScore}、${criteria[1]!.name} 0/${criteria[1]!.maxScore}`)
    const orange = (await cadre.post(`/api/v1/estates/${estateId}/ratings`, { period: '2025-10', scores: sheet(60) })).json()
    assert.equal(orange.caseId, null, 'only red opens a case')
  })

  test('when the rectification case is refused, the red rating is not written (one transaction) and the error returned', async () => {
    // An estate drawn (bypassing the org rules) where no grid is: the case cannot be placed.
    const [stray] = await t.query<{ id: string }>(sql`INSERT INTO orgs (kind, name, parent_id, property_firm, geometry)
      VALUES ('estate', '飞地小区', ${t.fixtures.communityId}, '某物业服务有限公司', ST_GeomFromText('POLYGON((1 1,1.001 1,1.001 1.001,1 1.001,1 1))', 4326)) RETURNING id::text`)
    const before = await ratingCount()
    const res = await cadre.post(`/api/v1/estates/${stray!.id}/ratings`, { period: '2025-09', scores: sheet(30) })
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().error.code, 'LOCATION_OUTSIDE')
    assert.equal(await ratingCount(), before)
    assert.equal((await cadre.post(`/api/v1/estates/${stray!.id}/ratings`, { period: '2025-09', scores: sheet(95) })).statusCode, 201, 'the period is free again')
  })

  test('a second rating for the same period is refused with 409 and writes nothing', async () => {
    const before = await ratingCount()
    const res = await cadre.post(`/api/v1/estates/${estateId}/ratings`, { period: '2025-01', scores: sheet(50) })
    assert.equal(res.statusCode, 409)
    assert.equal(res.json().error.code, 'ESTATE_RATING_EXISTS')
    assert.match(res.json().error.message, /2025-01/)
    assert.equal(await ratingCount(), before)
  })

  test('bad score sheets are refused with a message per field and write nothing', async () => {
    const before = await ratingCount()
    const [first, second] = criteria
    const { [first!.code]: _dropped, ...missing } = sheet(100)
    const cases: [unknown, number, string[]?][] = [
      [{ period: '2025-12', scores: missing }, 422, [`scores.${first!.code}`]],
      [{ period: '2025-12', scores: { ...sheet(100), [second!.code]: second!.maxScore + 1 } }, 422, [`scores.${second!.code}`]],
      [{ period: '2025-12', scores: { ...sheet(100), [first!.code]: -1, nosuch: 3 } }, 422, [`scores.${first!.code}`, 'scores.nosuch']],
      [{ period: '2025-12', scores: { ...sheet(100), [first!.code]: 1.25 } }, 422, [`scores.${first!.code}`]],
      [{ period: '2099-01', scores: sheet(100) }, 422, ['period']],
      [{ period: '2025-13', scores: sheet(100) }, 400],
      [{ period: '2025-Q5', scores: sheet(100) }, 400],
      [{ period: '2025-12', scores: { ...sheet(100), [first!.code]: '10' } }, 400],
      [{ period: '2025-09' }, 400],
      [{ period: '2025-12', scores: sheet(100), note: 'x'.repeat(1001) }, 400],
      [{ period: '2025-12', scores: sheet(100), extra: true }, 400],
    ]
    for (const [body, status, paths] of cases) {
      const res = await cadre.post(`/api/v1/estates/${estateId}/ratings`, body)
      assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`)
      assert.ok(res.json().error.message)
      if (paths) assert.deepEqual(res.json().error.details.map((d: { path: string }) => d.path), paths)
    }
    assert.equal(await ratingCount(), before)
  })

  test('only cadres over the estate rate it; others are refused and nothing is written', async () => {
    const before = await ratingCount()
    const body = { period: '2025-11', scores: sheet(100) }
    assert.equal((await member.post(`/api/v1/estates/${estateId}/ratings`, body)).statusCode, 403, 'a member of the community sees it but may not rate')
    assert.equal((await grid.post(`/api/v1/estates/${estateId}/ratings`, body)).statusCode, 404, 'the estate is not in the grid worker\'s grid')
    assert.equal((await cadre.post(`/api/v1/estates/${otherEstateId}/ratings`, body)).statusCode, 404)
    assert.equal((await cadre.post(`/api/v1/estates/${t.fixtures.communityId}/ratings`, body)).statusCode, 404, 'not an estate')
    assert.equal((await t.anonymous.post(`/api/v1/estates/${estateId}/ratings`, body)).statusCode, 401)
    assert.equal(await ratingCount(), before)
    assert.equal((await resident.get(`/api/v1/estates/${estateId}/ratings`)).statusCode, 404)
    assert.equal((await member.get(`/api/v1/estates/${estateId}/ratings`)).statusCode, 200)
  })
})

describe('current ratings', () => {
  test('the console list shows the estates in scope with their latest rating', async () => {
    const res = await cadre.get('/api/v1/estate-ratings?limit=200')
    assert.equal(res.statusCode, 200)
    const items = res.json().items as { estate: { id: string }; community: { id: string }; current: { period: string; color: string } | null }[]
    assert.ok(items.length >= 1)
    assert.ok(items.every((i) => i.community.id === t.fixtures.communityId))
    const mine = items.find((i) => i.estate.id === estateId)!
    assert.ok(mine.current)
    const history = (await cadre.get(`/api/v1/estates/${estateId}/ratings`)).json().items
    assert.equal(mine.current!.period, history[0].period)
    const byColor = (await street.get(`/api/v1/estate-ratings?color=${mine.current!.color}&limit=200`)).json().items as { current: { color: string } }[]
    assert.ok(byColor.every((i) => i.current.color === mine.current!.color))
    assert.deepEqual((await resident.get('/api/v1/estate-ratings')).json().items, [])
    assert.equal((await cadre.get(`/api/v1/estate-ratings?orgId=${t.fixtures.otherCommunityId}`)).statusCode, 404)
  })

  test('the public board needs no login and lists each rated estate once with its current colour', async () => {
    const res = await t.anonymous.get(`/api/v1/public/estate-ratings?orgId=${t.fixtures.communityId}`)
    assert.equal(res.statusCode, 200)
    const items = res.json().items as { estate: { id: string }; propertyFirm: string | null; color: string; total: number; period: string }[]
    const mine = items.filter((i) => i.estate.id === estateId)
    assert.equal(mine.length, 1)
    const history = (await cadre.get(`/api/v1/estates/${estateId}/ratings`)).json().items
    assert.deepEqual([mine[0]!.period, mine[0]!.color, mine[0]!.total], [history[0].period, history[0].color, history[0].total])
    assert.ok(!('scores' in mine[0]!), 'the public sees the colour, not the score sheet')
    assert.equal((await t.anonymous.get('/api/v1/public/estate-ratings?orgId=999999999')).statusCode, 404)
    assert.equal((await t.anonymous.get('/api/v1/public/estate-ratings?color=purple')).statusCode, 400)
  })
})
