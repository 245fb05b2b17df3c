// Private entries and idempotency keys (security review, issue 11). The award of an anonymous case
// report must not tell staff who made the report: whoever reads someone else's account, postings
// or transaction sees a neutral memo; the person it paid sees their own. And an idempotency key
// reused with a different body is refused instead of answering the first request.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { startTestApp, type Client, type TestApp } from '../../../../test/support/app.ts'

let t: TestApp
let street: Client, cadre: Client, grid: Client, resident: Client
let reporterId: string, reporter: Client

before(async () => {
  t = await startTestApp()
  ;[street, cadre, grid, resident] = await t.asEach('street', 'cadre', 'grid', 'resident')
  const [p] = await t.query<{ id: string }>(sql`INSERT INTO people (name) VALUES ('匿名上报人') RETURNING id::text`)
  reporterId = p!.id
  await t.query(sql`INSERT INTO role_assignments (person_id, role, org_id) VALUES (${reporterId}, 'resident', ${t.fixtures.buildingId})`)
  await t.query(sql`INSERT INTO accounts (person_id, username, password_hash) SELECT ${reporterId}, 'private_reporter', password_hash FROM accounts WHERE username = 'cadre'`)
  reporter = await t.as('private_reporter')
})
after(() => t.close())

const MEMO = '上报事件经核实：三号楼楼道堆放杂物堵塞消防通道'
const count = async (table: string) => (await t.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n
const written = async () => `${await count('points_transactions')}/${await count('points_postings')}/${await count('points_manual_awards')}/${await count('points_redemptions')}`

describe('a private award (the award of an anonymous report)', () => {
  let transactionId: string
  let accountId: string

  before(async () => {
    const paid = await t.database.db.transaction((tx) => t.app.services.points.award(tx, {
      ruleCode: 'case_report_verified', personId: reporterId, quantity: 1, orgId: t.fixtures.gridId, memo: MEMO, idempotencyKey: 'case_report_verified:424242', private: true,
    }))
    transactionId = paid!.transactionId
    accountId = (await t.query<{ id: string }>(sql`SELECT id::text FROM points_accounts WHERE person_id = ${reporterId}`))[0]!.id
  })

  test('staff listing and reading the account, its postings and the transaction see a neutral entry, no memo, rule or moment', async () => {
    for (const staff of [grid, cadre, street]) {
      const listed = (await staff.get(`/api/v1/points/accounts?orgId=${t.fixtures.gridId}&ownerKind=person&limit=200`)).json().items as { id: string }[]
      assert.ok(listed.some((a) => a.id === accountId))
      for (const url of [`/api/v1/points/accounts/${accountId}`, `/api/v1/points/accounts/${accountId}/postings`, `/api/v1/points/transactions/${transactionId}`]) {
        const res = await staff.get(url)
        assert.equal(res.statusCode, 200, res.body)
        assert.ok(!res.body.includes('上报事件') && !res.body.includes('case_report') && !res.body.includes('424242'), `${url}: ${res.body}`)
      }
      const posting = (await staff.get(`/api/v1/points/accounts/${accountId}/postings`)).json().items.find((p: { transactionId: string }) => p.transactionId === transactionId)
      assert.equal(posting.memo, '积分奖励')
      assert.equal(posting.rule, null)
      assert.match(posting.createdAt, /T16:00:00\.000Z$/, 'the day (China time), not the moment')
      const tx = (await staff.get(`/api/v1/points/transactions/${transactionId}`)).json()
      assert.deepEqual([tx.memo, tx.rule, tx.quantity], ['积分奖励', null, null])
    }
    const issuer = (await street.get('/api/v1/points/accounts?ownerKind=org&limit=200')).json().items.find((a: { owner: { id: string } }) => a.owner.id === t.fixtures.streetId)
    const issuerPostings = await street.get(`/api/v1/points/accounts/${issuer.id}/postings?limit=200`)
    assert.ok(!issuerPostings.body.includes(MEMO), 'nor in the issuer’s postings')
  })

  test('the person it paid sees their own memo', async () => {
    const mine = (await reporter.get('/api/v1/points/accounts/me')).json()
    const posting = mine.postings.items.find((p: { transactionId: string }) => p.transactionId === transactionId)
    assert.equal(posting.memo, MEMO)
    assert.equal(posting.rule.code, 'case_report_verified')
    const own = (await reporter.get(`/api/v1/points/accounts/${accountId}/postings`)).json().items[0]
    assert.equal(own.memo, MEMO)
    assert.equal((await reporter.get(`/api/v1/points/transactions/${transactionId}`)).json().memo, MEMO)
  })

  test('its reversal is as private', async () => {
    const rev = await cadre.post(`/api/v1/points/transactions/${transactionId}/reverse`, { reason: '核实有误' })
    assert.equal(rev.statusCode, 201, rev.body)
    assert.equal(rev.json().memo, '积分冲正')
    const seen = (await grid.get(`/api/v1/points/accounts/${accountId}/postings`)).json().items.find((p: { transactionId: string }) => p.transactionId === rev.json().id)
    assert.equal(seen.memo, '积分冲正')
    const own = (await reporter.get(`/api/v1/points/accounts/${accountId}/postings`)).json().items.find((p: { transactionId: string }) => p.transactionId === rev.json().id)
    assert.equal(own.memo, '冲正：核实有误')
  })

  test('an ordinary award stays readable in full', async () => {
    const res = await cadre.post('/api/v1/points/awards', { personId: reporterId, ruleCode: 'good_deed', orgId: t.fixtures.communityId, reason: '帮助邻居搬家' })
    assert.equal(res.statusCode, 201, res.body)
    const seen = (await grid.get(`/api/v1/points/accounts/${accountId}/postings`)).json().items.find((p: { transactionId: string }) => p.transactionId === res.json().id)
    assert.equal(seen.memo, '帮助邻居搬家')
  })
})

describe('an idempotency key reused with a different body', () => {
  test('a manual award: 409 IDEMPOTENCY_KEY_REUSED and nothing written; the same body again answers the first', async () => {
    const entry = { personId: t.fixtures.personIds.resident, ruleCode: 'good_deed', quantity: 1, orgId: t.fixtures.communityId, reason: '清理小区绿化带', idempotencyKey: 'reuse-award-0001' }
    const first = await cadre.post('/api/v1/points/awards', entry)
    assert.equal(first.statusCode, 201, first.body)
    const before = await written()
    for (const change of [{ reason: '清理小区绿化带和楼道' }, { quantity: 2 }, { personId: reporterId }, { ruleCode: 'civic_violation' }]) {
      const res = await cadre.post('/api/v1/points/awards', { ...entry, ...change })
      assert.equal(res.statusCode, 409, `${JSON.stringify(change)}: ${res.body}`)
      assert.equal(res.json().error.code, 'IDEMPOTENCY_KEY_REUSED')
      assert.ok(res.json().error.message)
    }
    assert.equal(await written(), before)
    const again = await cadre.post('/api/v1/points/awards', entry)
    assert.equal(again.statusCode, 200)
    assert.equal(again.json().id, first.json().id)
  })

  test('a redemption: 409 IDEMPOTENCY_KEY_REUSED, no stock or points taken; the same body again answers the first', async () => {
    await t.database.db.transaction((tx) => t.app.services.points.award(tx, { ruleCode: 'volunteer_hour', personId: t.fixtures.personIds.resident!, quantity: 10, orgId: t.fixtures.gridId, memo: '测试', idempotencyKey: 'test:reuse:seed' }))
    const reward = (await cadre.post('/api/v1/points/rewards', { name: '幂等测试商品', points: 10, stock: 10, orgId: t.fixtures.communityId })).json()
    const other = (await cadre.post('/api/v1/points/rewards', { name: '幂等测试商品二', points: 10, stock: 10, orgId: t.fixtures.communityId })).json()
    const first = await resident.post('/api/v1/points/redemptions', { rewardId: reward.id, quantity: 1, idempotencyKey: 'reuse-redeem-0001' })
    assert.equal(first.statusCode, 201, first.body)
    const before = await written()
    for (const change of [{ quantity: 2 }, { rewardId: other.id }]) {
      const res = await resident.post('/api/v1/points/redemptions', { rewardId: reward.id, quantity: 1, idempotencyKey: 'reuse-redeem-0001', ...change })
      assert.equal(res.statusCode, 409, res.body)
      assert.equal(res.json().error.code, 'IDEMPOTENCY_KEY_REUSED')
    }
    assert.equal(await written(), before)
    assert.equal((await resident.get(`/api/v1/points/rewards/${other.id}`)).json().stock, 10)
    const again = await resident.post('/api/v1/points/redemptions', { rewardId: reward.id, quantity: 1, idempotencyKey: 'reuse-redeem-0001' })
    assert.equal(again.statusCode, 200)
    assert.equal(again.json().id, first.json().id)
    assert.equal((await resident.get(`/api/v1/points/rewards/${reward.id}`)).json().stock, 9)
  })
})
