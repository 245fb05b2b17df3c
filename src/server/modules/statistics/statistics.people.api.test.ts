import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../../../test/support/app.ts'
import { factories, type Factories, type Org, type Person } from '../../../../test/support/factories.ts'
import { monthAt } from '../../kernel/indicators.ts'
import { loadExcel } from '../../kernel/spreadsheet.ts'
import { previousPeriod } from './statistics.assessments.ts'

let t: TestApp
let f: Factories
before(async () => {
  t = await startTestApp()
  f = factories(t)
})
after(() => t.close())

const period = monthAt(new Date())
const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
type Cell = { value: number | null; numerator?: number; denominator?: number; color: string; points: number }
type Card = { personId: string; name: string; orgId: string; orgName: string; score: number | null; previousScore: number | null; trend: number | null; rank: number | null; cells: Record<string, Cell> }

/** Marks a case handled by `by` now (on time or not), as its workflow would. */
const handle = (caseId: string, by: Person, onTime: boolean) =>
  t.query(sql`UPDATE cases SET state = 'handled', handled_at = now(), handled_on_time = ${onTime}, last_handler_id = ${by.id} WHERE id = ${caseId}`)
const visit = (grid: Org, by: Person, n: number, at = 'now()') => t.query(sql`INSERT INTO visits (kind, mode, org_id, visitor_id, visited_at, households, note)
  SELECT 'home', 'active', ${grid.id}, ${by.id}, ${sql.raw(at)}, 2, '入户走访' FROM generate_series(1, ${n})`)

/** A registered (accepted) in-service member living in `community`. */
async function member(community: Org, cadre: Person, name: string) {
  const p = await f.newPerson({ role: 'member', orgId: community.id, name })
  const [pm] = await t.query<{ id: string }>(sql`INSERT INTO party_members (person_id, party_org_name, kind, community_id)
    VALUES (${p.id}, '测试党支部', 'in_service', ${community.id}) RETURNING id::text`)
  const [letter] = await t.query<{ id: string }>(sql`INSERT INTO attachments (sha256, mime, size, uploaded_by) VALUES (${randomBytes(32).toString('hex')}, 'image/png', 100, ${cadre.id}) RETURNING id::text`)
  await t.query(sql`INSERT INTO registrations (member_id, kind, status, community_id, submitted_by, letter_attachment_id, reviewed_at)
    VALUES (${pm!.id}, 'member', 'accepted', ${community.id}, ${cadre.id}, ${letter!.id}, now())`)
  return { ...p, memberId: pm!.id }
}

async function world() {
  const street = await f.newStreet()
  const a = await f.newCommunity({ street })
  const b = await f.newCommunity({ street })
  const [a1, a2] = [await f.newGrid(a), await f.newGrid(a)]
  const admin = await f.newPerson({ role: 'street_admin', orgId: street.id })
  const cadreA = await f.newPerson({ role: 'community_cadre', orgId: a.id })
  const cadreB = await f.newPerson({ role: 'community_cadre', orgId: b.id })
  const w1 = await f.newPerson({ role: 'grid_worker', orgId: a1.id, name: '甲网格员' })
  const w2 = await f.newPerson({ role: 'grid_worker', orgId: a2.id, name: '乙网格员' })
  return { street, a, b, a1, a2, admin, cadreA, cadreB, w1, w2 }
}

describe('per-person assessment (人员考核)', () => {
  test('grid workers: 3 cases of which 2 on time is 66.67 % and red; visits and reports scored per month; ranked, with the trend', async () => {
    const w = await world()
    const cases = [await f.newCase(w.a1), await f.newCase(w.a1), await f.newCase(w.a1), await f.newCase(w.a2)]
    await handle(cases[0]!.id, w.w1, true)
    await handle(cases[1]!.id, w.w1, true)
    await handle(cases[2]!.id, w.w1, false)
    await handle(cases[3]!.id, w.w2, true)
    // w1 found and reported three of them (yellow: 2 to 3 a month) and made 8 visits (green).
    await t.query(sql`UPDATE cases SET reporter_id = ${w.w1.id} WHERE id IN (${cases[0]!.id}, ${cases[1]!.id}, ${cases[2]!.id})`)
    await visit(w.a1, w.w1, 8)
    // Last month w2 made 4 visits (yellow): the trend compares with that.
    const lastMonth = previousPeriod(period)
    await visit(w.a2, w.w2, 4, `'${lastMonth}-15T10:00:00+08:00'::timestamptz`)

    const res = await w.admin.client.get(`/api/v1/assessments/people?orgId=${w.street.id}&period=${period}&role=grid_worker`)
    assert.equal(res.statusCode, 200, res.body)
    const body = res.json()
    assert.equal(body.previous, lastMonth)
    assert.deepEqual(body.org, { id: w.street.id, name: w.street.name, kind: 'street' })
    assert.deepEqual(body.scorecard.map((l: { code: string; weight: number }) => [l.code, l.weight]), [['cases.on_time_rate', 40], ['visits.done', 40], ['cases.reported', 20]])
    assert.equal(body.total, 2)
    const [first, second] = body.items as Card[]
    assert.equal(first!.personId, w.w1.id)
    assert.equal(first!.orgName, w.a1.name)
    assert.deepEqual(first!.cells['cases.on_time_rate'], { value: 66.67, numerator: 2, denominator: 3, color: 'red', points: 0 })
    assert.deepEqual(first!.cells['visits.done'], { value: 8, color: 'green', points: 40 })
    assert.deepEqual(first!.cells['cases.reported'], { value: 3, color: 'yellow', points: 10 })
    assert.equal(first!.score, 50)
    assert.equal(first!.rank, 1)
    // Last month w1 did nothing: 0 of the two count lines (no cases handled: the rate is left out).
    assert.deepEqual([first!.previousScore, first!.trend], [0, 50])
    assert.deepEqual(second!.cells['cases.on_time_rate'], { value: 100, numerator: 1, denominator: 1, color: 'green', points: 40 })
    assert.deepEqual([second!.score, second!.rank], [40, 2])
    // Last month: 4 visits (yellow, 20 of 60 scored) → 33.3; now 40.
    assert.deepEqual([second!.previousScore, second!.trend], [33.3, 6.7])

    // A quarter multiplies the count cut-offs by its months: 8 visits is red against 12 for yellow.
    const quarter = `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5)) - 1) / 3) + 1}`
    const q = (await w.admin.client.get(`/api/v1/assessments/people?orgId=${w.street.id}&period=${quarter}&role=grid_worker`)).json()
    assert.deepEqual(q.scorecard.find((l: { code: string }) => l.code === 'visits.done'), { ...body.scorecard[1], green: 24, yellow: 12 })

    // Paged: one a page, the second page carries on the ranking.
    const p1 = (await w.admin.client.get(`/api/v1/assessments/people?orgId=${w.street.id}&period=${period}&role=grid_worker&limit=1`)).json()
    assert.deepEqual(p1.items.map((c: Card) => c.personId), [w.w1.id])
    const p2 = (await w.admin.client.get(`/api/v1/assessments/people?orgId=${w.street.id}&period=${period}&role=grid_worker&limit=1&cursor=${p1.nextCursor}`)).json()
    assert.deepEqual(p2.items.map((c: Card) => [c.personId, c.rank]), [[w.w2.id, 2]])
    assert.equal(p2.nextCursor, null)
    assert.equal(p2.total, undefined)

    // The community's cadre reads the same of their community; the other community has none.
    const own = (await w.cadreA.client.get(`/api/v1/assessments/people?period=${period}&role=grid_worker`)).json()
    assert.deepEqual([own.org.id, own.items.length], [w.a.id, 2])
    const none = (await w.cadreB.client.get(`/api/v1/assessments/people?period=${period}&role=grid_worker`)).json()
    assert.deepEqual([none.org.id, none.items, none.total, none.average], [w.b.id, [], 0, null])

    // The grid worker's own card, ranked among the community's grid workers.
    const mine = await w.w1.client.get(`/api/v1/assessments/people/me?period=${period}`)
    assert.equal(mine.statusCode, 200, mine.body)
    const [card] = mine.json().cards
    assert.deepEqual([card.role, card.community.id, card.of, card.card.score, card.card.rank], ['grid_worker', w.a.id, 2, 50, 1])
    assert.deepEqual(card.card.cells['cases.on_time_rate'].numerator, 2)

    // The export: same rows, the figure and its colour.
    const xlsx = await w.admin.client.get(`/api/v1/assessments/people/export.xlsx?orgId=${w.street.id}&period=${period}&role=grid_worker`)
    assert.equal(xlsx.statusCode, 200, xlsx.body)
    assert.match(String(xlsx.headers['content-disposition']), /filename\*=UTF-8''/)
    assert.ok(decodeURIComponent(String(xlsx.headers['content-disposition'])).includes(`人员考核-网格员-${w.street.name}-${period}.xlsx`))
    const book = new (await loadExcel()).Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('网格员考核')!
    assert.match(String(sheet.getCell('A1').value), new RegExp(`${w.street.name}.*网格员考核`))
    assert.deepEqual([sheet.getCell('A3').value, sheet.getCell('B3').value, sheet.getCell('D3').value, sheet.getCell('F3').value], [1, '甲网格员', 50, '66.67（2/3）'])
    assert.equal((sheet.getCell('F3').fill as { fgColor?: { argb?: string } }).fgColor?.argb, 'FFF8D0D0')
    assert.equal(sheet.getCell('B4').value, '乙网格员')
    assert.ok(book.getWorksheet('评分表'))
  })

  test('members: service hours, projects held and points earned; the member reads their own card, nobody else’s', async () => {
    const w = await world()
    const m1 = await member(w.a, w.cadreA, '丙党员')
    const m2 = await member(w.a, w.cadreA, '丁党员')
    const outside = await member(w.b, w.cadreB, '戊党员')
    // m1: 3 hours of time-bank service today (green ≥ 2), a project claimed this year (green), 30 points (green ≥ 20).
    await t.query(sql`INSERT INTO volunteers (person_id) VALUES (${m1.id}), (${m2.id})`)
    await t.query(sql`INSERT INTO time_bank_entries (org_id, giver_id, receiver_id, hours, served_on, note)
      VALUES (${w.a.id}, ${m1.id}, ${m2.id}, 3, (now() AT TIME ZONE 'Asia/Shanghai')::date, '陪同就医')`)
    const [post] = await t.query<{ id: string }>(sql`INSERT INTO community_posts (community_id, kind, title, capacity) VALUES (${w.a.id}, 'project', '楼道微更新', 5) RETURNING id::text`)
    await t.query(sql`INSERT INTO post_claims (post_id, member_id, year, claimed_by) VALUES (${post!.id}, ${m1.memberId}, ${Number(period.slice(0, 4))}, ${m1.id})`)
    await t.database.db.transaction((tx) => t.app.services.points.award(tx, { ruleCode: 'volunteer_hour', personId: m1.id, quantity: 3, orgId: t.fixtures.communityId, memo: '测试', idempotencyKey: `test:people:${m1.id}` }))
    const [{ earned }] = await t.query<{ earned: number }>(sql`SELECT balance::int AS earned FROM points_accounts WHERE person_id = ${m1.id}`) as [{ earned: number }]

    const res = await w.admin.client.get(`/api/v1/assessments/people?orgId=${w.street.id}&period=${period}&role=member`)
    assert.equal(res.statusCode, 200, res.body)
    const body = res.json()
    assert.deepEqual(body.items.map((c: Card) => [c.name, c.rank]), [['丙党员', 1], ['丁党员', 2], ['戊党员', 2]], 'members of both communities; equal scores share a rank')
    const ofA = (await w.cadreA.client.get(`/api/v1/assessments/people?period=${period}&role=member`)).json()
    assert.deepEqual(ofA.items.map((c: Card) => c.name), ['丙党员', '丁党员'], 'the community cadre’s list: their community’s members only')
    const [one, two] = body.items as Card[]
    assert.deepEqual(one!.cells['volunteers.hours'], { value: 3, color: 'green', points: 40 })
    assert.deepEqual(one!.cells['members.projects'], { value: 1, color: 'green', points: 30 })
    assert.equal(one!.cells['points.earned']!.value, earned)
    assert.equal(one!.cells['points.earned']!.color, earned >= 20 ? 'green' : earned >= 10 ? 'yellow' : 'red')
    assert.equal(one!.orgName, w.a.name)
    assert.deepEqual([two!.score, two!.cells['volunteers.hours']!.color], [0, 'red'])
    assert.equal(ofA.average, Math.round(((one!.score ?? 0) + 0) / 2 * 10) / 10)

    const mine = (await m1.client.get(`/api/v1/assessments/people/me?period=${period}`)).json()
    assert.deepEqual(mine.cards.map((c: { role: string; of: number; card: Card }) => [c.role, c.of, c.card.personId, c.card.rank]), [['member', 2, m1.id, 1]])
    // Someone neither a grid worker nor a registered member has no card.
    assert.deepEqual((await w.cadreA.client.get(`/api/v1/assessments/people/me?period=${period}`)).json().cards, [])
    // A member is no reader of the list; a community cadre is refused another community's.
    assert.equal((await m1.client.get(`/api/v1/assessments/people?orgId=${w.a.id}&period=${period}&role=member`)).statusCode, 403)
    const refused = await w.cadreA.client.get(`/api/v1/assessments/people?orgId=${w.b.id}&period=${period}&role=member`)
    assert.ok([403, 404].includes(refused.statusCode), refused.body)
    assert.ok([403, 404].includes((await w.cadreA.client.get(`/api/v1/assessments/people/export.xlsx?orgId=${w.b.id}&period=${period}&role=member`)).statusCode))
    assert.ok(!(await w.cadreB.client.get(`/api/v1/assessments/people?period=${period}&role=member`)).json().items.some((c: Card) => c.personId !== outside.id))
  })

  test('bad input is refused with the field named', async () => {
    const w = await world()
    for (const q of [`period=2026-13&role=member`, `period=${period}&role=resident`, `period=${period}`, `period=${period}&role=member&limit=0`, `period=${period}&role=member&orgId=abc`, `period=${period}&role=member&extra=1`]) {
      const res = await w.admin.client.get(`/api/v1/assessments/people?${q}`)
      assert.equal(res.statusCode, 400, `${q}: ${res.body}`)
    }
    const cursor = await w.admin.client.get(`/api/v1/assessments/people?period=${period}&role=member&cursor=nonsense`)
    assert.equal(cursor.statusCode, 400, cursor.body)
    const grid = await w.admin.client.get(`/api/v1/assessments/people?orgId=${w.a1.id}&period=${period}&role=grid_worker`)
    assert.equal(grid.statusCode, 422, grid.body)
    assert.equal(codeOf(grid), 'STATISTICS_NODE_KIND')
    assert.equal((await w.admin.client.get(`/api/v1/assessments/people/me?period=26-11`)).statusCode, 400)
    assert.equal((await t.anonymous.get(`/api/v1/assessments/people/me?period=${period}`)).statusCode, 401)
    assert.equal((await t.anonymous.get(`/api/v1/assessments/people?period=${period}&role=member`)).statusCode, 401)
  })
})
