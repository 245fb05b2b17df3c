// Manual awards (security review, issue 11): a cadre gives points only to people of their scope,
// never to themselves, capped per award and per day, and above a threshold only with a second
// person's approval (两人审核); every entry is listed for review. Races run on PostgreSQL too.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

/** An error body without its request id (every answer has its own), to compare two answers. */
const errorOf = (res: { json(): { error: Record<string, unknown> } }) => {
  const { requestId: _requestId, ...error } = res.json().error
  return error
}

let t: TestApp
let street: Client, district: Client, cadre: Client, grid: Client, resident: Client
let farPersonId: string

/** A person with a login (the demo password), holding `role` on `orgId`. */
async function makeLogin(username: string, role: string, orgId: string): Promise<{ id: string; client: Client }> {
  const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES (${'测试' + username}) RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${p!.id}, ${role}, ${orgId})`)
  await t.query(sql`INSERT INTO accounts (person_id, username, password_hash) SELECT ${p!.id}, ${username}, password_hash FROM accounts WHERE username = 'cadre'`)
  return { id: p!.id, client: await t.as(username) }
}

/** A resident of the demo grid's building with no points yet. */
async function neighbour(): Promise<string> {
  const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('手工积分测试居民') RETURNING id::text`)
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${p!.id}, 'resident', ${t.fixtures.buildingId})`)
  return p!.id
}

before(async () => {
  t = await startTestApp()
  ;[street, district, cadre, grid, resident] = await t.asEach('street', 'district', 'cadre', 'grid', 'resident')
  // A resident of another street (the demo's residents all live in the demo street).
  const [far] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('外街道居民甲') RETURNING id::text`)
  farPersonId = far!.id
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${farPersonId}, 'resident', ${t.fixtures.otherCommunityId})`)
})
after(() => t.close())

const body = (over: Record<string, unknown> = {}) => ({ personId: t.fixtures.personIds.resident, ruleCode: 'good_deed', quantity: 1, orgId: t.fixtures.communityId, reason: '帮助邻居修理水管', ...over })
const count = async (table: string) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n
const written = async () => `${await count('points_transactions')}/${await count('points_postings')}/${await count('points_manual_awards')}/${await count('points_accounts')}`
const balance = async (personId: string) => Number((await t.query<{ b: string }>(sql`SELECT balance::text AS b FROM points_accounts WHERE person_id = ${personId}`))[0]?.b ?? 0)

describe('who a manual award may name', () => {
  test('a cadre cannot award or deduct their own points', async () => {
    const before = await written()
    for (const ruleCode of ['good_deed', 'civic_violation']) {
      const res = await cadre.post('/api/v1/points/awards', body({ personId: t.fixtures.personIds.cadre, ruleCode }))
      assert.equal(res.statusCode, 403, res.body)
      assert.equal(res.json().error.code, 'POINTS_SELF_AWARD')
    }
    assert.equal(await written(), before)
  })

  test('a person of another street answers exactly like one who does not exist, and their name is not revealed', async () => {
    const [far] = await t.query<{ name: string }>(sql`SELECT name FROM people WHERE id = ${farPersonId}`)
    const before = await written()
    for (const ruleCode of ['good_deed', 'civic_violation']) {
      const elsewhere = await cadre.post('/api/v1/points/awards', body({ personId: farPersonId, ruleCode }))
      const missing = await cadre.post('/api/v1/points/awards', body({ personId: '999999999', ruleCode }))
      assert.equal(elsewhere.statusCode, 404, elsewhere.body)
      assert.equal(elsewhere.json().error.code, 'PERSON_NOT_FOUND')
      assert.deepEqual(errorOf(elsewhere), errorOf(missing))
      assert.ok(!elsewhere.body.includes(far!.name))
    }
    // Even in the name of the cadre's own community, and by a street admin of the demo street.
    assert.equal((await street.post('/api/v1/points/awards', body({ personId: farPersonId, orgId: t.fixtures.streetId }))).statusCode, 404)
    assert.equal(await written(), before)
  })

  test('a cadre of another community awards the people of their own scope only', async () => {
    const other = await makeLogin('manual_far_cadre', 'community_cadre', t.fixtures.otherCommunityId)
    const before = await written()
    const res = await other.client.post('/api/v1/points/awards', body({ orgId: t.fixtures.otherCommunityId }))
    assert.equal(res.statusCode, 404, res.body)
    assert.equal(res.json().error.code, 'PERSON_NOT_FOUND')
    assert.equal(await written(), before)
    assert.equal((await other.client.post('/api/v1/points/awards', body({ personId: farPersonId, orgId: t.fixtures.otherCommunityId }))).statusCode, 201,
      'a resident of their own community')
  })

  test('a unit the cadre acts for is refused, one outside the scope is not found', async () => {
    const [{ id: shop }, { id: farShop }] = await t.query<{ id: string }>(sql`INSERT INTO units (name, kind, org_id) VALUES
      ('手工积分测试商户', 'merchant', ${t.fixtures.communityId}), ('外街道测试商户', 'merchant', ${t.fixtures.otherStreetId}) RETURNING id::text`) as [{ id: string }, { id: string }]
    await t.query(sql`INSERT INTO unit_people (unit_id, person_id, role) VALUES (${shop}, ${t.fixtures.personIds.cadre}, 'staff')`)
    const before = await written()
    const own = await cadre.post('/api/v1/points/awards', body({ personId: undefined, unitId: shop }))
    assert.equal(own.statusCode, 403, own.body)
    assert.equal(own.json().error.code, 'POINTS_SELF_AWARD')
    const far = await cadre.post('/api/v1/points/awards', body({ personId: undefined, unitId: farShop }))
    assert.equal(far.statusCode, 404, far.body)
    assert.deepEqual(errorOf(far), errorOf(await cadre.post('/api/v1/points/awards', body({ personId: undefined, unitId: '999999999' }))))
    assert.equal(await written(), before)
    assert.equal((await street.post('/api/v1/points/awards', body({ personId: undefined, unitId: shop }))).statusCode, 201, 'someone else may')
  })

  test('a cadre does not reverse a deduction from their own account', async () => {
    await t.database.db.transaction((tx) => t.app.services.points.award(tx, { ruleCode: 'volunteer_hour', personId: t.fixtures.personIds.cadre!, quantity: 3, orgId: t.fixtures.gridId, memo: '测试', idempotencyKey: 'test:manual:cadre-seed' }))
    const deducted = await street.post('/api/v1/points/awards', body({ personId: t.fixtures.personIds.cadre, ruleCode: 'civic_violation' }))
    assert.equal(deducted.statusCode, 201, deducted.body)
    const res = await cadre.post(`/api/v1/points/transactions/${deducted.json().id}/reverse`, { reason: '我不认可' })
    assert.equal(res.statusCode, 403, res.body)
    assert.equal(res.json().error.code, 'POINTS_SELF_AWARD')
  })
})

describe('caps and the second person’s approval', () => {
  test('one award is capped (POINTS_MANUAL_MAX_PER_AWARD, 500 by default)', async () => {
    const before = await written()
    const res = await cadre.post('/api/v1/points/awards', body({ quantity: 20 }))
    assert.equal(res.statusCode, 422, res.body)
    assert.equal(res.json().error.code, 'POINTS_MANUAL_AWARD_TOO_LARGE')
    assert.match(res.json().error.message, /500/)
    assert.equal(await written(), before)
  })

  test('above the threshold an award waits, posting nothing, until someone else approves it; then it posts once', async () => {
    const person = await neighbour()
    const transactions = await count('points_transactions')
    const res = await cadre.post('/api/v1/points/awards', body({ personId: person, quantity: 5, reason: '长期义务照看独居老人' }))
    assert.equal(res.statusCode, 202, res.body)
    const pending = res.json()
    assert.equal(pending.status, 'pending')
    assert.equal(pending.points, 250)
    assert.equal(pending.transactionId, null)
    assert.equal(pending.canDecide, false, 'not by who entered it')
    assert.equal(await balance(person), 0)
    assert.equal(await count('points_transactions'), transactions)

    const listed = (await street.get(`/api/v1/points/manual-awards?status=pending&orgId=${t.fixtures.communityId}&limit=200`)).json().items as { id: string; canDecide: boolean }[]
    assert.equal(listed.find((m) => m.id === pending.id)?.canDecide, true)
    assert.ok(!(await cadre.get('/api/v1/points/manual-awards?status=posted&limit=200')).json().items.some((m: { id: string }) => m.id === pending.id))

    const self = await cadre.post(`/api/v1/points/manual-awards/${pending.id}/approve`)
    assert.equal(self.statusCode, 403)
    assert.equal(self.json().error.code, 'POINTS_APPROVAL_SELF')
    assert.equal((await grid.post(`/api/v1/points/manual-awards/${pending.id}/approve`)).statusCode, 404, 'grid staff do not review awards')
    assert.equal((await resident.post(`/api/v1/points/manual-awards/${pending.id}/approve`)).statusCode, 404)
    assert.equal(await balance(person), 0)

    const approved = await street.post(`/api/v1/points/manual-awards/${pending.id}/approve`)
    assert.equal(approved.statusCode, 200, approved.body)
    assert.equal(approved.json().status, 'posted')
    assert.equal(approved.json().decidedBy.id, t.fixtures.personIds.street)
    assert.equal(await balance(person), 250)
    const tx = (await street.get(`/api/v1/points/transactions/${approved.json().transactionId}`)).json()
    assert.equal(tx.createdBy.id, t.fixtures.personIds.cadre, 'the transaction names who entered it')
    const again = await district.post(`/api/v1/points/manual-awards/${pending.id}/approve`)
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'POINTS_MANUAL_AWARD_DECIDED')
    assert.equal(await balance(person), 250)
    const [audit] = await t.query<{ actor: string }>(sql`SELECT actor_person_id::text AS actor FROM audit_log WHERE action = 'points.manual_approve' AND entity_id = ${pending.id}`)
    assert.equal(audit!.actor, t.fixtures.personIds.street)
  })

  test('a pending award is rejected with a reason and posts nothing; a retry of its key answers the entry', async () => {
    const person = await neighbour()
    const entry = { personId: person, quantity: 6, reason: '组织楼道大扫除', idempotencyKey: 'manual-reject-0001' }
    const pending = (await cadre.post('/api/v1/points/awards', body(entry))).json()
    assert.equal((await street.post(`/api/v1/points/manual-awards/${pending.id}/reject`, { reason: '' })).statusCode, 400)
    const rejected = await street.post(`/api/v1/points/manual-awards/${pending.id}/reject`, { reason: '分值过高，请按次登记' })
    assert.equal(rejected.statusCode, 200, rejected.body)
    assert.equal(rejected.json().status, 'rejected')
    assert.equal(rejected.json().rejectReason, '分值过高，请按次登记')
    assert.equal((await street.post(`/api/v1/points/manual-awards/${pending.id}/approve`)).json().error.code, 'POINTS_MANUAL_AWARD_DECIDED')
    assert.equal(await balance(person), 0)
    const retry = await cadre.post('/api/v1/points/awards', body(entry))
    assert.equal(retry.statusCode, 202)
    assert.equal(retry.json().id, pending.id)
    assert.equal(retry.json().status, 'rejected')
  })

  test('a deduction above the threshold waits too, and its approval is refused while the balance is short', async () => {
    const person = await neighbour()
    await t.database.db.transaction((tx) => t.app.services.points.award(tx, { ruleCode: 'volunteer_hour', personId: person, quantity: 10, orgId: t.fixtures.gridId, memo: '测试', idempotencyKey: `test:manual:seed:${person}` }))
    const pending = await cadre.post('/api/v1/points/awards', body({ personId: person, ruleCode: 'civic_violation', quantity: 11, reason: '多次违规饲养家禽' }))
    assert.equal(pending.statusCode, 202, pending.body)
    assert.equal(pending.json().direction, 'deduct')
    const short = await street.post(`/api/v1/points/manual-awards/${pending.json().id}/approve`)
    assert.equal(short.statusCode, 422, short.body)
    assert.equal(short.json().error.code, 'POINTS_BALANCE_INSUFFICIENT')
    assert.equal((await street.get(`/api/v1/points/manual-awards/${pending.json().id}`)).json().status, 'pending')
    assert.equal(await balance(person), 100)
  })

  test('one person’s entries of a day are capped (POINTS_MANUAL_MAX_PER_DAY, 2000 by default), pending ones included, rejected ones not', async () => {
    const awarder = await makeLogin('manual_daily_cadre', 'community_cadre', t.fixtures.communityId)
    const person = await neighbour()
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      const res = await awarder.client.post('/api/v1/points/awards', body({ personId: person, quantity: 10, reason: `第 ${i + 1} 件好事` }))
      assert.equal(res.statusCode, 202, res.body)
      ids.push(res.json().id)
    }
    const before = await written()
    const over = await awarder.client.post('/api/v1/points/awards', body({ personId: person, reason: '再一件好事' }))
    assert.equal(over.statusCode, 422, over.body)
    assert.equal(over.json().error.code, 'POINTS_MANUAL_DAILY_CAP')
    assert.match(over.json().error.message, /2000/)
    assert.equal(await written(), before)
    await street.post(`/api/v1/points/manual-awards/${ids[0]}/reject`, { reason: '重复登记' })
    assert.equal((await awarder.client.post('/api/v1/points/awards', body({ personId: person, reason: '再一件好事' }))).statusCode, 201)
  })

  test('the review list is scoped: a cadre of another community sees none of these, a resident nothing, and a far org is not found', async () => {
    const other = await makeLogin('manual_list_cadre', 'community_cadre', t.fixtures.otherCommunityId)
    const mine = (await cadre.get('/api/v1/points/manual-awards?limit=200')).json().items as { org: { id: string } }[]
    assert.ok(mine.length > 0)
    assert.ok((await other.client.get('/api/v1/points/manual-awards?limit=200')).json().items.every((m: { org: { id: string } }) => m.org.id === t.fixtures.otherCommunityId))
    assert.deepEqual((await resident.get('/api/v1/points/manual-awards')).json().items, [])
    const far = await cadre.get(`/api/v1/points/manual-awards?orgId=${t.fixtures.otherCommunityId}`)
    assert.equal(far.statusCode, 404)
    assert.deepEqual(errorOf(far), errorOf(await cadre.get('/api/v1/points/manual-awards?orgId=999999999')))
    const first = mine[0] as unknown as { id: string }
    assert.equal((await other.client.get(`/api/v1/points/manual-awards/${first.id}`)).statusCode, 404)
  })
})

describe('races (run on PostgreSQL as well)', () => {
  test('two approvals at once post once', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const person = await neighbour()
    const pending = (await cadre.post('/api/v1/points/awards', body({ personId: person, quantity: 8, reason: '义务修缮健身器材' }))).json()
    const results = await Promise.all([street.post(`/api/v1/points/manual-awards/${pending.id}/approve`), district.post(`/api/v1/points/manual-awards/${pending.id}/approve`)])
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409])
    assert.equal(await balance(person), 400)
    const [n] = await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_transactions WHERE idempotency_key = ${`manual_award:${pending.id}`}`)
    assert.equal(n!.n, 1)
  })

  test('concurrent awards of one person never pass the day’s cap together', { skip: process.env.LINLI_TEST_DB === 'postgres' ? false : 'a race needs PostgreSQL: PGlite has one connection and serialises transactions' }, async () => {
    const awarder = await makeLogin('manual_race_cadre', 'community_cadre', t.fixtures.communityId)
    const person = await neighbour()
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      awarder.client.post('/api/v1/points/awards', body({ personId: person, quantity: 5, reason: `并发录入第 ${i + 1} 件` }))))
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [202, 202, 202, 202, 202, 202, 202, 202, 422, 422])
    const [sum] = await t.query<{ s: string }>(sql`SELECT sum(points)::text AS s FROM points_manual_awards WHERE awarded_by = ${awarder.id}`)
    assert.equal(Number(sum!.s), 2000)
  })
})
